import type { Rule } from '../../../src/model/rule.js';
import { parseSecurityTxt, RFC9116, SECTXT, SECURITY_TXT_STANDARDS, validBcp47 } from './parse.js';

/** RFC 9116 §2.5.8: Preferred-Languages at most once, a comma-separated list of RFC 5646 language tags. */
const rule: Rule = {
  meta: {
    id: 'data-standards/securitytxt-preferred-languages',
    title: 'security.txt Preferred-Languages is repeated or has invalid language tags',
    description:
      'RFC 9116 allows one `Preferred-Languages` field, a comma-separated list of RFC 5646 (BCP 47) language tags such as `en, gd, cy`. A second field, or values such as `English` or `en_GB`, are invalid: validators reject the file and researchers\' tools cannot tell which languages a report may be written in.',
    severity: 'low',
    kinds: ['security-txt'],
    messages: {
      multi_lang: '`Preferred-Languages` appears more than once; RFC 9116 allows it once: put every language in one comma-separated line (e.g. `Preferred-Languages: en, gd`).',
      invalid_lang: '`{{value}}` in `Preferred-Languages` is not an RFC 5646 language tag; use codes such as `en`, `en-GB`, `gd` or `cy`, separated by commas.',
    },
    remediation: 'Keep one `Preferred-Languages:` line listing BCP 47 tags separated by commas, e.g. `Preferred-Languages: en, gd`.',
    references: [`${RFC9116}#section-2.5.8`, 'https://www.rfc-editor.org/rfc/rfc5646', SECTXT],
    standards: SECURITY_TXT_STANDARDS,
    equivalents: {},
    since: '0.1.0',
  },
  check(ctx) {
    const langs = parseSecurityTxt(ctx.file.text).fields.filter((f) => f.key === 'preferred-languages');
    langs.slice(1).forEach((f) => ctx.report({ messageId: 'multi_lang', offsets: [f.start, f.end] }));
    const f = langs[0];
    if (!f?.value) return;
    let offset = f.valueStart;
    for (const part of f.value.split(',')) {
      const tag = part.trim();
      const start = offset + part.indexOf(tag);
      offset += part.length + 1;
      if (!validBcp47(tag)) ctx.report({ messageId: 'invalid_lang', offsets: [start, start + Math.max(tag.length, 1)], data: { value: tag || '(empty)' } });
    }
  },
};
export default rule;
