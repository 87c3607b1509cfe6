import type { Instruction } from 'dockerfile-ast';
import type { Rule } from '../../../src/model/rule.js';
import { aptInstall, finalStageChain, globalArgs, hasCacheMount, headRange, type Invocation, packageInstall, propertiesOf, runPipelines, stagesOf } from './lib.js';

type Kind = 'apt' | 'pip' | 'apk' | 'rpm' | 'zypper';

/** `rm` (or `find … -delete`) of one of these paths in the same RUN removes the cache. */
const CACHE_PATHS: Record<Kind, RegExp> = {
  apt: /^\/var\/lib\/apt\/lists(\/\*?)?$|^\/var\/lib\/apt(\/\*?)?$/,
  pip: /^(~|\$HOME|\$\{HOME\}|\/root)\/\.cache(\/pip)?(\/\*?)?$|^\/tmp\/pip/,
  apk: /^\/var\/cache\/apk(\/\*?)?$|^\/etc\/apk\/cache(\/\*?)?$/,
  rpm: /^\/var\/cache\/(yum|dnf|libdnf5)(\/\*?)?$/,
  zypper: /^\/var\/cache\/zypp(\/\*?)?$/,
};
const MOUNT_TARGETS: Record<Kind, RegExp> = {
  apt: /^\/var\/lib\/apt/,
  pip: /\/\.cache(\/pip)?\/?$/,
  apk: /^\/(var\/cache\/apk|etc\/apk\/cache)/,
  rpm: /^\/var\/cache\/(yum|dnf|libdnf5)/,
  zypper: /^\/var\/cache\/zypp/,
};

function removes(invs: Invocation[], kind: Kind): boolean {
  return invs.some((inv) => (inv.program === 'rm' || inv.program === 'find') && inv.args.some((a) => CACHE_PATHS[kind].test(a)));
}

function cleans(invs: Invocation[], kind: Kind): boolean {
  if (removes(invs, kind)) return true;
  if (kind === 'rpm') return invs.some((inv) => /^(yum|dnf|dnf5|microdnf|tdnf)$/.test(inv.program) && inv.args.includes('clean') && inv.args.includes('all'));
  if (kind === 'zypper') return invs.some((inv) => inv.program === 'zypper' && inv.args.some((a) => a === 'clean' || a === 'cc'));
  if (kind === 'pip') return invs.some((inv) => /^pip[0-9.]*$/.test(inv.program) && inv.args[0] === 'cache' && inv.args[1] === 'purge');
  return false;
}

/** What a command leaves in the layer, if anything, with the subcommand that does it. */
function leftover(inv: Invocation, pipEnv: boolean): { kind: Kind; subcommand: string } | undefined {
  const apt = aptInstall(inv);
  if (apt) return apt.packages.length > 0 ? { kind: 'apt', subcommand: 'install' } : undefined;
  const cmd = packageInstall(inv);
  if (!cmd) return undefined;
  const subcommand = cmd.subcommand;
  if (cmd.manager === 'pip' && inv.program !== 'uv') {
    const off = pipEnv || cmd.options.some((o) => o === '--no-cache-dir' || o.startsWith('--no-cache-dir=')) || inv.assignments.some((a) => a.startsWith('PIP_NO_CACHE_DIR='));
    return off ? undefined : { kind: 'pip', subcommand };
  }
  if (cmd.manager === 'apk') return cmd.options.includes('--no-cache') ? undefined : { kind: 'apk', subcommand };
  if (cmd.manager === 'yum' || cmd.manager === 'dnf' || cmd.manager === 'microdnf' || cmd.manager === 'tdnf') return { kind: 'rpm', subcommand };
  if (cmd.manager === 'zypper') return { kind: 'zypper', subcommand };
  return undefined;
}

/** Package caches written in a RUN and not removed in that same RUN stay in the image for good. */
const rule: Rule = {
  meta: {
    id: 'iac/dockerfile-package-cache-kept',
    title: 'Package manager cache left in the image',
    description:
      'Each RUN is a layer: files it leaves behind ship with the image even if a later RUN deletes them. apt lists (`/var/lib/apt/lists`), pip\'s wheel cache, apk\'s index and the yum/dnf/zypper caches add tens to hundreds of megabytes that slow every pull and deployment and carry stale package metadata. Only the stages that end up in the final image are checked; BuildKit cache mounts (`RUN --mount=type=cache`) are recognised. The clean-up must come after the last install of the RUN: `yum clean all && yum install …` or `dnf install a && dnf clean all && dnf install b` still leave a cache.',
    severity: 'info',
    kinds: ['dockerfile'],
    messages: {
      apt: '`{{command}}` leaves the apt lists in the layer (expected `&& rm -rf /var/lib/apt/lists/*` in the same RUN); remove them in the same RUN.',
      pip: '`{{command}}` keeps pip\'s download cache in the layer (expected `--no-cache-dir` or `ENV PIP_NO_CACHE_DIR=1`); add `--no-cache-dir`.',
      apk: '`{{command}}` keeps the apk index in the layer (expected `apk add --no-cache`); use `--no-cache`.',
      rpm: '`{{command}}` leaves the package cache in the layer (expected `&& {{tool}} clean all` in the same RUN); clean it in the same RUN.',
      zypper: '`{{command}}` leaves the zypper cache in the layer (expected `&& zypper clean --all` in the same RUN); clean it in the same RUN.',
    },
    remediation: 'Clean up in the same RUN as the install: `apt-get install … && rm -rf /var/lib/apt/lists/*`, `pip install --no-cache-dir …`, `apk add --no-cache …`, `yum install -y … && yum clean all`, `dnf install -y … && dnf clean all`, `zypper install -y … && zypper clean --all`; or use a BuildKit cache mount.',
    references: [
      'https://docs.docker.com/build/building/best-practices/#apt-get',
      'https://github.com/hadolint/hadolint/wiki/DL3009',
      'https://github.com/hadolint/hadolint/wiki/DL3042',
      'https://github.com/hadolint/hadolint/wiki/DL3019',
      'https://github.com/hadolint/hadolint/wiki/DL3032',
      'https://github.com/hadolint/hadolint/wiki/DL3040',
      'https://github.com/hadolint/hadolint/wiki/DL3036',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['7'], caf: ['B4'] },
    equivalents: {
      hadolint: ['DL3009', 'DL3042', 'DL3019', 'DL3032', 'DL3040', 'DL3036'],
      kics: ['df746b39-6564-4fed-bf85-e9c44382303c', 'f2f903fb-b977-461e-98d7-b3e2185c6118', 'ae9c56a6-3ed1-4ac0-9b54-31267f51151d', '00481784-25aa-4a55-8633-3136dfcf4f37', '295acb63-9246-4b21-b441-7c1f1fb62dc0', '38300d1a-feb2-4a48-936a-d1ef1cd24313'],
      trivy: ['AVD-DS-0015', 'AVD-DS-0019', 'AVD-DS-0020', 'AVD-DS-0025', 'AVD-DS-0027'],
    },
    since: '0.1.0',
  },
  check(ctx) {
    if (ctx.document.format !== 'dockerfile') return;
    const df = ctx.document.dockerfile;
    const stages = stagesOf(df);
    if (stages.length === 0) return;
    const chain = finalStageChain(stages, globalArgs(df));
    const all: Instruction[] = [...df.getInitialARGs(), ...chain.flatMap((s) => s.instructions)];
    const pipEnv = all.some((i) => (i.getKeyword() === 'ENV' || i.getKeyword() === 'ARG') && propertiesOf(i).some((p) => p.getName() === 'PIP_NO_CACHE_DIR' && (p.getValue() ?? '') !== ''));
    const escape = df.getEscapeCharacter();
    for (const stage of [...chain].reverse()) {
      for (const inst of stage.instructions) {
        if (inst.getKeyword() !== 'RUN') continue;
        const parsed = runPipelines(inst, escape);
        if (!parsed) continue;
        const invs = parsed.pipelines.flat();
        for (const [i, inv] of invs.entries()) {
          // `export PIP_NO_CACHE_DIR=1 && pip install …` turns the cache off for the rest of the RUN.
          const exported = invs.slice(0, i).some((e) => e.program === 'export' && e.args.some((a) => /^PIP_NO_CACHE_DIR=.+/.test(a)));
          const left = leftover(inv, pipEnv || exported);
          // Only a clean-up after the install empties the cache it filled (`yum clean all && yum install` does not).
          if (!left || cleans(invs.slice(i + 1), left.kind) || hasCacheMount(inst, MOUNT_TARGETS[left.kind])) continue;
          const kind = left.kind;
          const command = /^python[0-9.]*$/.test(inv.program) ? `${inv.program} -m pip install` : `${inv.program} ${left.subcommand}`;
          ctx.report({ messageId: kind, range: headRange(inst), data: { command, tool: inv.program } });
          break;
        }
      }
    }
  },
};
export default rule;
