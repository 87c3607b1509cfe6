import type { Rule } from '../../../src/model/rule.js';
import { entry, get, isMap, isScalar, isSeq, str, type DataNode } from '../../../src/parsers/data/tree.js';
import { PUBLICCODE_PARSER, PUBLICCODE_SPEC, PUBLICCODE_STANDARDS, publiccodeDocs } from './common.js';

const DEVELOPMENT_STATUS = ['concept', 'development', 'beta', 'stable', 'obsolete'];
const SOFTWARE_TYPE = ['standalone/mobile', 'standalone/iot', 'standalone/desktop', 'standalone/web', 'standalone/backend', 'standalone/other', 'addon', 'library', 'configurationFiles'];
const MAINTENANCE_TYPE = ['internal', 'contract', 'community', 'none'];

function at(n: DataNode): [number, number] {
  return [n.start, n.end];
}

/** Values must have the types and enumerated values the standard defines. */
const rule: Rule = {
  meta: {
    id: 'data-standards/publiccode-value',
    title: 'publiccode.yml has an invalid value',
    description:
      'The publiccode.yml standard fixes the type of each key and the allowed values of keys such as `developmentStatus`, `softwareType` and `maintenance.type`. Catalogues and the publiccode.yml parser reject files with other values, so the software is not listed, or is listed with the wrong status.',
    severity: 'medium',
    kinds: ['publiccode'],
    messages: {
      version: '`publiccodeYmlVersion` is `{{actual}}`, which is not a version of the standard; use "0" (the latest 0.x) or a released version such as "0.4" or "0.5".',
      enum: '`{{key}}` is `{{actual}}`; use one of {{expected}}.',
      type: '`{{key}}` must be {{expected}}, found {{actual}}.',
      tooLong: '`{{key}}` is {{length}} characters; the standard allows at most {{max}}.',
      empty: '`{{key}}` is empty; list at least one value.',
    },
    remediation: 'Use the values the publiccode.yml standard lists for each key, and validate the file with publiccode-parser in CI.',
    references: [PUBLICCODE_SPEC, PUBLICCODE_PARSER],
    standards: PUBLICCODE_STANDARDS,
    equivalents: {},
    since: '0.1.0',
  },
  check(ctx) {
    for (const doc of publiccodeDocs(ctx.document)) {
      const root = doc.root;
      const report = (messageId: string, node: DataNode, data: Record<string, string | number>) => ctx.report({ messageId, offsets: at(node), data });
      const kind = (n: DataNode) => (isScalar(n) ? (n.value === null ? 'null' : typeof n.value === 'string' ? `"${n.value}"` : `${String(n.value)}`) : n.type === 'map' ? 'a map' : 'a list');
      const v = entry(root, 'publiccodeYmlVersion');
      if (v && !doc.version) report('version', v.value, { actual: str(v.value) ?? kind(v.value) });
      const enumCheck = (key: string, node: DataNode | undefined, allowed: string[]) => {
        if (!node) return;
        const s = isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
        if (s === undefined || !allowed.includes(s)) report('enum', node, { key, actual: s ?? kind(node), expected: allowed.join(', ') });
      };
      enumCheck('developmentStatus', get(root, 'developmentStatus'), DEVELOPMENT_STATUS);
      enumCheck('softwareType', get(root, 'softwareType'), doc.version === '0.2' ? [...SOFTWARE_TYPE, 'standalone'] : SOFTWARE_TYPE);
      enumCheck('maintenance.type', get(get(root, 'maintenance'), 'type'), MAINTENANCE_TYPE);
      const stringList = (key: string, node: DataNode | undefined) => {
        if (!node) return;
        if (!isSeq(node)) return report('type', node, { key, expected: 'a list of strings', actual: kind(node) });
        if (!node.items.length) return report('empty', node, { key });
        for (const item of node.items) if (!isScalar(item) || typeof item.value !== 'string') report('type', item, { key: `${key} item`, expected: 'a string', actual: kind(item) });
      };
      stringList('platforms', get(root, 'platforms'));
      // categories is optional, and may be empty or null (the parser accepts `categories: []`)
      const categories = get(root, 'categories');
      if (categories && !(isScalar(categories) && categories.value === null) && !(isSeq(categories) && !categories.items.length)) stringList('categories', categories);
      const name = get(root, 'name');
      if (name && !(isScalar(name) && typeof name.value === 'string' && name.value.trim())) report('type', name, { key: 'name', expected: 'a non-empty string', actual: kind(name) });
      const description = get(root, 'description');
      if (isMap(description)) {
        for (const le of description.entries) {
          const lang = String(le.key.value);
          if (!isMap(le.value)) continue;
          const short = get(le.value, 'shortDescription');
          if (short) {
            if (!isScalar(short) || typeof short.value !== 'string') report('type', short, { key: `description.${lang}.shortDescription`, expected: 'a string', actual: kind(short) });
            else if ([...short.value].length > 150) report('tooLong', short, { key: `description.${lang}.shortDescription`, length: [...short.value].length, max: 150 });
          }
          const long = get(le.value, 'longDescription');
          if (long && (!isScalar(long) || typeof long.value !== 'string')) report('type', long, { key: `description.${lang}.longDescription`, expected: 'a string', actual: kind(long) });
          stringList(`description.${lang}.features`, get(le.value, 'features'));
        }
      }
      const loc = get(root, 'localisation');
      const ready = get(loc, 'localisationReady');
      if (ready && !(isScalar(ready) && typeof ready.value === 'boolean')) report('type', ready, { key: 'localisation.localisationReady', expected: 'true or false', actual: kind(ready) });
      stringList('localisation.availableLanguages', get(loc, 'availableLanguages'));
    }
  },
};
export default rule;
