import { describe, expect, it } from 'vitest';
import { workerThreads } from '../../src/engine/scan.js';

describe('worker threads for a scan', () => {
  it('from 4 cores uses one per core (at most 8) once 400 files need checking; fewer cores or files stay in this thread', () => {
    expect(workerThreads(undefined, 600, true, 4)).toBe(4);
    expect(workerThreads(undefined, 600, true, 16)).toBe(8);
    expect(workerThreads(undefined, 399, true, 16)).toBe(0);
    expect(workerThreads(undefined, 5000, true, 2)).toBe(0);
    expect(workerThreads(undefined, 5000, true, 3)).toBe(0);
  });

  it('takes --jobs as given, and never starts workers that could not load the packs or would have nothing to do', () => {
    expect(workerThreads(0, 5000, true, 16)).toBe(0);
    expect(workerThreads(3, 5, true, 2)).toBe(3);
    expect(workerThreads(2, 5000, false, 16)).toBe(0);
    expect(workerThreads(2, 0, true, 16)).toBe(0);
  });
});
