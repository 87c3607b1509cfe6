/**
 * OpenAPI helpers over the location-aware data tree: which version a document is, its operations,
 * local `$ref` resolution and a walk over every schema object with the role it plays (request input,
 * response output, reusable component).
 */
import type { DataDocument } from '../model/document.js';
import { entry, get, isMap, isScalar, isSeq, str, type DataEntry, type DataMap, type DataNode } from '../parsers/data/tree.js';

export type OasVersion = '2.0' | '3.0' | '3.1';

export interface OasDoc {
  root: DataMap;
  version: OasVersion;
  /** The `openapi:`/`swagger:` entry. */
  versionEntry: DataEntry;
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export const WRITE_METHODS = new Set(['post', 'put', 'patch', 'delete']);

/** The OpenAPI documents of a data file (a root map with `openapi:` or `swagger:`). */
export function oasDocs(document: DataDocument | { format: string }): OasDoc[] {
  if (document.format !== 'data') return [];
  const out: OasDoc[] = [];
  for (const root of (document as DataDocument).roots) {
    if (!isMap(root)) continue;
    const sw = entry(root, 'swagger');
    const oa = entry(root, 'openapi');
    if (oa) {
      const v = str(oa.value) ?? '';
      out.push({ root, versionEntry: oa, version: v.startsWith('3.1') || /^3\.[2-9]/.test(v) ? '3.1' : '3.0' });
    } else if (sw) {
      out.push({ root, versionEntry: sw, version: '2.0' });
    }
  }
  return out;
}

export interface Operation {
  path: string;
  pathEntry: DataEntry;
  pathItem: DataMap;
  method: string;
  /** The method's entry (`get:`), for reporting. */
  entry: DataEntry;
  op: DataMap;
}

/** The map of security schemes: Swagger 2.0 `securityDefinitions`, OpenAPI 3.x `components.securitySchemes`. */
export function securitySchemes(doc: OasDoc): DataNode | undefined {
  return doc.version === '2.0' ? get(doc.root, 'securityDefinitions') : get(get(doc.root, 'components'), 'securitySchemes');
}

export function pathEntries(doc: OasDoc): DataEntry[] {
  const paths = get(doc.root, 'paths');
  return isMap(paths) ? paths.entries.filter((e) => !String(e.key.value).startsWith('x-')) : [];
}

export function operations(doc: OasDoc): Operation[] {
  const out: Operation[] = [];
  for (const pe of pathEntries(doc)) {
    const item = resolve(doc.root, pe.value);
    if (!isMap(item)) continue;
    for (const e of item.entries) {
      const method = String(e.key.value).toLowerCase();
      if (!(HTTP_METHODS as readonly string[]).includes(method) || !isMap(e.value)) continue;
      // a multi-file source (`post: { $ref: endpoints/create.yaml }`, resolved by bundlers such as
      // Redocly or swagger-cli): the operation is written in the other file, so it is not judged here
      const op = refOf(e.value) === undefined ? e.value : resolve(doc.root, e.value);
      if (!isMap(op)) continue;
      out.push({ path: String(pe.key.value), pathEntry: pe, pathItem: item, method, entry: e, op });
    }
  }
  return out;
}

/** Decode a JSON pointer fragment (`#/a/b~1c`) into its keys. */
export function pointerKeys(fragment: string): string[] | undefined {
  let f = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (f === '') return [];
  if (!f.startsWith('/')) return undefined;
  try {
    f = decodeURIComponent(f);
  } catch {
    /* keep the raw text */
  }
  return f
    .slice(1)
    .split('/')
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Follow a JSON pointer in a tree. */
export function atPointer(root: DataNode, keys: string[]): DataNode | undefined {
  let cur: DataNode | undefined = root;
  for (const k of keys) {
    if (!cur) return undefined;
    if (isSeq(cur)) cur = /^\d+$/.test(k) ? cur.items[Number(k)] : undefined;
    else cur = get(cur, k);
  }
  return cur;
}

/** The `$ref` string of a node, if it is a reference object. */
export function refOf(node: DataNode | undefined): string | undefined {
  return isMap(node) ? str(get(node, '$ref')) : undefined;
}

/** A reference object pointing into another file (`$ref: parts/thing.yaml#/X`), whose target this document cannot show. */
export function isExternalRef(node: DataNode | undefined): boolean {
  const ref = refOf(node);
  return ref !== undefined && !ref.startsWith('#');
}

/** Resolve a node that may be a local reference (following chains), else the node itself. */
export function resolve(root: DataNode, node: DataNode | undefined, depth = 0): DataNode | undefined {
  const ref = refOf(node);
  if (ref === undefined) return node;
  if (!ref.startsWith('#') || depth > 20) return undefined;
  const keys = pointerKeys(ref);
  return keys ? resolve(root, atPointer(root, keys), depth + 1) : undefined;
}

/** Status-code keys of a responses map (resolved responses), excluding extensions. */
export function responseEntries(doc: OasDoc, op: DataMap): DataEntry[] {
  const r = get(op, 'responses');
  return isMap(r) ? r.entries.filter((e) => !String(e.key.value).startsWith('x-')) : [];
}

/** Parameters of an operation, path-level ones included (operation-level win by name+in). */
export function parametersOf(doc: OasDoc, o: Operation): { node: DataNode; param: DataMap }[] {
  const seen = new Set<string>();
  const out: { node: DataNode; param: DataMap }[] = [];
  for (const list of [get(o.op, 'parameters'), get(o.pathItem, 'parameters')]) {
    if (!isSeq(list)) continue;
    for (const node of list.items) {
      const p = resolve(doc.root, node);
      if (!isMap(p)) continue;
      const k = `${str(get(p, 'name'))}|${str(get(p, 'in'))}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push({ node, param: p });
    }
  }
  return out;
}

export type SchemaRole = 'request' | 'response' | 'component' | 'other';

export interface SchemaVisit {
  schema: DataMap;
  role: SchemaRole;
  /** The property name when the schema is a property of an object schema. */
  propertyKey?: DataEntry['key'];
}

const SUBSCHEMA_MAPS = ['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas'];
const SUBSCHEMA_ONE = ['items', 'additionalProperties', 'not', 'contains', 'propertyNames', 'if', 'then', 'else', 'unevaluatedItems', 'unevaluatedProperties', 'additionalItems'];
const SUBSCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];

/**
 * Every schema object written in the document (references are not followed, so each is visited
 * once, where it is written), with the role of the place it is written in.
 */
export function schemas(doc: OasDoc): SchemaVisit[] {
  const out: SchemaVisit[] = [];
  const seen = new Set<DataNode>();
  const visitSchema = (node: DataNode | undefined, role: SchemaRole, propertyKey?: DataEntry['key'], depth = 0): void => {
    if (!isMap(node) || seen.has(node) || depth > 64) return;
    seen.add(node);
    if (refOf(node) !== undefined) return;
    out.push({ schema: node, role, propertyKey });
    for (const k of SUBSCHEMA_MAPS) {
      const m = get(node, k);
      if (isMap(m)) for (const e of m.entries) visitSchema(e.value, role, k === 'properties' ? e.key : undefined, depth + 1);
    }
    for (const k of SUBSCHEMA_ONE) {
      const v = get(node, k);
      if (isSeq(v)) v.items.forEach((n) => visitSchema(n, role, undefined, depth + 1));
      else visitSchema(v, role, undefined, depth + 1);
    }
    for (const k of SUBSCHEMA_LISTS) for (const n of isSeq(get(node, k)) ? (get(node, k) as { items: DataNode[] }).items : []) visitSchema(n, role, undefined, depth + 1);
  };
  const visitContent = (content: DataNode | undefined, role: SchemaRole): void => {
    if (!isMap(content)) return;
    for (const e of content.entries) if (isMap(e.value)) visitSchema(get(e.value, 'schema'), role);
  };
  const visitParam = (p: DataNode | undefined, role: SchemaRole): void => {
    if (!isMap(p) || refOf(p) !== undefined) return;
    if (doc.version === '2.0') {
      if (str(get(p, 'in')) === 'body') visitSchema(get(p, 'schema'), role);
      else if (get(p, 'type') !== undefined) visitSchema(p, role, get(p, 'name') && isScalar(get(p, 'name')) ? (get(p, 'name') as DataEntry['key']) : undefined);
      return;
    }
    visitSchema(get(p, 'schema'), role);
    visitContent(get(p, 'content'), role);
  };
  const visitResponse = (r: DataNode | undefined): void => {
    if (!isMap(r) || refOf(r) !== undefined) return;
    if (doc.version === '2.0') visitSchema(get(r, 'schema'), 'response');
    visitContent(get(r, 'content'), 'response');
    const headers = get(r, 'headers');
    if (isMap(headers)) for (const h of headers.entries) if (isMap(h.value)) visitSchema(doc.version === '2.0' ? h.value : get(h.value, 'schema'), 'response');
  };
  const visitRequestBody = (b: DataNode | undefined): void => {
    if (isMap(b) && refOf(b) === undefined) visitContent(get(b, 'content'), 'request');
  };
  const visitOperationLike = (op: DataMap): void => {
    for (const p of isSeq(get(op, 'parameters')) ? (get(op, 'parameters') as { items: DataNode[] }).items : []) visitParam(p, 'request');
    visitRequestBody(get(op, 'requestBody'));
    const responses = get(op, 'responses');
    if (isMap(responses)) for (const e of responses.entries) visitResponse(e.value);
  };
  for (const pe of pathEntries(doc)) {
    if (!isMap(pe.value)) continue;
    visitOperationLike(pe.value);
    for (const e of pe.value.entries) if ((HTTP_METHODS as readonly string[]).includes(String(e.key.value).toLowerCase()) && isMap(e.value)) visitOperationLike(e.value);
  }
  const webhooks = get(doc.root, 'webhooks');
  if (isMap(webhooks)) for (const w of webhooks.entries) if (isMap(w.value)) for (const e of w.value.entries) if (isMap(e.value)) visitOperationLike(e.value);
  if (doc.version === '2.0') {
    const defs = get(doc.root, 'definitions');
    if (isMap(defs)) for (const e of defs.entries) visitSchema(e.value, 'component');
    const params = get(doc.root, 'parameters');
    if (isMap(params)) for (const e of params.entries) visitParam(e.value, 'component');
    const resps = get(doc.root, 'responses');
    if (isMap(resps)) for (const e of resps.entries) visitResponse(e.value);
  } else {
    const comps = get(doc.root, 'components');
    const cs = get(comps, 'schemas');
    if (isMap(cs)) for (const e of cs.entries) visitSchema(e.value, 'component');
    const params = get(comps, 'parameters');
    if (isMap(params)) for (const e of params.entries) visitParam(e.value, 'component');
    const bodies = get(comps, 'requestBodies');
    if (isMap(bodies)) for (const e of bodies.entries) visitRequestBody(e.value);
    const resps = get(comps, 'responses');
    if (isMap(resps)) for (const e of resps.entries) visitResponse(e.value);
    const headers = get(comps, 'headers');
    if (isMap(headers)) for (const e of headers.entries) if (isMap(e.value)) visitSchema(get(e.value, 'schema'), 'response');
  }
  return out;
}

/** The schema's declared types (`type: x` or, in 3.1, `type: [x, null]`). */
export function schemaTypes(schema: DataMap): string[] {
  const t = get(schema, 'type');
  if (isScalar(t) && typeof t.value === 'string') return [t.value];
  if (isSeq(t)) return t.items.map((i) => str(i)).filter((s): s is string => s !== undefined);
  return [];
}

/** Offsets of a node for reporting. */
export function at(node: { start: number; end: number }): [number, number] {
  return [node.start, node.end];
}

/** Offsets of an entry's key (the line where a block starts). */
export function keyAt(e: DataEntry): [number, number] {
  return [e.key.start, e.key.end];
}
