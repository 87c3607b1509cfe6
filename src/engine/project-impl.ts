import type { DocumentKind } from '../model/kinds.js';
import type { ParseProblem } from '../model/document.js';
import { parseDocument, type ParseOutcome } from '../parsers/index.js';
import { renderHelmChart, templateParsesAsYaml } from '../parsers/helm.js';
import { parseRenderedTemplate } from '../parsers/helm-template.js';
import type { SourceFile } from '../model/document.js';
import path from 'node:path';
import type { LoadedDocument, ProjectContext, ProjectFile } from './project.js';
import { readSourceFile } from './source-file.js';

export interface FileEntry extends ProjectFile {
  absPath: string;
  size: number;
}

export type LoadResult = (LoadedDocument & { problems: ParseProblem[]; notice?: string }) | { skipped: string };

/** Parsed documents kept for reuse by cross-file rules; bounded so memory stays flat. */
const CACHE_SIZE = 256;

export class ScanProject implements ProjectContext {
  private readonly byPath = new Map<string, FileEntry>();
  private readonly cache = new Map<string, Promise<LoadResult>>();
  private readonly memos = new Map<string, unknown>();
  /** Reads started ahead of time, so file I/O overlaps the checks of earlier files. */
  private readonly reads = new Map<string, ReturnType<typeof readSourceFile>>();

  /** Start reading files that will be checked next (bounded by the caller's window). */
  prefetch(paths: readonly string[]): void {
    for (const p of paths) {
      if (this.reads.has(p) || this.cache.has(p)) continue;
      const entry = this.byPath.get(p);
      if (entry) this.reads.set(p, readSourceFile(entry.absPath, entry.path, entry.kind, this.maxFileSize));
    }
  }

  private read(entry: FileEntry): ReturnType<typeof readSourceFile> {
    const pending = this.reads.get(entry.path);
    if (pending) {
      this.reads.delete(entry.path);
      return pending;
    }
    return readSourceFile(entry.absPath, entry.path, entry.kind, this.maxFileSize);
  }

  constructor(
    readonly root: string,
    readonly files: readonly FileEntry[],
    private readonly maxFileSize: number,
  ) {
    for (const f of files) this.byPath.set(f.path, f);
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
      return this.read(entry).then((r) => (r.ok ? { file: r.file, document: { format: 'text' }, problems: [] } : { skipped: r.reason }));
    }
    const hit = this.cache.get(path);
    if (hit) {
      this.cache.delete(path);
      this.cache.set(path, hit);
      return hit;
    }
    const entry = this.byPath.get(path);
    const p: Promise<LoadResult> = entry
      ? this.read(entry).then(async (r) => {
          if (!r.ok) return { skipped: r.reason };
          if (entry.kind === 'helm') return { file: r.file, ...(await this.parseHelm(r.file)) };
          const { document, problems } = await parseDocument(r.file);
          return { file: r.file, document, problems };
        })
      : Promise.resolve({ skipped: 'not in the scan' });
    this.cache.set(path, p);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    return p;
  }

  /** Helm templates: plain YAML parses as it is; otherwise the chart is rendered once (when helm is installed). */
  private async parseHelm(file: SourceFile): Promise<ParseOutcome & { notice?: string }> {
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

  async load(path: string): Promise<LoadedDocument | undefined> {
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

  memo<T>(key: string, compute: () => T): T {
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const v = compute();
    this.memos.set(key, v);
    return v;
  }
}
