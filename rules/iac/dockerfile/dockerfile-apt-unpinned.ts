import type { Rule } from '../../../src/model/rule.js';
import { aptInstall, firstFive, headRange, runInstructions } from './lib.js';

/** `apt-get install curl` installs whatever version the mirror has that day. */
const rule: Rule = {
  meta: {
    id: 'iac/dockerfile-apt-unpinned',
    title: 'apt-get install without version pins',
    description:
      'Packages installed without a version (`apt-get install -y curl`) are whatever the mirror serves at build time, so rebuilding the same Dockerfile produces different images and a changed or compromised package version enters unreviewed. Pinning `package=version` makes changes explicit and reviewable (update tools can bump pins).',
    severity: 'low',
    kinds: ['dockerfile'],
    messages: {
      unpinned: '`{{tool}} install` installs {{packages}} without versions (expected `name=version`, e.g. `{{example}}`); pin package versions.',
    },
    remediation: 'Pin each package: `apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5`; find versions with `apt-cache policy <package>` and keep them current with Renovate.',
    references: [
      'https://docs.docker.com/build/building/best-practices/#apt-get',
      'https://github.com/hadolint/hadolint/wiki/DL3008',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['10'], caf: ['A4', 'B4'], cwe: ['CWE-829'] },
    equivalents: { hadolint: ['DL3008'], kics: ['965a08d7-ef86-4f14-8792-4a3b2098937e'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    if (ctx.document.format !== 'dockerfile') return;
    const df = ctx.document.dockerfile;
    for (const { inst, parsed } of runInstructions(df)) {
      const unpinned: string[] = [];
      let tool = 'apt-get';
      for (const inv of parsed.pipelines.flat()) {
        const apt = aptInstall(inv);
        if (!apt) continue;
        // Pinned (`name=1.2`), a release pin (`name/bookworm-backports` counts as unpinned), a local .deb, or a variable we cannot see.
        const bad = apt.packages.filter((p) => !p.includes('=') && !/\.deb$/.test(p) && !p.startsWith('/') && !p.startsWith('./') && !p.includes('$'));
        if (bad.length) tool = inv.program;
        unpinned.push(...bad);
      }
      if (unpinned.length === 0) continue;
      const shown = firstFive(unpinned);
      ctx.report({ messageId: 'unpinned', range: headRange(inst), data: { tool, packages: shown, example: `${unpinned[0]}=<version>` } });
    }
  },
};
export default rule;
