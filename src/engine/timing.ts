/**
 * `scan --timing`: where a scan's checking time went, per rule and per parser (like ESLint's
 * TIMING=1). Each rule's time on a file is measured around its own code (its `check`, awaited, and
 * its tree listeners), less any per-file analysis it shares with other rules (`ctx.shared`, shown on
 * its own line), so a slow rule can be found and a slow pack told from a slow parser. Off by
 * default: measuring costs two clock reads per rule and file.
 */

/** Milliseconds and calls per label (`rule:<id>`, `parse:<kind>` (read and parsed), `read:<kind>` (read only: no rule needs its tree), `shared:<key>`, `engine:<phase>`). */
export type TimingRecord = Record<string, [ms: number, calls: number]>;

export class Timing {
  private readonly totals = new Map<string, [number, number]>();

  /** `calls`: 0 adds time to a call already counted (a rule's tree listeners on the file it checks). */
  add(label: string, ms: number, calls = 1): void {
    const t = this.totals.get(label);
    if (t) {
      t[0] += ms;
      t[1] += calls;
    } else this.totals.set(label, [ms, calls]);
  }

  /** Time a synchronous step. */
  time<T>(label: string, fn: () => T): T {
    const start = performance.now();
    try {
      return fn();
    } finally {
      this.add(label, performance.now() - start);
    }
  }

  /** Add another thread's record. */
  merge(record: TimingRecord): void {
    for (const [label, [ms, calls]] of Object.entries(record)) this.add(label, ms, calls);
  }

  toRecord(): TimingRecord {
    return Object.fromEntries([...this.totals].map(([k, [ms, calls]]) => [k, [ms, calls]]));
  }

  /** The record so far, starting afresh (a worker sends each chunk's share). */
  take(): TimingRecord {
    const r = this.toRecord();
    this.totals.clear();
    return r;
  }
}

/**
 * The slowest rules and every parser and engine phase, as a table for the terminal. `cached`: files
 * whose findings came from the result cache (no rule ran on them, so they add no time).
 */
export function formatTiming(record: TimingRecord, wallMs: number, top = 20, cached = 0): string {
  const rows = Object.entries(record).map(([label, [ms, calls]]) => ({ label, ms, calls }));
  const rules = rows.filter((r) => r.label.startsWith('rule:')).sort((a, b) => b.ms - a.ms || (a.label < b.label ? -1 : 1));
  const other = rows.filter((r) => !r.label.startsWith('rule:')).sort((a, b) => b.ms - a.ms || (a.label < b.label ? -1 : 1));
  const ruleMs = rules.reduce((t, r) => t + r.ms, 0);
  const width = Math.max(24, ...[...rules.slice(0, top), ...other].map((r) => r.label.length - (r.label.startsWith('rule:') ? 5 : 0)));
  const line = (name: string, ms: number, calls: number) =>
    `${name.padEnd(width)}  ${ms.toFixed(1).padStart(9)}  ${((100 * ms) / Math.max(wallMs, 1)).toFixed(1).padStart(5)}%  ${String(calls).padStart(8)}`;
  const head = `${'Rule'.padEnd(width)}  ${'Time (ms)'.padStart(9)}  ${'Scan'.padStart(6)}  ${'Calls'.padStart(8)}`;
  const out = [
    `Timing (checking time summed over threads; scan took ${(wallMs / 1000).toFixed(2)} s${cached ? `; ${cached} file${cached === 1 ? '' : 's'} from the result cache, where no rule ran` : ''})`,
    head,
    ...rules.slice(0, top).map((r) => line(r.label.slice(5), r.ms, r.calls)),
    ...(rules.length > top ? [line(`… ${rules.length - top} more rules`, rules.slice(top).reduce((t, r) => t + r.ms, 0), rules.slice(top).reduce((t, r) => t + r.calls, 0))] : []),
    line('all rules', ruleMs, rules.reduce((t, r) => t + r.calls, 0)),
    '',
    `${'Parser / shared / engine'.padEnd(width)}  ${'Time (ms)'.padStart(9)}  ${'Scan'.padStart(6)}  ${'Files'.padStart(8)}`,
    ...other.map((r) => line(r.label, r.ms, r.calls)),
  ];
  return out.join('\n');
}
