/**
 * CSV records read with csv-parse (RFC 4180), with offsets: records of fields, each with its start
 * offset, and the offset of an unterminated quoted field. Tab-separated for `.tsv` files.
 */
import { lazy } from '../../../src/lazy.js';
import type { StandardsRefs } from '../../../src/model/standards.js';

const csvParse = lazy<typeof import('csv-parse/sync')>('csv-parse/sync');

export const OPEN_DATA_STANDARDS: StandardsRefs = { dsss: ['12'], govuk: ['13'], tcop: ['4', '10'] };
export const RFC4180 = 'https://www.rfc-editor.org/rfc/rfc4180';
export const GOV_CSV_GUIDANCE = 'https://www.gov.uk/government/publications/recommended-open-standards-for-government/tabular-data-standard';
export const CSV_ON_THE_WEB = 'https://www.w3.org/TR/tabular-data-primer/';

export interface CsvField {
  value: string;
  start: number;
  end: number;
  /** The field starts with the quote character. */
  quoted: boolean;
  /**
   * The field's source was kept as it is because it is not a well-formed field: a quoted field with
   * text after its closing quote (`"a" ,`, `"a"b`), or an unquoted field holding a quote or a line
   * break. csv-parse (relax_quotes) returns such a field's source text as its value.
   */
  literal?: boolean;
  /** For a quoted literal field: the text after its closing quote (`' '` in `"a" ,`). */
  after?: string;
}

export interface CsvRecord {
  fields: CsvField[];
  start: number;
  /** 1-based row number in the file, blank rows counted (as Frictionless counts rows). */
  row?: number;
}

export interface Csv {
  records: CsvRecord[];
  /** Offset of a quote that is never closed. */
  unterminated?: number;
  delimiter: string;
  /** Blank rows followed by more records: their row numbers and offsets. */
  blankRows: { row: number; start: number }[];
}

/** A CSV dialect (Frictionless CSV Dialect / Table Dialect): separators, quoting and comment lines. */
export interface CsvDialect {
  delimiter?: string;
  quoteChar?: string;
  escapeChar?: string;
  commentChar?: string;
}

/** Records read by csv-parse (RFC 4180), with the source offsets of every record and field. */
export function parseCsv(text: string, path: string, maxRecords = 200_000, dialect: CsvDialect = {}): Csv {
  const delimiter = dialect.delimiter || (/\.tsv$/i.test(path) ? '\t' : ',');
  const quote = dialect.quoteChar ?? '"';
  const options = {
    delimiter,
    quote,
    ...(dialect.escapeChar ? { escape: dialect.escapeChar } : {}),
    raw: true,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    to: maxRecords,
  } as const;
  let rows: { record: string[]; raw: string }[];
  let unterminated: number | undefined;
  try {
    rows = csvParse().parse(text, options) as { record: string[]; raw: string }[];
  } catch (e) {
    const err = e as { code?: string; records?: number };
    if (err.code !== 'CSV_QUOTE_NOT_CLOSED') throw e;
    // keep the records before the one whose quote never closes, and point at that quote
    rows = err.records ? (csvParse().parse(text, { ...options, to: err.records }) as { record: string[]; raw: string }[]) : [];
    const at = rows.reduce((n, r) => n + r.raw.length, 0);
    const q = text.indexOf(quote || '"', at);
    unterminated = q < 0 ? at : q;
  }
  const records: CsvRecord[] = [];
  let offset = 0;
  // csv-parse leaves the `\n` of a CRLF record delimiter out of a record's raw text: put it back, or
  // every offset after the first line would drift by one character a line.
  const crlf = rows.length > 0 && rows[0].raw.endsWith('\r') && text[rows[0].raw.length] === '\n';
  const blanks: { row: number; start: number }[] = [];
  const blankRows: { row: number; start: number }[] = [];
  let row = 0;
  for (const { record, raw } of rows) {
    const start = offset;
    offset += raw.length;
    if (crlf && raw.endsWith('\r') && text[offset] === '\n') offset++;
    row++;
    // A blank line (a single empty field) is not a record; nor is a comment line of the dialect.
    if (record.length === 1 && record[0] === '' && raw.trim() === '') {
      blanks.push({ row, start });
      continue;
    }
    blankRows.push(...blanks.splice(0));
    if (dialect.commentChar && raw.startsWith(dialect.commentChar)) continue;
    records.push({ start, row, fields: locateFields(record, raw, start, delimiter, quote) });
  }
  return { records, unterminated, delimiter, blankRows };
}

/** Where each field csv-parse returned sits in its record's raw text. */
function locateFields(values: string[], raw: string, base: number, delimiter: string, quote = '"'): CsvField[] {
  const fields: CsvField[] = [];
  const endsField = (at: number) => at >= raw.length || raw[at] === delimiter || raw[at] === '\n' || raw[at] === '\r';
  let i = 0;
  for (const value of values) {
    const fs = i;
    const quoted = !!quote && raw[i] === quote;
    const close = quoted ? closingQuote(raw, i, quote) : i;
    if (quoted && raw[close - 1] === quote && close - 1 > i && raw.slice(i + 1, close - 1).split(quote + quote).join(quote) === value && endsField(close)) {
      // a well-formed quoted field
      i = close;
      fields.push({ value, start: base + fs, end: base + i, quoted });
    } else if (raw.startsWith(value, i) && endsField(i + value.length)) {
      // an unquoted field, or one kept as written: its source is its value
      i += value.length;
      const field: CsvField = { value, start: base + fs, end: base + i, quoted };
      if (quoted || (quote && value.includes(quote)) || /[\r\n]/.test(value)) {
        field.literal = true;
        if (quoted) field.after = value.slice(closingQuote(value, 0, quote));
      }
      fields.push(field);
    } else {
      i = close;
      while (!endsField(i)) i++;
      fields.push({ value, start: base + fs, end: base + i, quoted });
    }
    if (raw[i] === delimiter) i++;
  }
  return fields;
}

/** The offset just past the quote that closes the quoted field at `at` (doubled quotes are text). */
function closingQuote(text: string, at: number, quote: string): number {
  let i = at + 1;
  while (i < text.length) {
    if (text[i] === quote && text[i + 1] === quote) i += 2;
    else if (text[i] === quote) return i + 1;
    else i++;
  }
  return i;
}

/** A cell that holds nothing (an empty field, or only spaces). */
export const isBlank = (f: CsvField): boolean => f.value.trim() === '';

const NUMBER = /^\s*-?[\d.,]+%?\s*$/;
/** Most title and note rows a statistics table puts above its header. */
const MAX_TITLE_ROWS = 10;

/**
 * Title or note rows above the header (`"Visits by branch, 2024",,` or `Table 1: Population` and
 * `Source: NRS` above `Area,2019,2020`): how many records come before the real header, or 0. Each such
 * row has text in its first cell only; the header below has every cell filled with text that is not a
 * number. The title rows are as wide as the header (as spreadsheets export them) or single cells of
 * words above a header of three or more columns (a single name above two cells is more likely a row
 * split by an unquoted comma).
 */
export function titleRows(records: CsvRecord[]): number {
  let k = 0;
  while (k < records.length && k < MAX_TITLE_ROWS) {
    const f = records[k].fields;
    if (isBlank(f[0]) || NUMBER.test(f[0].value) || f.slice(1).some((c) => !isBlank(c))) break;
    k++;
  }
  const header = records[k];
  // (a header may name columns by year: `Area,2019,2020`)
  const name = (f: CsvField) => !isBlank(f) && (!NUMBER.test(f.value) || /^\s*(1[89]|20)\d\d\s*$/.test(f.value));
  if (k === 0 || !header || header.fields.length < 2 || !header.fields.every(name) || NUMBER.test(header.fields[0].value)) return 0;
  const titles = records.slice(0, k);
  const asWide = titles.every((r) => r.fields.length === header.fields.length);
  const cells = titles.every((r) => r.fields.length === 1) && header.fields.length >= 3 && /\S\s+\S/.test(titles[0].fields[0].value);
  return asWide || cells ? k : 0;
}
