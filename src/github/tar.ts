import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';

/**
 * A minimal streaming tar reader (POSIX ustar, with the pax and GNU long-name extensions GitHub's and
 * git-archive's tarballs use), written because no tar package is installed. It extracts regular files,
 * directories and symbolic links whose target stays inside the output folder; everything else
 * (hard links, devices, FIFOs) is skipped and listed. It is deliberately strict:
 *
 * - an entry path that is absolute, has a drive letter, or contains a `..` segment is an error;
 * - symbolic links are created only after every file is written (so no write goes through one), and
 *   only when the target, resolved from the link's folder, stays inside the output folder;
 * - header checksums are verified; the archive must end with its end-of-archive blocks (two zero
 *   blocks), so a truncated stream is an error, not a partial tree;
 * - total size and entry count are capped (decompression bombs).
 */

export class TarError extends Error {
  constructor(
    message: string,
    readonly code: 'truncated' | 'unsafe' | 'corrupt' | 'too-large',
  ) {
    super(message);
    this.name = 'TarError';
  }
}

export interface TarExtractOptions {
  /** Leading path components to drop (GitHub tarballs wrap everything in `owner-repo-sha/`). */
  strip?: number;
  /** Most bytes of file content to write (default 4 GiB). */
  maxBytes?: number;
  /** Most entries (default 500,000). */
  maxEntries?: number;
}

export interface TarExtractResult {
  files: number;
  directories: number;
  symlinks: number;
  bytes: number;
  /** Entries not extracted, with why. */
  skipped: { path: string; reason: string }[];
  /** pax global header values (GitHub puts the commit SHA in `comment`). */
  globals: Record<string, string>;
}

const BLOCK = 512;

function cString(buf: Buffer, start: number, len: number): string {
  const slice = buf.subarray(start, start + len);
  const nul = slice.indexOf(0);
  return slice.subarray(0, nul < 0 ? slice.length : nul).toString('utf8');
}

/** Numeric header field: octal text, or GNU base-256 when the high bit of the first byte is set. */
function numeric(buf: Buffer, start: number, len: number): number {
  const field = buf.subarray(start, start + len);
  if (field[0] & 0x80) {
    let n = field[0] & 0x7f;
    for (let i = 1; i < field.length; i++) n = n * 256 + field[i];
    return n;
  }
  const text = cString(buf, start, len).trim();
  if (!text) return 0;
  if (!/^[0-7]+$/.test(text)) throw new TarError(`corrupt tar header: numeric field "${text}" is not octal`, 'corrupt');
  return parseInt(text, 8);
}

function checksumOk(header: Buffer): boolean {
  const stored = numeric(header, 148, 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : header[i];
  return sum === stored;
}

/** pax extended header records: "<len> key=value\n". */
function parsePax(data: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  while (i < data.length) {
    const sp = data.indexOf(0x20, i);
    if (sp < 0) break;
    const len = Number(data.subarray(i, sp).toString('ascii'));
    if (!Number.isInteger(len) || len <= 0 || i + len > data.length) throw new TarError('corrupt pax header record', 'corrupt');
    const rec = data.subarray(sp + 1, i + len - 1).toString('utf8');
    const eq = rec.indexOf('=');
    if (eq > 0) out[rec.slice(0, eq)] = rec.slice(eq + 1);
    i += len;
  }
  return out;
}

/** A safe relative path for an entry after stripping, or undefined when nothing is left. Throws on unsafe paths. */
export function safeEntryPath(name: string, strip: number): string | undefined {
  const raw = name.replace(/\\/g, '/');
  if (raw.startsWith('/') || /^[A-Za-z]:/.test(raw)) throw new TarError(`unsafe path in archive: "${name}" is absolute`, 'unsafe');
  const parts = raw.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) throw new TarError(`unsafe path in archive: "${name}" contains ".."`, 'unsafe');
  const rest = parts.slice(strip);
  return rest.length ? rest.join('/') : undefined;
}

type State =
  | { t: 'header' }
  | { t: 'body'; remaining: number; padding: number; sink: 'file' | 'meta' | 'skip'; handle?: fsp.FileHandle; meta?: Buffer[]; metaKind?: string };

/**
 * A Writable that extracts a tar stream into `dest` (which must exist and be empty). `result()`
 * resolves once the stream finished and the archive ended properly.
 */
export class TarExtractor extends Writable {
  private buf: Buffer = Buffer.alloc(0);
  private state: State = { t: 'header' };
  private zeroBlocks = 0;
  private ended = false;
  private pax: Record<string, string> = {};
  private gnuLongName?: string;
  private gnuLongLink?: string;
  private readonly links: { rel: string; target: string }[] = [];
  private readonly stats: TarExtractResult = { files: 0, directories: 0, symlinks: 0, bytes: 0, skipped: [], globals: {} };
  private entries = 0;
  private readonly dest: string;
  private readonly strip: number;
  private readonly maxBytes: number;
  private readonly maxEntries: number;

  constructor(dest: string, opts: TarExtractOptions = {}) {
    super();
    this.dest = path.resolve(dest);
    this.strip = opts.strip ?? 0;
    this.maxBytes = opts.maxBytes ?? 4 * 1024 ** 3;
    this.maxEntries = opts.maxEntries ?? 500_000;
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    this.drain().then(() => cb(), (e: Error) => cb(e));
  }

  override _final(cb: (e?: Error | null) => void): void {
    this.finish().then(() => cb(), (e: Error) => cb(e));
  }

  override _destroy(err: Error | null, cb: (e?: Error | null) => void): void {
    // an aborted stream (network or gzip error) must not leave a file open
    const st = this.state;
    if (st.t === 'body' && st.handle) {
      const h = st.handle;
      st.handle = undefined;
      h.close().then(() => cb(err), () => cb(err));
    } else cb(err);
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.destroyed) return;
      if (this.ended) {
        this.buf = Buffer.alloc(0); // trailing padding after the end blocks
        return;
      }
      if (this.state.t === 'header') {
        if (this.buf.length < BLOCK) return;
        const header = this.buf.subarray(0, BLOCK);
        this.buf = this.buf.subarray(BLOCK);
        await this.onHeader(Buffer.from(header));
        continue;
      }
      const st = this.state;
      if (st.remaining > 0) {
        if (!this.buf.length) return;
        const n = Math.min(st.remaining, this.buf.length);
        const part = this.buf.subarray(0, n);
        this.buf = this.buf.subarray(n);
        st.remaining -= n;
        if (st.sink === 'file' && st.handle) await st.handle.write(part);
        else if (st.sink === 'meta') st.meta!.push(Buffer.from(part));
        if (st.remaining > 0) return;
      }
      if (st.padding > 0) {
        const n = Math.min(st.padding, this.buf.length);
        this.buf = this.buf.subarray(n);
        st.padding -= n;
        if (st.padding > 0) return;
      }
      await this.endEntry(st);
      this.state = { t: 'header' };
    }
  }

  private async onHeader(header: Buffer): Promise<void> {
    if (header.every((b) => b === 0)) {
      this.zeroBlocks++;
      if (this.zeroBlocks >= 2) this.ended = true;
      return;
    }
    if (this.zeroBlocks) throw new TarError('corrupt tar: data after a zero block', 'corrupt');
    if (!checksumOk(header)) throw new TarError('corrupt tar: header checksum mismatch (the download may be damaged)', 'corrupt');
    if (++this.entries > this.maxEntries) throw new TarError(`archive has more than ${this.maxEntries} entries`, 'too-large');
    let type = String.fromCharCode(header[156] || 0x30);
    const size = numeric(header, 124, 12);
    const padding = (BLOCK - (size % BLOCK)) % BLOCK;
    const magic = cString(header, 257, 6);
    const prefix = magic.startsWith('ustar') ? cString(header, 345, 155) : '';
    const name = this.pax.path ?? this.gnuLongName ?? (prefix ? `${prefix}/${cString(header, 0, 100)}` : cString(header, 0, 100));
    const linkname = this.pax.linkpath ?? this.gnuLongLink ?? cString(header, 157, 100);
    const paxSize = this.pax.size !== undefined ? Number(this.pax.size) : undefined;
    const realSize = paxSize !== undefined && Number.isFinite(paxSize) ? paxSize : size;
    const realPadding = paxSize !== undefined ? (BLOCK - (realSize % BLOCK)) % BLOCK : padding;

    // extension headers describe the next entry
    if (type === 'x' || type === 'g' || type === 'L' || type === 'K') {
      if (size > 16 * 1024 * 1024) throw new TarError('corrupt tar: oversized extended header', 'corrupt');
      this.state = { t: 'body', remaining: size, padding, sink: 'meta', meta: [], metaKind: type };
      return;
    }
    this.pax = {};
    this.gnuLongName = undefined;
    this.gnuLongLink = undefined;

    // old archivers mark folders with a trailing slash on a regular-file entry
    if (/\/$/.test(name) && (type === '0' || type === '7')) type = '5';
    const rel = safeEntryPath(name, this.strip);
    const skip = (reason: string) => {
      if (rel) this.stats.skipped.push({ path: rel, reason });
      this.state = { t: 'body', remaining: realSize, padding: realPadding, sink: 'skip' };
    };
    if (rel === undefined) return skip('');
    const abs = path.join(this.dest, rel);
    if (type === '5') {
      await fsp.mkdir(abs, { recursive: true });
      this.stats.directories++;
      this.state = { t: 'body', remaining: 0, padding: 0, sink: 'skip' };
      return;
    }
    if (type === '0' || type === '7') {
      if (this.stats.bytes + realSize > this.maxBytes) throw new TarError(`archive content exceeds ${this.maxBytes} bytes`, 'too-large');
      this.stats.bytes += realSize;
      await fsp.mkdir(path.dirname(abs), { recursive: true });
      // 'wx': never follow or overwrite something already there
      let handle: fsp.FileHandle;
      try {
        handle = await fsp.open(abs, 'wx', 0o644);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST' && (e as NodeJS.ErrnoException).code !== 'EISDIR') throw e;
        this.stats.bytes -= realSize;
        return skip('duplicate entry (not extracted)');
      }
      if (this.destroyed) {
        // the stream was aborted while the file was being opened
        await handle.close();
        throw new TarError('extraction aborted', 'truncated');
      }
      this.stats.files++;
      this.state = { t: 'body', remaining: realSize, padding: realPadding, sink: 'file', handle };
      return;
    }
    if (type === '2') {
      this.links.push({ rel, target: linkname });
      this.state = { t: 'body', remaining: realSize, padding: realPadding, sink: 'skip' };
      return;
    }
    if (type === '1') return skip('hard link (not extracted)');
    return skip(`unsupported tar entry type "${type}"`);
  }

  private async endEntry(st: Extract<State, { t: 'body' }>): Promise<void> {
    if (st.sink === 'file' && st.handle) {
      await st.handle.close();
      st.handle = undefined;
    }
    if (st.sink === 'meta') {
      const data = Buffer.concat(st.meta!);
      if (st.metaKind === 'x') this.pax = parsePax(data);
      else if (st.metaKind === 'g') Object.assign(this.stats.globals, parsePax(data));
      else if (st.metaKind === 'L') this.gnuLongName = cString(data, 0, data.length);
      else if (st.metaKind === 'K') this.gnuLongLink = cString(data, 0, data.length);
    }
  }

  private async finish(): Promise<void> {
    if (this.state.t === 'body') {
      if (this.state.handle) await this.state.handle.close();
      this.state.handle = undefined;
      throw new TarError('the archive ends in the middle of an entry (truncated download)', 'truncated');
    }
    if (this.buf.length && !this.ended) throw new TarError('the archive ends in the middle of a header (truncated download)', 'truncated');
    if (!this.ended) throw new TarError('the archive has no end-of-archive blocks (truncated download)', 'truncated');
    // symbolic links last, and only those that stay inside the folder
    const destReal = await fsp.realpath(this.dest);
    for (const { rel, target } of this.links) {
      const abs = path.join(this.dest, rel);
      const resolved = path.resolve(path.dirname(abs), target);
      if (path.isAbsolute(target) || !(resolved === this.dest || resolved.startsWith(this.dest + path.sep))) {
        this.stats.skipped.push({ path: rel, reason: `symbolic link to ${target} points outside the repository (not extracted)` });
        continue;
      }
      try {
        await fsp.mkdir(path.dirname(abs), { recursive: true });
        // the link's folder must be a real folder inside dest, not reached through another link
        const realParent = await fsp.realpath(path.dirname(abs));
        if (realParent !== path.join(destReal, path.dirname(rel))) throw new Error('its folder is reached through another link');
        await fsp.symlink(target, abs);
        this.stats.symlinks++;
      } catch (e) {
        this.stats.skipped.push({ path: rel, reason: `symbolic link not created (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` });
      }
    }
  }

  result(): TarExtractResult {
    return this.stats;
  }
}
