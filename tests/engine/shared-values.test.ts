import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkFile, type RuleRun } from '../../src/engine/file-check.js';
import { Timing } from '../../src/engine/timing.js';
import { LineIndex } from '../../src/model/location.js';
import type { Rule, RuleContext } from '../../src/model/rule.js';

/** A clock that moves only when `spin` says, so the figures are exact whatever the machine's load. */
let now = 0;
function spin(ms: number): number {
  now += ms;
  return ms;
}
beforeEach(() => {
  now = 0;
  vi.spyOn(performance, 'now').mockImplementation(() => now);
});
afterEach(() => {
  vi.restoreAllMocks();
});

function rule(id: string, body: (ctx: RuleContext) => void): RuleRun {
  const r: Rule = {
    meta: { id, title: id, description: id, severity: 'low', kinds: ['text'], messages: { default: 'found' }, remediation: '', references: [], standards: {}, equivalents: {}, since: '0.1.0' },
    check: body,
  };
  return { rule: r, pack: 'test', severity: 'low', options: {} };
}

describe('ctx.shared: a per-file value every rule shares', () => {
  it('computes each key once per file, and --timing counts it under shared:<key>, not against the rule that asked first', async () => {
    const text = 'hello\n';
    const file = { path: 'a.txt', absPath: '/a.txt', kind: 'text' as const, text, lines: new LineIndex(text), size: text.length };
    let computed = 0;
    const seen: number[] = [];
    const analysis = (ctx: RuleContext) =>
      ctx.shared('test:analysis', () => {
        computed++;
        spin(40);
        return 7;
      });
    const runs = [rule('test/first', (ctx) => void seen.push(analysis(ctx))), rule('test/second', (ctx) => void seen.push(analysis(ctx)))];
    const timing = new Timing();
    await checkFile(file, { format: 'text' }, [], runs, {} as RuleContext['project'], '2026-01-01', { timing });
    expect(seen).toEqual([7, 7]);
    expect(computed).toBe(1);
    const r = timing.toRecord();
    expect(r['shared:test:analysis']).toEqual([40, 1]);
    // the first rule only asked for it
    expect(r['rule:test/first']).toEqual([0, 1]);
    expect(r['rule:test/second']).toEqual([0, 1]);

    // the next file starts afresh
    await checkFile({ ...file, path: 'b.txt' }, { format: 'text' }, [], runs, {} as RuleContext['project'], '2026-01-01');
    expect(computed).toBe(2);
  });

  it('counts a shared value computed inside another once, under its own key', async () => {
    const text = 'x\n';
    const file = { path: 'a.txt', absPath: '/a.txt', kind: 'text' as const, text, lines: new LineIndex(text), size: text.length };
    const timing = new Timing();
    const runs = [
      rule('test/nested', (ctx) => {
        spin(5);
        ctx.shared('outer', () => ctx.shared('inner', () => spin(30)) + spin(10));
      }),
    ];
    await checkFile(file, { format: 'text' }, [], runs, {} as RuleContext['project'], '2026-01-01', { timing });
    const r = timing.toRecord();
    expect(r['shared:inner']).toEqual([30, 1]);
    expect(r['shared:outer']).toEqual([10, 1]);
    expect(r['rule:test/nested']).toEqual([5, 1]);
  });
});
