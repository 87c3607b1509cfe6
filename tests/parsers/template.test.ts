import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hasTemplateSyntax, maskTemplate, TEMPLATE_MASK, templateSpans } from '../../src/parsers/template.js';

const SPAN = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|\{#[\s\S]*?#\}/g;
/** Texts dense in template marks: braces, %, #, line breaks and a letter. */
const templ = fc.array(fc.constantFrom('{', '}', '%', '#', 'a', '\n', '{{', '}}', '{%', '%}'), { maxLength: 60 }).map((a) => a.join(''));

describe('template masking', () => {
  it('finds exactly the spans of the regex it replaces, whatever the text (property)', () => {
    fc.assert(
      fc.property(templ, (text) => {
        const expected = [...text.matchAll(SPAN)].map((m) => [m.index, m.index + m[0].length]);
        expect(templateSpans(text)).toEqual(expected);
        expect(hasTemplateSyntax(text)).toBe(/\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/.test(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps offsets and line breaks: expressions become the mask character, statements and comments spaces', () => {
    const text = '<p>{{ name }}</p>\n{% if x %}\n{# note\nmore #}<br>';
    const { masked, spans } = maskTemplate(text);
    expect(masked.length).toBe(text.length);
    expect(masked).toBe(`<p>${TEMPLATE_MASK.repeat(10)}</p>\n${' '.repeat(10)}\n${' '.repeat(7)}\n${' '.repeat(7)}<br>`);
    expect(spans).toEqual([[3, 13], [18, 28], [29, 44]]);
  });

  it('stays linear on thousands of marks that never close', () => {
    const text = `{{ a }}\n${'{{x{%y{#z'.repeat(50_000)}`;
    const started = performance.now();
    expect(templateSpans(text)).toEqual([[0, 7]]);
    // the regex took seconds here; a linear scan takes milliseconds (generous bound for a loaded machine)
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
