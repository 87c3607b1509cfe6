import type { Rule } from '../../../src/model/rule.js';
import { KNOWN_FIELDS, parseSecurityTxt, RFC9116, SECTXT, SECURITY_TXT_STANDARDS } from './parse.js';
import { editDistance } from '../edit-distance.js';

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

/** The standard field a name is probably a misspelling of. */
export function likelyField(key: string): string | undefined {
  if (VARIANTS[key]) return VARIANTS[key];
  return KNOWN_FIELDS.find((k) => k.length > 4 && editDistance(key, k) <= (k.length > 9 ? 2 : 1));
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
