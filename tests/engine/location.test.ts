import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LineIndex } from '../../src/model/location.js';

describe('LineIndex', () => {
  it('maps offsets to 1-based positions across LF, CRLF and CR', () => {
    const li = new LineIndex('ab\ncd\r\nef\rgh');
    expect(li.lineCount).toBe(4);
    expect(li.position(0)).toEqual({ line: 1, column: 1 });
    expect(li.position(3)).toEqual({ line: 2, column: 1 });
    expect(li.position(7)).toEqual({ line: 3, column: 1 });
    expect(li.position(10)).toEqual({ line: 4, column: 1 });
    expect(li.lineText(2)).toBe('cd');
    expect(li.lineText(3)).toBe('ef');
    expect(li.lineRange(2)).toEqual({ start: { line: 2, column: 1 }, end: { line: 2, column: 3 } });
  });

  it('clamps out-of-range offsets and lines', () => {
    const li = new LineIndex('x\ny');
    expect(li.position(-5)).toEqual({ line: 1, column: 1 });
    expect(li.position(99)).toEqual({ line: 2, column: 2 });
    expect(li.lineText(0)).toBe('');
    expect(li.lineText(9)).toBe('');
  });

  it('round-trips every offset (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', '\n', '\r', ' ', 'é') }), (text) => {
        const li = new LineIndex(text);
        for (let o = 0; o <= text.length; o++) {
          const p = li.position(o);
          expect(p.line).toBeGreaterThanOrEqual(1);
          expect(p.column).toBeGreaterThanOrEqual(1);
          // offsets inside a CRLF pair map to the end of the line; every other offset round-trips
          if (!(text[o - 1] === '\r' && text[o] === '\n')) expect(li.offset(p)).toBe(o);
        }
      }),
    );
  });

  it('finds the same line starts as a character-by-character reading of the breaks (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '\n', '\r', '\r\n', ' ') }), (text) => {
        const starts = [0];
        for (let i = 0; i < text.length; i++) {
          if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) starts.push(i + 1);
        }
        const li = new LineIndex(text);
        expect(li.lineCount).toBe(starts.length);
        starts.forEach((start, i) => expect(li.position(start)).toEqual({ line: i + 1, column: 1 }));
      }),
    );
  });
});
