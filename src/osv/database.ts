/**
 * An offline OSV database: a folder mirroring the public export (`<dir>/<Ecosystem>/all.zip`), a
 * single `all.zip`, or loose `*.json` records (`<dir>/*.json`, `<dir>/<Ecosystem>/*.json`).
 * Records are read lazily per ecosystem and only for the package names a scan asks for: zip entries
 * are streamed one at a time (yauzl) and a cheap name test skips the rest before JSON parsing, so
 * memory stays proportional to the advisories that matter.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type yauzlModule from 'yauzl';
import { lazy } from '../lazy.js';
import type { OsvRecord } from './types.js';
import { isEcosystem, packageKey, type Ecosystem } from './versions.js';

const yauzl = lazy<typeof yauzlModule>('yauzl');

export interface OsvMetadata {
  /** ISO date-time of the last `saltire db update`. */
  updated?: string;
  source?: string;
  ecosystems?: Record<string, { downloaded: string; url: string; bytes: number }>;
}

export interface OsvDatabaseInfo {
  exists: boolean;
  /** When the data was fetched: metadata.json `updated`, else the newest file's modification time. */
  date?: Date;
  ecosystems: string[];
}

/** Read all entries of a zip, one at a time; `want(name)` decides whether an entry is read. */
export function readZipEntries(zipPath: string, want: (name: string) => boolean, onEntry: (name: string, data: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    yauzl().open(zipPath, { lazyEntries: true, autoClose: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error(`cannot open ${zipPath}`));
      zip.on('error', reject);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzlModule.Entry) => {
        if (/\/$/.test(entry.fileName) || !want(entry.fileName)) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error(`cannot read ${entry.fileName}`));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            try {
              onEntry(entry.fileName, Buffer.concat(chunks));
            } catch (x) {
              return reject(x);
            }
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function jsonFiles(dir: string): string[] {
  if (!isDir(dir)) return [];
  return readdirSync(dir)
    .filter((n) => n.endsWith('.json') && n !== 'metadata.json')
    .sort()
    .map((n) => path.join(dir, n));
}

const NAME_FIELD = /"name"\s*:\s*"((?:[^"\\]|\\.)*)"/g;

export class OsvDatabase {
  private readonly cache = new Map<Ecosystem, Map<string, OsvRecord[]>>();
  private readonly asked = new Map<Ecosystem, Set<string>>();

  constructor(readonly location: string) {}

  info(): OsvDatabaseInfo {
    const loc = this.location;
    if (isFile(loc)) return { exists: true, date: statSync(loc).mtime, ecosystems: [] };
    if (!isDir(loc)) return { exists: false, ecosystems: [] };
    const ecosystems = readdirSync(loc).filter((n) => isFile(path.join(loc, n, 'all.zip')) || jsonFiles(path.join(loc, n)).length > 0).sort();
    const loose = jsonFiles(loc);
    const exists = ecosystems.length > 0 || loose.length > 0 || isFile(path.join(loc, 'all.zip'));
    let date: Date | undefined;
    const meta = this.metadata();
    if (meta?.updated && !Number.isNaN(Date.parse(meta.updated))) date = new Date(meta.updated);
    else if (exists) {
      const files = [...ecosystems.map((e) => path.join(loc, e, 'all.zip')).filter(isFile), ...loose, path.join(loc, 'all.zip')].filter(isFile);
      date = files.map((f) => statSync(f).mtime).sort((a, b) => b.getTime() - a.getTime())[0];
    }
    return { exists, date, ecosystems };
  }

  metadata(): OsvMetadata | undefined {
    const p = path.join(this.location, 'metadata.json');
    if (!isFile(p)) return undefined;
    try {
      return JSON.parse(readFileSync(p, 'utf8')) as OsvMetadata;
    } catch {
      return undefined;
    }
  }

  /** Sources holding an ecosystem's records. */
  private sources(ecosystem: Ecosystem): { zips: string[]; files: string[] } {
    const loc = this.location;
    if (isFile(loc)) return { zips: [loc], files: [] };
    const zips = [path.join(loc, ecosystem, 'all.zip'), path.join(loc, 'all.zip')].filter(isFile);
    return { zips, files: [...jsonFiles(path.join(loc, ecosystem)), ...jsonFiles(loc)] };
  }

  /**
   * Records (not withdrawn) affecting any of `names` in `ecosystem`, by package key. Names asked for
   * before are answered from memory; new ones cost one more pass over the ecosystem's sources.
   */
  async lookup(ecosystem: Ecosystem, names: Iterable<string>): Promise<Map<string, OsvRecord[]>> {
    const asked = this.asked.get(ecosystem) ?? new Set<string>();
    this.asked.set(ecosystem, asked);
    const byKey = this.cache.get(ecosystem) ?? new Map<string, OsvRecord[]>();
    this.cache.set(ecosystem, byKey);
    const wanted = new Set<string>();
    for (const n of names) {
      const k = packageKey(ecosystem, n);
      if (!asked.has(k)) wanted.add(k);
    }
    if (wanted.size > 0) {
      for (const k of wanted) asked.add(k);
      const take = (text: string) => {
        // cheap test: does any package name in the record belong to the wanted set?
        let hit = false;
        for (const m of text.matchAll(NAME_FIELD)) {
          if (wanted.has(packageKey(ecosystem, m[1]))) {
            hit = true;
            break;
          }
        }
        if (!hit) return;
        const rec = JSON.parse(text) as OsvRecord;
        if (!rec || typeof rec.id !== 'string' || rec.withdrawn) return;
        const keys = new Set<string>();
        for (const a of rec.affected ?? []) {
          if (!a.package || a.package.ecosystem !== ecosystem) continue;
          const k = packageKey(ecosystem, a.package.name);
          if (wanted.has(k)) keys.add(k);
        }
        for (const k of keys) {
          const list = byKey.get(k) ?? [];
          if (!list.some((r) => r.id === rec.id)) list.push(rec);
          byKey.set(k, list);
        }
      };
      const { zips, files } = this.sources(ecosystem);
      for (const z of zips) await readZipEntries(z, (n) => n.endsWith('.json'), (_n, data) => take(data.toString('utf8')));
      for (const f of files) take(readFileSync(f, 'utf8'));
    }
    const out = new Map<string, OsvRecord[]>();
    for (const n of names) {
      const k = packageKey(ecosystem, n);
      const recs = byKey.get(k);
      if (recs) out.set(k, recs);
    }
    return out;
  }
}

export function ecosystemsIn(list: readonly string[]): Ecosystem[] {
  return list.filter(isEcosystem);
}

export function osvDatabaseExists(location: string): boolean {
  return existsSync(location) && new OsvDatabase(location).info().exists;
}
