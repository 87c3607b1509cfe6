import { lstatSync, readdirSync, readFileSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { SkippedFile } from '../model/finding.js';

/** Folders never scanned. */
export const DEFAULT_IGNORED_DIRS = new Set(['.git', 'node_modules', '.terraform', '.hg', '.svn']);

export interface DiscoveredFile {
  /** Relative to the scan root, POSIX separators. */
  path: string;
  absPath: string;
  /** Bytes; absent when discovery was asked not to stat files (`stats: false`). */
  size?: number;
  /** Modification time (ms), for the result cache's fast path. */
  mtimeMs?: number;
}

export interface DiscoveryOptions {
  gitignore: boolean;
  /** Extra ignore patterns (gitignore syntax), relative to the root. */
  ignores?: string[];
  /**
   * Stat every file for its size and modification time (the result cache's fast path needs them).
   * false: a regular file as the folder listing types it is taken without a stat of its own (the
   * read's fstat checks it again), which saves a system call per file on uncached scans.
   */
  stats?: boolean;
}

/**
 * The parts of node:fs discovery uses; tests substitute failures (e.g. EACCES) through it. Synchronous:
 * a promise and a thread-pool round trip per file cost more than the system calls themselves.
 */
export interface DiscoveryFs {
  readdir(dir: string): Dirent[];
  stat(p: string): Stats;
  lstat(p: string): Stats;
  realpath(p: string): string;
  readFile(p: string): string;
}

const nodeFs: DiscoveryFs = {
  readdir: (d) => readdirSync(d, { withFileTypes: true }),
  stat: (p) => statSync(p),
  lstat: (p) => lstatSync(p),
  realpath: (p) => realpathSync(p),
  readFile: (p) => readFileSync(p, 'utf8'),
};

/** A folder's path ready for a name to be appended (path.join's normalising is wasted on listed names). */
function withSep(dir: string): string {
  return dir.endsWith(path.sep) ? dir : dir + path.sep;
}

interface IgnoreLayer {
  /** Folder of the .gitignore, relative to root ('' for the root). */
  base: string;
  ig: Ignore;
}

/**
 * List the files under `root`: honours .gitignore files (nested ones too) and `.saltireignore`, skips
 * default folders, follows symlinks that stay inside the root and reports loops, escapes, unreadable
 * folders and non-regular files as skipped, never silently.
 */
export function discover(root: string, opts: DiscoveryOptions, fs: DiscoveryFs = nodeFs): { files: DiscoveredFile[]; skipped: SkippedFile[] } {
  const files: DiscoveredFile[] = [];
  const skipped: SkippedFile[] = [];
  const rootReal = fs.realpath(root);
  const extra = opts.ignores?.length ? ignore().add(opts.ignores) : undefined;

  const ignored = (rel: string, isDir: boolean, layers: IgnoreLayer[]): boolean => {
    const probe = isDir ? `${rel}/` : rel;
    if (extra?.ignores(probe)) return true;
    // the deepest .gitignore with an opinion decides (so `!keep.log` below re-includes a file)
    for (let i = layers.length - 1; i >= 0; i--) {
      const layer = layers[i];
      const sub = layer.base === '' ? probe : probe.slice(layer.base.length + 1);
      if (!sub) continue;
      const r = layer.ig.test(sub);
      if (r.ignored) return true;
      if (r.unignored) return false;
    }
    return false;
  };

  const loadIgnores = (absDir: string, relDir: string, layers: IgnoreLayer[], listed: readonly Dirent[]): IgnoreLayer[] => {
    const names = opts.gitignore ? ['.gitignore', '.saltireignore'] : ['.saltireignore'];
    let next = layers;
    for (const name of names) {
      // only what the listing shows (most folders have neither: no failed open per folder)
      if (!listed.some((e) => e.name === name)) continue;
      try {
        const text = fs.readFile(path.join(absDir, name));
        next = [...next, { base: relDir, ig: ignore().add(text) }];
      } catch {
        // no such file
      }
    }
    return next;
  };

  const visitDir = (absDir: string, realDir: string, relDir: string, ancestors: Set<string>, layers: IgnoreLayer[]): void => {
    let entries: Dirent[];
    try {
      entries = fs.readdir(absDir);
    } catch (e) {
      skipped.push({ file: relDir || '.', reason: `unreadable folder (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` });
      return;
    }
    const here = loadIgnores(absDir, relDir, layers, entries);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const absPrefix = withSep(absDir);
    for (const ent of entries) {
      const rel = relDir ? `${relDir}/${ent.name}` : ent.name;
      const abs = absPrefix + ent.name;
      if (ent.isDirectory() && DEFAULT_IGNORED_DIRS.has(ent.name)) continue;
      if (ent.name.includes('\ufffd')) {
        // Node decodes names as UTF-8: a name with other bytes cannot be opened under its decoded form
        skipped.push({ file: rel, reason: 'name is not valid UTF-8, so it cannot be opened by name; rename it' });
        continue;
      }
      if (opts.stats === false && ent.isFile()) {
        if (!ignored(rel, false, here)) files.push({ path: rel, absPath: abs });
        continue;
      }
      // a listed folder (the listing does not follow symlinks) needs no stat of its own
      if (ent.isDirectory()) {
        if (ignored(rel, true, here)) continue;
        const real = withSep(realDir) + ent.name;
        if (ancestors.has(real)) {
          skipped.push({ file: rel, reason: 'symlink loop' });
          continue;
        }
        visitDir(abs, real, rel, new Set([...ancestors, real]), here);
        continue;
      }
      let st: Stats;
      let isLink = false;
      try {
        const l = fs.lstat(abs);
        isLink = l.isSymbolicLink();
        st = isLink ? fs.stat(abs) : l;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        skipped.push({ file: rel, reason: code === 'ELOOP' ? 'symlink loop' : isLink ? `broken symlink (${code})` : `unreadable (${code})` });
        continue;
      }
      const isDir = st.isDirectory();
      if (isDir && DEFAULT_IGNORED_DIRS.has(ent.name)) continue;
      if (ignored(rel, isDir, here)) continue;
      // a folder's real path is its parent's plus its name unless it is (or is under) a symlink
      let real = path.join(realDir, ent.name);
      if (isLink) {
        try {
          real = fs.realpath(abs);
        } catch (e) {
          skipped.push({ file: rel, reason: `unresolvable symlink (${(e as NodeJS.ErrnoException).code})` });
          continue;
        }
        if (real !== rootReal && !real.startsWith(rootReal + path.sep)) {
          skipped.push({ file: rel, reason: 'symlink points outside the scan target' });
          continue;
        }
        if (isDir && ancestors.has(real)) {
          skipped.push({ file: rel, reason: 'symlink loop' });
          continue;
        }
      }
      if (isDir) {
        if (ancestors.has(real)) {
          skipped.push({ file: rel, reason: 'symlink loop' });
          continue;
        }
        visitDir(abs, real, rel, new Set([...ancestors, real]), here);
      } else if (st.isFile()) {
        files.push({ path: rel, absPath: abs, size: st.size, mtimeMs: st.mtimeMs });
      } else {
        skipped.push({ file: rel, reason: 'not a regular file' });
      }
    }
  };

  const rootStat = fs.stat(root);
  if (rootStat.isFile()) {
    const rel = path.basename(root);
    return { files: [{ path: rel, absPath: path.resolve(root), size: rootStat.size, mtimeMs: rootStat.mtimeMs }], skipped };
  }
  visitDir(path.resolve(root), rootReal, '', new Set([rootReal]), []);
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, skipped };
}
