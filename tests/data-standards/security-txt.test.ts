import { describe, expect, it } from 'vitest';
import { parseExpires, parseSecurityTxt, validBcp47 } from '../../rules/data-standards/security-txt/parse.js';
import { likelyField } from '../../rules/data-standards/security-txt/securitytxt-unknown-field.js';

describe('security.txt parser', () => {
  it('records line-syntax problems as the sectxt validator names them', () => {
    const doc = parseSecurityTxt('Contact : mailto:a@b\nPolicy:https://x\n: https://y\nnot a field\n  Hiring: https://z\nExpires: 2026-01-01T00:00:00Z');
    expect(doc.fields.map((f) => [f.key, f.precWs, f.noSpace])).toEqual([['contact', true, false], ['policy', false, true], ['expires', false, false]]);
    expect(doc.bad.map((b) => b.code)).toEqual(['empty_key', 'invalid_line', 'invalid_line']);
    expect(doc.unterminated).toBeDefined();
    expect(parseSecurityTxt('Contact: mailto:a@b\n').unterminated).toBeUndefined();
  });
  it('checks the signed-message envelope', () => {
    const ok = parseSecurityTxt('-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nContact: mailto:a@b\n- -- x\n-----BEGIN PGP SIGNATURE-----\n\nabc\n-----END PGP SIGNATURE-----\n');
    expect(ok.signed).toBe(true);
    expect(ok.envelope).toEqual({ issues: [], afterSignature: [] });
    const bad = parseSecurityTxt('-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\nContact: mailto:a@b\n-----BEGIN PGP SIGNATURE-----\nabc\n-----END PGP SIGNATURE-----\nExpires: x\n');
    expect(bad.envelope.issues.map((i) => i.problem)).toEqual([expect.stringContaining('no blank line')]);
    expect(bad.envelope.afterSignature).toHaveLength(1);
  });
  it('accepts RFC 3339 date-times with real calendar dates only', () => {
    expect(parseExpires('2026-02-28T23:59:60Z')).toBeDefined();
    expect(parseExpires('2024-02-29 10:00:00+01:00')?.toISOString()).toBe('2024-02-29T09:00:00.000Z');
    for (const v of ['2026-02-29T00:00:00Z', '2026-13-01T00:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01', 'Thu, 22 Feb 2024 10:51:49 -0600']) expect(parseExpires(v), v).toBeUndefined();
  });
});

describe('BCP 47 tags', () => {
  it('accepts RFC 5646 tags case-insensitively', () => {
    for (const t of ['en', 'EN', 'en-GB', 'gd', 'sco', 'zh-Hant-TW', 'sl-rozaj-biske', 'de-CH-1996', 'x-private', 'en-US-u-ca-gregory', 'es-419', 'i-klingon']) expect(validBcp47(t), t).toBe(true);
  });
  it('rejects names, underscores and unknown two-letter languages', () => {
    for (const t of ['English', 'en_GB', 'xx', '', 'en-', 'e', '*']) expect(validBcp47(t), t).toBe(false);
  });
});

describe('field-name misspellings', () => {
  it('maps common misspellings to the standard field', () => {
    expect(likelyField('acknowledgements')).toBe('acknowledgments');
    expect(likelyField('polciy')).toBe('policy');
    expect(likelyField('preferred-language')).toBe('preferred-languages');
    expect(likelyField('expiry')).toBe('expires');
    expect(likelyField('x-bug-bounty')).toBeUndefined();
    expect(likelyField('signature')).toBeUndefined();
  });
});
