import type { Rule } from '../../../src/model/rule.js';
import { reportColumns } from './columns.js';
import { EMAIL_FORMAT } from './formats.js';
import { GOV_CSV_GUIDANCE, OPEN_DATA_STANDARDS } from './parse.js';

/** E-mail columns hold one valid address per cell. */
const rule: Rule = {
  meta: {
    id: 'data-standards/csv-email',
    title: 'E-mail column has values that are not e-mail addresses',
    description:
      'A column of contact e-mail addresses is only useful if each cell is one syntactically valid address. Display names (`Team <a@b.gov.uk>`), several addresses in a cell, `mailto:` prefixes, spaces or a missing domain break every system that imports the data (mail merges, CRM and notification services such as GOV.UK Notify). A column whose header names e-mail addresses is checked when most of its values contain an `@`.',
    severity: 'low',
    kinds: ['csv'],
    messages: { format: 'Column `{{column}}` has {{count}} value(s) that are not valid e-mail addresses, first `{{value}}`{{hint}} at this row (rows {{rows}}); write one address per cell, like `name@example.gov.scot`.' },
    remediation: 'Write one bare address per cell; put display names and second addresses in their own columns.',
    references: ['https://html.spec.whatwg.org/multipage/input.html#valid-e-mail-address', 'https://www.rfc-editor.org/rfc/rfc5322#section-3.4.1', GOV_CSV_GUIDANCE],
    standards: OPEN_DATA_STANDARDS,
    equivalents: {},
    since: '0.1.0',
  },
  check(ctx) {
    reportColumns(ctx, EMAIL_FORMAT);
  },
};
export default rule;
