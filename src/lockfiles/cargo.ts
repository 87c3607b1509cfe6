/**
 * Cargo.lock (https://doc.rust-lang.org/cargo/guide/cargo-toml-vs-cargo-lock.html): `[[package]]`
 * tables. A package without `source` is a workspace member; `git+…#<commit>` sources are git
 * dependencies; packages from a registry other than crates.io are not matched against crates.io
 * advisories.
 */
import { emptyResult, type LockfileResult, type LockPackage } from './types.js';
import { field, readTomlTables } from './toml-lines.js';

const CRATES_IO = /^(registry\+https:\/\/github\.com\/rust-lang\/crates\.io-index|sparse\+https:\/\/index\.crates\.io\/?)$/;

export function parseCargoLock(text: string): LockfileResult {
  const res = emptyResult('Cargo.lock');
  const { tables, problems } = readTomlTables(text);
  res.problems.push(...problems);
  for (const t of tables) {
    if (!(t.name === 'package' && t.array)) continue;
    const name = field(t, 'name')?.value;
    const version = field(t, 'version')?.value;
    if (!name || !version) {
      res.problems.push({ line: t.line, message: '[[package]] without a name and version' });
      continue;
    }
    const pkg: LockPackage = { ecosystem: 'crates.io', name, version, line: t.line };
    const source = field(t, 'source');
    if (!source) {
      pkg.workspace = true;
      pkg.link = true;
    } else if (source.value.startsWith('git+')) {
      const url = source.value.slice(4);
      const hash = url.indexOf('#');
      pkg.git = { url: hash < 0 ? url : url.slice(0, hash), ref: hash < 0 ? undefined : url.slice(hash + 1), line: source.line };
    } else if (!CRATES_IO.test(source.value)) {
      pkg.foreign = true;
      const u = /^(?:registry|sparse)\+(.*)$/.exec(source.value)?.[1];
      if (u) res.urls.push({ url: u, line: source.line, column: source.column + source.value.indexOf(u), role: 'registry', package: name });
    }
    res.packages.push(pkg);
  }
  if (res.packages.length > 0 && res.packages.every((p) => p.workspace)) res.rootOnly = true;
  if (tables.length === 1 && res.packages.length === 0) res.unrecognised = true;
  return res;
}
