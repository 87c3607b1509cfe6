import { createHmac } from 'node:crypto';
import type { Detector, Verdict } from '../lib/types.js';
import { base64Json } from '../lib/base64.js';
import { decodeBase64Text } from '../lib/checksums.js';

/**
 * Keys published as examples or used as stand-ins in tests: jwt.io's defaults (`your-256-bit-secret`…),
 * the jsonwebtoken README's `shhhhh`, and the usual placeholders. A token signed with one of them can be minted
 * by anyone: test data, or a server whose key must be replaced. Reported at low severity.
 */
const PLACEHOLDER_KEYS = ['secret', 'SECRET', 'Secret', 'your-256-bit-secret', 'your-384-bit-secret', 'your-512-bit-secret', 'shhhhh', 'test', 'changeme', 'key', 'password', 'secretkey', 'secret-key', 'mysecret', 'my-secret', 'jwt-secret', 'jwt_secret'];

/** The placeholder key an HS256/384/512 token is signed with, if any. */
function placeholderKey(alg: string, header: string, payload: string, sig: string): string | undefined {
  const m = /^HS(256|384|512)$/.exec(alg);
  if (!m) return undefined;
  const want = sig.replace(/=+$/, '');
  return PLACEHOLDER_KEYS.find((k) => createHmac(`sha${m[1]}`, k).update(`${header}.${payload}`).digest('base64url') === want);
}

/** What a token's header and claims say: false when it is not a JWT (or a public key), else its severity and facts. */
function judgeJwt(s: string): Verdict {
  const [h, p, sig] = s.split('.');
  const header = base64Json(h);
  const payload = base64Json(p);
  if (!payload) return false;
  // a header that does not decode (edited by hand, or corrupted) still counts when the claims do and a signature follows
  if (!header || typeof header.alg !== 'string') {
    if (header || !sig) return false;
    return { properties: { alg: 'unknown', header: 'undecodable' } };
  }
  const props: Record<string, string | number | boolean> = { alg: header.alg };
  if (typeof payload.iss === 'string') props.issuer = payload.iss.slice(0, 100);
  // Supabase/Firebase-style public "anon" keys are meant to be shipped to browsers
  if (payload.role === 'anon') return false;
  if (String(header.alg).toLowerCase() === 'none' || !sig) {
    return { severity: 'medium', note: 'unsigned ("alg": "none"): anything that accepts it accepts forgeries', properties: { ...props, unsigned: true } };
  }
  const key = placeholderKey(header.alg, h, p, sig);
  if (key !== undefined) {
    return { severity: 'low', note: `signed with the published placeholder key "${key}": test data anyone can mint, or a server key that must be replaced`, properties: { ...props, placeholderKey: true } };
  }
  if (typeof payload.exp === 'number' && payload.exp * 1000 < Date.now()) {
    return { severity: 'low', note: `expired ${new Date(payload.exp * 1000).toISOString().slice(0, 10)}`, properties: { ...props, expired: true } };
  }
  return { properties: props };
}

/** Bearer tokens that stand on their own: JSON Web Tokens. */
export const TOKEN_DETECTORS: Detector[] = [
  {
    id: 'jwt',
    name: 'JSON Web Token',
    vendor: 'its issuer',
    keywords: ['eyj'],
    regex: /(?<![A-Za-z0-9_.-])(eyJ[A-Za-z0-9_-]{8,2000}\.eyJ[A-Za-z0-9_-]{8,8000}\.(?:[A-Za-z0-9_-]{16,1000}={0,2})?)(?![A-Za-z0-9_.=-])/g,
    minEntropy: 0,
    prefixed: true,
    validate: (s) => judgeJwt(s),
    reference: 'https://datatracker.ietf.org/doc/html/rfc7519',
    gitleaks: ['jwt'],
    kingfisher: ['kingfisher.jwt.1'],
  },
  {
    // a whole token base64-encoded once more (Kubernetes Secret data, `.dockerconfigjson`, environment blobs): `eyJ` encodes to `ZXlK`
    id: 'jwt-base64',
    name: 'JSON Web Token (base64-encoded)',
    vendor: 'its issuer',
    keywords: ['zxlk'],
    regex: /(?<![A-Za-z0-9+/])(ZXlK[A-Za-z0-9+/]{60,12000}={0,2})(?![A-Za-z0-9+/=])/g,
    minEntropy: 0,
    prefixed: true,
    validate: (s) => {
      const inner = decodeBase64Text(s)?.trim();
      if (!inner || !/^eyJ[A-Za-z0-9_-]{8,2000}\.eyJ[A-Za-z0-9_-]{8,8000}\.(?:[A-Za-z0-9_-]{16,1000}={0,2})?$/.test(inner)) return false;
      return judgeJwt(inner);
    },
    reference: 'https://datatracker.ietf.org/doc/html/rfc7519',
    gitleaks: ['jwt-base64'],
  },
];
