/**
 * Shared helpers for GitHub Actions workflow rules: triggers, jobs, steps, `${{ }}` expressions found
 * in the file's source text (so findings point at the exact column, whatever the scalar style), and
 * the attacker-controllable contexts of the event payload.
 */
import type { RuleContext } from '../../../src/model/rule.js';
import type { StandardsRefs } from '../../../src/model/standards.js';
import { get, isMap, isScalar, isSeq, items, str, type DataEntry, type DataMap, type DataNode } from '../../../src/parsers/data/tree.js';

export const GHA_STANDARDS: StandardsRefs = { dsss: ['8'], govuk: ['9'], sbd: ['10', '2'], caf: ['B4'] };
export const GHA_SUPPLY_CHAIN_STANDARDS: StandardsRefs = { dsss: ['8'], govuk: ['9'], sbd: ['2', '10'], caf: ['A4', 'B4'] };

export const WORKFLOW_SYNTAX = 'https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions';
export const HARDENING = 'https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions';

/** Triggers whose runs can be started by people without write access and that run with the base repository's privileges. */
export const PRIVILEGED_UNTRUSTED_TRIGGERS = new Set(['pull_request_target', 'workflow_run', 'issue_comment']);
/** Triggers an outside contributor can start (forks, comments, reviews). */
export const EXTERNAL_TRIGGERS = new Set([
  'pull_request',
  'pull_request_target',
  'pull_request_review',
  'pull_request_review_comment',
  'issue_comment',
  'discussion_comment',
]);

/** `github.event_name == 'x'` (either way round). */
const EVENT_IS = /\bgithub\.event_name\s*==\s*'([^']+)'|'([^']+)'\s*==\s*github\.event_name\b/g;

/**
 * The events a job's or step's `if:` lets through when it requires `github.event_name == 'x'`
 * (e.g. `github.event_name == 'push' && …`): the job or step is skipped on every other event
 * (jobs.<job_id>.if). Undefined when the condition names no event or could admit another one:
 * an `||`, or a negation (`!(github.event_name == 'x')`).
 */
export function eventsAllowedBy(cond: DataNode | undefined): Set<string> | undefined {
  if (!isScalar(cond) || typeof cond.value !== 'string' || alwaysTrueCondition(cond.value)) return undefined;
  const c = cond.value;
  if (c.includes('||') || /!\s*(\(|github\.event_name\b)/.test(c)) return undefined;
  const events = [...c.matchAll(EVENT_IS)].map((m) => m[1] ?? m[2]);
  return events.length ? new Set(events) : undefined;
}

/**
 * Why an `if:` value is always true, or undefined when it is a real condition. A value holding
 * `${{ }}` with any text outside it (a space, the line break a `|` or `>` block scalar ends with,
 * `&& ${{ … }}`, a comparison around it) is a string template for GitHub: the expression is
 * substituted into the text and the result, a non-empty string, is truthy (actions/runner#1173).
 * `block` when the only outside text is the block scalar's final line break (and spaces), `text`
 * otherwise. Expressions side by side with nothing between them (`${{ a }}${{ b }}`) can still give
 * an empty string and are not judged.
 */
export function alwaysTrueCondition(value: string): 'block' | 'text' | undefined {
  const exprs = expressionsInRange(value, 0, value.length);
  if (!exprs.length) return undefined;
  let outside = value.slice(0, exprs[0].start) + value.slice(exprs[exprs.length - 1].end);
  for (let k = 1; k < exprs.length; k++) outside += value.slice(exprs[k - 1].end, exprs[k].start);
  if (!outside) return undefined;
  return exprs.length === 1 && /^[ \t]*$/.test(value.slice(0, exprs[0].start)) && /^[ \t]*\n[ \t\n]*$/.test(value.slice(exprs[0].end)) ? 'block' : 'text';
}

/** Event objects whose author a condition can pin: the pull request, issue, comment, review or discussion. */
const AUTHORED = '(pull_request|issue|comment|review|discussion)';
const AUTHOR_IS = new RegExp(String.raw`\bgithub\.event\.${AUTHORED}\.user\.login\s*==\s*'[^']+'|'[^']+'\s*==\s*github\.event\.${AUTHORED}\.user\.login\b`, 'g');
const INSIDER = "'(?:OWNER|MEMBER|COLLABORATOR)'";
const ASSOCIATION_IS = new RegExp(String.raw`\bgithub\.event\.${AUTHORED}\.author_association\s*==\s*${INSIDER}|${INSIDER}\s*==\s*github\.event\.${AUTHORED}\.author_association\b`, 'g');
const ASSOCIATION_IN = new RegExp(String.raw`\bcontains\(\s*fromJSON\(\s*'(\[[^']*\])'\s*\)\s*,\s*github\.event\.${AUTHORED}\.author_association\s*\)`, 'gi');

/**
 * Event objects a job's or step's `if:` limits to a known author: it requires (with `&&`, no `||`
 * and no negation) the object's `user.login` to equal a named account, or its `author_association`
 * to be OWNER, MEMBER or COLLABORATOR (compared, or `contains(fromJSON('[…]'), …)` over a list of
 * only those). Their text (and, for a pull request, `github.head_ref`) is then the author's, not an
 * outsider's. An always-true condition pins nothing.
 */
export function authorPinned(conds: (DataNode | undefined)[]): Set<string> {
  const out = new Set<string>();
  const add = (obj: string) => {
    out.add(`github.event.${obj}`);
    if (obj === 'pull_request') out.add('github.head_ref');
  };
  for (const cond of conds) {
    if (!isScalar(cond) || typeof cond.value !== 'string' || alwaysTrueCondition(cond.value)) continue;
    const c = cond.value;
    if (c.includes('||') || /!(?!=)/.test(c)) continue;
    for (const m of c.matchAll(AUTHOR_IS)) add(m[1] ?? m[2]);
    for (const m of c.matchAll(ASSOCIATION_IS)) add(m[1] ?? m[2]);
    for (const m of c.matchAll(ASSOCIATION_IN)) {
      const list = m[1].replace(/^\[|\]$/g, '').split(',').map((x) => x.trim().replace(/^"|"$/g, '').toUpperCase());
      if (list.length && list.every((x) => ['OWNER', 'MEMBER', 'COLLABORATOR'].includes(x))) add(m[2]);
    }
  }
  return out;
}

/** The contexts whose text is not an outsider's where a step runs: the workflow's `fixed` ones and those its job's and its own `if:` pin to an author. */
export function stepFixed(wf: Workflow, job?: Job, step?: DataMap): ReadonlySet<string> {
  const pinned = authorPinned([job && get(job.node, 'if'), step && get(step, 'if')]);
  return pinned.size ? new Set([...(wf.fixed ?? []), ...pinned]) : (wf.fixed ?? new Set());
}

/** True when the context path is one of `fixed`, or inside one of them. */
function isFixed(path: string, fixed: ReadonlySet<string> | undefined): boolean {
  if (!fixed?.size) return false;
  const p = path.toLowerCase();
  return [...fixed].some((f) => p === f || p.startsWith(`${f}.`));
}

/** True when the condition only lets through events none of which is in `risky`. */
export function onlyOtherEvents(cond: DataNode | undefined, risky: ReadonlySet<string>): boolean {
  const allowed = eventsAllowedBy(cond);
  return !!allowed && [...allowed].every((e) => !risky.has(e));
}

export interface Workflow {
  root: DataMap;
  triggers: Set<string>;
  /** The `on` entry (for locating findings about triggers). */
  on?: DataEntry;
  /** Contexts whose value the triggers' filters fix to names the repository chose (see `fixedContexts`). */
  fixed?: ReadonlySet<string>;
}

/** A branch filter entry naming one branch: no glob characters (`*`, `?`, `+`, `[`, `]`) and no `!` negation. */
const LITERAL_BRANCH = /^[^*?+[\]!\s]+$/;

/**
 * Contexts the workflow's trigger filters pin to values the repository wrote itself. A `workflow_run`
 * trigger whose `branches:` lists only literal branch names runs only when the triggering run's
 * `head_branch` is one of them, so `github.event.workflow_run.head_branch` holds one of those names
 * (a fork can name its branch `main`, but then the value is `main`: no payload fits in it). A glob
 * (`feat/**`) or `branches-ignore` leaves the name open.
 */
export function fixedContexts(on: DataNode | undefined): Set<string> {
  const out = new Set<string>();
  const branches = get(get(on, 'workflow_run'), 'branches');
  const names = isSeq(branches) ? branches.items : branches ? [branches] : [];
  if (names.length && names.every((n) => isScalar(n) && typeof n.value === 'string' && LITERAL_BRANCH.test(n.value.trim()))) out.add('github.event.workflow_run.head_branch');
  return out;
}

export interface Job {
  id: string;
  key: DataNode;
  node: DataMap;
}

/** The workflow documents of a file (maps with `jobs` or `on`); none in an action's metadata. */
export function workflows(ctx: RuleContext): Workflow[] {
  if (ctx.document.format !== 'data' || ctx.file.kind === 'github-action') return [];
  const out: Workflow[] = [];
  for (const root of ctx.document.roots) {
    if (!isMap(root)) continue;
    if (!get(root, 'jobs') && !get(root, 'on')) continue;
    const on = root.entries.find((e) => e.key.value === 'on' || e.key.value === true);
    out.push({ root, triggers: triggerNames(on?.value), on, fixed: fixedContexts(on?.value) });
  }
  return out;
}

/** The events an `on:` value names (a string, a list or a map of events). */
export function triggerNames(on: DataNode | undefined): Set<string> {
  const names = new Set<string>();
  if (!on) return names;
  if (isScalar(on) && typeof on.value === 'string') names.add(on.value);
  for (const i of items(on)) if (isScalar(i) && typeof i.value === 'string') names.add(i.value);
  if (isMap(on)) for (const e of on.entries) names.add(String(e.key.value));
  return names;
}

/** An action's metadata (`action.yml`, kind `github-action`): its `runs:` map and `using:` (lower case). */
export interface ActionMetadata {
  root: DataMap;
  runs: DataMap;
  /** The `runs` key (for locating findings about the action as a whole). */
  key: DataNode;
  using: string;
}

/** The action metadata documents of a file (kind `github-action`: a top-level `runs:` map). */
export function actionMetadata(ctx: RuleContext): ActionMetadata[] {
  if (ctx.document.format !== 'data' || ctx.file.kind !== 'github-action') return [];
  const out: ActionMetadata[] = [];
  for (const root of ctx.document.roots) {
    if (!isMap(root)) continue;
    const entry = root.entries.find((e) => e.key.value === 'runs');
    if (!entry || !isMap(entry.value)) continue;
    out.push({ root, runs: entry.value, key: entry.key, using: (str(get(entry.value, 'using')) ?? '').trim().toLowerCase() });
  }
  return out;
}

/**
 * Every place steps run, as a workflow and a job: each job of a workflow, and the `runs:` of a
 * composite action (`runs.using: composite`), whose `steps:` run inside whichever job uses the
 * action. The action stands as a workflow with no known triggers (it runs on its caller's event, so
 * `stepEvents` gives any event, as for a reusable workflow) and its `runs:` map as the job (no `if:`,
 * `env:` or matrix of its own). Only for step-level rules: triggers, permissions and runners are the
 * calling workflow's.
 */
export function stepHosts(ctx: RuleContext): { wf: Workflow; job: Job }[] {
  const out: { wf: Workflow; job: Job }[] = [];
  for (const wf of workflows(ctx)) for (const job of jobs(wf)) out.push({ wf, job });
  for (const a of actionMetadata(ctx)) {
    if (a.using !== 'composite') continue;
    out.push({ wf: { root: a.root, triggers: new Set() }, job: { id: 'runs', key: a.key, node: a.runs } });
  }
  return out;
}

export function jobs(wf: Workflow): Job[] {
  const j = get(wf.root, 'jobs');
  if (!isMap(j)) return [];
  return j.entries.filter((e) => isMap(e.value)).map((e) => ({ id: String(e.key.value), key: e.key, node: e.value as DataMap }));
}

export function steps(job: Job): DataMap[] {
  return items(get(job.node, 'steps')).filter(isMap);
}

/**
 * Every `uses:` value of the file: reusable-workflow calls of jobs, steps of workflows, and the steps of a
 * composite action (action.yml), which run in the calling job with its token and secrets.
 */
export function usesNodes(ctx: RuleContext): DataNode[] {
  const out: DataNode[] = [];
  const add = (n: DataNode | undefined) => {
    if (n) out.push(n);
  };
  for (const wf of workflows(ctx)) {
    for (const job of jobs(wf)) {
      add(get(job.node, 'uses'));
      for (const step of steps(job)) add(get(step, 'uses'));
    }
  }
  for (const a of actionMetadata(ctx)) if (a.using === 'composite') for (const step of items(get(a.runs, 'steps'))) add(get(step, 'uses'));
  return out;
}

/** A step's or job's `uses:` value, trimmed. */
export function usesOf(node: DataNode): string | undefined {
  const u = str(get(node, 'uses'));
  return u?.trim();
}

/**
 * An action or reusable workflow in the workflow's own repository: `./path` (relative to the
 * workspace) or the self-repository syntax `$/path`, which GitHub resolves to the running commit.
 */
export function isSameRepoUses(uses: string): boolean {
  return uses.startsWith('./') || uses.startsWith('$/');
}

/** `owner/repo` (lower-case) of an action reference, or undefined for same-repository and docker actions. */
export function actionRepo(uses: string): string | undefined {
  if (isSameRepoUses(uses) || uses.startsWith('docker://')) return undefined;
  const path = uses.split('@')[0];
  const parts = path.split('/');
  if (parts.length < 2) return undefined;
  return `${parts[0]}/${parts[1]}`.toLowerCase();
}

export function isCheckout(uses: string | undefined): boolean {
  return !!uses && actionRepo(uses) === 'actions/checkout';
}

export interface Expression {
  /** Offsets of the whole `${{ … }}` in the file's text. */
  start: number;
  end: number;
  /** The text between the braces. */
  body: string;
}

/**
 * `${{ … }}` expressions inside a scalar node, located in the source text. Reading the raw source (not
 * the parsed value) keeps exact offsets for plain, quoted and block (`|`, `>`) scalars alike.
 */
export function expressionsIn(text: string, node: DataNode): Expression[] {
  if (!isScalar(node)) return [];
  return expressionsInRange(text, node.start, node.end, singleQuoted(text, node));
}

function singleQuoted(text: string, node: DataNode): boolean {
  return text.charCodeAt(node.start) === 39;
}

export function expressionsInRange(text: string, start: number, end: number, singleQuotedScalar = false): Expression[] {
  const out: Expression[] = [];
  const src = text.slice(start, end);
  let i = 0;
  while ((i = src.indexOf('${{', i)) >= 0) {
    const close = findClose(src, i + 3);
    if (close < 0) break;
    let body = src.slice(i + 3, close);
    if (singleQuotedScalar) body = body.replace(/''/g, "'");
    out.push({ start: start + i, end: start + close + 2, body });
    i = close + 2;
  }
  return out;
}

/** The offset of the `}}` closing an expression, skipping string literals. */
function findClose(s: string, from: number): number {
  let inStr = false;
  for (let i = from; i < s.length - 1; i++) {
    const c = s[i];
    if (c === "'") inStr = !inStr;
    else if (!inStr && c === '}' && s[i + 1] === '}') return i;
    else if (c === '\n' && s.slice(from, i).split('\n').length > 20) return -1;
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------
// Expression analysis

/** Event fields an outside contributor controls (GitHub Security Lab's list, plus workflow_run and discussion). */
const UNTRUSTED: string[] = [
  'github.event.issue.title',
  'github.event.issue.body',
  'github.event.pull_request.title',
  'github.event.pull_request.body',
  'github.event.pull_request.head.ref',
  'github.event.pull_request.head.label',
  'github.event.pull_request.head.repo.default_branch',
  'github.event.pull_request.head.repo.description',
  'github.event.pull_request.head.repo.homepage',
  'github.event.changes.title.from',
  'github.event.changes.body.from',
  'github.event.changes.head.ref.from',
  'github.event.comment.body',
  'github.event.review.body',
  'github.event.review_comment.body',
  'github.event.discussion.title',
  'github.event.discussion.body',
  'github.event.pages.*.page_name',
  'github.event.commits.*.message',
  'github.event.commits.*.author.email',
  'github.event.commits.*.author.name',
  'github.event.commits.*.committer.email',
  'github.event.commits.*.committer.name',
  'github.event.head_commit.message',
  'github.event.head_commit.author.email',
  'github.event.head_commit.author.name',
  'github.event.head_commit.committer.email',
  'github.event.head_commit.committer.name',
  'github.event.workflow_run.head_branch',
  'github.event.workflow_run.display_title',
  'github.event.workflow_run.head_commit.message',
  'github.event.workflow_run.head_commit.author.email',
  'github.event.workflow_run.head_commit.author.name',
  'github.event.workflow_run.head_commit.committer.email',
  'github.event.workflow_run.head_commit.committer.name',
  'github.event.workflow_run.head_repository.description',
  'github.event.workflow_run.pull_requests.*.head.ref',
  'github.event.check_suite.head_branch',
  'github.event.check_run.check_suite.head_branch',
  'github.event.merge_group.head_commit.message',
  'github.head_ref',
];
const UNTRUSTED_SEGMENTS = UNTRUSTED.map((p) => p.split('.'));

function segMatch(a: string, b: string): boolean {
  return a === b || a === '*' || b === '*';
}

/** True when a context path is (or, as a whole object, contains) attacker-controlled data. */
export function isUntrustedPath(path: string): boolean {
  const segs = path.toLowerCase().split('.');
  return UNTRUSTED_SEGMENTS.some((u) => segs.length <= u.length && segs.every((s, i) => segMatch(s, u[i])));
}

type Token =
  | { t: 'path'; v: string; start: number; end: number }
  | { t: 'str' | 'num' | 'op' | 'lp' | 'rp' | 'comma' | 'other'; v: string; start: number; end: number };

/** The offset of the `]` matching the `[` at `open`, skipping nested brackets and string literals; -1 when unclosed. */
function closingBracket(body: string, open: number): number {
  let depth = 0;
  let inStr = false;
  for (let i = open; i < body.length; i++) {
    const c = body[i];
    if (c === "'") inStr = !inStr;
    else if (inStr) continue;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return i;
  }
  return -1;
}

/** Tokens of a GitHub Actions expression (paths normalised: `a['b'][0]` → `a.b.*`). */
export function tokenize(body: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = body.length;
  while (i < n) {
    const c = body[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === "'") {
      i++;
      while (i < n && !(body[i] === "'" && body[i + 1] !== "'")) i += body[i] === "'" ? 2 : 1;
      i++;
      out.push({ t: 'str', v: body.slice(start, i), start, end: i });
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const ident = /^[A-Za-z_][\w-]*/.exec(body.slice(i))![0];
      let path = ident;
      i += ident.length;
      for (;;) {
        if (body[i] === '.' && /[A-Za-z_*]/.test(body[i + 1] ?? '')) {
          const m = /^\.(\*|[A-Za-z_][\w-]*)/.exec(body.slice(i))!;
          path += `.${m[1]}`;
          i += m[0].length;
        } else if (body[i] === '[') {
          const m = /^\[\s*(?:'([^']*)'|(\d+)|(\*))\s*\]/.exec(body.slice(i));
          if (!m) {
            // computed index (which may hold its own indexes: `pages[x.y[0]]`): treat as "any"
            const close = closingBracket(body, i);
            if (close < 0) break;
            path += '.*';
            i = close + 1;
          } else {
            path += m[1] !== undefined ? `.${m[1]}` : '.*';
            i += m[0].length;
          }
        } else break;
      }
      out.push({ t: 'path', v: path, start, end: i });
      continue;
    }
    if (/\d/.test(c)) {
      const m = /^[\d.]+/.exec(body.slice(i))![0];
      i += m.length;
      out.push({ t: 'num', v: m, start, end: i });
      continue;
    }
    const two = body.slice(i, i + 2);
    if (['==', '!=', '<=', '>=', '&&', '||'].includes(two)) {
      i += 2;
      out.push({ t: 'op', v: two, start, end: i });
      continue;
    }
    i++;
    if (c === '(') out.push({ t: 'lp', v: c, start, end: i });
    else if (c === ')') out.push({ t: 'rp', v: c, start, end: i });
    else if (c === ',') out.push({ t: 'comma', v: c, start, end: i });
    else if ('<>!'.includes(c)) out.push({ t: 'op', v: c, start, end: i });
    else out.push({ t: 'other', v: c, start, end: i });
  }
  return out;
}

const BOOLEAN_FUNCTIONS = new Set(['contains', 'startswith', 'endswith', 'success', 'failure', 'always', 'cancelled', 'hashfiles']);
const COMPARISONS = new Set(['==', '!=', '<', '>', '<=', '>=', '!']);

export interface ContextRef {
  path: string;
  /** Offsets inside the expression body. */
  start: number;
  end: number;
  /** True when the value is only compared or tested (its text never reaches the output). */
  testedOnly: boolean;
}

/** Context references in an expression, with whether each one's text can reach the rendered result. */
export function contextRefs(body: string): ContextRef[] {
  const toks = tokenize(body);
  const out: ContextRef[] = [];
  const stack: string[] = [];
  // `(a || b).field`: a field selected from a parenthesised group (not a function call) applies to
  // each path inside it; the field name itself is no context. Innermost groups first, so nested
  // selections append in order.
  const suffix = new Map<number, string>();
  const fieldOnly = new Set<number>();
  for (let k = toks.length - 1; k >= 0; k--) {
    if (toks[k].t !== 'lp' || toks[k - 1]?.t === 'path') continue;
    let depth = 0;
    let close = -1;
    for (let m = k; m < toks.length && close < 0; m++) {
      if (toks[m].t === 'lp') depth++;
      else if (toks[m].t === 'rp' && --depth === 0) close = m;
    }
    const dot = toks[close + 1];
    const field = toks[close + 2];
    if (close < 0 || dot?.t !== 'other' || dot.v !== '.' || field?.t !== 'path' || dot.end !== field.start) continue;
    fieldOnly.add(close + 2);
    for (let m = k + 1; m < close; m++) if (toks[m].t === 'path') suffix.set(m, `${suffix.get(m) ?? ''}.${field.v}`);
  }
  for (let k = 0; k < toks.length; k++) {
    const tok = toks[k];
    if (tok.t === 'lp') {
      const prev = toks[k - 1];
      stack.push(prev?.t === 'path' && !prev.v.includes('.') ? prev.v.toLowerCase() : '');
      continue;
    }
    if (tok.t === 'rp') {
      stack.pop();
      continue;
    }
    if (tok.t !== 'path' || fieldOnly.has(k)) continue;
    if (toks[k + 1]?.t === 'lp') continue; // a function name
    if (['true', 'false', 'null'].includes(tok.v)) continue;
    const prev = toks[k - 1];
    const next = toks[k + 1];
    const inBoolFn = stack.some((f) => BOOLEAN_FUNCTIONS.has(f));
    const compared = (prev?.t === 'op' && COMPARISONS.has(prev.v)) || (next?.t === 'op' && (COMPARISONS.has(next.v) || next.v === '&&'));
    out.push({ path: tok.v + (suffix.get(k) ?? ''), start: tok.start, end: tok.end, testedOnly: inBoolFn || compared });
  }
  return out;
}

/**
 * The events whose payload fills an attacker-controlled context (GitHub's "Events that trigger
 * workflows" and webhook payloads): on any other event the value is empty. Contexts not listed may
 * come with any event.
 */
const FILLED_BY: readonly (readonly [context: string, events: readonly string[]])[] = [
  ['github.head_ref', ['pull_request', 'pull_request_target']],
  ['github.event.pull_request', ['pull_request', 'pull_request_target', 'pull_request_review', 'pull_request_review_comment']],
  ['github.event.issue', ['issues', 'issue_comment']],
  ['github.event.comment', ['issue_comment', 'pull_request_review_comment', 'commit_comment', 'discussion_comment']],
  ['github.event.review', ['pull_request_review']],
  ['github.event.discussion', ['discussion', 'discussion_comment']],
  ['github.event.pages', ['gollum']],
  ['github.event.commits', ['push']],
  ['github.event.head_commit', ['push']],
  ['github.event.workflow_run', ['workflow_run']],
  ['github.event.check_suite', ['check_suite']],
  ['github.event.check_run', ['check_run']],
  ['github.event.merge_group', ['merge_group']],
  // the previous title or body of an `edited` activity
  ['github.event.changes', ['pull_request', 'pull_request_target', 'issues', 'issue_comment', 'discussion', 'discussion_comment', 'pull_request_review', 'pull_request_review_comment']],
];

/** False when none of `events` fills the context (so it is empty whenever the code runs). */
function filledOn(path: string, events: ReadonlySet<string> | undefined): boolean {
  if (!events) return true;
  const p = path.toLowerCase();
  const entry = FILLED_BY.find(([c]) => p === c || p.startsWith(`${c}.`));
  return !entry || entry[1].some((e) => events.has(e));
}

/**
 * The events a step can run on: the workflow's triggers, narrowed by a job or step `if:` that
 * requires `github.event_name`. Undefined when any event is possible: a reusable workflow
 * (`workflow_call`) runs with its caller's event, and a workflow without readable triggers is not judged.
 */
export function stepEvents(wf: Workflow, job: Job, step?: DataMap): ReadonlySet<string> | undefined {
  if (!wf.triggers.size || wf.triggers.has('workflow_call')) return undefined;
  let events = new Set(wf.triggers);
  for (const cond of [get(job.node, 'if'), step && get(step, 'if')]) {
    const allowed = eventsAllowedBy(cond);
    if (allowed) events = new Set([...events].filter((e) => allowed.has(e)));
  }
  return events;
}

/**
 * Attacker-controlled context paths whose text can reach the expression's result; with `events`
 * (see `stepEvents`), only those one of the events fills; with `fixed` (`stepFixed`), not those
 * the triggers' filters pin to the repository's own names or a condition pins to a known author.
 */
export function untrustedRefs(body: string, env?: EnvLookup, events?: ReadonlySet<string>, fixed?: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const r of contextRefs(body)) {
    if (r.testedOnly) continue;
    if (isUntrustedPath(r.path)) {
      if (filledOn(r.path, events) && !isFixed(r.path, fixed)) out.push(r.path);
    } else if (env && (/^(env|matrix)\.[\w-]+$/i.test(r.path) || /^steps\.[\w-]+\.outputs\.[\w-]+$/i.test(r.path))) {
      const via = env(r.path);
      if (via) out.push(`${r.path} (= ${via})`);
    }
  }
  return out;
}

/** Looks up a variable visible to a step (`env.NAME`, `matrix.NAME`, `steps.ID.outputs.NAME`); returns the untrusted context it is bound to. */
export type EnvLookup = (path: string) => string | undefined;

/** `env:` maps visible to a step (step, then job, then workflow), resolved to untrusted sources (those `events` fill, when given). */
export function envLookup(text: string, wf: Workflow, job: Job | undefined, step: DataMap | undefined, events?: ReadonlySet<string>): EnvLookup {
  const maps = [step && get(step, 'env'), job && get(job.node, 'env'), get(wf.root, 'env')];
  const fixed = stepFixed(wf, job, step);
  const untrustedIn = (node: DataNode | undefined): string | undefined => {
    if (!node) return undefined;
    for (const ex of expressionsIn(text, node)) {
      const bad = untrustedRefs(ex.body, undefined, events, fixed);
      if (bad.length) return bad[0];
    }
    return undefined;
  };
  return (path) => {
    const dot = path.indexOf('.');
    const name = path.slice(dot + 1);
    if (path.slice(0, dot).toLowerCase() === 'matrix') {
      // a matrix built from an expression (wholly, or one dimension, or an `include` entry)
      const matrix = job && get(get(job.node, 'strategy'), 'matrix');
      if (!matrix) return undefined;
      if (!isMap(matrix)) return untrustedIn(matrix);
      for (const e of matrix.entries) {
        const key = String(e.key.value);
        if (key === name) {
          const bad = isSeq(e.value) ? e.value.items.map(untrustedIn).find(Boolean) : untrustedIn(e.value);
          if (bad) return bad;
        } else if (key === 'include') {
          const bad = isSeq(e.value) ? e.value.items.map((i) => (isMap(i) ? untrustedIn(get(i, name)) : untrustedIn(i))).find(Boolean) : untrustedIn(e.value);
          if (bad) return bad;
        }
      }
      return undefined;
    }
    for (const m of maps) {
      if (!isMap(m)) continue;
      const e = m.entries.find((x) => String(x.key.value) === name);
      if (e) return untrustedIn(e.value);
    }
    return undefined;
  };
}

/** Scalars of a node (strings only) with their nodes. */
export function isExpressionOnly(s: string): boolean {
  return /^\s*\$\{\{[\s\S]*\}\}\s*$/.test(s);
}

export function hasExpression(s: string | undefined): boolean {
  return !!s && s.includes('${{');
}

/** Source lines of a scalar (raw text), with their start offsets: for line-based script checks. */
export function sourceLines(text: string, node: DataNode): { line: string; start: number }[] {
  if (!isScalar(node)) return [];
  const out: { line: string; start: number }[] = [];
  let pos = node.start;
  for (const line of text.slice(node.start, node.end).split('\n')) {
    out.push({ line, start: pos });
    pos += line.length + 1;
  }
  return out;
}

/**
 * The `runs-on` labels of a job (lower-case). A `runs-on: ${{ matrix.NAME }}` gives every label the
 * static matrix can put there (`matrix` says which dimension); other expressions give none.
 */
export function runnerLabels(job: Job): { labels: string[]; node: DataNode; matrix?: string } | undefined {
  const r = get(job.node, 'runs-on');
  if (!r) return undefined;
  const collect = (n: DataNode | undefined): string[] => {
    if (isScalar(n) && typeof n.value === 'string') return [n.value.toLowerCase()];
    if (isSeq(n)) return n.items.flatMap(collect);
    return [];
  };
  if (isMap(r)) return { labels: collect(get(r, 'labels')), node: get(r, 'labels') ?? r };
  const dim = matrixDimension(r);
  if (dim) return { labels: matrixValues(job, dim).flatMap(collect), node: r, matrix: dim };
  return { labels: collect(r), node: r };
}

/** The dimension a value that is exactly `${{ matrix.NAME }}` names (then read through `matrixValues`). */
export function matrixDimension(n: DataNode | undefined): string | undefined {
  return isScalar(n) && typeof n.value === 'string' ? /^\s*\$\{\{\s*matrix\.([\w-]+)\s*\}\}\s*$/.exec(n.value)?.[1] : undefined;
}

/**
 * The values a static matrix gives `matrix.NAME`: the dimension's entries and the `include` entries'
 * values, without those an `exclude` entry naming only that dimension removes. Each value is a node
 * (a scalar, a list or a map). Empty when the matrix itself comes from an expression.
 */
export function matrixValues(job: Job, name: string): DataNode[] {
  const matrix = get(get(job.node, 'strategy'), 'matrix');
  if (!isMap(matrix)) return [];
  const text = (n: DataNode | undefined): string => (isScalar(n) ? String(n.value).toLowerCase() : isSeq(n) ? n.items.map(text).join('\n') : '');
  const out: DataNode[] = [];
  const dimension = get(matrix, name);
  if (isSeq(dimension)) out.push(...dimension.items);
  for (const inc of items(get(matrix, 'include'))) {
    const v = isMap(inc) ? get(inc, name) : undefined;
    if (v) out.push(v);
  }
  const excluded = new Set(
    items(get(matrix, 'exclude'))
      .filter((e): e is DataMap => isMap(e) && e.entries.length === 1 && String(e.entries[0].key.value) === name)
      .map((e) => text(e.entries[0].value)),
  );
  return out.filter((v) => !excluded.has(text(v)));
}
