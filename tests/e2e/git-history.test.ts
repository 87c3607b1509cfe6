import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli, tempTree } from '../support/cli.js';
import type { ScanResult } from '../../src/model/finding.js';

const KEY = 'AKIAQ7CANARY3X9ZT4WB';

describe('--git-history', () => {
  it('finds a secret that a past commit added and a later one removed, redacted, at its line in that commit', () => {
    const dir = tempTree({ 'README.md': '# app\n' });
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: dir, stdio: 'pipe' }).toString();
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'first');
    writeFileSync(path.join(dir, 'main.tf'), `terraform {}\n\nprovider "aws" {\n  region     = "eu-west-2"\n  access_key = "${KEY}"\n}\n`);
    git('add', '.');
    git('commit', '-q', '-m', 'add provider');
    const added = git('rev-parse', 'HEAD').trim();
    writeFileSync(path.join(dir, 'main.tf'), 'terraform {}\n\nprovider "aws" {\n  region = "eu-west-2"\n}\n');
    git('commit', '-q', '-am', 'remove key');

    const now = JSON.parse(cli(['scan', dir, '--packs', 'secrets', '--format', 'json', '--fail-on', 'none']).stdout) as ScanResult;
    expect(now.findings.filter((f) => f.pack === 'secrets')).toEqual([]);

    const r = cli(['scan', dir, '--packs', 'secrets', '--format', 'json', '--git-history', '--fail-on', 'none']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain(KEY);
    const history = (JSON.parse(r.stdout) as ScanResult).findings.filter((f) => f.properties?.history);
    expect(history.map((f) => [f.file, f.range.start.line, f.properties?.commit])).toEqual([['main.tf', 5, added]]);
    expect(history[0].message).toContain(`added in commit ${added.slice(0, 12)}`);

    // a range that excludes the commit finds nothing
    const later = JSON.parse(cli(['scan', dir, '--packs', 'secrets', '--format', 'json', '--git-history', 'HEAD~1..HEAD', '--fail-on', 'none']).stdout) as ScanResult;
    expect(later.findings.filter((f) => f.properties?.history)).toEqual([]);
    expect(cli(['scan', dir, '--git-history', 'no-such..range']).code).toBe(2);
  });
});
