import type { Rule } from '../../../src/model/rule.js';
import { entry, get, isMap, keys, str, type DataEntry, type DataMap } from '../../../src/parsers/data/tree.js';
import { mapStart, PUBLICCODE_PARSER, PUBLICCODE_SPEC, PUBLICCODE_STANDARDS, publiccodeDocs } from './common.js';

/** The keys every publiccode.yml must have (versions 0.2 to 0.5; `categories` is optional in all of them). */
const rule: Rule = {
  meta: {
    id: 'data-standards/publiccode-required',
    title: 'publiccode.yml is missing a required key',
    description:
      'publiccode.yml describes public-sector software so that other organisations can find, assess and reuse it (Digital Scotland Service Standard 11, GOV.UK Service Standard 12). Catalogues such as Developers Italia and the publiccode.yml parser reject a file without the mandatory keys, so the software is not listed at all.',
    severity: 'medium',
    kinds: ['publiccode'],
    messages: {
      missing: '`{{parent}}` has no `{{key}}`, which publiccode.yml requires; add it.',
      noLanguage: '`description` has no language section; add at least one, e.g. `description: { en: { shortDescription, longDescription, features } }`.',
      contacts: '`maintenance.type` is `{{type}}`, so `maintenance.{{key}}` is required; list the {{who}}.',
    },
    remediation: 'Add the missing keys (see the publiccode.yml standard, or generate the file with the publiccode.yml editor) and validate it with publiccode-parser in CI.',
    references: [PUBLICCODE_SPEC, PUBLICCODE_PARSER, 'https://publiccode.net/'],
    standards: PUBLICCODE_STANDARDS,
    equivalents: {},
    since: '0.1.0',
  },
  check(ctx) {
    for (const doc of publiccodeDocs(ctx.document)) {
      const missing = (map: DataMap, where: [number, number], parent: string, list: string[]) => {
        for (const key of list) if (!entry(map, key)) ctx.report({ messageId: 'missing', offsets: where, data: { parent, key } });
      };
      const top = ['publiccodeYmlVersion', 'name', 'url', 'platforms', 'developmentStatus', 'softwareType', 'description', 'legal', 'maintenance', 'localisation'];
      missing(doc.root, mapStart(doc.root), 'publiccode.yml', top);
      const sub = (key: string): [DataEntry, DataMap] | undefined => {
        const e = entry(doc.root, key);
        return e && isMap(e.value) ? [e, e.value] : undefined;
      };
      const description = sub('description');
      if (description) {
        const [e, map] = description;
        const langs = keys(map);
        if (!langs.length) ctx.report({ messageId: 'noLanguage', offsets: [e.key.start, e.key.end] });
        for (const le of map.entries) {
          if (!isMap(le.value)) continue;
          missing(le.value, [le.key.start, le.key.end], `description.${String(le.key.value)}`, ['shortDescription', 'longDescription', 'features']);
        }
      }
      const legal = sub('legal');
      if (legal) missing(legal[1], [legal[0].key.start, legal[0].key.end], 'legal', ['license']);
      const maintenance = sub('maintenance');
      if (maintenance) {
        const [e, map] = maintenance;
        missing(map, [e.key.start, e.key.end], 'maintenance', ['type']);
        const type = str(get(map, 'type'));
        const where: [number, number] = [e.key.start, e.key.end];
        if ((type === 'internal' || type === 'community') && !entry(map, 'contacts')) ctx.report({ messageId: 'contacts', offsets: where, data: { type, key: 'contacts', who: 'people who maintain the software (name, email)' } });
        if (type === 'contract' && !entry(map, 'contractors')) ctx.report({ messageId: 'contacts', offsets: where, data: { type, key: 'contractors', who: 'contractors (name, until)' } });
      }
      const localisation = sub('localisation');
      if (localisation) missing(localisation[1], [localisation[0].key.start, localisation[0].key.end], 'localisation', ['localisationReady', 'availableLanguages']);
    }
  },
};
export default rule;
