/**
 * A line-oriented reader for the subset of TOML that poetry.lock and Cargo.lock are written in:
 * `[table]` and `[[array-of-tables]]` headers, and `key = value` lines whose values are basic or
 * literal strings, numbers, booleans, or arrays/inline tables (kept as raw text). Multi-line strings
 * and arrays are skipped to their end. This is not a general TOML parser: a maintained one
 * (e.g. `smol-toml`) should replace it when it becomes a dependency.
 */
import { splitLines } from './types.js';

export interface TomlEntry {
  key: string;
  /** A string value, unquoted; other values as their raw text. */
  value: string;
  quoted: boolean;
  line: number;
  column: number;
}

export interface TomlTable {
  /** The header's name, e.g. `package` or `package.source`. */
  name: string;
  array: boolean;
  line: number;
  entries: TomlEntry[];
}

function unescapeBasic(s: string): string {
  try {
    return JSON.parse(`"${s}"`) as string;
  } catch {
    return s;
  }
}

export function readTomlTables(text: string): { tables: TomlTable[]; problems: { line: number; message: string }[] } {
  const lines = splitLines(text);
  const tables: TomlTable[] = [{ name: '', array: false, line: 1, entries: [] }];
  const problems: { line: number; message: string }[] = [];
  let skipUntil: RegExp | undefined;
  let depth = 0;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    if (skipUntil) {
      if (skipUntil === BRACKETS) {
        depth += bracketDelta(raw);
        if (depth <= 0) skipUntil = undefined;
      } else if (skipUntil.test(raw)) skipUntil = undefined;
      continue;
    }
    const t = raw.trim();
    if (t === '' || t.startsWith('#')) continue;
    const header = /^\[(\[)?\s*([A-Za-z0-9_.\-" ]+?)\s*\](\])?\s*(#.*)?$/.exec(t);
    if (header) {
      tables.push({ name: header[2].replace(/"/g, ''), array: !!header[1], line: i + 1, entries: [] });
      continue;
    }
    const kv = /^("[^"]*"|'[^']*'|[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)\s*=\s*(.*)$/.exec(t);
    if (!kv) {
      problems.push({ line: i + 1, message: `not a TOML table header or key = value line: "${t.slice(0, 60)}"` });
      continue;
    }
    const key = kv[1].replace(/^["']|["']$/g, '');
    const rest = kv[2];
    const column = raw.indexOf(rest) + 1;
    const table = tables[tables.length - 1];
    if (rest.startsWith('"""') || rest.startsWith("'''")) {
      const q = rest.slice(0, 3);
      if (rest.length < 6 || !rest.slice(3).includes(q)) skipUntil = q === '"""' ? /"""/ : /'''/;
      table.entries.push({ key, value: '', quoted: true, line: i + 1, column });
      continue;
    }
    let m = /^"((?:[^"\\]|\\.)*)"\s*(#.*)?$/.exec(rest);
    if (m) {
      table.entries.push({ key, value: unescapeBasic(m[1]), quoted: true, line: i + 1, column: column + 1 });
      continue;
    }
    m = /^'([^']*)'\s*(#.*)?$/.exec(rest);
    if (m) {
      table.entries.push({ key, value: m[1], quoted: true, line: i + 1, column: column + 1 });
      continue;
    }
    if (rest.startsWith('[') || rest.startsWith('{')) {
      const d = bracketDelta(rest);
      if (d > 0) {
        skipUntil = BRACKETS;
        depth = d;
      }
    }
    table.entries.push({ key, value: rest.replace(/\s+#.*$/, '').trim(), quoted: false, line: i + 1, column });
  }
  return { tables, problems };
}

const BRACKETS = /(?:)/;

/** Net `[`/`{` minus `]`/`}` outside strings on a line. */
function bracketDelta(s: string): number {
  let d = 0;
  let q: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (q) {
      if (c === '\\' && q === '"') i++;
      else if (c === q) q = undefined;
      continue;
    }
    if (c === '"' || c === "'") q = c;
    else if (c === '#') break;
    else if (c === '[' || c === '{') d++;
    else if (c === ']' || c === '}') d--;
  }
  return d;
}

export function field(t: TomlTable | undefined, key: string): TomlEntry | undefined {
  return t?.entries.find((e) => e.key === key);
}

/** The string items of a single-line array value (`["main", "dev"]`). */
export function arrayStrings(raw: string | undefined): string[] {
  if (!raw) return [];
  return [...raw.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'/g)].map((m) => m[1] ?? m[2]);
}
