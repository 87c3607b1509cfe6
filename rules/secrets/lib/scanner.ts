import type { SourceFile } from '../../../src/model/document.js';
import type { ReportDescriptor, RuleContext } from '../../../src/model/rule.js';
import type { Severity } from '../../../src/model/severity.js';
import type { Detector } from './types.js';
import { isPlaceholder, shannonEntropy } from './entropy.js';
import { anchorFor } from './anchor-table.js';

/** Lines longer than this are treated as minified/generated: only prefixed detectors look at them. */
export const LONG_LINE = 10_000;
const DEFAULT_MIN_ENTROPY = 3;
const EVIDENCE_MAX = 160;

/**
 * The per-file view every secrets rule shares, built once per file: one pass of the keyword automaton
 * over the text finds every registered keyword and anchor string (case-insensitively, ASCII), and
 * each detector's candidates are computed at most once (a rule that needs another family's results
 * reuses them).
 */
export interface PreparedText {
  text: string;
  /** `text` with lines over LONG_LINE characters blanked (same offsets), or `text` itself. */
  short: string;
  /** Automaton version the hits below were found with. */
  version: number;
  /** Occurrences, in order of their end: string id and start offset (parallel arrays). */
  hitIds: Int32Array;
  hitStarts: Int32Array;
  /** Per string id: bit 1 = occurs in `text`, bit 2 = occurs outside blanked long lines. */
  present: Uint8Array;
  /** The ids that occur, each once. */
  presentIds: number[];
  /** Candidates of each detector computed so far. */
  results: Map<Detector, Candidate[]>;
}

/** Offsets [start, end) of lines longer than LONG_LINE, or null. */
function longLines(text: string): number[] | null {
  if (text.length <= LONG_LINE) return null;
  let out: number[] | null = null;
  let start = 0;
  const n = text.length;
  while (start <= n) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = n;
    if (nl - start > LONG_LINE) (out ??= []).push(start, nl);
    start = nl + 1;
  }
  return out;
}

function blank(text: string, ranges: number[]): string {
  const out: string[] = [];
  let last = 0;
  for (let i = 0; i < ranges.length; i += 2) {
    out.push(text.slice(last, ranges[i]), ' '.repeat(ranges[i + 1] - ranges[i]));
    last = ranges[i + 1];
  }
  out.push(text.slice(last));
  return out.join('');
}

// ---- the keyword automaton: every registered string found in one pass ----

/**
 * Aho–Corasick automaton over lowercase ASCII strings, as a dense DFA on character classes: upper-
 * and lowercase letters share a class (the regexes' `i` flag folds ASCII only, so this is exact);
 * characters in no string, and every non-ASCII character, are class 0.
 */
class Automaton {
  readonly classOf = new Uint8Array(128);
  readonly classes: number;
  /** Transitions: `delta[state + class]` is the next state; states are premultiplied by `classes`. */
  readonly delta: Int32Array;
  /** Per (premultiplied) state: non-zero when some string ends there. */
  readonly final: Uint8Array;
  /** Per state number: the ids of strings ending there, as a range of `outIds`. */
  readonly outStart: Int32Array;
  readonly outIds: Int32Array;
  readonly lengths: Int32Array;

  constructor(readonly strings: readonly string[]) {
    const chars = new Map<number, number>();
    let total = 0;
    for (const s of strings) {
      total += s.length;
      for (let i = 0; i < s.length; i++) if (!chars.has(s.charCodeAt(i))) chars.set(s.charCodeAt(i), chars.size + 1);
    }
    for (let c = 0; c < 128; c++) {
      const lower = c >= 65 && c <= 90 ? c + 32 : c;
      this.classOf[c] = chars.get(lower) ?? 0;
    }
    const k = (this.classes = chars.size + 1);
    // the trie, as a dense table of state numbers (0 = none: the root is never a child)
    const goto = new Int32Array((total + 1) * k);
    const own: (number[] | undefined)[] = [];
    let states = 1;
    strings.forEach((s, id) => {
      let st = 0;
      for (let i = 0; i < s.length; i++) {
        const at = st * k + chars.get(s.charCodeAt(i))!;
        if (goto[at] === 0) goto[at] = states++;
        st = goto[at];
      }
      (own[st] ??= []).push(id);
    });
    // breadth-first: failure links complete the table into a DFA; outputs merge along them
    const fail = new Int32Array(states);
    const outs: (number[] | undefined)[] = [];
    const queue = new Int32Array(states);
    let qn = 0;
    outs[0] = own[0];
    for (let c = 1; c < k; c++) if (goto[c] !== 0) queue[qn++] = goto[c];
    for (let qi = 0; qi < qn; qi++) {
      const st = queue[qi];
      const inherited = outs[fail[st]];
      outs[st] = own[st] && inherited ? [...own[st], ...inherited.filter((x) => !own[st]!.includes(x))] : (own[st] ?? inherited);
      const base = st * k;
      const fbase = fail[st] * k;
      for (let c = 1; c < k; c++) {
        const to = goto[base + c];
        if (to !== 0) {
          fail[to] = goto[fbase + c];
          queue[qn++] = to;
        } else goto[base + c] = goto[fbase + c];
      }
    }
    this.delta = new Int32Array(states * k);
    for (let i = 0; i < states * k; i++) this.delta[i] = goto[i] * k;
    this.final = new Uint8Array(states * k);
    this.outStart = new Int32Array(states + 1);
    const flat: number[] = [];
    for (let st = 0; st < states; st++) {
      this.outStart[st] = flat.length;
      const o = outs[st];
      if (o) {
        for (const x of o) flat.push(x);
        this.final[st * k] = 1;
      }
    }
    this.outStart[states] = flat.length;
    this.outIds = Int32Array.from(flat);
    this.lengths = Int32Array.from(strings.map((s) => s.length));
  }
}

/**
 * The hot loop: one table lookup per character. Returns the (premultiplied) states where some string
 * ends and the offsets there, as `count` entries of `states`/`ends`; -1 when the buffers are too small.
 */
function scanText(text: string, classOf: Uint8Array, delta: Int32Array, final: Uint8Array, states: Int32Array, ends: Int32Array): number {
  const cap = states.length;
  let n = 0;
  let st = 0;
  for (let i = 0, len = text.length; i < len; i++) {
    const c = text.charCodeAt(i);
    st = delta[st + (c < 128 ? classOf[c] : 0)];
    if (final[st] !== 0) {
      if (n === cap) return -1;
      states[n] = st;
      ends[n++] = i;
    }
  }
  return n;
}

/** Every string the automaton looks for: detectors' keywords, anchor strings, rules' own words. */
const strings: string[] = [];
const stringId = new Map<string, number>();
let automaton: Automaton | null = null;
let version = 0;

function idOf(s: string): number {
  if (!/^[\x00-\x7f]+$/.test(s) || s !== s.toLowerCase()) throw new Error(`secrets keyword must be lowercase ASCII: ${JSON.stringify(s)}`);
  let id = stringId.get(s);
  if (id === undefined) {
    id = strings.length;
    strings.push(s);
    stringId.set(s, id);
    automaton = null;
    version++;
  }
  return id;
}

function currentAutomaton(): Automaton {
  if (pending.length) analysePending();
  return (automaton ??= new Automaton(strings));
}

// scratch buffers for one pass, grown as needed
let scratchStates = new Int32Array(4096);
let scratchEnds = new Int32Array(4096);

function findAll(p: PreparedText, ranges: number[] | null): void {
  const a = currentAutomaton();
  const text = p.text;
  let count: number;
  while ((count = scanText(text, a.classOf, a.delta, a.final, scratchStates, scratchEnds)) < 0) {
    scratchStates = new Int32Array(scratchStates.length * 4);
    scratchEnds = new Int32Array(scratchEnds.length * 4);
  }
  let n = 0;
  for (let i = 0; i < count; i++) n += a.outStart[scratchStates[i] / a.classes + 1] - a.outStart[scratchStates[i] / a.classes];
  const ids = (p.hitIds = new Int32Array(n));
  const starts = (p.hitStarts = new Int32Array(n));
  n = 0;
  for (let i = 0; i < count; i++) {
    const st = scratchStates[i] / a.classes;
    for (let j = a.outStart[st]; j < a.outStart[st + 1]; j++) {
      const id = a.outIds[j];
      ids[n] = id;
      starts[n++] = scratchEnds[i] - a.lengths[id] + 1;
    }
  }
  const present = (p.present = new Uint8Array(strings.length));
  const presentIds: number[] = (p.presentIds = []);
  for (let i = 0; i < n; i++) {
    const id = ids[i];
    if (present[id] === 0) presentIds.push(id);
    let inLong = false;
    if (ranges) {
      const at = starts[i];
      for (let r = 0; r < ranges.length && !inLong; r += 2) inLong = at >= ranges[r] && at < ranges[r + 1];
    }
    present[id] |= inLong ? 1 : 3;
  }
  p.version = version;
}

function build(text: string): PreparedText {
  const ranges = longLines(text);
  const p: PreparedText = { text, short: ranges ? blank(text, ranges) : text, version: -1, hitIds: EMPTY_HITS, hitStarts: EMPTY_HITS, present: EMPTY_PRESENT, presentIds: [], results: new Map() };
  findAll(p, ranges);
  return p;
}
const EMPTY_HITS = new Int32Array(0);
const EMPTY_PRESENT = new Uint8Array(0);

function fresh(p: PreparedText): PreparedText {
  if (pending.length) analysePending();
  if (p.version !== version) {
    // strings were registered after this text was prepared (only in tests and tools): look again
    findAll(p, longLines(p.text));
    p.results.clear();
  }
  return p;
}

/** The file's text prepared once for every secrets rule (`ctx.shared`), each detector's candidates kept as found. */
export function prepared(ctx: RuleContext): PreparedText {
  return fresh(ctx.shared('secrets:text', () => build(ctx.file.text)));
}

/** For tests and tools: prepare a bare string. */
export function prepareText(text: string): PreparedText {
  return build(text);
}

/** Does one of these registered words occur (case-insensitively) in the text, or outside its long lines? */
export function hasKeyword(p: PreparedText, words: readonly number[], outsideLongLines: boolean): boolean {
  fresh(p);
  const bit = outsideLongLines ? 2 : 1;
  for (const id of words) if (p.present[id] & bit) return true;
  return false;
}

/** Register words for `hasKeyword` (at load). */
export function keywordIds(words: readonly string[]): number[] {
  return words.map(idOf);
}

// ---- patterns: a regex tried only where its anchor strings occur ----

/**
 * A global regex, compiled for the scanner: when every match has one of a few strings at a bounded
 * distance from its start (see prefilter.ts), a sticky copy runs only at those positions; otherwise
 * the regex scans the whole text.
 */
export interface Pattern {
  regex: RegExp;
  sticky: RegExp | null;
  anchorIds: number[];
  backMin: number;
  backMax: number;
  /** Matches must not follow a token character (checked in code, which keeps the regex fast). */
  leftBoundary: boolean;
}

/** Anchor strings are cut to this length (still rare enough; fewer automaton states). */
const MAX_ANCHOR = 10;

/** Patterns whose regex is not analysed yet: analysed when the first text is prepared, not at load. */
const pending: Pattern[] = [];
/** Every pattern's regex, in the order compiled (the build analyses them ahead: anchor-table.ts). */
const compiledPatterns: RegExp[] = [];

/** The regexes of every pattern compiled so far. */
export function compiledRegexes(): readonly RegExp[] {
  return compiledPatterns;
}

export function compilePattern(regex: RegExp, leftBoundary = false): Pattern {
  if (!regex.global) throw new Error(`secrets pattern must be global: ${regex.source}`);
  const pat: Pattern = { regex, sticky: null, anchorIds: [], backMin: 0, backMax: 0, leftBoundary };
  pending.push(pat);
  compiledPatterns.push(regex);
  return pat;
}

/**
 * Analyse pending patterns (their anchor strings join the automaton). Deferred from load so that a
 * process that loads the pack but scans nothing (the main thread when workers check files) pays
 * nothing for it.
 */
function analysePending(): void {
  for (const pat of pending.splice(0)) {
    const a = anchorFor(pat.regex);
    if (!a) continue;
    pat.sticky = new RegExp(pat.regex.source, pat.regex.flags.replace('g', '') + 'y');
    // a match that starts with a string also starts with its first characters: shorter strings keep the automaton small
    pat.anchorIds = [...new Set(a.strings.map((x) => x.slice(0, MAX_ANCHOR)))].map(idOf);
    pat.backMin = a.backMin;
    pat.backMax = a.backMax;
  }
}

let positions = new Int32Array(256);

/** Where an anchored pattern can start in this text, ascending and distinct; returns the count. */
function startPositions(p: PreparedText, pat: Pattern): number {
  const { hitIds, hitStarts } = p;
  const single = pat.anchorIds.length === 1 ? pat.anchorIds[0] : -1;
  const spread = pat.backMax - pat.backMin;
  let n = 0;
  for (let i = 0; i < hitIds.length; i++) {
    const id = hitIds[i];
    if (single >= 0 ? id !== single : !pat.anchorIds.includes(id)) continue;
    const last = hitStarts[i] - pat.backMin;
    if (n + spread + 1 > positions.length) {
      const g = new Int32Array(positions.length * 2 + spread + 1);
      g.set(positions);
      positions = g;
    }
    for (let at = last - spread; at <= last; at++) if (at >= 0) positions[n++] = at;
  }
  // hits come in order of their end: sort when several strings or a spread could interleave them
  if (n > 1 && (single < 0 || spread > 0)) {
    const view = positions.subarray(0, n).sort();
    let w = 1;
    for (let r = 1; r < n; r++) if (view[r] !== view[w - 1]) view[w++] = view[r];
    n = w;
  }
  return n;
}

const TOKEN_CHAR_CODE = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

/**
 * Every match of a pattern in `text` (which is `p.text` or `p.short`), exactly as a global scan of
 * the regex would find them (with the left boundary as a look-behind), in order.
 */
export function forEachMatch(p: PreparedText, pat: Pattern, text: string, visit: (m: RegExpExecArray) => void): void {
  fresh(p);
  const boundaryOk = (at: number) => !pat.leftBoundary || at === 0 || !TOKEN_CHAR_CODE(text.charCodeAt(at - 1));
  if (pat.sticky) {
    const re = pat.sticky;
    const n = startPositions(p, pat);
    // copied: `visit` may run another pattern, which reuses the buffer
    const starts = positions.slice(0, n);
    let from = 0;
    for (let i = 0; i < n; i++) {
      const at = starts[i];
      if (at < from || !boundaryOk(at)) continue;
      re.lastIndex = at;
      const m = re.exec(text);
      if (m && m[0].length > 0) {
        from = at + m[0].length;
        visit(m);
      }
    }
    return;
  }
  const re = pat.regex;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0].length === 0) re.lastIndex++;
    else if (!boundaryOk(m.index)) re.lastIndex = m.index + 1;
    else visit(m);
  }
}

export interface Candidate {
  detector: Detector;
  secret: string;
  /** Offset of the secret itself. */
  secretStart: number;
  /** Reported span (the secret, or e.g. a key block's BEGIN line). */
  start: number;
  end: number;
  severity?: Severity;
  note?: string;
  properties?: Record<string, string | number | boolean>;
}

/** The secret of one match of a detector's regex (its group, else the first group that took part) and its offset. */
export function secretOf(d: Detector, m: RegExpExecArray): { secret: string; start: number } | null {
  const secret = d.group !== undefined ? m[d.group] : m.find((g, i) => i > 0 && g !== undefined);
  if (!secret) return null;
  const rel = m[0].indexOf(secret);
  return { secret, start: m.index + (rel < 0 ? 0 : rel) };
}

/** One match of a detector's regex judged (placeholders, entropy, the validator): the candidate, or null. */
export function judge(d: Detector, m: RegExpExecArray, secret: string, start: number, fullText: string): Candidate | null {
  if (!d.ownPlaceholderCheck && isPlaceholder(secret)) return null;
  const minEntropy = d.minEntropy ?? DEFAULT_MIN_ENTROPY;
  if (minEntropy > 0 && shannonEntropy(secret) < minEntropy) return null;
  const c: Candidate = { detector: d, secret, secretStart: start, start, end: start + secret.length };
  if (d.validate) {
    const v = d.validate(secret, m, fullText);
    if (v === false) return null;
    if (typeof v === 'object') {
      if (v.severity) c.severity = v.severity;
      if (v.note) c.note = v.note;
      if (v.properties) c.properties = v.properties;
      if (v.secret) {
        c.secret = v.secret.value;
        c.secretStart = c.start = v.secret.start;
        c.end = c.start + c.secret.length;
      }
      if (v.offsets) [c.start, c.end] = v.offsets;
    }
  }
  return c;
}

interface Compiled {
  keywordIds: number[];
  pattern: Pattern;
}
const compiled = new WeakMap<Detector, Compiled>();

function compiledOf(d: Detector): Compiled {
  let c = compiled.get(d);
  if (!c) {
    if (!d.regex.global) throw new Error(`detector ${d.id} regex must be global`);
    c = { keywordIds: d.keywords.map(idOf), pattern: compilePattern(d.regex, !!d.leftBoundary) };
    compiled.set(d, c);
  }
  return c;
}

/** Compile detectors at load, so their strings are in the automaton before the first file. */
export function registerDetectors(detectors: readonly Detector[]): void {
  for (const d of detectors) compiledOf(d);
}

const NONE: Candidate[] = [];

function run(p: PreparedText, d: Detector, c: Compiled): Candidate[] {
  let found: Candidate[] = NONE;
  let seen: Set<number> | null = null;
  forEachMatch(p, c.pattern, d.prefixed ? p.text : p.short, (m) => {
    const s = secretOf(d, m);
    // one finding per secret start (two matches can share one)
    if (!s || seen?.has(s.start)) return;
    const cand = judge(d, m, s.secret, s.start, p.text);
    if (!cand) return;
    (seen ??= new Set()).add(s.start);
    if (found === NONE) found = [];
    found.push(cand);
  });
  return found;
}

/** A detector table, compiled: which of its detectors each string's presence opens. */
interface Table {
  compiled: Compiled[];
  /** Indices of detectors without keywords (always run). */
  always: number[];
  /** String id → indices of the detectors it is a keyword of. */
  byKeyword: Map<number, number[]>;
  /** Scratch: generation stamp per detector index. */
  stamp: Uint32Array;
}
const tables = new WeakMap<readonly Detector[], Table>();
let generation = 0;

function tableOf(detectors: readonly Detector[]): Table {
  let t = tables.get(detectors);
  if (!t || t.compiled.length !== detectors.length) {
    const compiled = detectors.map(compiledOf);
    const always: number[] = [];
    const byKeyword = new Map<number, number[]>();
    compiled.forEach((c, i) => {
      if (c.keywordIds.length === 0) always.push(i);
      for (const id of c.keywordIds) {
        const list = byKeyword.get(id) ?? [];
        if (!list.includes(i)) list.push(i);
        byKeyword.set(id, list);
      }
    });
    t = { compiled, always, byKeyword, stamp: new Uint32Array(detectors.length) };
    tables.set(detectors, t);
  }
  return t;
}

/** Run a table of detectors over one prepared text. Candidates are sorted by offset. */
export function detect(p: PreparedText, detectors: readonly Detector[]): Candidate[] {
  const t = tableOf(detectors);
  fresh(p);
  // the detectors whose keyword gate is open: from the strings present, not by asking each detector
  const gen = (generation = (generation + 1) >>> 0 || 1);
  const open: number[] = [...t.always];
  for (const id of p.presentIds) {
    const list = t.byKeyword.get(id);
    if (!list) continue;
    const bits = p.present[id];
    for (const i of list) {
      if (t.stamp[i] === gen || !(bits & (detectors[i].prefixed ? 1 : 2))) continue;
      t.stamp[i] = gen;
      open.push(i);
    }
  }
  if (open.length === 0) return [];
  open.sort((a, b) => a - b);
  let out: Candidate[] | null = null;
  for (const i of open) {
    const d = detectors[i];
    let r = p.results.get(d);
    if (!r) {
      r = run(p, d, t.compiled[i]);
      p.results.set(d, r);
    }
    if (r.length) (out ??= []).push(...r);
  }
  if (!out) return [];
  out.sort((a, b) => a.start - b.start || a.end - b.end);
  return out;
}

/**
 * The values to redact for a secret. The engine cuts long evidence lines before redacting, so a
 * long secret may show only as a prefix: hand over that prefix (and 8-character tiles of long
 * secrets) as well, so no recognisable part of it survives in any output.
 */
export function redactionValues(secret: string, lineText: string, column: number, secretColumn = column): string[] {
  const values = [secret];
  const trimmed = lineText.trim();
  if (trimmed.length > EVIDENCE_MAX) {
    const lead = lineText.length - lineText.trimStart().length;
    const col = Math.max(0, column - 1 - lead);
    const from = Math.max(0, Math.min(col - 40, trimmed.length - EVIDENCE_MAX));
    const visible = from + EVIDENCE_MAX - Math.max(0, secretColumn - 1 - lead);
    if (visible >= 4 && visible < secret.length) values.push(secret.slice(0, visible));
  }
  // the part of a multi-line secret on its first line
  const nl = secret.search(/\r|\n/);
  if (nl >= 4) values.push(secret.slice(0, nl));
  if (secret.length > 100) for (let i = 0; i + 8 <= secret.length; i += 8) values.push(secret.slice(i, i + 8));
  return [...new Set(values.filter((v) => v.length >= 4))];
}

/** The report for one candidate: location, messageId = detector id, secrets, no secret in data. */
export function toReport(file: SourceFile, c: Candidate): ReportDescriptor {
  const pos = file.lines.position(c.start);
  const lineEnd = file.lines.offset({ line: pos.line, column: Number.MAX_SAFE_INTEGER });
  const end = Math.min(c.end, lineEnd);
  const sPos = file.lines.position(c.secretStart);
  const secrets = redactionValues(c.secret, file.lines.lineText(pos.line), pos.column, sPos.line === pos.line ? sPos.column : Number.MAX_SAFE_INTEGER);
  const d = c.detector;
  return {
    messageId: d.id,
    offsets: [c.start, Math.max(end, c.start)],
    data: { format: d.name, vendor: d.vendor, note: c.note ? ` (${c.note})` : '' },
    severity: c.severity ?? d.severity,
    secrets,
    properties: { detector: d.id, format: d.name, vendor: d.vendor, length: c.secret.length, ...(c.properties ?? {}) },
  };
}
