import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { OsvDatabase } from '../../src/osv/database.js';
import { updateOsvDatabase } from '../../src/osv/update.js';
import { defaultCacheDir, resolveOsvLocation, setOsvDatabase } from '../../src/osv/location.js';
import { fromRoot } from '../../src/paths.js';

const FIXTURE_DB = fromRoot('fixtures/dependencies/osv-db');
let tmp: string;

/** Build an all.zip of the fixture records of one ecosystem with the `zip` command (Info-ZIP). */
function buildZip(ecosystem: string, out: string): void {
  mkdirSync(path.dirname(out), { recursive: true });
  const dir = path.join(FIXTURE_DB, ecosystem);
  execFileSync('zip', ['-q', '-j', out, ...readdirSync(dir).map((f) => path.join(dir, f))]);
}

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'saltire-osv-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('OSV database', () => {
  it('reads loose JSON records per ecosystem, skipping withdrawn ones', async () => {
    const db = new OsvDatabase(FIXTURE_DB);
    const info = db.info();
    expect(info.exists).toBe(true);
    expect(info.date?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    const got = await db.lookup('npm', ['lodash', 'minimist', 'not-there']);
    expect(got.get('lodash')!.map((r) => r.id)).toEqual(['GHSA-p6mc-m468-83gw']);
    expect(got.get('minimist')!.map((r) => r.id).sort()).toEqual(['GHSA-vh95-rmgr-6w4m', 'GHSA-xvch-5gv4-984h']);
    expect(got.has('not-there')).toBe(false);
    const py = await db.lookup('PyPI', ['Jinja2']);
    expect(py.get('jinja2')!.map((r) => r.id).sort()).toEqual(['GHSA-h5c8-rqwp-cp95', 'SALTIRE-TEST-PYSEC-0001']);
  });

  it('streams <Ecosystem>/all.zip and a single all.zip', async () => {
    const dir = path.join(tmp, 'zipdb');
    buildZip('npm', path.join(dir, 'npm', 'all.zip'));
    const db = new OsvDatabase(dir);
    expect(db.info()).toMatchObject({ exists: true, ecosystems: ['npm'] });
    expect((await db.lookup('npm', ['elliptic'])).get('elliptic')!.map((r) => r.id)).toEqual(['GHSA-r9p9-mrjm-926w']);
    // names asked later cost another pass, earlier answers stay
    expect((await db.lookup('npm', ['saltire-test-malware'])).get('saltire-test-malware')!.map((r) => r.id)).toEqual(['SALTIRE-TEST-MAL-0001']);
    const single = new OsvDatabase(path.join(dir, 'npm', 'all.zip'));
    expect((await single.lookup('npm', ['lodash'])).get('lodash')!.map((r) => r.id)).toEqual(['GHSA-p6mc-m468-83gw']);
  });

  it('says when there is no database', () => {
    expect(new OsvDatabase(path.join(tmp, 'nothing')).info().exists).toBe(false);
  });
});

describe('database location', () => {
  it('prefers the rule option, then the CLI setting, then SALTIRE_OSV_DB, then the cache', () => {
    const env = { HOME: '/home/u', XDG_CACHE_HOME: '/xdg' } as NodeJS.ProcessEnv;
    expect(defaultCacheDir(env)).toBe(path.join('/xdg', 'saltire', 'osv'));
    expect(resolveOsvLocation({}, '/repo', env)).toEqual({ path: path.join('/xdg', 'saltire', 'osv'), from: 'default' });
    expect(resolveOsvLocation({}, '/repo', { ...env, SALTIRE_OSV_DB: '/db' })).toEqual({ path: path.resolve('/db'), from: 'env' });
    setOsvDatabase('/cli-db');
    try {
      expect(resolveOsvLocation({}, '/repo', { ...env, SALTIRE_OSV_DB: '/db' })).toEqual({ path: path.resolve('/cli-db'), from: 'cli' });
      expect(resolveOsvLocation({ osvDb: '/opt-db' }, '/repo', env)).toEqual({ path: path.resolve('/opt-db'), from: 'option' });
    } finally {
      setOsvDatabase(undefined);
    }
    expect(resolveOsvLocation({}, fromRoot('fixtures/dependencies/vulnerable-package/fail'), env)).toEqual({ path: FIXTURE_DB, from: 'fixtures' });
  });
});

describe('saltire db update', () => {
  let server: http.Server;
  let base: string;
  const requests: string[] = [];
  let npmZip: Buffer;

  beforeAll(async () => {
    const z = path.join(tmp, 'serve', 'npm.zip');
    buildZip('npm', z);
    npmZip = readFileSync(z);
    server = http.createServer((req, res) => {
      requests.push(req.url ?? '');
      if (req.url === '/osv/npm/all.zip') {
        res.writeHead(200, { 'content-type': 'application/zip' });
        res.end(npmZip);
      } else if (req.url === '/osv/PyPI/all.zip') {
        res.writeHead(200);
        res.end('this is not a zip');
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/osv`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('downloads <base>/<Ecosystem>/all.zip into the cache and records the date', async () => {
    const cacheDir = path.join(tmp, 'cache1');
    const now = new Date('2026-02-03T04:05:06Z');
    const r = await updateOsvDatabase({ cacheDir, from: base, ecosystems: ['npm'], now });
    expect(requests).toContain('/osv/npm/all.zip');
    expect(r.failed).toEqual([]);
    expect(readFileSync(path.join(cacheDir, 'npm', 'all.zip')).equals(npmZip)).toBe(true);
    const meta = JSON.parse(readFileSync(path.join(cacheDir, 'metadata.json'), 'utf8'));
    expect(meta.updated).toBe('2026-02-03T04:05:06.000Z');
    expect(meta.ecosystems.npm).toMatchObject({ url: `${base}/npm/all.zip`, bytes: npmZip.length });
    const db = new OsvDatabase(cacheDir);
    expect(db.info().date?.toISOString()).toBe('2026-02-03T04:05:06.000Z');
    expect((await db.lookup('npm', ['minimist'])).get('minimist')).toHaveLength(2);
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps the previous copy when a download is not a zip or fails', async () => {
    const cacheDir = path.join(tmp, 'cache2');
    mkdirSync(path.join(cacheDir, 'PyPI'), { recursive: true });
    writeFileSync(path.join(cacheDir, 'PyPI', 'all.zip'), 'previous');
    const r = await updateOsvDatabase({ cacheDir, from: base, ecosystems: ['npm', 'PyPI', 'Go'] });
    expect(r.ecosystems.map((e) => e.ecosystem)).toEqual(['npm']);
    expect(r.failed.map((f) => f.ecosystem)).toEqual(['PyPI', 'Go']);
    expect(r.failed[1].error).toMatch(/HTTP 404/);
    expect(readFileSync(path.join(cacheDir, 'PyPI', 'all.zip'), 'utf8')).toBe('previous');
    expect(readdirSync(path.join(cacheDir, 'PyPI'))).toEqual(['all.zip']);
  });

  it('fails when nothing could be fetched', async () => {
    await expect(updateOsvDatabase({ cacheDir: path.join(tmp, 'cache3'), from: base, ecosystems: ['Go'] })).rejects.toThrow(/HTTP 404/);
    expect(existsSync(path.join(tmp, 'cache3', 'metadata.json'))).toBe(false);
  });

  it('copies from a local folder or a single zip (--from)', async () => {
    const src = path.join(tmp, 'mirror');
    buildZip('npm', path.join(src, 'npm', 'all.zip'));
    const r = await updateOsvDatabase({ cacheDir: path.join(tmp, 'cache4'), from: src });
    expect(r.ecosystems.map((e) => e.ecosystem)).toEqual(['npm']);
    expect(existsSync(path.join(tmp, 'cache4', 'npm', 'all.zip'))).toBe(true);
    const r2 = await updateOsvDatabase({ cacheDir: path.join(tmp, 'cache5'), from: path.join(src, 'npm', 'all.zip') });
    expect(r2.ecosystems.map((e) => e.ecosystem)).toEqual(['all']);
    expect((await new OsvDatabase(path.join(tmp, 'cache5')).lookup('npm', ['lodash'])).get('lodash')).toHaveLength(1);
    cpSync(path.join(src, 'npm', 'all.zip'), path.join(tmp, 'bad.zip'));
    writeFileSync(path.join(tmp, 'bad.zip'), 'not a zip');
    await expect(updateOsvDatabase({ cacheDir: path.join(tmp, 'cache6'), from: path.join(tmp, 'bad.zip') })).rejects.toThrow(/not a valid zip/);
  });
});

describe('osvStatus', () => {
  it('warns when missing or stale, informs otherwise', async () => {
    const { osvStatus } = await import('../../src/osv/status.js');
    expect(osvStatus(path.join(tmp, 'none'))).toMatchObject({ level: 'warning', message: expect.stringContaining('no OSV database: run saltire db update') });
    expect(osvStatus(FIXTURE_DB, new Date('2026-01-20T00:00:00Z'))).toMatchObject({ level: 'warning', date: '2026-01-01', message: expect.stringContaining('19 days old') });
    expect(osvStatus(FIXTURE_DB, new Date('2026-01-05T00:00:00Z'))).toMatchObject({ level: 'info', date: '2026-01-01' });
  });
});
