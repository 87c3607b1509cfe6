/**
 * JSON Schema files: which documents are JSON Schemas (a `$schema` naming a json-schema.org
 * meta-schema, or a `*.schema.json|yaml` file), which draft each is written to, the draft's
 * meta-schema as an ajv validator, and a walk over every subschema with the keywords of its draft.
 */
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import type { DataDocument } from '../../../src/model/document.js';
import type { StandardsRefs } from '../../../src/model/standards.js';
import { entry, get, isMap, isSeq, str, type DataEntry, type DataMap, type DataNode } from '../../../src/parsers/data/tree.js';

const require = createRequire(import.meta.url);

export type Draft = 'draft-03' | 'draft-04' | 'draft-06' | 'draft-07' | '2019-09' | '2020-12';
export const SUPPORTED: Draft[] = ['draft-04', 'draft-06', 'draft-07', '2019-09', '2020-12'];
export const JSON_SCHEMA_STANDARDS: StandardsRefs = { dsss: ['12'], govuk: ['13'], tcop: ['4'] };
export const JSON_SCHEMA_SPEC = 'https://json-schema.org/specification';

export interface SchemaDoc {
  root: DataMap;
  /** The draft the document is validated against. */
  draft?: Draft;
  /** The `$schema` entry, when present. */
  schemaEntry?: DataEntry;
  /** `$schema` names no meta-schema Saltire knows (only for documents that are JSON Schemas by name or host). */
  unknown?: string;
  /** Whether the draft was inferred from keywords (no `$schema`). */
  inferred: boolean;
}

/** A `$schema` URI's draft (http/https, trailing `#` and hyper-schema variants accepted), or undefined. */
export function draftOf(uri: string): Draft | undefined {
  const u = uri.trim().replace(/^https?:\/\//i, '').replace(/#$/, '').replace(/\/$/, '').toLowerCase();
  const m = /^json-schema\.org\/(draft-0[3467])\/(schema|hyper-schema|links)$/.exec(u);
  if (m) return m[1] as Draft;
  const n = /^json-schema\.org\/draft\/(2019-09|2020-12)\/(schema|hyper-schema|links)$/.exec(u);
  return n ? (n[1] as Draft) : undefined;
}

const isJsonSchemaHost = (uri: string) => /^https?:\/\/(www\.)?json-schema\.org\//i.test(uri.trim());
export const isSchemaFileName = (path: string) => /\.schema\.(json|ya?ml)$/i.test(path);

/** Keywords that only a later draft has, to choose a draft for a schema without `$schema`. */
function inferDraft(root: DataMap): Draft {
  let draft: Draft = 'draft-07';
  walkSchemas(root, 'draft-07', (s) => {
    const ex = get(s, 'exclusiveMinimum') ?? get(s, 'exclusiveMaximum');
    if (ex?.type === 'scalar' && typeof ex.value === 'boolean') draft = 'draft-04';
    if (['$defs', 'prefixItems', '$dynamicRef', '$dynamicAnchor', 'dependentRequired', 'dependentSchemas', 'unevaluatedProperties', 'unevaluatedItems'].some((k) => entry(s, k))) draft = '2020-12';
  });
  return draft;
}

/** The JSON Schema documents of a JSON/YAML file. */
export function schemaDocs(document: DataDocument | { format: string }, path: string): SchemaDoc[] {
  if (document.format !== 'data') return [];
  const out: SchemaDoc[] = [];
  for (const root of (document as DataDocument).roots) {
    if (!isMap(root)) continue;
    const se = entry(root, '$schema');
    const uri = str(se?.value);
    if (uri !== undefined) {
      const draft = draftOf(uri);
      if (draft) out.push({ root, draft, schemaEntry: se, inferred: false });
      else if (isJsonSchemaHost(uri) || (isSchemaFileName(path) && !/^(\.|\/|[\w.-]+\.json$)/.test(uri) && looksLikeSchema(root))) out.push({ root, schemaEntry: se, unknown: uri, inferred: false });
      continue;
    }
    if (isSchemaFileName(path) && looksLikeSchema(root)) out.push({ root, draft: inferDraft(root), inferred: true });
  }
  return out;
}

/** A map that uses JSON Schema keywords at its root (a `*.schema.json` that is not an instance document). */
function looksLikeSchema(root: DataMap): boolean {
  return ['type', 'properties', '$ref', 'allOf', 'anyOf', 'oneOf', 'definitions', '$defs', 'items', 'enum', '$id', 'id', 'required'].some((k) => entry(root, k));
}

type AjvLike = { getSchema: (id: string) => ValidateFunction | undefined; addMetaSchema: (s: object) => unknown };
const validators = new Map<Draft, ValidateFunction | Error>();

/** The draft's meta-schema as a validator (ajv, ajv-draft-04), compiled once. */
export function metaValidator(draft: Draft): ValidateFunction | Error {
  const hit = validators.get(draft);
  if (hit) return hit;
  let v: ValidateFunction | Error;
  try {
    const opts = { allErrors: true, verbose: true, strict: false, validateFormats: false };
    let ajv: AjvLike;
    let id: string;
    switch (draft) {
      case 'draft-04':
        ajv = new (require('ajv-draft-04').default as new (o: object) => AjvLike)(opts);
        id = 'http://json-schema.org/draft-04/schema';
        break;
      case 'draft-06':
        ajv = new (require('ajv').default as new (o: object) => AjvLike)(opts);
        ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as object);
        id = 'http://json-schema.org/draft-06/schema';
        break;
      case 'draft-07':
        ajv = new (require('ajv').default as new (o: object) => AjvLike)(opts);
        id = 'http://json-schema.org/draft-07/schema';
        break;
      case '2019-09':
        ajv = new (require('ajv/dist/2019').default as new (o: object) => AjvLike)(opts);
        id = 'https://json-schema.org/draft/2019-09/schema';
        break;
      case '2020-12':
        ajv = new (require('ajv/dist/2020').default as new (o: object) => AjvLike)(opts);
        id = 'https://json-schema.org/draft/2020-12/schema';
        break;
      default:
        throw new Error(`no meta-schema for ${draft}`);
    }
    const got = ajv.getSchema(id);
    if (!got) throw new Error(`meta-schema ${id} is not available`);
    v = got;
  } catch (e) {
    v = e as Error;
  }
  validators.set(draft, v);
  return v;
}

/** Keywords whose value is a map of subschemas, one subschema, or a list of subschemas, by draft. */
const MAP_KEYWORDS = ['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas'];
const ONE_KEYWORDS = ['additionalProperties', 'not', 'contains', 'propertyNames', 'if', 'then', 'else', 'unevaluatedItems', 'unevaluatedProperties', 'additionalItems', 'contentSchema'];
const LIST_KEYWORDS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];

export interface SubschemaVisit {
  schema: DataMap;
  /** Nearest ancestor-or-self schema with an `$id` (`id` in draft-04) other than the root: the resource `#` refers to. */
  resource: DataMap;
}

/** Visit the root and every subschema (maps only), depth-first, bounded. */
export function walkSchemas(root: DataMap, draft: Draft, visit: (schema: DataMap, at: SubschemaVisit) => void): void {
  let budget = 50_000;
  const idKey = draft === 'draft-04' || draft === 'draft-03' ? 'id' : '$id';
  const rec = (node: DataNode | undefined, resource: DataMap, depth: number): void => {
    if (!isMap(node) || --budget < 0 || depth > 100) return;
    const res = node !== root && str(get(node, idKey)) !== undefined && !String(str(get(node, idKey))).startsWith('#') ? node : resource;
    visit(node, { schema: node, resource: res });
    for (const k of MAP_KEYWORDS) {
      const m = get(node, k);
      if (isMap(m)) for (const e of m.entries) rec(e.value, res, depth + 1);
    }
    for (const k of ONE_KEYWORDS) rec(get(node, k), res, depth + 1);
    const items = get(node, 'items');
    if (isSeq(items)) items.items.forEach((n) => rec(n, res, depth + 1));
    else rec(items, res, depth + 1);
    for (const k of LIST_KEYWORDS) {
      const l = get(node, k);
      if (isSeq(l)) l.items.forEach((n) => rec(n, res, depth + 1));
    }
    const deps = get(node, 'dependencies');
    if (isMap(deps)) for (const e of deps.entries) rec(e.value, res, depth + 1);
  };
  rec(root, root, 0);
}
