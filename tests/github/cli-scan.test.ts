import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { BIN } from '../support/cli.js';
import type { ScanResult } from '../../src/model/finding.js';
import { githubTarball, json, SHA, startFakeGithub, type FakeGithub } from './support.js';

let gh: FakeGithub;
beforeEach(async () => {
  gh = await startFakeGithub();
});
afterEach(async () => {
  await gh.close();
});

/** Run the CLI without blocking this process's event loop (the fake API answers from here). */
function run(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1', GITHUB_TOKEN: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

function serveRepo(name: string, files: Record<string, string>) {
  gh.route('GET', `/repos/example/${name}`, (_q, res) => json(res, 200, { name, full_name: `example/${name}`, default_branch: 'main', html_url: `https://github.com/example/${name}` }));
  gh.route('GET', `/repos/example/${name}/commits/main`, (_q, res) => {
    res.writeHead(200, { 'content-type': 'application/vnd.github.sha; charset=utf-8' });
    res.end(SHA);
  });
  const body = githubTarball(files);
  gh.route('GET', `/repos/example/${name}/tarball/${SHA}`, (_q, res) => {
    res.writeHead(200, { 'content-type': 'application/x-gzip', 'content-length': String(body.length) });
    res.end(body);
  });
}

describe('saltire scan github:… against a loopback stand-in for the GitHub API', () => {
  it('downloads the default branch, scans it and reports the commit it scanned', async () => {
    serveRepo('app', { Dockerfile: 'FROM node:20\nRUN npm ci\n' });
    const r = await run(['scan', 'github:example/app', '--packs', 'iac', '--format', 'json'], { GITHUB_API_URL: gh.url });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout) as ScanResult;
    expect(result.target).toBe('github:example/app');
    expect(result.source?.revision).toBe(SHA);
    expect(result.findings.some((f) => f.file === 'Dockerfile' && f.ruleId === 'iac/dockerfile-root-user')).toBe(true);
    expect(result.notices.some((n) => n.message.includes('GITHUB_TOKEN is not set'))).toBe(true);
    expect(r.code).toBe(1);
  });

  it('exits 2 with one line when the repository does not exist', async () => {
    gh.route('GET', '/repos/example/missing', (_q, res) => json(res, 404, { message: 'Not Found' }));
    const r = await run(['scan', 'github:example/missing'], { GITHUB_API_URL: gh.url });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('scans an organisation: one result per repository, a failing one listed with its reason', async () => {
    gh.route('GET', '/orgs/example/repos', (_q, res) =>
      json(res, 200, [
        { name: 'app', full_name: 'example/app', owner: { login: 'example' }, default_branch: 'main', archived: false, fork: false, visibility: 'public', html_url: 'https://github.com/example/app' },
        { name: 'broken', full_name: 'example/broken', owner: { login: 'example' }, default_branch: 'main', archived: false, fork: false, visibility: 'public', html_url: 'https://github.com/example/broken' },
      ]),
    );
    serveRepo('app', { Dockerfile: 'FROM node:20\n' });
    gh.route('GET', '/repos/example/broken', (_q, res) => json(res, 404, { message: 'Not Found' }));
    const r = await run(['scan', 'github-org:example', '--packs', 'iac', '--format', 'json', '--fail-on', 'none'], { GITHUB_API_URL: gh.url });
    expect(r.code, `stderr: ${r.stderr}`).toBe(0);
    const merged = JSON.parse(r.stdout) as ScanResult;
    expect(merged.target).toBe('github-org:example');
    expect(merged.findings.some((f) => f.ruleId === 'iac/dockerfile-root-user')).toBe(true);
    expect(merged.notices.some((n) => n.level === 'error' && n.message.startsWith('example/broken was not scanned'))).toBe(true);
    expect(r.code).toBe(0);
  });
});
