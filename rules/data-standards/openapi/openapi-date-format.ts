import type { Rule } from '../../../src/model/rule.js';
import { entry, get, isMap, isScalar, isSeq, str, type DataNode } from '../../../src/parsers/data/tree.js';
import { at, HTTP_METHODS, oasDocs, pathEntries, schemas, schemaTypes } from '../../../src/openapi/model.js';
import { API_STANDARDS, GDS_API_STANDARDS } from './common.js';

/** Names that say a value is a date or a time. */
export function isDateName(name: string): boolean {
  return (
    /^(date|datetime|timestamp|created|updated|modified|deleted|expires|dob)$/i.test(name) ||
    /[_-](date|datetime|timestamp|at)$/i.test(name) ||
    /[a-z0-9](Date|DateTime|Timestamp|At)$/.test(name) ||
    /^(dateOf|date_of_)/i.test(name) ||
    /^(created|updated|modified|deleted|published|expires|expiry|last_?modified)(_?(time|datetime))?$/i.test(name)
  );
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?)?$/;

/** Dates and times are strings in ISO 8601 (RFC 3339) with `format: date` or `date-time`. */
const rule: Rule = {
  meta: {
    id: 'data-standards/openapi-date-format',
    title: 'Date field is not declared with format date or date-time',
    description:
      'The GDS API technical and data standards and the government\'s open standard for dates and times ask APIs to exchange dates in ISO 8601 (RFC 3339). A string field named or exampled as a date but declared without `format: date` or `format: date-time` leaves the representation undefined, so consumers parse it differently and validators cannot check it.',
    severity: 'low',
    kinds: ['openapi'],
    messages: {
      name: '`{{name}}` looks like a date but is a string without `format: date` or `format: date-time`; declare the format and use ISO 8601 (RFC 3339) values.',
      example: '`{{name}}` has the date example `{{example}}` but no `format: date` or `format: date-time`; declare the format.',
    },
    remediation: 'Add `format: date` (YYYY-MM-DD) or `format: date-time` (RFC 3339, e.g. `2025-01-31T09:30:00Z`) to date and time strings.',
    references: [GDS_API_STANDARDS, 'https://www.gov.uk/government/publications/open-standards-for-government/date-times-and-time-stamps-standard', 'https://www.rfc-editor.org/rfc/rfc3339'],
    standards: API_STANDARDS,
    equivalents: {},
    since: '0.1.0',
  },
  check(ctx) {
    for (const doc of oasDocs(ctx.document)) {
      const check = (schema: DataNode | undefined, name: string, where: [number, number]) => {
        if (!isMap(schema)) return;
        const types = schemaTypes(schema);
        if (!types.includes('string') || get(schema, 'format') !== undefined || get(schema, 'enum') !== undefined || get(schema, 'const') !== undefined) return;
        const ex = str(get(schema, 'example')) ?? (isSeq(get(schema, 'examples')) ? str((get(schema, 'examples') as { items: DataNode[] }).items[0]) : undefined);
        if (ex !== undefined && ISO_DATE.test(ex)) {
          ctx.report({ messageId: 'example', offsets: where, data: { name, example: ex } });
          return;
        }
        // A documented pattern or an example that is plainly not a date means the name misleads us.
        if (get(schema, 'pattern') !== undefined || ex !== undefined) return;
        if (isDateName(name)) ctx.report({ messageId: 'name', offsets: where, data: { name } });
      };
      for (const v of schemas(doc)) {
        if (!v.propertyKey || !isScalar(v.propertyKey)) continue;
        if (doc.version === '2.0' && get(v.schema, 'in') !== undefined) continue;
        check(v.schema, String(v.propertyKey.value), at(v.propertyKey));
      }
      // Parameters (3.x: `schema`; 2.0: the parameter itself).
      const params = (list: DataNode | undefined) => {
        const items = isSeq(list) ? list.items : isMap(list) ? list.entries.map((e) => e.value) : [];
        for (const p of items) {
          const nameEntry = entry(p, 'name');
          const name = str(nameEntry?.value);
          if (!nameEntry || !name || str(get(p, 'in')) === 'body') continue;
          check(doc.version === '2.0' ? p : get(p, 'schema'), name, at(nameEntry.value));
        }
      };
      for (const pe of pathEntries(doc)) {
        if (!isMap(pe.value)) continue;
        params(get(pe.value, 'parameters'));
        for (const m of HTTP_METHODS) params(get(get(pe.value, m), 'parameters'));
      }
      params(doc.version === '2.0' ? get(doc.root, 'parameters') : get(get(doc.root, 'components'), 'parameters'));
    }
  },
};
export default rule;
