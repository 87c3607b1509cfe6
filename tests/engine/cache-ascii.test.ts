import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { asciiJson } from '../../src/engine/cache.js';

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
});
