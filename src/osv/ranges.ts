/**
 * Range evaluation exactly as the OSV schema's "Evaluation" pseudocode says
 * (https://ossf.github.io/osv-schema/#evaluation): a version is affected when it equals one of
 * `affected[].versions`, or when, in some range whose limits it is below, walking the events sorted
 * by version leaves it "vulnerable" (`introduced` <= v sets, `fixed` <= v clears, `last_affected` < v
 * clears). `introduced: "0"` sorts before every version; a `limit` containing `*` is infinity.
 * GIT ranges need the repository's commit graph and are ignored.
 */
import type { OsvAffected, OsvEvent, OsvRange } from './types.js';
import { comparatorFor, sameVersion, type Compare, type Ecosystem } from './versions.js';

type EventKind = 'introduced' | 'fixed' | 'last_affected' | 'limit';

function eventOf(e: OsvEvent): { kind: EventKind; value: string } | undefined {
  if (typeof e.introduced === 'string') return { kind: 'introduced', value: e.introduced };
  if (typeof e.fixed === 'string') return { kind: 'fixed', value: e.fixed };
  if (typeof e.last_affected === 'string') return { kind: 'last_affected', value: e.last_affected };
  if (typeof e.limit === 'string') return { kind: 'limit', value: e.limit };
  return undefined;
}

/** Compare with the special values: "0" (introduced) is the least version, "*" (limit) the greatest. */
function cmpSpecial(cmp: Compare, a: string, b: string): number | undefined {
  const ra = a === '0' ? -Infinity : a.includes('*') ? Infinity : 0;
  const rb = b === '0' ? -Infinity : b.includes('*') ? Infinity : 0;
  if (ra !== 0 || rb !== 0) return ra === rb ? 0 : ra < rb ? -1 : 1;
  return cmp(a, b);
}

export type RangeVerdict = 'affected' | 'unaffected' | 'unknown';

/** One range (not GIT). `unknown` when a version in it cannot be ordered (nothing is reported). */
export function evaluateRange(version: string, range: OsvRange, ecosystem: Ecosystem): RangeVerdict {
  if (range.type !== 'SEMVER' && range.type !== 'ECOSYSTEM') return 'unaffected';
  const cmp = comparatorFor(ecosystem, range.type);
  const events = (range.events ?? []).map(eventOf).filter((e): e is NonNullable<typeof e> => !!e);
  let unknown = false;
  const c = (a: string, b: string): number => {
    const r = cmpSpecial(cmp, a, b);
    if (r === undefined) {
      unknown = true;
      return 0;
    }
    return r;
  };
  if (cmpSpecial(cmp, version, version) === undefined) return 'unknown';
  // BeforeLimits
  const limits = events.filter((e) => e.kind === 'limit');
  if (limits.length > 0 && !limits.some((l) => c(version, l.value) < 0)) return unknown ? 'unknown' : 'unaffected';
  // sorted(range.events): a stable sort by version keeps the record's order among equal versions
  const sorted = events
    .map((e, i) => ({ e, i }))
    .sort((x, y) => c(x.e.value, y.e.value) || x.i - y.i)
    .map((x) => x.e);
  let vulnerable = false;
  for (const evt of sorted) {
    if (evt.kind === 'introduced' && c(version, evt.value) >= 0) vulnerable = true;
    else if (evt.kind === 'fixed' && c(version, evt.value) >= 0) vulnerable = false;
    else if (evt.kind === 'last_affected' && c(version, evt.value) > 0) vulnerable = false;
  }
  if (unknown) return 'unknown';
  return vulnerable ? 'affected' : 'unaffected';
}

/** IncludedInVersions || IncludedInRanges for one `affected[]` entry of the package. */
export function isAffected(version: string, affected: OsvAffected, ecosystem: Ecosystem): boolean {
  for (const v of affected.versions ?? []) if (sameVersion(ecosystem, version, v)) return true;
  return (affected.ranges ?? []).some((r) => evaluateRange(version, r, ecosystem) === 'affected');
}

/**
 * The fixed versions that would remedy `version`: for each non-GIT range that affects it, the least
 * `fixed` event above it. Empty when no fix is recorded (unfixed, or last_affected only).
 */
export function fixedVersionsFor(version: string, affected: OsvAffected, ecosystem: Ecosystem): string[] {
  const out: string[] = [];
  for (const r of affected.ranges ?? []) {
    if (r.type !== 'SEMVER' && r.type !== 'ECOSYSTEM') continue;
    if (evaluateRange(version, r, ecosystem) !== 'affected') continue;
    const cmp = comparatorFor(ecosystem, r.type);
    const above = (r.events ?? [])
      .map((e) => e.fixed)
      .filter((f): f is string => typeof f === 'string' && (cmp(f, version) ?? 0) > 0)
      .sort((a, b) => cmp(a, b) ?? 0);
    if (above[0] && !out.includes(above[0])) out.push(above[0]);
  }
  return out;
}
