import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { scan } from '../../src/engine/scan.js';
import privacyPack from '../../rules/privacy/index.js';
import { FIXTURES } from '../support/fixtures.js';

/** Every synthetic value planted in the fail fixtures. */
const PLANTED = [
  '1503721388', '0206852088', '2802912798', '1104583518', '3007994217', '0711634920',
  '4579193717', '4658387425', '4737581135', '4895968553', '457 919 3717', '465 838 7425',
  'JC 48 29 17 B', 'PX 58 20 46 D', 'AB736194A', 'JC482917B',
  '501938274', '612840397', '739104582',
  'FERNA858145LM9AB', 'CAMPB704230JR9XY', 'HENDE602281MA9QT',
  '83-26-14', '40918276', '20-45-77', '61730258', '30-91-62', '27485160',
  '4929182736451028', '5372918463029183', '374628193057219', '4929 1827 3645 1028',
  'fiona.mcleod83@outlook.com', 'c.bryce@btinternet.com', 'morag.h@virginmedia.com', 'ruaridh.munro@gmail.com', 'eilidh.s@hotmail.co.uk',
  '07958 214963', '+44 7462 830195', '0131 557 2941',
  '14 Gardner Crescent', '27B Union Street', 'Eilidh Stewart', 'Ruaridh Munro', 'Henderson',
];

describe('privacy findings never reveal a value', () => {
  it('scanning every fail fixture shows none of the planted values in any output', async () => {
    const result = await scan({
      targets: [path.join(FIXTURES, 'privacy')],
      cwd: path.join(FIXTURES, 'privacy'),
      packs: [privacyPack],
      config: { config: {}, hash: 'test' },
      gitignore: false,
      maxFileSize: 5 * 1024 * 1024,
      today: '2026-01-01',
    });
    const fromFail = result.findings.filter((f) => f.file.includes('/fail/'));
    expect(fromFail.length).toBeGreaterThan(30);
    const output = JSON.stringify(result.findings);
    for (const v of PLANTED) expect(output.includes(v), `value ${v} leaked`).toBe(false);
    expect(result.findings.filter((f) => f.file.includes('/pass/'))).toEqual([]);
  });

  it('reports a published file as high and a code literal as low', async () => {
    const result = await scan({ targets: [path.join(FIXTURES, 'privacy/nhs-number/fail')], cwd: path.join(FIXTURES, 'privacy/nhs-number/fail'), packs: [privacyPack], config: { config: {}, hash: 'test' }, gitignore: false, maxFileSize: 5 << 20, today: '2026-01-01' });
    const nhs = result.findings.filter((f) => f.ruleId === 'privacy/nhs-number');
    expect(nhs.find((f) => f.file === 'site/data/clinic.csv')?.severity).toBe('high');
    expect(nhs.find((f) => f.file === 'src/client.ts')?.severity).toBe('low');
    expect(nhs.find((f) => f.file === 'patients.csv')?.severity).toBe('medium');
    expect(nhs.find((f) => f.file === 'patients.csv')?.message).toMatch(/Column "nhs_number" holds NHS numbers: 3 of 3 .*lines 2, 3, 4/);
  });

  it('samples a large CSV in bounded time and honours publishedPaths', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'privacy-'));
    try {
      const rows = ['id,nhs_number,comment'];
      for (let i = 0; i < 60_000; i++) rows.push(`${i},4579193717,row ${i}`);
      writeFileSync(path.join(dir, 'big.csv'), `${rows.join('\n')}\n`);
      const started = Date.now();
      const result = await scan({ targets: [dir], cwd: dir, packs: [privacyPack], config: { config: { rules: { 'privacy/nhs-number': { options: { publishedPaths: ['*.csv'] } } } } as never, hash: 'test' }, gitignore: false, maxFileSize: 50 << 20, today: '2026-01-01' });
      expect(Date.now() - started).toBeLessThan(10_000);
      const f = result.findings.find((x) => x.ruleId === 'privacy/nhs-number');
      expect(f?.message).toMatch(/10000 of 10000 .*sampled the first 10000 rows/);
      expect(f?.severity).toBe('high');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
