import type { Rule } from '../../../src/model/rule.js';
import { aptInstall, headRange, type Invocation, packageInstall, runInstructions } from './lib.js';

/** Commands that neither install nor depend on what the update fetched: they cannot make the update useful. */
const INERT = new Set(['set', 'echo', 'printf', 'true', ':', 'rm', 'sleep', 'cat', 'ls', 'exit', 'mkdir', 'chmod', 'chown', 'ln', 'adduser', 'addgroup', 'useradd', 'groupadd', 'usermod']);

/** The package family whose index (or packages) this command refreshes: `apt-get update`, `apk update`, `dnf update`, `zypper refresh`. */
function updateFamily(inv: Invocation): string | undefined {
  const sub = inv.args.find((a) => !a.startsWith('-'));
  if (sub === 'update' && (inv.program === 'apt-get' || inv.program === 'apt' || inv.program === 'aptitude')) return 'apt';
  if (sub === 'update' && inv.program === 'apk') return 'apk';
  if (sub === 'update' && /^(yum|dnf|dnf5|microdnf|tdnf)$/.test(inv.program)) return 'rpm';
  if ((sub === 'refresh' || sub === 'ref') && inv.program === 'zypper') return 'zypper';
  return undefined;
}

/** The package family this command installs from, if it installs. */
function installFamily(inv: Invocation): string | undefined {
  if (aptInstall(inv)) return 'apt';
  if (inv.program === 'aptitude' && inv.args.includes('install')) return 'apt';
  const cmd = packageInstall(inv);
  if (!cmd) return undefined;
  if (cmd.manager === 'apk') return 'apk';
  if (cmd.manager === 'zypper') return 'zypper';
  if (['yum', 'dnf', 'microdnf', 'tdnf'].includes(cmd.manager)) return 'rpm';
  return undefined;
}

/** Does this RUN fetch a fresh index itself before installing? */
function refreshes(invs: Invocation[], family: string | undefined): boolean {
  if (invs.some((inv) => updateFamily(inv) === family)) return true;
  if (family !== 'apk') return false;
  return invs.some((inv) => inv.program === 'apk' && inv.args.some((a) => a === '-U' || a === '--update-cache' || a === '--update' || a === '--no-cache' || /^-[a-zA-Z]*U/.test(a)));
}

/** A command that only cleans up (`apt-get clean`, `apk cache clean`): it does not use the index either. */
function isCleanup(inv: Invocation): boolean {
  const sub = inv.args.find((a) => !a.startsWith('-'));
  return (inv.program === 'apt-get' || inv.program === 'apt') && (sub === 'clean' || sub === 'autoclean') || (inv.program === 'apk' && sub === 'cache');
}

/** `RUN apt-get update` on its own: the layer is cached, so later installs use a stale index. */
const rule: Rule = {
  meta: {
    id: 'iac/dockerfile-update-alone',
    title: 'Package index update in a RUN of its own',
    description:
      'A `RUN apt-get update` (or `apk update`, `dnf update`, `zypper refresh`) with no install in the same instruction is cached as its own layer. Later builds reuse that layer, so the installs in the following RUN instructions work from an index (or packages) of whenever the cache was made: they install outdated packages (missing security fixes) or fail when the mirror has moved on. Update and install belong in one RUN. Reported when a later RUN installs with the same package manager.',
    severity: 'low',
    kinds: ['dockerfile'],
    messages: {
      alone: '`{{command}}` runs in a RUN with no install, so its cached layer leaves later installs with a stale package index (expected `{{command}} && {{install}} …` in one RUN); combine the update with the install.',
    },
    remediation: 'Combine them: `RUN apt-get update && apt-get install -y --no-install-recommends <packages> && rm -rf /var/lib/apt/lists/*`, or `RUN apk add --no-cache <packages>` (which needs no separate update).',
    references: [
      'https://docs.docker.com/build/building/best-practices/#apt-get',
      'https://docs.prismacloud.io/en/enterprise-edition/policy-reference/docker-policies/docker-policy-index/ensure-update-instructions-are-not-used-alone-in-the-dockerfile',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['10'], caf: ['B4'] },
    equivalents: { checkov: ['CKV_DOCKER_5'], kics: ['9bae49be-0aa3-4de5-bab2-4c3a069e40cd'], trivy: ['AVD-DS-0017'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    if (ctx.document.format !== 'dockerfile') return;
    const df = ctx.document.dockerfile;
    const runs = [...runInstructions(df)].map(({ inst, parsed }) => ({ inst, invs: parsed.pipelines.flat() }));
    runs.forEach(({ inst, invs }, i) => {
      const update = invs.find((inv) => updateFamily(inv) !== undefined);
      if (!update) return;
      const family = updateFamily(update);
      // Anything else (an install, a script, make) may use the fresh index: only report a RUN that cannot.
      if (invs.some((inv) => updateFamily(inv) === undefined && !isCleanup(inv) && !INERT.has(inv.program))) return;
      // The stale index only matters to a later RUN that installs from it.
      // (and does not refresh it itself: `apt-get update && apt-get install`, `apk add -U` / `--no-cache`).
      const stale = runs.slice(i + 1).some((r) => r.invs.some((inv) => installFamily(inv) === family) && !refreshes(r.invs, family));
      if (!stale) return;
      const command = [update.program, update.args.find((a) => !a.startsWith('-')) ?? ''].join(' ');
      const install = family === 'apk' ? 'apk add' : family === 'zypper' ? 'zypper install -y' : `${update.program} install -y`;
      ctx.report({ messageId: 'alone', range: headRange(inst), data: { command, install } });
    });
  },
};
export default rule;
