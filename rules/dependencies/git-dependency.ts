import type { Rule } from '../../src/model/rule.js';
import { isCommitHash } from '../../src/lockfiles/index.js';
import { SUPPLY_CHAIN, dataUnparsed, lineRange, lockfileOf } from './lib.js';

/** Dependencies installed from git without a recorded commit hash. */
const rule: Rule = {
  meta: {
    id: 'dependencies/git-dependency',
    title: 'Git dependency not pinned to a commit',
    description:
      'A dependency is installed from a git repository at a branch, a tag or the default branch rather than at a commit hash. Branches move and tags can be re-pointed, so each install may fetch different, unreviewed code, and no advisory database can say whether the code is vulnerable. Git dependencies whose lockfile records the resolved commit (npm, yarn, pnpm, Cargo, Bundler, Composer, Poetry, uv and PDM normally do) are not reported.',
    severity: 'low',
    kinds: ['lockfile'],
    messages: {
      ref: '{{name}} is installed from {{url}} at `{{ref}}`, which is not a commit hash, so installs can fetch different code; pin it to a full commit hash (or use a released version from the registry).',
      noRef: '{{name}} is installed from {{url}} without any commit, branch or tag, so each install fetches the default branch; pin it to a full commit hash (or use a released version from the registry).',
    },
    remediation: 'Reference git dependencies by full commit hash (e.g. `git+https://github.com/org/repo@<40-hex-sha>#egg=name`), or publish the package to a registry and depend on a version.',
    references: ['https://pip.pypa.io/en/stable/topics/vcs-support/', 'https://docs.npmjs.com/cli/v10/configuring-npm/package-json#git-urls-as-dependencies', 'https://github.com/ossf/scorecard/blob/main/docs/checks.md#pinned-dependencies'],
    standards: { ...SUPPLY_CHAIN, cwe: ['CWE-829', 'CWE-1104'] },
    equivalents: { scorecard: ['Pinned-Dependencies'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    if (dataUnparsed(ctx)) return;
    const lock = lockfileOf(ctx);
    for (const p of lock.packages) {
      if (!p.git || isCommitHash(p.git.ref)) continue;
      ctx.report({ messageId: p.git.ref ? 'ref' : 'noRef', range: lineRange(ctx, p.git.line), data: { name: p.name, url: p.git.url, ref: p.git.ref ?? '' }, properties: { url: p.git.url, ref: p.git.ref ?? null } });
    }
  },
};

export default rule;
