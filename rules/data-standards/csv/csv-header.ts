import type { Rule } from '../../../src/model/rule.js';
import { CSV_ON_THE_WEB, GOV_CSV_GUIDANCE, OPEN_DATA_STANDARDS, parseCsv, RFC4180, titleRows } from './parse.js';

/** A value no column is named: a number, an ISO or UK date, a GSS statistical geography code (S12000033). */
const DATA_VALUE = /^\s*(-?\d+([.,]\d+)?|\d{4}-\d{2}-\d{2}.*|\d{1,2}\/\d{1,2}\/\d{2,4}|[EJKLMNSW]\d{8})\s*$/;
/** A year, as statistics tables name their columns (`Council area,2019,2020,2021`). */
const YEAR = /^\s*(1[89]\d\d|20\d\d)\s*$/;

/** The first row is a header of unique, non-empty, trimmed column names. */
const rule: Rule = {
  meta: {
    id: 'data-standards/csv-header',
    title: 'CSV header row is missing, empty, duplicated, padded or below a title row',
    description:
      'The government tabular data standard asks for CSV files with a single header row naming each column. Empty or duplicate names, or names with leading/trailing spaces, make columns impossible to address reliably (`"Name "` is not `"Name"`), a file whose first row is data loses a record to the header in every tool, and a title row above the header (`"Population estimates 2021",,`) is read as the column names.',
    severity: 'low',
    kinds: ['csv'],
    messages: {
      noHeader: 'The first row looks like data ({{value}}), not column names; add a header row naming each column.',
      empty: 'Column {{column}} has an empty header; name every column.',
      duplicate: 'Header `{{name}}` is used by columns {{first}} and {{column}}; column names must be unique.',
      whitespace: 'Header `{{name}}` has leading or trailing whitespace; trim it to `{{trimmed}}`.',
      titleRow: 'The file starts with {{count}} title or note row(s) (`{{value}}`) above its header, so tools read the title as the column names. Remove them (put titles and notes in the file name or metadata) so the file starts with its header.',
    },
    remediation: 'Start the file with one header row of unique, trimmed, non-empty column names, with no title row above it.',
    references: [GOV_CSV_GUIDANCE, RFC4180, CSV_ON_THE_WEB],
    standards: OPEN_DATA_STANDARDS,
    equivalents: {},
    since: '0.1.0',
  },
  check(ctx) {
    const csv = parseCsv(ctx.file.text, ctx.file.path, 12);
    if (!csv.records.length) return;
    // title rows above the header: report them, then check the header below them
    const titles = titleRows(csv.records);
    if (titles) {
      const title = csv.records[0].fields[0];
      ctx.report({ messageId: 'titleRow', offsets: [title.start, Math.max(title.end, title.start + 1)], data: { value: title.value.trim(), count: titles } });
    }
    const header = csv.records[titles];
    const fields = header.fields;
    // A header whose cells are mostly numbers, dates or GSS codes is data; so is one with a number beside an empty cell.
    const dataLike = fields.filter((f) => DATA_VALUE.test(f.value) && !YEAR.test(f.value));
    if (!titles && fields.length > 1 && (dataLike.length * 2 > fields.length || (dataLike.length > 0 && fields.some((f) => !f.value.trim())))) {
      ctx.report({ messageId: 'noHeader', offsets: [header.start, fields[fields.length - 1].end], data: { value: dataLike[0].value.trim() } });
      return;
    }
    const seen = new Map<string, number>();
    fields.forEach((f, i) => {
      const column = i + 1;
      const name = f.value;
      if (!name.trim()) {
        // A trailing empty header with an empty column is a common export artefact; still a problem.
        ctx.report({ messageId: 'empty', offsets: [f.start, Math.max(f.end, f.start + 1)], data: { column } });
        return;
      }
      // spaces around a quoted name (` "Name"`) are csv-structure's finding
      if (name !== name.trim() && !f.literal) ctx.report({ messageId: 'whitespace', offsets: [f.start, f.end], data: { name, trimmed: name.trim() } });
      const key = name.trim().toLowerCase();
      const prev = seen.get(key);
      if (prev) ctx.report({ messageId: 'duplicate', offsets: [f.start, f.end], data: { name: name.trim(), first: prev, column } });
      else seen.set(key, column);
    });
  },
};
export default rule;
