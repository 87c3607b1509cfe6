import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { hash } from 'node:crypto';
import { LineIndex } from '../model/location.js';
import type { DocumentKind } from '../model/kinds.js';
import type { SourceFile } from '../model/document.js';

export type ReadOutcome = { ok: true; file: SourceFile; hash: string } | { ok: false; reason: string };

/** Bytes checked for a NUL to decide that a file is binary (as git does). */
const BINARY_PROBE = 8000;
const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
/** Never block on a FIFO or device that slipped past discovery. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** The UTF-16 encoding a byte-order mark announces (as PowerShell's `>` and Windows editors write text). */
function utf16Of(buf: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe && !(buf.length >= 4 && buf[2] === 0 && buf[3] === 0)) return 'utf-16le';
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** A file's text: UTF-8, or UTF-16 when a byte-order mark says so (the mark is dropped either way). */
function decodeText(buf: Uint8Array, utf16 = utf16Of(buf)): string {
  return utf16 ? new TextDecoder(utf16).decode(buf) : decoder.decode(buf);
}

export function looksBinary(buf: Uint8Array): boolean {
  // UTF-16 text is half NUL bytes: its byte-order mark says it is text
  if (utf16Of(buf)) return false;
  const n = Math.min(buf.length, BINARY_PROBE);
  for (let i = 0; i < n; i++) if (buf[i] === 0) return true;
  return false;
}

/**
 * The start of a text file, decoded (without a BOM), or undefined when it is unreadable or binary:
 * enough to tell a YAML or JSON file's kind without reading all of it.
 */
export function readTextHead(absPath: string, maxBytes: number): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(absPath, OPEN_FLAGS);
    const buf = Buffer.allocUnsafe(maxBytes);
    let n = 0;
    for (let got = 1; got > 0 && n < maxBytes; n += got) got = readSync(fd, buf, n, maxBytes - n, n);
    const head = buf.subarray(0, n);
    if (looksBinary(head)) return undefined;
    const text = decodeText(head);
    return withoutBom(text);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A content hash of a file's bytes (the cache's key for a file). */
export function contentHash(buf: Uint8Array): string {
  return hash('sha256', buf, 'hex');
}

/**
 * Kinds whose files over the size cap are still checked, on their first `maxFileSize` bytes (cut at
 * the last line break): a data export's rows are alike, so a large sample shows what it holds
 * (personal data, malformed rows) in bounded memory, where skipping it would show nothing.
 */
const SAMPLED_KINDS: ReadonlySet<DocumentKind> = new Set(['csv']);

/** A file's bytes as the scan sees them (a sample for an oversized data export), and their hash. */
export type BytesOutcome = { ok: true; bytes: Buffer; hash: string; truncatedFrom?: number } | { ok: false; reason: string };

/**
 * Read a file's bytes for scanning, or say why it is skipped. Synchronous on purpose: for the small
 * files a repository holds, one open/fstat/read/close costs far less than the promise API's round
 * trips, and workers give the parallelism. Never reads more than the size cap.
 */
export function readFileBytes(absPath: string, kind: DocumentKind, maxFileSize: number): BytesOutcome {
  let buf: Buffer;
  let fd: number | undefined;
  let truncatedFrom: number | undefined;
  try {
    fd = openSync(absPath, OPEN_FLAGS);
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, reason: 'not a regular file' };
    if (st.size > maxFileSize) {
      if (!SAMPLED_KINDS.has(kind)) return { ok: false, reason: `larger than the size cap (${st.size} > ${maxFileSize} bytes)` };
      truncatedFrom = st.size;
    }
    buf = Buffer.allocUnsafe(Math.min(st.size, maxFileSize));
    let n = 0;
    while (n < buf.length) {
      const got = readSync(fd, buf, n, buf.length - n, n);
      if (got === 0) break;
      n += got;
    }
    buf = buf.subarray(0, n);
  } catch (e) {
    return { ok: false, reason: `unreadable (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (looksBinary(buf)) return { ok: false, reason: 'binary file' };
  if (truncatedFrom === undefined) return withLazyHash(buf, () => contentHash(buf));
  // the last line break: in UTF-16 a two-byte unit, so cut after both bytes
  const utf16 = utf16Of(buf);
  const cut = utf16 ? lastUtf16LineBreak(buf, utf16 === 'utf-16le') : buf.lastIndexOf(0x0a);
  if (cut < 0) return { ok: false, reason: `larger than the size cap (${truncatedFrom} > ${maxFileSize} bytes) with no line break to sample at` };
  const sample = buf.subarray(0, cut + 1);
  // the sample's hash stands for the file: also key it by the full size
  return withLazyHash(sample, () => contentHash(Buffer.concat([sample, Buffer.from(`\0${truncatedFrom}`)])), truncatedFrom);
}

/** Index of the last byte of the last `\n` code unit of UTF-16 text, or -1. */
function lastUtf16LineBreak(buf: Buffer, littleEndian: boolean): number {
  for (let i = buf.length - 2 - (buf.length % 2); i >= 2; i -= 2) {
    if (littleEndian ? buf[i] === 0x0a && buf[i + 1] === 0 : buf[i] === 0 && buf[i + 1] === 0x0a) return i + 1;
  }
  return -1;
}

/** The hash is computed when first asked for (only the result cache asks). */
function withLazyHash(bytes: Buffer, compute: () => string, truncatedFrom?: number): { ok: true; bytes: Buffer; hash: string; truncatedFrom?: number } {
  let hash: string | undefined;
  return {
    ok: true,
    bytes,
    get hash() {
      return (hash ??= compute());
    },
    ...(truncatedFrom === undefined ? {} : { truncatedFrom }),
  };
}

/** Read and decode a file for scanning, or say why it is skipped. */
export function readSourceFile(absPath: string, relPath: string, kind: DocumentKind, maxFileSize: number): ReadOutcome {
  const r = readFileBytes(absPath, kind, maxFileSize);
  if (!r.ok) return r;
  const utf16 = utf16Of(r.bytes);
  const file: SourceFile = sourceFromText(relPath, absPath, kind, decodeText(r.bytes, utf16), r.truncatedFrom ?? r.bytes.length);
  if (utf16) file.encoding = utf16;
  return {
    ok: true,
    file: r.truncatedFrom === undefined ? file : { ...file, truncatedFrom: r.truncatedFrom },
    get hash() {
      return r.hash;
    },
  };
}

function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function sourceFromText(path: string, absPath: string, kind: DocumentKind, rawText: string, size = rawText.length): SourceFile {
  const text = withoutBom(rawText);
  return { path, absPath, kind, text, lines: new LineIndex(text), size };
}
