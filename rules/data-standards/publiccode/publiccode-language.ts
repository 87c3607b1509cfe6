import type { Rule } from '../../../src/model/rule.js';
import { get, isMap, isScalar, items } from '../../../src/parsers/data/tree.js';
import { PUBLICCODE_SPEC, PUBLICCODE_STANDARDS, publiccodeDocs, validLanguageTag } from './common.js';

/** Language keys and lists are ISO 639-1 / BCP 47 tags. */
const rule: Rule = {
  meta: {
    id: 'data-standards/publiccode-language',
    title: 'publiccode.yml language code is not valid',
    description:
      'publiccode.yml keys each `description` by language, and lists `localisation.availableLanguages`, as IETF BCP 47 tags whose language is an ISO 639-1 code (`en`, `gd`, `cy`, `en-GB`). Names such as `english`, POSIX forms such as `en_GB`, or made-up codes make the publiccode.yml parser reject the whole file, so the software is not listed.',
    severity: 'medium',
    kinds: ['publiccode'],
    messages: { tag: '`{{value}}` in `{{where}}` is not an ISO 639-1 / BCP 47 language code; use e.g. `en`, `gd`, `cy` or `en-GB`.' },
    remediation: 'Use two-letter ISO 639-1 language codes, optionally with a region (`en-GB`).',
    references: [PUBLICCODE_SPEC, 'https://www.rfc-editor.org/info/bcp47', 'https://www.loc.gov/standards/iso639-2/php/code_list.php'],
    standards: PUBLICCODE_STANDARDS,
    equivalents: {},
    since: '0.1.0',
  },
  check(ctx) {
    for (const doc of publiccodeDocs(ctx.document)) {
      const description = get(doc.root, 'description');
      if (isMap(description)) {
        for (const e of description.entries) {
          const k = String(e.key.value);
          if (!validLanguageTag(k)) ctx.report({ messageId: 'tag', offsets: [e.key.start, e.key.end], data: { value: k, where: 'description' } });
        }
      }
      for (const item of items(get(get(doc.root, 'localisation'), 'availableLanguages'))) {
        if (!isScalar(item) || typeof item.value !== 'string') continue;
        if (!validLanguageTag(item.value)) ctx.report({ messageId: 'tag', offsets: [item.start, item.end], data: { value: item.value, where: 'localisation.availableLanguages' } });
      }
    }
  },
};
export default rule;
