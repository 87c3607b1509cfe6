import type { Detector, Verdict } from '../lib/types.js';
import { validBech32 } from '../lib/checksums.js';
import { L, R, RB, re } from './helpers.js';

/**
 * The body of a PEM/OpenSSH/PGP block, as written: real newlines, or `\n` escapes inside a JSON or
 * .env string, possibly with string concatenation. Returns the base64 characters only.
 */
function bodyChars(body: string): string {
  return body
    .replace(/\\r|\\n|\\\\n/g, '\n')
    .split(/\r?\n/)
    .map((l) => l.trim().replace(/^["'`+,\s]+|["'`+,\s;\\]+$/g, ''))
    .filter((l) => l && !/^[A-Za-z-]+:\s/.test(l)) // PEM/PGP headers: Proc-Type, DEK-Info, Version, Comment
    .filter((l) => !/^=[A-Za-z0-9+/]{4}$/.test(l)) // PGP armour checksum
    .join('');
}

const PLACEHOLDER_BODY = /\.\.\.|…|<[^>]*>|\$\{|\{\{|x{6,}|X{6,}|redacted|example|your[_ -]?(?:private[_ -])?key|placeholder|\bfake\b|\bdummy\b|snip|truncated|insert|base64|MII\w{0,2}\.{2}/i;

function keyBlock(kind: string): (secret: string, m: RegExpExecArray, text: string) => Verdict {
  return (_secret, m, text) => {
    const body = m[2] ?? '';
    if (PLACEHOLDER_BODY.test(body)) return false;
    const chars = bodyChars(body);
    if (!/^[A-Za-z0-9+/=]+$/.test(chars)) return false;
    // a 256-bit EC key is ~160 base64 characters; anything much shorter is a truncated sample
    if (chars.length < 64) return false;
    // a Google service-account file is reported whole by the cloud-credentials rule
    if (/"private_key"\s*:\s*"$/.test(text.slice(Math.max(0, m.index - 40), m.index)) && /"type"\s*:\s*"service_account"/.test(text)) return false;
    const lineEnd = text.indexOf('\n', m.index);
    const begin = lineEnd < 0 ? m.index + m[0].length : Math.min(lineEnd, m.index + m[0].length);
    const props: Record<string, string | boolean> = { keyType: kind, escaped: /\\n/.test(m[0]) };
    if (/ENCRYPTED|Proc-Type: 4,ENCRYPTED/.test(m[0])) return { severity: 'medium', note: 'encrypted with a passphrase: still remove it', offsets: [m.index, begin], properties: props };
    return { offsets: [m.index, begin], properties: props };
  };
}

// BEGIN line, then a body of at most 16k characters (lazy, bounded), then the END line of the same label
const PEM_BODY = '([\\s\\S]{1,16000}?)';

/** Private keys: PEM, OpenSSH, PuTTY, PGP, age, WireGuard. */
export const PRIVATE_KEY_DETECTORS: Detector[] = [
  {
    id: 'pem-private-key',
    name: 'PEM private key (RSA/DSA/EC/PKCS#8)',
    vendor: 'whoever trusts the matching public key or certificate',
    keywords: ['private key-----'],
    regex: re(`-----BEGIN ((?:RSA |DSA |EC |ENCRYPTED |)PRIVATE KEY)-----${PEM_BODY}-----END \\1-----`),
    // the secret is the body; reported on the BEGIN line
    group: 2,
    minEntropy: 0,
    prefixed: true,
    ownPlaceholderCheck: true,
    validate: keyBlock('pem'),
    reference: 'https://datatracker.ietf.org/doc/html/rfc7468',
    gitleaks: ['private-key'],
    kingfisher: ['kingfisher.pem.1'],
    secretlint: ['@secretlint/secretlint-rule-privatekey'],
  },
  {
    id: 'openssh-private-key',
    name: 'OpenSSH private key',
    vendor: 'every server that trusts its public key',
    keywords: ['begin openssh private key'],
    regex: re(`-----BEGIN (OPENSSH PRIVATE KEY)-----${PEM_BODY}-----END \\1-----`),
    group: 2,
    minEntropy: 0,
    prefixed: true,
    ownPlaceholderCheck: true,
    validate: keyBlock('openssh'),
    reference: 'https://man.openbsd.org/ssh-keygen',
    gitleaks: ['private-key'],
    secretlint: ['@secretlint/secretlint-rule-privatekey'],
  },
  {
    id: 'ssh2-private-key',
    name: 'SSH2 (SECSH) private key',
    vendor: 'every server that trusts its public key',
    keywords: ['begin ssh2 encrypted private key'],
    regex: re(`---- BEGIN (SSH2 ENCRYPTED PRIVATE KEY) ----${PEM_BODY}---- END \\1 ----`),
    group: 2,
    minEntropy: 0,
    prefixed: true,
    ownPlaceholderCheck: true,
    validate: keyBlock('ssh2'),
    reference: 'https://datatracker.ietf.org/doc/html/rfc4716',
  },
  {
    id: 'pgp-private-key-block',
    name: 'PGP private key block',
    vendor: 'everyone who trusts the PGP key',
    keywords: ['begin pgp private key block'],
    regex: re(`-----BEGIN (PGP PRIVATE KEY BLOCK)-----${PEM_BODY}-----END \\1-----`),
    group: 2,
    minEntropy: 0,
    prefixed: true,
    ownPlaceholderCheck: true,
    validate: keyBlock('pgp'),
    reference: 'https://datatracker.ietf.org/doc/html/rfc4880#section-6.2',
    gitleaks: ['private-key'],
    secretlint: ['@secretlint/secretlint-rule-privatekey'],
  },
  {
    id: 'putty-private-key',
    name: 'PuTTY private key (.ppk)',
    vendor: 'every server that trusts its public key',
    keywords: ['putty-user-key-file-'],
    regex: /^(PuTTY-User-Key-File-[23]: [\w-]+)\r?\nEncryption: ([\w-]+)[\s\S]{0,3000}?Private-Lines: \d+\r?\n([A-Za-z0-9+/=\r\n]{40,8000}?)\r?\nPrivate-(?:MAC|Hash): [0-9a-f]+/gm,
    group: 3,
    minEntropy: 0,
    prefixed: true,
    ownPlaceholderCheck: true,
    validate: (_s, m) => ({
      offsets: [m.index, m.index + m[1].length],
      properties: { keyType: 'putty', encrypted: m[2] !== 'none' },
      ...(m[2] !== 'none' ? { severity: 'medium' as const, note: 'encrypted with a passphrase: still remove it' } : {}),
    }),
    reference: 'https://the.earth.li/~sgtatham/putty/0.81/htmldoc/AppendixC.html',
  },
  {
    id: 'age-secret-key',
    kingfisher: ['kingfisher.age.2'],
    name: 'age secret key',
    vendor: 'whoever encrypted files to it (re-encrypt them to a new key)',
    keywords: ['age-secret-key-1'],
    regex: re(`${L}(AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})${R}`),
    minEntropy: 0,
    prefixed: true,
    validate: (s) => validBech32(s),
    checksum: 'bech32',
    reference: 'https://age-encryption.org/v1',
    gitleaks: ['age-secret-key'],
  },
  {
    id: 'der-private-key-base64',
    name: 'Private key as bare base64 DER (RSA/PKCS#8/EC, no PEM armour)',
    vendor: 'whoever trusts the matching public key or certificate',
    keywords: ['mii', 'mhccaqee', 'migkagebbd', 'mihcagebbe'],
    // A DER SEQUENCE whose first element is the version INTEGER: `30 82 LL LL 02 01 00` then the RSA
    // modulus (`02 41`/`02 82`, PKCS#1) or an AlgorithmIdentifier (`30 0d`, PKCS#8); EC keys (RFC 5915)
    // start `30 77 02 01 01 04 20` (P-256), `30 81 a4 … 04 30` (P-384), `30 81 dc … 04 42` (P-521).
    // Certificates and public keys start with two SEQUENCEs (`MII…CC`, `MII…MA0`), so they never match.
    regex: re(`${L}((?:MII[A-Za-z0-9+/]{2}[AQgw]IB(?:AA[JK]|ADAN)|MHcCAQEEI|MIGkAgEBBDA|MIHcAgEBBEI)[A-Za-z0-9+/]{100,8000}={0,2})${RB}`),
    minEntropy: 4,
    prefixed: true,
    validate: (s, m, text) => {
      // the body of a PEM block is reported as the block
      if (/-----|BEGIN/.test(text.slice(Math.max(0, m.index - 48), m.index))) return false;
      const der = Buffer.from(s.slice(0, 8), 'base64');
      const total = der[1] === 0x82 ? ((der[2] << 8) | der[3]) + 4 : der[1] === 0x81 ? der[2] + 3 : der[1] + 2;
      // the DER length must fit what is there (base64 is 4/3 of the bytes; allow trailing padding)
      return Math.ceil(total / 3) * 4 <= s.length + 4 ? { properties: { keyType: 'der-base64' } } : false;
    },
    reference: 'https://datatracker.ietf.org/doc/html/rfc5208',
    gitleaks: ['private-key'],
  },
  {
    id: 'pem-private-key-base64',
    name: 'PEM private key, base64-encoded whole (Kubernetes Secret data, environment variables)',
    vendor: 'whoever trusts the matching public key or certificate',
    // `LS0tLS1CRUdJTi` is base64 of `-----BEGIN `: a PEM file encoded again, as Kubernetes Secret `data:`
    // values, Helm values and CI variables carry keys (`tls.key: LS0tLS1CRUdJTi…`)
    keywords: ['ls0tls1crudjti'],
    regex: re(`${L}(LS0tLS1CRUdJTi[A-Za-z0-9+/]{120,24000}={0,2})${RB}`),
    minEntropy: 4,
    prefixed: true,
    ownPlaceholderCheck: true,
    validate: (s) => {
      const pem = Buffer.from(s, 'base64').toString('latin1');
      const head = /^-----BEGIN ((?:RSA |DSA |EC |ENCRYPTED |OPENSSH |)PRIVATE KEY)-----\r?\n/.exec(pem);
      if (!head) return false; // a certificate or public key encoded the same way
      const end = pem.indexOf(`-----END ${head[1]}-----`);
      if (end < 0) return false; // truncated
      const body = pem.slice(head[0].length, end);
      if (PLACEHOLDER_BODY.test(body)) return false;
      const chars = bodyChars(body);
      if (!/^[A-Za-z0-9+/=]+$/.test(chars) || chars.length < 64) return false;
      const props = { keyType: 'pem-base64', label: head[1] };
      if (/ENCRYPTED/.test(head[1]) || /Proc-Type: 4,ENCRYPTED/.test(body)) return { severity: 'medium', note: 'encrypted with a passphrase: still remove it', properties: props };
      return { properties: props };
    },
    reference: 'https://kubernetes.io/docs/concepts/configuration/secret/#tls-secrets',
    kingfisher: ['kingfisher.pem.2'],
  },
  {
    id: 'wireguard-private-key',
    name: 'WireGuard private or preshared key',
    vendor: 'the WireGuard peers that trust it',
    keywords: ['privatekey', 'presharedkey'],
    // both are 32 random bytes in base64; a `[Peer]`'s PresharedKey is a symmetric secret shared by the two ends
    regex: /^\s*(?:PrivateKey|PresharedKey)\s*=\s*([A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=)\s*$/gm,
    minEntropy: 3.5,
    reference: 'https://www.wireguard.com/quickstart/',
  },
  {
    id: 'nostr-private-key',
    name: 'Nostr private key (nsec)',
    vendor: 'the Nostr identity (it cannot be rotated: move to a new key)',
    keywords: ['nsec1'],
    regex: re(`${L}(nsec1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{58})${R}`),
    minEntropy: 0,
    prefixed: true,
    validate: (s) => validBech32(s),
    checksum: 'bech32',
    reference: 'https://github.com/nostr-protocol/nips/blob/master/19.md',
  },
];
