import type { Rule } from '../../../src/model/rule.js';
import { get, isScalar, items, type DataNode } from '../../../src/parsers/data/tree.js';
import { PUBLICCODE_SPEC, PUBLICCODE_STANDARDS, publiccodeDocs } from './common.js';

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Dates in publiccode.yml are ISO 8601 calendar dates. */
const rule: Rule = {
  meta: {
    id: 'data-standards/publiccode-date',
    title: 'publiccode.yml date is not an ISO 8601 date',
    description:
      'publiccode.yml dates (`releaseDate`, a contractor\'s `until`) must be ISO 8601 calendar dates, YYYY-MM-DD, the government\'s open standard for dates. Other forms (31/01/2025, 2025-1-31, impossible dates) are rejected by catalogues or read as a different date.',
    severity: 'medium',
    kinds: ['publiccode'],
    messages: { date: '`{{key}}` is `{{value}}`; write the date as YYYY-MM-DD (ISO 8601), e.g. `2025-01-31`.' },
    remediation: 'Write dates as YYYY-MM-DD.',
    references: [PUBLICCODE_SPEC, 'https://www.gov.uk/government/publications/open-standards-for-government/date-times-and-time-stamps-standard'],
    standards: PUBLICCODE_STANDARDS,
    equivalents: {},
    since: '0.1.0',
  },
  check(ctx) {
    for (const doc of publiccodeDocs(ctx.document)) {
      const check = (key: string, n: DataNode | undefined) => {
        // absent or null: releaseDate is optional, and a contractor without `until` is publiccode-required's
        if (!n || (isScalar(n) && n.value === null)) return;
        const value = isScalar(n) ? String(n.value) : '';
        const shown = !isScalar(n) ? (n.type === 'map' ? '(a map)' : '(a list)') : value === '' ? '""' : value;
        if (!isIsoDate(value)) ctx.report({ messageId: 'date', offsets: [n.start, n.end], data: { key, value: shown } });
      };
      check('releaseDate', get(doc.root, 'releaseDate'));
      items(get(get(doc.root, 'maintenance'), 'contractors')).forEach((c, i) => check(`maintenance.contractors[${i}].until`, get(c, 'until')));
    }
  },
};
export default rule;
