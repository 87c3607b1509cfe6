import type { SourceFile } from '../../../src/model/document.js';
import type { ReportDescriptor } from '../../../src/model/rule.js';
import type { Severity } from '../../../src/model/severity.js';
import type { Detector } from './types.js';
import { isPlaceholder, shannonEntropy } from './entropy.js';

/** Lines longer than this are treated as minified/generated: only prefixed detectors look at them. */
export const LONG_LINE = 10_000;
const DEFAULT_MIN_ENTROPY = 3;
const TOKEN_CHAR = /[A-Za-z0-9_]/;
const EVIDENCE_MAX = 160;

/** The per-file view every secrets rule shares: lowercased once, long lines blanked once. */
export interface PreparedText {
  text: string;
  lower: string;
  /** `text` with lines over LONG_LINE characters blanked (same offsets), or `text` itself. */
  short: string;
  shortLower: string;
  /** Memo of keyword → present in `lower`. */
  keywordHits: Map<string, boolean>;
  shortKeywordHits: Map<string, boolean>;
  /** Memo of each detector's candidates, so a rule that needs another family's results reuses them. */
  results: Map<Detector, Candidate[]>;
}

const cache = new WeakMap<SourceFile, PreparedText>();

function blankLongLines(text: string): string {
  if (text.length <= LONG_LINE) return text;
  let out: string[] | undefined;
  let last = 0;
  let start = 0;
  const n = text.length;
  while (start <= n) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = n;
    if (nl - start > LONG_LINE) {
      out ??= [];
      out.push(text.slice(last, start), ' '.repeat(nl - start));
      last = nl;
    }
    start = nl + 1;
  }
  if (!out) return text;
  out.push(text.slice(last));
  return out.join('');
}

export function prepare(file: SourceFile): PreparedText {
  let p = cache.get(file);
  if (!p) {
    const text = file.text;
    const lower = text.toLowerCase();
    const short = blankLongLines(text);
    p = { text, lower, short, shortLower: short === text ? lower : short.toLowerCase(), keywordHits: new Map(), shortKeywordHits: new Map(), results: new Map() };
    cache.set(file, p);
  }
  return p;
}

/** For tests and tools: prepare a bare string. */
export function prepareText(text: string): PreparedText {
  const short = blankLongLines(text);
  const lower = text.toLowerCase();
  return { text, lower, short, shortLower: short === text ? lower : short.toLowerCase(), keywordHits: new Map(), shortKeywordHits: new Map(), results: new Map() };
}

// ---- keyword pre-filter: every registered keyword found in one pass over the lowercased text ----
const registered = new Set<string>();
let keywordRe: RegExp | null = null;
let containedIn = new Map<string, string[]>();

/** Detector tables register their keywords once, so one regex finds them all in a single pass. */
export function registerKeywords(keywords: Iterable<string>): void {
  for (const k of keywords) {
    if (k && !registered.has(k)) {
      registered.add(k);
      keywordRe = null;
    }
  }
}

function compileKeywords(): RegExp {
  if (!keywordRe) {
    const list = [...registered].sort((a, b) => b.length - a.length);
    keywordRe = new RegExp(list.map((k) => k.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'), 'g');
    // finding a keyword also finds every keyword inside it ("sk_live_" contains "sk")
    containedIn = new Map(list.map((k) => [k, list.filter((j) => k.includes(j))]));
  }
  return keywordRe;
}

function keywordsPresent(lower: string): Set<string> {
  const re = compileKeywords();
  const found = new Set<string>();
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(lower)) !== null) {
    if (!found.has(m[0])) for (const k of containedIn.get(m[0]) ?? [m[0]]) found.add(k);
    re.lastIndex = m.index + 1; // keywords may overlap
  }
  return found;
}

function anyKeyword(lower: string, memo: Map<string, boolean>, keywords: string[]): boolean {
  if (keywords.length === 0) return true;
  for (const k of keywords) {
    let hit = memo.get(k);
    if (hit === undefined) {
      if (registered.has(k)) {
        // first registered keyword asked for in this text: scan once for all of them
        const present = keywordsPresent(lower);
        for (const r of registered) memo.set(r, present.has(r));
        hit = present.has(k);
      } else {
        hit = lower.includes(k);
        memo.set(k, hit);
      }
    }
    if (hit) return true;
  }
  return false;
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

/**
 * When every match of a detector starts with a fixed literal that begins with one of its keywords,
 * the regex only needs trying where that keyword occurs (found with indexOf on the lowercased text):
 * a sticky copy of the regex is run at each occurrence instead of scanning the whole text.
 */
interface Anchor {
  keyword: string;
  back: number;
  sticky: RegExp;
}
const anchors = new WeakMap<Detector, Anchor | null>();

export function literalPrefix(source: string): string {
  let i = source.startsWith('(') && !source.startsWith('(?') ? 1 : 0;
  let out = '';
  while (i < source.length) {
    const ch = source[i];
    if (ch === '\\') {
      const next = source[i + 1];
      if (next && /[.\-$/+*?()[\]{}|^]/.test(next)) {
        out += next;
        i += 2;
        continue;
      }
      break;
    }
    if (/[.*+?()[\]{}|^$]/.test(ch)) break;
    out += ch;
    i++;
  }
  // a quantifier after the last literal character makes that character optional
  if (/^[?*{]/.test(source.slice(i))) out = out.slice(0, -1);
  return out;
}

function anchorOf(d: Detector): Anchor | null {
  let a = anchors.get(d);
  if (a === undefined) {
    a = null;
    if (d.anchorBack !== undefined && d.keywords.length === 1) {
      a = { keyword: d.keywords[0], back: d.anchorBack, sticky: new RegExp(d.regex.source, d.regex.flags.replace('g', '') + 'y') };
    } else if (!d.regex.ignoreCase) {
      const lit = literalPrefix(d.regex.source).toLowerCase();
      const keyword = d.keywords.find((k) => k.length >= 2 && lit.startsWith(k));
      if (keyword) a = { keyword, back: 0, sticky: new RegExp(d.regex.source, d.regex.flags.replace('g', '') + 'y') };
    }
    anchors.set(d, a);
  }
  return a;
}

function* matches(d: Detector, text: string, lower: string): Generator<RegExpExecArray> {
  const anchor = anchorOf(d);
  if (anchor) {
    const re = anchor.sticky;
    let from = 0;
    for (;;) {
      const at = lower.indexOf(anchor.keyword, from);
      if (at < 0) return;
      const m = at >= anchor.back ? ((re.lastIndex = at - anchor.back), re.exec(text)) : null;
      if (m) {
        yield m;
        from = Math.max(at + 1, m.index + m[0].length);
      } else from = at + 1;
    }
  }
  const re = d.regex;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0].length === 0) re.lastIndex++;
    else yield m;
  }
}

/** Run a table of detectors over one prepared text. Candidates are sorted by offset. */
export function detect(p: PreparedText, detectors: readonly Detector[]): Candidate[] {
  const out: Candidate[] = [];
  for (const d of detectors) {
    const memo = p.results.get(d);
    if (memo) {
      out.push(...memo);
      continue;
    }
    const found: Candidate[] = [];
    p.results.set(d, found);
    const text = d.prefixed ? p.text : p.short;
    const lower = d.prefixed ? p.lower : p.shortLower;
    if (!anyKeyword(lower, d.prefixed ? p.keywordHits : p.shortKeywordHits, d.keywords)) continue;
    const seen = new Set<number>();
    for (const m of matches(d, text, lower)) {
      const secret = d.group !== undefined ? m[d.group] : m.find((g, i) => i > 0 && g !== undefined);
      if (!secret) continue;
      const rel = m[0].indexOf(secret);
      const start = m.index + (rel < 0 ? 0 : rel);
      if (seen.has(start)) continue;
      if (d.leftBoundary && start > 0 && TOKEN_CHAR.test(text[start - 1])) continue;
      if (!d.ownPlaceholderCheck && isPlaceholder(secret)) continue;
      const minEntropy = d.minEntropy ?? DEFAULT_MIN_ENTROPY;
      if (minEntropy > 0 && shannonEntropy(secret) < minEntropy) continue;
      const c: Candidate = { detector: d, secret, secretStart: start, start, end: start + secret.length };
      if (d.validate) {
        const v = d.validate(secret, m, p.text);
        if (v === false) continue;
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
      seen.add(start);
      found.push(c);
    }
    out.push(...found);
  }
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
