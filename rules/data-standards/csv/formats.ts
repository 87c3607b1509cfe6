/**
 * The well-known value formats of UK open data columns, each with the headers that name it: ISO 8601
 * dates, ISO 3166-1 country codes, GSS geography codes, UPRN and USRN, UK postcodes, e-mail addresses.
 */
import type { ColumnFormat } from './columns.js';
import { headerWords } from './columns.js';
import { ALPHA2, ALPHA3, NOT_COUNTRY_CODES, NUMERIC, USER_ASSIGNED } from './iso3166.js';

const joined = (name: string) => headerWords(name).join('_');

// ---- dates -------------------------------------------------------------------------------------

const ISO_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?)?$/;
const daysIn = (y: number, m: number) => [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];

/** An ISO 8601 calendar date (YYYY, YYYY-MM, YYYY-MM-DD) or RFC 3339 date-time, with real month, day and time. */
export function isIsoDate(v: string): boolean {
  const m = ISO_DATE.exec(v);
  if (!m) return false;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => (x === undefined ? undefined : Number(x)));
  if (mo !== undefined && (mo < 1 || mo > 12)) return false;
  if (d !== undefined && (d < 1 || d > daysIn(y!, mo!))) return false;
  return !(h !== undefined && (h > 23 || mi! > 59 || (s ?? 0) > 60));
}

const MONTH = '(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
const OTHER_DATE = new RegExp(
  [
    '^\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2,4}( \\d{1,2}:\\d{2}(:\\d{2})?)?$', // 03/04/2025, 3-4-25, 03.04.2025 09:30
    '^\\d{4}[/.]\\d{1,2}[/.]\\d{1,2}$', // 2025/04/03
    `^\\d{1,2}(st|nd|rd|th)? ${MONTH},? \\d{2,4}$`, // 3 Apr 2025, 3rd April 2025
    `^${MONTH} \\d{1,2}(st|nd|rd|th)?,? \\d{4}$`, // April 3, 2025
    `^${MONTH}[ -]\\d{2,4}$`, // Apr-25, April 2025
    '^\\d{4}-\\d{1,2}-\\d{1,2}$', // 2025-4-3
    '^\\d{8}$', // 20250403
  ].join('|'),
  'i',
);
/** Excel's serial day numbers (1982 to 2064): dates a spreadsheet stored as numbers. */
const EXCEL_SERIAL = /^(3\d{4}|[45]\d{4}|6[0-3]\d{3})$/;

/** A date column: `date` as a word (start_date, DateOfBirth, date), not a date's format or source. */
export function isDateColumn(name: string): boolean {
  const words = headerWords(name);
  if (!words.some((w) => w === 'date' || w === 'dob' || /^date(time|stamp)?$/.test(w))) return false;
  return !words.some((w) => ['format', 'type', 'source', 'by', 'flag', 'count', 'number', 'num', 'id', 'code'].includes(w));
}

export const DATE: ColumnFormat = {
  header: isDateColumn,
  valid: isIsoDate,
  candidate: (v) => ISO_DATE.test(v) || OTHER_DATE.test(v) || EXCEL_SERIAL.test(v),
  threshold: 0.6,
  hint(v) {
    if (EXCEL_SERIAL.test(v)) return 'a spreadsheet date serial number: format the column as a date before exporting';
    const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
    if (m) return `if day first, write \`${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}\``;
    if (ISO_DATE.test(v)) return 'not a real calendar date or time';
    return undefined;
  },
};

// ---- ISO 3166-1 country codes ---------------------------------------------------------------

const isCountryCode = (v: string) => ALPHA2.has(v) || ALPHA3.has(v) || NUMERIC.has(v) || USER_ASSIGNED.has(v);

export const COUNTRY: ColumnFormat = {
  header(name) {
    const j = joined(name);
    if (/(^|_)(ctry|gss|cd)($|_)|^ctry\d/.test(j)) return false;
    return /^(country|countries|nationality|iso|cntry)(_(code|codes|iso|iso2|iso3|alpha_?[23]|id))?$/.test(j) || /(^|_)(iso_?3166(_?1)?|iso_?alpha_?[23]|alpha_?[23]|iso[23]|iso_?(numeric|num|n3|a2|a3)|country_?(numeric|num|iso_?numeric))(_code)?$/.test(j) || /^(country|nationality)_(of_)?\w*_?code$/.test(j) || /_country_code$/.test(j);
  },
  valid: isCountryCode,
  candidate: (v) => isCountryCode(v.toUpperCase()) || v.toUpperCase() in NOT_COUNTRY_CODES || /^\d{1,3}$/.test(v),
  threshold: 0.8,
  hint(v) {
    const u = v.toUpperCase();
    if (u in NOT_COUNTRY_CODES) return NOT_COUNTRY_CODES[u] ? `\`${u}\` is not an ISO 3166-1 country code; use \`${NOT_COUNTRY_CODES[u]}\`` : `\`${u}\` is not an ISO 3166-1 country code`;
    if (u !== v && isCountryCode(u)) return `ISO 3166-1 codes are upper case: \`${u}\``;
    if (/^\d{1,2}$/.test(v) && NUMERIC.has(v.padStart(3, '0'))) return `numeric codes have three digits: \`${v.padStart(3, '0')}\``;
    return undefined;
  },
};

// ---- GSS codes ---------------------------------------------------------------------------------

/** Scottish GSS entity codes (Scottish Government Standard Geography Code Register), for messages. */
export const SCOTTISH_ENTITIES: Record<string, string> = {
  S00: 'census output area', S01: 'data zone', S02: 'intermediate zone', S03: 'community health partnership', S08: 'health board',
  S12: 'council area', S13: 'electoral ward', S14: 'UK Parliament constituency', S16: 'Scottish Parliament constituency',
  S17: 'Scottish Parliament region', S19: 'locality', S20: 'settlement', S22: 'travel to work area', S37: 'health and social care partnership',
  S92: 'country (Scotland)',
};
/** GSS codes: a country letter (E, W, S, N; K cross-border; L, M Channel Islands and Isle of Man; J; T, U, V reserved for Scotland), a 2-digit entity and a 6-digit instance. */
export const GSS = /^[EJKLMNSTUVW]\d{8}$/;

export const GSS_CODE: ColumnFormat = {
  header(name) {
    const j = joined(name);
    if (/(^|_)gss(_|$)/.test(j) || /^gss/.test(j)) return true;
    if (/^[a-z]{2,6}\d{2}cd$/.test(name.toLowerCase())) return true; // ONS lookup columns: LAD23CD, WD22CD, CTRY22CD
    if (/^(data_?zone|datazone|intzone|int_?zone|dz|iz|hb|hscp|ca|lad|lsoa|msoa|oa)_?\d{2,4}$/.test(j)) return true; // PHS: DataZone2011, HB2019
    return /(^|_)(feature|area|geography|geo|la|lad|local_authority|council|council_area|ward|hb|health_board|hscp|data_?zone|datazone|intermediate_zone|iz|dz|pcon|constituency|region|rgn|ctry)_?code$/.test(j);
  },
  valid: (v) => GSS.test(v),
  candidate: (v) => /^[A-Z]\d{5,10}$/i.test(v),
  describe: (values) => {
    const e = dominantEntity(values);
    return e ? `mostly ${e} codes` : undefined;
  },
  threshold: 0.6,
  hint(v) {
    if (GSS.test(v.toUpperCase())) return `GSS codes are upper case: \`${v.toUpperCase()}\``;
    if (/^[A-Z]\d+$/i.test(v)) return `GSS codes are a country letter and 8 digits (${v.length} characters here), e.g. \`S12000033\``;
    return undefined;
  },
};

/** The Scottish entity most of a column's codes are, for the message (`S12 council area`). */
export function dominantEntity(values: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) if (GSS.test(v)) counts.set(v.slice(0, 3), (counts.get(v.slice(0, 3)) ?? 0) + 1);
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  return top && SCOTTISH_ENTITIES[top[0]] ? `${top[0]} ${SCOTTISH_ENTITIES[top[0]]}` : undefined;
}

// ---- UPRN and USRN ---------------------------------------------------------------------------

function identifierHint(v: string, digits: number, what: string): string | undefined {
  if (/^\d(\.\d+)?e\+?\d+$/i.test(v)) return 'a spreadsheet turned it into a number in scientific notation, losing digits: format the column as text';
  if (/^\d+\.0+$/.test(v)) return `write ${what}s as whole numbers, without \`.0\``;
  if (/^\d{1,3}(,\d{3})+$/.test(v)) return `write ${what}s without thousands separators`;
  if (/^\d+$/.test(v) && v.length > digits) return `${what}s have at most ${digits} digits`;
  if (/^0+$/.test(v)) return `0 is not a ${what}; leave the cell empty when it is unknown`;
  return undefined;
}

/** An Ordnance Survey identifier column (UPRN, USRN): a whole number of at most `digits` digits, never 0. */
function identifierFormat(code: string, digits: number, longName: RegExp): ColumnFormat {
  const word = code.toLowerCase();
  const valid = new RegExp(`^\\d{1,${digits}}$`);
  return {
    header: (name) => headerWords(name).some((w) => w.endsWith(word) || w.startsWith(word)) || longName.test(joined(name)),
    valid: (v) => valid.test(v) && !/^0+$/.test(v),
    candidate: (v) => /^[\d.,eE+\- ]+$/.test(v),
    threshold: 0.6,
    hint: (v) => identifierHint(v, digits, code),
  };
}

export const UPRN = identifierFormat('UPRN', 12, /unique_property_reference(_number)?/);
export const USRN = identifierFormat('USRN', 8, /unique_street_reference(_number)?/);

// ---- UK postcodes -------------------------------------------------------------------------------

/** The Royal Mail / ONS postcode format (outward code, space, inward code), GIR 0AA, BFPO numbers and British overseas territories' postcodes. */
const POSTCODE = /^([A-PR-UWYZ](\d{1,2}|[A-HK-Y]\d{1,2}|\d[A-HJKPS-UW]|[A-HK-Y]\d[ABEHMNPRV-Y]) {0,2}\d[ABD-HJLNP-UW-Z]{2}|GIR {0,2}0AA|BFPO {0,2}(C\/O {0,2})?\d{1,4}|(ASCN|STHL|TDCU|BBND|BIQQ|FIQQ|PCRN|SIQQ|TKCA) {0,2}1ZZ|GX11 {0,2}1AA)$/i;
export const isPostcode = (v: string) => POSTCODE.test(v);

export const POSTCODE_FORMAT: ColumnFormat = {
  header(name) {
    const words = headerWords(name);
    const j = words.join('_');
    if (words.some((w) => ['district', 'sector', 'area', 'outward', 'inward', 'prefix', 'town', 'count', 'valid', 'flag', 'type', 'region'].includes(w))) return false;
    return /(^|_)(post_?code|postal_code|pcds?|pcd[278])($|_)/.test(j) || words.includes('postcode');
  },
  valid: isPostcode,
  candidate: (v) => isPostcode(v) || /^[A-Z]{1,2}\d[A-Z\d]?( {0,2}\d[A-Z]{0,2})?$/i.test(v) || /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z\d]{2}$/i.test(v),
  threshold: 0.6,
  hint(v) {
    if (/^[A-Z]{1,2}\d[A-Z\d]?$/i.test(v)) return 'only the outward code (district); write the full postcode or move districts to their own column';
    if (/^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]?$/i.test(v)) return 'the inward code is incomplete';
    if (/[CIKMOV]{2}$/i.test(v)) return 'the last two letters are never C, I, K, M, O or V';
    return undefined;
  },
};

// ---- e-mail addresses ---------------------------------------------------------------------------

/** The WHATWG (HTML) valid e-mail address syntax, with a dotted domain (an internet address). */
const EMAIL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$/;
export const isEmail = (v: string) => EMAIL.test(v) && !v.includes('..') && !v.startsWith('.') && !/\.@/.test(v);

export const EMAIL_FORMAT: ColumnFormat = {
  header(name) {
    const words = headerWords(name);
    const j = words.join('_');
    if (!/(^|_)(e_?mail|email_?address|mail)($|_)/.test(j) && !words.some((w) => w.endsWith('email'))) return false;
    return !words.some((w) => ['opt', 'optin', 'opted', 'verified', 'sent', 'count', 'consent', 'flag', 'date', 'status', 'type', 'domain', 'subject', 'body', 'template', 'frequency', 'preference', 'preferences', 'bounced', 'valid', 'method', 'merge', 'snail'].includes(w));
  },
  valid: isEmail,
  candidate: (v) => v.includes('@'),
  threshold: 0.6,
  hint(v) {
    if (/^mailto:/i.test(v)) return 'remove `mailto:`';
    if (/[;,]/.test(v) && v.split(/[;,]/).filter((p) => p.includes('@')).length > 1) return 'one address per cell';
    if (/<[^>]+@[^>]+>/.test(v)) return 'write the bare address, without a display name';
    if (/\s/.test(v)) return 'addresses cannot contain spaces';
    if (!/@[^@]+\.[^@]+$/.test(v)) return 'the domain has no dot';
    return undefined;
  },
};
