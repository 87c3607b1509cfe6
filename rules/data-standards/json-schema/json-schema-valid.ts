import type { Rule } from '../../../src/model/rule.js';
import { entry, get, isMap, str, toValue, walk, type DataMap } from '../../../src/parsers/data/tree.js';
import { atPointer, pointerKeys } from '../../../src/openapi/model.js';
import { describeError, locateError, pickErrors } from '../../../src/openapi/schema-errors.js';
import { JSON_SCHEMA_SPEC, JSON_SCHEMA_STANDARDS, metaValidator, schemaDocs, walkSchemas, type Draft } from './common.js';

const DRAFT_NAMES: Record<Draft, string> = { 'draft-03': 'draft-03', 'draft-04': 'draft-04', 'draft-06': 'draft-06', 'draft-07': 'draft-07', '2019-09': '2019-09', '2020-12': '2020-12' };

/** A JSON Schema regular expression (ECMA-262), with or without the Unicode flag. */
function validRegex(p: string): boolean {
  for (const flags of ['u', '']) {
    try {
      new RegExp(p, flags);
      return true;
    } catch {
      /* try the next flags */
    }
  }
  return false;
}

/** Anchors a document defines: `$anchor`/`$dynamicAnchor` (2019-09+), `$id: "#name"` (06/07), `id: "#name"` (04). */
function anchors(root: DataMap): Set<string> {
  const out = new Set<string>();
  walk(root, (node) => {
    if (!isMap(node)) return;
    for (const k of ['$anchor', '$dynamicAnchor']) {
      const a = str(get(node, k));
      if (a) out.add(a);
    }
    for (const k of ['$id', 'id']) {
      const id = str(get(node, k));
      if (id?.startsWith('#')) out.add(id.slice(1));
      else if (id?.includes('#') && !id.endsWith('#')) out.add(id.slice(id.indexOf('#') + 1));
    }
  });
  return out;
}

/** JSON Schema files validate against their declared meta-schema (draft-04 to 2020-12). */
const rule: Rule = {
  meta: {
    id: 'data-standards/json-schema-valid',
    title: 'JSON Schema is not valid against its meta-schema',
    description:
      'A JSON Schema file (a document whose `$schema` names a JSON Schema draft, or a `*.schema.json` file) is itself data that must conform to its draft\'s meta-schema. A misplaced or wrongly typed keyword (`required: true` inside a property, `type: "text"`, an invalid regular expression, a `$ref` that points nowhere) makes validators reject the schema or, worse, silently skip the check it was meant to make, so bad data is accepted. Services that publish or exchange data with a schema (GDS API and data standards, DSSS 12) need that schema to be valid.',
    severity: 'medium',
    kinds: ['json', 'yaml'],
    messages: {
      invalid: '`{{where}}` {{problem}} (JSON Schema {{draft}} meta-schema, `{{keyword}}`); fix it as the {{draft}} specification describes.',
      unknownSchema: '`$schema: {{uri}}` is not a JSON Schema meta-schema Saltire knows, so the schema was not validated; use the URI of the draft you write to, e.g. `https://json-schema.org/draft/2020-12/schema` or `http://json-schema.org/draft-07/schema#`.',
      obsoleteDraft: 'This schema is written to JSON Schema {{draft}}, which current validators no longer support; migrate it to draft-07 or 2020-12.',
      badPattern: '`{{value}}` is not a valid regular expression ({{error}}); JSON Schema patterns are ECMA-262 regular expressions.',
      unresolvedRef: '`$ref: {{ref}}` does not resolve in this document; fix the JSON pointer (escape `/` as `~1` and `~` as `~0`) or add the definition it names.',
    },
    remediation: 'Fix the keyword the message names; validate schemas in CI against their meta-schema (e.g. `ajv compile -s schema.json`), and declare the draft with `$schema`.',
    references: [JSON_SCHEMA_SPEC, 'https://json-schema.org/understanding-json-schema/reference/schema', 'https://ajv.js.org/json-schema.html', 'https://www.gov.uk/government/publications/open-standards-for-government'],
    standards: JSON_SCHEMA_STANDARDS,
    equivalents: {},
    since: '0.1.0',
  },
  check(ctx) {
    for (const doc of schemaDocs(ctx.document, ctx.file.path)) {
      const uriNode = doc.schemaEntry?.value ?? doc.root;
      if (doc.unknown !== undefined) {
        ctx.report({ messageId: 'unknownSchema', offsets: [uriNode.start, uriNode.end], data: { uri: doc.unknown }, severity: 'low' });
        continue;
      }
      const draft = doc.draft!;
      if (draft === 'draft-03') {
        ctx.report({ messageId: 'obsoleteDraft', offsets: [uriNode.start, uriNode.end], data: { draft }, severity: 'low' });
        continue;
      }
      const validate = metaValidator(draft);
      if (validate instanceof Error) {
        ctx.notice(`JSON Schema ${draft} meta-schema could not be loaded (${validate.message.split('\n')[0]}); ${ctx.file.path} was not validated`, 'warning');
        continue;
      }
      if (!validate(toValue(doc.root))) {
        for (const e of pickErrors(validate.errors ?? []).slice(0, 50)) {
          const { node, where } = locateError(doc.root, e);
          ctx.report({ messageId: 'invalid', offsets: [node.start, node.end], data: { where, problem: describeError(e), draft: DRAFT_NAMES[draft], keyword: e.keyword } });
        }
      }
      let known: Set<string> | undefined;
      walkSchemas(doc.root, draft, (schema, { resource }) => {
        const pattern = get(schema, 'pattern');
        const checkRegex = (value: string, node: { start: number; end: number }) => {
          if (validRegex(value)) return;
          let error = 'invalid';
          try {
            new RegExp(value);
          } catch (err) {
            error = (err as Error).message.replace(/^Invalid regular expression: /, '');
          }
          ctx.report({ messageId: 'badPattern', offsets: [node.start, node.end], data: { value, error } });
        };
        if (pattern?.type === 'scalar' && typeof pattern.value === 'string') checkRegex(pattern.value, pattern);
        const pp = get(schema, 'patternProperties');
        if (isMap(pp)) for (const e of pp.entries) checkRegex(String(e.key.value), e.key);
        const refEntry = entry(schema, '$ref');
        const ref = str(refEntry?.value);
        if (!refEntry || ref === undefined || !ref.startsWith('#') || ref === '#') return;
        const keys = pointerKeys(ref);
        if (keys) {
          if (atPointer(resource, keys) === undefined) ctx.report({ messageId: 'unresolvedRef', offsets: [refEntry.value.start, refEntry.value.end], data: { ref } });
        } else {
          known ??= anchors(doc.root);
          if (!known.has(ref.slice(1))) ctx.report({ messageId: 'unresolvedRef', offsets: [refEntry.value.start, refEntry.value.end], data: { ref } });
        }
      });
    }
  },
};
export default rule;
