/**
 * TOML lockfiles (poetry.lock, Cargo.lock): values come from `smol-toml`, a maintained TOML 1.0
 * parser; the line of each table and key comes from `tomlLayout`, a small lexer that follows TOML's
 * structure (comments, the four string forms, multi-line arrays, inline tables, quoted and dotted
 * keys) without interpreting values. When the document is not valid TOML, each `[[package]]` table is
 * parsed on its own, so one broken entry does not hide the others.
 */
import { lazy } from '../lazy.js';

const toml = lazy<typeof import('smol-toml')>('smol-toml');

type TomlTable = ReturnType<typeof import('smol-toml').parse>;

export interface TomlHeader {
  /** Key path of the header, quotes removed: `[package.source]` → ['package', 'source']. */
  path: string[];
  array: boolean;
  line: number;
  /** Offset of the header's `[`. */
  offset: number;
}

export interface TomlKey {
  /** Full path: the table's path, then the (dotted) key, then keys of enclosing inline tables. */
  path: string[];
  line: number;
  /** 1-based column where the value starts (the first character inside the quotes of a string). */
  column: number;
  /** Index in `headers` of the table the key is in (-1: before the first header). */
  header: number;
}

export interface TomlLayout {
  headers: TomlHeader[];
  keys: TomlKey[];
}

const BARE = /[A-Za-z0-9_-]/;

/** Where every table header and key of a TOML document is. Lenient: it never throws. */
export function tomlLayout(text: string): TomlLayout {
  const headers: TomlHeader[] = [];
  const keys: TomlKey[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  let lineStart = 0;

  const newline = () => {
    line++;
    lineStart = i + 1;
  };
  /** Skip spaces, tabs and carriage returns (and, when `lines`, newlines and comments). */
  const space = (lines: boolean) => {
    while (i < n) {
      const c = text[i];
      if (c === ' ' || c === '\t' || c === '\r') i++;
      else if (lines && c === '\n') {
        newline();
        i++;
      } else if (lines && c === '#') {
        while (i < n && text[i] !== '\n') i++;
      } else break;
    }
  };
  const restOfLine = () => {
    while (i < n && text[i] !== '\n') i++;
  };
  /** A string starting at `i` (any of the four forms); returns its value for single-line keys. */
  const string = (): string => {
    const q = text[i];
    if (text.startsWith(q.repeat(3), i)) {
      i += 3;
      const start = i;
      for (;;) {
        if (i >= n) return text.slice(start);
        const c = text[i];
        if (c === '\n') newline();
        if (q === '"' && c === '\\') {
          if (text[i + 1] === '\n') newline();
          i += 2;
          continue;
        }
        if (text.startsWith(q.repeat(3), i)) {
          // up to two more quotes belong to the content
          let end = i + 3;
          while (end < n && end - i < 5 && text[end] === q) end++;
          i = end;
          return text.slice(start, end - 3);
        }
        i++;
      }
    }
    i++;
    let out = '';
    while (i < n && text[i] !== q && text[i] !== '\n') {
      if (q === '"' && text[i] === '\\') {
        out += text.slice(i, i + 2);
        i += 2;
      } else out += text[i++];
    }
    if (text[i] === q) i++;
    if (q === '"') {
      try {
        return JSON.parse(`"${out}"`) as string;
      } catch {
        return out;
      }
    }
    return out;
  };
  /** A dotted key: bare and quoted parts separated by dots. */
  const keyPath = (): string[] | null => {
    const parts: string[] = [];
    for (;;) {
      space(false);
      const c = text[i];
      if (c === '"' || c === "'") parts.push(string());
      else if (c !== undefined && BARE.test(c)) {
        const start = i;
        while (i < n && BARE.test(text[i])) i++;
        parts.push(text.slice(start, i));
      } else return null;
      space(false);
      if (text[i] !== '.') return parts;
      i++;
    }
  };
  /** Skip one value; record the keys of inline tables under `prefix`. */
  const value = (prefix: string[], header: number, record: boolean): void => {
    const c = text[i];
    if (c === '"' || c === "'") {
      string();
      return;
    }
    if (c === '[' || c === '{') {
      // keys inside arrays have no single path; an inline table's keys extend the prefix
      const close = c === '[' ? ']' : '}';
      const item = c === '[' ? () => value(prefix, header, false) : () => keyValue(prefix, header, record);
      i++;
      for (;;) {
        space(true);
        if (i >= n) return;
        if (text[i] === close) {
          i++;
          return;
        }
        if (text[i] === ',') {
          i++;
          continue;
        }
        const before = i;
        item();
        if (i === before) i++;
      }
    }
    // a number, boolean or date: to the next separator
    while (i < n && !/[,\]}\n#]/.test(text[i])) i++;
  };
  const keyValue = (prefix: string[], header: number, record: boolean): void => {
    const keyLine = line;
    const k = keyPath();
    if (!k || text[i] !== '=') {
      restOfLine();
      return;
    }
    i++;
    space(false);
    const q = text[i];
    const column = i - lineStart + 1 + ((q === '"' || q === "'") && !text.startsWith(q.repeat(3), i) ? 1 : 0);
    const path = [...prefix, ...k];
    if (record) keys.push({ path, line: keyLine, column, header });
    value(path, header, record);
  };

  let table: string[] = [];
  while (i < n) {
    space(true);
    if (i >= n) break;
    if (text[i] === '[') {
      const offset = i;
      const array = text[i + 1] === '[';
      i += array ? 2 : 1;
      const path = keyPath();
      if (path && text[i] === ']' && (!array || text[i + 1] === ']')) {
        i += array ? 2 : 1;
        headers.push({ path, array, line, offset });
        table = path;
      }
      space(false);
      if (text[i] === '#') restOfLine();
      else if (i < n && text[i] !== '\n') restOfLine();
      continue;
    }
    keyValue(table, headers.length - 1, true);
    space(false);
    if (text[i] === '#' || (i < n && text[i] !== '\n')) restOfLine();
  }
  return { headers, keys };
}

const samePath = (a: string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const startsWith = (a: string[], b: readonly string[]) => a.length >= b.length && b.every((x, i) => x === a[i]);

const OPTIONS = { unsafeKeyBehaviour: 'drop' } as const;

function errorOf(e: unknown, lineOffset = 0): { line: number; message: string } {
  if (e instanceof toml().TomlError) return { line: e.line + lineOffset, message: `not valid TOML: ${e.message.split('\n')[0].replace(/^Invalid TOML document: /, '')}` };
  return { line: 1 + lineOffset, message: `not valid TOML: ${(e as Error).message}` };
}

/** One element of an array of tables (`[[package]]`), with the positions of its keys. */
export interface TomlArrayElement {
  value: TomlTable;
  /** Line of its `[[name]]` header. */
  line: number;
  /** Line and value column of a key, by its path inside the element (e.g. ['source', 'url']). */
  position(path: readonly string[]): { line: number; column: number } | undefined;
}

export interface TomlArrayTables {
  elements: TomlArrayElement[];
  /** Names of the document's top-level tables and keys. */
  topLevel: Set<string>;
  problems: { line: number; message: string }[];
}

/**
 * The elements of the array of tables `name` (e.g. `package`), in order, each with its header's line.
 * A document that is not valid TOML yields the elements that parse on their own, and a problem at each
 * error.
 */
export function readArrayTables(text: string, name: string): TomlArrayTables {
  const layout = tomlLayout(text);
  const problems: { line: number; message: string }[] = [];
  const topLevel = new Set<string>();
  for (const h of layout.headers) topLevel.add(h.path[0]);
  for (const k of layout.keys) if (k.header < 0) topLevel.add(k.path[0]);

  // the headers that start an element, and the header ranges that belong to each element
  const starts: number[] = [];
  layout.headers.forEach((h, idx) => {
    if (h.array && samePath(h.path, [name])) starts.push(idx);
  });
  const ownerOf = new Map<number, number>(); // header index → element ordinal
  starts.forEach((s, ordinal) => {
    for (let h = s; h < layout.headers.length; h++) {
      if (h > s && (starts.includes(h) || !startsWith(layout.headers[h].path, [name]))) break;
      ownerOf.set(h, ordinal);
    }
  });
  const element = (value: TomlTable, ordinal: number): TomlArrayElement => ({
    value,
    // an inline array (`name = [{ … }]`) has no headers: the key's line
    line: ordinal < starts.length ? layout.headers[starts[ordinal]].line : (layout.keys.find((k) => samePath(k.path, [name]))?.line ?? 1),
    position(path) {
      if (ordinal >= starts.length) return undefined;
      const full = [name, ...path];
      let best: TomlKey | undefined;
      for (const k of layout.keys) {
        if (ownerOf.get(k.header) !== ordinal) continue;
        if (samePath(k.path, full)) return { line: k.line, column: k.column };
        // an enclosing key (an inline table holding it): its line, if nothing closer is found
        if (startsWith(full, k.path) && (!best || k.path.length > best.path.length)) best = k;
      }
      return best && { line: best.line, column: best.column };
    },
  });

  let doc: TomlTable | null = null;
  try {
    doc = toml().parse(text, OPTIONS);
  } catch (e) {
    problems.push(errorOf(e));
  }
  if (doc) {
    const arr = doc[name];
    const values = Array.isArray(arr) ? arr : [];
    const elements = values.map((v, ordinal) => (isTable(v) ? element(v, ordinal) : null)).filter((x): x is TomlArrayElement => x !== null);
    return { elements, topLevel, problems };
  }
  // salvage: each element with its sub-tables, parsed on its own
  const elements: TomlArrayElement[] = [];
  starts.forEach((s, ordinal) => {
    let end = s + 1;
    while (end < layout.headers.length && ownerOf.get(end) === ordinal) end++;
    const from = layout.headers[s].offset;
    const to = end < layout.headers.length ? layout.headers[end].offset : text.length;
    try {
      const part = toml().parse(text.slice(from, to), OPTIONS)[name];
      const v = Array.isArray(part) ? part[0] : undefined;
      if (isTable(v)) elements.push(element(v, ordinal));
    } catch (e) {
      const p = errorOf(e, layout.headers[s].line - 1);
      if (!problems.some((q) => q.line === p.line)) problems.push(p);
    }
  });
  problems.sort((a, b) => a.line - b.line);
  return { elements, topLevel, problems };
}

/** A whole TOML document (throws on invalid TOML). */
export function parseToml(text: string): TomlTable {
  return toml().parse(text, OPTIONS);
}

function isTable(v: unknown): v is TomlTable {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/** A string field of a table, or undefined. */
export function str(t: TomlTable | undefined, key: string): string | undefined {
  const v = t?.[key];
  return typeof v === 'string' ? v : undefined;
}

/** A table field of a table, or undefined. */
export function table(t: TomlTable | undefined, key: string): TomlTable | undefined {
  const v = t?.[key];
  return isTable(v) ? v : undefined;
}

/** The string items of an array field. */
export function strings(t: TomlTable | undefined, key: string): string[] {
  const v = t?.[key];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/**
 * An array-of-tables element's `name` and `version` (a version may be optional, e.g. for local
 * sources: `fallback` stands in); a problem is recorded on the element's line when either is missing.
 */
export function nameAndVersion(t: TomlArrayElement, problems: { line: number; message: string }[], table = 'package', fallback?: string): { name: string; version: string } | undefined {
  const name = str(t.value, 'name');
  const version = str(t.value, 'version') || fallback;
  if (name && version !== undefined) return { name, version };
  problems.push({ line: t.line, message: `[[${table}]] without a name and version` });
  return undefined;
}
