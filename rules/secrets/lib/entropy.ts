const counts = new Int32Array(128);

/** Shannon entropy in bits per character. */
export function shannonEntropy(s: string): number {
  if (!s) return 0;
  const n = s.length;
  // ASCII (almost every secret): counts in a reused table, no allocation
  let ascii = true;
  for (let i = 0; i < n && ascii; i++) ascii = s.charCodeAt(i) < 128;
  if (!ascii) return entropyOfCounts([...tally(s).values()], n);
  for (let i = 0; i < n; i++) counts[s.charCodeAt(i)]++;
  let h = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const k = counts[c];
    if (k === 0) continue;
    counts[c] = 0;
    const p = k / n;
    h -= p * Math.log2(p);
  }
  return h;
}

function tally(s: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const ch of s) m.set(ch, (m.get(ch) ?? 0) + 1);
  return m;
}

function entropyOfCounts(values: number[], n: number): number {
  let h = 0;
  for (const c of values) {
    const p = c / n;
    h -= p * Math.log2(p);
  }
  return h;
}

const PLACEHOLDER_WORDS = /example|placeholder|dummy|sample|redacted|your[_-]?(?:api|secret|access|token|key|password|own)|changeme|change[_-]me|replace[_-]?me|insert[_-]?(?:your|key|token)|notarealkey|not[_-]a[_-]real|fakefake|x{6,}|\*{3,}|\.{3}|…|0{12,}|1234567890/i;
/**
 * The alphabet in order, as typed in documentation (`abcdefghij…`, `ABCDEFGHIJ…`, the hex digits
 * `0123456789abcdef`); mixed case is not a sequence anyone types. Also the example UUID of RFC 9562's
 * predecessor texts and of Wikipedia (`123e4567-e89b-12d3-a456-426614174000`), copied into countless
 * READMEs and tests.
 */
const ALPHABET_RUN = /abcdefghij|ABCDEFGHIJ|0123456789abcdef|0123456789ABCDEF|123e4567-e89b-12d3-a456-42661417/;
const TEMPLATE = /\$\{|\{\{|\{%|<%|%\(|\$\(|#\{|\$[A-Z_][A-Z0-9_]{2,}|<[A-Za-z_ -]{2,40}>/;

/** True for values that are obviously documentation placeholders or template references. */
export function isPlaceholder(value: string): boolean {
  if (PLACEHOLDER_WORDS.test(value) || ALPHABET_RUN.test(value) || TEMPLATE.test(value)) return true;
  // one character repeated over most of the value ("aaaaaaaa…", "00000…")
  const tail = value.slice(-16);
  if (tail.length >= 12 && /^(.)\1+$/.test(tail)) return true;
  return repeatsUnit(value);
}

/**
 * A unit typed again and again over most of the value, ignoring case (`abcd1234abcd1234ABCD1234…`,
 * `a1b2a1b2a1b2…`, `a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4`): a placeholder of the right length. A random value of
 * 16 characters or more never repeats a unit of up to 8 characters three times in a row, nor a longer unit (up to
 * 32) once in full: at least a 16-character coincidence, under 2^-64 for hex.
 */
function repeatsUnit(value: string): boolean {
  const n = value.length;
  if (n < 16) return false;
  const v = value.toLowerCase();
  for (let p = 2; p <= Math.min(32, n >> 1); p++) {
    const need = p <= 8 ? 2 * p : Math.max(p, 16);
    let run = 0;
    for (let i = p; i < n; i++) {
      run = v.charCodeAt(i) === v.charCodeAt(i - p) ? run + 1 : 0;
      if (run >= need && run + p >= 0.75 * n) return true;
    }
  }
  return false;
}
