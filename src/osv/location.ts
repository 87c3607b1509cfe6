/**
 * Where the OSV database is. Rules read `ctx.options.osvDb` first; then the location the CLI set for
 * the run with `setOsvDatabase` (`saltire scan --osv-db`); then `SALTIRE_OSV_DB`; then the cache
 * `saltire db update` writes (`$XDG_CACHE_HOME/saltire/osv`, else `~/.cache/saltire/osv`).
 */
import os from 'node:os';
import path from 'node:path';
import { fromRoot } from '../paths.js';

let configured: string | undefined;

/** Set (or clear, with undefined) the OSV database location for this run: a folder or an all.zip. */
export function setOsvDatabase(location: string | undefined): void {
  configured = location ? path.resolve(location) : undefined;
}

/** The location set with `setOsvDatabase`, if any (workers are given it). */
export function configuredOsvDatabase(): string | undefined {
  return configured;
}

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
  return path.join(base, 'saltire', 'osv');
}

export interface OsvLocation {
  path: string;
  from: 'option' | 'cli' | 'env' | 'fixtures' | 'default';
}

const FIXTURES = fromRoot('fixtures', 'dependencies');

/**
 * The database for a run. Saltire's own dependency-pack fixtures (a scan rooted inside
 * `fixtures/dependencies/` of this package) use the bundled fixture database when nothing else is
 * configured, so their expected findings do not depend on the machine's cache.
 */
export function resolveOsvLocation(options: Record<string, unknown> | undefined, scanRoot?: string, env: NodeJS.ProcessEnv = process.env): OsvLocation {
  const opt = options?.osvDb;
  if (typeof opt === 'string' && opt.trim()) return { path: path.resolve(opt), from: 'option' };
  if (configured) return { path: configured, from: 'cli' };
  if (env.SALTIRE_OSV_DB?.trim()) return { path: path.resolve(env.SALTIRE_OSV_DB), from: 'env' };
  if (scanRoot) {
    const rel = path.relative(FIXTURES, path.resolve(scanRoot));
    if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return { path: path.join(FIXTURES, 'osv-db'), from: 'fixtures' };
  }
  return { path: defaultCacheDir(env), from: 'default' };
}
