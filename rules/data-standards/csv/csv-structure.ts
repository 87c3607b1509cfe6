import type { Rule } from '../../../src/model/rule.js';
import { CSV_ON_THE_WEB, GOV_CSV_GUIDANCE, OPEN_DATA_STANDARDS, parseCsv, RFC4180 } from './parse.js';

/** RFC 4180: every record has the same number of fields, quotes are closed. */
const rule: Rule = {
  meta: {
    id: 'data-standards/csv-structure',
    title: 'CSV rows have inconsistent column counts',
    description:
      'RFC 4180 and the government tabular data standard expect each record of a CSV file to have the same number of fields as the header. A row with extra or missing fields (usually an unquoted comma or a stray quote) shifts values into the wrong columns, so published data is misread by every tool that loads it.',
    severity: 'medium',
    kinds: ['csv'],
    messages: {
      columns: 'Row {{row}} has {{actual}} fields but the header has {{expected}}; quote values that contain the delimiter, or fix the row. (First inconsistent row; {{count}} row(s) in all.)',
      quote: 'A quoted field starting here is never closed; close the quote, and double any `"` inside quoted values (`""`).',
    },
    remediation: 'Quote fields that contain commas, quotes or line breaks (`"Smith, J"`), double embedded quotes, and make every row as wide as the header.',
    references: [RFC4180, GOV_CSV_GUIDANCE, CSV_ON_THE_WEB],
    standards: OPEN_DATA_STANDARDS,
    equivalents: {},
    since: '0.1.0',
  },
  check(ctx) {
    const csv = parseCsv(ctx.file.text, ctx.file.path);
    // a sample of a larger file may end inside a quoted field: not a fault of the file
    if (csv.unterminated !== undefined && ctx.file.truncatedFrom === undefined) ctx.report({ messageId: 'quote', offsets: [csv.unterminated, csv.unterminated + 1] });
    const [header, ...rows] = csv.records;
    if (!header) return;
    const expected = header.fields.length;
    const bad = rows.filter((r, i) => r.fields.length !== expected && !(csv.unterminated !== undefined && i === rows.length - 1));
    if (!bad.length) return;
    const first = bad[0];
    const row = csv.records.indexOf(first) + 1;
    ctx.report({ messageId: 'columns', offsets: [first.start, first.fields[first.fields.length - 1].end], data: { row, actual: first.fields.length, expected, count: bad.length } });
  },
};
export default rule;
