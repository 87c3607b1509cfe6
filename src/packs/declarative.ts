import type { Rule, RuleMeta } from '../model/rule.js';
import { isDocumentKind } from '../model/kinds.js';
import { isSeverity } from '../model/severity.js';
import type { DataNode } from '../parsers/data/tree.js';
import { getPath, isScalar, toValue } from '../parsers/data/tree.js';
import { compilePath, selectPath, type PathStep } from './path.js';
import { checkRegexSafety } from './regex-safety.js';

/**
 * Declarative rules: data, never code. `given` selects nodes of a YAML/JSON document; `when` filters
 * them; each `then` assertion that fails reports. No scripts, no eval.
 */
export interface Assertion {
  /** Dot path below the selected node (`securityContext.privileged`); none: the node itself. */
  field?: string;
  exists?: boolean;
  equals?: unknown;
  notEquals?: unknown;
  in?: unknown[];
  notIn?: unknown[];
  matches?: string;
  notMatches?: string;
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
  type?: 'string' | 'number' | 'boolean' | 'map' | 'seq' | 'null';
  truthy?: boolean;
  falsy?: boolean;
  /** Message id to report with (default: `default`). */
  message?: string;
}

export interface DeclarativeRuleSpec extends Omit<RuleMeta, 'security'> {
  security?: boolean;
  given: string | string[];
  when?: Assertion[];
  then: Assertion[];
}

const OPS = ['exists', 'equals', 'notEquals', 'in', 'notIn', 'matches', 'notMatches', 'min', 'max', 'minLength', 'maxLength', 'type', 'truthy', 'falsy'] as const;
const ALLOWED_KEYS = new Set(['field', 'message', ...OPS]);
const DATA_KINDS = new Set(['kubernetes', 'github-workflow', 'github-action', 'docker-compose', 'cloudformation', 'openapi', 'publiccode', 'json', 'yaml', 'helm', 'lockfile']);

interface CompiledAssertion extends Assertion {
  fieldPath: string[];
  re?: RegExp;
}

function typeOf(n: DataNode): string {
  if (n.type !== 'scalar') return n.type;
  return n.value === null ? 'null' : typeof n.value;
}

/** Does the assertion hold for this node? (undefined: not applicable, the field is absent). */
function holds(a: CompiledAssertion, node: DataNode): boolean | undefined {
  const target = a.fieldPath.length ? getPath(node, a.fieldPath) : node;
  const present = target !== undefined && !(isScalar(target) && target.value === null && a.exists !== undefined);
  if (a.exists !== undefined) return a.exists === present;
  if (target === undefined) return a.falsy ? true : undefined;
  const v = toValue(target);
  const same = (x: unknown) => (typeof x === 'object' ? JSON.stringify(x) === JSON.stringify(v) : x === v || (v !== null && typeof v !== 'object' && String(x) === String(v)));
  if (a.equals !== undefined && !same(a.equals)) return false;
  if (a.notEquals !== undefined && same(a.notEquals)) return false;
  if (a.in && !a.in.some(same)) return false;
  if (a.notIn && a.notIn.some(same)) return false;
  if (a.re) {
    if (typeof v === 'object' && v !== null) return a.matches === undefined;
    const ok = a.re.test(String(v));
    if (a.matches !== undefined && !ok) return false;
    if (a.notMatches !== undefined && ok) return false;
  }
  if (a.min !== undefined && !(typeof v === 'number' && v >= a.min)) return false;
  if (a.max !== undefined && !(typeof v === 'number' && v <= a.max)) return false;
  const len = typeof v === 'string' || Array.isArray(v) ? v.length : undefined;
  if (a.minLength !== undefined && !(len !== undefined && len >= a.minLength)) return false;
  if (a.maxLength !== undefined && !(len !== undefined && len <= a.maxLength)) return false;
  if (a.type !== undefined && typeOf(target) !== a.type) return false;
  const truthy = v !== null && v !== false && v !== 0 && v !== '' && v !== 'false';
  if (a.truthy && !truthy) return false;
  if (a.falsy && truthy) return false;
  return true;
}

function compileAssertion(a: Assertion, where: string): CompiledAssertion {
  if (!a || typeof a !== 'object') throw new Error(`${where}: an assertion must be a map`);
  for (const k of Object.keys(a)) if (!ALLOWED_KEYS.has(k)) throw new Error(`${where}: unknown assertion key "${k}"`);
  const ops = OPS.filter((o) => (a as Record<string, unknown>)[o] !== undefined);
  if (ops.length === 0) throw new Error(`${where}: an assertion needs one of ${OPS.join(', ')}`);
  if (a.matches !== undefined && a.notMatches !== undefined) throw new Error(`${where}: use matches or notMatches, not both`);
  const pattern = a.matches ?? a.notMatches;
  let re: RegExp | undefined;
  if (pattern !== undefined) {
    const problem = checkRegexSafety(pattern);
    if (problem) throw new Error(`${where}: regular expression ${JSON.stringify(pattern)} ${problem}`);
    re = new RegExp(pattern);
  }
  return { ...a, fieldPath: a.field ? a.field.split('.') : [], re };
}

/** Validate a declarative rule and compile it to the same Rule interface as code rules. */
export function compileDeclarativeRule(spec: DeclarativeRuleSpec, source: string): Rule {
  const where = `${source}${spec?.id ? ` (${spec.id})` : ''}`;
  const required = ['id', 'title', 'description', 'severity', 'kinds', 'messages', 'remediation', 'given', 'then'] as const;
  for (const k of required) if ((spec as unknown as Record<string, unknown>)?.[k] === undefined) throw new Error(`${where}: missing "${k}"`);
  if (!isSeverity(spec.severity)) throw new Error(`${where}: invalid severity "${String(spec.severity)}"`);
  if (!Array.isArray(spec.kinds) || !spec.kinds.every(isDocumentKind)) throw new Error(`${where}: invalid kinds`);
  if (!spec.kinds.every((k) => DATA_KINDS.has(k))) throw new Error(`${where}: declarative rules run on YAML/JSON kinds only (${[...DATA_KINDS].join(', ')})`);
  const givens = (Array.isArray(spec.given) ? spec.given : [spec.given]).map((g) => {
    try {
      return compilePath(g);
    } catch (e) {
      throw new Error(`${where}: ${(e as Error).message}`, { cause: e });
    }
  });
  const when = (spec.when ?? []).map((a, i) => compileAssertion(a, `${where} when[${i}]`));
  const then = spec.then.map((a, i) => compileAssertion(a, `${where} then[${i}]`));
  for (const a of then) {
    const id = a.message ?? 'default';
    if (!spec.messages[id]) throw new Error(`${where}: message "${id}" is not defined in messages`);
  }
  const { given: _g, when: _w, then: _t, ...meta } = spec;
  const rule: Rule = {
    meta: { ...meta, references: meta.references ?? [], standards: meta.standards ?? {}, equivalents: meta.equivalents ?? {} },
    check(ctx) {
      if (ctx.document.format !== 'data') return;
      for (const root of ctx.document.roots) {
        for (const steps of givens as PathStep[][]) {
          for (const m of selectPath(root, steps)) {
            if (!when.every((a) => holds(a, m.node) === true)) continue;
            for (const a of then) {
              if (holds(a, m.node) !== false) continue;
              const target = a.fieldPath.length ? getPath(m.node, a.fieldPath) : m.node;
              const at = target ?? m.key ?? m.node;
              const value = target === undefined ? '' : JSON.stringify(toValue(target)) ?? '';
              ctx.report({
                messageId: a.message ?? 'default',
                offsets: [at.start, at.end],
                data: { value: value.length > 80 ? `${value.slice(0, 77)}...` : value, path: [...m.path, ...a.fieldPath].join('.'), field: a.field ?? '' },
              });
            }
          }
        }
      }
    },
  };
  return rule;
}
