/**
 * A scan worker (run by piscina, see pool.ts). Packs and config cross as data: the worker loads the
 * same packs from the same specs, builds its own FileChecker once, and checks the chunks it is given.
 */
import { workerData } from 'piscina';
import { loadPacks } from '../packs/load.js';
import { RuleSettingsResolver } from '../config/config.js';
import { setOsvDatabase } from '../osv/location.js';
import { FileChecker, type FileOutcome } from './checker.js';
import type { WorkerSetup, ChunkTask, ChunkResult } from './pool.js';
import { SLOT_FILE, SLOT_RULE, SLOT_SEQ } from './pool.js';

const setup = workerData as WorkerSetup;

/** This worker's checker, and each rule's index in it (what the watchdog's shared slot holds). */
async function createChecker(): Promise<{ checker: FileChecker; ruleIndex: Map<string, number> }> {
  if (setup.osvDb) setOsvDatabase(setup.osvDb);
  // lazily: a worker loads the rule code of the packs its files need
  const packs = await loadPacks(setup.packs.specs, setup.packs.cwd, { lazy: true });
  const only = setup.ruleIds ? new Set(setup.ruleIds) : undefined;
  const checker = new FileChecker(packs, new RuleSettingsResolver(setup.config), setup.settings, only ? (id) => only.has(id) : undefined);
  return { checker, ruleIndex: new Map(checker.rules.map((r, i) => [r.rule.meta.id, i])) };
}

let ready: ReturnType<typeof createChecker> | undefined;
/** Memo dependency sets this worker already sent (each is sent once). */
const sent = new Set<string>();

export default async function checkChunk(task: ChunkTask): Promise<ChunkResult> {
  ready ??= createChecker();
  const { checker: c, ruleIndex } = await ready;
  const slot = new Int32Array(task.progress);
  const outcomes: FileOutcome[] = [];
  let current = '';
  const onRule = (id: string) => {
    if (id !== current) {
      current = id;
      Atomics.store(slot, SLOT_RULE, ruleIndex.get(id) ?? -1);
    }
    Atomics.add(slot, SLOT_SEQ, 1);
  };
  for (const [pos, i] of task.files.entries()) {
    const entry = setup.settings.entries[i];
    current = '';
    Atomics.store(slot, SLOT_FILE, pos);
    Atomics.store(slot, SLOT_RULE, -1);
    Atomics.add(slot, SLOT_SEQ, 1);
    outcomes.push(await c.check(entry, { timedOut: task.timedOut[entry.path], onRule }));
  }
  Atomics.store(slot, SLOT_FILE, task.files.length);
  await c.project.finish();
  const memos = c.memoSets(outcomes.flatMap((o) => o.cache?.memos ?? []), sent);
  for (const k of Object.keys(memos)) sent.add(k);
  return { outcomes, memos, ...(c.timing ? { timing: c.timing.take() } : {}) };
}
