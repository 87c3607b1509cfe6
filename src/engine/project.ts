import type { DocumentKind } from '../model/kinds.js';
import type { ParsedDocument, SourceFile } from '../model/document.js';

export interface MemoOptions {
  /** Keep the result only while it is among the most recently used. */
  recent?: boolean;
}

export interface ProjectFile {
  path: string;
  kind: DocumentKind;
}

export interface LoadedDocument {
  file: SourceFile;
  document: ParsedDocument;
}

/**
 * What a rule may know of the rest of the scan: the files in it, other files' parsed documents
 * (parsed once and shared) and a memo for cross-file analyses such as a Terraform module's values.
 */
export interface ProjectContext {
  /** Absolute path of the scan root. */
  readonly root: string;
  /** Every file the scan covers (after discovery and ignores), sorted by path. */
  readonly files: readonly ProjectFile[];
  /** The parsed document of a file in the scan (cached), or undefined when absent or unreadable. */
  load(path: string): Promise<LoadedDocument | undefined>;
  /** A file of the scan as text, read but not parsed, or undefined when absent, binary or unreadable. */
  readFile(path: string): SourceFile | undefined;
  /**
   * Memoise a computation for the rest of the run, keyed by a string; with `recent`, only while it
   * is among the most recently used (memory stays bounded on a large estate; a result dropped is
   * computed again, to the same value, when next asked for).
   */
  memo<T>(key: string, compute: () => T, opts?: MemoOptions): T;
  /** Run a clean-up (close a browser, a server) when the scan ends. */
  onFinish?(cleanup: () => Promise<unknown> | unknown): void;
}

/** A project of no files, for checking text that is not part of a scan (a rendered page, a diff, an example). */
export function detachedProject(root: string): ProjectContext {
  const memos = new Map<string, unknown>();
  return {
    root,
    files: [],
    load: async () => undefined,
    readFile: () => undefined,
    memo<T>(key: string, compute: () => T): T {
      if (!memos.has(key)) memos.set(key, compute());
      return memos.get(key) as T;
    },
  };
}
