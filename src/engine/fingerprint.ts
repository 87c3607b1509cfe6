import { hash } from 'node:crypto';

/** One-shot SHA-256 (node:crypto's `hash`, Node ≥ 20.12: a third of `createHash`'s cost on short strings). */
export function sha256(s: string): string {
  return hash('sha256', s, 'hex');
}

/**
 * A finding's fingerprint: the rule, the file and the normalised text of the finding's own line (plus
 * its occurrence number among identical ones), so it survives lines added or removed elsewhere.
 * Secrets on the line are only ever hashed.
 */
export function fingerprintOf(ruleId: string, file: string, lineText: string, occurrence: number): string {
  const norm = lineText.replace(/\s+/g, ' ').trim();
  return sha256(`${ruleId}\u0000${file}\u0000${norm}\u0000${occurrence}`).slice(0, 32);
}
