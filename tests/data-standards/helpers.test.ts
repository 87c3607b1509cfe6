import { describe, expect, it } from 'vitest';
import { checkSpdx } from '../../rules/data-standards/publiccode/spdx.js';
import { validLanguageTag } from '../../rules/data-standards/publiccode/common.js';
import { parseExpires, parseSecurityTxt } from '../../rules/data-standards/security-txt/parse.js';
import { isDateName } from '../../rules/data-standards/openapi/openapi-date-format.js';
import { parseCsv } from '../../rules/data-standards/csv/parse.js';
import { pointerKeys } from '../../src/openapi/model.js';
import { exampleValidator, toPointer } from '../../src/openapi/examples.js';

describe('SPDX expressions', () => {
  it('accepts valid expressions', () => {
    for (const e of ['MIT', 'EUPL-1.2 OR OGL-UK-3.0', '(MIT OR Apache-2.0) AND BSD-3-Clause', 'GPL-2.0-only WITH Classpath-exception-2.0', 'LicenseRef-Council', 'GPL-2.0+']) expect(checkSpdx(e), e).toEqual([]);
  });
  it('rejects bad syntax and unknown ids', () => {
    expect(checkSpdx('MIT and Apache-2.0')[0].kind).toBe('syntax');
    expect(checkSpdx('(MIT OR Apache-2.0')[0].kind).toBe('syntax');
    expect(checkSpdx('MIT Apache-2.0')[0].kind).toBe('syntax');
    expect(checkSpdx('MIT OR')[0].kind).toBe('syntax');
    expect(checkSpdx('GPL3')).toEqual([{ kind: 'unknown', id: 'GPL3' }]);
  });
});

describe('language tags', () => {
  it('checks ISO 639-1 / BCP 47', () => {
    for (const t of ['en', 'gd', 'cy', 'en-GB', 'sco', 'zh-Hant-TW']) expect(validLanguageTag(t), t).toBe(true);
    for (const t of ['english', 'EN', 'xx', 'en_GB', '']) expect(validLanguageTag(t), t).toBe(false);
  });
});

describe('security.txt', () => {
  it('parses fields, unescapes signed content and rejects non-RFC 3339 dates', () => {
    const doc = parseSecurityTxt('-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n- Contact: mailto:a@b\nExpires: 2099-01-01T00:00:00Z\nbad line\n-----BEGIN PGP SIGNATURE-----\nabc\n-----END PGP SIGNATURE-----\n');
    expect(doc.signed).toBe(true);
    expect(doc.fields.map((f) => [f.key, f.value])).toEqual([['contact', 'mailto:a@b'], ['expires', '2099-01-01T00:00:00Z']]);
    expect(doc.bad.map((b) => b.text)).toEqual(['bad line']);
    expect(parseExpires('2099-01-01')).toBeUndefined();
    expect(parseExpires('2099-01-01T00:00:00+01:00')?.toISOString()).toBe('2098-12-31T23:00:00.000Z');
  });
});

describe('OpenAPI helpers', () => {
  it('recognises date-like names', () => {
    for (const n of ['createdAt', 'created_at', 'start_date', 'birthDate', 'dateOfBirth', 'timestamp', 'updated']) expect(isDateName(n), n).toBe(true);
    for (const n of ['candidate', 'update', 'format', 'chat', 'mandate', 'at']) expect(isDateName(n), n).toBe(false);
  });
  it('decodes and encodes JSON pointers', () => {
    expect(pointerKeys('#/paths/~1users~1{id}/get')).toEqual(['paths', '/users/{id}', 'get']);
    expect(toPointer(['paths', '/users/{id}'])).toBe('/paths/~1users~1%7Bid%7D');
  });
  it('validates examples through local references, with OpenAPI 3.0 nullable', () => {
    const doc = { openapi: '3.0.3', components: { schemas: { A: { type: 'object', required: ['b'], properties: { b: { $ref: '#/components/schemas/B' } } }, B: { type: 'string', nullable: true, maxLength: 2 } } } };
    const v = exampleValidator(doc, '3.0');
    expect(v.validate('/components/schemas/A', { b: null })).toBeNull();
    expect(v.validate('/components/schemas/A', { b: 'abc' })).toMatch(/more than 2/);
    expect(v.validate('/components/schemas/Missing', {})).toBeUndefined();
  });
});

describe('CSV reader', () => {
  it('handles quotes, embedded newlines and CRLF', () => {
    const csv = parseCsv('a,b\r\n"x, y","line\nbreak"\r\n"q""uote",2\r\n', 'f.csv');
    expect(csv.records.map((r) => r.fields.map((f) => f.value))).toEqual([['a', 'b'], ['x, y', 'line\nbreak'], ['q"uote', '2']]);
    expect(csv.unterminated).toBeUndefined();
  });

  it('keeps offsets right on CRLF files (csv-parse leaves the LF out of a record\'s raw text)', () => {
    const text = 'a,b\r\n1,2\r\n"x\r\ny",3\r\n4,5\r\n';
    const csv = parseCsv(text, 'f.csv');
    for (const r of csv.records) for (const f of r.fields) expect(text.slice(f.start, f.end).replace(/"/g, '')).toBe(f.value);
    expect(text.slice(csv.records[3].start, csv.records[3].start + 3)).toBe('4,5');
  });

  it('marks fields kept as written: padded quotes, text after a closing quote, stray line breaks', () => {
    const csv = parseCsv('a,b,c\n"x", "y","z"q\n"p"\t,"ok",""\n', 'f.csv');
    const [, r1, r2] = csv.records.map((r) => r.fields.map((f) => ({ v: f.value, literal: !!f.literal, after: f.after })));
    expect(r1).toEqual([{ v: 'x', literal: false, after: undefined }, { v: ' "y"', literal: true, after: undefined }, { v: '"z"q', literal: true, after: 'q' }]);
    expect(r2).toEqual([{ v: '"p"\t', literal: true, after: '\t' }, { v: 'ok', literal: false, after: undefined }, { v: '', literal: false, after: undefined }]);
    const mixed = parseCsv('a,b\r\n1,2\n3,4\r\n', 'f.csv');
    expect(mixed.records[1].fields[1]).toMatchObject({ value: '2\n3', literal: true });
  });
});
