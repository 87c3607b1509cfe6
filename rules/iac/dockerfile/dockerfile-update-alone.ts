import type { Rule } from '../../../src/model/rule.js';
import { headRange, instructionsWithTriggers, type Invocation, runPipelines } from './lib.js';

/** Commands that neither install nor depend on what the update fetched: they cannot make the update useful. */
const INERT = new Set(['set', 'echo', 'printf', 'true', ':', 'rm', 'sleep', 'cat', 'ls', 'exit']);

/** `apt-get update`, `apt update`, `apk update`, `aptitude update`: refresh a package index. */
function isIndexUpdate(inv: Invocation): boolean {
  const sub = inv.args.find((a) => !a.startsWith('-'));
  if (sub !== 'update') return false;
  return inv.program === 'apt-get' || inv.program === 'apt' || inv.program === 'aptitude' || inv.program === 'apk';
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
      'A `RUN apt-get update` (or `apk update`) with no install in the same instruction is cached as its own layer. Later builds reuse that layer, so the installs in the following RUN instructions work from an index of whenever the cache was made: they install outdated packages (missing security fixes) or fail when the mirror has moved on. Update and install belong in one RUN.',
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
    for (const inst of instructionsWithTriggers(df)) {
      if (inst.getKeyword() !== 'RUN') continue;
      const parsed = runPipelines(inst, df.getEscapeCharacter());
      if (!parsed) continue;
      const all = parsed.pipelines.flat();
      const update = all.find(isIndexUpdate);
      if (!update) continue;
      // Anything else (an install, a script, make) may use the fresh index: only report a RUN that cannot.
      if (all.some((inv) => !isIndexUpdate(inv) && !isCleanup(inv) && !INERT.has(inv.program))) continue;
      const command = `${update.program} update`;
      ctx.report({ messageId: 'alone', range: headRange(inst), data: { command, install: update.program === 'apk' ? 'apk add' : `${update.program} install -y` } });
    }
  },
};
export default rule;
