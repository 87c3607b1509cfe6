import type { Rule } from '../../../src/model/rule.js';
import { JSON_SCHEMA_SPEC, JSON_SCHEMA_STANDARDS, schemaDocs, walkSchemas } from './common.js';
import { editDistance } from '../edit-distance.js';

/** Every keyword of drafts 04 to 2020-12 (a keyword of another draft is not a misspelling). */
const KEYWORDS = [
  '$schema', '$ref', 'id', '$id', '$anchor', '$dynamicRef', '$dynamicAnchor', '$recursiveRef', '$recursiveAnchor', '$vocabulary', '$comment', '$defs',
  'title', 'description', 'default', 'examples', 'deprecated', 'readOnly', 'writeOnly', 'enum', 'const', 'type', 'format',
  'properties', 'patternProperties', 'additionalProperties', 'unevaluatedProperties', 'propertyNames', 'required', 'dependencies', 'dependentRequired', 'dependentSchemas',
  'minProperties', 'maxProperties', 'items', 'prefixItems', 'additionalItems', 'unevaluatedItems', 'contains', 'minContains', 'maxContains', 'minItems', 'maxItems', 'uniqueItems',
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minLength', 'maxLength', 'pattern',
  'allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else', 'definitions', 'contentMediaType', 'contentEncoding', 'contentSchema',
];
const KNOWN = new Set(KEYWORDS);
/** Annotations other tools define (OpenAPI, editors, ajv-errors, code generators), near a keyword but deliberate. */
const TOOL_KEYWORDS = new Set([
  'example', 'nullable', 'discriminator', 'xml', 'externalDocs', 'markdownDescription', 'errorMessage', 'deprecationMessage', 'enumDescriptions', 'markdownEnumDescriptions',
  'defaultSnippets', 'patternErrorMessage', 'doNotSuggest', 'allowComments', 'allowTrailingCommas', 'tsType', 'javaType', 'javaName', 'existingJavaType', 'extends',
  'optional', 'divisibleBy', 'disallow', 'requiredProperties', 'propertyOrder', 'options', 'headerTemplate', 'links', 'media', 'fileMatch', 'typeof',
]);

/** The keyword an unknown key is most likely a misspelling of (wrong case, or one or two edits away). */
export function misspeltKeyword(key: string): string | undefined {
  if (KNOWN.has(key) || TOOL_KEYWORDS.has(key) || /^x-/i.test(key)) return undefined;
  const lower = key.toLowerCase();
  const sameCase = KEYWORDS.find((k) => k.toLowerCase() === lower && k.startsWith('$') === key.startsWith('$'));
  if (sameCase) return sameCase;
  if (key.length < 4) return undefined;
  let best: { k: string; d: number } | undefined;
  // `$`-prefixed keys are compared with `$` keywords only (`$default` of Angular schematics is not `default`)
  for (const k of KEYWORDS.filter((x) => x.startsWith('$') === key.startsWith('$'))) {
    const limit = k.length >= 9 ? 2 : k.length >= 4 ? 1 : 0;
    const d = editDistance(lower, k.toLowerCase());
    if (d <= limit && (!best || d < best.d)) best = { k, d };
  }
  return best?.k;
}

/** A misspelt keyword in a JSON Schema is ignored by validators, so the constraint it meant is never applied. */
const rule: Rule = {
  meta: {
    id: 'data-standards/json-schema-unknown-keyword',
    title: 'JSON Schema keyword is misspelt and silently ignored',
    description:
      'JSON Schema validators ignore keywords they do not know. A misspelt keyword (`requried`, `additionalproperties`, `maxlength`, `minItem`) is therefore not an error in the meta-schema, yet the constraint it was meant to express is never applied: required fields become optional, unexpected properties and over-long strings are accepted. This is a common source of silently unvalidated data in published schemas and API contracts.',
    severity: 'low',
    kinds: ['json', 'yaml'],
    messages: {
      misspelt: '`{{name}}` is not a JSON Schema keyword, so validators ignore it; did you mean `{{expected}}`?',
    },
    remediation: 'Rename the keyword to the spelling the specification uses (keywords are case-sensitive); run validators in strict mode (e.g. ajv `strict: true`) to catch unknown keywords.',
    references: [JSON_SCHEMA_SPEC, 'https://ajv.js.org/strict-mode.html#prohibit-ignored-keywords', 'https://json-schema.org/understanding-json-schema/reference'],
    standards: JSON_SCHEMA_STANDARDS,
    equivalents: {},
    since: '0.1.0',
  },
  check(ctx) {
    for (const doc of schemaDocs(ctx.document, ctx.file.path)) {
      if (!doc.draft) continue;
      walkSchemas(doc.root, doc.draft, (schema) => {
        for (const e of schema.entries) {
          const name = String(e.key.value);
          const expected = misspeltKeyword(name);
          if (expected && !schema.entries.some((o) => String(o.key.value) === expected)) ctx.report({ messageId: 'misspelt', offsets: [e.key.start, e.key.end], data: { name, expected } });
        }
      });
    }
  },
};
export default rule;
