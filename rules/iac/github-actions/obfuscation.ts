import type { Rule } from '../../../src/model/rule.js';
import { type DataNode, isMap, isScalar, isSeq } from '../../../src/parsers/data/tree.js';
import { actionMetadata, type Expression, expressionsIn, GHA_SUPPLY_CHAIN_STANDARDS, isSameRepoUses, tokenize, usesNodes, workflows } from './workflow.js';

/** Functions whose result is fixed when every argument is a literal. */
const REDUCIBLE = new Set(['format', 'startswith', 'endswith', 'contains']);
const LITERAL_WORDS = new Set(['true', 'false', 'null']);

type Tok = ReturnType<typeof tokenize>[number];

/** True when the tokens are only literals, operators, parentheses and commas. */
function literalOnly(toks: Tok[]): boolean {
  return toks.every((t) => t.t === 'str' || t.t === 'num' || t.t === 'op' || t.t === 'lp' || t.t === 'rp' || t.t === 'comma' || (t.t === 'path' && LITERAL_WORDS.has(t.v.toLowerCase())));
}

const LITERAL = String.raw`(?:'(?:[^']|'')*'|\d+(?:\.\d+)?|true|false|null)`;
/** A call of a reducible function on literals only, anywhere in an expression (an index included). */
const LITERAL_CALL = new RegExp(String.raw`(?<![\w.-])(?:format|startswith|endswith|contains)\s*\(\s*${LITERAL}(?:\s*,\s*${LITERAL})*\s*\)`, 'i');

/**
 * Why an expression is needlessly computed: the whole of it is a constant (literals, operators and
 * format/startsWith/endsWith/contains over literals), or it calls one of those functions on literals
 * only. Undefined when it reads any context or calls any other function.
 */
export function constantExpression(body: string): 'constant' | 'call' | undefined {
  const toks = tokenize(body);
  if (!toks.length) return undefined;
  const whole = toks.every((t, k) => t.t !== 'path' || LITERAL_WORDS.has(t.v.toLowerCase()) || (REDUCIBLE.has(t.v.toLowerCase()) && toks[k + 1]?.t === 'lp'));
  if (whole && literalOnly(toks.filter((t, k) => !(t.t === 'path' && REDUCIBLE.has(t.v.toLowerCase()) && toks[k + 1]?.t === 'lp')))) return 'constant';
  return LITERAL_CALL.test(body) ? 'call' : undefined;
}

/** Why a `uses:` path is obfuscated: an empty, `.` or `..` path component. */
function obfuscatedUses(uses: string): string | undefined {
  if (!uses || isSameRepoUses(uses) || uses.startsWith('docker://') || uses.includes('${{')) return undefined;
  const at = uses.lastIndexOf('@');
  const name = at < 0 ? uses : uses.slice(0, at);
  const parts = name.split('/');
  if (parts.some((p) => p === '')) return 'an empty path component';
  if (parts.some((p) => p === '.')) return 'a `.` path component';
  if (parts.some((p) => p === '..')) return 'a `..` path component';
  return undefined;
}

/** `uses:` references and expressions written to hide what they do. */
const rule: Rule = {
  meta: {
    id: 'iac/gha-obfuscation',
    title: 'Workflow obscures an action reference or an expression',
    description:
      'GitHub normalises `uses:` paths, so `actions/checkout/@v4`, `owner/repo/./path@v1` or `owner/repo/a/../b@v1` run the same action as the plain reference while defeating reviewers and tools that match action names (allow-lists, pinning and vulnerability checks). Likewise an expression that computes a constant (`${{ \'curl\' }}`, `${{ format(\'{0}\', \'x\') }}`, `${{ true || false }}`) adds nothing but indirection, and is a way to slip text past review and pattern-based checks. Neither is ever needed: write the reference and the value out plainly. A composite action\'s steps (`action.yml`) are checked too.',
    severity: 'low',
    kinds: ['github-workflow', 'github-action'],
    messages: {
      uses: '`{{uses}}` contains {{what}}, which GitHub ignores; write the action reference in its plain form (`owner/repo[/path]@ref`).',
      constant: '`{{expression}}` computes a constant; write its value out instead of an expression.',
      call: '`{{expression}}` calls a function on literals only, which yields a constant; write the value out.',
    },
    remediation: 'Write action references in their canonical form (`owner/repo/path@ref`, no empty, `.` or `..` components) and replace expressions that only combine literals with the literal value.',
    references: ['https://docs.zizmor.sh/audits/#obfuscation', 'https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/evaluate-expressions-in-workflows-and-actions'],
    standards: GHA_SUPPLY_CHAIN_STANDARDS,
    equivalents: { zizmor: ['obfuscation'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    const text = ctx.file.text;
    const seen = new Set<number>();
    const checkUses = (n: DataNode | undefined) => {
      if (!isScalar(n) || typeof n.value !== 'string') return;
      const uses = n.value.trim();
      const what = obfuscatedUses(uses);
      if (what) ctx.report({ messageId: 'uses', offsets: [n.start, n.end], data: { uses, what } });
    };
    const visit = (n: DataNode | undefined) => {
      if (!n) return;
      if (isMap(n)) for (const e of n.entries) visit(e.value);
      else if (isSeq(n)) n.items.forEach(visit);
      else if (isScalar(n) && typeof n.value === 'string' && n.value.includes('${{')) {
        for (const ex of expressionsIn(text, n)) report(ex);
      }
    };
    const report = (ex: Expression) => {
      if (seen.has(ex.start)) return;
      const why = constantExpression(ex.body);
      if (!why) return;
      seen.add(ex.start);
      const expression = text.slice(ex.start, ex.end);
      ctx.report({ messageId: why, offsets: [ex.start, ex.end], data: { expression: expression.length > 80 ? `${expression.slice(0, 77)}...` : expression } });
    };
    for (const n of usesNodes(ctx)) checkUses(n);
    for (const wf of workflows(ctx)) visit(wf.root);
    for (const a of actionMetadata(ctx)) visit(a.runs);
  },
};
export default rule;
