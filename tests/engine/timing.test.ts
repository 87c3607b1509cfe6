import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cli, EXAMPLE, tempTree } from '../support/cli.js';
import { formatTiming, Timing } from '../../src/engine/timing.js';
import type { ScanResult } from '../../src/model/finding.js';

describe('scan --timing', () => {
  it('adds time and counts calls per label; listener time joins a counted call', () => {
    const t = new Timing();
    t.add('rule:a', 2);
    t.add('rule:a', 3);
    t.add('rule:a', 1, 0);
    expect(t.time('engine:x', () => 42)).toBe(42);
    const other = new Timing();
    other.add('rule:a', 4);
    other.add('parse:terraform', 7);
    t.merge(other.take());
    expect(other.toRecord()).toEqual({});
    const r = t.toRecord();
    expect(r['rule:a']).toEqual([10, 3]);
    expect(r['parse:terraform']).toEqual([7, 1]);
    expect(r['engine:x'][1]).toBe(1);
  });

  it('lists the slowest rules first, then parsers and phases, with each share of the scan', () => {
    const table = formatTiming({ 'rule:fast': [1, 10], 'rule:slow': [50, 10], 'rule:mid': [5, 2], 'parse:yaml': [20, 3], 'engine:reports': [4, 1] }, 100, 2);
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/scan took 0\.10 s/);
    expect(lines[2]).toMatch(/^slow\s+50\.0\s+50\.0%\s+10$/);
    expect(lines[3]).toMatch(/^mid\s+5\.0\s+5\.0%\s+2$/);
    expect(lines[4]).toMatch(/^… 1 more rules\s+1\.0\s+1\.0%\s+10$/);
    expect(lines[5]).toMatch(/^all rules\s+56\.0\s+56\.0%\s+22$/);
    expect(table).toMatch(/\nparse:yaml\s+20\.0\s+20\.0%\s+3\nengine:reports\s+4\.0/);
    expect(formatTiming({}, 100, 20, 12).split('\n')[0]).toBe('Timing (checking time summed over threads; scan took 0.10 s; 12 files from the result cache, where no rule ran)');
  });

  it('prints the table to stderr for a real scan, a call per rule and file, and leaves the report unchanged', () => {
    const dir = tempTree({});
    const plain = path.join(dir, 'plain.json');
    const timed = path.join(dir, 'timed.json');
    cli(['scan', EXAMPLE, '--format', `json=${plain}`, '--fail-on', 'none', '--quiet', '--no-cache']);
    const r = cli(['scan', EXAMPLE, '--format', `json=${timed}`, '--fail-on', 'none', '--quiet', '--no-cache', '--timing']);
    expect(r.code).toBe(0);
    const result = JSON.parse(readFileSync(timed, 'utf8')) as ScanResult;
    const strip = (x: ScanResult) => ({ ...x, startedAt: '', stats: { ...x.stats, durationMs: 0 } });
    expect(strip(result)).toEqual(strip(JSON.parse(readFileSync(plain, 'utf8')) as ScanResult));
    expect(r.stderr).toMatch(/^Timing \(checking time summed over threads; scan took \d+\.\d\d s\)\nRule\s+Time \(ms\)\s+Scan\s+Calls\n/);
    expect(r.stderr).toMatch(/\nall rules\s+\d+\.\d\s+\d+\.\d%\s+\d+\n/);
    expect(r.stderr).toMatch(/\nparse:terraform\s+\d+\.\d\s+\d+\.\d%\s+3\n/);
    for (const phase of ['start-up', 'discovery', 'classification', 'reports', 'findings']) expect(r.stderr).toContain(`engine:${phase}`);
    // analyses the rules of a pack share are shown on their own: once per file that a rule of the pack asked for
    const secretsFiles = Math.max(...result.rulesRun.filter((x) => x.id.startsWith('secrets/')).map((x) => x.files));
    expect(Number(/\nshared:secrets:text\s+\S+\s+\S+\s+(\d+)\n/.exec(r.stderr)?.[1])).toBe(secretsFiles);
    // with only the secrets pack, Terraform files are read as text, not parsed
    const s = cli(['scan', EXAMPLE, '--packs', 'secrets', '--format', `json=${timed}`, '--fail-on', 'none', '--quiet', '--no-cache', '--timing']);
    expect(s.stderr).toMatch(/\nread:terraform\s+\d+\.\d\s+\d+\.\d%\s+3\n/);
    expect(s.stderr).not.toContain('parse:terraform');
    const calls = Number(/\nall rules\s+\S+\s+\S+\s+(\d+)\n/.exec(r.stderr)![1]);
    const runs = result.rulesRun.reduce((t, x) => t + x.files, 0);
    // a call per rule and file it checks, except Terraform rules on files with none of their resource types (triggers)
    expect(calls).toBeLessThan(runs);
    expect(calls).toBeGreaterThan(runs / 3);
    // in workers too: their records are added up
    const w = cli(['scan', EXAMPLE, '--format', `json=${timed}`, '--fail-on', 'none', '--quiet', '--no-cache', '--timing', '--jobs', '2']);
    expect(Number(/\nall rules\s+\S+\s+\S+\s+(\d+)\n/.exec(w.stderr)![1])).toBe(calls);
    expect(w.stderr).toMatch(/\nparse:terraform\s+\d+\.\d\s+\d+\.\d%\s+3\n/);
  });
});
