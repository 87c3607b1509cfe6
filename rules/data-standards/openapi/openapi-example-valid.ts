import type { Rule } from '../../../src/model/rule.js';
import { entry, get, isMap, isScalar, str, toValue, walk, type DataEntry, type DataMap, type DataNode } from '../../../src/parsers/data/tree.js';
import { at, oasDocs, resolve, schemas, schemaTypes } from '../../../src/openapi/model.js';
import { exampleValidator, toPointer } from '../../../src/openapi/examples.js';
import { API_STANDARDS, GDS_API_STANDARDS, SPECTRAL_OAS } from './common.js';

/** A scalar example is reported on its value, a block on its key's line. */
function where(e: DataEntry): [number, number] {
  return isScalar(e.value) ? at(e.value) : [e.key.start, e.key.end];
}

/** Examples must validate against the schema they illustrate. */
const rule: Rule = {
  meta: {
    id: 'data-standards/openapi-example-valid',
    title: 'Example does not match its schema',
    description:
      'Examples are what most developers copy first, and mock servers, documentation and contract tests replay them. An example that breaks its own schema (a missing required field, a wrong type, a value outside an enum) misleads consumers and usually means the schema or the implementation has drifted from the description. Schema, media type, parameter and header examples are checked, and so are schema defaults, which the specification requires to be valid values.',
    severity: 'medium',
    kinds: ['openapi'],
    messages: {
      schema: 'The schema example does not match its schema: {{error}}. Fix the example or the schema.',
      media: 'The {{what}} does not match the media type\'s schema: {{error}}. Fix the example or the schema.',
      parameter: 'The {{what}} of {{kind}} `{{name}}` does not match its schema: {{error}}. Fix the example or the schema.',
      default: 'The schema\'s `default` does not match the schema: {{error}}. The specification requires a default to be a valid value; fix the default or the schema.',
    },
    remediation: 'Correct the example or default (or the schema) so that it validates, and validate examples in CI.',
    references: ['https://spec.openapis.org/oas/v3.1.0#media-type-object', SPECTRAL_OAS, GDS_API_STANDARDS],
    standards: API_STANDARDS,
    equivalents: { spectral: ['oas3-valid-schema-example', 'oas3-valid-media-example', 'oas2-valid-schema-example', 'oas2-valid-media-example'] },
    since: '0.1.0',
  },
  check(ctx) {
    for (const doc of oasDocs(ctx.document)) {
      const paths = new Map<DataNode, (string | number)[]>();
      walk(doc.root, (node, path) => {
        if (!paths.has(node)) paths.set(node, path);
      });
      let validator: ReturnType<typeof exampleValidator> | undefined;
      const validate = (schema: DataNode, value: DataNode | { raw: unknown }, options?: { ignoreFormat?: boolean }): string | null | undefined => {
        const path = paths.get(schema);
        if (!path) return undefined;
        validator ??= exampleValidator(toValue(doc.root), doc.version);
        return validator.validate(toPointer(path), 'raw' in value ? value.raw : toValue(value), options);
      };
      // Schema-level `example` (and 3.1 `examples` arrays).
      for (const v of schemas(doc)) {
        // Swagger 2.0 non-body parameters are their own schema; their `required: true` is not JSON Schema's.
        const def = doc.version === '2.0' && entry(v.schema, 'in') ? undefined : entry(v.schema, 'default');
        if (def) {
          // the specification asks a default to conform to the schema's type; `format` is left to annotation
          // (`default: ""` beside `format: uri` is a common "none" sentinel)
          const err = validate(v.schema, def.value, { ignoreFormat: true });
          if (err) ctx.report({ messageId: 'default', offsets: where(def), data: { error: err } });
        }
        const ex = entry(v.schema, 'example');
        if (ex) {
          const err = validate(v.schema, ex.value);
          if (err) ctx.report({ messageId: 'schema', offsets: where(ex), data: { error: err } });
        }
        const exs = get(v.schema, 'examples');
        if (doc.version === '3.1' && exs?.type === 'seq') {
          for (const item of exs.items) {
            const err = validate(v.schema, item);
            if (err) ctx.report({ messageId: 'schema', offsets: at(item), data: { error: err } });
          }
        }
      }
      // Media types (3.x `content.*`) and 2.0 response `examples` keyed by MIME type.
      walk(doc.root, (node, path) => {
        const last = path[path.length - 1];
        if (last === 'example' || last === 'examples') return false;
        if (!isMap(node)) return undefined;
        const parent = path[path.length - 2];
        const grandparent = path[path.length - 3];
        if (doc.version !== '2.0' && parent === 'content' && grandparent !== 'properties') mediaType(node);
        if (doc.version !== '2.0' && grandparent !== 'properties') {
          const last2 = path[path.length - 1];
          if (parent === 'parameters' && (typeof last2 === 'number' || (path.length === 3 && path[0] === 'components'))) parameterLike(node, 'parameter', str(get(node, 'name')) ?? String(last2));
          else if (parent === 'headers') parameterLike(node, 'header', String(last2));
        }
        if (doc.version === '2.0' && parent === 'responses' && grandparent !== 'properties') swaggerResponse(node);
        return undefined;
      });
      function mediaType(media: DataMap): void {
        const schema = get(media, 'schema');
        if (!schema) return;
        const ex = entry(media, 'example');
        if (ex) {
          const err = validate(schema, ex.value);
          if (err) ctx.report({ messageId: 'media', offsets: where(ex), data: { error: err, what: 'example' } });
        }
        const exs = get(media, 'examples');
        if (!isMap(exs)) return;
        for (const e of exs.entries) {
          const obj = resolve(doc.root, e.value);
          const value = entry(obj, 'value');
          if (!value) continue;
          const err = validate(schema, value.value);
          // Report on the named example where it is used (a referenced example may be shared).
          if (err) ctx.report({ messageId: 'media', offsets: obj === e.value ? where(value) : at(e.key), data: { error: err, what: `example \`${String(e.key.value)}\`` } });
        }
      }
      /**
       * A 3.x Parameter or Header Object's own `example` / `examples` against its `schema`. A string
       * example for a schema that is not a string may be written in its serialised form (`1,2,3` for
       * an array), so it is only checked against string schemas; a number or boolean example for a
       * string schema is checked as the text it is sent as.
       */
      function parameterLike(p: DataMap, kind: 'parameter' | 'header', name: string): void {
        const schema = get(p, 'schema');
        if (!schema) return;
        const target = resolve(doc.root, schema);
        const types = isMap(target) ? schemaTypes(target) : [];
        const values = isMap(target) ? get(target, 'enum') : undefined;
        // an untyped schema whose enum lists only strings takes string values
        if (values?.type === 'seq' && values.items.length > 0 && values.items.every((v) => isScalar(v) && typeof v.value === 'string')) types.push('string');
        const check = (value: DataNode, offsets: [number, number], what: string) => {
          if (isScalar(value) && typeof value.value === 'string' && !types.includes('string')) return;
          // Parameters and headers travel as text: a number or boolean example for a string schema
          // (`example: 12312312` for an id header) is judged by its text.
          const raw = isScalar(value) ? value.value : undefined;
          const asText = (typeof raw === 'number' || typeof raw === 'boolean') && types.includes('string') && !types.includes(typeof raw === 'number' ? 'number' : 'boolean') && !types.includes('integer');
          const err = validate(schema, asText ? { raw: String(raw) } : value);
          if (err) ctx.report({ messageId: 'parameter', offsets, data: { error: err, what, kind, name } });
        };
        const ex = entry(p, 'example');
        if (ex) check(ex.value, where(ex), 'example');
        const exs = get(p, 'examples');
        if (!isMap(exs)) return;
        for (const e of exs.entries) {
          const obj = resolve(doc.root, e.value);
          const value = entry(obj, 'value');
          if (value) check(value.value, obj === e.value ? where(value) : at(e.key), `example \`${String(e.key.value)}\``);
        }
      }
      function swaggerResponse(response: DataMap): void {
        const schema = get(response, 'schema');
        const exs = get(response, 'examples');
        if (!schema || !isMap(exs)) return;
        for (const e of exs.entries) {
          // JSON and YAML examples are the value itself; other media types (XML, text) may be serialised strings
          if (!/json|yaml|yml/i.test(String(e.key.value))) continue;
          const err = validate(schema, e.value);
          if (err) ctx.report({ messageId: 'media', offsets: where(e), data: { error: err, what: `\`${String(e.key.value)}\` example` } });
        }
      }
    }
  },
};
export default rule;
