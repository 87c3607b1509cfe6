import type { Rule } from '../../../src/model/rule.js';
import { reportColumns } from './columns.js';
import { COUNTRY } from './formats.js';
import { GOV_CSV_GUIDANCE, OPEN_DATA_STANDARDS } from './parse.js';

/** Country-code columns hold ISO 3166-1 codes. */
const rule: Rule = {
  meta: {
    id: 'data-standards/csv-country-code',
    title: 'Country code column has values that are not ISO 3166-1 codes',
    description:
      'The UK government\'s open standards ask for countries to be identified with ISO 3166-1 codes (alpha-2 `GB`, alpha-3 `GBR` or numeric `826`), as the GOV.UK country register does. Values such as `UK` (reserved, not the code for the United Kingdom), `EL`, lower-case or unpadded numeric codes do not join with other datasets. A column whose header names country codes is checked when most of its values are codes (a column of country names stays silent).',
    severity: 'low',
    kinds: ['csv'],
    messages: { format: 'Column `{{column}}` has {{count}} value(s) that are not ISO 3166-1 country codes, first `{{value}}`{{hint}} at this row (rows {{rows}}); use the ISO 3166-1 alpha-2, alpha-3 or numeric code.' },
    remediation: 'Use ISO 3166-1 codes (upper-case alpha-2 such as `GB`, or alpha-3 `GBR`, or the three-digit numeric code) consistently in the column.',
    references: ['https://www.iso.org/iso-3166-country-codes.html', 'https://www.gov.uk/government/publications/open-standards-for-government/country-codes', GOV_CSV_GUIDANCE],
    standards: OPEN_DATA_STANDARDS,
    equivalents: {},
    since: '0.1.0',
  },
  check(ctx) {
    reportColumns(ctx, COUNTRY);
  },
};
export default rule;
