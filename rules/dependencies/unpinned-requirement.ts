import type { Rule } from '../../src/model/rule.js';
import { SUPPLY_CHAIN, lineRange, lockfileOf } from './lib.js';

/** requirements*.txt lines that do not pin an exact version with `==`. */
const rule: Rule = {
  meta: {
    id: 'dependencies/unpinned-requirement',
    title: 'Python requirement not pinned to an exact version',
    description:
      'A requirements file line names a package without an exact `==` pin (a bare name, `>=`, `~=`, `!=`, or a wildcard like `==2.*`). Each install can then resolve a different version, so builds are not reproducible, a newly published malicious or broken release is picked up automatically, and the versions actually deployed cannot be checked for advisories. Files that apply a constraints file (`-c`) are not reported, since the constraints pin the versions.',
    severity: 'low',
    kinds: ['lockfile'],
    messages: {
      unpinned: '`{{requirement}}` does not pin an exact version, so installs can resolve different (and unchecked) releases; pin it with `==<version>` (for example with pip-compile or `pip freeze`), ideally with `--hash`.',
    },
    remediation: 'Generate a fully pinned requirements file with `pip-compile --generate-hashes` (pip-tools), `uv pip compile` or `pip freeze`, keeping the loose ranges in requirements.in.',
    references: [
      'https://pip.pypa.io/en/stable/topics/repeatable-installs/',
      'https://pip.pypa.io/en/stable/topics/secure-installs/',
      'https://github.com/ossf/scorecard/blob/main/docs/checks.md#pinned-dependencies',
    ],
    standards: { ...SUPPLY_CHAIN, cwe: ['CWE-1104'] },
    equivalents: { scorecard: ['Pinned-Dependencies'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    const lock = lockfileOf(ctx);
    if (lock.format !== 'requirements.txt') return;
    if (lock.requirements.some((r) => r.kind === 'include' && /^(-c|--constraint)/.test(r.text))) return;
    for (const r of lock.requirements) {
      if (r.kind !== 'unpinned') continue;
      ctx.report({ messageId: 'unpinned', range: lineRange(ctx, r.line), data: { requirement: r.text.length > 80 ? `${r.text.slice(0, 77)}...` : r.text } });
    }
  },
};

export default rule;
