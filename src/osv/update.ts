/**
 * `saltire db update`: fetch each ecosystem's `all.zip` from the OSV export bucket (or copy it from a
 * local zip or folder) into the cache, atomically (a temporary file renamed into place), and record
 * the date in `metadata.json`.
 */
import { copyFileSync, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ECOSYSTEMS, type Ecosystem } from './versions.js';
import type { OsvMetadata } from './database.js';
import { readZipEntries } from './database.js';

export const OSV_BUCKET = 'https://osv-vulnerabilities.storage.googleapis.com';

export interface UpdateOptions {
  cacheDir: string;
  /** A base URL (`<from>/<Ecosystem>/all.zip`), a local folder of the same layout, or one local all.zip. */
  from?: string;
  ecosystems?: Ecosystem[];
  now?: Date;
  fetchImpl?: typeof fetch;
  log?: (line: string) => void;
}

export interface UpdateResult {
  ecosystems: { ecosystem: string; bytes: number; source: string }[];
  /** Ecosystems whose download failed (the previous copy, if any, is kept). */
  failed: { ecosystem: string; error: string }[];
  metadata: OsvMetadata;
}

function tmpName(target: string): string {
  return `${target}.${process.pid}.${Date.now()}.tmp`;
}

/** Copy or download into `target` through a temporary file in the same folder, then rename. */
async function atomically(target: string, write: (tmp: string) => Promise<void>): Promise<number> {
  mkdirSync(path.dirname(target), { recursive: true });
  const tmp = tmpName(target);
  try {
    await write(tmp);
    await checkZip(tmp);
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  return statSync(target).size;
}

/** A downloaded file must be a readable zip before it replaces the previous one. */
async function checkZip(file: string): Promise<void> {
  try {
    await readZipEntries(file, () => false, () => undefined);
  } catch (e) {
    throw new Error(`not a valid zip archive (${(e as Error).message})`, { cause: e });
  }
}

async function download(url: string, tmp: string, fetchImpl: typeof fetch): Promise<void> {
  const res = await fetchImpl(url, { redirect: 'follow' });
  if (!res.ok || !res.body) throw new Error(`GET ${url}: HTTP ${res.status}`);
  await pipeline(Readable.fromWeb(res.body as import('node:stream/web').ReadableStream), createWriteStream(tmp));
}

export async function updateOsvDatabase(opts: UpdateOptions): Promise<UpdateResult> {
  const log = opts.log ?? (() => undefined);
  const fetchImpl = opts.fetchImpl ?? fetch;
  const now = opts.now ?? new Date();
  const from = opts.from ?? OSV_BUCKET;
  const isUrl = /^https?:\/\//i.test(from);
  const ecosystems = opts.ecosystems?.length ? opts.ecosystems : [...ECOSYSTEMS];
  const metaPath = path.join(opts.cacheDir, 'metadata.json');
  let previous: OsvMetadata = {};
  try {
    previous = JSON.parse(readFileSync(metaPath, 'utf8')) as OsvMetadata;
  } catch {
    // first update
  }
  const done: UpdateResult['ecosystems'] = [];
  const failed: UpdateResult['failed'] = [];
  const record: NonNullable<OsvMetadata['ecosystems']> = { ...(previous.ecosystems ?? {}) };
  if (!isUrl && existsSync(from) && statSync(from).isFile()) {
    // one all.zip holding every ecosystem
    const target = path.join(opts.cacheDir, 'all.zip');
    log(`copying ${from}`);
    const bytes = await atomically(target, async (tmp) => copyFileSync(from, tmp));
    done.push({ ecosystem: 'all', bytes, source: path.resolve(from) });
    record.all = { downloaded: now.toISOString(), url: path.resolve(from), bytes };
  } else {
    if (!isUrl && !existsSync(from)) throw new Error(`--from ${from}: no such file or folder`);
    for (const eco of ecosystems) {
      const target = path.join(opts.cacheDir, eco, 'all.zip');
      if (isUrl) {
        const url = `${from.replace(/\/+$/, '')}/${encodeURIComponent(eco)}/all.zip`;
        log(`downloading ${url}`);
        try {
          const bytes = await atomically(target, (tmp) => download(url, tmp, fetchImpl));
          done.push({ ecosystem: eco, bytes, source: url });
          record[eco] = { downloaded: now.toISOString(), url, bytes };
        } catch (e) {
          failed.push({ ecosystem: eco, error: (e as Error).message });
        }
      } else {
        const src = path.join(from, eco, 'all.zip');
        if (!existsSync(src)) {
          log(`no ${eco}/all.zip in ${from}; skipped`);
          continue;
        }
        log(`copying ${src}`);
        const bytes = await atomically(target, async (tmp) => copyFileSync(src, tmp));
        done.push({ ecosystem: eco, bytes, source: path.resolve(src) });
        record[eco] = { downloaded: now.toISOString(), url: path.resolve(src), bytes };
      }
    }
    if (done.length === 0) throw new Error(failed.length ? failed.map((f) => `${f.ecosystem}: ${f.error}`).join('; ') : `--from ${from}: no <Ecosystem>/all.zip for ${ecosystems.join(', ')}`);
  }
  const metadata: OsvMetadata = { updated: now.toISOString(), source: isUrl ? from : path.resolve(from), ecosystems: record };
  mkdirSync(opts.cacheDir, { recursive: true });
  const tmp = tmpName(metaPath);
  writeFileSync(tmp, `${JSON.stringify(metadata, null, 2)}\n`);
  renameSync(tmp, metaPath);
  return { ecosystems: done, failed, metadata };
}
