import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Finding } from '../model/finding.js';
import { implementPack } from '../packs/catalogue.js';
import type { Pack } from '../model/rule.js';
import { UsageError } from '../errors.js';
import { checkFile, type RuleRun } from '../engine/file-check.js';
import { sourceFromText } from '../engine/source-file.js';
import { detachedProject } from '../engine/project.js';

/** Most commits `--git-history` reads (newest first). */
export const MAX_HISTORY_COMMITS = 1000;
/** Added lines longer than this (minified bundles) are not scanned. */
const MAX_LINE = 10_000;

export interface AddedLines {
  commit: string;
  path: string;
  /** 1-based line numbers in the file as of that commit, with the line's text. */
  lines: { line: number; text: string }[];
}

/**
 * Stream the lines each commit added (`git log -p -U0`), newest commit first, one file at a time.
 * Memory stays bounded by the largest single file diff.
 */
export async function* addedLines(cwd: string, range: string | undefined, maxCommits = MAX_HISTORY_COMMITS): AsyncGenerator<AddedLines> {
  if (range?.startsWith('-')) throw new UsageError(`--git-history: "${range}" is not a revision range`);
  const args = ['log', '--no-color', '--no-merges', '--no-renames', '-p', '-U0', '--format=commit %H', `--max-count=${maxCommits}`, ...(range ? [range] : []), '--'];
  const child = spawn('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 1)));
  let commit = '';
  let current: AddedLines | undefined;
  let next = 0;
  const rl = createInterface({ input: child.stdout, crlfDelay: Infinity });
  for await (const raw of rl) {
    if (raw.startsWith('commit ') && /^commit [0-9a-f]{40}$/.test(raw)) {
      if (current?.lines.length) yield current;
      current = undefined;
      commit = raw.slice(7);
    } else if (raw.startsWith('diff --git ')) {
      if (current?.lines.length) yield current;
      current = undefined;
    } else if (raw.startsWith('+++ ')) {
      const p = raw.slice(4);
      current = p === '/dev/null' ? undefined : { commit, path: p.replace(/^b\//, ''), lines: [] };
    } else if (raw.startsWith('@@ ')) {
      const m = /\+(\d+)/.exec(raw);
      next = m ? Number(m[1]) : 1;
    } else if (current && raw.startsWith('+')) {
      if (raw.length <= MAX_LINE) current.lines.push({ line: next, text: raw.slice(1) });
      next++;
    }
  }
  if (current?.lines.length) yield current;
  const code = await exited;
  if (code !== 0) throw new UsageError(`--git-history: git log failed: ${stderr.split('\n')[0] || `exit ${code}`}`);
}

/**
 * Secrets in lines added by past commits: each file diff is checked by the rules that read any text
 * (the secrets pack's), findings point at the line in that commit's version of the file, and a secret
 * seen in several commits is reported once (its newest addition).
 */
export async function scanGitHistory(cwd: string, range: string | undefined, packs: Pack[], today: string): Promise<Finding[]> {
  const secrets = packs.filter((p) => p.name === 'secrets');
  for (const p of secrets) await implementPack(p);
  const runs: RuleRun[] = secrets
    .flatMap((p) => p.rules.filter((r) => r.meta.kinds.includes('text')).map((rule) => ({ rule, pack: p.name, severity: rule.meta.severity, options: { ...(rule.meta.defaultOptions ?? {}) } })));
  if (runs.length === 0) return [];
  const project = detachedProject(cwd);
  const seen = new Set<string>();
  const out: Finding[] = [];
  for await (const diff of addedLines(cwd, range)) {
    const file = sourceFromText(diff.path, diff.path, 'text', diff.lines.map((l) => l.text).join('\n'));
    const { findings } = await checkFile(file, { format: 'text' }, [], runs, project, today);
    for (const f of findings) {
      if (f.pack !== 'secrets' || seen.has(f.fingerprint)) continue;
      seen.add(f.fingerprint);
      const at = diff.lines[f.range.start.line - 1]?.line ?? f.range.start.line;
      const shift = at - f.range.start.line;
      out.push({
        ...f,
        message: `${f.message} (added in commit ${diff.commit.slice(0, 12)})`,
        range: { start: { line: at, column: f.range.start.column }, end: { line: f.range.end.line + shift, column: f.range.end.column } },
        properties: { ...f.properties, commit: diff.commit, history: true },
      });
    }
  }
  return out;
}
