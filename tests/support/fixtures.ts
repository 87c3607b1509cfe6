import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Finding, ScanResult } from '../../src/model/finding.js';
import type { Pack, Rule } from '../../src/model/rule.js';
import { scan } from '../../src/engine/scan.js';
import { fromRoot } from '../../src/paths.js';

export const FIXTURES = fromRoot('fixtures');

export interface Expectation {
  file: string;
  line: number;
  ruleId: string;
  messageId?: string;
}

const MARKER = /(?:!|#|\/\/|<!--|\{#|\/\*|--|;)\s*expect:\s*([a-z0-9-]+\/[a-z0-9.-]+)(?:\s+([A-Za-z][\w-]*))?/;

export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const rec = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) rec(p);
      else out.push(p);
    }
  };
  if (existsSync(dir)) rec(dir);
  return out;
}

/** Expected findings of a fail/ folder: `expect: <rule-id> [messageId]` comments, then expected.json. */
export function readExpectations(dir: string): Expectation[] {
  const out: Expectation[] = [];
  for (const abs of listFiles(dir)) {
    const rel = path.relative(dir, abs).split(path.sep).join('/');
    if (rel === 'expected.json') continue;
    const buf = readFileSync(abs);
    if (buf.includes(0)) continue;
    const lines = buf.toString('utf8').split(/\r\n|\r|\n/);
    let pending: { ruleId: string; messageId?: string }[] = [];
    lines.forEach((line, i) => {
      const m = MARKER.exec(line);
      if (m) {
        pending.push({ ruleId: m[1], messageId: m[2] });
        return;
      }
      for (const p of pending) out.push({ file: rel, line: i + 1, ...p });
      pending = [];
    });
  }
  const json = path.join(dir, 'expected.json');
  if (existsSync(json)) out.push(...(JSON.parse(readFileSync(json, 'utf8')) as Expectation[]));
  return out;
}

/** A rule's fixture options (`fixtures/<pack>/<rule>/options.json`): rule options, and whether it needs a browser. */
export function fixtureOptions(ruleId: string): { options?: Record<string, unknown>; requiresBrowser?: boolean } {
  const file = path.join(ruleFixtureDir(ruleId), 'options.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { options?: Record<string, unknown>; requiresBrowser?: boolean }) : {};
}

/** Scan a fixture folder with just one rule (and the engine's own), with its fixture options. */
export async function scanWithRule(dir: string, pack: Pack, rule: Rule): Promise<ScanResult> {
  const { options } = fixtureOptions(rule.meta.id);
  return scan({
    targets: [dir],
    cwd: dir,
    packs: [{ ...pack, rules: [rule] }],
    config: { config: options ? { rules: { [rule.meta.id]: { options } } } : {}, hash: 'test' },
    gitignore: false,
    maxFileSize: 5 * 1024 * 1024,
    today: '2026-01-01',
  });
}

export function key(f: { file: string; line: number; ruleId: string }): string {
  return `${f.file}:${f.line} ${f.ruleId}`;
}

export function findingKeys(findings: readonly Finding[]): string[] {
  return findings.map((f) => key({ file: f.file, line: f.range.start.line, ruleId: f.ruleId })).sort();
}

export function ruleFixtureDir(ruleId: string): string {
  const [pack, ...rest] = ruleId.split('/');
  return path.join(FIXTURES, pack, rest.join('/'));
}
