import type { DocumentKind } from '../model/kinds.js';
import type { ParsedDocument, SourceFile } from '../model/document.js';

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
  /** Memoise a computation for the rest of the run, keyed by a string. */
  memo<T>(key: string, compute: () => T): T;
  /** Run a clean-up (close a browser, a server) when the scan ends. */
  onFinish?(cleanup: () => Promise<unknown> | unknown): void;
}
