import type { Rule } from '../../../src/model/rule.js';
import { firstFieldAt, GOV_SECURITY_TXT, NCSC_VDP, parseSecurityTxt, RFC9116, SECTXT, SECURITY_TXT_STANDARDS } from './parse.js';

/** RFC 9116: Contact MUST be present at least once. */
const rule: Rule = {
  meta: {
    id: 'data-standards/securitytxt-contact',
    title: 'security.txt has no Contact field',
    description:
      'security.txt (RFC 9116) tells security researchers how to report a vulnerability. The `Contact` field is mandatory: without it the file cannot do its job, and reports go to a general inbox, social media or nowhere. The NCSC and the UK government vulnerability disclosure guidance ask public services to publish a working reporting route.',
    severity: 'medium',
    kinds: ['security-txt'],
    messages: { no_contact: 'security.txt has no `Contact:` field; add one, e.g. `Contact: mailto:security@example.gov.uk` or `Contact: https://example.gov.uk/report-vulnerability`.' },
    remediation: 'Add at least one `Contact:` line with a `mailto:`, `https://` or `tel:` URI that reaches the team who handles vulnerability reports.',
    references: [RFC9116, NCSC_VDP, GOV_SECURITY_TXT, 'https://securitytxt.org/', SECTXT],
    standards: SECURITY_TXT_STANDARDS,
    equivalents: {},
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    const doc = parseSecurityTxt(ctx.file.text);
    if (doc.fields.some((f) => f.key === 'contact' && f.value)) return;
    ctx.report({ messageId: 'no_contact', offsets: firstFieldAt(doc) });
  },
};
export default rule;
