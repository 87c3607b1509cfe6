import type { Rule } from '../../../src/model/rule.js';
import { parseSecurityTxt, RFC9116, SECURITY_TXT_STANDARDS } from './parse.js';

/** Fields whose values are URIs, and which schemes each allows. */
const URI_FIELDS: Record<string, string[]> = {
  contact: ['mailto', 'https', 'tel'],
  encryption: ['https', 'openpgp4fpr', 'dns'],
  acknowledgments: ['https'],
  canonical: ['https'],
  policy: ['https'],
  hiring: ['https'],
  csaf: ['https'],
};
const ONCE = new Set(['expires', 'preferred-languages']);

/** RFC 9116 field syntax: `Name: value` lines, URIs with the right scheme, single-use fields once. */
const rule: Rule = {
  meta: {
    id: 'data-standards/securitytxt-fields',
    title: 'security.txt field is malformed or not HTTPS',
    description:
      'RFC 9116 defines security.txt as `Field: value` lines. Web URIs in it (Contact, Encryption, Policy, Canonical, Acknowledgments, Hiring, CSAF) MUST use `https://`, so that a network attacker cannot swap the reporting route or key. Malformed lines, plain-http URIs and repeated single-use fields make parsers reject or misread the file.',
    severity: 'medium',
    kinds: ['security-txt'],
    messages: {
      syntax: 'Line `{{text}}` is not a `Field: value` line or a `#` comment; fix or comment it.',
      http: '`{{name}}: {{value}}` uses http://; RFC 9116 requires https:// for web URIs.',
      scheme: '`{{name}}: {{value}}` is not a URI with {{schemes}}; write e.g. `{{example}}`.',
      empty: '`{{name}}` has no value; remove the line or fill it in.',
      once: '`{{name}}` appears more than once; RFC 9116 allows it once.',
    },
    remediation: 'Write each field as `Name: value`, use `mailto:`, `tel:` or `https://` URIs, and keep Preferred-Languages to one line (comma-separated).',
    references: [`${RFC9116}#section-2.5`, 'https://securitytxt.org/'],
    standards: { ...SECURITY_TXT_STANDARDS, cwe: ['CWE-319'] },
    equivalents: {},
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    const doc = parseSecurityTxt(ctx.file.text);
    for (const b of doc.bad) ctx.report({ messageId: 'syntax', offsets: [b.start, b.end], data: { text: b.text.length > 60 ? `${b.text.slice(0, 57)}...` : b.text } });
    const seen = new Set<string>();
    for (const f of doc.fields) {
      const where: [number, number] = [f.start, f.end];
      if (ONCE.has(f.key)) {
        if (seen.has(f.key) && f.key !== 'expires') ctx.report({ messageId: 'once', offsets: where, data: { name: f.name } });
        seen.add(f.key);
      }
      const schemes = URI_FIELDS[f.key];
      if (!schemes) continue;
      if (!f.value) {
        ctx.report({ messageId: 'empty', offsets: where, data: { name: f.name } });
        continue;
      }
      if (/^http:\/\//i.test(f.value)) {
        ctx.report({ messageId: 'http', offsets: where, data: { name: f.name, value: f.value } });
        continue;
      }
      const m = /^([a-z][a-z0-9+.-]*):(\S+)$/i.exec(f.value);
      const ok = m && schemes.includes(m[1].toLowerCase()) && (m[1].toLowerCase() !== 'https' || /^https:\/\/[^/\s]+/i.test(f.value));
      if (!ok) {
        const example = f.key === 'contact' ? 'mailto:security@example.gov.uk' : `https://example.gov.uk/${f.key}`;
        ctx.report({ messageId: 'scheme', offsets: where, data: { name: f.name, value: f.value, schemes: schemes.map((s) => `\`${s}:\``).join(', '), example } });
      }
    }
  },
};
export default rule;
