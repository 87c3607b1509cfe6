import type { Rule } from '../../../src/model/rule.js';
import { reportColumns } from './columns.js';
import { GSS_CODE } from './formats.js';
import { GOV_CSV_GUIDANCE, OPEN_DATA_STANDARDS } from './parse.js';

/** Geography-code columns hold 9-character GSS codes. */
const rule: Rule = {
  meta: {
    id: 'data-standards/csv-gss-code',
    title: 'Geography code column has values that are not GSS codes',
    description:
      'Official statistics identify areas with nine-character GSS codes: a country letter (S for Scotland, E, W, N, K for cross-border), a two-digit entity (S12 council area, S13 ward, S08 health board, S37 health and social care partnership, S01 data zone, S92 Scotland) and a six-digit instance, e.g. `S12000033` for Aberdeen City. Truncated, lower-case or old-style codes do not join with the Scottish Government and ONS lookups. A column whose header names geography codes (FeatureCode, LAD23CD, council_code, DataZone2011) is checked when most of its values look like codes.',
    severity: 'low',
    kinds: ['csv'],
    messages: { format: 'Column `{{column}}`{{kind}} has {{count}} value(s) that are not GSS codes, first `{{value}}`{{hint}} at this row (rows {{rows}}); use the nine-character code (letter, 2-digit entity, 6-digit instance, e.g. S12000033).' },
    remediation: 'Use the GSS code from the Scottish Government Standard Geography Code Register (or the ONS Register of Geographic Codes), upper case, nine characters.',
    references: [
      'https://www.gov.scot/publications/coding-and-naming-policy-for-statistical-geographies-in-scotland/pages/geography-codes/',
      'https://www.nrscotland.gov.uk/publications/geography-standard-names-and-codes-policy',
      'https://geoportal.statistics.gov.uk/search?q=register%20of%20geographic%20codes',
      GOV_CSV_GUIDANCE,
    ],
    standards: OPEN_DATA_STANDARDS,
    equivalents: {},
    since: '0.1.0',
  },
  check(ctx) {
    reportColumns(ctx, GSS_CODE);
  },
};
export default rule;
