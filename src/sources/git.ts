import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { UsageError } from '../errors.js';

function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
}

/**
 * Files changed since a git ref (committed, staged, unstaged and untracked), as paths relative to
 * `base` with POSIX separators.
 */
export function changedFilesSince(base: string, ref: string): Set<string> {
  if (ref.startsWith('-')) throw new UsageError(`--changed-since: "${ref}" is not a git ref`);
  let top: string;
  try {
    top = git(base, ['rev-parse', '--show-toplevel']).trim();
  } catch {
    throw new UsageError(`--changed-since needs a git repository, and ${base} is not in one`);
  }
  try {
    git(base, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  } catch {
    throw new UsageError(`--changed-since: unknown git ref "${ref}"`);
  }
  const changed = git(top, ['diff', '--name-only', '-z', '--no-renames', '--diff-filter=ACMRT', ref, '--']).split('\0');
  const untracked = git(top, ['ls-files', '--others', '--exclude-standard', '-z']).split('\0');
  const out = new Set<string>();
  for (const p of [...changed, ...untracked]) {
    if (!p) continue;
    const rel = path.relative(base, path.join(top, p));
    if (!rel.startsWith('..')) out.add(rel.split(path.sep).join('/'));
  }
  return out;
}
