import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { Finding, Notice, ScanResult, SkippedFile, SuppressedFinding } from '../model/finding.js';
import type { Pack } from '../model/rule.js';
import { compareFindings } from '../model/order.js';
import type { DocumentKind } from '../model/kinds.js';
import type { LoadedConfig } from '../config/config.js';
import { RuleSettingsResolver } from '../config/config.js';
import { discover, type DiscoveredFile } from '../discovery/walk.js';
import { classify, helmChartDirs, isInHelmChart, kindFromName } from '../discovery/classify.js';
import { readTextHead } from './source-file.js';
import { Timing, type TimingRecord } from './timing.js';
import type { FileEntry } from './project-impl.js';
import { FileChecker, type FileOutcome } from './checker.js';
import { releaseRuleClock, type RuleRun } from './file-check.js';
import type { PackSource } from './pool.js';
import { folderDigest, ResultCache, type RuleFacts } from './cache.js';
import { CORE_PACK, CORE_RULES } from './core-rules.js';
import { PACKAGE_VERSION } from '../paths.js';
import { builtCodeDigest } from './code-identity.js';
import { BUILTIN_PACK_NAMES } from '../packs/load.js';
import { configuredOsvDatabase, resolveOsvLocation } from '../osv/location.js';
import { sha256 } from './fingerprint.js';

export const RESULT_SCHEMA_VERSION = '1.0.0';
export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

export interface ScanRequest {
  targets: string[];
  cwd: string;
  packs: Pack[];
  config: LoadedConfig;
  gitignore: boolean;
  maxFileSize: number;
  /** Only these files (relative to the scan base) are checked; the rest still give context. */
  onlyFiles?: Set<string>;
  /** `--shard i/n`: check only this deterministic share of the files (1-based i). */
  shard?: { index: number; count: number };
  /** Restrict to rule ids (tests, `--rule`). */
  ruleFilter?: (ruleId: string) => boolean;
  /** YYYY-MM-DD, for suppression expiry (default today, UTC). */
  today?: string;
  onProgress?: (done: number, total: number) => void;
  source?: ScanResult['source'];
  /** Where workers load the same packs from (as data); without it every file is checked in this thread. */
  packSource?: PackSource;
  /** Worker threads: 0 checks in this thread; default one per core when there are enough files. */
  jobs?: number;
  /** The result cache (off when absent); `scope` adds anything else the results depend on. */
  cache?: { dir: string; scope?: unknown };
  /** How long one rule may run on one file before it is stopped (`saltire/rule-timeout`). */
  ruleTimeoutMs?: number;
  /** `--timing`: measure each rule, parser and scan phase, and hand the totals here at the end. */
  onTiming?: (record: TimingRecord) => void;
}

export const DEFAULT_RULE_TIMEOUT_MS = 30_000;
/** Below this many files to check, starting workers costs more than it saves. */
const PARALLEL_MIN_FILES = 400;

/**
 * Worker threads for checking `files` files (0: this thread). `--jobs N` gives N, `--jobs 0` none. By
 * default a large enough scan uses a worker per core (up to 8) from 4 cores; on fewer it runs in this
 * thread. Measured on 2 cores: one thread already keeps ~1.3 cores busy with V8's GC and compiler, so
 * workers were no faster, and a split by kind (Terraform files in one worker, the rest here, each side
 * loading only its own parsers) was 4% faster for 15% more CPU and 47 MB more memory: not worth it.
 */
export function workerThreads(jobs: number | undefined, files: number, canPool: boolean, cores = os.availableParallelism?.() ?? os.cpus().length): number {
  if (!canPool || files === 0) return 0;
  if (jobs !== undefined) return jobs;
  return files >= PARALLEL_MIN_FILES && cores >= 4 ? Math.min(8, cores) : 0;
}

/** What a file's outcome depends on besides the files: the tool's and packs' code, config, settings, date. */
function cacheScope(req: ScanRequest, base: string, today: string, ruleTimeoutMs: number, checker: FileChecker): Record<string, unknown> {
  const external = (req.packSource?.specs ?? []).filter((s) => !BUILTIN_PACK_NAMES.includes(s)).map((s) => folderDigest(packFolder(s, req.packSource!.cwd)));
  return {
    tool: PACKAGE_VERSION,
    code: builtCodeDigest(),
    external,
    packs: req.packs.map((p) => `${p.name}@${p.version}`),
    rules: checker.rules.map((r) => r.rule.meta.id),
    config: req.config.config,
    base,
    today,
    maxFileSize: req.maxFileSize,
    ruleTimeoutMs,
    osv: folderDigest(resolveOsvLocation(undefined, base).path, 'stat'),
  };
}

/** The result cache for this scan: its file named by target, packs and config; its key by everything results depend on. */
function openCache(req: ScanRequest, cache: NonNullable<ScanRequest['cache']>, checker: FileChecker, entries: readonly FileEntry[], run: { base: string; today: string; ruleTimeoutMs: number; started: number }): ResultCache {
  const facts = new Map<string, RuleFacts>([
    ...CORE_RULES.map((m) => [m.id, { pack: CORE_PACK.name, standards: m.standards }] as const),
    ...checker.rules.map(({ rule, pack }) => [rule.meta.id, { pack, standards: rule.meta.standards }] as const),
  ]);
  const slot = { base: run.base, packs: req.packSource?.specs ?? req.packs.map((p) => p.name), config: req.config.path ?? null, extra: cache.scope };
  const scope = { ...cacheScope(req, run.base, run.today, run.ruleTimeoutMs, checker), extra: cache.scope };
  return new ResultCache(cache.dir, slot, scope, entries, req.maxFileSize, run.started, facts);
}

/** The folder of a folder or npm pack (its code's digest is part of the cache key). */
function packFolder(spec: string, cwd: string): string {
  const asPath = path.resolve(cwd, spec);
  if (spec.startsWith('.') || spec.startsWith('/') || existsSync(asPath)) return asPath;
  try {
    return path.dirname(createRequire(path.join(cwd, 'noop.js')).resolve(spec));
  } catch {
    return asPath;
  }
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** The folder finding paths are relative to: the one folder target, else the working directory. */
export function scanBase(targets: string[], cwd: string): string {
  if (targets.length === 1) {
    const t = path.resolve(cwd, targets[0]);
    try {
      if (statSync(t).isDirectory()) return t;
    } catch {
      // reported by discovery
    }
  }
  return path.resolve(cwd);
}


/** Names whose kind their content decides (YAML/JSON documents; templates that may or may not be HTML). */
const DATA_NAME_KINDS = new Set(['data-yaml', 'data-json', 'markup-nunjucks', 'markup-erb', 'markup-ejs']);
/** Bytes read to classify a YAML or JSON file: at least the 65,536 characters `classify` looks at, however they are encoded. */
const CLASSIFY_BYTES = 4 * 65536;

/** Discover, classify, parse once and run every rule of each file's kind; deterministic output. */
export async function scan(req: ScanRequest): Promise<ScanResult> {
  const started = Date.now();
  const startedAt = new Date(started).toISOString();
  const today = req.today ?? startedAt.slice(0, 10);
  const base = scanBase(req.targets, req.cwd);
  const skipped: SkippedFile[] = [];
  const notices: Notice[] = [];
  const discovered: DiscoveredFile[] = [];
  const seen = new Set<string>();
  const timing = req.onTiming ? new Timing() : undefined;
  let phase = performance.now();
  // from the process's start: Node, the tool's modules, config and packs
  timing?.add('engine:start-up', phase);
  /** Ends the phase running since the last call (for `--timing`). */
  const endPhase = (label: string) => {
    const now = performance.now();
    timing?.add(`engine:${label}`, now - phase);
    phase = now;
  };

  for (const target of req.targets) {
    const abs = path.resolve(req.cwd, target);
    let st;
    try {
      st = statSync(abs);
    } catch (e) {
      skipped.push({ file: toPosix(path.relative(base, abs) || target), reason: `target not found (${(e as NodeJS.ErrnoException).code})` });
      continue;
    }
    const { files, skipped: sk } = discover(abs, { gitignore: req.gitignore, ignores: req.config.config.ignores, stats: req.cache !== undefined });
    const prefix = st.isDirectory() ? toPosix(path.relative(base, abs)) : toPosix(path.relative(base, path.dirname(abs)));
    const rel = (p: string) => (prefix ? `${prefix}/${p}` : p);
    for (const f of files) {
      const p = rel(f.path);
      if (seen.has(p)) continue;
      seen.add(p);
      discovered.push({ ...f, path: p });
    }
    for (const s of sk) skipped.push({ ...s, file: s.file === '.' ? prefix || '.' : rel(s.file) });
  }
  discovered.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  endPhase('discovery');

  // Classify: by name, and for YAML/JSON by a look at the content, when first asked (a scan of a
  // few changed files reads only theirs; the result cache and workers ask for every file's kind)
  const charts = helmChartDirs(discovered.map((f) => f.path));
  const entries: FileEntry[] = [];
  for (const f of discovered) {
    const byName = kindFromName(f.path, isInHelmChart(f.path, charts));
    const entry = { path: f.path, absPath: f.absPath, size: f.size, mtimeMs: f.mtimeMs } as FileEntry;
    if (byName && DATA_NAME_KINDS.has(byName)) {
      const maxFileSize = req.maxFileSize;
      Object.defineProperty(entry, 'kind', {
        enumerable: true,
        configurable: true,
        get(this: FileEntry): DocumentKind {
          // the kind shows in the first 64K characters (classify looks no further): read no more
          const head = (f.size ?? 0) > maxFileSize ? undefined : readTextHead(f.absPath, CLASSIFY_BYTES);
          const kind = head === undefined ? 'text' : classify(f.path, head, false);
          Object.defineProperty(this, 'kind', { value: kind, enumerable: true, writable: true, configurable: true });
          return kind;
        },
      });
    } else {
      entry.kind = (byName as DocumentKind | undefined) ?? 'text';
    }
    entries.push(entry);
  }

  const resolver = new RuleSettingsResolver(req.config.config);
  const ruleTimeoutMs = req.ruleTimeoutMs ?? DEFAULT_RULE_TIMEOUT_MS;
  endPhase('classification');
  const settings = { base, entries, maxFileSize: req.maxFileSize, today, ruleTimeoutMs, trackDependencies: req.cache !== undefined, timing: timing !== undefined };
  const checker = new FileChecker(req.packs, resolver, settings, req.ruleFilter);

  let toCheck = req.onlyFiles ? entries.filter((e) => req.onlyFiles!.has(e.path)) : entries;
  if (req.shard) {
    const { index, count } = req.shard;
    // by a hash of the path, so a file stays in its shard whatever else is added or removed
    toCheck = toCheck.filter((e) => parseInt(sha256(e.path).slice(0, 8), 16) % count === index - 1);
  }

  // cached outcomes first; the rest is checked in this thread or in workers
  const cache = req.cache ? openCache(req, req.cache, checker, entries, { base, today, ruleTimeoutMs, started }) : undefined;
  const outcomes: FileOutcome[] = [];
  const pending: FileEntry[] = [];
  for (const e of toCheck) {
    const hit = cache?.lookup(e);
    if (hit) outcomes.push(hit);
    else pending.push(e);
  }
  endPhase('cache lookup');
  let done = outcomes.length;
  req.onProgress?.(done, toCheck.length);
  const threads = workerThreads(req.jobs, pending.length, req.packSource !== undefined);
  if (threads > 0) {
    const index = new Map(entries.map((e, i) => [e.path, i]));
    const { checkInPool } = await import('./pool.js');
    const { outcomes: fresh, memos } = await checkInPool({
      setup: { packs: req.packSource!, config: req.config.config, settings, ruleIds: req.ruleFilter ? checker.rules.map((r) => r.rule.meta.id) : undefined, osvDb: configuredOsvDatabase() },
      files: pending.map((e) => index.get(e.path)!),
      threads,
      ruleIds: checker.rules.map((r) => r.rule.meta.id),
      ruleTimeoutMs,
      onChunk: (chunk) => req.onProgress?.((done += chunk.length), toCheck.length),
      timing,
    });
    for (const o of fresh) cache?.store(o);
    cache?.storeMemos(memos);
    outcomes.push(...fresh);
  } else {
    const used = new Set<string>();
    for (const entry of pending) {
      const o = await checker.check(entry);
      cache?.store(o);
      for (const k of o.cache?.memos ?? []) used.add(k);
      outcomes.push(o);
      req.onProgress?.(++done, toCheck.length);
    }
    cache?.storeMemos(checker.memoSets(used));
  }
  releaseRuleClock();
  await checker.project.finish();
  if (checker.timing) timing?.merge(checker.timing.take());
  phase = performance.now();

  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const filesByKind: Record<string, number> = {};
  const coverage = new Map<string, number>();
  const filesPerRuns = new Map<RuleRun[], number>();
  const entryOf = new Map(entries.map((e) => [e.path, e]));
  let filesScanned = 0;
  for (const o of outcomes) {
    if (o.skipped) {
      skipped.push({ file: o.path, reason: o.skipped });
      continue;
    }
    const entry = entryOf.get(o.path)!;
    filesScanned++;
    filesByKind[entry.kind] = (filesByKind[entry.kind] ?? 0) + 1;
    // files share a few rule lists (by kind and settings): count files per list, rules once per list
    const runs = checker.runsFor(entry, o.parseFailed);
    filesPerRuns.set(runs, (filesPerRuns.get(runs) ?? 0) + 1);
    findings.push(...o.findings);
    suppressed.push(...o.suppressed);
    notices.push(...o.notices);
  }
  for (const [runs, files] of filesPerRuns) for (const run of runs) coverage.set(run.rule.meta.id, (coverage.get(run.rule.meta.id) ?? 0) + files);
  endPhase('gathering results');
  if (cache) {
    const problem = cache.save();
    if (problem) notices.push({ level: 'warning', message: problem });
    endPhase('cache save');
  }

  findings.sort(compareFindings);
  suppressed.sort(compareFindings);
  skipped.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || (a.reason < b.reason ? -1 : 1));
  const uniqueNotices = [...new Map(notices.map((n) => [`${n.level}\0${n.file ?? ''}\0${n.message}`, n])).values()];
  uniqueNotices.sort((a, b) => ((a.file ?? '') < (b.file ?? '') ? -1 : (a.file ?? '') > (b.file ?? '') ? 1 : a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
  endPhase('sorting results');
  if (timing) req.onTiming?.(timing.toRecord());

  return {
    schemaVersion: RESULT_SCHEMA_VERSION,
    tool: { name: 'saltire', version: PACKAGE_VERSION },
    packs: [CORE_PACK, ...req.packs.map((p) => ({ name: p.name, version: p.version }))],
    target: req.targets.length === 1 ? toPosix(req.targets[0]) : req.targets.map(toPosix).join(' '),
    source: req.source,
    startedAt,
    config: { path: req.config.path ? toPosix(path.relative(req.cwd, req.config.path)) : undefined, hash: req.config.hash },
    findings,
    suppressed,
    notices: uniqueNotices,
    stats: { filesScanned, filesByKind: Object.fromEntries(Object.entries(filesByKind).sort()), filesSkipped: skipped, durationMs: Date.now() - started, baselined: 0, ...(cache ? { cached: cache.hits } : {}) },
    rulesRun: [...coverage.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([id, files]) => ({ id, files })),
  };
}
