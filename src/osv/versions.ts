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
 * - Maven: Maven's ComparableVersion ordering (see `mavenCompare`).
 * - NuGet: NuGet.Versioning's ordering: up to four numbers, then SemVer 2.0 pre-release labels
 *   compared without regard to case; build metadata ignored.
 */
import { lazy } from '../lazy.js';

const semverLib = lazy<typeof import('semver')>('semver');
const pep440Lib = lazy<typeof import('@renovatebot/pep440')>('@renovatebot/pep440');
const rubySemverLib = lazy<typeof import('@renovatebot/ruby-semver')>('@renovatebot/ruby-semver');

export const ECOSYSTEMS = ['npm', 'PyPI', 'Go', 'crates.io', 'RubyGems', 'Packagist', 'Maven', 'NuGet'] as const;
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
  const m = /^v?(\d+(?:\.\d+){0,3})(?:[._-]?(stable|beta|b|rc|alpha|a|patch|pl|p|dev)(\d*(?:[.-]\d+)*))?$/i.exec(s);
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

// ---- Maven: the "Version Order Specification" of the POM reference (ComparableVersion, Maven 3.9) ----

/**
 * ComparableVersion's items: numbers, qualifiers, a qualifier with its number (`rc1`, `sp-2`: Maven
 * 3.9's CombinationItem) and sub-lists (opened by `-`, by a letter after a digit, and, since Maven 3.9
 * (MNG-7644), before a qualifier that follows a `.`, so that `2.0.x` = `2-x` and `1.0.0.x1` < `1.0.0-x2`).
 */
type MavenItem =
  | { kind: 'int'; value: bigint }
  | { kind: 'str'; value: string }
  | { kind: 'combo'; str: string; digits: bigint }
  | { kind: 'list'; items: MavenItem[] };

const MAVEN_QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
/** `ga`, `final` and `release` sort as the release itself (but, unlike it, are not dropped from the list). */
const MAVEN_RELEASE_QUALIFIERS = new Set(['ga', 'final', 'release']);
const MAVEN_RELEASE = String(MAVEN_QUALIFIERS.indexOf(''));
/** Maven refuses longer version strings (each `-` nests a list); such a version is not ordered. */
const MAVEN_MAX_LENGTH = 256;

/** A qualifier's sort key: its place among the known ones, else after them all, alphabetically. */
function mavenQualifierKey(q: string): string {
  if (MAVEN_RELEASE_QUALIFIERS.has(q)) return MAVEN_RELEASE;
  const i = MAVEN_QUALIFIERS.indexOf(q);
  return i >= 0 ? String(i) : `${MAVEN_QUALIFIERS.length}-${q}`;
}

/** A qualifier; one letter followed by a number is an abbreviation (`a1` = `alpha-1`, `b`, `m`). */
function mavenQualifier(value: string, followedByDigit: boolean): string {
  if (followedByDigit && value.length === 1) value = value === 'a' ? 'alpha' : value === 'b' ? 'beta' : value === 'm' ? 'milestone' : value;
  return value === 'cr' ? 'rc' : value;
}

const isAsciiDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

function mavenToken(isCombination: boolean, isDigit: boolean, token: string): MavenItem {
  if (isCombination) {
    const t = token.replace(/-/g, '');
    let i = 0;
    while (i < t.length && !isAsciiDigit(t[i])) i++;
    // (a combination always ends in digits; were it not to, it would be read as a plain qualifier)
    if (i < t.length) return { kind: 'combo', str: mavenQualifier(t.slice(0, i), true), digits: BigInt(t.slice(i)) };
    return { kind: 'str', value: mavenQualifier(t, false) };
  }
  return isDigit ? { kind: 'int', value: BigInt(token) } : { kind: 'str', value: mavenQualifier(token, false) };
}

const isNullItem = (i: MavenItem) => (i.kind === 'int' ? i.value === 0n : i.kind === 'str' ? i.value === '' : i.kind === 'list' ? i.items.length === 0 : false);

/**
 * Maven 3.9's ListItem.normalize: a null item (0, empty list) goes when it is last, when a qualifier
 * follows it, or when the list that follows it starts with a qualifier (`1.0-alpha` = `1-alpha`, but
 * `1.0-1` keeps its 0).
 */
function mavenNormalise(list: MavenItem[]): void {
  for (let i = list.length - 1; i >= 0; i--) {
    if (!isNullItem(list[i])) continue;
    const next = list[i + 1];
    if (next === undefined || next.kind === 'str') list.splice(i, 1);
    else if (next.kind === 'list' && (next.items[0]?.kind === 'combo' || next.items[0]?.kind === 'str')) list.splice(i, 1);
  }
}

/** Parse a Maven version into ComparableVersion's item tree (Maven 3.9's parseVersion). */
export function parseMavenVersion(version: string): MavenItem {
  const v = version.toLowerCase();
  const root: MavenItem[] = [];
  let list = root;
  const stack: MavenItem[][] = [root];
  let isDigit = false;
  let isCombination = false;
  let start = 0;
  const open = () => {
    const sub: MavenItem[] = [];
    list.push({ kind: 'list', items: sub });
    list = sub;
    stack.push(sub);
  };
  for (let i = 0; i < v.length; i++) {
    const c = v[i];
    if (c === '.') {
      list.push(i === start ? { kind: 'int', value: 0n } : mavenToken(isCombination, isDigit, v.slice(start, i)));
      isCombination = false;
      start = i + 1;
    } else if (c === '-') {
      if (i === start) list.push({ kind: 'int', value: 0n });
      else {
        // `x-1` is read as `x1`
        if (!isDigit && i !== v.length - 1 && isAsciiDigit(v[i + 1])) {
          isCombination = true;
          continue;
        }
        list.push(mavenToken(isCombination, isDigit, v.slice(start, i)));
      }
      start = i + 1;
      if (list.length > 0) open();
      isCombination = false;
    } else if (isAsciiDigit(c)) {
      if (!isDigit && i > start) {
        isCombination = true; // `x1`
        if (list.length > 0) open();
      }
      isDigit = true;
    } else {
      if (isDigit && i > start) {
        list.push(mavenToken(isCombination, true, v.slice(start, i)));
        start = i;
        open();
        isCombination = false;
      }
      isDigit = false;
    }
  }
  if (v.length > start) {
    // `1.0.0.x` is read as `1.0.0-x`
    if (!isDigit && list.length > 0) open();
    list.push(mavenToken(isCombination, isDigit, v.slice(start)));
  }
  while (stack.length) mavenNormalise(stack.pop()!);
  return { kind: 'list', items: root };
}

const cmpString = (a: string, b: string) => (a === b ? 0 : a < b ? -1 : 1);
const cmpBig = (a: bigint, b: bigint) => (a === b ? 0 : a < b ? -1 : 1);

/** A qualifier against an item (StringItem.compareTo); `b` undefined is the padding of a shorter list. */
function mavenStringCompare(q: string, b: MavenItem | undefined): number {
  if (!b) return cmpString(mavenQualifierKey(q), MAVEN_RELEASE);
  if (b.kind === 'str') return cmpString(mavenQualifierKey(q), mavenQualifierKey(b.value));
  if (b.kind === 'combo') return mavenStringCompare(q, { kind: 'str', value: b.str }) || -1; // x < x1
  return -1; // 1.x < 1.1, 1.x < 1-1
}

/** ComparableVersion's Item.compareTo (Maven 3.9). */
function mavenItemCompare(a: MavenItem, b: MavenItem | undefined): number {
  switch (a.kind) {
    case 'int':
      if (!b) return a.value === 0n ? 0 : 1;
      return b.kind === 'int' ? cmpBig(a.value, b.value) : 1; // 1.1 > 1-sp, 1.1 > 1-1
    case 'str':
      return mavenStringCompare(a.value, b);
    case 'combo': {
      if (!b) return mavenStringCompare(a.str, undefined);
      if (b.kind === 'str') return mavenStringCompare(a.str, b) || 1; // x1 > x
      if (b.kind === 'combo') return mavenStringCompare(a.str, { kind: 'str', value: b.str }) || cmpBig(a.digits, b.digits);
      return -1;
    }
    case 'list': {
      if (!b) {
        for (const item of a.items) {
          const r = mavenItemCompare(item, undefined);
          if (r !== 0) return r;
        }
        return 0;
      }
      if (b.kind === 'int') return -1; // 1-1 < 1.1
      if (b.kind !== 'list') return 1; // 1-1 > 1-sp
      for (let i = 0; i < Math.max(a.items.length, b.items.length); i++) {
        const l = a.items[i];
        const r = b.items[i];
        const c = l === undefined ? (r === undefined ? 0 : -mavenItemCompare(r, undefined)) : mavenItemCompare(l, r);
        if (c !== 0) return c;
      }
      return 0;
    }
  }
}

function mavenCompare(a: string, b: string): number | undefined {
  const x = a.trim();
  const y = b.trim();
  if (!x || !y || x.length > MAVEN_MAX_LENGTH || y.length > MAVEN_MAX_LENGTH || /[\s,[\]()${}]/.test(x + y)) return undefined; // ranges, properties, blanks
  return mavenItemCompare(parseMavenVersion(x), parseMavenVersion(y));
}

// ---- NuGet: NuGet.Versioning ----

const NUGET = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z.-]*)?$/;

function nugetCompare(a: string, b: string): number | undefined {
  const ma = NUGET.exec(a.trim());
  const mb = NUGET.exec(b.trim());
  if (!ma || !mb) return undefined;
  for (let i = 1; i <= 4; i++) {
    const x = BigInt(ma[i] ?? '0');
    const y = BigInt(mb[i] ?? '0');
    if (x !== y) return x < y ? -1 : 1;
  }
  const ra = ma[5];
  const rb = mb[5];
  if (!ra || !rb) return ra === rb ? 0 : ra ? -1 : 1; // a release sorts after its pre-releases
  const la = ra.split('.');
  const lb = rb.split('.');
  for (let i = 0; i < Math.min(la.length, lb.length); i++) {
    const na = /^\d+$/.test(la[i]);
    const nb = /^\d+$/.test(lb[i]);
    if (na && nb) {
      const x = BigInt(la[i]);
      const y = BigInt(lb[i]);
      if (x !== y) return x < y ? -1 : 1;
    } else if (na !== nb) return na ? -1 : 1;
    else {
      const c = cmpString(la[i].toLowerCase(), lb[i].toLowerCase());
      if (c !== 0) return c;
    }
  }
  return Math.sign(la.length - lb.length);
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
    case 'Maven':
      return mavenCompare;
    case 'NuGet':
      return nugetCompare;
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
    case 'NuGet':
      return name.toLowerCase();
    default:
      return name;
  }
}
