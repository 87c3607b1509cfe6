/**
 * An RFC 4180 CSV reader that keeps offsets: records of fields, each with its start offset, and the
 * offset of an unterminated quoted field. Tab-separated for `.tsv` files.
 */
import type { StandardsRefs } from '../../../src/model/standards.js';

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
}

export interface Csv {
  records: CsvRecord[];
  /** Offset of a quote that is never closed. */
  unterminated?: number;
  delimiter: string;
}

export function parseCsv(text: string, path: string, maxRecords = 200_000): Csv {
  const delimiter = /\.tsv$/i.test(path) ? '\t' : ',';
  const records: CsvRecord[] = [];
  let i = 0;
  const n = text.length;
  let unterminated: number | undefined;
  while (i < n && records.length < maxRecords) {
    const rec: CsvRecord = { fields: [], start: i };
    for (;;) {
      const fs = i;
      if (text[i] === '"') {
        i++;
        let value = '';
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) {
            unterminated = fs;
            value += text.slice(i);
            i = n;
            break;
          }
          value += text.slice(i, q);
          if (text[q + 1] === '"') {
            value += '"';
            i = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        // Characters after the closing quote up to the delimiter are kept (lenient, as most readers).
        while (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') value += text[i++];
        rec.fields.push({ value, start: fs, end: i, quoted: true });
      } else {
        let j = i;
        while (j < n && text[j] !== delimiter && text[j] !== '\n' && text[j] !== '\r') j++;
        rec.fields.push({ value: text.slice(i, j), start: i, end: j, quoted: false });
        i = j;
      }
      if (i < n && text[i] === delimiter) {
        i++;
        continue;
      }
      break;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    // A blank line (a single empty unquoted field) is not a record.
    if (!(rec.fields.length === 1 && rec.fields[0].value === '' && !rec.fields[0].quoted)) records.push(rec);
    if (unterminated !== undefined) break;
  }
  return { records, unterminated, delimiter };
}
