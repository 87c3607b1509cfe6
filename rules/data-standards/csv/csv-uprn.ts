import type { Rule } from '../../../src/model/rule.js';
import { columnProblems } from './columns.js';
import { UPRN, USRN } from './formats.js';
import { GOV_CSV_GUIDANCE, OPEN_DATA_STANDARDS } from './parse.js';

/** UPRN and USRN columns hold the identifiers as whole numbers. */
const rule: Rule = {
  meta: {
    id: 'data-standards/csv-uprn',
    title: 'UPRN or USRN column has values that are not valid identifiers',
    description:
      'The Data Standards Authority mandates the Unique Property Reference Number (UPRN, up to 12 digits) and Unique Street Reference Number (USRN, up to 8 digits) for sharing data about properties and streets. Identifiers mangled by spreadsheets (`1.00023E+11`, `100023336956.0`), padded with separators or too long no longer match AddressBase or the Scottish address gazetteers, so the data cannot be linked. A column whose header names UPRNs or USRNs is checked when most of its values are numbers.',
    severity: 'low',
    kinds: ['csv'],
    messages: {
      uprn: 'Column `{{column}}` has {{count}} value(s) that are not UPRNs (1 to 12 digits), first `{{value}}`{{hint}} at this row (rows {{rows}}); write each UPRN as its whole number.',
      usrn: 'Column `{{column}}` has {{count}} value(s) that are not USRNs (1 to 8 digits), first `{{value}}`{{hint}} at this row (rows {{rows}}); write each USRN as its whole number.',
    },
    remediation: 'Store UPRNs and USRNs as text (or 64-bit integers) so spreadsheets do not round them, and write them as plain digits.',
    references: [
      'https://www.gov.uk/government/publications/open-standards-for-government/identifying-property-and-street-information',
      'https://www.geoplace.co.uk/addresses-streets/location-data/the-uprn',
      GOV_CSV_GUIDANCE,
    ],
    standards: OPEN_DATA_STANDARDS,
    equivalents: {},
    since: '0.1.0',
  },
  check(ctx) {
    for (const [format, messageId] of [[UPRN, 'uprn'], [USRN, 'usrn']] as const) {
      for (const p of columnProblems(ctx.file.text, ctx.file.path, format)) {
        ctx.report({ messageId, offsets: p.offsets, data: { column: p.column, count: p.count, value: p.value, rows: p.rows, hint: p.hint } });
      }
    }
  },
};
export default rule;
