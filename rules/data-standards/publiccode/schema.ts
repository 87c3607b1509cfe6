import { isMap, isScalar, isSeq, type DataEntry, type DataNode } from '../../../src/parsers/data/tree.js';
import { ALPHA2 } from '../csv/iso3166.js';
import { editDistance } from '../edit-distance.js';

/**
 * The shape of a publiccode.yml 0.x document: which keys each map has and what type each value is.
 * `text` is any scalar (YAML numbers and booleans read as text), `bool` only true/false (YAML 1.2,
 * so `yes`/`on` are text), `urls` a string or a list of strings. A null value stands for an absent
 * optional key; required keys are publiccode-required's business.
 */
export type Shape =
  | { kind: 'text' }
  | { kind: 'bool' }
  | { kind: 'urls' }
  | { kind: 'any' }
  | { kind: 'list'; item: Shape }
  | { kind: 'map'; keys: Record<string, Shape>; open?: boolean }
  | { kind: 'languages'; item: Shape };

const text: Shape = { kind: 'text' };
const bool: Shape = { kind: 'bool' };
const texts: Shape = { kind: 'list', item: text };
const map = (keys: Record<string, Shape>, open = false): Shape => ({ kind: 'map', keys, open });
const list = (item: Shape): Shape => ({ kind: 'list', item });

const dependency = map({ name: text, versionMin: text, versionMax: text, optional: bool, version: text });
const organisation = map({ name: text, uri: text });

/** The Italian country section (`IT`, formerly `it`); other keys in it are left alone. */
const italy = map(
  {
    countryExtensionVersion: text,
    conforme: map({ lineeGuidaDesign: bool, modelloInteroperabilita: bool, misureMinimeSicurezza: bool, gdpr: bool }, true),
    riuso: map({ codiceIPA: text }, true),
    piattaforme: map({ spid: bool, pagopa: bool, cie: bool, anpr: bool, io: bool }, true),
  },
  true,
);

export const DESCRIPTION: Shape = map({
  localisedName: text,
  genericName: text,
  shortDescription: text,
  longDescription: text,
  documentation: text,
  apiDocumentation: text,
  features: texts,
  screenshots: texts,
  videos: texts,
  awards: texts,
});

export const PUBLICCODE_SHAPE: Shape = map({
  publiccodeYmlVersion: text,
  name: text,
  applicationSuite: text,
  url: text,
  landingURL: text,
  isBasedOn: { kind: 'urls' },
  softwareVersion: text,
  releaseDate: text,
  logo: text,
  monochromeLogo: text,
  organisation,
  inputTypes: texts,
  outputTypes: texts,
  platforms: texts,
  categories: texts,
  usedBy: texts,
  fundedBy: list(organisation),
  roadmap: text,
  developmentStatus: text,
  softwareType: text,
  intendedAudience: map({ scope: texts, countries: texts, unsupportedCountries: texts }),
  description: { kind: 'languages', item: DESCRIPTION },
  legal: map({ license: text, mainCopyrightOwner: text, repoOwner: text, authorsFile: text }),
  maintenance: map({
    type: text,
    contractors: list(map({ name: text, email: text, website: text, until: text })),
    contacts: list(map({ name: text, email: text, affiliation: text, phone: text })),
  }),
  localisation: map({ localisationReady: bool, availableLanguages: texts }),
  dependsOn: map({ open: list(dependency), proprietary: list(dependency), hardware: list(dependency) }),
  supports: list({ kind: 'any' }),
  IT: italy,
  it: italy,
});

export type ShapeProblem =
  | { kind: 'type'; node: DataNode; path: string; expected: string; actual: string }
  | { kind: 'unknownKey'; entry: DataEntry; path: string; suggestion?: string };

/** How a value reads in a message: `"text"`, `42`, `null`, `a map`, `a list`. */
export function describeNode(n: DataNode): string {
  if (isScalar(n)) return n.value === null ? 'null' : typeof n.value === 'string' ? `"${n.value}"` : String(n.value);
  return n.type === 'map' ? 'a map' : 'a list';
}

const EXPECTED: Record<Shape['kind'], string> = {
  text: 'a string',
  bool: 'true or false',
  urls: 'a URL or a list of URLs',
  any: 'a value',
  list: 'a list',
  map: 'a map of keys',
  languages: 'a map keyed by language code',
};

function isNull(n: DataNode): boolean {
  return isScalar(n) && n.value === null;
}

function closest(key: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = editDistance(key.toLowerCase(), k.toLowerCase());
    if (d < bestD) [best, bestD] = [k, d];
  }
  return bestD <= Math.max(1, Math.floor(key.length / 4)) ? best : undefined;
}

/** A top-level key that is a country-specific section other than Italy's (an ISO 3166-1 alpha-2 code). */
function countrySection(key: string): boolean {
  return /^([A-Z]{2}|[a-z]{2})$/.test(key) && ALPHA2.has(key.toUpperCase());
}

/** Every value whose type differs from the shape, and every key the shape does not have. */
export function checkShape(node: DataNode, shape: Shape, path: string, out: ShapeProblem[] = []): ShapeProblem[] {
  if (shape.kind === 'any' || isNull(node)) return out;
  const wrong = () => out.push({ kind: 'type', node, path, expected: EXPECTED[shape.kind], actual: describeNode(node) });
  switch (shape.kind) {
    case 'text':
      if (!isScalar(node)) wrong();
      break;
    case 'bool':
      if (!isScalar(node) || typeof node.value !== 'boolean') wrong();
      break;
    case 'urls':
      if (isSeq(node)) node.items.forEach((item, i) => checkShape(item, text, `${path}[${i}]`, out));
      else if (!isScalar(node)) wrong();
      break;
    case 'list':
      if (!isSeq(node)) wrong();
      else node.items.forEach((item, i) => checkShape(item, shape.item, `${path}[${i}]`, out));
      break;
    case 'languages':
      if (!isMap(node)) wrong();
      else for (const e of node.entries) checkShape(e.value, shape.item, `${path}.${String(e.key.value)}`, out);
      break;
    case 'map': {
      if (!isMap(node)) {
        wrong();
        break;
      }
      const known = Object.keys(shape.keys);
      for (const e of node.entries) {
        const key = String(e.key.value);
        const where = path ? `${path}.${key}` : key;
        const sub = Object.hasOwn(shape.keys, key) ? shape.keys[key] : undefined;
        if (sub) checkShape(e.value, sub, where, out);
        else if (!shape.open && !(path === '' && countrySection(key))) out.push({ kind: 'unknownKey', entry: e, path: where, suggestion: closest(key, known) });
      }
      break;
    }
  }
  return out;
}
