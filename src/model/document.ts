import type { Dockerfile } from 'dockerfile-ast';
import type { DefaultTreeAdapterMap } from 'parse5';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { DocumentKind } from './kinds.js';
import type { LineIndex, Range } from './location.js';
import type { DataNode } from '../parsers/data/tree.js';
import type { HclFile } from '../parsers/hcl/model.js';
import type { TemplateDialect } from '../parsers/template.js';

/** A file as read from a source: decoded text (BOM stripped) and its line index. */
export interface SourceFile {
  /** Relative to the scan target, POSIX separators. */
  path: string;
  /** Absolute path on disk (for sources that materialise files), else the same as `path`. */
  absPath: string;
  kind: DocumentKind;
  text: string;
  lines: LineIndex;
  size: number;
  /**
   * Set when only the beginning of a file over the size cap was read (tabular data: a sample of its
   * rows): the file's full size in bytes. `text` then ends at a line boundary.
   */
  truncatedFrom?: number;
  /** Set when a byte-order mark said the file is UTF-16 (it is decoded from that; UTF-8 otherwise). */
  encoding?: 'utf-16le' | 'utf-16be';
}

export interface ParseProblem {
  message: string;
  range: Range;
}

/** The one parsed view of a file, shared by every rule of its kind. */
export type ParsedDocument =
  | TextDocument
  | DataDocument
  | HclDocument
  | DockerfileDocument
  | HtmlDocument
  | ScriptDocument;

export interface TextDocument {
  format: 'text';
}

/** YAML (every document of a multi-document stream) or JSON, as one location-aware data tree. */
export interface DataDocument {
  format: 'data';
  /** One root per YAML document (JSON: exactly one). A root is null for an empty document. */
  roots: (DataNode | null)[];
}

export interface HclDocument {
  format: 'hcl';
  hcl: HclFile;
}

export interface DockerfileDocument {
  format: 'dockerfile';
  dockerfile: Dockerfile;
}

export type HtmlNode = DefaultTreeAdapterMap['node'];
export type HtmlElement = DefaultTreeAdapterMap['element'];

export interface HtmlDocument {
  format: 'html';
  /** The parse5 tree (with source locations). */
  root: DefaultTreeAdapterMap['document'] | DefaultTreeAdapterMap['documentFragment'];
  /** True when the file is a whole page (has <html> or a doctype), false for a fragment or partial. */
  fullPage: boolean;
  /**
   * For templates (Nunjucks): offsets [start, end) of template expressions that were masked before
   * parsing. An attribute value or text that overlaps one is "cannot tell".
   */
  templateSpans: [number, number][];
  /** The template language masked (absent for plain HTML): says what each span does. */
  templateDialect?: TemplateDialect;
}

export interface ScriptDocument {
  format: 'estree';
  program: TSESTree.Program;
  jsx: boolean;
  typescript: boolean;
}
