import type { Rule } from '../../../src/model/rule.js';
import { get, isScalar, str, type DataMap } from '../../../src/parsers/data/tree.js';
import { actionRepo, envLookup, stepFixed, expressionsInRange, GHA_STANDARDS, sourceLines, stepEvents, stepHosts, steps, untrustedRefs, usesOf, type EnvLookup, type Job, type Workflow } from './workflow.js';

const ENV_FILE = /(>>?|\|\s*tee\s+(?:-a\s+)?|Out-File\b[^\n]*|Add-Content\b[^\n]*)\s*["']?(\$\{?GITHUB_(ENV|PATH)\}?|\$env:GITHUB_(ENV|PATH)|%GITHUB_(ENV|PATH)%)/i;
const FILE_READ = /\$\(\s*(cat|<)\s|\bcat\s+\S+\s*>>|<\s*\S+\s*>>|\bjq\b|\bunzip\b/;
const DOWNLOAD_ARTIFACT = new Set(['actions/download-artifact', 'dawidd6/action-download-artifact']);

/** A shell variable assignment (`NAME=…`, `export NAME=…`); group 2 is the assigned text. */
const ASSIGNMENT = /^\s*(?:export\s+|local\s+|readonly\s+|declare\s+(?:-\w+\s+)?)?([A-Za-z_]\w*)=(.*)$/;
/** A value passed through a character filter (`tr -d`/`tr -cd`), which is how scripts strip newlines. */
const SANITISED = /\btr\s+-(?:c?d|dc)\b/;

/**
 * Contexts that hold a git ref name (a branch, or `owner:branch`). git check-ref-format forbids
 * control characters in ref names, so these never hold a newline: written after a fixed `NAME=` they
 * set that one variable and cannot start another line of the environment file.
 */
const REF_NAME_CONTEXTS = new Set([
  'github.head_ref',
  'github.event.pull_request.head.ref',
  'github.event.pull_request.head.label',
  'github.event.pull_request.head.repo.default_branch',
  'github.event.workflow_run.head_branch',
  'github.event.workflow_run.pull_requests.*.head.ref',
  'github.event.check_suite.head_branch',
  'github.event.check_run.check_suite.head_branch',
]);

/** `echo "NAME=…"`/`printf 'NAME=…'`: the line names the variable itself, before any data. */
const FIXED_NAME_WRITE = /^\s*(?:echo|printf)\s+(?:-[A-Za-z]+\s+)*["']?[A-Za-z_]\w*=/;

/**
 * A shell assignment that passes a value on without adding line breaks: the value itself, or
 * `$(echo "$V" | …)` through tr, cut or a sed substitution, none with a backslash (which `\n` needs).
 */
const NEWLINE_FREE_RHS = /^\s*(?:"?\$\{?\w+\}?"?|"?\$\{\{[^}]*\}\}"?|"?\$\(\s*echo\s+(?:-n\s+)?"?(?:\$\{?\w+\}?|\$\{\{[^}]*\}\})"?(?:\s*\|\s*(?:tr\s+(?:-[a-z]+\s+)?(?:'[^'\\\n]*'|"[^"\\\n$]*"|[^\s'"\\|)]+)(?:\s+(?:'[^'\\\n]*'|"[^"\\\n$]*"|[^\s'"\\|)]+))?|cut(?:\s+[^|\\)\s]+)+|sed\s+(?:-e\s+)?'s([^'\\\w\s])(?:(?!\1)[^'\\])*\1(?:(?!\1)[^'\\])*\1g?'))*\s*\)"?)\s*$/;

/** The context paths a source description names (`$SLUG (= github.head_ref)` → github.head_ref). */
function contextsOf(source: string): string[] {
  return [...source.matchAll(/github\.[\w.*-]+/g)].map((m) => m[0].toLowerCase());
}

/** Attacker-controlled data on a line: the context it comes from, and the variable that carries it (as written). */
interface UntrustedSource {
  source: string;
  variable?: string;
  written?: string;
  /** Where it appears, as an offset into the line. */
  at: number;
}

/**
 * Every untrusted source a piece of script text carries, in order: `${{ }}` expressions of
 * attacker-controlled context, then variables (`$NAME`, `${NAME}`, `$env:NAME`, `%NAME%`) bound to one
 * by `env:` or by an earlier assignment in the script.
 */
function untrustedAllIn(text: string, offset: number, line: string, env: EnvLookup, shellVar: (name: string) => string | null | undefined, events: ReadonlySet<string> | undefined, fixed?: ReadonlySet<string>): UntrustedSource[] {
  const out: UntrustedSource[] = [];
  for (const ex of expressionsInRange(text, offset, offset + line.length)) for (const bad of untrustedRefs(ex.body, env, events, fixed)) out.push({ source: bad, at: ex.start - offset });
  for (const m of line.matchAll(/\$env:([A-Za-z_]\w*)|\$\{?([A-Za-z_]\w*)\}?|%([A-Za-z_]\w*)%/gi)) {
    const name = m[1] ?? m[2] ?? m[3];
    if (/^GITHUB_(ENV|PATH)$/.test(name)) continue;
    // a variable the script assigned itself shadows the step's environment (null: assigned clean data)
    const local = shellVar(name);
    const via = local === undefined ? env(`env.${name}`) : local;
    if (via) out.push({ source: via, variable: name, written: m[0], at: m.index });
  }
  return out;
}

/** An untrusted source described for a message (`$TITLE (= github.event.issue.title)`). */
function describe(found: UntrustedSource | undefined): string | undefined {
  return found && (found.written ? `${found.written} (= ${found.source})` : found.source);
}

/** The first untrusted source of the text, described for a message. */
function untrustedIn(text: string, offset: number, line: string, env: EnvLookup, shellVar: (name: string) => string | null | undefined, events: ReadonlySet<string> | undefined, fixed?: ReadonlySet<string>): string | undefined {
  return describe(untrustedAllIn(text, offset, line, env, shellVar, events, fixed)[0]);
}

/**
 * The last stage of a pipeline that leaves at most one line: `tr -d` of a set holding `\n`, `tr '\n' X`,
 * `tr -cd` of a set without `\n`, `[:space:]` or `[:cntrl:]`, `head -n 1`, `tail -n 1`. The runner
 * splits environment files on `\n` only, so such output cannot start another variable.
 */
const ONE_LINE_FILTER = /\|\s*(?:tr\s+-d\s+(['"])[^'"]*\\n[^'"]*\1|tr\s+(['"])\\n\2\s+(?:'[^']*'|"[^"]*"|[^\s'")]+)|tr\s+-(?:cd|dc)\s+(['"])(?:(?!\\n|\[:space:\]|\[:cntrl:\])[^'"])*\3|head\s+(?:-n\s*1|-1)|tail\s+(?:-n\s*1|-1))\s*$/;

/** Spans (offsets into the line) of `$( … )` command substitutions whose output is one line (`ONE_LINE_FILTER`). */
function oneLineSubstitutions(line: string): [number, number][] {
  const out: [number, number][] = [];
  let i = 0;
  while ((i = line.indexOf('$(', i)) >= 0) {
    let depth = 0;
    let end = -1;
    for (let k = i + 1; k < line.length; k++) {
      if (line[k] === '(') depth++;
      else if (line[k] === ')' && --depth === 0) {
        end = k;
        break;
      }
    }
    if (end < 0) break;
    if (ONE_LINE_FILTER.test(line.slice(i + 2, end))) out.push([i, end + 1]);
    i = end + 1;
  }
  return out;
}

/** Lines a multi-line write sends to an environment file, by index: the body of `{ … } >> $GITHUB_ENV` or of `cat <<EOF >> $GITHUB_ENV`. */
interface Redirected {
  file: string;
  kind: 'group' | 'heredoc';
  /** False for a heredoc with a quoted delimiter (`<<'EOF'`): the shell expands no variable in it (GitHub still expands `${{ }}`). */
  expands: boolean;
}

const GROUP_WRITE = /^\s*\}\s*>>?\s*["']?\$\{?GITHUB_(ENV|PATH)\}?/;
const HEREDOC = /<<(-?)\s*(['"]?)([A-Za-z_]\w*)\2/;

function redirectedLines(lines: { line: string }[]): Map<number, Redirected> {
  const out = new Map<number, Redirected>();
  lines.forEach((l, i) => {
    const group = GROUP_WRITE.exec(l.line);
    if (group) {
      for (let k = i - 1; k >= 0; k--) {
        if (/^\s*\{\s*$/.test(lines[k].line)) {
          for (let j = k + 1; j < i; j++) out.set(j, { file: `$GITHUB_${group[1]}`, kind: 'group', expands: true });
          break;
        }
        if (/^\s*[{}]/.test(lines[k].line)) break;
      }
    }
    const w = ENV_FILE.exec(l.line);
    const h = HEREDOC.exec(l.line);
    if (w && h) {
      const file = `$GITHUB_${(w[3] ?? w[4] ?? w[5] ?? 'ENV').toUpperCase()}`;
      for (let j = i + 1; j < lines.length && lines[j].line.trim() !== h[3]; j++) out.set(j, { file, kind: 'heredoc', expands: !h[2] });
    }
  });
  return out;
}

/** The `env:` value a step sees for NAME (step, then job, then workflow), as written. */
function envValue(wf: Workflow, job: Job, step: DataMap, name: string): string | undefined {
  for (const map of [get(step, 'env'), get(job.node, 'env'), get(wf.root, 'env')]) {
    const v = get(map, name);
    if (v) return isScalar(v) && typeof v.value === 'string' ? v.value : undefined;
  }
  return undefined;
}

/** Untrusted data written into $GITHUB_ENV or $GITHUB_PATH, which configure every later step. */
const rule: Rule = {
  meta: {
    id: 'iac/gha-github-env-injection',
    title: 'Untrusted input written to GITHUB_ENV or GITHUB_PATH',
    description:
      'Lines appended to `$GITHUB_ENV` become environment variables of every later step, and `$GITHUB_PATH` entries decide which programs they run. When the written text comes from an issue or pull request title, a branch name or a downloaded artifact, a newline lets the attacker set `LD_PRELOAD`, `NODE_OPTIONS`, `BASH_ENV` or a PATH directory of their own and run code with the job\'s token and secrets. The text is followed through `env:` variables and through shell variables the script assigns from them (`msg=$(echo "$TITLE" | …)`); a value passed through a `tr -d`/`tr -cd` character filter is taken as sanitised. Multi-line writes are read too: each line of a `{ … } >> "$GITHUB_ENV"` group and of a `cat <<EOF >> "$GITHUB_ENV"` heredoc (with a quoted delimiter, `<<\'EOF\'`, only `${{ }}` expands). Text passed through a command substitution that leaves one line (`$(cat f | tr -d \'\\n\')`, `tr \'\\n\' \' \'`, `tr -cd` of a set without newline, `head -n 1`, `tail -n 1`) cannot start another variable (the runner splits the file on `\\n`) and is not reported. In a `workflow_run` job, file content written after an artifact download (`actions/download-artifact`, `dawidd6/action-download-artifact`, github-script\'s `downloadArtifact`, `gh run download`) is reported as artifact data. A branch name (`github.head_ref`, `pull_request.head.ref`, `workflow_run.head_branch`) cannot hold a newline (git forbids control characters in ref names), so writing one after a fixed name (`echo "BRANCH=$BRANCH" >> $GITHUB_ENV`) is not reported when it arrives unchanged or through tr, cut or a sed substitution without backslashes; written as the whole line, through other commands, or to `$GITHUB_PATH`, it still is. A composite action\'s steps (`action.yml`) are checked the same way, with every attacker-controlled context counted (the action runs on its caller\'s event).',
    severity: 'high',
    kinds: ['github-workflow', 'github-action'],
    messages: {
      untrusted: 'This line writes attacker-controlled `{{context}}` to `{{file}}`, which sets the environment of every later step (newlines inject `LD_PRELOAD`/`NODE_OPTIONS`); validate the value against a strict pattern first or keep it in a step-local variable.',
      artifact: 'This `workflow_run` job writes the content of a downloaded artifact (built from untrusted pull request code) to `{{file}}`; treat artifact data as untrusted: validate it against a strict pattern and never write it to the environment files.',
    },
    remediation: 'Do not write untrusted data to `$GITHUB_ENV`/`$GITHUB_PATH`. If a value must be passed on, validate it (e.g. `[[ "$V" =~ ^[0-9]+$ ]]`) and use step outputs instead.',
    references: [
      'https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/workflow-commands-for-github-actions#setting-an-environment-variable',
      'https://docs.zizmor.sh/audits/#github-env',
      'https://www.legitsecurity.com/blog/github-privilege-escalation-vulnerability',
    ],
    standards: { ...GHA_STANDARDS, cwe: ['CWE-94', 'CWE-454'] },
    equivalents: { zizmor: ['github-env'], octoscan: ['dangerous-write'], codeql: ['actions/envvar-injection/critical', 'actions/envvar-injection/medium', 'actions/envpath-injection/critical', 'actions/envpath-injection/medium'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    const text = ctx.file.text;
    for (const { wf, job } of stepHosts(ctx)) {
      let downloaded = false;
      for (const step of steps(job)) {
        const uses = usesOf(step);
        if (uses && DOWNLOAD_ARTIFACT.has(actionRepo(uses) ?? '')) downloaded = true;
        // artifacts fetched by github-script or the gh CLI
        if (uses && actionRepo(uses) === 'actions/github-script' && /\bdownloadArtifact\s*\(/.test(str(get(get(step, 'with'), 'script')) ?? '')) downloaded = true;
        const run = get(step, 'run');
        if (!run) continue;
        if (/\bgh\s+run\s+download\b/.test(str(run) ?? '')) downloaded = true;
        const events = stepEvents(wf, job, step);
        const env = envLookup(text, wf, job, step, events);
        // shell variables this script fills from untrusted data (`msg=$(echo "$TITLE" | …)`), by name, with the context they hold
        const assigned = new Map<string, string | null>();
        // variables assigned so that no line break can come in (`slug=$(echo "$HEAD" | tr / -)`)
        const newlineFree = new Set<string>();
        const shellVar = (name: string) => assigned.get(name);
        /**
         * Only git ref names reach the line, each straight from the context, an `env:` value that is
         * just that expression, or a variable assigned without line breaks: no newline can come in.
         */
        const refNamesOnly = (line: string, offset: number): boolean => {
          const found = untrustedAllIn(text, offset, line, env, shellVar, events, stepFixed(wf, job, step));
          return found.length > 0 && found.every(({ source, variable }) => {
            const paths = contextsOf(source);
            if (paths.length === 0 || !paths.every((p) => REF_NAME_CONTEXTS.has(p))) return false;
            if (variable === undefined) return true;
            if (assigned.has(variable)) return newlineFree.has(variable);
            return /^\s*\$\{\{\s*[\w.*-]+\s*\}\}\s*$/.test(envValue(wf, job, step, variable) ?? '');
          });
        };
        const lines = sourceLines(text, run);
        const redirected = redirectedLines(lines);
        lines.forEach((l, i) => {
          const body = redirected.get(i);
          const a = body?.kind === 'heredoc' ? null : ASSIGNMENT.exec(l.line);
          if (a) {
            const source = SANITISED.test(a[2]) ? undefined : untrustedIn(text, l.start + a.index + a[0].length - a[2].length, a[2], env, shellVar, events, stepFixed(wf, job, step));
            assigned.set(a[1], source ? (/\(= ([^()]+)\)+$/.exec(source)?.[1] ?? source) : null);
            const rhsStart = l.start + a.index + a[0].length - a[2].length;
            if (source && NEWLINE_FREE_RHS.test(a[2]) && refNamesOnly(a[2], rhsStart)) newlineFree.add(a[1]);
            else newlineFree.delete(a[1]);
          }
          const w = ENV_FILE.exec(l.line);
          let file: string;
          // the line names its variable before any data (`echo "NAME=…" >> …`, or `NAME=…` in a heredoc body)
          let fixedName: boolean;
          if (w) {
            file = `$GITHUB_${(w[3] ?? w[4] ?? w[5] ?? 'ENV').toUpperCase()}`;
            // one command only: `echo "A=1" && echo "$BRANCH" >> …` writes the branch as a whole line
            fixedName = FIXED_NAME_WRITE.test(l.line) && !/&&|\|\||;|\n/.test(l.line.slice(0, w.index));
          } else if (body) {
            file = body.file;
            fixedName = body.kind === 'heredoc' ? /^\s*[A-Za-z_]\w*=/.test(l.line) : FIXED_NAME_WRITE.test(l.line) && !/&&|\|\||;/.test(l.line);
          } else return;
          // data passed through a one-line filter (`$(cat f | tr -d '\n')`) cannot start another line
          const oneLine = oneLineSubstitutions(l.line);
          const inOneLine = (at: number) => oneLine.some(([x, y]) => at >= x && at < y);
          let found = untrustedAllIn(text, l.start, l.line, env, shellVar, events, stepFixed(wf, job, step)).filter((f) => !inOneLine(f.at));
          if (body?.kind === 'heredoc' && !body.expands) found = found.filter((f) => f.variable === undefined);
          const context = describe(found[0]);
          const start = l.start + (l.line.length - l.line.trimStart().length);
          // a ref name after a fixed `NAME=` sets that one variable: nothing to inject
          if (context && file === '$GITHUB_ENV' && fixedName && refNamesOnly(l.line, l.start)) return;
          if (context) {
            ctx.report({ messageId: 'untrusted', offsets: [start, l.start + l.line.length], data: { context, file } });
            return;
          }
          if (!downloaded || !wf.triggers.has('workflow_run') || (w && HEREDOC.test(l.line))) return;
          let masked = l.line;
          for (const [x, y] of oneLine) masked = masked.slice(0, x) + ' '.repeat(y - x) + masked.slice(y);
          if (FILE_READ.test(masked) || (body?.kind === 'group' && /^\s*cat\s+[^\s|<>]/.test(masked))) {
            ctx.report({ messageId: 'artifact', offsets: [start, l.start + l.line.length], data: { file } });
          }
        });
      }
    }
  },
};
export default rule;
