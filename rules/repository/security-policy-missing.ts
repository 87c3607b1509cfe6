import type { Rule } from '../../src/model/rule.js';
import { filesIn, HEALTH_DIRS, isAnchor, lineOne } from './lib.js';

/** SECURITY.md in the root, .github/ or docs/ (the places GitHub reads it from); Scorecard also accepts doc/ (Sphinx projects' folder). */
export const SECURITY_POLICY = /^security(\.(md|markdown|rst|txt|adoc))?$/i;

/** A public repository needs a security policy: how to report a vulnerability privately. */
const rule: Rule = {
  meta: {
    id: 'repository/security-policy-missing',
    title: 'Repository has no security policy (SECURITY.md)',
    description:
      'Whoever finds a vulnerability in open code needs to know how to report it privately, rather than in a public issue where attackers read it first. A SECURITY.md says where to report (a vulnerability disclosure programme, a security.txt contact, GitHub private vulnerability reporting) and what to expect. GitHub shows it on the repository\'s Security tab and links it when someone opens an issue. It is part of detecting and responding to security problems in a service built securely by design.',
    severity: 'medium',
    kinds: ['text'],
    messages: {
      missing: 'No security policy found (looked for SECURITY.md in the root, .github/, docs/ and doc/); add a SECURITY.md saying how to report a vulnerability privately (e.g. your vulnerability disclosure programme or GitHub private vulnerability reporting).',
    },
    remediation: 'Add `SECURITY.md` (root, `.github/` or `docs/`) with how to report a vulnerability privately and what reporters can expect; an organisation-wide policy in the organisation\'s `.github` repository also works on GitHub.',
    references: [
      'https://docs.github.com/en/code-security/getting-started/adding-a-security-policy-to-your-repository',
      'https://www.gov.uk/guidance/vulnerability-disclosure-policy',
      'https://www.ncsc.gov.uk/information/vulnerability-reporting',
      'https://github.com/ossf/scorecard/blob/main/docs/checks.md#security-policy',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['5'], caf: ['D1'], tcop: ['6'] },
    equivalents: { scorecard: ['Security-Policy'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    if (!isAnchor(ctx)) return;
    if (filesIn(ctx.project.files, [...HEALTH_DIRS, 'doc/'], SECURITY_POLICY).length) return;
    ctx.report({ messageId: 'missing', range: lineOne(ctx) });
  },
};
export default rule;
