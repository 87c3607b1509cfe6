import { statSync } from 'node:fs';
import path from 'node:path';
import type { Finding, Notice, ScanResult, SkippedFile, SuppressedFinding } from '../model/finding.js';
import type { Pack } from '../model/rule.js';
import { compareFindings } from '../model/order.js';
import type { DocumentKind } from '../model/kinds.js';
import type { LoadedConfig } from '../config/config.js';
import { RuleSettingsResolver } from '../config/config.js';
import { discover, type DiscoveredFile } from '../discovery/walk.js';
import { classify, helmChartDirs, isInHelmChart, kindFromName } from '../discovery/classify.js';
import { readSourceFile } from './source-file.js';
import { ScanProject, type FileEntry } from './project-impl.js';
import { checkFile, type RuleRun } from './file-check.js';
import { CORE_PACK } from './core-rules.js';
import { PACKAGE_VERSION } from '../paths.js';
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


const DATA_NAME_KINDS = new Set(['data-yaml', 'data-json']);

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

  for (const target of req.targets) {
    const abs = path.resolve(req.cwd, target);
    let st;
    try {
      st = statSync(abs);
    } catch (e) {
      skipped.push({ file: toPosix(path.relative(base, abs) || target), reason: `target not found (${(e as NodeJS.ErrnoException).code})` });
      continue;
    }
    const { files, skipped: sk } = await discover(abs, { gitignore: req.gitignore, ignores: req.config.config.ignores });
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

  // Classify: by name, and for YAML/JSON by a look at the content.
  const charts = helmChartDirs(discovered.map((f) => f.path));
  const entries: FileEntry[] = [];
  for (const f of discovered) {
    const byName = kindFromName(f.path, isInHelmChart(f.path, charts));
    let kind: DocumentKind;
    if (byName && DATA_NAME_KINDS.has(byName)) {
      const r = await readSourceFile(f.absPath, f.path, 'text', req.maxFileSize);
      kind = r.ok ? classify(f.path, r.file.text, false) : 'text';
    } else {
      kind = (byName as DocumentKind | undefined) ?? 'text';
    }
    entries.push({ path: f.path, absPath: f.absPath, size: f.size, kind });
  }

  const project = new ScanProject(base, entries, req.maxFileSize);
  const resolver = new RuleSettingsResolver(req.config.config);
  const allRules = req.packs.flatMap((p) => p.rules.map((rule) => ({ rule, pack: p.name }))).filter((r) => !req.ruleFilter || req.ruleFilter(r.rule.meta.id));
  const coverage = new Map<string, number>();

  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const filesByKind: Record<string, number> = {};
  let filesScanned = 0;
  let toCheck = req.onlyFiles ? entries.filter((e) => req.onlyFiles!.has(e.path)) : entries;
  if (req.shard) {
    const { index, count } = req.shard;
    // by a hash of the path, so a file stays in its shard whatever else is added or removed
    toCheck = toCheck.filter((e) => parseInt(sha256(e.path).slice(0, 8), 16) % count === index - 1);
  }
  // kinds some active rule reads as a tree (files of other kinds are only read, never parsed)
  const treeKinds = new Set<DocumentKind>(allRules.flatMap(({ rule }) => rule.meta.kinds).filter((k) => k !== 'text'));
  const READ_AHEAD = 16;
  let done = 0;
  for (const [i, entry] of toCheck.entries()) {
    req.onProgress?.(done++, toCheck.length);
    project.prefetch(toCheck.slice(i + 1, i + 1 + READ_AHEAD).map((e) => e.path));
    const needsTree = treeKinds.has(entry.kind);
    const loaded = await project.loadFull(entry.path, { parse: needsTree });
    if ('skipped' in loaded) {
      skipped.push({ file: entry.path, reason: loaded.skipped });
      continue;
    }
    filesScanned++;
    filesByKind[entry.kind] = (filesByKind[entry.kind] ?? 0) + 1;
    if (loaded.notice) notices.push({ level: loaded.document.format === 'text' ? 'warning' : 'info', file: entry.path, message: loaded.notice });
    const runs: RuleRun[] = [];
    for (const { rule, pack } of allRules) {
      const kinds = rule.meta.kinds;
      const applies = kinds.includes(entry.kind) || kinds.includes('text');
      if (!applies) continue;
      // a rule for a parsed kind does not run on a file that could not be parsed (or rendered)
      if (!kinds.includes('text') && loaded.document.format === 'text' && entry.kind !== 'text' && (loaded.problems.length > 0 || entry.kind === 'helm')) continue;
      const eff = resolver.resolve(entry.path, rule.meta.id, { severity: rule.meta.severity, options: { ...(rule.meta.defaultOptions ?? {}) } });
      if (!eff) continue;
      runs.push({ rule, pack, severity: eff.severity, options: eff.options });
      coverage.set(rule.meta.id, (coverage.get(rule.meta.id) ?? 0) + 1);
    }
    const out = await checkFile(loaded.file, loaded.document, loaded.problems, runs, project, today);
    for (const f of out.findings) {
      // config can also turn off or re-grade core findings
      if (f.pack === 'saltire') {
        const eff = resolver.resolve(entry.path, f.ruleId, { severity: f.severity, options: {} });
        if (!eff) continue;
        f.severity = eff.severity;
      }
      findings.push(f);
    }
    suppressed.push(...out.suppressed);
    for (const n of out.notices) notices.push({ level: n.level, file: entry.path, message: n.message });
  }
  req.onProgress?.(toCheck.length, toCheck.length);
  await project.finish();

  findings.sort(compareFindings);
  suppressed.sort(compareFindings);
  skipped.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || (a.reason < b.reason ? -1 : 1));
  notices.sort((a, b) => ((a.file ?? '') < (b.file ?? '') ? -1 : (a.file ?? '') > (b.file ?? '') ? 1 : a.message < b.message ? -1 : 1));

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
    notices,
    stats: { filesScanned, filesByKind: Object.fromEntries(Object.entries(filesByKind).sort()), filesSkipped: skipped, durationMs: Date.now() - started, baselined: 0 },
    rulesRun: [...coverage.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([id, files]) => ({ id, files })),
  };
}
