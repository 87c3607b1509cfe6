import type { Rule } from '../../../src/model/rule.js';
import { get, isScalar, type DataMap } from '../../../src/parsers/data/tree.js';
import { actionRepo, envLookup, expressionsInRange, GHA_STANDARDS, sourceLines, stepEvents, stepHosts, steps, untrustedRefs, usesOf, type EnvLookup, type Job, type Workflow } from './workflow.js';

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
const NEWLINE_FREE_RHS = /^\s*(?:"?\$\{?\w+\}?"?|"?\$\{\{[^}]*\}\}"?|"?\$\(\s*echo\s+(?:-n\s+)?"?(?:\$\{?\w+\}?|\$\{\{[^}]*\}\})"?(?:\s*\|\s*(?:tr\s+(?:-[a-z]+\s+)?(?:'[^'\\\n]*'|"[^"\\\n$]*"|[^\s'"\\|)]+)(?:\s+(?:'[^'\\\n]*'|"[^"\\\n$]*"|[^\s'"\\|)]+))?|cut\s+[^|\\)]+|sed\s+(?:-e\s+)?'s([^'\\\w\s])[^'\\]*\1[^'\\]*\1g?'))*\s*\)"?)\s*$/;

/** The context paths a source description names (`$SLUG (= github.head_ref)` → github.head_ref). */
function contextsOf(source: string): string[] {
  return [...source.matchAll(/github\.[\w.*-]+/g)].map((m) => m[0].toLowerCase());
}

/** Attacker-controlled data on a line: the context it comes from, and the variable that carries it (as written). */
interface UntrustedSource {
  source: string;
  variable?: string;
  written?: string;
}

/**
 * Every untrusted source a piece of script text carries, in order: `${{ }}` expressions of
 * attacker-controlled context, then variables (`$NAME`, `${NAME}`, `$env:NAME`, `%NAME%`) bound to one
 * by `env:` or by an earlier assignment in the script.
 */
function untrustedAllIn(text: string, offset: number, line: string, env: EnvLookup, shellVar: (name: string) => string | null | undefined, events: ReadonlySet<string> | undefined): UntrustedSource[] {
  const out: UntrustedSource[] = [];
  for (const ex of expressionsInRange(text, offset, offset + line.length)) for (const bad of untrustedRefs(ex.body, env, events)) out.push({ source: bad });
  for (const m of line.matchAll(/\$env:([A-Za-z_]\w*)|\$\{?([A-Za-z_]\w*)\}?|%([A-Za-z_]\w*)%/gi)) {
    const name = m[1] ?? m[2] ?? m[3];
    if (/^GITHUB_(ENV|PATH)$/.test(name)) continue;
    // a variable the script assigned itself shadows the step's environment (null: assigned clean data)
    const local = shellVar(name);
    const via = local === undefined ? env(`env.${name}`) : local;
    if (via) out.push({ source: via, variable: name, written: m[0] });
  }
  return out;
}

/** The first untrusted source of the text, described for a message (`$TITLE (= github.event.issue.title)`). */
function untrustedIn(text: string, offset: number, line: string, env: EnvLookup, shellVar: (name: string) => string | null | undefined, events: ReadonlySet<string> | undefined): string | undefined {
  const first = untrustedAllIn(text, offset, line, env, shellVar, events)[0];
  return first && (first.written ? `${first.written} (= ${first.source})` : first.source);
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
      'Lines appended to `$GITHUB_ENV` become environment variables of every later step, and `$GITHUB_PATH` entries decide which programs they run. When the written text comes from an issue or pull request title, a branch name or a downloaded artifact, a newline lets the attacker set `LD_PRELOAD`, `NODE_OPTIONS`, `BASH_ENV` or a PATH directory of their own and run code with the job\'s token and secrets. The text is followed through `env:` variables and through shell variables the script assigns from them (`msg=$(echo "$TITLE" | …)`); a value passed through a `tr -d`/`tr -cd` character filter is taken as sanitised. A branch name (`github.head_ref`, `pull_request.head.ref`, `workflow_run.head_branch`) cannot hold a newline (git forbids control characters in ref names), so writing one after a fixed name (`echo "BRANCH=$BRANCH" >> $GITHUB_ENV`) is not reported when it arrives unchanged or through tr, cut or a sed substitution without backslashes; written as the whole line, through other commands, or to `$GITHUB_PATH`, it still is. A composite action\'s steps (`action.yml`) are checked the same way, with every attacker-controlled context counted (the action runs on its caller\'s event).',
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
    equivalents: { zizmor: ['github-env'], octoscan: ['dangerous-write'] },
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
        const run = get(step, 'run');
        if (!run) continue;
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
          const found = untrustedAllIn(text, offset, line, env, shellVar, events);
          return found.length > 0 && found.every(({ source, variable }) => {
            const paths = contextsOf(source);
            if (paths.length === 0 || !paths.every((p) => REF_NAME_CONTEXTS.has(p))) return false;
            if (variable === undefined) return true;
            if (assigned.has(variable)) return newlineFree.has(variable);
            return /^\s*\$\{\{\s*[\w.*-]+\s*\}\}\s*$/.test(envValue(wf, job, step, variable) ?? '');
          });
        };
        for (const l of sourceLines(text, run)) {
          const a = ASSIGNMENT.exec(l.line);
          if (a) {
            const source = SANITISED.test(a[2]) ? undefined : untrustedIn(text, l.start + a.index + a[0].length - a[2].length, a[2], env, shellVar, events);
            assigned.set(a[1], source ? (/\(= ([^()]+)\)+$/.exec(source)?.[1] ?? source) : null);
            const rhsStart = l.start + a.index + a[0].length - a[2].length;
            if (source && NEWLINE_FREE_RHS.test(a[2]) && refNamesOnly(a[2], rhsStart)) newlineFree.add(a[1]);
            else newlineFree.delete(a[1]);
          }
          const w = ENV_FILE.exec(l.line);
          if (!w) continue;
          const file = `$GITHUB_${(w[3] ?? w[4] ?? w[5] ?? 'ENV').toUpperCase()}`;
          const context = untrustedIn(text, l.start, l.line, env, shellVar, events);
          const start = l.start + (l.line.length - l.line.trimStart().length);
          // a ref name after a fixed `NAME=` sets that one variable: nothing to inject
          // (one command only: `echo "A=1" && echo "$BRANCH" >> …` writes the branch as a whole line)
          if (context && file === '$GITHUB_ENV' && FIXED_NAME_WRITE.test(l.line) && !/&&|\|\||;|\n/.test(l.line.slice(0, w.index)) && refNamesOnly(l.line, l.start)) continue;
          if (context) {
            ctx.report({ messageId: 'untrusted', offsets: [start, l.start + l.line.length], data: { context, file } });
          } else if (downloaded && wf.triggers.has('workflow_run') && FILE_READ.test(l.line)) {
            ctx.report({ messageId: 'artifact', offsets: [start, l.start + l.line.length], data: { file } });
          }
        }
      }
    }
  },
};
export default rule;
