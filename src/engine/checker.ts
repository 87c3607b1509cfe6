import type { Finding, Notice, SuppressedFinding } from '../model/finding.js';
import type { Pack, Rule } from '../model/rule.js';
import type { DocumentKind } from '../model/kinds.js';
import type { RuleSettingsResolver } from '../config/config.js';
import { DependencyRecord, ScanProject, type FileEntry } from './project-impl.js';
import { checkFile, type RuleRun } from './file-check.js';
import { Timing } from './timing.js';
import { implementPack } from '../packs/catalogue.js';

/** What checking one file produced; plain data, so it crosses from a worker and into the cache. */
export interface FileOutcome {
  path: string;
  /** Why the file was not checked (binary, too large, unreadable). */
  skipped?: string;
  /** The file's tree could not be built, so only text rules ran on it. */
  parseFailed: boolean;
  findings: Finding[];
  suppressed: SuppressedFinding[];
  notices: Notice[];
  /** For the result cache; absent when the check read something that cannot be tracked. */
  cache?: CacheDeps;
}

/**
 * What a check (or a memoised computation it used) read: other files with their content hashes,
 * memo computations by key (shared by many files, so stored once), and whether it listed the files.
 */
export interface DependencySet {
  deps: Record<string, string>;
  memos: string[];
  fileList: boolean;
}

export interface CacheDeps extends DependencySet {
  hash: string;
}

export interface CheckerSettings {
  base: string;
  entries: readonly FileEntry[];
  maxFileSize: number;
  today: string;
  /** Milliseconds an asynchronous rule may take on one file. */
  ruleTimeoutMs?: number;
  /** Record what each check reads, for the result cache (off: outcomes carry no `cache`). */
  trackDependencies?: boolean;
  /** `--timing`: measure each rule and parser (see `FileChecker.timing`). */
  timing?: boolean;
}

export interface ActiveRule {
  rule: Rule;
  pack: string;
}

/** A dependency on a file that is not in the scan (or could not be read). */
export const ABSENT = '-';

/**
 * Checks files one at a time: picks the rules of each file's kind, parses it once, runs them and
 * reports what the check depended on. One per thread; the same in the main thread and in workers.
 */
export class FileChecker {
  readonly project: ScanProject;
  /** Every active rule in pack order; a rule's index is the same in every thread. */
  readonly rules: ActiveRule[];
  private readonly byKind = new Map<DocumentKind, ActiveRule[]>();
  /** Kinds some active rule reads as a tree (files of other kinds are only read, never parsed). */
  private readonly treeKinds: Set<DocumentKind>;
  /** Time per rule and parser, when the settings ask for it. */
  readonly timing: Timing | undefined;

  constructor(
    packs: readonly Pack[],
    private readonly resolver: RuleSettingsResolver,
    private readonly settings: CheckerSettings,
    ruleFilter?: (ruleId: string) => boolean,
  ) {
    this.rules = packs.flatMap((p) => p.rules.map((rule) => ({ rule, pack: p.name }))).filter((r) => !ruleFilter || ruleFilter(r.rule.meta.id));
    for (const p of packs) this.packs.set(p.name, p);
    this.treeKinds = new Set(this.rules.flatMap(({ rule }) => rule.meta.kinds).filter((k) => k !== 'text'));
    this.project = new ScanProject(settings.base, settings.entries, settings.maxFileSize, settings.trackDependencies ?? true);
    this.timing = settings.timing ? new Timing() : undefined;
  }

  private rulesOfKind(kind: DocumentKind): ActiveRule[] {
    let list = this.byKind.get(kind);
    if (!list) {
      list = this.rules.filter(({ rule }) => rule.meta.kinds.includes(kind) || rule.meta.kinds.includes('text'));
      this.byKind.set(kind, list);
    }
    return list;
  }

  private readonly runsByKey = new Map<string, RuleRun[]>();
  private readonly packs = new Map<string, Pack>();
  /** Rule lists whose packs' code is loaded. */
  private readonly implemented = new WeakSet<RuleRun[]>();

  /** Load the code of every catalogued pack these runs need, before any of their rules runs (once per list). */
  private async implement(runs: RuleRun[]): Promise<void> {
    if (this.implemented.has(runs)) return;
    for (const name of new Set(runs.map((r) => r.pack))) {
      const pack = this.packs.get(name);
      if (pack) await implementPack(pack);
    }
    this.implemented.add(runs);
  }

  /** The rules that run on a file, with their effective settings (config overrides applied). */
  runsFor(entry: FileEntry, parseFailed: boolean): RuleRun[] {
    // files of one kind under the same overrides run the same rules with the same settings
    const key = `${entry.kind}\0${parseFailed}\0${this.resolver.layerKey(entry.path)}`;
    let runs = this.runsByKey.get(key);
    if (!runs) this.runsByKey.set(key, (runs = this.computeRuns(entry, parseFailed)));
    return runs;
  }

  private computeRuns(entry: FileEntry, parseFailed: boolean): RuleRun[] {
    const runs: RuleRun[] = [];
    for (const { rule, pack } of this.rulesOfKind(entry.kind)) {
      // a rule for a parsed kind does not run on a file that could not be parsed (or rendered)
      if (parseFailed && !rule.meta.kinds.includes('text')) continue;
      const eff = this.resolver.resolve(entry.path, rule.meta.id, { severity: rule.meta.severity, options: { ...(rule.meta.defaultOptions ?? {}) } });
      if (!eff || (rule.meta.enabledBy && eff.options[rule.meta.enabledBy] !== true)) continue;
      runs.push({ rule, pack, severity: eff.severity, options: eff.options });
    }
    return runs;
  }

  /**
   * Check one file. `onRule` is told each rule's id before its code runs (for a watchdog); rules in
   * `timedOut` were stopped by one on an earlier attempt and are reported instead of run.
   */
  async check(entry: FileEntry, opts: { timedOut?: readonly string[]; onRule?: (ruleId: string) => void } = {}): Promise<FileOutcome> {
    const started = this.timing ? performance.now() : 0;
    const parse = this.treeKinds.has(entry.kind);
    const loaded = await this.project.loadFull(entry.path, { parse });
    // reading (and decoding) the file, and parsing it when a rule needs its tree
    this.timing?.add(`${parse ? 'parse' : 'read'}:${entry.kind}`, performance.now() - started);
    const empty = { path: entry.path, parseFailed: false, findings: [], suppressed: [], notices: [] };
    if ('skipped' in loaded) return { ...empty, skipped: loaded.skipped };
    const notices: Notice[] = [];
    if (loaded.notice) notices.push({ level: loaded.document.format === 'text' ? 'warning' : 'info', file: entry.path, message: loaded.notice });
    const full = loaded.file.truncatedFrom;
    if (full !== undefined) {
      const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
      notices.push({ level: 'warning', file: entry.path, message: `larger than the size cap (${mb(full)}): only its first ${mb(loaded.file.text.length)} (${loaded.file.lines.lineCount - 1} lines) were checked, as a sample of its rows; raise --max-file-size to check all of it` });
    }
    const parseFailed = loaded.document.format === 'text' && entry.kind !== 'text' && (loaded.problems.length > 0 || loaded.unrendered === true);
    const runs = this.runsFor(entry, parseFailed);
    await this.implement(runs);
    const record = new DependencyRecord();
    // a rendered Helm template depends on its whole chart (values, helpers): never cached
    if (entry.kind === 'helm') record.opaque = true;
    const out = await checkFile(loaded.file, loaded.document, loaded.problems, runs, this.project.view(record), this.settings.today, { onRule: opts.onRule, ruleTimeoutMs: this.settings.ruleTimeoutMs, timedOut: opts.timedOut, timing: this.timing });
    this.project.checked(entry.path);
    const findings: Finding[] = [];
    for (const f of out.findings) {
      // config can also turn off or re-grade core findings
      if (f.pack === 'saltire') {
        const eff = this.resolver.resolve(entry.path, f.ruleId, { severity: f.severity, options: {} });
        if (!eff) continue;
        f.severity = eff.severity;
      }
      findings.push(f);
    }
    for (const n of out.notices) notices.push(n.scan ? { level: n.level, message: n.message } : { level: n.level, file: entry.path, message: n.message });
    const outcome: FileOutcome = { path: entry.path, parseFailed, findings, suppressed: out.suppressed, notices };
    const hash = this.project.hashes.get(entry.path);
    if (hash && this.settings.trackDependencies !== false && !this.project.isOpaque(record) && !findings.some((f) => f.ruleId === 'saltire/rule-timeout' || f.ruleId === 'saltire/rule-error')) {
      outcome.cache = { hash, ...this.dependencySet(record, entry.path) };
    }
    return outcome;
  }

  private dependencySet(record: DependencyRecord, self?: string): DependencySet {
    const deps: Record<string, string> = {};
    for (const p of [...record.paths].sort()) if (p !== self) deps[p] = this.project.hashes.get(p) ?? ABSENT;
    return { deps, memos: [...record.memos].sort(), fileList: record.fileList };
  }

  /** The dependency sets of these memo computations and of every memo they used in turn. */
  memoSets(keys: Iterable<string>, skip: ReadonlySet<string> = new Set()): Record<string, DependencySet> {
    const out: Record<string, DependencySet> = {};
    const queue = [...keys];
    while (queue.length) {
      const key = queue.pop()!;
      if (key in out || skip.has(key)) continue;
      const rec = this.project.memoRecord(key);
      if (!rec) continue;
      out[key] = this.dependencySet(rec);
      queue.push(...rec.memos);
    }
    return out;
  }
}
