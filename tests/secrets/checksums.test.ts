import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ALL_DETECTORS } from '../../rules/secrets/families.js';
import { detect, prepareText } from '../../rules/secrets/lib/scanner.js';
import { BASE62, BECH32_ALPHABET, base62, bech32WithChecksum, crc32, endsInMacaroonSignature, validBase62Crc, validBech32 } from '../../rules/secrets/lib/checksums.js';
import type { Detector } from '../../rules/secrets/lib/types.js';
import { shannonEntropy } from '../../rules/secrets/lib/entropy.js';

/** Degenerate bodies ("aaaa…") read as placeholders and are dropped on purpose: real tokens are random. */
const random = (s: string) => shannonEntropy(s) > 3.5;

const byId = (id: string): Detector => {
  const d = ALL_DETECTORS.find((x) => x.id === id);
  if (!d) throw new Error(`no detector ${id}`);
  return d;
};

const chars = (alphabet: string, n: number) => fc.array(fc.constantFrom(...alphabet.split('')), { minLength: n, maxLength: n }).map((a) => a.join(''));
const found = (d: Detector, line: string) => detect(prepareText(line), [d]).map((c) => c.secret);

/** Change one character of the checksummed token into a different one of the same alphabet. */
function mutate(token: string, at: number, alphabet: string, shift: number): string {
  const i = at % token.length;
  const cur = alphabet.indexOf(token[i]);
  const next = alphabet[(cur + 1 + (shift % (alphabet.length - 1))) % alphabet.length];
  return token.slice(0, i) + next + token.slice(i + 1);
}

describe('checksum primitives', () => {
  it('crc32 matches the IEEE reference value', () => {
    expect(crc32('123456789')).toBe(0xcbf43926);
  });
  it('base62 pads to six characters', () => {
    expect(base62(0)).toBe('000000');
    expect(base62(61)).toBe('00000z');
  });
  it('validates a BIP-173 test vector', () => {
    expect(validBech32('A12UEL5L')).toBe(true);
    expect(validBech32('a12uel5l')).toBe(true);
    expect(validBech32('A12UEL5X')).toBe(false);
  });
});

const CRC_FORMATS: [string, string][] = [
  ['github-pat', 'ghp'],
  ['github-oauth-token', 'gho'],
  ['github-user-to-server-token', 'ghu'],
  ['github-server-to-server-token', 'ghs'],
  ['github-refresh-token', 'ghr'],
  ['npm-access-token', 'npm'],
];

describe('base62 CRC-32 tokens (GitHub, npm)', () => {
  for (const [id, prefix] of CRC_FORMATS) {
    const d = byId(id);
    it(`${id}: generated tokens are found`, () => {
      fc.assert(
        fc.property(chars(BASE62, 30), (body) => {
          fc.pre(random(body));
          const token = `${prefix}_${body}${base62(crc32(body))}`;
          expect(validBase62Crc(token.slice(4))).toBe(true);
          expect(found(d, `TOKEN="${token}"`)).toEqual([token]);
        }),
        { numRuns: 200 },
      );
    });
    it(`${id}: tokens with one character changed are reported at low severity, checksum invalid`, () => {
      fc.assert(
        fc.property(chars(BASE62, 30), fc.nat(), fc.nat(), (body, at, shift) => {
          const token = `${prefix}_${body}${base62(crc32(body))}`;
          const bad = `${prefix}_${mutate(token.slice(4), at, BASE62, shift)}`;
          fc.pre(!validBase62Crc(bad.slice(4))); // a CRC collision is possible in principle
          fc.pre(random(bad.slice(4)));
          const cs = detect(prepareText(`TOKEN="${bad}"`), [d]);
          expect(cs.map((c) => [c.secret, c.severity, c.properties?.checksum])).toEqual([[bad, 'low', 'invalid']]);
        }),
        { numRuns: 200 },
      );
    });
  }
});

describe('Vercel tokens (50 characters, then their base62 CRC-32)', () => {
  const d = byId('vercel-token');
  const ALPHABET = `${BASE62}_-`;
  const make = (prefix: string, body: string) => `${prefix}_${body}${base62(crc32(body))}`;
  it('generated tokens are found, checksum valid', () => {
    fc.assert(
      fc.property(fc.constantFrom('vcp', 'vci', 'vca', 'vcr', 'vck'), chars(ALPHABET, 50), (prefix, body) => {
        fc.pre(random(body));
        const token = make(prefix, body);
        const cs = detect(prepareText(`VERCEL_TOKEN="${token}"`), [d]);
        expect(cs.map((c) => [c.secret, c.severity, c.properties?.checksum])).toEqual([[token, undefined, 'valid']]);
      }),
      { numRuns: 200 },
    );
  });
  it('tokens with one body character changed are reported at low severity, checksum invalid', () => {
    fc.assert(
      fc.property(chars(BASE62, 50), fc.nat(), fc.nat(), (body, at, shift) => {
        const token = make('vcp', body);
        const i = 4 + (at % 50);
        const bad = token.slice(0, i) + BASE62[(BASE62.indexOf(token[i]) + 1 + (shift % 61)) % 62] + token.slice(i + 1);
        fc.pre(base62(crc32(bad.slice(4, 54))) !== bad.slice(54));
        fc.pre(random(bad.slice(4, 54)));
        const cs = detect(prepareText(`VERCEL_TOKEN="${bad}"`), [d]);
        expect(cs.map((c) => [c.secret, c.severity, c.properties?.checksum])).toEqual([[bad, 'low', 'invalid']]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('Grafana service account tokens (CRC-32 hex)', () => {
  const d = byId('grafana-service-account-token');
  const make = (body: string) => `glsa_${body}_${crc32(`glsa_${body}`).toString(16).padStart(8, '0')}`;
  it('generated tokens are found', () => {
    fc.assert(fc.property(chars(BASE62, 32), (body) => { fc.pre(random(body)); expect(found(d, make(body))).toEqual([make(body)]); }), { numRuns: 200 });
  });
  it('mutated tokens are not', () => {
    fc.assert(
      fc.property(chars(BASE62, 32), fc.nat(), fc.nat(), (body, at, shift) => {
        const token = make(body);
        const i = 5 + (at % 32);
        const bad = token.slice(0, i) + BASE62[(BASE62.indexOf(token[i]) + 1 + (shift % 61)) % 62] + token.slice(i + 1);
        expect(found(d, bad)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('bech32 keys (age, Nostr)', () => {
  const cases: [string, string, (s: string) => string][] = [
    ['age-secret-key', 'AGE-SECRET-KEY-', (s) => s.toUpperCase()],
    ['nostr-private-key', 'nsec', (s) => s],
  ];
  for (const [id, hrp, style] of cases) {
    const d = byId(id);
    it(`${id}: generated keys are found`, () => {
      fc.assert(
        fc.property(chars(BECH32_ALPHABET, 52), (data) => {
          fc.pre(random(data));
          const key = style(bech32WithChecksum(hrp, data));
          expect(found(d, key)).toEqual([key]);
        }),
        { numRuns: 100 },
      );
    });
    it(`${id}: keys with one character changed are not`, () => {
      fc.assert(
        fc.property(chars(BECH32_ALPHABET, 52), fc.nat(), fc.nat(), (data, at, shift) => {
          const key = bech32WithChecksum(hrp, data);
          const start = hrp.length + 1;
          const i = start + (at % (key.length - start));
          const next = BECH32_ALPHABET[(BECH32_ALPHABET.indexOf(key[i].toLowerCase()) + 1 + (shift % 31)) % 32];
          const bad = style(key.slice(0, i) + next + key.slice(i + 1));
          expect(found(d, bad)).toEqual([]);
        }),
        { numRuns: 100 },
      );
    });
  }
});

describe('detector table', () => {
  it('has at least 150 distinct formats with unique ids', () => {
    const ids = ALL_DETECTORS.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(150);
  });
  it('uses lowercase keywords and global regexes with a capture group', () => {
    for (const d of ALL_DETECTORS) {
      for (const k of d.keywords) expect(k, d.id).toBe(k.toLowerCase());
      expect(d.regex.global, d.id).toBe(true);
      expect(new RegExp(`${d.regex.source}|`).exec('')!.length, d.id).toBeGreaterThan(1);
    }
  });
  it('runs in linear time on adversarial input', () => {
    const nasty = ['a'.repeat(50_000), 'A1'.repeat(25_000), '-'.repeat(50_000), `${'x'.repeat(30_000)}@`, `postgres://${'a:'.repeat(20_000)}`, `-----BEGIN RSA PRIVATE KEY-----\n${'MIIE'.repeat(10_000)}`, `${'0'.repeat(8)}-`.repeat(5000)];
    for (const text of nasty) {
      const t0 = performance.now();
      detect(prepareText(text), ALL_DETECTORS);
      expect(performance.now() - t0, text.slice(0, 20)).toBeLessThan(1500);
    }
  });
});

describe('endsInMacaroonSignature', () => {
  const token = (tail: Buffer) => Buffer.concat([Buffer.from([2, 1, 8]), Buffer.from('pypi.org'), Buffer.from([2, 4]), Buffer.from('abcd'), tail]).toString('base64url');
  it('is true for a macaroon whose last field is a 32-byte signature', () => {
    expect(endsInMacaroonSignature(token(Buffer.concat([Buffer.from([0, 6, 32]), Buffer.alloc(32, 7)])))).toBe(true);
  });
  it('is false for one cut short or with other bytes at the end', () => {
    const whole = token(Buffer.concat([Buffer.from([0, 6, 32]), Buffer.alloc(32, 7)]));
    expect(endsInMacaroonSignature(whole.slice(0, -12))).toBe(false);
    expect(endsInMacaroonSignature(token(Buffer.alloc(40, 65)))).toBe(false);
  });
});
