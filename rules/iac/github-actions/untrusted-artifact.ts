import type { Rule, RuleContext } from '../../../src/model/rule.js';
import { get, isMap, str, items, isScalar, type DataMap, type DataNode } from '../../../src/parsers/data/tree.js';
import { actionRepo, EXTERNAL_TRIGGERS, GHA_STANDARDS, HARDENING, jobs, sourceLines, steps, triggerNames, usesOf, workflows } from './workflow.js';

/** A root-relative destination: the workspace itself (where the checkout, package.json, Makefile and local actions are). */
const WORKSPACE_ROOT = /^(\.?\/?|\$\{\{\s*github\.workspace\s*\}\}\/?|\$GITHUB_WORKSPACE\/?|\$\{GITHUB_WORKSPACE\}\/?)$/;

/** Commands that execute code or build scripts found in the current directory. */
const EXECUTES = /(?:^|[;&|]\s*|\bthen\s+|\bdo\s+)(\.\/[\w./-]+|(?:ba|z)?sh\s+(?!-c\b)[\w./-]+|source\s+\S+|\.\s+\.?\/\S+|python3?\s+[\w./-]+\.py\b|node\s+[\w./-]+\.[cm]?[jt]s\b|npm\s+(?:ci|install|i|run|test|start|exec)\b|yarn(?:\s+(?:install|run|build|test)\b|\s*$)|pnpm\s+(?:install|i|run|test|build)\b|npx\s+\S+|make\b|mvn\s|\.\/gradlew\b|gradle\s|pip3?\s+install\s+(?:-r|-e|\.)|go\s+(?:run|build|test|generate)\b|cargo\s+(?:build|run|test)\b|bundle\s+(?:install|exec)\b|composer\s+install\b|docker\s+build\b)/;

/**
 * A job condition that admits only runs of the base repository's own code: the triggering run's
 * head repository is this one, or its event is one a fork cannot cause (push, schedule, manual).
 * (`github.repository == 'org/repo'` and `head_branch == 'main'` are no guard: a workflow_run job
 * always runs in the base repository, and a fork can name its branch main.)
 */
const TRUSTED_RUN_ONLY = /workflow_run\.head_repository\.full_name\s*==\s*github\.repository\b|github\.repository\s*==\s*github\.event\.workflow_run\.head_repository\.full_name|workflow_run\.event\s*==\s*'(push|schedule|workflow_dispatch|release|merge_group)'/;

interface Landing {
  /** Index of the step after which the artifact's files sit in the workspace root (or in `dir`). */
  step: number;
  node: DataNode;
  how: string;
  /** A workspace folder the files land in instead of the root (`path: foo`, `unzip -d foo`): only commands run from it count. */
  dir?: string;
}

/** A plain workspace-relative folder (`foo`, `./out/pr`), normalised without `./` and trailing `/`; undefined for anything else. */
function plainDir(path: string): string | undefined {
  const p = path.trim().replace(/^["']|["']$/g, '').replace(/^\.\//, '').replace(/\/+$/, '');
  return /^[\w-][\w.-]*(?:\/[\w-][\w.-]*)*$/.test(p) ? p : undefined;
}

/** Where a download or unzip destination puts the files: the root, a plain folder, or nowhere we follow (undefined). */
function landingPlace(path: string | undefined): { dir?: string } | undefined {
  if (path === undefined || WORKSPACE_ROOT.test(path.trim())) return {};
  const dir = plainDir(path);
  return dir ? { dir } : undefined;
}

/** The workflows of the scan by name (`name:`, else the file path and file name) with the events that start them. */
function workflowTriggers(ctx: RuleContext): Promise<Map<string, Set<string>>> {
  return ctx.project.memo('gha:workflow-triggers-by-name', async () => {
    const out = new Map<string, Set<string>>();
    for (const f of ctx.project.files) {
      if (f.kind !== 'github-workflow') continue;
      const loaded = await ctx.project.load(f.path);
      const root = loaded?.document.format === 'data' ? loaded.document.roots[0] : undefined;
      if (!isMap(root)) continue;
      const on = root.entries.find((e) => e.key.value === 'on' || e.key.value === true)?.value;
      const triggers = triggerNames(on);
      const rel = f.path.slice(f.path.indexOf('.github/'));
      for (const key of [str(get(root, 'name'))?.trim(), rel, f.path.split('/').pop()]) if (key) out.set(key, triggers);
    }
    return out;
  });
}

/** Where a step puts artifacts of another run: a download action, github-script's downloadArtifact, `gh run download`, and a later `unzip`. */
function landings(text: string, all: DataMap[]): Landing[] {
  const out: Landing[] = [];
  let crossRun = false;
  all.forEach((step, i) => {
    const uses = usesOf(step);
    const repo = uses ? actionRepo(uses) : undefined;
    const withs = get(step, 'with');
    const path = str(get(withs, 'path'))?.trim();
    if (repo === 'actions/download-artifact' && (get(withs, 'run-id') !== undefined || get(withs, 'github-token') !== undefined)) {
      crossRun = true;
      const place = landingPlace(path);
      if (place) out.push({ step: i, node: get(step, 'uses')!, how: `${uses!.split('@')[0]} with run-id`, ...place });
      return;
    }
    if (repo === 'dawidd6/action-download-artifact') {
      crossRun = true;
      const place = landingPlace(path);
      if (place) out.push({ step: i, node: get(step, 'uses')!, how: uses!.split('@')[0], ...place });
      return;
    }
    if (repo === 'actions/github-script' && /\bdownloadArtifact\s*\(/.test(str(get(withs, 'script')) ?? '')) {
      crossRun = true;
      return;
    }
    const run = get(step, 'run');
    if (!run || get(step, 'working-directory') !== undefined) return;
    for (const l of sourceLines(text, run)) {
      // archives fetched through the REST API (`gh api "$artifacts_url"`, `archive_download_url`)
      if (/workflow_run\.artifacts_url\b|\barchive_download_url\b/.test(l.line)) crossRun = true;
      const gh = /\bgh\s+run\s+download\b[^\n]*/.exec(l.line);
      if (gh) {
        crossRun = true;
        const dir = /\s(?:--dir|-D)[=\s]+("[^"]*"|'[^']*'|\S+)/.exec(gh[0])?.[1]?.replace(/^["']|["']$/g, '');
        const place = landingPlace(dir);
        if (place) out.push({ step: i, node: run, how: 'gh run download', ...place });
        continue;
      }
      const unzip = /\bunzip\s[^\n;&|]*/.exec(l.line);
      if (crossRun && unzip) {
        const dir = /\s-d\s+("[^"]*"|'[^']*'|\S+)/.exec(unzip[0])?.[1]?.replace(/^["']|["']$/g, '');
        const place = landingPlace(dir);
        if (place) out.push({ step: i, node: run, how: 'unzip', ...place });
      }
    }
  });
  return out;
}

/**
 * A command on the line that runs a file inside `dir` (`./foo/cmd`, `foo/cmd`, `sh foo/cmd`,
 * `python foo/x.py`), at a command position; paths that climb out with `..` do not count.
 */
function runsFrom(line: string, dir: string): string | undefined {
  const d = dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(String.raw`(?:^|[;&|]\s*|\bthen\s+|\bdo\s+)((?:(?:ba|z)?sh|source|\.|python3?|node|perl|ruby|php)\s+)?["']?(?:\./)?${d}/([\w./-]+)`);
  const m = re.exec(line.trim());
  if (!m || m[2].split('/').includes('..')) return undefined;
  return m[0].replace(/^[;&|\s]+|^(?:then|do)\s+/, '').replace(/["']/g, '');
}

/**
 * The first later step that runs code from the workspace: a local action, or a command such as
 * `npm ci` or `./build.sh`; with `dir`, only a local action or a command run from that folder.
 */
function firstExecution(text: string, all: DataMap[], after: number, sameStep?: DataNode, dir?: string): { index: number; command: string } | undefined {
  for (let j = after; j < all.length; j++) {
    const step = all[j];
    const uses = usesOf(step);
    if (j > after && uses?.startsWith('./') && (!dir || uses.replace(/^\.\//, '').startsWith(`${dir}/`))) return { index: j, command: `uses: ${uses}` };
    const run = get(step, 'run');
    if (!run || (j === after && run !== sameStep)) continue;
    const lines = sourceLines(text, run);
    // in the landing step itself, only commands after the download or unzip line count
    const from = j === after ? lines.findIndex((l) => /\b(gh\s+run\s+download|unzip)\b/.test(l.line)) + 1 : 0;
    for (const l of lines.slice(from)) {
      if (dir) {
        const command = runsFrom(l.line, dir);
        if (command) return { index: j, command };
        continue;
      }
      const m = EXECUTES.exec(l.line.trim());
      if (m) return { index: j, command: m[1].trim() };
    }
  }
  return undefined;
}

const rule: Rule = {
  meta: {
    id: 'iac/gha-untrusted-artifact',
    title: 'Privileged workflow runs code from a pull request\'s artifacts',
    description:
      'A `workflow_run` workflow runs in the base repository with its secrets and, usually, a write token, after another workflow finishes. When that workflow can be started by a pull request from a fork (`pull_request` and similar triggers), the artifacts it uploaded were produced by the contributor\'s code, so their content is attacker-controlled. Downloading them into the workspace (the default path of `actions/download-artifact` with `run-id`, `dawidd6/action-download-artifact`, `gh run download`, or `unzip` of an archive fetched with github-script) lets them replace the checkout\'s files, and a later build or script (`npm ci`, `make`, `./deploy.sh`, a local action) then runs them with the privileged token ("artifact poisoning"). Extracting them into a folder of the workspace (`path: foo`, `unzip -d foo`) and then running a file from that folder (`./foo/cmd`, `sh foo/cmd`, `python foo/x.py`) executes the contributor\'s file directly. Archives fetched through the REST API (`gh api` on `workflow_run.artifacts_url` or an `archive_download_url`) count as downloads too. Reported only when the triggering workflow is in the scan and an outside contributor can start it, the files land in the workspace root (or in a folder a later command runs a file from), and a later step of the same job executes something there; jobs limited to runs of the base repository\'s own code (`github.event.workflow_run.head_repository.full_name == github.repository`, or `github.event.workflow_run.event == \'push\'`) are not reported; `github.repository == \'org/repo\'` and `head_branch == \'main\'` are no such limit (a fork can name its branch main).',
    severity: 'high',
    kinds: ['github-workflow'],
    messages: {
      poisoned:
        'Job "{{job}}" extracts artifacts of the triggering run ({{workflows}}, which pull requests from forks can start) into the workspace with `{{how}}`, then runs `{{command}}` there: files the contributor\'s code produced can replace the checkout\'s and run with this workflow\'s secrets and token. Download into `${{ runner.temp }}`, treat the content as data (validate it, never execute it), or gate the job on the base repository.',
      executed:
        'Job "{{job}}" extracts artifacts of the triggering run ({{workflows}}, which pull requests from forks can start) into `{{dir}}` with `{{how}}`, then runs `{{command}}` from that folder: the contributor\'s code produced that file, and it runs with this workflow\'s secrets and token. Treat artifact content as data (validate it, never execute it), or gate the job on the base repository.',
    },
    remediation:
      'Download artifacts of untrusted runs into a folder outside the workspace (`path: ${{ runner.temp }}/artifacts`), read them only as data (numbers, a report to post), validate what you read, and never run scripts, builds or package installs on them in the privileged workflow. Gate deployments on `github.event.workflow_run.head_repository.full_name == github.repository`.',
    references: [
      'https://securitylab.github.com/resources/github-actions-preventing-pwn-requests/',
      'https://docs.github.com/en/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows#workflow_run',
      `${HARDENING}#using-third-party-actions`,
      'https://codeql.github.com/codeql-query-help/actions/actions-artifact-poisoning-critical/',
    ],
    standards: { ...GHA_STANDARDS, caf: ['A4', 'B4'], cwe: ['CWE-829', 'CWE-494'] },
    equivalents: { octoscan: ['dangerous-artefact'], codeql: ['actions/artifact-poisoning/critical', 'actions/artifact-poisoning/medium'] },
    security: true,
    since: '0.1.0',
  },
  async check(ctx) {
    const text = ctx.file.text;
    for (const wf of workflows(ctx)) {
      if (!wf.triggers.has('workflow_run')) continue;
      const on = wf.on?.value;
      const names = items(get(get(on, 'workflow_run'), 'workflows')).filter(isScalar).map((n) => String(n.value).trim());
      if (!names.length) continue;
      const known = await workflowTriggers(ctx);
      const untrusted = names.filter((n) => [...(known.get(n) ?? [])].some((t) => EXTERNAL_TRIGGERS.has(t)));
      if (!untrusted.length) continue;
      for (const job of jobs(wf)) {
        const cond = str(get(job.node, 'if')) ?? '';
        if (TRUSTED_RUN_ONLY.test(cond) && !/\|\|/.test(cond)) continue;
        const all = steps(job);
        for (const landing of landings(text, all)) {
          const exec = firstExecution(text, all, landing.step, get(all[landing.step], 'run'), landing.dir);
          if (!exec) continue;
          ctx.report({
            messageId: landing.dir ? 'executed' : 'poisoned',
            offsets: [landing.node.start, landing.node.end],
            data: { job: job.id, workflows: untrusted.join(', '), how: landing.how, command: exec.command, ...(landing.dir ? { dir: landing.dir } : {}) },
          });
          break;
        }
      }
    }
  },
};
export default rule;
