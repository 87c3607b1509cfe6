/**
 * Turning ajv errors into findings at the right place of a location-aware data tree: one error per
 * location (the most specific one, not the oneOf/anyOf summary), a readable description, and the
 * node to report at (the offending value, or the key of a property that is not allowed).
 */
import type { ErrorObject } from 'ajv';
import { getPath, isMap, type DataNode } from '../parsers/data/tree.js';

/** Keys of a JSON pointer (`/a/b~1c` → `a`, `b/c`). */
export function pointerPath(instancePath: string): string[] {
  return instancePath === '' ? [] : instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

const SUMMARY_KEYWORDS = new Set(['oneOf', 'anyOf', 'if', '$ref', '$dynamicRef', 'allOf']);

/**
 * Errors that only say which alternative a value did not take. For each failed `oneOf`/`anyOf` whose
 * branches are written inline, the branch that came closest is kept (fewest errors, a branch whose
 * discriminating value matched preferred) and the other branches' errors are dropped: `in: path`
 * without `required: true` is reported as the missing `required`, not as "in must be query". When
 * every branch rejects the discriminating value, all are kept (their allowed values are merged). A
 * missing `$ref` (the Reference Object branch) is dropped when the other branch said what is wrong.
 */
function branchArtifacts(errors: readonly ErrorObject[]): Set<ErrorObject> {
  const out = new Set<ErrorObject>();
  for (const summary of errors) {
    if (summary.keyword !== 'oneOf' && summary.keyword !== 'anyOf') continue;
    const prefix = `${summary.schemaPath}/`;
    const branches = new Map<string, ErrorObject[]>();
    for (const e of errors) {
      if (e === summary || !e.schemaPath.startsWith(prefix) || SUMMARY_KEYWORDS.has(e.keyword)) continue;
      if (e.instancePath !== summary.instancePath && !e.instancePath.startsWith(`${summary.instancePath}/`)) continue;
      const branch = e.schemaPath.slice(prefix.length).split('/')[0];
      branches.set(branch, [...(branches.get(branch) ?? []), e]);
    }
    if (branches.size < 2) continue;
    // the discriminating property: the child whose value most branches reject with enum/const
    const mismatch = (e: ErrorObject) => (e.keyword === 'enum' || e.keyword === 'const') && e.instancePath.startsWith(`${summary.instancePath}/`) && !e.instancePath.slice(summary.instancePath.length + 1).includes('/');
    const votes = new Map<string, number>();
    for (const list of branches.values()) for (const p of new Set(list.filter(mismatch).map((e) => e.instancePath))) votes.set(p, (votes.get(p) ?? 0) + 1);
    const discriminator = [...votes.entries()].sort((a, b) => b[1] - a[1])[0];
    const score = (list: ErrorObject[]) => list.length + (discriminator && discriminator[1] >= 2 && list.some((e) => mismatch(e) && e.instancePath === discriminator[0]) ? 100 : 0);
    const ranked = [...branches.values()].sort((a, b) => score(a) - score(b));
    if (score(ranked[0]) >= 100) continue;
    for (const list of ranked.slice(1)) for (const e of list) out.add(e);
  }
  for (const e of errors) {
    if (e.keyword !== 'required' || (e.params as { missingProperty?: string }).missingProperty !== '$ref') continue;
    const other = errors.some(
      (o) =>
        o !== e &&
        !out.has(o) &&
        !SUMMARY_KEYWORDS.has(o.keyword) &&
        !(o.keyword === 'required' && (o.params as { missingProperty?: string }).missingProperty === '$ref') &&
        (o.instancePath === e.instancePath || o.instancePath.startsWith(`${e.instancePath}/`)),
    );
    if (other) out.add(e);
  }
  return out;
}

/**
 * One error per location: the most specific (not the oneOf/anyOf summary), and no parent whose child
 * has an error. Several properties that one object schema does not allow are each kept.
 */
export function pickErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const byPath = new Map<string, ErrorObject>();
  const artifacts = branchArtifacts(errors);
  for (const e of errors) {
    if (SUMMARY_KEYWORDS.has(e.keyword) || artifacts.has(e)) continue;
    const prev = byPath.get(e.instancePath);
    // a `type` error beside an `enum` error on the same value says less
    if (!prev || (prev.keyword === 'type' && e.keyword === 'enum')) byPath.set(e.instancePath, e);
  }
  const paths = [...byPath.keys()];
  const picked = [...byPath.entries()].filter(([p]) => !paths.some((q) => q !== p && q.startsWith(`${p}/`))).map(([, e]) => e);
  const out: ErrorObject[] = [];
  const seen = new Set<string>();
  for (let first of picked) {
    if (first.keyword === 'enum') {
      // alternatives (oneOf branches) each allow some values: name them all
      const all = new Set<unknown>();
      for (const e of errors) if (e.instancePath === first.instancePath && e.keyword === 'enum') for (const v of (e.params as { allowedValues: unknown[] }).allowedValues) all.add(v);
      first = { ...first, params: { allowedValues: [...all] } };
    }
    const same = namedProperty(first) === undefined ? [first] : errors.filter((e) => e.instancePath === first.instancePath && e.keyword === first.keyword && e.schemaPath === first.schemaPath);
    for (const e of same) {
      const k = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
      if (!seen.has(k)) out.push(e);
      seen.add(k);
    }
  }
  return out;
}

/** What is wrong, as a phrase following the field's path. */
export function describeError(e: ErrorObject): string {
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `is missing the required property \`${String(params.missingProperty)}\``;
    case 'additionalProperties':
      return `has a property the specification does not allow: \`${String(params.additionalProperty)}\``;
    case 'unevaluatedProperties':
      return `has a property the specification does not allow: \`${String(params.unevaluatedProperty)}\``;
    case 'enum':
      return `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify(params.allowedValue)}`;
    case 'type':
      return `must be of type ${Array.isArray(params.type) ? params.type.join(' or ') : String(params.type)}`;
    case 'pattern':
      return `must match the pattern \`${String(params.pattern)}\``;
    case 'not': {
      const why = (e.parentSchema as { description?: string } | undefined)?.description;
      return why ? `breaks a rule of the specification: ${why.replace(/\.$/, '')}` : 'has a form the specification forbids';
    }
    default:
      return e.message ?? 'is invalid';
  }
}

/** The property an error is about, when it names one that exists (not allowed, or the like). */
function namedProperty(e: ErrorObject): string | undefined {
  const p = e.params as { additionalProperty?: string; unevaluatedProperty?: string; propertyName?: string };
  return p.additionalProperty ?? p.unevaluatedProperty ?? (e.keyword === 'propertyNames' ? p.propertyName : undefined);
}

export interface Located {
  /** Node to report at. */
  node: DataNode;
  /** Dotted path of the field, for messages (`(root)` for the document). */
  where: string;
}

/** Where an error is in the tree: the deepest existing node of its path, or the key of a named property. */
export function locateError(root: DataNode, e: ErrorObject): Located {
  const steps: (string | number)[] = pointerPath(e.instancePath).map((s) => s);
  const toStep = (n: DataNode | undefined, s: string | number): string | number => (n?.type === 'seq' && /^\d+$/.test(String(s)) ? Number(s) : s);
  // sequence indexes are numbers for getPath
  const typed: (string | number)[] = [];
  let cur: DataNode | undefined = root;
  for (const s of steps) {
    const t = toStep(cur, s);
    typed.push(t);
    cur = cur ? getPath(cur, [t]) : undefined;
  }
  let node: DataNode | undefined = getPath(root, typed);
  for (let n = typed.length; !node && n > 0; n--) node = getPath(root, typed.slice(0, n - 1));
  const prop = namedProperty(e);
  const names = steps.map(String);
  if (prop !== undefined && isMap(node)) {
    const key = node.entries.find((en) => String(en.key.value) === prop)?.key;
    names.push(prop);
    if (key) return { node: key, where: names.join('.') };
  }
  const at = node ?? root;
  // a block map or list value starts on the line after its key: report from the key
  if (at.type !== 'scalar' && node !== undefined && typed.length > 0 && typeof typed[typed.length - 1] === 'string') {
    const parent = getPath(root, typed.slice(0, -1));
    const key = isMap(parent) ? parent.entries.find((en) => en.value === at)?.key : undefined;
    if (key) return { node: { ...at, start: key.start }, where: names.join('.') };
  }
  return { node: at, where: names.length ? names.join('.') : '(root)' };
}
