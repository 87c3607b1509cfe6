import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Node as YamlNode } from 'yaml';
import type { LineIndex } from '../../model/location.js';
import type { ParseProblem } from '../../model/document.js';
import type { DataEntry, DataMap, DataNode, DataScalar } from './tree.js';

/** Most nodes (counting every alias expansion) a file may produce before aliases stop expanding. */
const MAX_EXPANDED_NODES = 500_000;
const MAX_DEPTH = 500;

export interface YamlParseResult {
  roots: (DataNode | null)[];
  problems: ParseProblem[];
}

/** Parse a YAML stream (every document) into data trees. Never throws. */
export function parseYaml(text: string, lines: LineIndex): YamlParseResult {
  const problems: ParseProblem[] = [];
  let docs: Document.Parsed[];
  try {
    const parsed = parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false, strict: false });
    docs = Array.isArray(parsed) ? parsed : [];
  } catch (e) {
    problems.push({ message: `YAML could not be parsed: ${(e as Error).message}`, range: lines.range(0, 0) });
    return { roots: [], problems };
  }
  const budget = { left: MAX_EXPANDED_NODES, exhausted: false };
  const roots: (DataNode | null)[] = [];
  for (const doc of docs) {
    for (const err of doc.errors) {
      const [s, e] = err.pos ?? [0, 0];
      problems.push({ message: firstLine(err.message), range: lines.range(s, e) });
    }
    const memo = new Map<YamlNode, DataNode>();
    const convert = (node: unknown, depth: number, fallbackAt: number): DataNode => {
      if (budget.left-- <= 0 || depth > MAX_DEPTH) {
        if (!budget.exhausted) {
          budget.exhausted = true;
          problems.push({
            message: depth > MAX_DEPTH ? `YAML nested deeper than ${MAX_DEPTH} levels` : 'YAML aliases expand beyond the safe limit (possible alias bomb); the rest was not expanded',
            range: lines.range(fallbackAt, fallbackAt),
          });
        }
        return { type: 'scalar', value: null, start: fallbackAt, end: fallbackAt };
      }
      if (isAlias(node)) {
        const target = node.resolve(doc);
        if (!target) return { type: 'scalar', value: null, start: node.range?.[0] ?? fallbackAt, end: node.range?.[1] ?? fallbackAt };
        const hit = memo.get(target as YamlNode);
        if (hit) {
          budget.left -= weight(hit);
          return hit;
        }
        return convert(target, depth + 1, fallbackAt);
      }
      const cached = memo.get(node as YamlNode);
      if (cached) return cached;
      let out: DataNode;
      if (isMap(node)) {
        const map: DataMap = { type: 'map', entries: [], start: node.range?.[0] ?? fallbackAt, end: node.range?.[1] ?? fallbackAt };
        if (node.tag && node.tag !== 'tag:yaml.org,2002:map') map.tag = node.tag;
        const merges: DataNode[] = [];
        for (const pair of node.items) {
          if (!isPair(pair)) continue;
          const keyNode = pair.key as YamlNode | null;
          const keyStart = (keyNode as { range?: number[] } | null)?.range?.[0] ?? map.start;
          const key = convert(keyNode ?? null, depth + 1, keyStart);
          const keyScalar: DataScalar = key.type === 'scalar' ? key : { type: 'scalar', value: '', start: key.start, end: key.end };
          const valueNode = pair.value as YamlNode | null;
          const value = valueNode == null
            ? ({ type: 'scalar', value: null, start: keyScalar.end, end: keyScalar.end } as DataScalar)
            : convert(valueNode, depth + 1, keyScalar.end);
          if (keyScalar.value === '<<' && (value.type === 'map' || value.type === 'seq')) {
            merges.push(value);
            continue;
          }
          map.entries.push({ key: keyScalar, value });
        }
        for (const m of merges) mergeInto(map, m);
        out = map;
      } else if (isSeq(node)) {
        const seq: DataNode = { type: 'seq', items: [], start: node.range?.[0] ?? fallbackAt, end: node.range?.[1] ?? fallbackAt };
        if (node.tag && node.tag !== 'tag:yaml.org,2002:seq') seq.tag = node.tag;
        for (const item of node.items) seq.items.push(convert(item, depth + 1, seq.end));
        out = seq;
      } else if (isScalar(node)) {
        const v = node.value;
        const value = v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : String(v);
        const sc: DataScalar = { type: 'scalar', value, start: node.range?.[0] ?? fallbackAt, end: node.range?.[1] ?? fallbackAt };
        if (node.tag && !node.tag.startsWith('tag:yaml.org,2002:')) sc.tag = node.tag;
        out = sc;
      } else {
        out = { type: 'scalar', value: null, start: fallbackAt, end: fallbackAt };
      }
      if (node && typeof node === 'object') memo.set(node as YamlNode, out);
      return out;
    };
    const contents = doc.contents as YamlNode | null;
    // A document with syntax errors is not judged (its partial tree could mislead a rule).
    roots.push(contents == null || doc.errors.length > 0 ? null : convert(contents, 0, doc.range?.[0] ?? 0));
  }
  return { roots, problems };
}

function mergeInto(map: DataMap, source: DataNode): void {
  const sources = source.type === 'seq' ? source.items : [source];
  const present = new Set(map.entries.map((e) => String(e.key.value)));
  for (const src of sources) {
    if (src.type !== 'map') continue;
    for (const e of src.entries as DataEntry[]) {
      const k = String(e.key.value);
      if (present.has(k)) continue;
      present.add(k);
      map.entries.push(e);
    }
  }
}

const weights = new WeakMap<DataNode, number>();
function weight(n: DataNode): number {
  const w = weights.get(n);
  if (w !== undefined) return w;
  let total = 1;
  if (n.type === 'map') for (const e of n.entries) total += 1 + weight(e.value);
  else if (n.type === 'seq') for (const i of n.items) total += weight(i);
  weights.set(n, total);
  return total;
}

function firstLine(s: string): string {
  return s.split('\n')[0].trim();
}
