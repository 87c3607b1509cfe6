/**
 * The result cache: one file per scan target and settings, under the user's cache folder. A file's
 * cached outcome is reused only while its content hash, the hash of every other file its check read
 * (Terraform variables, modules, referenced specs…) and, when the check listed the project's files,
 * the file list are all unchanged. The key covers the tool's code, packs, config and date, so a
 * rebuilt rule or an edited config never serves stale results.
 */
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { ABSENT, type CacheDeps, type DependencySet, type FileOutcome } from './checker.js';
import type { FileEntry } from './project-impl.js';
import { readFileBytes } from './source-file.js';
import type { Finding, SuppressedFinding } from '../model/finding.js';
import type { StandardsRefs } from '../model/standards.js';
import { helpFor } from './file-check.js';

const FORMAT = 5;
/** The cache's large members, written record by record. */
const SPLIT_MEMBERS: ReadonlySet<string> = new Set(['stats', 'files', 'memos']);
/** A file modified this close to the scan's start may change again within the clock's granularity. */
const RACY_MS = 2000;
/** Cache files not written for this long are removed. */
const PRUNE_AFTER_MS = 30 * 24 * 3600 * 1000;

interface CachedFile extends CacheDeps {
  outcome: Omit<FileOutcome, 'cache' | 'findings' | 'suppressed'> & { findings: (Finding | StoredFinding)[]; suppressed: (SuppressedFinding | StoredFinding)[] };
}

/** What every finding of a rule shares: stored once in the rule, not in each cached finding. */
export interface RuleFacts {
  pack: string;
  standards: StandardsRefs;
}

/**
 * A cached finding as a tuple, without what its rule and file give back (`file`, `pack`, `standards`,
 * `help`) and without key names: less than half the JSON to read on a warm run. The rest of its keys
 * (`properties`, `suppression`) ride along as an object.
 */
type StoredFinding = [ruleId: string, severity: Finding['severity'], message: string, messageId: string, range: [number, number, number, number], fingerprint: string, evidence: string, extra?: Record<string, unknown>];

function compact<T extends Finding>(f: T, path: string, facts: RuleFacts | undefined): T | StoredFinding {
  if (!facts || f.file !== path || f.pack !== facts.pack || f.standards !== facts.standards || f.help !== helpFor(f.ruleId)) return f;
  const { ruleId, severity, message, messageId, range, fingerprint, evidence, file: _file, pack: _pack, standards: _standards, help: _help, ...extra } = f;
  const stored: StoredFinding = [ruleId, severity, message, messageId, [range.start.line, range.start.column, range.end.line, range.end.column], fingerprint, evidence];
  if (Object.keys(extra).length) stored.push(extra);
  return stored;
}

function expand<T extends Finding>(f: T | StoredFinding, path: string, facts: RuleFacts | undefined): T {
  if (!Array.isArray(f) || !facts) return f as T;
  const [ruleId, severity, message, messageId, [sl, sc, el, ec], fingerprint, evidence, extra] = f;
  // the keys in the order a fresh finding has them, so a cached report is byte for byte the same
  const range = { start: { line: sl, column: sc }, end: { line: el, column: ec } };
  return { ruleId, pack: facts.pack, severity, message, messageId, file: path, range, fingerprint, standards: facts.standards, evidence, help: helpFor(ruleId), ...extra } as T;
}

interface CacheData {
  format: number;
  key: string;
  fileList: string;
  /** Size and mtime of files whose hash is known, so unchanged files are not read again. */
  stats: Record<string, [size: number, mtimeMs: number, hash: string]>;
  files: Record<string, CachedFile>;
  /** Dependency sets of memoised computations (e.g. a Terraform estate's index), shared by many files. */
  memos: Record<string, DependencySet>;
}

/** The result cache's folder: $SALTIRE_CACHE_DIR, else $XDG_CACHE_HOME/saltire/results, else ~/.cache/saltire/results. */
export function defaultCacheDir(): string {
  if (process.env.SALTIRE_CACHE_DIR) return process.env.SALTIRE_CACHE_DIR;
  const xdg = process.env.XDG_CACHE_HOME;
  return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.cache'), 'saltire', 'results');
}

/**
 * A digest of a folder's files: by content (code: a rebuild that rewrites files unchanged keeps it),
 * or by size and mtime (`stat`, for large data such as an advisory database).
 */
export function folderDigest(dir: string, by: 'content' | 'stat' = 'content'): string {
  const h = createHash('sha256');
  const add = (p: string) => {
    try {
      if (by === 'stat') {
        const st = statSync(p);
        h.update(`${p}\0${st.size}\0${st.mtimeMs}\n`);
      } else h.update(`${p}\0`).update(readFileSync(p)).update('\n');
    } catch {
      h.update(`${p}\0unreadable\n`);
    }
  };
  try {
    if (!statSync(dir).isDirectory()) {
      add(dir);
      return h.digest('hex');
    }
  } catch {
    return h.update(`${dir}\0absent`).digest('hex');
  }
  const visit = (d: string) => {
    let names: string[];
    try {
      names = readdirSync(d).sort();
    } catch {
      return;
    }
    for (const n of names) {
      if (n === 'node_modules' || n.startsWith('.')) continue;
      const p = path.join(d, n);
      try {
        if (statSync(p).isDirectory()) visit(p);
        else add(p);
      } catch {
        // vanished while listing
      }
    }
  };
  visit(dir);
  return h.digest('hex');
}

/**
 * JSON with every non-ASCII character escaped (`\u2026`): the same value when parsed, but a file Node
 * reads as one-byte text. A few non-ASCII characters in messages (…, →) made reading the whole
 * UTF-8 file cost more than parsing it.
 */
export function asciiJson(value: unknown): string {
  return escapeNonAscii(JSON.stringify(value));
}

function escapeNonAscii(json: string): string {
  return json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Exactly `asciiJson(value)`, in pieces: the members of `value`, and of its object members named in `split`
 * (the per-file records), one at a time, so the cache's whole text never sits in memory at once.
 */
export function* asciiJsonPieces(value: Record<string, unknown>, split: ReadonlySet<string>): Generator<string> {
  const member = (k: string, json: string) => `${escapeNonAscii(JSON.stringify(k))}:${escapeNonAscii(json)}`;
  yield '{';
  let sep = '';
  for (const [k, v] of Object.entries(value)) {
    if (split.has(k) && isRecord(v)) {
      yield `${sep}${escapeNonAscii(JSON.stringify(k))}:{`;
      let inner = '';
      for (const [k2, v2] of Object.entries(v)) {
        // JSON.stringify leaves out members it cannot write (undefined, functions)
        const json = JSON.stringify(v2) as string | undefined;
        if (json === undefined) continue;
        yield `${inner}${member(k2, json)}`;
        inner = ',';
      }
      yield '}';
    } else {
      const json = JSON.stringify(v) as string | undefined;
      if (json === undefined) continue;
      yield `${sep}${member(k, json)}`;
    }
    sep = ',';
  }
  yield '}';
}

/** Write pieces of ASCII text to a file, about a megabyte at a time. */
function writeAsciiPieces(file: string, pieces: Iterable<string>): void {
  const fd = openSync(file, 'w');
  try {
    let chunk = '';
    const flush = () => {
      const bytes = Buffer.from(chunk, 'latin1');
      for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
      chunk = '';
    };
    for (const piece of pieces) {
      chunk += piece;
      if (chunk.length >= 1 << 20) flush();
    }
    flush();
  } finally {
    closeSync(fd);
  }
}

function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

export class ResultCache {
  private data: CacheData;
  private readonly file: string;
  private readonly byPath = new Map<string, FileEntry>();
  private readonly current = new Map<string, string>();
  private readonly fileList: string;
  private dirty = false;
  private readonly stored = new Set<string>();
  /** Files whose outcome came from the cache in this run. */
  hits = 0;

  /**
   * @param dir the cache folder
   * @param slot what names the cache file: the scan target and how it is scanned (packs, config), not
   *   what changes from run to run, so a new day, version or rebuild replaces the file instead of
   *   adding one
   * @param scope what the results depend on besides the files: tool and pack code, config, date, base
   */
  constructor(
    private readonly dir: string,
    slot: unknown,
    scope: unknown,
    entries: readonly FileEntry[],
    private readonly maxFileSize: number,
    private readonly startedAt: number,
    private readonly facts: ReadonlyMap<string, RuleFacts> = new Map(),
  ) {
    const key = digest(scope);
    this.file = path.join(dir, `scan-${digest(slot).slice(0, 32)}.json`);
    for (const e of entries) this.byPath.set(e.path, e);
    this.fileList = digest(entries.map((e) => `${e.path}\0${e.kind}`));
    this.data = { format: FORMAT, key, fileList: this.fileList, stats: {}, files: {}, memos: {} };
    try {
      // written as ASCII (see save): decoded byte for byte, several times faster than UTF-8
      const saved = JSON.parse(readFileSync(this.file, 'latin1')) as CacheData;
      if (saved.format === FORMAT && saved.key === key) this.data = saved;
    } catch {
      // no cache yet, or unreadable: start empty
    }
  }

  /** The content hash of a file as it is now (from its size and mtime when those are unchanged). */
  private hashNow(p: string): string {
    const known = this.current.get(p);
    if (known !== undefined) return known;
    const entry = this.byPath.get(p);
    let h = ABSENT;
    if (entry) {
      const st = this.data.stats[p];
      if (st && entry.mtimeMs !== undefined && st[0] === entry.size && st[1] === entry.mtimeMs) h = st[2];
      else {
        // only the hash is needed: no decoding, no line index
        const r = readFileBytes(entry.absPath, entry.kind, this.maxFileSize);
        h = r.ok ? r.hash : ABSENT;
      }
    }
    this.current.set(p, h);
    return h;
  }

  private readonly memoValid = new Map<string, boolean>();

  /** Whether a dependency set still holds: its files unchanged, its memos valid, the file list the same if it was listed. */
  private holds(set: DependencySet): boolean {
    if (set.fileList && this.data.fileList !== this.fileList) return false;
    for (const [dep, h] of Object.entries(set.deps)) if (this.hashNow(dep) !== h) return false;
    for (const key of set.memos) {
      let ok = this.memoValid.get(key);
      if (ok === undefined) {
        this.memoValid.set(key, false); // a cycle cannot vouch for itself
        const memo = this.data.memos[key];
        ok = memo !== undefined && this.holds(memo);
        this.memoValid.set(key, ok);
      }
      if (!ok) return false;
    }
    return true;
  }

  /** The cached outcome of a file, when nothing it depends on changed. */
  lookup(entry: FileEntry): FileOutcome | undefined {
    const rec = this.data.files[entry.path];
    if (!rec || this.hashNow(entry.path) !== rec.hash || !this.holds(rec)) return undefined;
    this.hits++;
    const { outcome } = rec;
    const out = <T extends Finding>(f: T | StoredFinding): T => expand(f, outcome.path, this.facts.get(Array.isArray(f) ? f[0] : f.ruleId));
    return { ...outcome, findings: outcome.findings.map((f) => out<Finding>(f)), suppressed: outcome.suppressed.map((f) => out<SuppressedFinding>(f)) };
  }

  /** Keep the dependency sets of memoised computations that fresh outcomes used. */
  storeMemos(memos: Record<string, DependencySet>): void {
    for (const [key, set] of Object.entries(memos)) {
      this.data.memos[key] = set;
      for (const [dep, h] of Object.entries(set.deps)) this.remember(dep, h);
      this.dirty = true;
    }
  }

  private remember(p: string, hash: string): void {
    const entry = this.byPath.get(p);
    if (!entry || entry.mtimeMs === undefined || entry.size === undefined || hash === ABSENT) return;
    if (entry.mtimeMs >= this.startedAt - RACY_MS) delete this.data.stats[p];
    else this.data.stats[p] = [entry.size, entry.mtimeMs, hash];
  }

  /** Keep a fresh outcome (those that read something untrackable have no `cache` part and are not kept). */
  store(outcome: FileOutcome): void {
    if (!outcome.cache) {
      if (this.data.files[outcome.path]) {
        delete this.data.files[outcome.path];
        this.dirty = true;
      }
      return;
    }
    const { cache, ...rest } = outcome;
    this.stored.add(outcome.path);
    const small = <T extends Finding>(f: T) => compact(f, outcome.path, this.facts.get(f.ruleId));
    this.data.files[outcome.path] = { ...cache, outcome: { ...rest, findings: rest.findings.map(small), suppressed: rest.suppressed.map(small) } };
    this.remember(outcome.path, cache.hash);
    for (const [dep, h] of Object.entries(cache.deps)) this.remember(dep, h);
    this.dirty = true;
  }

  /** Remove cache files of scans not run for a month (other targets, packs or configs), so the folder does not grow for ever. */
  private pruneOld(): void {
    const before = Date.now() - PRUNE_AFTER_MS;
    for (const name of readdirSync(this.dir)) {
      if (!/^scan-[0-9a-f]{32}\.json$/.test(name)) continue;
      const p = path.join(this.dir, name);
      try {
        if (statSync(p).mtimeMs < before) unlinkSync(p);
      } catch {
        // removed meanwhile, or not ours to remove
      }
    }
  }

  /** Write the cache (atomically), dropping files no longer in the scan. Never throws. */
  save(): string | undefined {
    // an outcome that depended on the file list is only valid for the list it was made with
    const listChanged = this.data.fileList !== this.fileList;
    const stale = Object.entries(this.data.files)
      .filter(([p, rec]) => !this.byPath.has(p) || (listChanged && rec.fileList && !this.stored.has(p)))
      .map(([p]) => p);
    for (const p of stale) delete this.data.files[p];
    for (const p of Object.keys(this.data.stats)) if (!this.byPath.has(p)) delete this.data.stats[p];
    // memo sets no kept file refers to any more (directly or through another memo)
    const live = new Set<string>();
    const queue = Object.values(this.data.files).flatMap((f) => f.memos);
    while (queue.length) {
      const k = queue.pop()!;
      if (live.has(k)) continue;
      live.add(k);
      queue.push(...(this.data.memos[k]?.memos ?? []));
    }
    for (const k of Object.keys(this.data.memos)) if (!live.has(k)) delete this.data.memos[k];
    if (!this.dirty && stale.length === 0 && !listChanged) return undefined;
    this.data.fileList = this.fileList;
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      writeAsciiPieces(tmp, asciiJsonPieces(this.data as unknown as Record<string, unknown>, SPLIT_MEMBERS));
      renameSync(tmp, this.file);
      this.pruneOld();
      return undefined;
    } catch (e) {
      return `result cache not saved (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); the next scan starts cold`;
    }
  }
}
