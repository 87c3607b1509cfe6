import type { Rule } from '../../../src/model/rule.js';
import type { Instruction } from 'dockerfile-ast';
import { baseImageOf, basename, finalStageChain, findOption, globalArgs, rangeOf, stagesOf, substitute, type Stage } from './lib.js';

const ROOT_NAMES = new Set(['root', '0', 'containeradministrator']);

/**
 * Public base images whose own Dockerfile ends with a non-root USER, so an image built FROM them runs
 * as that user unless it switches back: DEFRA's Node.js parents (`defradigital/node` and
 * `defradigital/node-development`, built by DEFRA/defra-docker-node, `USER node`) and the HMCTS
 * platform bases (`hmctspublic.azurecr.io/base/java` and `base/node`, built by hmcts/cnp-java-base and
 * hmcts/cnp-node-base, `USER hmcts`). Matched on the repository name; any tag or digest.
 */
const NON_ROOT_BASE_IMAGES = [/^(?:docker\.io\/)?defradigital\/node(?:-development)?$/i, /^hmctspublic\.azurecr\.io\/base\/(?:java|node)$/i];

/** Whether the image reference names one of {@link NON_ROOT_BASE_IMAGES} (with any tag or digest). */
function isNonRootBaseImage(image: string): boolean {
  const name = image.trim().replace(/@.*$/, '').replace(/:[^/:]*$/, '');
  return NON_ROOT_BASE_IMAGES.some((re) => re.test(name));
}

function isRootUser(user: string): boolean {
  const name = user.split(':')[0].trim().toLowerCase();
  // A numeric user is read as an integer, so `000`, `+0` and `-0` are all UID 0.
  return ROOT_NAMES.has(name) || /^[+-]?0+$/.test(name);
}

/** The final stage must switch to a non-root user: containers otherwise run as root. */
const rule: Rule = {
  meta: {
    id: 'iac/dockerfile-root-user',
    title: 'Container image runs as root',
    description:
      'A container whose final stage never sets a non-root USER runs its process as root. If the process is compromised, root in the container makes escaping to the host and tampering with the image far easier. The final build stage (and any earlier stage it is built FROM) decides the user the image runs as; an ENTRYPOINT (or CMD) that starts the program through a privilege-dropping tool (gosu, su-exec, setpriv --reuid, runuser -u, s6-setuidgid, chpst -u, also behind tini or dumb-init) runs it as the user it names, and is not reported (unless it names no user, as a bare `gosu` does, or names root). A final stage with no USER built FROM a public base image whose own Dockerfile ends with a non-root USER (DEFRA\'s `defradigital/node` and `defradigital/node-development`, the HMCTS `hmctspublic.azurecr.io/base/java` and `base/node`) runs as that user and is not reported; a later `USER root` in it still is.',
    severity: 'high',
    kinds: ['dockerfile'],
    messages: {
      missing: 'The final stage (FROM {{image}}) never sets USER, so the container runs as root; add `USER <non-root user>` after the last RUN that needs root.',
      root: 'The final stage sets `USER {{user}}` as its last USER, so the container runs as root (expected a non-root user); switch to a non-root user (e.g. `USER 10001`) after the steps that need root.',
    },
    remediation: 'Create an unprivileged user (or use the base image\'s, e.g. `node`) and add `USER <name or uid>` in the final stage, after the steps that need root.',
    references: [
      'https://docs.docker.com/build/building/best-practices/#user',
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['7', '8'], caf: ['B4'], cwe: ['CWE-250'] },
    equivalents: { checkov: ['CKV_DOCKER_3', 'CKV_DOCKER_8'], kics: ['fd54f200-402c-4333-a5a4-36ef6709af2f', '67fd0c4a-68cf-46d7-8c41-bc9fba7e40ae'], hadolint: ['DL3002'], trivy: ['AVD-DS-0002'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    if (ctx.document.format !== 'dockerfile') return;
    const df = ctx.document.dockerfile;
    const stages = stagesOf(df);
    if (stages.length === 0) return;
    const args = globalArgs(df);
    const chain = finalStageChain(stages, args);
    const last = stages[stages.length - 1];
    // `ENTRYPOINT ["gosu", "app", …]` starts as root only to drop to `app` before the program runs
    if (dropsPrivileges(chain)) return;
    // The last USER wins, searching the final stage first and then the stages it is built from.
    for (const stage of chain) {
      const users = stage.instructions.filter((i) => i.getKeyword() === 'USER');
      const final = users[users.length - 1];
      if (!final) continue;
      const raw = (final.getArgumentsContent() ?? '').trim();
      const resolved = raw.includes('$') ? substitute(raw, stageVars(stage.instructions, final, args)) : { value: raw, unresolved: false };
      if (resolved.unresolved) return;
      if (isRootUser(resolved.value)) ctx.report({ messageId: 'root', range: rangeOf(final), data: { user: raw } });
      return;
    }
    const root = chain[chain.length - 1];
    const base = baseImageOf(root.from, args, new Set(stages.slice(0, root.index).map((s) => s.alias).filter((a): a is string => !!a)));
    // `FROM scratch` images have no users at all; distroless ":nonroot" images set one themselves.
    if (base.kind === 'scratch') return;
    const image = base.kind === 'image' || base.kind === 'unknown' ? base.text : last.from.getImage() ?? '';
    if (/nonroot/i.test(image)) return;
    // a base image that is known to end with a non-root USER (the last USER in this file was searched above)
    if (base.kind === 'image' && isNonRootBaseImage(base.text)) return;
    ctx.report({ messageId: 'missing', range: rangeOf(last.from), data: { image: last.from.getImage() ?? image } });
  },
};

/** The first argument that is not an option (gosu and su-exec take the user first: `gosu app cmd`). */
const firstOperand = (args: string[]) => args.find((a) => !a.startsWith('-'));

/**
 * Programs that run the rest of their command line as another user, each with the user it names
 * (undefined when it names none, as in a bare `ENTRYPOINT ["gosu"]`, which only prints its usage).
 */
const PRIVILEGE_DROPPERS = new Map<string, (args: string[]) => string | undefined>([
  ['gosu', firstOperand],
  ['su-exec', firstOperand],
  ['s6-setuidgid', firstOperand],
  ['setuidgid', firstOperand],
  ['setpriv', (args) => findOption(args, { long: ['--reuid'], takesValue: true }).value],
  ['runuser', (args) => findOption(args, { short: 'u', long: ['--user'], takesValue: true }).value],
  ['chpst', (args) => findOption(args, { short: 'u', takesValue: true }).value],
]);
/** Init processes that start the real program (`tini -- gosu app …`). */
const INIT_WRAPPERS = new Set(['tini', 'tini-static', 'dumb-init', 'catatonit']);

/** The words of an ENTRYPOINT or CMD (JSON exec form, else the shell form split on blanks). */
function commandWords(inst: Instruction): string[] {
  const raw = (inst.getArgumentsContent() ?? '').trim();
  if (raw.startsWith('[')) {
    try {
      const words: unknown = JSON.parse(raw);
      if (Array.isArray(words) && words.every((w) => typeof w === 'string')) return words;
    } catch {
      // not valid JSON: Docker runs it in a shell, as below
    }
  }
  return raw.split(/\s+/).filter(Boolean);
}

/**
 * Whether the image's start command (the last ENTRYPOINT, else the last CMD, of the final stage or
 * the stages it is built from) is a privilege-dropping program such as gosu or su-exec, possibly
 * behind an init process, naming a user other than root: the container's program then runs as that user.
 */
function dropsPrivileges(chain: Stage[]): boolean {
  const lastOf = (keyword: string) => {
    for (const stage of chain) {
      const found = stage.instructions.filter((i) => i.getKeyword() === keyword);
      if (found.length) return found[found.length - 1];
    }
    return undefined;
  };
  const start = lastOf('ENTRYPOINT') ?? lastOf('CMD');
  if (!start) return false;
  const words = commandWords(start);
  let i = 0;
  while (i < words.length && INIT_WRAPPERS.has(basename(words[i]))) {
    i++;
    while (i < words.length && words[i].startsWith('-')) i++;
  }
  const userOf = i < words.length ? PRIVILEGE_DROPPERS.get(basename(words[i])) : undefined;
  const user = userOf?.(words.slice(i + 1))?.replace(/^(["'])(.*)\1$/, '$2');
  // `gosu root …` (or `su-exec 0:0 …`) switches to root, which drops nothing
  return !!user && !isRootUser(user);
}

/** ARG/ENV values declared in a stage before an instruction (for `USER ${APP_USER}`). */
function stageVars(instructions: import('dockerfile-ast').Instruction[], before: import('dockerfile-ast').Instruction, globals: Map<string, string | null>): Map<string, string | null> {
  const m = new Map<string, string | null>();
  for (const i of instructions) {
    if (i === before) break;
    const k = i.getKeyword();
    if (k !== 'ARG' && k !== 'ENV') continue;
    for (const p of (i as unknown as { getProperties(): { getName(): string; getValue(): string | null }[] }).getProperties()) {
      // `ARG NAME` without a value in a stage brings the global ARG's default into scope.
      m.set(p.getName(), k === 'ARG' && p.getValue() === null ? globals.get(p.getName()) ?? null : p.getValue());
    }
  }
  return m;
}

export default rule;
