import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scan } from '../../src/engine/scan.js';
import { loadPacks } from '../../src/packs/load.js';
import { fromRoot } from '../../src/paths.js';
import { setOsvDatabase } from '../../src/osv/location.js';

const [pack] = await loadPacks(['dependencies'], process.cwd());
const FIXTURE_DB = fromRoot('fixtures/dependencies/osv-db');

async function run(target: string, options: Record<string, unknown> = {}) {
  const rules = Object.fromEntries(pack.rules.map((r) => [r.meta.id, { options }]));
  return scan({ targets: [target], cwd: target, packs: [pack], config: { config: { rules } as never, hash: 't' }, gitignore: false, maxFileSize: 5 * 1024 * 1024, today: '2026-06-01' });
}

afterEach(() => setOsvDatabase(undefined));

describe('dependencies pack on the bundled example', () => {
  it('finds lodash 4.17.15 and minimist 1.2.5 in examples/council-service with the fixture database', async () => {
    setOsvDatabase(FIXTURE_DB);
    const result = await run(fromRoot('examples/council-service'));
    const vulns = result.findings.filter((f) => f.ruleId === 'dependencies/vulnerable-package');
    expect(vulns.map((f) => `${f.file}:${f.range.start.line} ${f.severity} ${(f.properties?.ids as string[]).join(',')} fixed ${(f.properties?.fixed as string[]).join(',')}`)).toEqual([
      'package-lock.json:15 high GHSA-p6mc-m468-83gw,CVE-2020-8203 fixed 4.17.19',
      'package-lock.json:20 critical GHSA-xvch-5gv4-984h,CVE-2021-44906 fixed 1.2.6',
    ]);
    expect(vulns[0].message).toContain('lodash 4.17.15 is affected by GHSA-p6mc-m468-83gw (CVE-2020-8203): Prototype Pollution in lodash (severity high, CVSS 7.4). Upgrade to 4.17.19 or later');
    expect(vulns[1].properties).toMatchObject({ cvss: 9.8, cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' });
    expect(result.notices.map((n) => n.message).join('\n')).toMatch(/OSV database .* dated 2026-01-01: it is \d+ days old; run saltire db update/);
  });

  it('dev dependencies are one severity lower and say so', async () => {
    const result = await run(fromRoot('fixtures/dependencies/vulnerable-package/fail/npm-v3'), { osvDb: FIXTURE_DB });
    const dev = result.findings.filter((f) => f.ruleId === 'dependencies/vulnerable-package' && f.range.start.line === 28);
    expect(dev.map((f) => `${f.severity} ${f.message.slice(0, 71).trim()}`).sort()).toEqual([
      'high minimist 0.0.8 (dev dependency) is affected by GHSA-xvch-5gv4-984h (CVE',
      'low minimist 0.0.8 (dev dependency) is affected by GHSA-vh95-rmgr-6w4m (CVE',
    ]);
  });

  it('pdm.lock: a package of an optional dependency group (pyproject.toml) is production, one of a development group is not', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'saltire-pdm-'));
    try {
      const lock = ['[metadata]', 'groups = ["default", "web", "test"]', 'lock_version = "4.5.0"', '', '[[package]]', 'name = "jinja2"', 'version = "3.1.2"', 'groups = ["web"]', '', '[[package]]', 'name = "saltire-test-pep440"', 'version = "1.0"', 'groups = ["test"]', ''].join('\n');
      writeFileSync(path.join(dir, 'pdm.lock'), lock);
      const dev = async () => {
        const result = await run(dir, { osvDb: FIXTURE_DB });
        return [...new Set(result.findings.filter((f) => f.ruleId === 'dependencies/vulnerable-package').map((f) => `${f.range.start.line} ${f.properties?.package} dev=${f.properties?.dev}`))];
      };
      // without pyproject.toml the lockfile cannot tell an optional group from a development one
      expect(await dev()).toEqual(['5 jinja2 dev=true', '10 saltire-test-pep440 dev=true']);
      writeFileSync(path.join(dir, 'pyproject.toml'), '[project]\nname = "permits"\nversion = "1.0"\n\n[project.optional-dependencies]\nweb = ["jinja2"]\n\n[dependency-groups]\ntest = ["saltire-test-pep440"]\n');
      expect(await dev()).toEqual(['5 jinja2 dev=false', '10 saltire-test-pep440 dev=true']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives a notice, not a crash or a silent pass, when there is no database', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'saltire-nodb-'));
    try {
      writeFileSync(path.join(dir, 'package-lock.json'), JSON.stringify({ name: 'x', lockfileVersion: 3, packages: { '': { name: 'x' }, 'node_modules/lodash': { version: '4.17.15' } } }, null, 2));
      const result = await run(dir, { osvDb: path.join(dir, 'no-such-db') });
      expect(result.findings.filter((f) => f.ruleId !== 'dependencies/registry-not-https')).toEqual([]);
      const notices = result.notices.filter((n) => n.message.startsWith('no OSV database'));
      expect(notices).toHaveLength(1);
      expect(notices[0].message).toContain('no OSV database: run saltire db update; dependencies were not checked for advisories');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
