import { createHash } from 'node:crypto';

export function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
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
