import type { Rule } from '../../../src/model/rule.js';
import { entry, get, isMap, isScalar, items, keys, str, type DataEntry, type DataMap } from '../../../src/parsers/data/tree.js';
import { mapStart, PUBLICCODE_PARSER, PUBLICCODE_SPEC, PUBLICCODE_STANDARDS, publiccodeDocs } from './common.js';

/** The keys every publiccode.yml must have (versions 0.2 to 0.7; `categories` is optional in all of them). */
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
      /** A required key is missing when absent, null or an empty string (the parser reads all three as unset). */
      const unset = (e: DataEntry | undefined) => !e || (isScalar(e.value) && (e.value.value === null || e.value.value === ''));
      const missing = (map: DataMap, where: [number, number], parent: string, list: string[]) => {
        for (const key of list) {
          const e = entry(map, key);
          if (unset(e)) ctx.report({ messageId: 'missing', offsets: e ? [e.key.start, e.key.end] : where, data: { parent, key } });
        }
      };
      /** Each map item of a list needs these keys, reported at the item. */
      const eachNeeds = (list: DataEntry | undefined, parent: string, needed: string[]) => {
        items(list?.value).forEach((item, i) => {
          if (isMap(item)) missing(item, [item.start, item.start + 1], `${parent}[${i}]`, needed);
        });
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
          const fields = ['shortDescription', 'longDescription', 'features'];
          if (isScalar(le.value) && le.value.value === null) {
            for (const key of fields) ctx.report({ messageId: 'missing', offsets: [le.key.start, le.key.end], data: { parent: `description.${String(le.key.value)}`, key } });
          }
          if (!isMap(le.value)) continue;
          missing(le.value, [le.key.start, le.key.end], `description.${String(le.key.value)}`, fields);
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
        eachNeeds(entry(map, 'contacts'), 'maintenance.contacts', ['name']);
        eachNeeds(entry(map, 'contractors'), 'maintenance.contractors', ['name', 'until']);
      }
      // an organisation, and each funder, is identified by its URI; the name alone is optional
      const organisation = sub('organisation');
      if (organisation) missing(organisation[1], [organisation[0].key.start, organisation[0].key.end], 'organisation', ['uri']);
      eachNeeds(entry(doc.root, 'fundedBy'), 'fundedBy', ['uri']);
      const dependsOn = sub('dependsOn');
      if (dependsOn) for (const kind of ['open', 'proprietary', 'hardware']) eachNeeds(entry(dependsOn[1], kind), `dependsOn.${kind}`, ['name']);
      const localisation = sub('localisation');
      if (localisation) missing(localisation[1], [localisation[0].key.start, localisation[0].key.end], 'localisation', ['localisationReady', 'availableLanguages']);
    }
  },
};
export default rule;
