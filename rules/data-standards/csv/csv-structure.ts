import type { Rule } from '../../../src/model/rule.js';
import { CSV_ON_THE_WEB, GOV_CSV_GUIDANCE, OPEN_DATA_STANDARDS, parseCsv, RFC4180, titleRows, type CsvField, type CsvRecord } from './parse.js';

/** A delimiter other than the comma that a spreadsheet may have saved a `.csv` file with. */
const OTHER_DELIMITERS = [';', '\t', '|'];

/** What is wrong with a field kept as written (see CsvField.literal), if anything this rule reports. */
function fieldFault(f: CsvField): 'lineEndings' | 'whitespace' | 'strayQuote' | undefined {
  if (!f.literal) return undefined;
  // a line break the parser did not end the record at: the file mixes line endings
  if (/[\r\n]/.test(f.quoted ? (f.after ?? '') : f.value)) return 'lineEndings';
  if (f.quoted) return /^[ \t]+$/.test(f.after ?? '') ? 'whitespace' : f.after ? 'strayQuote' : undefined;
  // `   "Baz"`: a quoted value padded with spaces before its opening quote
  return /^[ \t]+"(?:[^"]|"")*(?:"[ \t]*)?$/.test(f.value) ? 'whitespace' : undefined;
}

/** The line ending a line break starts: CRLF, CR or LF. */
const lineEnding = (s: string) => (s.startsWith('\r\n') ? 'CRLF' : s.startsWith('\r') ? 'CR' : 'LF');

/** The one delimiter other than a comma that splits every line the same number of times. */
function otherDelimiter(records: CsvRecord[]): string | undefined {
  if (records.length < 2 || records.some((r) => r.fields.length !== 1)) return undefined;
  return OTHER_DELIMITERS.find((d) => {
    const n = records[0].fields[0].value.split(d).length - 1;
    return n > 0 && records.every((r) => r.fields[0].value.split(d).length - 1 === n);
  });
}

/** RFC 4180: every record has the same number of fields, quotes are closed, no blank rows. */
const rule: Rule = {
  meta: {
    id: 'data-standards/csv-structure',
    title: 'CSV rows are malformed: inconsistent column counts, bad quoting, blank rows or mixed line endings',
    description:
      'RFC 4180 and the government tabular data standard expect each record of a CSV file to have the same number of fields as the header, quoted fields to be closed and nothing else to sit between a quote and its delimiter, and one line ending throughout. A row with extra or missing fields (usually an unquoted comma or a stray quote), a quoted value padded with spaces (`"a",  "b"`: the spaces and quotes become part of the value), blank rows, mixed CR/LF line endings or a semicolon-separated `.csv` shift or corrupt values, so published data is misread by every tool that loads it.',
    severity: 'medium',
    kinds: ['csv'],
    messages: {
      columns: 'Row {{row}} has {{actual}} fields but the header has {{expected}}; quote values that contain the delimiter, or fix the row. (First inconsistent row; {{count}} row(s) in all.)',
      quote: 'A quoted field starting here is never closed; close the quote, and double any `"` inside quoted values (`""`).',
      strayQuote: 'A quoted field has text after its closing quote (`{{value}}`); double any `"` inside a quoted value (`""`). (First such field; {{count}} in all.)',
      whitespace: 'A quoted field is padded with whitespace outside its quotes (`{{value}}`); the spaces and quotes become part of the value. Remove the spaces between the delimiter and the quotes. (First such field; {{count}} in all.)',
      blankRow: 'Row {{row}} is blank; remove blank rows, which loaders read as empty records. (First blank row; {{count}} in all.)',
      lineEndings: 'This file mixes line endings ({{kinds}}): a line ends here with a different line break from the rest, so readers join or split rows. Save the file with one line ending (CRLF, as RFC 4180 specifies, or LF).',
      delimiter: 'This `.csv` file is separated by `{{delimiter}}`, not commas, so it reads as a single column; save it with comma separators (or name it `.tsv` for tabs).',
    },
    remediation:
      'Quote fields that contain commas, quotes or line breaks (`"Smith, J"`) with nothing between the quotes and the delimiters, double embedded quotes, make every row as wide as the header, remove blank rows, and save the file comma-separated with one line ending.',
    references: [RFC4180, GOV_CSV_GUIDANCE, CSV_ON_THE_WEB],
    standards: OPEN_DATA_STANDARDS,
    equivalents: {},
    since: '0.1.0',
  },
  check(ctx) {
    const csv = parseCsv(ctx.file.text, ctx.file.path);
    // a sample of a larger file may end inside a quoted field: not a fault of the file
    if (csv.unterminated !== undefined && ctx.file.truncatedFrom === undefined) ctx.report({ messageId: 'quote', offsets: [csv.unterminated, csv.unterminated + 1] });
    if (!csv.records.length) return;
    if (csv.delimiter === ',') {
      const d = otherDelimiter(csv.records);
      if (d) {
        const first = csv.records[0];
        ctx.report({ messageId: 'delimiter', offsets: [first.start, Math.max(first.fields[0].end, first.start + 1)], data: { delimiter: d === '\t' ? '\\t' : d } });
        return;
      }
    }

    // fields kept as written: mixed line endings, whitespace around quotes, stray quotes
    const faults = new Map<string, CsvField[]>();
    const brokenRecords = new Set<CsvRecord>();
    for (const r of csv.records) {
      for (const f of r.fields) {
        const fault = fieldFault(f);
        if (!fault) continue;
        (faults.get(fault) ?? faults.set(fault, []).get(fault)!).push(f);
        if (fault === 'lineEndings') brokenRecords.add(r);
      }
    }
    const mixed = faults.get('lineEndings')?.[0];
    if (mixed) {
      const source = mixed.quoted ? (mixed.after ?? '') : mixed.value;
      const at = mixed.end - source.length + source.search(/[\r\n]/);
      // the line ending the parser took (the first record's) and the one it did not
      const [r0, r1] = csv.records;
      const usual = lineEnding(ctx.file.text.slice(r0.fields[r0.fields.length - 1].end, r1 ? r1.start : ctx.file.text.length));
      const other = lineEnding(ctx.file.text.slice(at, at + 2));
      ctx.report({ messageId: 'lineEndings', offsets: [at, at + 1], data: { kinds: `${usual} and ${other}` } });
    }
    for (const id of ['whitespace', 'strayQuote'] as const) {
      const list = faults.get(id);
      if (list) ctx.report({ messageId: id, offsets: [list[0].start, Math.max(list[0].end, list[0].start + 1)], data: { value: list[0].value.trim(), count: list.length } });
    }

    // title rows above the header are csv-header's finding: count columns from the header below them
    const titles = titleRows(csv.records);
    const [header, ...rows] = csv.records.slice(titles);
    if (!header) return;
    const expected = header.fields.length;

    // blank rows between records, and rows of empty fields (`,,`) anywhere after the header
    // (not in a single-column file, where an empty line is an empty value)
    // (blank lines between title rows and the header belong to the title block)
    const blankLines = titles ? csv.blankRows.filter((b) => b.start > header.start) : csv.blankRows;
    const blank = expected < 2 ? [] : [...blankLines, ...rows.filter((r) => r.fields.every((f) => f.value === '')).map((r) => ({ row: r.row ?? 0, start: r.start }))].sort((a, b) => a.start - b.start);
    if (blank.length) ctx.report({ messageId: 'blankRow', offsets: [blank[0].start, blank[0].start + 1], data: { row: blank[0].row, count: blank.length } });

    const bad = rows.filter((r, i) => r.fields.length !== expected && !brokenRecords.has(r) && !(csv.unterminated !== undefined && i === rows.length - 1));
    if (!bad.length) return;
    const first = bad[0];
    const row = first.row ?? csv.records.indexOf(first) + 1;
    ctx.report({ messageId: 'columns', offsets: [first.start, first.fields[first.fields.length - 1].end], data: { row, actual: first.fields.length, expected, count: bad.length } });
  },
};
export default rule;
