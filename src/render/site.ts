/**
 * `saltire scan --render <dir | file: URL | http(s) URL>`: render a built site's pages in one headless
 * Chromium and run axe-core on each.
 *
 * - A folder: every .html/.htm page in it, served from a loopback server over the folder, each
 *   annotated with its source offsets so findings have exact lines (as in the per-file rendered rules).
 * - A URL: that page and the same-origin pages linked from it, breadth-first, at most `maxPages`.
 *   A file: URL is served from a loopback server over its folder (so it also gets exact lines).
 * Only loopback hosts (127.0.0.0/8, ::1, localhost) unless `allowRemote`; no other request leaves the
 * machine unless it is allowed.
 */
import { createHash } from 'node:crypto';
import { existsSync, promises as fsp, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../errors.js';
import type { Finding, Notice, ScanResult, SuppressedFinding } from '../model/finding.js';
import type { Rule, RuleMeta } from '../model/rule.js';
import { compareFindings } from '../model/order.js';
import { LineIndex } from '../model/location.js';
import { detachedProject } from '../engine/project.js';
import { checkFile, helpFor } from '../engine/file-check.js';
import { fingerprintOf } from '../engine/fingerprint.js';
import { formatMessage } from '../engine/redact.js';
import { RuleSettingsResolver, type SaltireConfig } from '../config/config.js';
import { parseDocument } from '../parsers/index.js';
import { DEFAULT_IGNORED_DIRS } from '../discovery/walk.js';
import { RENDERED_RULES } from '../../rules/accessibility/rendered.js';
import { serveDir, type DirServer } from './browser.js';
import { BROWSER_CALL_MS, Chromium, within } from './chromium.js';
import { mapWithConcurrency } from '../concurrency.js';
import { annotateOffsets, axeReports, runAxe, type AxeReport } from './axe.js';

export const DEFAULT_MAX_PAGES = 20;

export type RenderTarget =
  /** Every HTML page of a folder. */
  | { kind: 'dir'; dir: string; display: string }
  /** A page on disk (a file path or file: URL): served with its folder, crawled from. */
  | { kind: 'file'; dir: string; start: string; display: string }
  /** A page on a web server: crawled from. */
  | { kind: 'url'; url: URL; display: string };

/** 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  if (/^::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)) return true;
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return !!m && m.slice(1).every((x) => Number(x) <= 255) && m[1] === '127';
}

/** What `--render <value>` names; a UsageError (exit 2, one line) for what may not or cannot be rendered. */
export function parseRenderTarget(value: string, cwd: string, allowRemote: boolean): RenderTarget {
  const v = value.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(v) && !/^[a-z]:[\\/]/i.test(v)) {
    let url: URL;
    try {
      url = new URL(v);
    } catch {
      throw new UsageError(`--render: "${v}" is not a valid URL`);
    }
    if (url.protocol === 'file:') {
      const p = fileURLToPath(url);
      return localTarget(p, v);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--render takes a folder of built HTML, or an http(s): or file: URL (got ${url.protocol} URL)`);
    if (!isLoopbackHost(url.hostname) && !allowRemote)
      throw new UsageError(`--render ${url.origin}: only loopback (127.0.0.0/8, ::1, localhost) and file: URLs are rendered; add --allow-remote to render ${url.hostname}`);
    url.hash = '';
    return { kind: 'url', url, display: url.href };
  }
  return localTarget(path.resolve(cwd, v), v);
}

function localTarget(abs: string, display: string): RenderTarget {
  let st;
  try {
    st = statSync(abs);
  } catch {
    throw new UsageError(`--render: ${display} does not exist`);
  }
  if (st.isDirectory()) return { kind: 'dir', dir: abs, display };
  if (!/\.x?html?$/i.test(abs)) throw new UsageError(`--render: ${display} is not an HTML page or a folder of them`);
  return { kind: 'file', dir: path.dirname(abs), start: path.basename(abs), display };
}

/** True when the target is a folder or file on disk (which a scan with no positional target then also checks statically). */
export function isLocalTarget(t: RenderTarget): boolean {
  return t.kind !== 'url';
}

export function parseMaxPages(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || n < 1) throw new UsageError(`--render-max-pages must be a whole number of pages, at least 1 (got "${v}")`);
  return n;
}

export interface RenderSiteOptions {
  /** Folder finding paths of pages on disk are relative to (the scan's base); default the rendered folder. */
  base?: string;
  /** Pages at most (a URL's crawl: default 20; a folder: all, unless set). */
  maxPages?: number;
  allowRemote?: boolean;
  config?: SaltireConfig;
  /** YYYY-MM-DD, for inline suppressions' expiry. */
  today: string;
  /** Pages rendered at once (default: the CPUs, at most 4). */
  concurrency?: number;
  /** Rendered rules (default the accessibility pack's). */
  rules?: Rule[];
}

export interface RenderSiteResult {
  findings: Finding[];
  suppressed: SuppressedFinding[];
  notices: Notice[];
  /** Pages rendered and checked. */
  pages: string[];
  rulesRun: { id: string; files: number }[];
}

const NOT_PAGES = /\.(pdf|zip|gz|tgz|png|jpe?g|gif|webp|svg|ico|css|js|mjs|json|xml|csv|txt|docx?|xlsx?|pptx?|od[tsp]|mp[34]|webm|woff2?|ttf|eot)$/i;
const toPosix = (p: string) => p.split(path.sep).join('/');

interface Job {
  url: string;
  /** Pages on disk: path relative to the served folder (POSIX). */
  rel?: string;
}

interface PageOutcome {
  job: Job;
  reports: AxeReport[];
  links: string[];
  /** Hash of the HTML as served, to recognise one page reached by two URLs (`/` and `/index.html`). */
  hash: string;
}

/** Every HTML page under a folder, sorted (version control and dependency folders left out). */
async function htmlFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string) => {
    const entries = await fsp.readdir(path.join(dir, rel), { withFileTypes: true });
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!DEFAULT_IGNORED_DIRS.has(e.name)) await walk(r);
      } else if (e.isFile() && /\.html?$/i.test(e.name)) out.push(r);
    }
  };
  await walk('');
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A page URL as a stable, host-independent path: relative to the start page's folder ("./" for the folder itself). */
export function urlLabel(u: URL, start: URL): string {
  const dir = start.pathname.replace(/[^/]*$/, '');
  let rel = path.posix.relative(dir, u.pathname);
  if (u.pathname.endsWith('/') && rel) rel += '/';
  if (!rel) rel = './';
  return rel + u.search;
}

/** Render the target's pages and check each with the rendered rules. Throws UsageError when Chromium does not start. */
export async function renderSite(target: RenderTarget, opts: RenderSiteOptions): Promise<RenderSiteResult> {
  const rules = opts.rules ?? RENDERED_RULES;
  const base = opts.base ?? (target.kind === 'url' ? process.cwd() : target.dir);
  const resolver = new RuleSettingsResolver(opts.config ?? {});
  const notices: Notice[] = [];
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const pages: string[] = [];
  let blocked = 0;
  const blockedHosts = new Set<string>();
  const server: DirServer | undefined = target.kind === 'url' ? undefined : await serveDir(target.dir);
  const origin = server ? new URL(server.baseUrl).origin : (target as { url: URL }).url.origin;
  // the context of the browser, and of any browser relaunched after a crash
  const chromium = await Chromium.launch(async (browser) => {
    const context = await browser.newContext({ bypassCSP: true });
    await context.route('**/*', (route) => {
      const u = new URL(route.request().url());
      const allowed = server ? u.origin === origin : u.protocol === 'data:' || u.protocol === 'blob:' || opts.allowRemote === true || ((u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'ws:' || u.protocol === 'wss:') && isLoopbackHost(u.hostname));
      if (allowed) return route.continue();
      blocked++;
      blockedHosts.add(u.host || u.protocol);
      return route.abort('blockedbyclient');
    });
    return context;
  });
  if ('error' in chromium) {
    await server?.close();
    throw new UsageError(`--render: ${chromium.error}`);
  }
  try {
    const pageLabel = (job: Job): string => {
      if (job.rel !== undefined) return toPosix(path.relative(base, path.join((target as { dir: string }).dir, job.rel)));
      return urlLabel(new URL(job.url), (target as { url: URL }).url);
    };

    /** Source of each rendered page on disk, by URL. */
    const pending = new Map<string, { text: string; doc: Awaited<ReturnType<typeof parseDocument>>['document']; label: string }>();
    const renderOne = async (job: Job): Promise<PageOutcome | undefined> => {
      const label = pageLabel(job);
      let text: string | undefined;
      let doc: Awaited<ReturnType<typeof parseDocument>>['document'] | undefined;
      if (job.rel !== undefined && server) {
        const abs = path.join((target as { dir: string }).dir, job.rel);
        text = (await fsp.readFile(abs, 'utf8')).replace(/^\uFEFF/, '');
        doc = (await parseDocument({ path: label, absPath: abs, kind: 'html', text, lines: new LineIndex(text), size: text.length })).document;
        if (doc.format === 'html') server.override.set(job.rel, annotateOffsets(text, doc.root));
      }
      try {
        return await chromium.withPage(async (page) => {
          const resp = await page.goto(job.url, { waitUntil: 'load', timeout: 30_000 });
          const status = resp?.status() ?? 0;
          if (resp && status >= 400) {
            notices.push({ level: 'warning', file: label, message: `not rendered: the server answered HTTP ${status}` });
            return undefined;
          }
          const type = resp?.headers()['content-type'] ?? 'text/html';
          if (!/html/i.test(type)) return undefined;
          const final = new URL(page.url());
          if (final.origin !== origin) {
            notices.push({ level: 'warning', file: label, message: `not rendered: it redirected to another origin (${final.origin})` });
            return undefined;
          }
          const body = resp ? await within(resp.body(), BROWSER_CALL_MS, 'reading the page').catch(() => undefined) : undefined;
          const hash = createHash('sha256').update(body ?? job.url).digest('hex');
          const axe = await runAxe(page);
          const links = await within(
            page.evaluate(() => Array.from(document.querySelectorAll('a[href], area[href]'), (a) => (a as HTMLAnchorElement).href)),
            BROWSER_CALL_MS,
            'listing the page\'s links',
          );
          return { job, reports: axeReports(axe, job.rel === undefined ? job.url : undefined), links, hash };
        });
      } catch (e) {
        notices.push({ level: 'warning', file: label, message: `not rendered: ${(e as Error).message.split('\n')[0]}` });
        return undefined;
      } finally {
        if (job.rel !== undefined) server?.override.delete(job.rel);
        if (text !== undefined && doc) pending.set(job.url, { text, doc, label });
      }
    };
    const concurrency = Math.max(1, opts.concurrency ?? Math.min(4, availableParallelism()));
    const outcomes: PageOutcome[] = [];

    if (target.kind === 'dir') {
      let files = await htmlFiles(target.dir);
      if (opts.maxPages !== undefined && files.length > opts.maxPages) {
        notices.push({ level: 'info', message: `--render ${target.display}: rendered the first ${opts.maxPages} of ${files.length} pages (--render-max-pages)` });
        files = files.slice(0, opts.maxPages);
      }
      const jobs = files.map((rel) => ({ rel, url: server!.baseUrl + rel.split('/').map(encodeURIComponent).join('/') }));
      for (const o of await mapWithConcurrency(jobs, concurrency, renderOne)) if (o) outcomes.push(o);
    } else {
      // breadth-first over same-origin links, level by level (deterministic whatever the concurrency)
      const max = opts.maxPages ?? DEFAULT_MAX_PAGES;
      const startUrl = target.kind === 'url' ? target.url.href : server!.baseUrl + encodeURIComponent(target.start);
      const toJob = (href: string): Job | undefined => {
        let u: URL;
        try {
          u = new URL(href);
        } catch {
          return undefined;
        }
        u.hash = '';
        if (u.origin !== origin || NOT_PAGES.test(u.pathname)) return undefined;
        if (!server) return { url: u.href };
        let rel: string;
        try {
          rel = decodeURIComponent(u.pathname).replace(/^\/+/, '');
        } catch {
          return undefined;
        }
        const dir = (target as { dir: string }).dir;
        if (rel === '' || rel.endsWith('/')) rel += 'index.html';
        const abs = path.resolve(dir, rel);
        if (!abs.startsWith(dir + path.sep) || !/\.x?html?$/i.test(rel) || !existsSync(abs)) return undefined;
        return { url: server.baseUrl + rel.split('/').map(encodeURIComponent).join('/'), rel: toPosix(path.relative(dir, abs)) };
      };
      const first = toJob(startUrl);
      if (!first) throw new UsageError(`--render: ${target.display} is not a page that can be rendered`);
      const seen = new Set([first.url]);
      const served = new Set<string>();
      let level: Job[] = [first];
      let attempted = 0;
      let leftOut = 0;
      while (level.length) {
        const batch = level.slice(0, Math.max(0, max - attempted));
        leftOut += level.length - batch.length;
        attempted += batch.length;
        const next: Job[] = [];
        for (const o of await mapWithConcurrency(batch, concurrency, renderOne)) {
          if (!o || served.has(o.hash)) continue;
          served.add(o.hash);
          outcomes.push(o);
          for (const href of o.links) {
            const j = toJob(href);
            if (!j || seen.has(j.url)) continue;
            seen.add(j.url);
            next.push(j);
          }
        }
        level = next;
        if (attempted >= max) {
          leftOut += level.length;
          break;
        }
      }
      if (leftOut > 0) notices.push({ level: 'info', message: `--render ${target.display}: ${leftOut} more same-origin page URL${leftOut === 1 ? '' : 's'} linked from the rendered pages ${leftOut === 1 ? 'was' : 'were'} not loaded (--render-max-pages ${max})` });
    }

    // findings: pages on disk go through the engine's per-file finish (exact lines, evidence, inline suppressions)
    const project = detachedProject(base);
    for (const o of outcomes) {
      const label = pageLabel(o.job);
      pages.push(label);
      const src = pending.get(o.job.url);
      if (src) {
        const runs = rules.flatMap((rule) => {
          const eff = resolver.resolve(label, rule.meta.id, { severity: rule.meta.severity, options: { ...(rule.meta.defaultOptions ?? {}) } });
          if (!eff) return [];
          const replay: Rule = {
            meta: rule.meta,
            check(ctx) {
              for (const r of o.reports) if (r.messageId in rule.meta.messages) ctx.report({ messageId: r.messageId, ...(r.offset !== null ? { offsets: [r.offset, r.offset + 1] } : {}), severity: r.severity, data: r.data, properties: r.properties });
            },
          };
          return [{ rule: replay, pack: 'accessibility', severity: eff.severity, options: eff.options }];
        });
        const file = { path: label, absPath: path.join((target as { dir: string }).dir, o.job.rel!), kind: 'html' as const, text: src.text, lines: new LineIndex(src.text), size: src.text.length };
        const out = await checkFile(file, src.doc, [], runs, project, opts.today);
        findings.push(...out.findings);
        suppressed.push(...out.suppressed);
        for (const n of out.notices) notices.push({ level: n.level, file: label, message: n.message });
      } else {
        findings.push(...urlFindings(label, o.reports, rules, resolver));
      }
    }
    if (blocked > 0)
      notices.push({ level: 'info', message: `--render ${target.display}: ${blocked} request${blocked === 1 ? '' : 's'} to ${[...blockedHosts].sort().slice(0, 5).join(', ')}${blockedHosts.size > 5 ? ', …' : ''} ${blocked === 1 ? 'was' : 'were'} blocked${opts.allowRemote ? '' : ' (only loopback is loaded; --allow-remote lifts this)'}; pages may render without them` });
    const recovery = chromium.recoverySummary();
    if (recovery) notices.push({ level: 'warning', message: `--render ${target.display}: ${recovery}` });
    notices.push({ level: 'info', message: `--render ${target.display}: ${pages.length} page${pages.length === 1 ? '' : 's'} rendered in headless Chromium and checked with axe-core` });
  } finally {
    await chromium.close();
    await server?.close();
  }
  findings.sort(compareFindings);
  suppressed.sort(compareFindings);
  const ran = rules.map((r) => ({ id: r.meta.id, files: pages.length }));
  return { findings, suppressed, notices, pages, rulesRun: ran };
}

/** Findings for a page that is not on disk: located at 1:1, found by the selector and snippet in the message and evidence. */
function urlFindings(label: string, reports: AxeReport[], rules: Rule[], resolver: RuleSettingsResolver): Finding[] {
  const out: Finding[] = [];
  const occurrences = new Map<string, number>();
  for (const r of reports) {
    const meta: RuleMeta | undefined = rules.find((x) => r.messageId in x.meta.messages)?.meta;
    if (!meta) continue;
    const eff = resolver.resolve(label, meta.id, { severity: meta.severity, options: { ...(meta.defaultOptions ?? {}) } });
    if (!eff) continue;
    const line = `${r.selector} ${r.html}`;
    const key = `${meta.id}\u0000${line}`;
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    const html = r.html.replace(/\s+/g, ' ').trim();
    out.push({
      ruleId: meta.id,
      pack: 'accessibility',
      severity: r.severity,
      message: formatMessage(meta.messages[r.messageId], r.data),
      messageId: r.messageId,
      file: label,
      range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
      fingerprint: fingerprintOf(meta.id, label, line, occurrence),
      standards: meta.standards,
      evidence: html.length > 160 ? `${html.slice(0, 159)}…` : html,
      help: helpFor(meta.id),
      properties: r.properties,
    });
  }
  return out;
}

/** Fold a rendered run into a scan's result (before baselines and the standards roll-up are applied). */
export function mergeRendered(result: ScanResult, run: RenderSiteResult, target: RenderTarget): void {
  result.findings.push(...run.findings);
  result.findings.sort(compareFindings);
  result.suppressed.push(...run.suppressed);
  result.suppressed.sort(compareFindings);
  result.notices.push(...run.notices);
  const ran = new Map(result.rulesRun.map((r) => [r.id, r.files]));
  for (const r of run.rulesRun) ran.set(r.id, Math.max(ran.get(r.id) ?? 0, r.files));
  result.rulesRun = [...ran.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([id, files]) => ({ id, files }));
  if (!result.target) result.target = target.display;
  result.stats.pagesRendered = (result.stats.pagesRendered ?? 0) + run.pages.length;
}
