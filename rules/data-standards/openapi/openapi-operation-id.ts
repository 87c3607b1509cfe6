import type { Rule } from '../../../src/model/rule.js';
import { entry, str } from '../../../src/parsers/data/tree.js';
import { at, keyAt, oasDocs, operations } from '../../../src/openapi/model.js';
import { API_STANDARDS, GDS_API_STANDARDS, SPECTRAL_OAS } from './common.js';

/** Every operation needs an operationId, unique in the document. */
const rule: Rule = {
  meta: {
    id: 'data-standards/openapi-operation-id',
    title: 'Operation has no operationId, or a duplicate one',
    description:
      'Client generators, documentation tools and API gateways name and link operations by their `operationId`. Without one each tool invents its own name, so SDKs change between releases; when two operations share an id, generated clients fail to build or silently overwrite one of them.',
    severity: 'medium',
    kinds: ['openapi'],
    messages: {
      missing: 'The {{method}} operation on {{path}} has no `operationId`; add a unique, stable one (e.g. `{{suggestion}}`).',
      duplicate: 'operationId `{{id}}` is also used by {{other}}; operationIds must be unique in the document.',
    },
    remediation: 'Give each operation a unique `operationId` in a consistent style (e.g. `listApplications`, `getApplication`).',
    references: ['https://spec.openapis.org/oas/v3.1.0#operation-object', SPECTRAL_OAS, GDS_API_STANDARDS],
    standards: API_STANDARDS,
    equivalents: { spectral: ['operation-operationId', 'operation-operationId-unique'], kics: ['c254adc4-ef25-46e1-8270-b7944adb4198', '21245007-91c4-40e5-964e-40c85d1e5aa6'] },
    since: '0.1.0',
  },
  check(ctx) {
    for (const doc of oasDocs(ctx.document)) {
      const seen = new Map<string, string>();
      for (const o of operations(doc)) {
        const e = entry(o.op, 'operationId');
        const id = str(e?.value);
        const label = `${o.method.toUpperCase()} ${o.path}`;
        if (!e || !id || !id.trim()) {
          const noun = o.path.split('/').filter((s) => s && !s.startsWith('{')).pop() ?? 'root';
          const suggestion = `${o.method}${noun.charAt(0).toUpperCase()}${noun.slice(1).replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))}`;
          ctx.report({ messageId: 'missing', offsets: e ? at(e.value) : keyAt(o.entry), data: { method: o.method.toUpperCase(), path: o.path, suggestion }, severity: 'low' });
          continue;
        }
        const other = seen.get(id);
        if (other) ctx.report({ messageId: 'duplicate', offsets: at(e.value), data: { id, other } });
        else seen.set(id, label);
      }
    }
  },
};
export default rule;
