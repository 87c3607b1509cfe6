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
  const rubySemver = rubySemverLib();
  if (!rubySemver.valid(ra) || !rubySemver.valid(rb)) return undefined;
  if (rubySemver.eq(ra, rb)) return 0;
  return rubySemver.lt(ra, rb) ? -1 : 1;
}

const STABILITY: Record<string, number> = { dev: 0, alpha: 1, a: 1, beta: 2, b: 2, rc: 3, stable: 4, patch: 5, pl: 5, p: 5 };

/**
 * Composer-like normalisation (after Composer's VersionParser::normalize and PHP's version_compare):
 * strip a leading `v`; the numeric part has up to four dot-separated numbers (missing ones are 0);
 * an optional stability suffix `-dev` < `alpha`/`a` < `beta`/`b` < `RC` < (none/`stable`) <
 * `patch`/`pl`/`p`, each with an optional number. Branch versions (`dev-main`, `1.x-dev`) and
 * anything else are not orderable (undefined).
 */
export function composerKey(v: string): number[] | undefined {
  const m = /^v?(\d+(?:\.\d+){0,3})(?:[._-]?(stable|beta|b|rc|alpha|a|patch|pl|p|dev)(?:[.-]?(\d+))?)?$/i.exec(v.trim());
  if (!m) return undefined;
  const nums = m[1].split('.').map(Number);
  while (nums.length < 4) nums.push(0);
  const stability = m[2] ? STABILITY[m[2].toLowerCase()] : STABILITY.stable;
  return [...nums, stability, m[3] ? Number(m[3]) : 0];
}

function packagistCompare(a: string, b: string): number | undefined {
  const ka = composerKey(a);
  const kb = composerKey(b);
  if (!ka || !kb) return undefined;
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
  return 0;
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
