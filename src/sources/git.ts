import { execFile } from 'node:child_process';
import path from 'node:path';
import { UsageError } from '../errors.js';

/** Run git; rejects with the child's exit code (`code`) and output when it fails. */
function git(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }, (error, stdout) => {
      if (error) reject(Object.assign(error, { stdout }));
      else resolve(stdout);
    });
  });
}

/**
 * Files changed since a git ref (committed, staged, unstaged and untracked), as paths relative to
 * `base` with POSIX separators.
 */
export async function changedFilesSince(base: string, ref: string): Promise<Set<string>> {
  if (ref.startsWith('-')) throw new UsageError(`--changed-since: "${ref}" is not a git ref`);
  let top: string;
  try {
    // one call finds the repository and checks the ref: outside a repository git exits 128 and
    // prints nothing; an unknown ref exits 1 after printing the top folder
    top = (await git(base, ['rev-parse', '--show-toplevel', '--verify', '--quiet', `${ref}^{commit}`])).split('\n')[0].trim();
  } catch (e) {
    const { code, stdout } = e as { code?: unknown; stdout?: string };
    if (code === 1 && stdout?.trim()) throw new UsageError(`--changed-since: unknown git ref "${ref}"`);
    throw new UsageError(`--changed-since needs a git repository, and ${base} is not in one`);
  }
  // independent: run side by side
  const [changed, untracked] = await Promise.all([
    git(top, ['diff', '--name-only', '-z', '--no-renames', '--diff-filter=ACMRT', ref, '--']),
    git(top, ['ls-files', '--others', '--exclude-standard', '-z']),
  ]);
  const out = new Set<string>();
  for (const p of [...changed.split('\0'), ...untracked.split('\0')]) {
    if (!p) continue;
    const rel = path.relative(base, path.join(top, p));
    if (!rel.startsWith('..')) out.add(rel.split(path.sep).join('/'));
  }
  return out;
}
