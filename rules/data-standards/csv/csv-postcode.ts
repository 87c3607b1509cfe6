import type { Rule } from '../../../src/model/rule.js';
import { reportColumns } from './columns.js';
import { POSTCODE_FORMAT } from './formats.js';
import { GOV_CSV_GUIDANCE, OPEN_DATA_STANDARDS } from './parse.js';

/** Postcode columns hold full UK postcodes. */
const rule: Rule = {
  meta: {
    id: 'data-standards/csv-postcode',
    title: 'Postcode column has values that are not UK postcodes',
    description:
      'UK postcodes have a fixed format (outward code, space, inward code: `EH1 1YZ`; plus `GIR 0AA`, BFPO numbers and the overseas territories\' postcodes) that the ONS Postcode Directory and NRS postcode extracts join on. Partial postcodes, typos and free text in a postcode column cannot be matched to areas, so statistics built from the data drop those rows. A column whose header names postcodes is checked when most of its values look like postcodes; lower case and missing spaces are tolerated.',
    severity: 'low',
    kinds: ['csv'],
    messages: { format: 'Column `{{column}}` has {{count}} value(s) that are not UK postcodes, first `{{value}}`{{hint}} at this row (rows {{rows}}); write full postcodes such as `EH1 1YZ`.' },
    remediation: 'Write full postcodes in the Royal Mail format (upper case, one space before the inward code); keep partial postcodes and notes in other columns.',
    references: ['https://www.ons.gov.uk/methodology/geography/ukgeographies/postalgeography', 'https://www.nrscotland.gov.uk/statistics-and-data/geography/nrs-postcode-extract', GOV_CSV_GUIDANCE],
    standards: OPEN_DATA_STANDARDS,
    equivalents: {},
    since: '0.1.0',
  },
  check(ctx) {
    reportColumns(ctx, POSTCODE_FORMAT);
  },
};
export default rule;
