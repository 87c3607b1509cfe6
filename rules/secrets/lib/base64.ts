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
