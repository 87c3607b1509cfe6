import { decodeBase64Text } from './checksums.js';
import { isPlaceholder } from './entropy.js';

/** Standard base64 text (RFC 4648 alphabet, optional padding). */
export const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * A base64-encoded `user:password` pair (HTTP Basic credentials, RFC 7617; a Docker config `auth`),
 * split at the first colon; undefined when the text is not base64 or the decoded text has no colon.
 */
export function base64UserPassword(b64: string): { user: string; password: string; decoded: string } | undefined {
  if (!BASE64.test(b64)) return undefined;
  const decoded = Buffer.from(b64, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1), decoded };
}

/** Passwords that only say what belongs there (`password`, `secret`, `changeme`, `test`, `xxxx`). */
const STAND_IN = /^(?:pass(?:word|wd)?\d{0,3}|pwd|secret|test(?:ing)?|changeme|change[_-]me|example|sample|placeholder|dummy|fake|foo(?:bar)?|bar|none|null|x{3,}|\*{3,})$/i;

/** A `user:password` pair whose password is a stand-in: one of the words above, the user name again, or a placeholder. */
export function standInPassword(user: string, password: string): boolean {
  return STAND_IN.test(password) || password.toLowerCase() === user.toLowerCase() || isPlaceholder(password);
}

/**
 * A base64- or base64url-encoded JSON object (a JWT's header and payload; credentials that pack their
 * parts as JSON: a Cloudflare Tunnel token's `{"a":…,"t":…,"s":…}`, a Neptune API token's
 * `{"api_address":…,"api_key":…}`); undefined when it does not decode to a JSON object.
 */
export function base64Json(b64: string): Record<string, unknown> | undefined {
  const text = decodeBase64Text(b64);
  if (!text) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
