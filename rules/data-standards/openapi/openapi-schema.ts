import type { Rule } from '../../../src/model/rule.js';
import { get, isSeq, str, toValue, type DataNode } from '../../../src/parsers/data/tree.js';
import { describeError, locateError, pickErrors, pointerPath } from '../../../src/openapi/schema-errors.js';
import { isExternalRef, oasDocs } from '../../../src/openapi/model.js';
import { BASE_DIALECT, officialSchemaValidator, type Flavour } from '../../../src/openapi/official-schema.js';
import { API_STANDARDS, GDS_API_STANDARDS, OAS_SPEC } from './common.js';

/** Whether the instance path passes through (or ends at) a reference object into another file. */
function underExternalRef(root: DataNode, steps: string[]): boolean {
  let cur: DataNode | undefined = root;
  for (const s of steps) {
    if (isExternalRef(cur)) return true;
    cur = isSeq(cur) ? cur.items[Number(s)] : get(cur, s);
    if (!cur) return false;
  }
  return isExternalRef(cur);
}

/** Validates each OpenAPI description against the OpenAPI Initiative's published JSON Schema for its version. */
const rule: Rule = {
  meta: {
    id: 'data-standards/openapi-schema',
    title: 'OpenAPI description does not validate against the official schema',
    description:
      'The OpenAPI Initiative publishes a JSON Schema for each version of the specification (2.0, 3.0, 3.1). A description that fails it has misplaced, misspelt or wrongly typed fields that generators, gateways and documentation tools will reject or silently ignore. In a multi-file source, a `$ref` into another file stands for content written there (bundlers such as Redocly or swagger-cli resolve it before publishing), so nothing at or under it is judged. The GDS API technical and data standards ask for APIs described with OpenAPI, which means a valid description.',
    severity: 'medium',
    kinds: ['openapi'],
    messages: {
      invalid: '`{{where}}` {{problem}} (OpenAPI {{version}} schema, `{{keyword}}`); fix the field as the specification describes.',
    },
    remediation: 'Correct the field the message names; run the description through an OpenAPI validator (Spectral\'s `oas` ruleset or the official schema) in CI.',
    references: [OAS_SPEC, 'https://github.com/OAI/OpenAPI-Specification/tree/main/schemas', GDS_API_STANDARDS],
    standards: API_STANDARDS,
    equivalents: { spectral: ['oas3-schema', 'oas2-schema'] },
    since: '0.1.0',
  },
  check(ctx) {
    for (const doc of oasDocs(ctx.document)) {
      let flavour: Flavour = doc.version;
      if (doc.version === '3.1') {
        const dialect = str(get(doc.root, 'jsonSchemaDialect'));
        if (dialect !== undefined && dialect !== BASE_DIALECT) flavour = '3.1-other-dialect';
        // 3.2 and later have their own schema, which Saltire does not ship: the 3.1 schema would
        // reject their version string and their new fields, so say plainly that this check did not run
        const declared = str(doc.versionEntry.value) ?? '';
        if (!/^3\.1\./.test(declared)) {
          ctx.notice(`OpenAPI ${declared} is newer than the official schemas Saltire validates against (2.0, 3.0, 3.1); schema validation did not run for this description (the other OpenAPI rules did)`, 'info');
          continue;
        }
      }
      const validate = officialSchemaValidator(flavour);
      if (validate instanceof Error) {
        ctx.notice(`OpenAPI ${doc.version} schema could not be compiled (${validate.message.split('\n')[0]}); schema validation did not run`, 'warning');
        continue;
      }
      if (validate(toValue(doc.root))) continue;
      // A reference into another file stands for content this document cannot show; validators
      // (Spectral, Redocly) resolve it first, so errors at or under it are not this file's.
      const errors = (validate.errors ?? []).filter((e) => !underExternalRef(doc.root, pointerPath(e.instancePath)));
      for (const e of pickErrors(errors).slice(0, 50)) {
        const { node, where } = locateError(doc.root, e);
        ctx.report({ messageId: 'invalid', offsets: [node.start, node.start + 1], data: { where, problem: describeError(e), version: doc.version, keyword: e.keyword } });
      }
    }
  },
};
export default rule;
