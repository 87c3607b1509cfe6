import type { Rule } from '../../../src/model/rule.js';
import { KNOWN_FIELDS, parseSecurityTxt, RFC9116, SECTXT, SECURITY_TXT_STANDARDS } from './parse.js';

const CANONICAL_NAMES: Record<string, string> = {
  acknowledgments: 'Acknowledgments', canonical: 'Canonical', contact: 'Contact', encryption: 'Encryption', expires: 'Expires',
  hiring: 'Hiring', policy: 'Policy', 'preferred-languages': 'Preferred-Languages', csaf: 'CSAF',
};
/** Common misspellings that are not an edit or two away (British spelling, singular/plural, synonyms). */
const VARIANTS: Record<string, string> = {
  acknowledgements: 'acknowledgments', acknowledgement: 'acknowledgments', acknowledgment: 'acknowledgments', acknowledgments_url: 'acknowledgments',
  'preferred-language': 'preferred-languages', 'prefered-languages': 'preferred-languages', languages: 'preferred-languages', language: 'preferred-languages',
  expiry: 'expires', expire: 'expires', expiration: 'expires', 'expiry-date': 'expires', contacts: 'contact', email: 'contact',
  'encryption-key': 'encryption', key: 'encryption', 'pgp-key': 'encryption', jobs: 'hiring', careers: 'hiring', 'disclosure-policy': 'policy',
};

/** Edit distance with transpositions (optimal string alignment). */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      // a transposition (`Polciy`) is one edit
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The standard field a name is probably a misspelling of. */
export function likelyField(key: string): string | undefined {
  if (VARIANTS[key]) return VARIANTS[key];
  return KNOWN_FIELDS.find((k) => k.length > 4 && distance(key, k) <= (k.length > 9 ? 2 : 1));
}

/** RFC 9116 §2.4: unknown fields are ignored, so a misspelt standard field silently does nothing. */
const rule: Rule = {
  meta: {
    id: 'data-standards/securitytxt-unknown-field',
    title: 'security.txt has a field that RFC 9116 does not define',
    description:
      'RFC 9116 §2.4 tells parsers to ignore fields they do not know. A misspelt standard field (`Acknowledgements` in British spelling, `Expiry`, `Preferred-Language`) is therefore silently dropped: the policy, acknowledgement page or expiry date it was meant to publish is lost. Custom fields are allowed but not understood by researchers\' tools.',
    severity: 'info',
    kinds: ['security-txt'],
    messages: {
      unknown_field: '`{{name}}` is not a field RFC 9116 defines, so tools ignore it; if it is meant for people, put it in a `#` comment.',
      misspelt_field: '`{{name}}` is not a field RFC 9116 defines (tools ignore it); did you mean `{{expected}}`?',
    },
    remediation: 'Use the field names RFC 9116 registers (Contact, Expires, Encryption, Acknowledgments, Preferred-Languages, Canonical, Policy, Hiring, CSAF), in US spelling; put other notes in `#` comments.',
    references: [`${RFC9116}#section-2.4`, 'https://www.iana.org/assignments/security-txt-fields/security-txt-fields.xhtml', SECTXT],
    standards: SECURITY_TXT_STANDARDS,
    equivalents: {},
    since: '0.1.0',
  },
  check(ctx) {
    for (const f of parseSecurityTxt(ctx.file.text).fields) {
      if (KNOWN_FIELDS.includes(f.key)) continue;
      const guess = likelyField(f.key);
      if (guess) ctx.report({ messageId: 'misspelt_field', offsets: [f.start, f.start + f.name.length], data: { name: f.name, expected: CANONICAL_NAMES[guess] }, severity: 'low' });
      else ctx.report({ messageId: 'unknown_field', offsets: [f.start, f.start + f.name.length], data: { name: f.name } });
    }
  },
};
export default rule;
