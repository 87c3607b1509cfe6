/**
 * Table Schema (Frictionless v1 and v2) field types, formats and constraints: reading a field
 * descriptor, casting a cell's text to its logical value, and checking the field's constraints.
 * Every function is pure, so the data rule and the tests share one implementation.
 */
import { get, isMap, isSeq, str, toValue, type DataMap } from '../../../src/parsers/data/tree.js';

export const FIELD_TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'list', 'date', 'time', 'datetime', 'year', 'yearmonth', 'duration', 'geopoint', 'geojson', 'any'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** Formats each type accepts (date/time/datetime also take `any` and strptime patterns). */
export const TYPE_FORMATS: Record<string, string[]> = {
  string: ['default', 'email', 'uri', 'binary', 'uuid', 'wkt'],
  geopoint: ['default', 'array', 'object'],
  geojson: ['default', 'topojson'],
};

export interface Field {
  name: string;
  type: FieldType;
  format: string;
  /** Cell texts that mean "no value" (schema-level, or the field's own in v2). */
  missingValues: string[];
  trueValues: string[];
  falseValues: string[];
  decimalChar: string;
  groupChar?: string;
  bareNumber: boolean;
  /** v2 `list`: item delimiter and type. */
  delimiter: string;
  itemType: FieldType;
  constraints: Constraints;
}

export interface Constraints {
  required?: boolean;
  unique?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: unknown;
  maximum?: unknown;
  exclusiveMinimum?: unknown;
  exclusiveMaximum?: unknown;
  pattern?: RegExp;
  /** The pattern as written, for messages. */
  patternText?: string;
  enum?: unknown[];
}

const DEFAULT_TRUE = ['true', 'True', 'TRUE', '1'];
const DEFAULT_FALSE = ['false', 'False', 'FALSE', '0'];

function strings(node: ReturnType<typeof get>): string[] | undefined {
  if (!isSeq(node)) return undefined;
  // v2 missingValues may be objects { value, label }
  return node.items.map((i) => (isMap(i) ? str(get(i, 'value')) : str(i))).filter((s): s is string => s !== undefined);
}

/** A JSON Schema / XML Schema style pattern as an anchored ECMAScript regular expression (undefined when invalid). */
export function compilePattern(p: string): RegExp | undefined {
  for (const flags of ['u', '']) {
    try {
      return new RegExp(`^(?:${p})$`, flags);
    } catch {
      /* try without the Unicode flag */
    }
  }
  return undefined;
}

/** Read a field descriptor (undefined when it has no name). */
export function readField(node: DataMap, schemaMissing: string[]): Field | undefined {
  const name = str(get(node, 'name'));
  if (name === undefined) return undefined;
  const type = (str(get(node, 'type')) ?? 'string') as FieldType;
  let format = str(get(node, 'format')) ?? 'default';
  if (format.startsWith('fmt:')) format = format.slice(4);
  const c = get(node, 'constraints');
  const constraints: Constraints = {};
  if (isMap(c)) {
    const v = toValue(c) as Record<string, unknown>;
    if (v.required === true) constraints.required = true;
    if (v.unique === true) constraints.unique = true;
    if (typeof v.minLength === 'number') constraints.minLength = v.minLength;
    if (typeof v.maxLength === 'number') constraints.maxLength = v.maxLength;
    for (const k of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'] as const) if (v[k] !== undefined && v[k] !== null) constraints[k] = v[k];
    if (typeof v.pattern === 'string') {
      constraints.pattern = compilePattern(v.pattern);
      constraints.patternText = v.pattern;
    }
    if (Array.isArray(v.enum) && v.enum.length) constraints.enum = v.enum;
  }
  return {
    name,
    type,
    format,
    missingValues: strings(get(node, 'missingValues')) ?? schemaMissing,
    trueValues: strings(get(node, 'trueValues')) ?? DEFAULT_TRUE,
    falseValues: strings(get(node, 'falseValues')) ?? DEFAULT_FALSE,
    decimalChar: str(get(node, 'decimalChar')) ?? '.',
    groupChar: str(get(node, 'groupChar')),
    bareNumber: get(node, 'bareNumber')?.type === 'scalar' ? (get(node, 'bareNumber') as { value: unknown }).value !== false : true,
    delimiter: str(get(node, 'delimiter')) ?? ',',
    itemType: (str(get(node, 'itemType')) ?? 'string') as FieldType,
    constraints,
  };
}

/** The schema's fields and its missing values (default `[""]`). */
export function readSchema(schema: DataMap): { fields: Field[]; missingValues: string[] } {
  const missingValues = strings(get(schema, 'missingValues')) ?? [''];
  const list = get(schema, 'fields');
  const fields = isSeq(list) ? list.items.flatMap((n) => (isMap(n) ? (readField(n, missingValues) ?? []) : [])) : [];
  return { fields, missingValues };
}

/** Primary key field names. */
export function primaryKey(schema: DataMap): string[] {
  const pk = get(schema, 'primaryKey');
  if (typeof str(pk) === 'string' && pk?.type === 'scalar') return [str(pk)!];
  return isSeq(pk) ? pk.items.map((i) => str(i)).filter((s): s is string => s !== undefined) : [];
}

// ---- casting -------------------------------------------------------------------------------

/** A cast value: numbers as numbers, temporal values as sortable keys, JSON values parsed. */
export type Cast = { ok: true; value: unknown; size?: number } | { ok: false };
const BAD: Cast = { ok: false };
const ok = (value: unknown, size?: number): Cast => ({ ok: true, value, size });

const daysIn = (y: number, m: number) => [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
const validDate = (y: number, m: number, d: number) => m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m);
const validTime = (h: number, mi: number, s: number) => h <= 23 && mi <= 59 && s <= 60;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTHS_LONG = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const DAYS = '(?:mon|tue|wed|thu|fri|sat|sun)';
const DAYS_LONG = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)';

interface Strptime {
  re: RegExp;
  groups: string[];
}
const strptimeCache = new Map<string, Strptime | undefined>();

/** A Python strptime pattern (`%d/%m/%Y`) as a regular expression with named parts; undefined for directives it cannot read. */
export function strptime(pattern: string): Strptime | undefined {
  if (strptimeCache.has(pattern)) return strptimeCache.get(pattern);
  const groups: string[] = [];
  let re = '';
  let okPattern = true;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch !== '%') {
      re += /\s/.test(ch) ? '\\s+' : ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
      continue;
    }
    let d = pattern[++i];
    if (d === '-' || d === '#') d = pattern[++i]; // %-d (no padding)
    const add = (g: string, r: string) => {
      groups.push(g);
      re += `(${r})`;
    };
    switch (d) {
      case 'Y': add('Y', '\\d{4}'); break;
      case 'y': add('y', '\\d{2}'); break;
      case 'm': add('m', '\\d{1,2}'); break;
      case 'd': add('d', '\\d{1,2}'); break;
      case 'e': add('d', ' ?\\d{1,2}'); break;
      case 'H': add('H', '\\d{1,2}'); break;
      case 'I': add('I', '\\d{1,2}'); break;
      case 'M': add('M', '\\d{1,2}'); break;
      case 'S': add('S', '\\d{1,2}'); break;
      case 'f': add('f', '\\d{1,6}'); break;
      case 'p': add('p', '[AaPp][Mm]'); break;
      case 'b': case 'h': add('b', MONTHS.join('|')); break;
      case 'B': add('B', MONTHS_LONG.join('|')); break;
      case 'a': re += DAYS; break;
      case 'A': re += DAYS_LONG; break;
      case 'j': add('j', '\\d{1,3}'); break;
      case 'z': add('z', 'Z|[+-]\\d{2}:?\\d{2}'); break;
      case 'Z': re += '[A-Za-z]{1,5}'; break;
      case 'T': groups.push('H', 'M', 'S'); re += '(\\d{1,2}):(\\d{2}):(\\d{2})'; break;
      case 'F': groups.push('Y', 'm', 'd'); re += '(\\d{4})-(\\d{2})-(\\d{2})'; break;
      case '%': re += '%'; break;
      default: okPattern = false;
    }
  }
  const out = okPattern ? { re: new RegExp(`^${re}$`, 'i'), groups } : undefined;
  strptimeCache.set(pattern, out);
  return out;
}

interface Parts { Y?: number; m?: number; d?: number; H?: number; M?: number; S?: number; f?: string; z?: string }

function readStrptime(p: Strptime, value: string): Parts | undefined {
  const m = p.re.exec(value);
  if (!m) return undefined;
  const parts: Parts = {};
  let pm: boolean | undefined;
  let h12: number | undefined;
  p.groups.forEach((g, i) => {
    const v = m[i + 1];
    switch (g) {
      case 'Y': parts.Y = Number(v); break;
      case 'y': parts.Y = Number(v) + (Number(v) < 69 ? 2000 : 1900); break;
      case 'm': parts.m = Number(v); break;
      case 'd': parts.d = Number(v.trim()); break;
      case 'H': parts.H = Number(v); break;
      case 'I': h12 = Number(v); break;
      case 'M': parts.M = Number(v); break;
      case 'S': parts.S = Number(v); break;
      case 'f': parts.f = v; break;
      case 'p': pm = v.toLowerCase() === 'pm'; break;
      case 'b': parts.m = MONTHS.indexOf(v.toLowerCase()) + 1; break;
      case 'B': parts.m = MONTHS_LONG.indexOf(v.toLowerCase()) + 1; break;
      case 'z': parts.z = v; break;
      case 'j': {
        const doy = Number(v);
        parts.m = 1;
        parts.d = doy;
        break;
      }
    }
  });
  if (h12 !== undefined) {
    if (h12 < 1 || h12 > 12) return undefined;
    parts.H = (h12 % 12) + (pm ? 12 : 0);
  }
  return parts;
}

function dateKey(p: Parts): string | undefined {
  const y = p.Y ?? 1900;
  let m = p.m ?? 1;
  let d = p.d ?? 1;
  if (m === 1 && d > 31) {
    // day of year (%j)
    if (d > (daysIn(y, 2) === 29 ? 366 : 365)) return undefined;
    const date = new Date(Date.UTC(y, 0, d));
    m = date.getUTCMonth() + 1;
    d = date.getUTCDate();
  }
  if (!validDate(y, m, d)) return undefined;
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

function timeKey(p: Parts): string | undefined {
  const h = p.H ?? 0;
  const mi = p.M ?? 0;
  const s = p.S ?? 0;
  if (!validTime(h, mi, s)) return undefined;
  return `${pad(h)}:${pad(mi)}:${pad(s)}${p.f ? `.${p.f}` : ''}`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_TIME = /^(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;
const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;

function castTemporal(type: 'date' | 'time' | 'datetime', format: string, v: string): Cast {
  if (format === 'any') return v.trim() ? ok(v) : BAD;
  if (format !== 'default') {
    const p = strptime(format);
    if (!p) return ok(v); // a directive we cannot read: cannot tell
    const parts = readStrptime(p, v.trim());
    if (!parts) return BAD;
    const dk = type === 'time' ? '' : dateKey(parts);
    const tk = type === 'date' ? '' : timeKey(parts);
    if (dk === undefined || tk === undefined) return BAD;
    return ok(type === 'date' ? dk : type === 'time' ? tk : `${dk}T${tk}`);
  }
  if (type === 'date') {
    const m = ISO_DATE.exec(v);
    return m && validDate(+m[1], +m[2], +m[3]) ? ok(v) : BAD;
  }
  if (type === 'time') {
    const m = ISO_TIME.exec(v);
    return m && validTime(+m[1], +m[2], +m[3]) ? ok(v) : BAD;
  }
  const m = ISO_DATETIME.exec(v);
  if (!m || !validDate(+m[1], +m[2], +m[3]) || !validTime(+m[4], +m[5], +m[6])) return BAD;
  const t = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] === '60' ? '59' : m[6]}${m[7] ?? ''}${m[8] ? (m[8].length === 5 ? `${m[8].slice(0, 3)}:${m[8].slice(3)}` : m[8]) : 'Z'}`);
  return Number.isNaN(t) ? BAD : ok(t);
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const SPECIAL_NUMBERS: Record<string, number> = { NaN: NaN, INF: Infinity, '-INF': -Infinity, '+INF': Infinity, Infinity, '-Infinity': -Infinity };

function numberText(f: Pick<Field, 'groupChar' | 'decimalChar' | 'bareNumber'>, raw: string): string {
  let v = raw.trim();
  const dec = f.decimalChar.replace(/[\\^\]-]/g, '\\$&');
  // bareNumber: false allows leading and trailing text such as `€95` or `95%`
  if (!f.bareNumber) v = v.replace(new RegExp(`^[^\\d+${dec}-]+`), '').replace(new RegExp(`^([+-])[^\\d${dec}]+`), '$1').replace(new RegExp(`[^\\d${dec}]+$`), '');
  if (f.groupChar) v = v.split(f.groupChar).join('');
  if (f.decimalChar !== '.') {
    // with another decimal character a `.` that is not the group character is not part of a number (`1.234` with decimalChar `,`)
    if (v.includes('.')) return '';
    v = v.split(f.decimalChar).join('.');
  }
  return v;
}

function castNumber(f: Field, raw: string): Cast {
  const v = numberText(f, raw);
  if (v in SPECIAL_NUMBERS) return ok(SPECIAL_NUMBERS[v]);
  return NUMBER.test(v) ? ok(Number(v)) : BAD;
}

function castInteger(f: Field, raw: string): Cast {
  const v = numberText(f, raw);
  return /^[+-]?\d+$/.test(v) ? ok(Number(v)) : BAD;
}

const DURATION = /^P(?!$)(\d+(?:[.,]\d+)?Y)?(\d+(?:[.,]\d+)?M)?(\d+(?:[.,]\d+)?W)?(\d+(?:[.,]\d+)?D)?(T(?=\d)(\d+(?:[.,]\d+)?H)?(\d+(?:[.,]\d+)?M)?(\d+(?:[.,]\d+)?S)?)?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URI = /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const WKT_TYPES = 'POINT|LINESTRING|POLYGON|MULTIPOINT|MULTILINESTRING|MULTIPOLYGON|GEOMETRYCOLLECTION|CIRCULARSTRING|COMPOUNDCURVE|CURVEPOLYGON|MULTICURVE|MULTISURFACE|CURVE|SURFACE|POLYHEDRALSURFACE|TIN|TRIANGLE';
const WKT_TAG = new RegExp(`^\\s*(${WKT_TYPES})\\s*(ZM|Z|M)?\\s*`, 'i');

/** Well-known text (OGC simple features): a geometry tag, then EMPTY or balanced parentheses of coordinates and nested geometries (an EWKT `SRID=…;` prefix allowed). */
function wkt(raw: string): boolean {
  const v = raw.replace(/^\s*SRID=\d+;/i, '');
  const tag = WKT_TAG.exec(v);
  if (!tag) return false;
  const body = v.slice(tag[0].length).trimEnd();
  if (/^EMPTY$/i.test(body)) return true;
  if (!body.startsWith('(')) return false;
  let depth = 0;
  // inside: numbers, commas, spaces, parentheses, and the tags of nested geometries
  const tokens = body.match(new RegExp(`\\(|\\)|,|[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|(${WKT_TYPES})(\\s*(ZM|Z|M))?|EMPTY|\\s+|.`, 'gi')) ?? [];
  for (const t of tokens) {
    if (t === '(') depth++;
    else if (t === ')') {
      if (--depth < 0) return false;
    } else if (t.length === 1 && !/[\s,\d]/.test(t)) return false;
  }
  return depth === 0 && /\)$/.test(body);
}

function json(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

const inRange = (lon: number, lat: number) => Number.isFinite(lon) && Number.isFinite(lat) && lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90;

/** Cast one cell (already known not to be a missing value) to the field's type. */
export function castCell(f: Pick<Field, 'type' | 'format' | 'trueValues' | 'falseValues' | 'decimalChar' | 'groupChar' | 'bareNumber' | 'delimiter' | 'itemType'>, raw: string): Cast {
  const field = f as Field;
  switch (f.type) {
    case 'string':
      switch (f.format) {
        case 'email': return EMAIL.test(raw) ? ok(raw, [...raw].length) : BAD;
        case 'uri': return URI.test(raw) ? ok(raw, [...raw].length) : BAD;
        case 'uuid': return UUID.test(raw) ? ok(raw, [...raw].length) : BAD;
        case 'binary': return BASE64.test(raw) ? ok(raw, [...raw].length) : BAD;
        case 'wkt': return wkt(raw) ? ok(raw, [...raw].length) : BAD;
        default: return ok(raw, [...raw].length);
      }
    case 'number': return castNumber(field, raw);
    case 'integer': return castInteger(field, raw);
    case 'boolean':
      if (f.trueValues.includes(raw)) return ok(true);
      if (f.falseValues.includes(raw)) return ok(false);
      return BAD;
    case 'date': case 'time': case 'datetime': return castTemporal(f.type, f.format, raw);
    case 'year': return /^\d{4}$/.test(raw.trim()) ? ok(Number(raw)) : BAD;
    case 'yearmonth': {
      const m = /^(\d{4})-(\d{2})$/.exec(raw.trim());
      return m && +m[2] >= 1 && +m[2] <= 12 ? ok(raw.trim()) : BAD;
    }
    case 'duration': return DURATION.test(raw.trim()) ? ok(raw.trim()) : BAD;
    case 'geopoint': {
      if (f.format === 'array') {
        const v = json(raw);
        return Array.isArray(v) && v.length === 2 && v.every((n) => typeof n === 'number') && inRange(v[0] as number, v[1] as number) ? ok(raw) : BAD;
      }
      if (f.format === 'object') {
        const v = json(raw) as { lon?: unknown; lat?: unknown } | undefined;
        return v && typeof v === 'object' && typeof v.lon === 'number' && typeof v.lat === 'number' && inRange(v.lon, v.lat) ? ok(raw) : BAD;
      }
      const m = /^\s*([+-]?\d+(?:\.\d+)?)\s*,\s*([+-]?\d+(?:\.\d+)?)\s*$/.exec(raw);
      return m && inRange(+m[1], +m[2]) ? ok(raw) : BAD;
    }
    case 'geojson': {
      const v = json(raw) as { type?: unknown } | undefined;
      if (!v || typeof v !== 'object' || Array.isArray(v) || typeof v.type !== 'string') return BAD;
      return f.format === 'topojson' ? (v.type === 'Topology' ? ok(v) : BAD) : ok(v);
    }
    case 'object': {
      const v = json(raw);
      return v && typeof v === 'object' && !Array.isArray(v) ? ok(v, Object.keys(v).length) : BAD;
    }
    case 'array': {
      const v = json(raw);
      return Array.isArray(v) ? ok(v, v.length) : BAD;
    }
    case 'list': {
      const items = raw.split(f.delimiter);
      const itemField = { ...field, type: f.itemType, format: 'default' };
      return items.every((i) => castCell(itemField, i).ok) ? ok(items, items.length) : BAD;
    }
    case 'any': return ok(raw);
    default: return ok(raw); // an unknown type: table-schema-valid reports it
  }
}

/** A constraint value (as written in the descriptor) in the same comparable form as cast cells. */
export function castConstraint(f: Field, v: unknown): unknown {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v;
  if (typeof v !== 'string') return undefined;
  const c = castCell(f, v);
  return c.ok ? c.value : undefined;
}

const compare = (a: unknown, b: unknown): number | undefined => {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
};

/** The constraint a cast value breaks (required, unique, primary keys are checked by the caller). */
export function brokenConstraint(f: Field, cell: Extract<Cast, { ok: true }>, raw: string): { constraint: string; expected: string } | undefined {
  const c = f.constraints;
  const ordered = ['number', 'integer', 'date', 'time', 'datetime', 'year', 'yearmonth'].includes(f.type);
  if (c.minLength !== undefined && cell.size !== undefined && cell.size < c.minLength) return { constraint: 'minLength', expected: `at least ${c.minLength} ${f.type === 'string' ? 'characters' : 'items'}` };
  if (c.maxLength !== undefined && cell.size !== undefined && cell.size > c.maxLength) return { constraint: 'maxLength', expected: `at most ${c.maxLength} ${f.type === 'string' ? 'characters' : 'items'}` };
  if (ordered) {
    const bound = (k: 'minimum' | 'maximum' | 'exclusiveMinimum' | 'exclusiveMaximum', bad: (d: number) => boolean, words: string) => {
      if (c[k] === undefined) return undefined;
      const d = compare(cell.value, castConstraint(f, c[k]));
      return d !== undefined && !Number.isNaN(d) && bad(d) ? { constraint: k, expected: `${words} ${String(c[k])}` } : undefined;
    };
    const broken =
      bound('minimum', (d) => d < 0, 'at least') ??
      bound('maximum', (d) => d > 0, 'at most') ??
      bound('exclusiveMinimum', (d) => d <= 0, 'more than') ??
      bound('exclusiveMaximum', (d) => d >= 0, 'less than');
    if (broken) return broken;
  }
  if (c.pattern && !c.pattern.test(raw)) return { constraint: 'pattern', expected: `matching \`${c.patternText}\`` };
  if (c.enum) {
    const key = (x: unknown) => (typeof x === 'object' && x !== null ? JSON.stringify(x) : x);
    const v = key(cell.value);
    const hit = c.enum.some((e) => {
      const a = castConstraint(f, e);
      return a !== undefined ? key(a) === v || (Number.isNaN(a) && Number.isNaN(v)) : JSON.stringify(e) === JSON.stringify(cell.value);
    });
    if (!hit) return { constraint: 'enum', expected: `one of ${c.enum.map((e) => JSON.stringify(e)).join(', ')}` };
  }
  return undefined;
}
