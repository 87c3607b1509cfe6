/**
 * A location-aware data tree shared by YAML and JSON documents, so that rules over Kubernetes,
 * compose, workflows, CloudFormation and OpenAPI work the same whichever syntax was used.
 * Offsets are 0-based [start, end) into the file's text.
 */
export type DataNode = DataMap | DataSeq | DataScalar;

interface NodeBase {
  start: number;
  end: number;
  /** A YAML tag such as `!Ref` (CloudFormation short forms), when present. */
  tag?: string;
}

export interface DataEntry {
  key: DataScalar;
  value: DataNode;
}

export interface DataMap extends NodeBase {
  type: 'map';
  entries: DataEntry[];
}

export interface DataSeq extends NodeBase {
  type: 'seq';
  items: DataNode[];
}

export type ScalarValue = string | number | boolean | null;

export interface DataScalar extends NodeBase {
  type: 'scalar';
  value: ScalarValue;
}

export function isMap(n: DataNode | null | undefined): n is DataMap {
  return n?.type === 'map';
}
export function isSeq(n: DataNode | null | undefined): n is DataSeq {
  return n?.type === 'seq';
}
export function isScalar(n: DataNode | null | undefined): n is DataScalar {
  return n?.type === 'scalar';
}

/** The entry of a map for a key (the last one when a key repeats, as YAML/JSON loaders do). */
export function entry(node: DataNode | null | undefined, key: string): DataEntry | undefined {
  if (!isMap(node)) return undefined;
  for (let i = node.entries.length - 1; i >= 0; i--) {
    if (String(node.entries[i].key.value) === key) return node.entries[i];
  }
  return undefined;
}

/** The value at a key of a map. */
export function get(node: DataNode | null | undefined, key: string): DataNode | undefined {
  return entry(node, key)?.value;
}

/** The value at a path of keys (strings) and sequence indexes (numbers). */
export function getPath(node: DataNode | null | undefined, path: (string | number)[]): DataNode | undefined {
  let cur: DataNode | undefined = node ?? undefined;
  for (const p of path) {
    if (!cur) return undefined;
    if (typeof p === 'number') cur = isSeq(cur) ? cur.items[p] : undefined;
    else cur = get(cur, p);
  }
  return cur;
}

/** A scalar's value as a string (numbers and booleans stringified), or undefined. */
export function str(node: DataNode | null | undefined): string | undefined {
  if (!isScalar(node) || node.value === null) return undefined;
  return String(node.value);
}

/** True when the node is the boolean true (or the string "true", as some tools write it). */
export function isTrue(node: DataNode | null | undefined): boolean {
  return isScalar(node) && (node.value === true || node.value === 'true');
}

export function isFalse(node: DataNode | null | undefined): boolean {
  return isScalar(node) && (node.value === false || node.value === 'false');
}

export function items(node: DataNode | null | undefined): DataNode[] {
  return isSeq(node) ? node.items : [];
}

export function keys(node: DataNode | null | undefined): string[] {
  return isMap(node) ? node.entries.map((e) => String(e.key.value)) : [];
}

/** Plain JavaScript value of a node (maps to objects, sequences to arrays). */
export function toValue(node: DataNode | null | undefined, depth = 0): unknown {
  if (!node || depth > 200) return undefined;
  switch (node.type) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map((n) => toValue(n, depth + 1));
    case 'map': {
      const o: Record<string, unknown> = {};
      for (const e of node.entries) o[String(e.key.value)] = toValue(e.value, depth + 1);
      return o;
    }
  }
}

/**
 * Visit every node depth-first with its path. Shared sub-trees (YAML aliases) are visited once
 * per reference, bounded by `budget` visits in all, so an alias bomb cannot make a walk explode.
 */
export function walk(
  root: DataNode | null | undefined,
  visit: (node: DataNode, path: (string | number)[], parentKey?: DataScalar) => void | false,
  budget = 200_000,
): void {
  let left = budget;
  const rec = (node: DataNode, path: (string | number)[], key?: DataScalar): void => {
    if (--left < 0) return;
    if (visit(node, path, key) === false) return;
    if (node.type === 'map') {
      for (const e of node.entries) rec(e.value, [...path, String(e.key.value)], e.key);
    } else if (node.type === 'seq') {
      node.items.forEach((n, i) => rec(n, [...path, i]));
    }
  };
  if (root) rec(root, []);
}
