/**
 * Version orderings per OSV ecosystem. Each ordering compares two version strings, or returns
 * undefined when either cannot be parsed in that ecosystem's syntax ("cannot tell": a range with an
 * unparsable bound is then not matched, and never crashes a scan).
 *
 * - npm, crates.io and SEMVER ranges: SemVer 2.0 precedence (`semver`), pre-releases included.
 * - Go: SemVer after stripping the leading `v`; pseudo-versions (`v0.0.0-20210101000000-abcdef123456`)
 *   are SemVer pre-releases and order as Go orders them; `+incompatible` is build metadata (ignored).
 * - PyPI: PEP 440 (`@renovatebot/pep440`).
 * - RubyGems: Gem::Version ordering (`@renovatebot/ruby-semver`); a Gemfile.lock platform suffix
 *   (`1.13.10-x86_64-linux`) is removed before comparing.
 * - Packagist: a Composer-like normalisation (see `composerKey`).
 */
import { lazy } from '../lazy.js';

const semverLib = lazy<typeof import('semver')>('semver');
const pep440Lib = lazy<typeof import('@renovatebot/pep440')>('@renovatebot/pep440');
const rubySemverLib = lazy<typeof import('@renovatebot/ruby-semver')>('@renovatebot/ruby-semver');

export const ECOSYSTEMS = ['npm', 'PyPI', 'Go', 'crates.io', 'RubyGems', 'Packagist'] as const;
export type Ecosystem = (typeof ECOSYSTEMS)[number];

export function isEcosystem(e: unknown): e is Ecosystem {
  return typeof e === 'string' && (ECOSYSTEMS as readonly string[]).includes(e);
}

export type Compare = (a: string, b: string) => number | undefined;

function semverCompare(a: string, b: string): number | undefined {
  const semver = semverLib();
  const pa = semver.parse(a);
  const pb = semver.parse(b);
  if (!pa || !pb) return undefined;
  return pa.compare(pb);
}

function stripV(v: string): string {
  return /^v\d/i.test(v) ? v.slice(1) : v;
}

function goCompare(a: string, b: string): number | undefined {
  return semverCompare(stripV(a), stripV(b));
}

function pypiCompare(a: string, b: string): number | undefined {
  const pep440 = pep440Lib();
  if (!pep440.valid(a) || !pep440.valid(b)) return undefined;
  return Math.sign(pep440.compare(a, b));
}

/** A Gemfile.lock version may carry a platform (`1.13.10-x86_64-linux`); gem versions never contain `-`. */
export function rubyVersion(v: string): string {
  const i = v.indexOf('-');
  return i < 0 ? v : v.slice(0, i);
}

function rubyCompare(a: string, b: string): number | undefined {
  const ra = rubyVersion(a);
  const rb = rubyVersion(b);
  // Gem::Version segments are Ruby Integers (unbounded); the library parses them as JS numbers, which
  // cannot tell 16-digit and longer segments apart, so such a version is not ordered rather than misordered.
  if (/\d{16}/.test(ra) || /\d{16}/.test(rb)) return undefined;
  const rubySemver = rubySemverLib();
  if (!rubySemver.valid(ra) || !rubySemver.valid(rb)) return undefined;
  if (rubySemver.eq(ra, rb)) return 0;
  return rubySemver.lt(ra, rb) ? -1 : 1;
}

const STABILITY: Record<string, bigint> = { dev: 0n, alpha: 1n, a: 1n, beta: 2n, b: 2n, rc: 3n, stable: 4n, patch: 5n, pl: 5n, p: 5n };

/**
 * Composer-like normalisation (after Composer's VersionParser::normalize and PHP's version_compare):
 * drop build metadata (`+...`) and a leading `v`; the numeric part has up to four dot-separated
 * numbers (missing ones are 0, so `1.0` and `1.0.0` are one version, as Composer normalises both to
 * `1.0.0.0`); an optional stability suffix `-dev` < `alpha`/`a` < `beta`/`b` < `RC` < (none/`stable`)
 * < `patch`/`pl`/`p`, with optional numbers (`beta2.1` = `b.2.1`), compared in turn, where more
 * numbers sort higher. Numbers are compared exactly, whatever their length. Branch versions
 * (`dev-main`, `1.x-dev`) and anything else are not orderable (undefined).
 */
export function composerKey(v: string): bigint[] | undefined {
  let s = v.trim();
  const plus = s.indexOf('+');
  if (plus > 0) s = s.slice(0, plus);
  const m = /^v?(\d+(?:\.\d+){0,3})(?:[._-]?(stable|beta|b|rc|alpha|a|patch|pl|p|dev)((?:[.-]?\d+)*))?$/i.exec(s);
  if (!m) return undefined;
  const nums = m[1].split('.').map(BigInt);
  while (nums.length < 4) nums.push(0n);
  const stability = m[2] ? STABILITY[m[2].toLowerCase()] : STABILITY.stable;
  const tail = stability === STABILITY.stable || !m[3] ? [] : m[3].split(/[.-]/).filter(Boolean).map(BigInt);
  return [...nums, stability, ...tail];
}

function packagistCompare(a: string, b: string): number | undefined {
  const ka = composerKey(a);
  const kb = composerKey(b);
  if (!ka || !kb) return undefined;
  for (let i = 0; i < Math.min(ka.length, kb.length); i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
  return Math.sign(ka.length - kb.length);
}

/** The ordering for a range: SEMVER ranges use SemVer precedence whatever the ecosystem (Go strips `v`). */
export function comparatorFor(ecosystem: Ecosystem, rangeType: 'SEMVER' | 'ECOSYSTEM'): Compare {
  if (ecosystem === 'Go') return goCompare;
  if (rangeType === 'SEMVER') return semverCompare;
  switch (ecosystem) {
    case 'npm':
    case 'crates.io':
      return semverCompare;
    case 'PyPI':
      return pypiCompare;
    case 'RubyGems':
      return rubyCompare;
    case 'Packagist':
      return packagistCompare;
  }
}

/** Whether two version strings name the same version for an explicit `versions[]` list. */
export function sameVersion(ecosystem: Ecosystem, a: string, b: string): boolean {
  if (a === b) return true;
  const c = comparatorFor(ecosystem, 'ECOSYSTEM')(a, b);
  return c === 0;
}

/** PEP 503 normalised name (OSV PyPI names are normalised; requirement files are not). */
export function normalizePypiName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** The key a package name is indexed under in its ecosystem. */
export function packageKey(ecosystem: Ecosystem, name: string): string {
  switch (ecosystem) {
    case 'PyPI':
      return normalizePypiName(name);
    case 'Packagist':
      return name.toLowerCase();
    default:
      return name;
  }
}
