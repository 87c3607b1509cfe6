import type { Rule } from '../../../src/model/rule.js';
import { GOV_CSV_GUIDANCE, OPEN_DATA_STANDARDS, parseCsv } from './parse.js';

const ISO = /^\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/;
const isDateColumn = (name: string) => /(^|[\s_-])date($|[\s_-])|^date/i.test(name) || /[a-z]Date($|[A-Z_\s])/.test(name);

/** Date columns use ISO 8601. */
const rule: Rule = {
  meta: {
    id: 'data-standards/csv-date-format',
    title: 'Date column is not in ISO 8601 format',
    description:
      'The government\'s open standard for dates and times asks published data to use ISO 8601 (YYYY-MM-DD). Dates such as 03/04/2025 are read as 3 April in the UK and 4 March in the US, and do not sort, so open data with them is misinterpreted.',
    severity: 'low',
    kinds: ['csv'],
    messages: { date: 'Column `{{column}}` has the value `{{value}}`, which is not an ISO 8601 date; write dates as YYYY-MM-DD (or YYYY-MM-DDThh:mm:ssZ). ({{count}} such value(s) in this column.)' },
    remediation: 'Write dates as YYYY-MM-DD and date-times as RFC 3339 (`2025-04-03T09:30:00Z`).',
    references: ['https://www.gov.uk/government/publications/open-standards-for-government/date-times-and-time-stamps-standard', GOV_CSV_GUIDANCE],
    standards: OPEN_DATA_STANDARDS,
    equivalents: {},
    since: '0.1.0',
  },
  check(ctx) {
    const csv = parseCsv(ctx.file.text, ctx.file.path);
    const [header, ...rows] = csv.records;
    if (!header) return;
    header.fields.forEach((h, col) => {
      const name = h.value.trim();
      if (!isDateColumn(name) || /format|type|source|by$/i.test(name)) return;
      const bad = rows.map((r) => r.fields[col]).filter((f) => f && f.value.trim() !== '' && !ISO.test(f.value.trim()));
      if (!bad.length) return;
      ctx.report({ messageId: 'date', offsets: [bad[0].start, bad[0].end], data: { column: name, value: bad[0].value.trim(), count: bad.length } });
    });
  },
};
export default rule;
