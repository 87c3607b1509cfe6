/**
 * Column-value checks for CSV files: a column whose header names a well-known format (dates,
 * country codes, GSS codes, UPRN/USRN, postcodes, e-mail addresses) is checked value by value, and
 * reported once, at its first bad cell, with the number of bad values and sample rows. A column that
 * is mostly empty, reads as free text, or whose values are mostly not of the format at all (a
 * `country` column of names) stays silent: the header alone is not proof of the format.
 */
import type { RuleContext } from '../../../src/model/rule.js';
import { parseCsv, type Csv } from './parse.js';

/** Placeholders that mean "no value": not a bad value of the format. */
const NULL_TOKENS = new Set(['', 'na', 'n/a', 'n.a.', 'null', 'none', '-', '--', 'nil', 'unknown', 'not known', 'n/k', 'tbc', 'tbd', 'redacted', 'withheld', '[redacted]', '*', '..', 'x', 'z', ':']);
export const isNullToken = (v: string) => NULL_TOKENS.has(v.trim().toLowerCase());

export interface ColumnFormat {
  /** Whether a header names this format. */
  header(name: string): boolean;
  /** Whether a value is written in the format. */
  valid(value: string): boolean;
  /** Whether a value is meant to be of the format (valid, or a near miss): a column of few such values is something else. */
  candidate(value: string): boolean;
  /** Share of non-empty values that must be candidates for the column to be checked (default 0.6). */
  threshold?: number;
  /** An extra hint for a bad value (e.g. `use GB`). */
  hint?(value: string): string | undefined;
  /** Whether free-text values are possible in a valid column (skip the free-text guard). */
  allowLong?: boolean;
  /** What a column's valid values are, for the message (` (mostly S12 council area codes)`). */
  describe?(values: string[]): string | undefined;
}

export interface ColumnProblem {
  column: string;
  count: number;
  value: string;
  rows: string;
  hint: string;
  /** ` (what the column holds)` or ''. */
  kind: string;
  offsets: [number, number];
}

let last: { text: string; path: string; csv: Csv } | undefined;

/** The file's records, parsed once for every column rule of the same file. */
export function csvOf(text: string, path: string): Csv {
  if (last && last.text === text && last.path === path) return last.csv;
  const csv = parseCsv(text, path);
  last = { text, path, csv };
  return csv;
}

const SAMPLE_ROWS = 5;

/** Problems of every column whose header names the format. */
export function columnProblems(text: string, path: string, format: ColumnFormat): ColumnProblem[] {
  const csv = csvOf(text, path);
  const [header, ...rows] = csv.records;
  if (!header || rows.length === 0) return [];
  const out: ColumnProblem[] = [];
  header.fields.forEach((h, col) => {
    const name = h.value.trim();
    if (!name || !format.header(name)) return;
    const cells = rows.map((r, i) => ({ cell: r.fields[col], row: r.row ?? i + 2 })).filter((c) => c.cell && !isNullToken(c.cell.value));
    // mostly empty: too little to judge
    if (cells.length < 3 || cells.length < rows.length * 0.2) return;
    const values = cells.map((c) => c.cell!.value.trim());
    // free text: long values or sentences
    if (!format.allowLong) {
      const long = values.filter((v) => v.length > 40 || v.split(/\s+/).length > 4).length;
      if (long > values.length * 0.3) return;
    }
    const candidates = values.filter((v) => format.candidate(v)).length;
    if (candidates < values.length * (format.threshold ?? 0.6)) return;
    const bad = cells.filter((c) => !format.valid(c.cell!.value.trim()));
    if (!bad.length) return;
    const first = bad[0].cell!;
    const value = first.value.trim();
    const rowsText = bad.slice(0, SAMPLE_ROWS).map((b) => b.row).join(', ') + (bad.length > SAMPLE_ROWS ? ', …' : '');
    const hint = format.hint?.(value);
    const kind = format.describe?.(values);
    out.push({ column: name, count: bad.length, value, rows: rowsText, hint: hint ? ` (${hint})` : '', kind: kind ? ` (${kind})` : '', offsets: [first.start, Math.max(first.end, first.start + 1)] });
  });
  return out;
}

/** Report each problem column of a format. */
export function reportColumns(ctx: RuleContext, format: ColumnFormat, messageId = 'format'): void {
  for (const p of columnProblems(ctx.file.text, ctx.file.path, format)) {
    ctx.report({ messageId, offsets: p.offsets, data: { column: p.column, count: p.count, value: p.value, rows: p.rows, hint: p.hint, kind: p.kind } });
  }
}

/** Header words, lower-case, split on separators and camelCase (`LAD21CD` stays one word). */
export function headerWords(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}
