/** `saltire db update` and `saltire db status`: the offline OSV advisory database. */
import { UsageError } from '../errors.js';
import { defaultCacheDir, OsvDatabase, updateOsvDatabase, isEcosystem, ECOSYSTEMS, type Ecosystem } from '../osv/index.js';

export interface DbUpdateOptions {
  from?: string;
  ecosystems?: string;
  cacheDir?: string;
}

function parseEcosystems(list: string | undefined): Ecosystem[] | undefined {
  if (!list) return undefined;
  const out: Ecosystem[] = [];
  for (const raw of list.split(',').map((s) => s.trim()).filter(Boolean)) {
    const eco = ECOSYSTEMS.find((e) => e.toLowerCase() === raw.toLowerCase());
    if (!eco || !isEcosystem(eco)) throw new UsageError(`unknown ecosystem "${raw}" (expected ${ECOSYSTEMS.join(', ')})`);
    out.push(eco);
  }
  return out;
}

export async function dbUpdateCommand(opts: DbUpdateOptions): Promise<number> {
  const cacheDir = opts.cacheDir ?? defaultCacheDir();
  const ecosystems = parseEcosystems(opts.ecosystems);
  let result;
  try {
    result = await updateOsvDatabase({ cacheDir, from: opts.from, ecosystems, log: (l) => process.stderr.write(`${l}\n`) });
  } catch (e) {
    process.stderr.write(`saltire: db update failed: ${(e as Error).message}\n`);
    return 1;
  }
  for (const e of result.ecosystems) process.stdout.write(`${e.ecosystem.padEnd(10)} ${(e.bytes / 1048576).toFixed(1)} MB  ${e.source}\n`);
  for (const f of result.failed) process.stderr.write(`saltire: ${f.ecosystem}: ${f.error} (the previous copy, if any, is kept)\n`);
  process.stdout.write(`OSV database updated ${result.metadata.updated} in ${cacheDir}\n`);
  return result.failed.length ? 1 : 0;
}

export async function dbStatusCommand(opts: { cacheDir?: string }): Promise<number> {
  const cacheDir = opts.cacheDir ?? defaultCacheDir();
  const info = new OsvDatabase(cacheDir).info();
  if (!info.exists) {
    process.stdout.write(`no OSV database in ${cacheDir}: run saltire db update\n`);
    return 1;
  }
  process.stdout.write(`OSV database in ${cacheDir}, dated ${info.date?.toISOString().slice(0, 10) ?? 'unknown'}; ecosystems: ${info.ecosystems.join(', ') || 'all.zip'}\n`);
  return 0;
}
