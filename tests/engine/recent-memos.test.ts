import { describe, expect, it } from 'vitest';
import { ScanProject } from '../../src/engine/project-impl.js';

describe('recent memos', () => {
  it('keep the most recently used results, compute a dropped one again to the same value, and keep what it read', () => {
    const project = new ScanProject('/nowhere', [], 1024);
    const computed = new Map<string, number>();
    const get = (key: string) =>
      project.memo(
        key,
        () => {
          computed.set(key, (computed.get(key) ?? 0) + 1);
          return { key };
        },
        { recent: true },
      );
    const first = get('k0');
    for (let i = 1; i < 300; i++) get(`k${i}`);
    expect(computed.get('k0')).toBe(1);
    // k0 was the least recently used: dropped, so asked again it is computed again, to an equal value
    expect(get('k0')).toEqual(first);
    expect(computed.get('k0')).toBe(2);
    // the most recent are still there
    get('k299');
    expect(computed.get('k299')).toBe(1);
    // a dropped result's record of what it read is kept, for the result cache
    expect(project.memoRecord('k1')).toBeDefined();
  });

  it('never drop a memo that was not asked to be recent', () => {
    const project = new ScanProject('/nowhere', [], 1024);
    let runs = 0;
    project.memo('whole-scan', () => ++runs);
    for (let i = 0; i < 600; i++) project.memo(`k${i}`, () => i, { recent: true });
    expect(project.memo('whole-scan', () => ++runs)).toBe(1);
    expect(runs).toBe(1);
  });
});
