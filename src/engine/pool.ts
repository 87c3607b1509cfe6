/**
 * Parallel checking with a piscina worker pool. Files go out in chunks of neighbouring paths (so a
 * Terraform module's files share one worker's parsed documents); each worker reports, through a
 * small shared buffer, which file and rule it is running. A watchdog that sees no progress within the
 * rule time budget stops that worker and sends the chunk again with the runaway rule reported as
 * `saltire/rule-timeout` on that file, so a hang costs one rule on one file, never the scan.
 */
import { Piscina } from 'piscina';
import type { SaltireConfig } from '../config/config.js';
import { fromRoot } from '../paths.js';
import type { CheckerSettings, DependencySet, FileOutcome } from './checker.js';
import type { Timing, TimingRecord } from './timing.js';

export interface PackSource {
  specs: string[];
  /** Folder that relative pack paths are resolved from. */
  cwd: string;
}

/** Everything a worker needs, as plain data. */
export interface WorkerSetup {
  packs: PackSource;
  config: SaltireConfig;
  settings: CheckerSettings;
  ruleIds?: string[];
  osvDb?: string;
}

export interface ChunkTask {
  /** Indexes into `settings.entries`. */
  files: number[];
  /** Rules stopped by the watchdog on an earlier attempt, by file path. */
  timedOut: Record<string, string[]>;
  /** Int32Array slots: file position in the chunk, rule index, progress counter. */
  progress: SharedArrayBuffer;
}

export interface ChunkResult {
  outcomes: FileOutcome[];
  /** Dependency sets of memo computations the outcomes used (each sent once per worker). */
  memos: Record<string, DependencySet>;
  /** `--timing`: the chunk's time per rule and parser. */
  timing?: TimingRecord;
}

export const SLOT_FILE = 0;
export const SLOT_RULE = 1;
export const SLOT_SEQ = 2;

export interface PoolRun {
  setup: WorkerSetup;
  /** Indexes into `setup.settings.entries` of the files to check. */
  files: number[];
  threads: number;
  /** Rule ids in the order workers index them. */
  ruleIds: string[];
  ruleTimeoutMs: number;
  onChunk?: (outcomes: FileOutcome[]) => void;
  /** `--timing`: where every chunk's time went. */
  timing?: Timing;
}

/**
 * Chunks of neighbouring paths: a Terraform module's files, and the modules of one estate, mostly
 * land in the same worker, which then evaluates only the root modules that reach them (a shared
 * module checked in two workers is evaluated in both: more work, the same results). Small enough to
 * balance the load, large enough that messaging is noise.
 */
export function chunksOf(files: number[], threads: number): number[][] {
  const size = Math.max(8, Math.min(200, Math.ceil(files.length / (threads * 6))));
  const out: number[][] = [];
  for (let i = 0; i < files.length; i += size) out.push(files.slice(i, i + size));
  return out;
}

/**
 * Add `more` to `into`: threads compute the same memo independently, so a key's dependencies are
 * everything any of them read.
 */
function mergeMemoSets(into: Record<string, DependencySet>, more: Record<string, DependencySet>): void {
  for (const [key, set] of Object.entries(more)) {
    const prev = into[key];
    into[key] = prev ? { deps: { ...prev.deps, ...set.deps }, memos: [...new Set([...prev.memos, ...set.memos])].sort(), fileList: prev.fileList || set.fileList } : set;
  }
}

/** Check files in worker threads; outcomes come back in chunk order (callers sort). */
export async function checkInPool(run: PoolRun): Promise<{ outcomes: FileOutcome[]; memos: Record<string, DependencySet> }> {
  const pool = new Piscina({
    filename: fromRoot('dist', 'src', 'engine', 'worker.js'),
    minThreads: run.threads,
    maxThreads: run.threads,
    idleTimeout: 60_000,
    workerData: run.setup,
  });
  const entries = run.setup.settings.entries;
  const outcomes: FileOutcome[] = [];
  const memos: Record<string, DependencySet> = {};
  const runChunk = async (files: number[], timedOut: Record<string, string[]>): Promise<void> => {
    const progress = new SharedArrayBuffer(12);
    const slot = new Int32Array(progress);
    Atomics.store(slot, SLOT_FILE, -1);
    const abort = new AbortController();
    let seen = -1;
    let since = Date.now();
    let stuck: { file: number; rule: number } | undefined;
    const watchdog = setInterval(() => {
      const seq = Atomics.load(slot, SLOT_SEQ);
      const file = Atomics.load(slot, SLOT_FILE);
      if (seq !== seen || file < 0 || file >= files.length) {
        seen = seq;
        since = Date.now();
        return;
      }
      if (Date.now() - since >= run.ruleTimeoutMs) {
        stuck = { file, rule: Atomics.load(slot, SLOT_RULE) };
        abort.abort();
      }
    }, Math.min(250, Math.max(10, run.ruleTimeoutMs / 4)));
    try {
      const result = (await pool.run({ files, timedOut, progress } satisfies ChunkTask, { signal: abort.signal })) as ChunkResult;
      outcomes.push(...result.outcomes);
      mergeMemoSets(memos, result.memos);
      if (result.timing) run.timing?.merge(result.timing);
      run.onChunk?.(result.outcomes);
    } catch (e) {
      if (!stuck) throw e;
      const path = entries[files[stuck.file]].path;
      const ruleId = run.ruleIds[stuck.rule];
      if (ruleId === undefined) {
        // stuck outside any rule (reading or parsing): the file is left out, the rest goes on
        outcomes.push({ path, skipped: `not checked: reading or parsing it took longer than ${run.ruleTimeoutMs / 1000} s`, parseFailed: false, findings: [], suppressed: [], notices: [] });
        await runChunk(files.filter((_, i) => i !== stuck!.file), timedOut);
      } else {
        await runChunk(files, { ...timedOut, [path]: [...(timedOut[path] ?? []), ruleId] });
      }
    } finally {
      clearInterval(watchdog);
    }
  };
  try {
    await Promise.all(chunksOf(run.files, run.threads).map((c) => runChunk(c, {})));
  } finally {
    await pool.destroy();
  }
  return { outcomes, memos };
}
