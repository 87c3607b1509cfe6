import { promises as fsp } from 'node:fs';
import { LineIndex } from '../model/location.js';
import type { DocumentKind } from '../model/kinds.js';
import type { SourceFile } from '../model/document.js';

export type ReadOutcome = { ok: true; file: SourceFile } | { ok: false; reason: string };

/** Bytes checked for a NUL to decide that a file is binary (as git does). */
const BINARY_PROBE = 8000;
const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

export function looksBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, BINARY_PROBE);
  for (let i = 0; i < n; i++) if (buf[i] === 0) return true;
  // UTF-16 with a BOM is text, but it is not what the parsers read: treat as binary-like.
  return false;
}

/** Read and decode a file for scanning, or say why it is skipped. */
export async function readSourceFile(absPath: string, relPath: string, kind: DocumentKind, maxFileSize: number): Promise<ReadOutcome> {
  let buf: Buffer;
  try {
    const st = await fsp.stat(absPath);
    if (!st.isFile()) return { ok: false, reason: 'not a regular file' };
    if (st.size > maxFileSize) return { ok: false, reason: `larger than the size cap (${st.size} > ${maxFileSize} bytes)` };
    buf = await fsp.readFile(absPath);
  } catch (e) {
    return { ok: false, reason: `unreadable (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
  }
  if (buf.length > maxFileSize) return { ok: false, reason: `larger than the size cap (${buf.length} > ${maxFileSize} bytes)` };
  if (looksBinary(buf)) return { ok: false, reason: 'binary file' };
  return { ok: true, file: sourceFromText(relPath, absPath, kind, decoder.decode(buf), buf.length) };
}

export function sourceFromText(path: string, absPath: string, kind: DocumentKind, rawText: string, size = rawText.length): SourceFile {
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  return { path, absPath, kind, text, lines: new LineIndex(text), size };
}
