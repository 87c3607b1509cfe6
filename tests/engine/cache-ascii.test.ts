import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { asciiJson, asciiJsonPieces } from '../../src/engine/cache.js';

describe('result cache file encoding', () => {
  it('is ASCII JSON that parses back to the same value, whatever the text (… → emoji, lone surrogates)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: 'binary' }), (value, text) => {
        const doc = { value, text, message: `${text} … → 😀` };
        const json = asciiJson(doc);
        expect(/^[\x00-\x7f]*$/.test(json)).toBe(true);
        expect(JSON.parse(Buffer.from(json, 'latin1').toString('latin1'))).toEqual(JSON.parse(JSON.stringify(doc)));
      }),
      { numRuns: 300 },
    );
  });

  it('is written in pieces that join to exactly asciiJson of the whole, whatever the records', () => {
    const record = fc.dictionary(fc.string({ unit: 'binary' }), fc.oneof(fc.jsonValue(), fc.constant(undefined)));
    fc.assert(
      fc.property(record, record, fc.jsonValue(), fc.string({ unit: 'binary' }), (files, stats, other, key) => {
        const doc = { format: 5, key, stats, files, memos: {}, other, missing: undefined, list: [1, undefined] };
        const pieces = [...asciiJsonPieces(doc, new Set(['stats', 'files', 'memos', 'other']))];
        expect(pieces.join('')).toBe(asciiJson(doc));
        expect(pieces.length).toBeGreaterThanOrEqual(Object.values(files).filter((v) => v !== undefined).length);
      }),
      { numRuns: 300 },
    );
  });
});
