/** CRC-32 (IEEE 802.3, as zlib) of a string's UTF-8 bytes (ASCII tokens here). */
const TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(s: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < s.length; i++) crc = TABLE[(crc ^ s.charCodeAt(i)) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function base62(n: number, width = 6): string {
  let s = '';
  do {
    s = BASE62[n % 62] + s;
    n = Math.floor(n / 62);
  } while (n > 0);
  return s.padStart(width, '0');
}

/**
 * GitHub (ghp_/gho_/ghu_/ghs_/ghr_) and npm (npm_) tokens: 30 random base62 characters then the
 * CRC-32 of those 30, base62-encoded and zero-padded to 6.
 * https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/
 */
export function validBase62Crc(body: string): boolean {
  if (body.length !== 36) return false;
  return base62(crc32(body.slice(0, 30))) === body.slice(30);
}

/** Grafana service-account tokens: `glsa_<32>_<crc32 hex of "glsa_<32>">`. */
export function validGrafanaSa(token: string): boolean {
  const m = /^(glsa_[A-Za-z0-9]{32})_([0-9a-f]{8})$/.exec(token);
  return !!m && crc32(m[1]).toString(16).padStart(8, '0') === m[2];
}

// ---- bech32 (BIP-173), as used by age secret keys ----
const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GEN = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

function polymod(values: number[]): number {
  let chk = 1;
  for (const v of values) {
    const b = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((b >>> i) & 1) chk ^= GEN[i];
  }
  return chk >>> 0;
}

function hrpExpand(hrp: string): number[] {
  const out: number[] = [];
  for (const c of hrp) out.push(c.charCodeAt(0) >> 5);
  out.push(0);
  for (const c of hrp) out.push(c.charCodeAt(0) & 31);
  return out;
}

/** Does a bech32 string (any case, not mixed) carry a valid checksum? */
export function validBech32(s: string): boolean {
  if (s !== s.toLowerCase() && s !== s.toUpperCase()) return false;
  const lower = s.toLowerCase();
  const pos = lower.lastIndexOf('1');
  if (pos < 1 || pos + 7 > lower.length) return false;
  const data: number[] = [];
  for (const c of lower.slice(pos + 1)) {
    const v = BECH32.indexOf(c);
    if (v < 0) return false;
    data.push(v);
  }
  return polymod([...hrpExpand(lower.slice(0, pos)), ...data]) === 1;
}

/** Append a valid bech32 checksum to hrp + data (5-bit groups, as bech32 characters). */
export function bech32WithChecksum(hrp: string, dataChars: string): string {
  const data = [...dataChars.toLowerCase()].map((c) => BECH32.indexOf(c));
  const mod = polymod([...hrpExpand(hrp.toLowerCase()), ...data, 0, 0, 0, 0, 0, 0]) ^ 1;
  let cs = '';
  for (let i = 0; i < 6; i++) cs += BECH32[(mod >>> (5 * (5 - i))) & 31];
  return `${hrp}1${dataChars}${cs}`;
}

export const BECH32_ALPHABET = BECH32;

/** Decode base64url (or base64) to text; undefined when it does not decode to printable UTF-8. */
export function decodeBase64Text(s: string): string | undefined {
  try {
    const buf = Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    const text = buf.toString('utf8');
    if (!text || /[\u0000-\u0008\u000e-\u001f\ufffd]/.test(text)) return undefined;
    return text;
  } catch {
    return undefined;
  }
}

/**
 * A PyPI API token's body (after `pypi-`) is a base64url macaroon, version 2, whose last field is
 * its 32-byte HMAC signature: an end-of-section byte, field type 6, length 32, then the 32 bytes.
 * A token without it cannot authenticate: truncated, redacted by hand or made up.
 */
export function endsInMacaroonSignature(body: string): boolean {
  const bytes = Buffer.from(body, 'base64url');
  const n = bytes.length;
  return n >= 48 && bytes[0] === 0x02 && bytes[n - 35] === 0x00 && bytes[n - 34] === 0x06 && bytes[n - 33] === 0x20;
}
