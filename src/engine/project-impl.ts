import type { DocumentKind } from '../model/kinds.js';
import type { ParseProblem } from '../model/document.js';
import { parseDocument, type ParseOutcome } from '../parsers/index.js';
import type { SourceFile } from '../model/document.js';
import path from 'node:path';
import type { LoadedDocument, MemoOptions, ProjectContext, ProjectFile } from './project.js';
import { AsyncLocalStorage } from 'node:async_hooks';
import { readSourceFile, type ReadOutcome } from './source-file.js';

export interface FileEntry extends ProjectFile {
  absPath: string;
  size?: number;
  mtimeMs?: number;
}

/** `unrendered`: a template that is not its kind's syntax until rendered, so only text checks run on it. */
export type LoadResult = (LoadedDocument & { problems: ParseProblem[]; notice?: string; unrendered?: boolean }) | { skipped: string };

/** A Go template action (`{{ .VERSION }}`, `{{- if .X }}`, `{{ end }}`), not a GitHub Actions `${{ }}` expression. */
const GO_TEMPLATE_ACTION = /(?<!\$)\{\{-?\s*(?:[.$]|(?:if|else|end|range|with|template|include|define|block)\b)/;
// Jinja (Sceptre, Ansible and home-grown stack tools): a `{% if %}` / `{% for %}` tag, or a `{{ name }}`,
// `{{ name | filter }}` or `{{ call(...) }}` placeholder
const JINJA_ACTION = /\{%-?\s*(?:if|for|set|macro|include|import|block|raw)\b|(?<!\$)\{\{-?\s*[A-Za-z_][\w.]*\s*(?:\(|\||-?\}\})/;

/** Kinds whose files a tool renders from a template before use: when one fails to parse and has the tool's placeholders, it is reported as not rendered. */
const UNRENDERED_TEMPLATES: readonly { kind: DocumentKind; templated: RegExp; notice: string }[] = [
  {
    // kd, gomplate, `helm template` outside a chart
    kind: 'kubernetes',
    templated: GO_TEMPLATE_ACTION,
    notice: 'Go-templated manifest not rendered (its `{{ }}` actions make it YAML only once a tool such as kd or gomplate fills them in); its Kubernetes checks did not run, only text checks such as secrets ran on it',
  },
  {
    // Sceptre and other stack tools
    kind: 'cloudformation',
    templated: new RegExp(`${JINJA_ACTION.source}|${GO_TEMPLATE_ACTION.source}`),
    notice: 'Templated CloudFormation not rendered (its `{{ }}` / `{% %}` placeholders make it YAML only once a stack tool such as Sceptre fills them in); its CloudFormation checks did not run, only text checks such as secrets ran on it',
  },
];

/**
 * Parsed documents kept for reuse by cross-file rules; bounded in number and in the characters of
 * their files (a parsed tree is tens of times its text: 256 HTML pages of 300 KB held about 1 GB).
 */
const CACHE_SIZE = 256;
const CACHE_CHARS = 1024 * 1024;
/** Characters of files read ahead of their own check that are kept for it (see ScanProject.read). */
const READ_AHEAD_CHARS = 32 * 1024 * 1024;
/** `recent` memo results kept (e.g. Terraform modules of the estate near the files being checked). */
const RECENT_MEMOS = 256;

/**
 * What one file's check read of the rest of the project, so a cached result can be reused only
 * while all of it is unchanged. `opaque`: the check depends on something that cannot be tracked.
 */
export class DependencyRecord {
  readonly paths = new Set<string>();
  readonly memos = new Set<string>();
  fileList = false;
  opaque = false;
}

/** The record of the memo computation running in this async context (its loads are its own). */
const memoScope = new AsyncLocalStorage<DependencyRecord>();

export class ScanProject implements ProjectContext {
  private readonly byPath = new Map<string, FileEntry>();
  private readonly cache = new Map<string, Promise<LoadResult>>();
  /** Characters of each cached document's file, once parsed, and their sum. */
  private readonly cacheWeights = new Map<string, number>();
  private cachedChars = 0;
  /** Files a rule asked for through load() (cross-file reads), whose documents are worth keeping. */
  private readonly sharedLoads = new Set<string>();
  private readonly memos = new Map<string, unknown>();
  private readonly memoDeps = new Map<string, DependencyRecord>();
  /** Content hash of every file read so far (for the result cache). */
  readonly hashes = new Map<string, string>();

  /**
   * Files a rule read whole with readFile() (e.g. a text scan of every Terraform file for module
   * calls), kept until their own check reads them, so each is read from disk once. Bounded: past
   * READ_AHEAD_CHARS a file is read again when checked.
   */
  private readonly readAhead = new Map<string, ReadOutcome & { ok: true }>();
  private readAheadChars = 0;

  private read(entry: FileEntry, keep = false): ReadOutcome {
    const early = this.readAhead.get(entry.path);
    if (early) {
      this.readAhead.delete(entry.path);
      this.readAheadChars -= early.file.text.length;
      return early;
    }
    const r = readSourceFile(entry.absPath, entry.path, entry.kind, this.maxFileSize);
    if (r.ok && this.track) this.hashes.set(entry.path, r.hash);
    if (keep && r.ok && this.readAheadChars + r.file.text.length <= READ_AHEAD_CHARS) {
      this.readAhead.set(entry.path, r);
      this.readAheadChars += r.file.text.length;
    }
    return r;
  }

  /**
   * `track`: record what each check and memo computation reads (for the result cache). Off, no
   * records are kept and memo computations run without an async context (whose promise hooks cost
   * every await of the scan).
   */
  constructor(
    readonly root: string,
    readonly files: readonly FileEntry[],
    private readonly maxFileSize: number,
    private readonly track = true,
  ) {
    for (const f of files) this.byPath.set(f.path, f);
  }

  /** The project as one file's rules see it: every read of other files is recorded in `record`. */
  view(record: DependencyRecord): ProjectContext {
    if (!this.track) return this;
    const target = () => memoScope.getStore() ?? record;
    const { root, files } = this;
    return {
      // the root is part of the cache's key; rules read files through load(), which is tracked
      get root() {
        return root;
      },
      get files() {
        target().fileList = true;
        return files;
      },
      load: (p) => {
        target().paths.add(p);
        return this.load(p);
      },
      readFile: (p) => {
        target().paths.add(p);
        return this.readFile(p);
      },
      memo: (key, compute, opts) => {
        target().memos.add(key);
        return this.memo(key, compute, opts);
      },
      onFinish: (c) => this.onFinish(c),
    };
  }

  /** Whether a record, or any memo computation it used, depends on something that cannot be tracked. */
  isOpaque(record: DependencyRecord): boolean {
    if (record.opaque) return true;
    for (const key of record.memos) if (this.memoOpaque(key, new Set()).opaque) return true;
    return false;
  }

  /** Memo keys whose answer cannot change any more (opaque; or settled with every memo it used final). */
  private readonly opaqueFinal = new Map<string, boolean>();
  /** Memo computations that have returned (or whose promise has settled): their records are complete. */
  private readonly settled = new Set<string>();

  private memoOpaque(key: string, visiting: Set<string>): { opaque: boolean; final: boolean } {
    const known = this.opaqueFinal.get(key);
    if (known !== undefined) return { opaque: known, final: true };
    const dep = this.memoDeps.get(key);
    if (!dep || dep.opaque) {
      if (dep) this.opaqueFinal.set(key, true);
      return { opaque: true, final: dep !== undefined };
    }
    if (visiting.has(key)) return { opaque: false, final: true };
    visiting.add(key);
    let final = this.settled.has(key);
    for (const k of dep.memos) {
      const r = this.memoOpaque(k, visiting);
      if (r.opaque) {
        if (r.final) this.opaqueFinal.set(key, true);
        return r;
      }
      final &&= r.final;
    }
    if (final) this.opaqueFinal.set(key, false);
    return { opaque: false, final };
  }

  /** The record of a memo computation (what it read), when it ran in this project. */
  memoRecord(key: string): DependencyRecord | undefined {
    return this.memoDeps.get(key);
  }

  kindOf(path: string): DocumentKind | undefined {
    return this.byPath.get(path)?.kind;
  }

  /**
   * Read and parse a file once; later calls share the result while it is in the cache. With
   * `parse: false` (no active rule needs the file's tree) the file is only read.
   */
  loadFull(path: string, opts: { parse?: boolean } = {}): Promise<LoadResult> {
    if (opts.parse === false && !this.cache.has(path)) {
      const entry = this.byPath.get(path);
      if (!entry) return Promise.resolve({ skipped: 'not in the scan' });
      const r = this.read(entry);
      return Promise.resolve(r.ok ? { file: r.file, document: { format: 'text' }, problems: [] } : { skipped: r.reason });
    }
    const hit = this.cache.get(path);
    if (hit) {
      this.cache.delete(path);
      this.cache.set(path, hit);
      return hit;
    }
    const entry = this.byPath.get(path);
    const p: Promise<LoadResult> = entry ? this.parse(entry) : Promise.resolve({ skipped: 'not in the scan' });
    this.cache.set(path, p);
    void p.then((r) => {
      if (this.cache.get(path) !== p || !('file' in r)) return;
      this.cacheWeights.set(path, r.file.text.length);
      this.cachedChars += r.file.text.length;
      this.trimCache();
    }, () => undefined);
    this.trimCache();
    return p;
  }

  /**
   * A file's own check is over: drop its document unless a rule loaded it too (most documents are
   * read by their own check only, and an HTML or JavaScript tree is tens of times its text).
   */
  checked(path: string): void {
    if (!this.sharedLoads.has(path)) this.uncache(path);
  }

  private uncache(path: string): void {
    this.cache.delete(path);
    this.cachedChars -= this.cacheWeights.get(path) ?? 0;
    this.cacheWeights.delete(path);
  }

  /** Drop the least recently used documents while the cache is over its size or characters (the newest stays). */
  private trimCache(): void {
    while (this.cache.size > CACHE_SIZE || (this.cachedChars > CACHE_CHARS && this.cache.size > 1)) this.uncache(this.cache.keys().next().value as string);
  }

  private async parse(entry: FileEntry): Promise<LoadResult> {
    const r = this.read(entry);
    if (!r.ok) return { skipped: r.reason };
    if (entry.kind === 'helm') {
      const helm = await this.parseHelm(r.file);
      // a chart template that could not be rendered is text until it is
      return { file: r.file, ...helm, ...(helm.document.format === 'text' ? { unrendered: true } : {}) };
    }
    const { document, problems } = await parseDocument(r.file);
    // a manifest or template a tool fills in before it is applied: its placeholders, not the YAML, are what fails to parse
    const unrendered = problems.length > 0 ? UNRENDERED_TEMPLATES.find((t) => t.kind === entry.kind && t.templated.test(r.file.text)) : undefined;
    if (unrendered) return { file: r.file, document: { format: 'text' }, problems: [], unrendered: true, notice: unrendered.notice };
    return { file: r.file, document, problems };
  }

  /** Helm templates: plain YAML parses as it is; otherwise the chart is rendered once (when helm is installed). */
  private async parseHelm(file: SourceFile): Promise<ParseOutcome & { notice?: string }> {
    const [{ renderHelmChart, templateParsesAsYaml }, { parseRenderedTemplate }] = await Promise.all([import('../parsers/helm.js'), import('../parsers/helm-template.js')]);
    if (templateParsesAsYaml(file.text)) return parseDocument({ ...file, kind: 'yaml' });
    const i = file.path.lastIndexOf('/templates/');
    const chartDir = i < 0 ? '' : file.path.slice(0, i);
    const rendered = await this.memo(`helm:${chartDir}`, () => renderHelmChart(path.join(this.root, chartDir)));
    const rel = file.path.slice(chartDir ? chartDir.length + 1 : 0);
    if ('error' in rendered) return { document: { format: 'text' }, problems: [], notice: `Helm template not rendered (${rendered.error}); only text checks such as secrets ran on it` };
    const text = rendered.rendered.get(rel);
    if (text === undefined) return { document: { format: 'text' }, problems: [], notice: 'Helm rendered nothing from this template with the chart\'s default values; only text checks ran on it' };
    return { ...parseRenderedTemplate(file, text), notice: 'Rendered with helm template (default values); locations point at the template line each value most likely came from' };
  }

  readFile(path: string): SourceFile | undefined {
    const entry = this.byPath.get(path);
    if (!entry) return undefined;
    const r = this.read(entry, true);
    return r.ok ? r.file : undefined;
  }

  async load(path: string): Promise<LoadedDocument | undefined> {
    this.sharedLoads.add(path);
    const r = await this.loadFull(path);
    return 'skipped' in r ? undefined : { file: r.file, document: r.document };
  }

  private readonly cleanups: (() => Promise<unknown> | unknown)[] = [];

  onFinish(cleanup: () => Promise<unknown> | unknown): void {
    this.cleanups.push(cleanup);
  }

  /** Run every clean-up registered by rules (never throws). */
  async finish(): Promise<void> {
    for (const c of this.cleanups.splice(0)) {
      try {
        await c();
      } catch {
        // a failed clean-up must not lose the scan's results
      }
    }
  }

  /** Keys of `recent` memos, least recently used first. */
  private readonly recentKeys = new Set<string>();

  memo<T>(key: string, compute: () => T, opts: MemoOptions = {}): T {
    if (opts.recent) {
      this.recentKeys.delete(key);
      this.recentKeys.add(key);
    }
    if (this.memos.has(key)) return this.memos.get(key) as T;
    let v: T;
    if (!this.track) v = compute();
    else {
      const record = new DependencyRecord();
      this.memoDeps.set(key, record);
      this.settled.delete(key);
      v = memoScope.run(record, compute);
      const done = () => void this.settled.add(key);
      if (v instanceof Promise) v.then(done, done);
      else done();
    }
    this.memos.set(key, v);
    if (this.recentKeys.size > RECENT_MEMOS) {
      // the least recently used goes: computed again (to the same value) if it is needed after all
      const oldest = this.recentKeys.values().next().value as string;
      this.recentKeys.delete(oldest);
      this.memos.delete(oldest);
    }
    return v;
  }
}
