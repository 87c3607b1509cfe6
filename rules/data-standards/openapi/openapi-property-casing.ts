import type { Rule } from '../../../src/model/rule.js';
import { isScalar, type DataScalar } from '../../../src/parsers/data/tree.js';
import { at, oasDocs, schemas } from '../../../src/openapi/model.js';
import { API_STANDARDS, GDS_API_STANDARDS } from './common.js';

type Style = 'camelCase' | 'snake_case';

function styleOf(name: string): Style | undefined {
  if (/^[a-z][a-z0-9]*(_[a-z0-9]+)+$/.test(name)) return 'snake_case';
  if (/^[a-z][a-z0-9]*([A-Z][a-z0-9]*)+$/.test(name)) return 'camelCase';
  return undefined;
}

/** Property names use one casing convention across the API. */
const rule: Rule = {
  meta: {
    id: 'data-standards/openapi-property-casing',
    title: 'Property names mix camelCase and snake_case',
    description:
      'The GDS API technical and data standards ask for consistent naming. An API whose fields mix `camelCase` and `snake_case` is harder to learn, and consumers must map names one by one instead of applying one convention.',
    severity: 'low',
    kinds: ['openapi'],
    messages: { mixed: 'Property `{{name}}` is {{style}} but most property names in this API ({{majority}} of {{total}}) are {{other}}; use one convention ({{other}}) throughout.' },
    remediation: 'Pick one convention for property names (camelCase is the most common in JSON APIs) and rename the exceptions in the next major version.',
    references: [GDS_API_STANDARDS, 'https://www.gov.uk/guidance/gds-api-technical-and-data-standards#use-consistent-naming'],
    standards: API_STANDARDS,
    equivalents: {},
    since: '0.1.0',
  },
  check(ctx) {
    for (const doc of oasDocs(ctx.document)) {
      const byStyle: Record<Style, DataScalar[]> = { camelCase: [], snake_case: [] };
      for (const v of schemas(doc)) {
        if (!v.propertyKey || !isScalar(v.propertyKey)) continue;
        const s = styleOf(String(v.propertyKey.value));
        if (s) byStyle[s].push(v.propertyKey);
      }
      const c = byStyle.camelCase.length;
      const s = byStyle.snake_case.length;
      if (!c || !s) continue;
      const minority: Style = s < c ? 'snake_case' : c < s ? 'camelCase' : 'snake_case';
      const other: Style = minority === 'snake_case' ? 'camelCase' : 'snake_case';
      const first = byStyle[minority].slice().sort((a, b) => a.start - b.start)[0];
      ctx.report({ messageId: 'mixed', offsets: at(first), data: { name: String(first.value), style: minority, other, majority: byStyle[other].length, total: c + s } });
    }
  },
};
export default rule;
