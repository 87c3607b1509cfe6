import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ALL_DETECTORS } from '../../rules/secrets/families.js';
import { detect, prepareText } from '../../rules/secrets/lib/scanner.js';

const jwtDetector = ALL_DETECTORS.filter((d) => d.id === 'jwt');
const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

/** An HS256 token over our own claims, signed with the given key. */
function hs256(key: string): string {
  const head = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ sub: 'case-worker-42', scope: 'cases:write', iat: 1767225600 })}`;
  return `${head}.${createHmac('sha256', key).update(head).digest('base64url')}`;
}

describe('secrets/json-web-token severity', () => {
  it('reports a token signed with a published placeholder key at low severity, saying so', () => {
    for (const key of ['your-256-bit-secret', 'secret', 'shhhhh']) {
      const [c, ...rest] = detect(prepareText(`const token = '${hs256(key)}';`), jwtDetector);
      expect(rest).toEqual([]);
      expect(c.severity).toBe('low');
      expect(c.properties?.placeholderKey).toBe(true);
      expect(c.note).toContain(key);
    }
  });

  it('keeps a token signed with any other key at its normal severity', () => {
    const [c] = detect(prepareText(`const token = '${hs256('Vq8#kZ2!rT6wLp4@xN9m')}';`), jwtDetector);
    expect(c.severity).not.toBe('low');
    expect(c.properties?.placeholderKey).toBeUndefined();
  });
});
