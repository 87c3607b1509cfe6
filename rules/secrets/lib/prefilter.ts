/**
 * Static analysis of a detector's regex, for the keyword pre-filter (scanner.ts).
 *
 * - `requiredLiterals(regex)`: a formula over literal strings that every match (`m[0]`) satisfies,
 *   the way RE2 and code-search engines derive their pre-filters: a literal, AND (all must occur), OR
 *   (one of them occurs), or ANY (no literal is required). `coveredBy(formula, keywords)` then proves
 *   that every match contains one of the detector's keywords, i.e. that skipping the regex when no
 *   keyword is present can never drop a match.
 * - `matchPrefixes(regex)`: a set of strings one of which every match starts with. When each starts
 *   with a keyword, the regex only needs trying (sticky) where that keyword occurs.
 *
 * Literals are lowercased: the keyword search is case-insensitive (ASCII), so it finds a superset of
 * what a case-sensitive regex needs. Anything the parser does not understand yields ANY / no prefix,
 * which only ever makes the pre-filter less selective, never wrong.
 */

export type Formula = { t: 'any' } | { t: 'lit'; s: string } | { t: 'and'; xs: Formula[] } | { t: 'or'; xs: Formula[] };

type Node =
  | { k: 'chars'; set: Set<string> | null } // one character from a set (null: too many to list)
  | { k: 'empty' } // zero-width: assertions, lookarounds, empty alternatives
  | { k: 'opaque' } // back-references: any text
  | { k: 'seq'; items: Node[] }
  | { k: 'alt'; alts: Node[] }
  | { k: 'rep'; child: Node; min: number; max: number };

/** Largest set of exact strings (or characters of a class) tracked before falling back to a formula. */
const MAX_EXACT = 64;
const MAX_CLASS = 8;

const ANY: Formula = { t: 'any' };
const BRACES = /\{(\d+)(?:(,)(\d*))?\}/y;

class Parser {
  i = 0;
  /** The character of the last single-character escape (original case). */
  lastChar = '';
  constructor(readonly src: string) {}

  parse(): Node {
    const n = this.alternation();
    if (this.i < this.src.length) throw new Error(`unexpected ${this.src[this.i]} at ${this.i}`);
    return n;
  }

  private alternation(): Node {
    const alts: Node[] = [this.sequence()];
    while (this.src[this.i] === '|') {
      this.i++;
      alts.push(this.sequence());
    }
    return alts.length === 1 ? alts[0] : { k: 'alt', alts };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const atom = this.quantified(this.atom());
      if (atom.k === 'seq') items.push(...atom.items); // a group's sequence: capture boundaries do not matter here
      else items.push(atom);
    }
    return items.length === 1 ? items[0] : { k: 'seq', items };
  }

  private quantified(atom: Node): Node {
    const s = this.src;
    const c = s[this.i];
    let min: number;
    let max: number;
    if (c === '*' || c === '+' || c === '?') {
      this.i++;
      [min, max] = c === '*' ? [0, Infinity] : c === '+' ? [1, Infinity] : [0, 1];
    } else if (c === '{') {
      BRACES.lastIndex = this.i;
      const m = BRACES.exec(s);
      if (!m) return atom; // a literal `{`
      this.i += m[0].length;
      min = Number(m[1]);
      max = m[2] ? (m[3] ? Number(m[3]) : Infinity) : min;
    } else return atom;
    if (s[this.i] === '?') this.i++; // lazy
    return { k: 'rep', child: atom, min, max };
  }

  private atom(): Node {
    const s = this.src;
    const c = s[this.i];
    if (c === '(') {
      this.i++;
      let zeroWidth = false;
      if (s[this.i] === '?') {
        const rest = s.slice(this.i, this.i + 3);
        if (rest.startsWith('?:')) this.i += 2;
        else if (rest.startsWith('?=') || rest.startsWith('?!')) {
          this.i += 2;
          zeroWidth = true;
        } else if (rest === '?<=' || rest === '?<!') {
          this.i += 3;
          zeroWidth = true;
        } else if (rest.startsWith('?<')) {
          const close = s.indexOf('>', this.i);
          if (close < 0) throw new Error('bad group name');
          this.i = close + 1;
        } else throw new Error(`unsupported group at ${this.i}`);
      }
      const inner = this.alternation();
      if (s[this.i] !== ')') throw new Error(`missing ) at ${this.i}`);
      this.i++;
      return zeroWidth ? { k: 'empty' } : inner;
    }
    if (c === '[') return this.charClass();
    if (c === '.') {
      this.i++;
      return { k: 'chars', set: null };
    }
    if (c === '^' || c === '$') {
      this.i++;
      return { k: 'empty' };
    }
    if (c === '\\') return this.escape(false) as Node;
    this.i++;
    return { k: 'chars', set: new Set([c.toLowerCase()]) };
  }

  /** An escape; inside a class, returns the characters (or null for a large class). */
  private escape(inClass: boolean): Node | Set<string> | null {
    const s = this.src;
    const e = s[this.i + 1];
    if (e === undefined) throw new Error('trailing backslash');
    this.i += 2;
    const one = (ch: string): Node | Set<string> => {
      this.lastChar = ch;
      return inClass ? new Set([ch.toLowerCase()]) : { k: 'chars', set: new Set([ch.toLowerCase()]) };
    };
    if ('dDwWsS'.includes(e)) return inClass ? null : { k: 'chars', set: null };
    if (e === 'b' || e === 'B') return inClass ? one('\b') : { k: 'empty' };
    if (e === 'n') return one('\n');
    if (e === 'r') return one('\r');
    if (e === 't') return one('\t');
    if (e === 'f') return one('\f');
    if (e === 'v') return one('\v');
    if (e === '0') return one('\0');
    if (e === 'x' || e === 'u') {
      const m = (e === 'x' ? /^[0-9a-fA-F]{2}/ : /^[0-9a-fA-F]{4}/).exec(s.slice(this.i));
      if (!m) throw new Error('bad hex escape');
      this.i += m[0].length;
      return one(String.fromCharCode(parseInt(m[0], 16)));
    }
    if (/[1-9]/.test(e) || e === 'k') {
      if (inClass) throw new Error('back-reference in class');
      if (e === 'k') {
        const close = s.indexOf('>', this.i);
        this.i = close + 1;
      } else while (/[0-9]/.test(s[this.i] ?? '')) this.i++;
      return { k: 'opaque' };
    }
    if (e === 'p' || e === 'P' || e === 'c') throw new Error(`unsupported escape \\${e}`);
    return one(e);
  }

  private charClass(): Node {
    const s = this.src;
    this.i++;
    let negated = false;
    if (s[this.i] === '^') {
      negated = true;
      this.i++;
    }
    let set: Set<string> | null = new Set();
    while (this.i < s.length && s[this.i] !== ']') {
      let lo: string | null; // a single character (may start a range), or null for \d, \w, \s
      if (s[this.i] === '\\') {
        const e = this.escape(true) as Set<string> | null;
        lo = e ? this.lastChar : null;
      } else lo = s[this.i++];
      if (s[this.i] === '-' && s[this.i + 1] !== ']' && lo !== null) {
        this.i++;
        let hi: string;
        if (s[this.i] === '\\') {
          if (!this.escape(true)) throw new Error('bad class range');
          hi = this.lastChar;
        } else hi = s[this.i++];
        const a = lo.charCodeAt(0);
        const b = hi.charCodeAt(0);
        if (b - a + 1 > MAX_CLASS * 2) set = null; // even case-folded, more than MAX_CLASS characters
        else if (set) for (let x = a; x <= b; x++) set.add(String.fromCharCode(x).toLowerCase());
        continue;
      }
      if (lo === null) set = null;
      else if (set) set.add(lo.toLowerCase());
    }
    if (s[this.i] !== ']') throw new Error('unterminated class');
    this.i++;
    if (negated || (set && set.size > MAX_CLASS)) set = null;
    return { k: 'chars', set };
  }
}

export function parseRegex(source: string): Node | null {
  try {
    return new Parser(source).parse();
  } catch {
    return null;
  }
}

// ---- required literals ----

interface Info {
  /** Every string the node can match (lowercased), when few enough to list. */
  exact: Set<string> | null;
  /** Otherwise, a formula every match satisfies. */
  match: Formula;
}

function product(a: Set<string>, b: Set<string>): Set<string> | null {
  if (a.size * b.size > MAX_EXACT) return null;
  const out = new Set<string>();
  for (const x of a) for (const y of b) out.add(x + y);
  return out;
}

function or(xs: Formula[]): Formula {
  const flat: Formula[] = [];
  for (const x of xs) {
    if (x.t === 'any') return ANY;
    if (x.t === 'or') flat.push(...x.xs);
    else flat.push(x);
  }
  return flat.length === 1 ? flat[0] : { t: 'or', xs: flat };
}

function and(xs: Formula[]): Formula {
  const flat: Formula[] = [];
  for (const x of xs) {
    if (x.t === 'any') continue;
    if (x.t === 'and') flat.push(...x.xs);
    else flat.push(x);
  }
  return flat.length === 0 ? ANY : flat.length === 1 ? flat[0] : { t: 'and', xs: flat };
}

/** The one string of a set, if it has exactly one non-empty member. */
function single(set: Set<string> | null): string | null {
  if (!set || set.size !== 1) return null;
  const [x] = set;
  return x === '' ? null : x;
}

function toFormula(info: Info): Formula {
  if (!info.exact) return info.match;
  if (info.exact.has('')) return ANY;
  return or([...info.exact].map((s) => ({ t: 'lit', s }) as Formula));
}

const infos = new WeakMap<Node, Info>();
const prefixSets = new WeakMap<Node, Set<string>>();

function infoOf(n: Node): Info {
  let i = infos.get(n);
  if (!i) infos.set(n, (i = computeInfo(n)));
  return i;
}

function computeInfo(n: Node): Info {
  switch (n.k) {
    case 'chars':
      return n.set ? { exact: n.set, match: ANY } : { exact: null, match: ANY };
    case 'empty':
      return { exact: new Set(['']), match: ANY };
    case 'opaque':
      return { exact: null, match: ANY };
    case 'alt': {
      const infos = n.alts.map(infoOf);
      if (infos.every((x) => x.exact)) {
        const u = new Set<string>();
        for (const x of infos) for (const s of x.exact!) u.add(s);
        if (u.size <= MAX_EXACT) return { exact: u, match: ANY };
      }
      return { exact: null, match: or(infos.map(toFormula)) };
    }
    case 'rep': {
      const c = infoOf(n.child);
      if (n.max === 0) return { exact: new Set(['']), match: ANY };
      if (c.exact && n.max !== Infinity && n.max <= 8) {
        // small bounded repeats of an exact child stay exact: `x?`, `[AQgw]{1}`, `={0,2}`
        let acc: Set<string> | null = n.min === 0 ? new Set(['']) : null;
        let cur: Set<string> | null = new Set(['']);
        for (let r = 1; r <= n.max && cur; r++) {
          cur = product(cur, c.exact);
          if (cur && r >= n.min) {
            acc ??= new Set();
            for (const s of cur) acc.add(s);
            if (acc.size > MAX_EXACT) cur = null;
          }
        }
        if (cur && acc) return { exact: acc, match: ANY };
      }
      if (n.min === 0) return { exact: null, match: ANY };
      const one = single(c.exact);
      // `A{22}`: every match contains the string repeated `min` times
      if (one !== null) return { exact: null, match: { t: 'lit', s: one.repeat(Math.min(n.min, Math.ceil(64 / Math.max(1, one.length)))) } };
      return { exact: null, match: toFormula(c) };
    }
    case 'seq': {
      const parts: Formula[] = [];
      let cur: Set<string> | null = new Set(['']);
      for (const item of n.items) {
        const i = infoOf(item);
        if (i.exact) {
          const p: Set<string> | null = cur ? product(cur, i.exact) : null;
          if (p) {
            cur = p;
            continue;
          }
          if (cur) parts.push(toFormula({ exact: cur, match: ANY }));
          cur = i.exact;
          continue;
        }
        if (cur) {
          // the exact part so far, followed by how the next item starts: `xox[pe]` + `-…` gives `xoxp-`, `xoxe-`
          const next = prefixesOf(item);
          parts.push(toFormula({ exact: (!next.has('') && product(cur, next)) || cur, match: ANY }));
        }
        cur = null;
        parts.push(i.match);
      }
      if (parts.length === 0) return { exact: cur, match: ANY };
      if (cur) parts.push(toFormula({ exact: cur, match: ANY }));
      return { exact: null, match: and(parts) };
    }
  }
}

/** A formula over lowercased literals that every match of the regex satisfies (ANY if unknown). */
export function requiredLiterals(regex: RegExp): Formula {
  const n = parseRegex(regex.source);
  return n ? toFormula(infoOf(n)) : ANY;
}

/** Does every string satisfying `f` contain one of `keywords` (lowercase)? */
export function coveredBy(f: Formula, keywords: readonly string[]): boolean {
  switch (f.t) {
    case 'any':
      return false;
    case 'lit':
      return keywords.some((k) => f.s.includes(k));
    case 'and':
      return f.xs.some((x) => coveredBy(x, keywords));
    case 'or':
      return f.xs.length > 0 && f.xs.every((x) => coveredBy(x, keywords));
  }
}

// ---- match prefixes ----

/** Strings one of which every match of `n` starts with (lowercased); `{''}` when unknown. */
function prefixesOf(n: Node): Set<string> {
  let p = prefixSets.get(n);
  if (!p) prefixSets.set(n, (p = computePrefixes(n)));
  return p;
}

function computePrefixes(n: Node): Set<string> {
  switch (n.k) {
    case 'chars':
      return n.set ?? new Set(['']);
    case 'empty':
    case 'opaque':
      return new Set(['']);
    case 'alt': {
      const u = new Set<string>();
      for (const a of n.alts) for (const s of prefixesOf(a)) u.add(s);
      return u.size <= MAX_EXACT ? u : new Set(['']);
    }
    case 'rep': {
      if (n.min === 0) return new Set(['']);
      const i = infoOf(n);
      if (i.exact) return i.exact;
      const one = single(infoOf(n.child).exact);
      if (one !== null) return new Set([one.repeat(Math.min(n.min, Math.ceil(64 / one.length)))]);
      return prefixesOf(n.child);
    }
    case 'seq': {
      let cur = new Set(['']);
      for (const item of n.items) {
        const i = infoOf(item);
        if (i.exact) {
          const p = product(cur, i.exact);
          if (!p) return cur;
          cur = p;
          continue;
        }
        return product(cur, prefixesOf(item)) ?? cur;
      }
      return cur;
    }
  }
}

/** Lowercased strings one of which every match of the regex starts with, or null when unknown. */
export function matchPrefixes(regex: RegExp): Set<string> | null {
  const n = parseRegex(regex.source);
  if (!n) return null;
  const p = prefixesOf(n);
  return p.has('') ? null : p;
}

/** Minimum and maximum length of the text a node matches (max Infinity when unbounded). */
function widthOf(n: Node): [number, number] {
  switch (n.k) {
    case 'chars':
      return [1, 1];
    case 'empty':
      return [0, 0];
    case 'opaque':
      return [0, Infinity];
    case 'alt': {
      const ws = n.alts.map(widthOf);
      return [Math.min(...ws.map((w) => w[0])), Math.max(...ws.map((w) => w[1]))];
    }
    case 'rep': {
      const [a, b] = widthOf(n.child);
      return [a * n.min, n.max === Infinity || b === Infinity ? (b === 0 ? 0 : Infinity) : b * n.max];
    }
    case 'seq':
      return n.items.map(widthOf).reduce(([a, b], [c, d]) => [a + c, b + d], [0, 0]);
  }
}

/**
 * Where the regex can be tried: every match has one of `strings` (lowercased, each at least two
 * characters) starting between `backMin` and `backMax` characters after the match's start. The
 * scanner finds those strings with its keyword automaton and runs the regex (sticky) only at the few
 * positions they allow. Chosen among the first items of the regex for the longest strings (rarest).
 */
export interface Anchor {
  strings: string[];
  backMin: number;
  backMax: number;
}

/** Positions the scanner may try for one anchor occurrence: at most this many. */
const MAX_BACK_SPREAD = 16;

export function anchorOf(regex: RegExp): Anchor | null {
  const n = parseRegex(regex.source);
  if (!n) return null;
  const items = n.k === 'seq' ? n.items : [n];
  let best: (Anchor & { score: number }) | null = null;
  let lo = 0;
  let hi = 0;
  for (let j = 0; j < items.length && j < 8; j++) {
    if (hi - lo <= MAX_BACK_SPREAD) {
      const p = prefixesOf({ k: 'seq', items: items.slice(j) });
      if (!p.has('') && p.size <= MAX_EXACT) {
        const score = Math.min(...[...p].map((x) => x.length));
        if (score >= 2 && (!best || score > best.score)) best = { strings: [...p], backMin: lo, backMax: hi, score };
      }
    }
    if (best && best.score >= 4) break; // rare enough; later items only shorten it (load time matters)
    const [a, b] = widthOf(items[j]);
    if (b === Infinity) break;
    lo += a;
    hi += b;
  }
  if (!best) return null;
  if (best.strings.some((x) => /[^\x00-\x7f]/.test(x))) return null; // the automaton folds ASCII only
  return { strings: best.strings, backMin: best.backMin, backMax: best.backMax };
}
