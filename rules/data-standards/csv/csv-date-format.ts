import type { Rule } from '../../../src/model/rule.js';
import { reportColumns } from './columns.js';
import { DATE } from './formats.js';
import { GOV_CSV_GUIDANCE, OPEN_DATA_STANDARDS } from './parse.js';

/** Date columns use ISO 8601. */
const rule: Rule = {
  meta: {
    id: 'data-standards/csv-date-format',
    title: 'Date column is not in ISO 8601 format',
    description:
      'The government\'s open standard for dates and times asks published data to use ISO 8601 (YYYY-MM-DD). Dates such as 03/04/2025 are read as 3 April in the UK and 4 March in the US, do not sort, and spreadsheet serial numbers (45750) mean nothing outside the spreadsheet, so open data with them is misinterpreted. A column whose header names a date (start_date, DateOfBirth) is checked when most of its values are dates; one finding per column gives the count of bad values and sample rows.',
    severity: 'low',
    kinds: ['csv'],
    messages: { date: 'Column `{{column}}` has {{count}} value(s) that are not ISO 8601 dates, first `{{value}}`{{hint}} at this row (rows {{rows}}); write dates as YYYY-MM-DD (date-times as YYYY-MM-DDThh:mm:ssZ).' },
    remediation: 'Write dates as YYYY-MM-DD and date-times as RFC 3339 (`2025-04-03T09:30:00Z`); format date columns as text or ISO dates before exporting from a spreadsheet.',
    references: ['https://www.gov.uk/government/publications/open-standards-for-government/date-times-and-time-stamps-standard', GOV_CSV_GUIDANCE, 'https://www.iso.org/iso-8601-date-and-time-format.html'],
    standards: OPEN_DATA_STANDARDS,
    equivalents: {},
    since: '0.1.0',
  },
  check(ctx) {
    reportColumns(ctx, DATE, 'date');
  },
};
export default rule;
