import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { changedFilesSince } from '../../src/sources/git.js';
import { UsageError } from '../../src/errors.js';

function repo(): string {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'saltire-git-')));
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, stdio: 'pipe' });
  mkdirSync(path.join(dir, 'app'));
  writeFileSync(path.join(dir, 'app', 'kept.txt'), 'same\n');
  writeFileSync(path.join(dir, 'app', 'edited.txt'), 'before\n');
  writeFileSync(path.join(dir, 'top.txt'), 'top\n');
  writeFileSync(path.join(dir, '.gitignore'), 'ignored.txt\n');
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  writeFileSync(path.join(dir, 'app', 'edited.txt'), 'after\n');
  writeFileSync(path.join(dir, 'app', 'new.txt'), 'untracked\n');
  writeFileSync(path.join(dir, 'app', 'ignored.txt'), 'ignored\n');
  writeFileSync(path.join(dir, 'top.txt'), 'edited at the top\n');
  return dir;
}

describe('changedFilesSince', () => {
  it('lists edited and untracked (not ignored) files, relative to the scanned folder', async () => {
    const dir = repo();
    expect([...(await changedFilesSince(dir, 'HEAD'))].sort()).toEqual(['app/edited.txt', 'app/new.txt', 'top.txt']);
    // from a subfolder: paths relative to it, files outside it left out
    expect([...(await changedFilesSince(path.join(dir, 'app'), 'HEAD'))].sort()).toEqual(['edited.txt', 'new.txt']);
  });

  it('tells an unknown ref from a folder outside any repository, as usage errors', async () => {
    const dir = repo();
    await expect(changedFilesSince(dir, 'no-such-ref')).rejects.toThrow(new UsageError('--changed-since: unknown git ref "no-such-ref"'));
    await expect(changedFilesSince(dir, '--output=x')).rejects.toThrow(UsageError);
    const outside = mkdtempSync(path.join(os.tmpdir(), 'saltire-nogit-'));
    await expect(changedFilesSince(outside, 'HEAD')).rejects.toThrow(/needs a git repository/);
  });
});
