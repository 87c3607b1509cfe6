/** Shannon entropy in bits per character. */
export function shannonEntropy(s: string): number {
  if (!s) return 0;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  const n = s.length;
  for (const c of counts.values()) {
    const p = c / n;
    h -= p * Math.log2(p);
  }
  return h;
}

const PLACEHOLDER_WORDS = /example|placeholder|dummy|sample|redacted|your[_-]?(?:api|secret|access|token|key|password|own)|changeme|change[_-]me|replace[_-]?me|insert[_-]?(?:your|key|token)|notarealkey|not[_-]a[_-]real|fakefake|x{6,}|\*{3,}|\.{3}|…|0{12,}|1234567890|abcdefghij/i;
const TEMPLATE = /\$\{|\{\{|\{%|<%|%\(|\$\(|#\{|\$[A-Z_][A-Z0-9_]{2,}|<[A-Za-z_ -]{2,40}>/;

/** True for values that are obviously documentation placeholders or template references. */
export function isPlaceholder(value: string): boolean {
  if (PLACEHOLDER_WORDS.test(value) || TEMPLATE.test(value)) return true;
  // one character repeated over most of the value ("aaaaaaaa…", "00000…")
  const tail = value.slice(-16);
  if (tail.length >= 12 && /^(.)\1+$/.test(tail)) return true;
  return false;
}
