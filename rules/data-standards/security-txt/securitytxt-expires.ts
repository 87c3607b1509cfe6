import type { Rule } from '../../../src/model/rule.js';
import { firstFieldAt, GOV_SECURITY_TXT, parseExpires, parseSecurityTxt, RFC9116, SECTXT, SECURITY_TXT_STANDARDS } from './parse.js';

/** RFC 9116: Expires MUST be present exactly once, as an RFC 3339 date-time, and the file is stale after it. */
const rule: Rule = {
  meta: {
    id: 'data-standards/securitytxt-expires',
    title: 'security.txt Expires is missing, invalid or in the past',
    description:
      'RFC 9116 requires exactly one `Expires` field, an RFC 3339 date-time after which the file must be considered stale. A file without it, or past its expiry, tells researchers the contact details may no longer work, so vulnerability reports are not sent or are lost.',
    severity: 'medium',
    kinds: ['security-txt'],
    messages: {
      no_expire: 'security.txt has no `Expires:` field; add one (e.g. `Expires: {{example}}`), less than a year ahead, and renew it.',
      multi_expire: '`Expires` appears more than once; RFC 9116 allows exactly one.',
      invalid_expiry: '`Expires: {{value}}` is not an RFC 3339 date-time (or not a real date); write it like `{{example}}`.',
      expired: '`Expires: {{value}}` is in the past, so the file is stale; review the contacts and set a new expiry date (less than a year ahead).',
    },
    remediation: 'Keep one `Expires:` line with an RFC 3339 date-time less than a year ahead, and renew it (e.g. from a scheduled job) before it passes.',
    references: [`${RFC9116}#section-2.5.5`, GOV_SECURITY_TXT, SECTXT],
    standards: SECURITY_TXT_STANDARDS,
    equivalents: {},
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    const doc = parseSecurityTxt(ctx.file.text);
    const now = new Date(`${ctx.today}T00:00:00Z`);
    const example = `${now.getUTCFullYear() + 1}-${String(now.getUTCMonth() + 1).padStart(2, '0')}-01T00:00:00Z`;
    const expires = doc.fields.filter((f) => f.key === 'expires');
    if (!expires.length) {
      ctx.report({ messageId: 'no_expire', offsets: firstFieldAt(doc), data: { example } });
      return;
    }
    expires.slice(1).forEach((f) => ctx.report({ messageId: 'multi_expire', offsets: [f.start, f.end] }));
    const f = expires[0];
    const d = parseExpires(f.value);
    if (!d) ctx.report({ messageId: 'invalid_expiry', offsets: [f.start, f.end], data: { value: f.value, example } });
    else if (d.getTime() < now.getTime()) ctx.report({ messageId: 'expired', offsets: [f.start, f.end], data: { value: f.value } });
  },
};
export default rule;
