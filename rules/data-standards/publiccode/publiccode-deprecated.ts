import type { Rule } from '../../../src/model/rule.js';
import { entry, get, isMap, isScalar, items, type DataEntry, type DataNode } from '../../../src/parsers/data/tree.js';
import { PUBLICCODE_PARSER, PUBLICCODE_SPEC, PUBLICCODE_STANDARDS, publiccodeDocs } from './common.js';

/** Versions older than the current 0.x line that a file may still pin; "0" always means the latest 0.x. */
const OLD_VERSIONS = /^0\.[234](\.\d+)?$/;

/**
 * Keys the standard marks deprecated: still accepted, so this is advice (low), not a rejection.
 * The replacement, where there is one, is named; otherwise the key can simply be dropped.
 */
const rule: Rule = {
  meta: {
    id: 'data-standards/publiccode-deprecated',
    title: 'publiccode.yml uses a deprecated key or form',
    description:
      'The publiccode.yml standard deprecates some keys (`monochromeLogo`, `inputTypes`, `outputTypes`, `description.*.genericName`, `legal.authorsFile`, `legal.repoOwner`, and in the Italian section `conforme` and `riuso.codiceIPA`), lower-case country codes and the lower-case `it` section. Catalogues still accept them with a warning, but they will be removed in a later version, and a file that pins an old `publiccodeYmlVersion` is read as the latest one anyway.',
    severity: 'low',
    kinds: ['publiccode'],
    messages: {
      drop: '`{{key}}` is deprecated in publiccode.yml and will be removed; it is safe to delete it.',
      replace: '`{{key}}` is deprecated in publiccode.yml and will be removed; use `{{instead}}` instead.',
      section: 'The lower-case `it` country section is deprecated; rename it to `IT`.',
      country: '`{{key}}` is `{{actual}}`: lower-case country codes are deprecated; write `{{upper}}`.',
      version: '`publiccodeYmlVersion` pins `{{actual}}`, an older version that parsers read as the latest 0.x anyway; write "0" and remove any deprecated keys.',
    },
    remediation: 'Remove the deprecated keys or move their content to the key the standard now uses; write country codes in upper case and set `publiccodeYmlVersion: "0"`.',
    references: [PUBLICCODE_SPEC, PUBLICCODE_PARSER],
    standards: PUBLICCODE_STANDARDS,
    equivalents: {},
    since: '0.1.0',
  },
  check(ctx) {
    for (const doc of publiccodeDocs(ctx.document)) {
      const root = doc.root;
      const at = (e: DataEntry) => [e.key.start, e.key.end] as [number, number];
      /** A key counts when present with a value; a bare `key:` (null) is someone else's concern. */
      const present = (e: DataEntry | undefined): e is DataEntry => !!e && !(isScalar(e.value) && e.value.value === null);
      const drop = (e: DataEntry | undefined, key: string) => {
        if (present(e)) ctx.report({ messageId: 'drop', offsets: at(e), data: { key } });
      };
      const replace = (e: DataEntry | undefined, key: string, instead: string) => {
        if (present(e)) ctx.report({ messageId: 'replace', offsets: at(e), data: { key, instead } });
      };

      const v = get(root, 'publiccodeYmlVersion');
      if (isScalar(v) && typeof v.value === 'string' && OLD_VERSIONS.test(v.value)) ctx.report({ messageId: 'version', offsets: [v.start, v.end], data: { actual: v.value } });

      replace(entry(root, 'monochromeLogo'), 'monochromeLogo', 'logo');
      drop(entry(root, 'inputTypes'), 'inputTypes');
      drop(entry(root, 'outputTypes'), 'outputTypes');
      const description = get(root, 'description');
      if (isMap(description)) {
        for (const le of description.entries) drop(entry(le.value, 'genericName'), `description.${String(le.key.value)}.genericName`);
      }
      const legal = get(root, 'legal');
      drop(entry(legal, 'authorsFile'), 'legal.authorsFile');
      replace(entry(legal, 'repoOwner'), 'legal.repoOwner', 'organisation.name');

      // the Italian country section: only its own deprecations, and only when a file has one
      const upper = entry(root, 'IT');
      const lower = entry(root, 'it');
      if (lower) ctx.report({ messageId: 'section', offsets: at(lower) });
      for (const [name, e] of [['IT', upper], ['it', lower]] as const) {
        if (!e) continue;
        drop(entry(e.value, 'conforme'), `${name}.conforme`);
        replace(entry(get(e.value, 'riuso'), 'codiceIPA'), `${name}.riuso.codiceIPA`, 'organisation.uri');
      }

      const audience = get(root, 'intendedAudience');
      for (const key of ['countries', 'unsupportedCountries']) {
        items(get(audience, key)).forEach((n: DataNode, i) => {
          if (isScalar(n) && typeof n.value === 'string' && /^[a-z]{2}$/.test(n.value)) {
            ctx.report({ messageId: 'country', offsets: [n.start, n.end], data: { key: `intendedAudience.${key}[${i}]`, actual: n.value, upper: n.value.toUpperCase() } });
          }
        });
      }
    }
  },
};
export default rule;
