/**
 * Cargo.lock (https://doc.rust-lang.org/cargo/guide/cargo-toml-vs-cargo-lock.html): `[[package]]`
 * tables. A package without `source` is a workspace member; `git+…#<commit>` sources are git
 * dependencies; packages from a registry other than crates.io are not matched against crates.io
 * advisories.
 */
import { emptyResult, type LockfileResult, type LockPackage } from './types.js';
import { nameAndVersion, readArrayTables, str, strings } from './toml.js';

const CRATES_IO = /^(registry\+https:\/\/github\.com\/rust-lang\/crates\.io-index|sparse\+https:\/\/index\.crates\.io\/?)$/;

export function parseCargoLock(text: string): LockfileResult {
  const res = emptyResult('Cargo.lock');
  const { elements, topLevel, problems } = readArrayTables(text, 'package');
  res.problems.push(...problems);
  for (const t of elements) {
    const nv = nameAndVersion(t, res.problems);
    if (!nv) continue;
    const { name, version } = nv;
    const pkg: LockPackage = { ecosystem: 'crates.io', name, version, line: t.line };
    const source = str(t.value, 'source');
    const at = t.position(['source']) ?? { line: t.line, column: 1 };
    if (source === undefined) {
      pkg.workspace = true;
      pkg.link = true;
    } else if (source.startsWith('git+')) {
      const url = source.slice(4);
      const hash = url.indexOf('#');
      pkg.git = { url: hash < 0 ? url : url.slice(0, hash), ref: hash < 0 ? undefined : url.slice(hash + 1), line: at.line };
    } else if (!CRATES_IO.test(source)) {
      pkg.foreign = true;
      const u = /^(?:registry|sparse)\+(.*)$/.exec(source)?.[1];
      if (u) res.urls.push({ url: u, line: at.line, column: at.column + source.indexOf(u), role: 'registry', package: name });
    }
    res.packages.push(pkg);
  }
  // only workspace members, depending on nothing but each other (`dependencies = ["name", "name version (source)"]`)
  const members = new Set(res.packages.map((p) => p.name));
  const declared = elements.flatMap((t) => (str(t.value, 'source') === undefined ? strings(t.value, 'dependencies') : [])).map((d) => d.split(' ')[0]);
  if (res.packages.length > 0 && res.packages.every((p) => p.workspace) && declared.every((d) => members.has(d))) res.rootOnly = true;
  if (topLevel.size === 0 && res.packages.length === 0 && res.problems.length === 0) res.unrecognised = true;
  return res;
}
