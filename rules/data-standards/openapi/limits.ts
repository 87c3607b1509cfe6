import { get, isMap, isSeq, isTrue, str, type DataMap, type DataNode } from '../../../src/parsers/data/tree.js';
import { HTTP_METHODS, refOf, schemas, schemaTypes, type OasDoc, type SchemaVisit } from '../../../src/openapi/model.js';

/**
 * Schemas that describe input (request bodies, parameters, reusable components), not read-only
 * output. A component schema that only responses reach (through `$ref`, directly or via other
 * components) is output too: an error body's `message` is never sent by clients.
 */
export function inputSchemas(doc: OasDoc, type: string): SchemaVisit[] {
  const output = responseOnlyComponentNodes(doc);
  return schemas(doc).filter((v) => v.role !== 'response' && !output.has(v.schema) && schemaTypes(v.schema).includes(type) && !isTrue(get(v.schema, 'readOnly')));
}

/** The nodes of component schemas reached from responses and from nothing else in the document. */
function responseOnlyComponentNodes(doc: OasDoc): Set<DataNode> {
  const prefix = doc.version === '2.0' ? '#/definitions/' : '#/components/schemas/';
  const holder = doc.version === '2.0' ? get(doc.root, 'definitions') : get(get(doc.root, 'components'), 'schemas');
  const out = new Set<DataNode>();
  if (!isMap(holder)) return out;
  const components = new Map<string, DataNode>(holder.entries.map((e) => [String(e.key.value), e.value]));
  const nameOf = (ref: string | undefined): string | undefined => {
    if (!ref?.startsWith(prefix)) return undefined;
    const name = decodeURIComponent(ref.slice(prefix.length).split('/')[0].replace(/~1/g, '/').replace(/~0/g, '~'));
    return components.has(name) ? name : undefined;
  };
  // Schema references written anywhere under `node`.
  const collect = (node: DataNode | undefined, found: (name: string) => void, depth = 0): void => {
    if (depth > 200 || node === undefined) return;
    if (isSeq(node)) for (const n of node.items) collect(n, found, depth + 1);
    if (!isMap(node)) return;
    const name = nameOf(refOf(node));
    if (name !== undefined) found(name);
    for (const e of node.entries) collect(e.value, found, depth + 1);
  };
  const fromInput = new Set<string>();
  const fromResponse = new Set<string>();
  const toInput = (n: string): void => void fromInput.add(n);
  const toResponse = (n: string): void => void fromResponse.add(n);
  // An operation's `responses` are output; everything else in it (parameters, request body, callbacks)
  // counts as input, as do webhooks (whose responses the API receives).
  const operations = (pathItems: DataNode | undefined): void => {
    if (!isMap(pathItems)) return;
    for (const item of pathItems.entries) {
      if (!isMap(item.value)) continue;
      for (const e of item.value.entries) {
        const method = String(e.key.value).toLowerCase();
        if ((HTTP_METHODS as readonly string[]).includes(method) && isMap(e.value)) {
          for (const part of e.value.entries) collect(part.value, String(part.key.value) === 'responses' ? toResponse : toInput);
        } else collect(e.value, toInput);
      }
    }
  };
  for (const e of doc.root.entries) {
    const key = String(e.key.value);
    if (key === 'paths') operations(e.value);
    else if (key === 'definitions' && doc.version === '2.0') continue;
    else if (key === 'responses' && doc.version === '2.0') collect(e.value, toResponse);
    else if (key === 'components' && isMap(e.value)) {
      for (const c of e.value.entries) {
        const ck = String(c.key.value);
        if (ck !== 'schemas') collect(c.value, ck === 'responses' || ck === 'headers' ? toResponse : toInput);
      }
    } else collect(e.value, toInput);
  }
  // Components reached from reached components share the reacher's side.
  const spread = (seeds: Set<string>): Set<string> => {
    const queue = [...seeds];
    while (queue.length > 0) {
      const name = queue.pop() as string;
      collect(components.get(name), (n) => {
        if (!seeds.has(n)) {
          seeds.add(n);
          queue.push(n);
        }
      });
    }
    return seeds;
  };
  const input = spread(fromInput);
  const response = spread(fromResponse);
  const addAll = (node: DataNode | undefined, depth = 0): void => {
    if (node === undefined || depth > 200 || out.has(node)) return;
    out.add(node);
    if (isSeq(node)) for (const n of node.items) addAll(n, depth + 1);
    if (isMap(node)) for (const e of node.entries) addAll(e.value, depth + 1);
  };
  for (const name of response) if (!input.has(name)) addAll(components.get(name) as DataMap);
  return out;
}

/** Formats whose values have a bounded length. */
export const BOUNDED_FORMATS = new Set(['date', 'date-time', 'time', 'uuid', 'ipv4', 'ipv6', 'duration']);

/** A `pattern` anchored at both ends with no unbounded repetition limits the length too. */
export function boundedPattern(p: string | undefined): boolean {
  if (!p || !p.startsWith('^') || !p.endsWith('$')) return false;
  return !/[*+]|\{\d+,\}/.test(p.replace(/\\./g, ''));
}

export function schemaLabel(v: SchemaVisit): string {
  return v.propertyKey ? `property \`${String(v.propertyKey.value)}\`` : 'schema';
}

export { str };
