import { closeSync, existsSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config/config.js';
import { UsageError } from '../errors.js';
import { loadPacks, BUILTIN_PACK_NAMES } from '../packs/load.js';
import { scan, scanBase, DEFAULT_MAX_FILE_SIZE } from '../engine/scan.js';
import { defaultCacheDir } from '../engine/cache.js';
import { changedFilesSince } from '../sources/git.js';
import { scanGitHistory } from '../sources/git-history.js';
import { applyBaseline, readBaseline } from '../baseline/baseline.js';
import { getReporter, parseFormatOption, type FormatRequest } from '../reporters/index.js';
import { atLeast, isSeverity, type Severity } from '../model/severity.js';
import type { ScanResult } from '../model/finding.js';
import { ruleCatalogue } from './rule-catalogue.js';
import { rollUp } from '../standards/rollup.js';
import { compareFindings } from '../model/order.js';
import { formatTiming, Timing } from '../engine/timing.js';
import { setOsvDatabase } from '../osv/location.js';
import { chromiumPath } from '../render/chromium.js';
import { isLocalTarget, mergeRendered, parseMaxPages, parseRenderTarget, renderSite } from '../render/site.js';
import { isStandardId, STANDARD_IDS, type StandardId } from '../standards/catalogue.js';

export interface ScanCliOptions {
  format?: string[];
  packs?: string;
  failOn?: string;
  config?: string;
  baseline?: string;
  changedSince?: string;
  gitignore?: boolean;
  maxFileSize?: string;
  quiet?: boolean;
  color?: boolean;
  standard?: string;
  /** `--render [target]`: true renders the scanned HTML files; a folder of built pages or a URL renders those. */
  render?: boolean | string;
  renderMaxPages?: string;
  allowRemote?: boolean;
  osvDb?: string;
  /** `--git-history [range]`: true for the whole history, or a revision range. */
  gitHistory?: boolean | string;
  shard?: string;
  jobs?: string;
  /** `--no-cache` sets this to false. */
  cache?: boolean;
  cacheDir?: string;
  ruleTimeout?: string;
  /** `--timing`: print where the time went (per rule, parser and phase) to stderr. */
  timing?: boolean;
}

function parseCount(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v.trim()) || Number(v) > 64) throw new UsageError(`${name} must be a whole number from 0 to 64 (got "${v}")`);
  return Number(v);
}

function parseSeconds(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!/^\d+(\.\d+)?$/.test(v.trim()) || n <= 0) throw new UsageError(`${name} must be a number of seconds above 0 (got "${v}")`);
  return Math.round(n * 1000);
}

export function parseStandard(v: string | undefined): StandardId {
  const s = v ?? 'dsss-2021';
  if (!isStandardId(s)) throw new UsageError(`--standard must be one of ${STANDARD_IDS.join(', ')} (got "${s}")`);
  return s;
}

export function parseShard(v: string | undefined): { index: number; count: number } | undefined {
  if (v === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(v.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) throw new UsageError(`--shard must be <i>/<n> with 1 ≤ i ≤ n, e.g. 2/4 (got "${v}")`);
  return { index, count };
}

export function parseFailOn(v: string | undefined, fallback: Severity | 'none'): Severity | 'none' {
  if (v === undefined) return fallback;
  if (v === 'none' || isSeverity(v)) return v;
  throw new UsageError(`--fail-on must be one of critical, high, medium, low, info, none (got "${v}")`);
}

function parseSize(v: string | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  const m = /^(\d+)\s*(k|kb|m|mb|g|gb)?$/i.exec(v.trim());
  if (!m) throw new UsageError(`--max-file-size must be a number of bytes (e.g. 5000000 or 5mb), got "${v}"`);
  const mult = { k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3 }[(m[2] ?? '').toLowerCase() as 'k'] ?? 1;
  const n = Number(m[1]) * mult;
  if (n < 1) throw new UsageError('--max-file-size must be at least 1 byte');
  return n;
}

export interface PreparedScan {
  result: ScanResult;
  failOn: Severity | 'none';
  formats: FormatRequest[];
  baseDir: string;
  rules: ReturnType<typeof ruleCatalogue>;
  /** `--timing`: the scan's totals, to which the caller adds its own phases. */
  timing?: Timing;
}

/** Everything `scan` and `baseline` share: config, packs, the scan itself. */
export async function runScan(targets: string[], opts: ScanCliOptions, progress: boolean, source?: ScanResult['source']): Promise<PreparedScan> {
  const cwd = process.cwd();
  const formats = (opts.format?.length ? opts.format : ['text']).map(parseFormatOption);
  const standard = parseStandard(opts.standard);
  const toStdout = formats.filter((f) => !f.file);
  if (toStdout.length > 1) throw new UsageError(`only one format can go to stdout (got ${toStdout.map((f) => f.format).join(', ')}); give the others a file: --format sarif=out.sarif`);
  const loaded = loadConfig(opts.config, targets[0] ?? '.');
  if (opts.osvDb) {
    if (!existsSync(opts.osvDb)) throw new UsageError(`--osv-db: ${opts.osvDb} does not exist (a folder of <Ecosystem>/all.zip, or one all.zip)`);
    setOsvDatabase(path.resolve(opts.osvDb));
  }
  const renderTarget = typeof opts.render === 'string' ? parseRenderTarget(opts.render, cwd, opts.allowRemote === true) : undefined;
  const renderMaxPages = parseMaxPages(opts.renderMaxPages);
  if (!renderTarget && (opts.renderMaxPages !== undefined || opts.allowRemote)) throw new UsageError('--render-max-pages and --allow-remote go with --render <dir | URL>');
  if (opts.render && !chromiumPath()) throw new UsageError('--render needs Chromium: install Debian\'s chromium (apt-get install chromium) or set CHROMIUM_PATH');
  if (opts.render === true) {
    // --render: rendered checks in headless Chromium (axe-core) on the scanned HTML files, on top of the static ones
    for (const id of ['accessibility/axe-rendered', 'accessibility/axe-needs-review']) {
      const prev = loaded.config.rules?.[id];
      if (prev === 'off') continue;
      const base = typeof prev === 'object' ? prev : typeof prev === 'string' ? { severity: prev } : {};
      loaded.config = { ...loaded.config, rules: { ...loaded.config.rules, [id]: { ...base, options: { ...(base.options ?? {}), render: true } } } };
    }
  }
  const cfg = loaded.config;
  const failOn = parseFailOn(opts.failOn, cfg.failOn ?? 'high');
  const packSpecs = opts.packs !== undefined ? opts.packs.split(',').map((s) => s.trim()).filter(Boolean) : cfg.packs ?? BUILTIN_PACK_NAMES;
  if (packSpecs.length === 0) throw new UsageError('--packs needs at least one pack name');
  const packCwd = loaded.path ? path.dirname(loaded.path) : cwd;
  // built-in packs' rule code loads when a file of their kinds is checked (not for cached files)
  const base = scanBase(targets, cwd);
  // git runs in child processes while the packs load; a failure is awaited (and reported) below
  const changed = opts.changedSince ? changedFilesSince(base, opts.changedSince) : undefined;
  changed?.catch(() => undefined);
  const packs = await loadPacks(packSpecs, packCwd, { lazy: true });
  const jobs = parseCount(opts.jobs, '--jobs');
  const ruleTimeoutMs = parseSeconds(opts.ruleTimeout, '--rule-timeout');
  const onlyFiles = await changed;
  const showProgress = progress && !opts.quiet && process.stderr.isTTY;
  let last = 0;
  const timing = opts.timing ? new Timing() : undefined;
  const result = await scan({
    targets,
    cwd,
    packs,
    config: loaded,
    gitignore: opts.gitignore ?? cfg.gitignore ?? true,
    maxFileSize: parseSize(opts.maxFileSize, cfg.maxFileSize ?? DEFAULT_MAX_FILE_SIZE),
    onlyFiles,
    shard: parseShard(opts.shard),
    source,
    packSource: { specs: packSpecs, cwd: packCwd },
    // the rendered checks share one browser in this thread
    jobs: opts.render === true ? 0 : jobs,
    // rendered pages depend on what the browser loads (CSS, scripts), which the cache cannot track
    cache: opts.cache === false || opts.render === true ? undefined : { dir: path.resolve(opts.cacheDir ?? defaultCacheDir()) },
    ruleTimeoutMs,
    onTiming: timing ? (record) => timing.merge(record) : undefined,
    onProgress: showProgress
      ? (done, total) => {
          const now = Date.now();
          if (done < total && now - last < 100) return;
          last = now;
          process.stderr.write(done < total ? `\rScanning ${done}/${total} files…` : '\r\x1b[K');
        }
      : undefined,
  });
  // --render <dir | URL>: the built site's pages, rendered in one browser (before baselines and the roll-up)
  if (renderTarget) mergeRendered(result, await renderSite(renderTarget, { base: targets.length ? base : undefined, maxPages: renderMaxPages, allowRemote: opts.allowRemote === true, config: loaded.config, today: result.startedAt.slice(0, 10) }), renderTarget);
  if (opts.gitHistory !== undefined && opts.gitHistory !== false) {
    const range = typeof opts.gitHistory === 'string' ? opts.gitHistory : undefined;
    const history = await scanGitHistory(base, range, packs, result.startedAt.slice(0, 10));
    const current = new Set(result.findings.map((f) => f.fingerprint));
    result.findings.push(...history.filter((f) => !current.has(f.fingerprint)));
    result.findings.sort(compareFindings);
  }
  const baselineFile = opts.baseline ?? cfg.baseline;
  if (baselineFile) applyBaseline(result, readBaseline(path.resolve(baselineFile)));
  const rules = ruleCatalogue(packs);
  result.standard = standard;
  result.criteria = timing ? timing.time('engine:criteria roll-up', () => rollUp(result, standard, rules)) : rollUp(result, standard, rules);
  return { result, failOn, formats, baseDir: base, rules, timing };
}

/** Write text to a file piece by piece, each encoded once (writing a large string is several times slower than its bytes). */
function writePieces(file: string, pieces: Iterable<string>): void {
  const fd = openSync(file, 'w');
  try {
    for (const piece of pieces) {
      const bytes = Buffer.from(piece, 'utf8');
      for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
    }
  } finally {
    closeSync(fd);
  }
}

/** `--timing`: the table, on stderr (reports, written since `reportsFrom`, count as a phase). */
export function printTiming(timing: Timing | undefined, result: ScanResult, reportsFrom?: number): void {
  if (!timing) return;
  if (reportsFrom !== undefined) timing.add('engine:reports', performance.now() - reportsFrom);
  process.stderr.write(`${formatTiming(timing.toRecord(), performance.now(), 20, result.stats.cached ?? 0)}\n`);
}

/** Render a result in each requested format, to stdout or files. */
export async function writeReports(result: ScanResult, formats: FormatRequest[], ctx: { rules: PreparedScan['rules']; failOn: Severity | 'none'; baseDir?: string; color?: boolean; quiet?: boolean }): Promise<void> {
  // process.stdout is set up on first use (about 10 ms): only when a report goes there
  const color = () => ctx.color ?? (process.stdout.isTTY === true && !process.env.NO_COLOR);
  for (const req of formats) {
    const reporter = await getReporter(req.format);
    const shown = ctx.quiet && req.format === 'text' ? { ...result, notices: [] } : result;
    const rctx = { rules: ctx.rules, color: req.file ? false : color(), failOn: ctx.failOn, baseDir: ctx.baseDir };
    const pieces = reporter.pieces ? reporter.pieces(shown, rctx) : [reporter.render(shown, rctx)];
    if (req.file) {
      mkdirSync(path.dirname(path.resolve(req.file)), { recursive: true });
      writePieces(req.file, pieces);
    } else {
      for (const piece of pieces) process.stdout.write(piece);
    }
  }
}

export function exitCodeFor(result: ScanResult, failOn: Severity | 'none'): number {
  return failOn !== 'none' && result.findings.some((f) => atLeast(f.severity, failOn)) ? 1 : 0;
}

/** With no positional target: `.`; with `--render <folder>`, that folder (checked statically too); with `--render <URL>`, none (rendered checks only). */
function defaultTargets(opts: ScanCliOptions): string[] {
  if (typeof opts.render !== 'string') return ['.'];
  return isLocalTarget(parseRenderTarget(opts.render, process.cwd(), opts.allowRemote === true)) && !/^file:/i.test(opts.render.trim()) ? [opts.render] : [];
}

export async function scanCommand(targets: string[], opts: ScanCliOptions): Promise<number> {
  if (targets.some((t) => /^github(-org)?:/.test(t))) {
    // the GitHub client (octokit) loads only for GitHub targets
    const { githubTargetOf, githubScanCommand } = await import('./github-scan.js');
    return githubScanCommand(githubTargetOf(targets)!, opts);
  }
  const { result, failOn, formats, baseDir, rules, timing } = await runScan(targets.length ? targets : defaultTargets(opts), opts, true);
  const reportsFrom = performance.now();
  await writeReports(result, formats, { rules, failOn, baseDir, color: opts.color, quiet: opts.quiet });
  printTiming(timing, result, reportsFrom);
  return exitCodeFor(result, failOn);
}
