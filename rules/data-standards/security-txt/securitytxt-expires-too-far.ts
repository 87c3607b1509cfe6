import type { Rule } from '../../../src/model/rule.js';
import { parseExpires, parseSecurityTxt, RFC9116, SECTXT, SECURITY_TXT_STANDARDS } from './parse.js';


/** RFC 9116 recommends an Expires less than a year in the future. */
const rule: Rule = {
  meta: {
    id: 'data-standards/securitytxt-expires-too-far',
    title: 'security.txt expires more than a year ahead',
    description:
      'RFC 9116 recommends that `Expires` be less than a year in the future, so that the contact details are reviewed at least yearly. A far-future date (often copied from an example) means nobody is prompted to check that the contacts still work.',
    severity: 'low',
    kinds: ['security-txt'],
    messages: { long_expiry: '`Expires: {{value}}` is more than a year ahead; set it less than a year ahead and renew it when you review the contacts.' },
    remediation: 'Set `Expires` less than a year ahead and automate its renewal after each review.',
    references: [`${RFC9116}#section-2.5.5`, SECTXT],
    standards: SECURITY_TXT_STANDARDS,
    equivalents: {},
    since: '0.1.0',
  },
  check(ctx) {
    const f = parseSecurityTxt(ctx.file.text).fields.find((x) => x.key === 'expires');
    const d = f ? parseExpires(f.value) : undefined;
    const [y, m, day] = ctx.today.split('-').map(Number);
    // a year from the scan's date, to the end of that day (time zones aside)
    const limit = Date.UTC(y + 1, m - 1, day + 1);
    if (f && d && d.getTime() > limit) ctx.report({ messageId: 'long_expiry', offsets: [f.start, f.end], data: { value: f.value } });
  },
};
export default rule;
