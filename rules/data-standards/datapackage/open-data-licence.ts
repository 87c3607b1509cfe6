import type { Rule } from '../../../src/model/rule.js';
import { entry, get, isMap, isSeq, str, type DataEntry, type DataMap, type DataNode } from '../../../src/parsers/data/tree.js';
import { DATA_PACKAGE_V1, packageDoc, resources } from './common.js';

export type LicenceVerdict = 'open' | 'not-open' | 'unspecified' | 'unknown';

/** Open Definition-conformant licence ids (SPDX and Open Definition/CKAN spellings, lower-case, version optional). */
const OPEN_IDS =
  /^(ogl-uk(-[123]\.0)?|ogl(-uk)?-?v?[123](\.0)?|uk-ogl|ogl|cc-by(-sa)?(-[1-4]\.0(-[a-z]{2,3})?)?|cc-by(-sa)?-4|cc0(-1\.0)?|cc-zero|odc-by(-1\.0)?|odbl(-1\.0)?|odc-odbl|pddl(-1\.0)?|odc-pddl|other-open|other-pd|other-at|gfdl(-1\.[123])?|ogl-canada-2\.0|dl-de-(by|zero)-2\.0|etalab-2\.0|lo-fr-2\.0|nlod-[12]\.0|cdla-(permissive|sharing)-[12]\.0|apache-2\.0|mit|bsd-[23]-clause|isc|mpl-2\.0|unlicense|[al]?gpl-[23]\.0(-only|-or-later)?)$/;
const NOT_OPEN_IDS = /^(cc-by(-nc|-nd|-nc-sa|-nc-nd)(-[1-4]\.0)?|other-nc|other-closed|proprietary|licenseref-proprietary|ncgl|ogl-nc|uk-ncgl|non-commercial.*)$/;
const UNSPECIFIED_IDS = /^(notspecified|not-specified|none|unspecified|no-licen[cs]e|tbc|tbd|unknown)$/;

/** Classify a licence by its identifier, URL or title. */
export function classifyLicence(text: string): LicenceVerdict {
  const t = text.trim().toLowerCase();
  if (!t) return 'unspecified';
  const id = t.replace(/\s+/g, '-');
  if (UNSPECIFIED_IDS.test(id)) return 'unspecified';
  if (NOT_OPEN_IDS.test(id)) return 'not-open';
  if (OPEN_IDS.test(id)) return 'open';
  // URLs
  if (/nationalarchives\.gov\.uk\/doc\/non-commercial-government-licence/.test(t)) return 'not-open';
  if (/nationalarchives\.gov\.uk\/doc\/open-government-licence/.test(t)) return 'open';
  if (/creativecommons\.org\/licenses\/by(-nc|-nd)/.test(t)) return 'not-open';
  if (/creativecommons\.org\/(licenses\/by(-sa)?\/|publicdomain\/(zero|mark)\/)/.test(t)) return 'open';
  if (/opendatacommons\.org\/licenses\/(by|odbl|pddl)\b/.test(t)) return 'open';
  if (/opensource\.org\/licen[sc]es\//.test(t)) return 'open';
  if (/opendefinition\.org\/licenses\/(odc|cc|other-(open|pd|at))/.test(t)) return 'open';
  // titles
  if (/non[- ]?commercial|no ?derivatives|all rights reserved|not for (re)?use|internal use only/.test(t)) return 'not-open';
  if (/open government licen[cs]e|creative commons attribution( share-?alike)?( \d\.\d)?( international)?$|creative commons zero|\bcc0\b|open data commons|public domain/.test(t)) return 'open';
  return 'unknown';
}

const LICENCE_KEYS = ['dct:license', 'dcterms:license', 'dc:license', 'schema:license', 'license', 'http://purl.org/dc/terms/license', 'dct:rights', 'dcterms:rights'];

/** The licence texts of a JSON-LD node (`"dct:license": "…"` or `{ "@id": "…" }`, one or a list), with their nodes. */
function jsonLdLicences(node: DataMap): { entry: DataEntry; values: { text: string; node: DataNode }[] } | undefined {
  for (const k of LICENCE_KEYS) {
    const e = entry(node, k);
    if (!e) continue;
    const list = isSeq(e.value) ? e.value.items : [e.value];
    const values = list.flatMap((v) => {
      const s = isMap(v) ? (str(get(v, '@id')) ?? str(get(v, 'url')) ?? str(get(v, 'name')) ?? str(get(v, '@value'))) : str(v);
      return s !== undefined ? [{ text: s, node: v }] : [];
    });
    return { entry: e, values };
  }
  return undefined;
}

const types = (n: DataMap): string[] => {
  const t = get(n, '@type');
  return (isSeq(t) ? t.items.map((i) => str(i)) : [str(t)]).filter((s): s is string => s !== undefined);
};
function toText(n: DataNode): string {
  if (n.type === 'scalar') return String(n.value);
  if (n.type === 'seq') return n.items.map(toText).join(' ');
  return n.entries.map((e) => `${String(e.key.value)} ${toText(e.value)}`).join(' ');
}

interface Dataset {
  /** Where to report a missing licence. */
  at: DataNode;
  what: string;
  licences?: { entry: DataEntry; values: { text: string; node: DataNode }[] };
  /** Distribution or resource licences, when the dataset itself has none. */
  parts: ({ entry: DataEntry; values: { text: string; node: DataNode }[] } | undefined)[];
}

/** The datasets a metadata file describes: a Data Package, CSVW metadata, DCAT / schema.org Dataset JSON-LD, or a DCAT-US data.json. */
export function datasets(document: { format: string; roots?: (DataNode | null)[] }, path: string): Dataset[] {
  if (document.format !== 'data' || !document.roots) return [];
  const root = document.roots[0];
  if (!isMap(root)) return [];
  const pkg = packageDoc(document as never, path);
  if (pkg) {
    const lic = entry(pkg.root, 'licenses');
    const asLd = (e: DataEntry | undefined) => {
      if (!e) return undefined;
      const values = (isSeq(e.value) ? e.value.items : []).flatMap((l) => {
        const texts = [str(get(l, 'name')), str(get(l, 'path')), str(get(l, 'title'))].filter((s): s is string => s !== undefined);
        // the most specific of name, path and title decides
        const verdicts = texts.map(classifyLicence);
        const pick = verdicts.includes('not-open') ? texts[verdicts.indexOf('not-open')] : verdicts.includes('open') ? texts[verdicts.indexOf('open')] : texts[0];
        return pick !== undefined ? [{ text: pick, node: l }] : [];
      });
      return { entry: e, values };
    };
    return [{ at: pkg.root, what: 'The Data Package', licences: asLd(lic), parts: resources(pkg.root).map((r) => asLd(entry(r.resource, 'licenses'))) }];
  }
  const contextNode = get(root, '@context');
  const ctx = contextNode ? toText(contextNode) : '';
  const out: Dataset[] = [];
  if (/www\.w3\.org\/ns\/csvw/.test(ctx)) {
    const tables = get(root, 'tables');
    const parts = isSeq(tables) ? tables.items.filter(isMap).map((t) => jsonLdLicences(t)) : [];
    out.push({ at: root, what: 'The CSVW metadata', licences: jsonLdLicences(root), parts });
    return out;
  }
  // DCAT-US / Project Open Data catalog (data.json)
  const cat = get(root, 'dataset');
  if (isSeq(cat) && /project-open-data/.test(str(get(root, 'conformsTo')) ?? '')) {
    for (const d of cat.items) if (isMap(d)) out.push({ at: d, what: `Dataset \`${str(get(d, 'title')) ?? str(get(d, 'identifier')) ?? '?'}\``, licences: jsonLdLicences(d), parts: [] });
    return out;
  }
  if (!/dcat|schema\.org/i.test(ctx) && !entry(root, '@graph')) return out;
  const candidates: DataMap[] = [root];
  const graph = get(root, '@graph');
  if (isSeq(graph)) candidates.push(...graph.items.filter(isMap));
  for (const k of ['dcat:dataset', 'dataset']) {
    const ds = get(root, k);
    if (isSeq(ds)) candidates.push(...ds.items.filter(isMap));
  }
  for (const n of candidates) {
    if (!types(n).some((t) => /^(dcat:)?Dataset$|^http:\/\/www\.w3\.org\/ns\/dcat#Dataset$|^(schema:)?Dataset$/.test(t))) continue;
    const dist = get(n, 'dcat:distribution') ?? get(n, 'distribution');
    const parts = (isSeq(dist) ? dist.items : dist ? [dist] : []).filter(isMap).map((x) => jsonLdLicences(x));
    out.push({ at: n, what: `Dataset \`${str(get(n, 'dct:title')) ?? str(get(n, 'dcterms:title')) ?? str(get(n, 'name')) ?? str(get(n, 'title')) ?? '?'}\``, licences: jsonLdLicences(n), parts });
  }
  return out;
}

/** Published datasets carry an open data licence. */
const rule: Rule = {
  meta: {
    id: 'data-standards/open-data-licence',
    title: 'Dataset has no open data licence',
    description:
      'Open data is data anyone can use, reuse and share, and that needs a licence: without one, copyright and database right reserve every use to the publisher (for public bodies, usually Crown copyright), so nobody can lawfully build on the data. UK public sector data is normally published under the Open Government Licence v3.0 (or CC BY 4.0, CC0, ODC-BY, ODbL, PDDL). A Data Package, CSVW or DCAT description with no licence, a "not specified" placeholder, or a non-commercial / no-derivatives licence does not make the data open.',
    severity: 'medium',
    kinds: ['json', 'yaml'],
    messages: {
      missing: '{{what}} has no licence; add one, e.g. `"licenses": [{ "name": "OGL-UK-3.0", "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/", "title": "Open Government Licence v3.0" }]` (CSVW/DCAT: `dct:license`).',
      notOpen: 'Licence `{{licence}}` is not an open licence (non-commercial, no-derivatives or closed terms); publish the data under the Open Government Licence v3.0 or another open licence (CC BY 4.0, CC0, ODC-BY, ODbL), or record why it cannot be open.',
      unspecified: 'Licence `{{licence}}` says the licence is not specified; choose an open licence such as `OGL-UK-3.0`.',
      unknown: 'Saltire does not recognise licence `{{licence}}` as an open licence; use a standard identifier (`OGL-UK-3.0`, `CC-BY-4.0`, `CC0-1.0`, `ODC-BY-1.0`, `ODbL-1.0`, `PDDL-1.0`) or the licence\'s URL.',
    },
    remediation: 'Add an open data licence to the dataset metadata; for UK public sector information the default is the Open Government Licence v3.0 (`OGL-UK-3.0`).',
    references: [
      'https://www.nationalarchives.gov.uk/information-management/re-using-public-sector-information/uk-government-licensing-framework/open-government-licence/',
      'https://opendefinition.org/licenses/',
      DATA_PACKAGE_V1,
      'https://www.w3.org/TR/vocab-dcat-3/#Property:resource_license',
      'https://www.gov.uk/government/publications/open-standards-for-government',
    ],
    standards: { dsss: ['11', '12'], govuk: ['12', '13'], tcop: ['3', '10'] },
    equivalents: {},
    since: '0.1.0',
  },
  check(ctx) {
    for (const d of datasets(ctx.document as never, ctx.file.path)) {
      const all = d.licences ? [d.licences] : d.parts.length && d.parts.every((p) => p !== undefined) ? (d.parts as NonNullable<Dataset['parts'][number]>[]) : [];
      if (!all.length) {
        ctx.report({ messageId: 'missing', offsets: [d.at.start, d.at.start + 1], data: { what: d.what } });
        continue;
      }
      for (const l of all) {
        if (!l.values.length) {
          ctx.report({ messageId: 'missing', offsets: [l.entry.key.start, l.entry.key.end], data: { what: d.what } });
          continue;
        }
        const verdicts = l.values.map((v) => ({ v, verdict: classifyLicence(v.text) }));
        // any open licence among the alternatives makes the data open
        if (verdicts.some((x) => x.verdict === 'open')) continue;
        const worst = verdicts.find((x) => x.verdict === 'not-open') ?? verdicts.find((x) => x.verdict === 'unspecified') ?? verdicts[0];
        const messageId = worst.verdict === 'not-open' ? 'notOpen' : worst.verdict === 'unspecified' ? 'unspecified' : 'unknown';
        ctx.report({ messageId, offsets: [worst.v.node.start, worst.v.node.end], data: { licence: worst.v.text }, ...(messageId === 'unknown' ? { severity: 'low' as const } : {}) });
      }
    }
  },
};
export default rule;
