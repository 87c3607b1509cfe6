/**
 * Gemfile.lock (Bundler): `GEM`, `GIT` and `PATH` sections with `remote:` and `specs:`; packages
 * are the specs indented four spaces, `name (version)` (a platform may follow the version:
 * `1.13.10-x86_64-linux`); six-space lines are their dependencies.
 */
import { emptyResult, splitLines, type LockfileResult } from './types.js';

/** The sections Bundler writes; a file with none of them is not a Gemfile.lock. */
const BUNDLER_SECTIONS = /^(GEM|GIT|PATH|PLUGIN SOURCE|PLATFORMS|DEPENDENCIES|RUBY VERSION|BUNDLED WITH|CHECKSUMS)$/;

export function parseGemfileLock(text: string): LockfileResult {
  const res = emptyResult('Gemfile.lock');
  const lines = splitLines(text);
  let section = '';
  let revision: string | undefined;
  let remote: { url: string; line: number } | undefined;
  let sectionStart = 0;
  const closeGit = () => {
    if (section !== 'GIT') return;
    for (const p of res.packages.slice(sectionStart)) if (p.git) p.git.ref = p.git.ref ?? revision;
  };
  let sawSection = false;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    if (/^\S/.test(raw)) {
      closeGit();
      section = raw.trim();
      if (BUNDLER_SECTIONS.test(section)) sawSection = true;
      revision = undefined;
      remote = undefined;
      sectionStart = res.packages.length;
      continue;
    }
    if (section !== 'GEM' && section !== 'GIT' && section !== 'PATH') continue;
    const rem = /^ {2}remote: (\S+)/.exec(raw);
    if (rem) {
      remote = { url: rem[1], line: i + 1 };
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(rem[1])) res.urls.push({ url: rem[1], line: i + 1, column: raw.indexOf(rem[1]) + 1, role: section === 'GEM' ? 'registry' : 'source' });
      continue;
    }
    const rev = /^ {2}revision: (\S+)/.exec(raw);
    if (rev) {
      revision = rev[1];
      continue;
    }
    const spec = /^ {4}([^\s(]+) \(([^)]+)\)\s*$/.exec(raw);
    if (spec) {
      const pkg = { ecosystem: 'RubyGems' as const, name: spec[1], version: spec[2], line: i + 1 };
      if (section === 'PATH') res.packages.push({ ...pkg, link: true });
      else if (section === 'GIT') res.packages.push({ ...pkg, git: { url: remote?.url ?? '', ref: revision, line: remote?.line ?? i + 1 } });
      else res.packages.push(pkg);
      continue;
    }
    if (/^ {4}\S/.test(raw)) res.problems.push({ line: i + 1, message: `expected "name (version)" (got "${raw.trim().slice(0, 60)}")` });
  }
  closeGit();
  if (!sawSection) res.unrecognised = true;
  // a project without dependencies: an empty DEPENDENCIES section (one listing gems that no section holds is truncated)
  else if (res.packages.length === 0 && /^GEM$/m.test(text)) {
    const deps = lines.findIndex((l) => l.trimEnd() === 'DEPENDENCIES');
    res.rootOnly = deps >= 0 && !/^ {2}\S/.test(lines[deps + 1] ?? '');
  }
  return res;
}
