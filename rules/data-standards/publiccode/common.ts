import type { DataDocument } from '../../../src/model/document.js';
import { entry, isMap, str, type DataEntry, type DataMap } from '../../../src/parsers/data/tree.js';
import type { StandardsRefs } from '../../../src/model/standards.js';

/** publiccode.yml evidences open source publication (DSSS 11, GOV.UK 12) and open standards. */
export const PUBLICCODE_STANDARDS: StandardsRefs = { dsss: ['11', '12'], govuk: ['12', '13'], tcop: ['3', '4'] };
export const PUBLICCODE_SPEC = 'https://yml.publiccode.tools/';
export const PUBLICCODE_PARSER = 'https://github.com/italia/publiccode-parser-go';

export interface PubliccodeDoc {
  root: DataMap;
  /** Major.minor of publiccodeYmlVersion ("0", "0.2" … "0.7"), or undefined when absent/unknown. */
  version?: string;
}

/**
 * The publiccodeYmlVersion values the reference parser accepts: "0" (the latest 0.x) and the
 * released 0.2 to 0.5 and 0.7 versions (there is no 0.6), with or without their patch number.
 */
export const PUBLICCODE_VERSIONS = ['0', '0.2', '0.2.0', '0.2.1', '0.2.2', '0.3', '0.3.0', '0.4', '0.4.0', '0.5', '0.5.0', '0.7', '0.7.0'];

export function publiccodeDocs(document: DataDocument | { format: string }): PubliccodeDoc[] {
  if (document.format !== 'data') return [];
  const out: PubliccodeDoc[] = [];
  for (const root of (document as DataDocument).roots) {
    if (!isMap(root)) continue;
    const v = str(entry(root, 'publiccodeYmlVersion')?.value);
    const version = v !== undefined && PUBLICCODE_VERSIONS.includes(v) ? v.split('.').slice(0, 2).join('.') : undefined;
    out.push({ root, version });
  }
  return out;
}

/** The first line of a map (its first key), for reporting something missing from it. */
export function mapStart(map: DataMap): [number, number] {
  const first: DataEntry | undefined = map.entries[0];
  return first ? [first.key.start, first.key.end] : [map.start, map.start + 1];
}

/** ISO 639-1 two-letter language codes. */
export const ISO_639_1 = new Set(
  ('aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu ' +
    'fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko ' +
    'kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi ' +
    'pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ' +
    'ur uz ve vi vo wa wo xh yi yo za zh zu').split(' '),
);

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/**
 * A BCP 47 tag whose primary language subtag is ISO 639-1, or a 3-letter ISO 639-2/3 code that
 * CLDR names (`eng`, `ita`, `nap`, `fur`): a made-up 3-letter code such as `xxx` is not a language.
 */
export function validLanguageTag(tag: string): boolean {
  const m = /^([a-z]{2,3})(-[A-Za-z]{4})?(-([A-Za-z]{2}|\d{3}))?(-[A-Za-z0-9]{5,8}|-\d[A-Za-z0-9]{3})*$/.exec(tag);
  if (!m) return false;
  if (m[1].length === 2) return ISO_639_1.has(m[1]);
  try {
    return languageNames.of(m[1]) !== undefined;
  } catch {
    return false;
  }
}
