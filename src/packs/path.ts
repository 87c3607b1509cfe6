import type { DataNode, DataScalar } from '../parsers/data/tree.js';

/**
 * A small, safe path language for declarative rules (a JSONPath subset, no filters or scripts):
 * `$` root, `.key` or `['key']`, `[*]` every item, `.*` every value of a map, `[0]` an index,
 * `..key` a key at any depth.
 */
export type PathStep =
  | { type: 'key'; key: string }
  | { type: 'index'; index: number }
  | { type: 'wildcard' }
  | { type: 'descend'; key: string };

export function compilePath(expr: string): PathStep[] {
  const s = expr.trim();
  if (!s.startsWith('$')) throw new Error(`path must start with $: ${expr}`);
  const steps: PathStep[] = [];
  let i = 1;
  const ident = /^[A-Za-z_$@-][\w$@.-]*?(?=[.[]|$)/;
  while (i < s.length) {
    const rest = s.slice(i);
    if (rest.startsWith('..')) {
      const m = /^\.\.([A-Za-z_$@-][\w$@-]*)/.exec(rest);
      if (!m) throw new Error(`bad recursive step at "${rest}" in ${expr}`);
      steps.push({ type: 'descend', key: m[1] });
      i += m[0].length;
    } else if (rest.startsWith('.*')) {
      steps.push({ type: 'wildcard' });
      i += 2;
    } else if (rest.startsWith('.')) {
      const m = ident.exec(rest.slice(1));
      if (!m || !m[0]) throw new Error(`bad key at "${rest}" in ${expr}`);
      steps.push({ type: 'key', key: m[0] });
      i += 1 + m[0].length;
    } else if (rest.startsWith('[*]')) {
      steps.push({ type: 'wildcard' });
      i += 3;
    } else if (rest.startsWith('[')) {
      const m = /^\[(?:(\d+)|'([^']*)'|"([^"]*)")\]/.exec(rest);
      if (!m) throw new Error(`bad bracket step at "${rest}" in ${expr}`);
      steps.push(m[1] !== undefined ? { type: 'index', index: Number(m[1]) } : { type: 'key', key: m[2] ?? m[3] });
      i += m[0].length;
    } else {
      throw new Error(`unexpected "${rest[0]}" in path ${expr}`);
    }
  }
  return steps;
}

export interface PathMatch {
  node: DataNode;
  path: (string | number)[];
  /** The key node when the match is a map value (for reporting at the key). */
  key?: DataScalar;
}

/** Every node a path selects, in document order. */
export function selectPath(root: DataNode | null, steps: PathStep[], budget = 100_000): PathMatch[] {
  if (!root) return [];
  let cur: PathMatch[] = [{ node: root, path: [] }];
  let left = budget;
  for (const step of steps) {
    const next: PathMatch[] = [];
    for (const m of cur) {
      const n = m.node;
      if (step.type === 'key') {
        if (n.type !== 'map') continue;
        for (const e of n.entries) if (String(e.key.value) === step.key) next.push({ node: e.value, path: [...m.path, step.key], key: e.key });
      } else if (step.type === 'index') {
        if (n.type === 'seq' && n.items[step.index]) next.push({ node: n.items[step.index], path: [...m.path, step.index] });
      } else if (step.type === 'wildcard') {
        if (n.type === 'seq') n.items.forEach((it, idx) => next.push({ node: it, path: [...m.path, idx] }));
        else if (n.type === 'map') for (const e of n.entries) next.push({ node: e.value, path: [...m.path, String(e.key.value)], key: e.key });
      } else {
        const rec = (node: DataNode, p: (string | number)[]): void => {
          if (--left < 0) return;
          if (node.type === 'map') {
            for (const e of node.entries) {
              const kp = [...p, String(e.key.value)];
              if (String(e.key.value) === step.key) next.push({ node: e.value, path: kp, key: e.key });
              rec(e.value, kp);
            }
          } else if (node.type === 'seq') node.items.forEach((it, idx) => rec(it, [...p, idx]));
        };
        rec(n, m.path);
      }
    }
    cur = next;
  }
  return cur;
}
