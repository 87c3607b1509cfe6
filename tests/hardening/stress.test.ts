import { describe, expect, it } from 'vitest';
import { closeSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli, tempTree } from '../support/cli.js';
import type { ScanResult } from '../../src/model/finding.js';
import { fromRoot } from '../../src/paths.js';

// A fake AWS access key id (the documentation example with a changed suffix), planted where it must be found.
const KEY = ['AKIA', 'IOSFODNN7', 'QWERTY2'].join('');

function run(target: string, extra: string[]): ScanResult {
  const out = path.join(tempTree({}), 'r.json');
  const r = cli(['scan', target, '--format', `json=${out}`, '--fail-on', 'none', '--quiet', '--no-cache', ...extra]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(readFileSync(out, 'utf8')) as ScanResult;
}

/** A 50,000-line Terraform file: many buckets, the last one public. */
function bigTerraform(): string {
  const blocks: string[] = [];
  for (let i = 0; blocks.join('').split('\n').length < 50_000 && i < 20_000; i++) {
    blocks.push(`resource "aws_s3_bucket_public_access_block" "b${i}" {\n  bucket                  = "bucket-${i}"\n  block_public_acls       = true\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}\n\n`);
    if (i % 1000 === 999 && blocks.join('').split('\n').length >= 49_990) break;
  }
  blocks.push('resource "aws_s3_bucket_public_access_block" "last" {\n  bucket            = "open"\n  block_public_acls = false\n}\n');
  return blocks.join('');
}

describe('stress: hostile sizes and names', () => {
  const text = bigTerraform();
  const tfLines = text.split('\n').length;
  // 10 MB of minified JavaScript on one line, a key in the middle
  const half = 'var a=function(b){return b*2};'.repeat(170_000);
  const minified = `${half}var k="${KEY}";${half}`;
  const dir = tempTree({
    'infra/big.tf': text,
    'web/app.min.js': minified,
    'with space/a b.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:latest\n',
    'crlf.env': `# config\r\nAWS_ACCESS_KEY_ID=${KEY}\r\n`,
    'bom.yaml': '\ufeffkey: value\n',
  });
  // a 1 GB sparse file: must be skipped on its size without being read
  const sparse = openSync(path.join(dir, 'huge.log'), 'w');
  ftruncateSync(sparse, 1024 ** 3);
  closeSync(sparse);
  // a newline and a byte that is not UTF-8 in file names
  writeFileSync(path.join(dir, 'new\nline.txt'), `token ${KEY}\n`);
  mkdirSync(path.join(dir, 'raw'));
  writeFileSync(Buffer.concat([Buffer.from(path.join(dir, 'raw') + '/'), Buffer.from([0x6e, 0xff, 0x2e, 0x74, 0x78, 0x74])]), 'plain text\n');

  for (const jobs of ['0', '2']) {
    it(`scans all of it with --jobs ${jobs}: big files within the cap, the 1 GB file skipped unread, odd names kept`, () => {
      const result = run(dir, ['--max-file-size', '16mb', '--jobs', jobs]);
      const skipped = new Map(result.stats.filesSkipped.map((s) => [s.file, s.reason]));
      expect(skipped.get('huge.log')).toMatch(/larger than the size cap \(1073741824 > 16777216 bytes\)/);
      // the last bucket of the 50,000-line file, at its exact line
      const tf = result.findings.filter((f) => f.file === 'infra/big.tf' && f.ruleId.startsWith('iac/'));
      expect(tf.length).toBeGreaterThan(0);
      expect(tf.every((f) => f.range.start.line >= tfLines - 4)).toBe(true);
      // the key in the middle of the 10 MB line, at its column, redacted
      const min = result.findings.find((f) => f.file === 'web/app.min.js' && f.ruleId.startsWith('secrets/'));
      expect(min?.range.start).toEqual({ line: 1, column: half.length + 'var k="'.length + 1 });
      expect(JSON.stringify(result)).not.toContain(KEY);
      expect(min!.evidence.length).toBeLessThanOrEqual(170);
      // names with spaces and newlines are scanned under their own names
      expect(result.findings.some((f) => f.file === 'with space/a b.yaml')).toBe(true);
      expect(result.findings.some((f) => f.file === 'new\nline.txt' && f.ruleId.startsWith('secrets/'))).toBe(true);
      expect(result.findings.some((f) => f.file === 'crlf.env' && f.range.start.line === 2)).toBe(true);
      // a name that is not UTF-8 is either scanned or listed as skipped with a reason, never lost
      const raw = [...skipped.entries()].filter(([f]) => f.startsWith('raw/'));
      expect(raw.map(([, why]) => why)).toEqual(['name is not valid UTF-8, so it cannot be opened by name; rename it']);
      expect(result.findings.filter((f) => f.ruleId === 'saltire/rule-error' || f.ruleId === 'saltire/rule-timeout')).toEqual([]);
    }, 120_000);
  }
});

describe('stress: a data export larger than the size cap', () => {
  it('is checked on a sample of its first rows (bounded memory), with a notice saying so, never skipped', () => {
    const rows = readFileSync(fromRoot('fixtures', 'privacy', 'date-of-birth', 'fail', 'people.csv'), 'utf8').trim().split('\n');
    const [header, ...people] = rows;
    const lines = [header];
    // about 2 MB, with a quoted field holding a line break near where a 64 KB sample would be cut
    for (let i = 0; lines.join('\n').length < 2 * 1024 * 1024; i++) lines.push(i === 700 ? `${people[0]},"a\nb"` : people[i % people.length]);
    const dir = tempTree({ 'exports/people.csv': `${lines.join('\n')}\n` });
    const result = run(dir, ['--max-file-size', '64kb', '--packs', 'privacy,data-standards']);
    expect(result.stats.filesSkipped).toEqual([]);
    expect(result.findings.some((f) => f.file === 'exports/people.csv' && f.ruleId.startsWith('privacy/'))).toBe(true);
    expect(result.notices.find((n) => n.file === 'exports/people.csv')?.message).toMatch(/only its first 0\.1 MB \(\d+ lines\) were checked/);
    // the cut is not reported as a malformed file
    expect(result.findings.filter((f) => f.ruleId === 'data-standards/csv-structure' && f.messageId === 'quote')).toEqual([]);
  }, 120_000);
});
