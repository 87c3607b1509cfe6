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
  quoted: boolean;
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
  const blanks: { row: number; start: number }[] = [];
  const blankRows: { row: number; start: number }[] = [];
  let row = 0;
  for (const { record, raw } of rows) {
    const start = offset;
    offset += raw.length;
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
  let i = 0;
  for (const value of values) {
    const fs = i;
    let quoted = false;
    if (quote && raw[i] === quote) {
      quoted = true;
      i++;
      while (i < raw.length) {
        if (raw[i] === quote && raw[i + 1] === quote) i += 2;
        else if (raw[i] === quote) {
          i++;
          break;
        } else i++;
      }
    }
    while (i < raw.length && raw[i] !== delimiter && raw[i] !== '\n' && raw[i] !== '\r') i++;
    fields.push({ value, start: base + fs, end: base + i, quoted });
    if (raw[i] === delimiter) i++;
  }
  return fields;
}
