import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dialectSpans, embeddedSpans, hasBranchBoundary, hasTemplateSyntax, maskDialect, mayAddMarkup, spanRole, TEMPLATE_MASK, templateSpans, wrapRegions } from '../../src/parsers/template.js';
import { parseHtmlFile, parseTemplate } from '../../src/parsers/html.js';

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
    const { masked, spans } = maskDialect(text, 'jinja');
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

describe('ERB and EJS masking', () => {
  const M = TEMPLATE_MASK;
  it('masks output as unknown and code and comments as blanks, keeping offsets and line breaks', () => {
    const text = '<p><%= @user.name %></p>\n<% if x %>\n<%# note\nmore %><br>';
    const { masked, spans } = maskDialect(text, 'erb');
    expect(masked.length).toBe(text.length);
    expect(masked).toBe(`<p>${M.repeat(17)}</p>\n${' '.repeat(10)}\n${' '.repeat(8)}\n${' '.repeat(7)}<br>`);
    expect(spans).toEqual([[3, 20], [25, 35], [36, 52]]);
  });

  it('reads the trimming marks: ERB <%- is code, EJS <%- is unescaped output; -%> and _%> end a span', () => {
    const erb = '<%- if a -%><b><%== raw -%></b>';
    expect(maskDialect(erb, 'erb').masked).toBe(`${' '.repeat(12)}<b>${M.repeat(12)}</b>`);
    const ejs = '<%_ if (a) { _%><%- include("x") -%><i><%= y %></i><% } %>';
    expect(maskDialect(ejs, 'ejs').masked).toBe(`${' '.repeat(16)}${M.repeat(20)}<i>${M.repeat(8)}</i>${' '.repeat(7)}`);
    expect(spanRole(ejs, 16, 'ejs')).toBe('output');
    expect(spanRole('<%- x %>', 0, 'erb')).toBe('code');
    expect(spanRole('<%# x %>', 0, 'ejs')).toBe('comment');
  });

  it('leaves the <%% literal as written (it renders as "<%")', () => {
    const text = '<p>Write <%%= name %> in the view</p><%= x %>';
    expect(embeddedSpans(text)).toEqual([[37, 45]]);
    const { masked } = maskDialect(text, 'erb');
    expect(masked.slice(0, 37)).toBe(text.slice(0, 37));
    expect(masked.slice(37)).toBe(M.repeat(8));
  });

  it('ends a span at the first %>, even inside a Ruby string, without failing', () => {
    const text = '<%= link_to "50%>", path %><a href="/">x</a>';
    expect(embeddedSpans(text)).toEqual([[0, 17]]);
    const doc = parseTemplate(text, 'erb');
    expect(doc.templateSpans).toEqual([[0, 17]]);
    expect(doc.templateDialect).toBe('erb');
    // an unclosed span is left as text
    expect(embeddedSpans('<p><%= oops</p>')).toEqual([]);
    expect(() => parseTemplate('<%= a %><% <%# %>%>%><%%<%', 'ejs')).not.toThrow();
  });

  it('finds the spans of a text dense in marks, each closed by the first %> (property)', () => {
    const marks = fc.array(fc.constantFrom('<', '%', '>', '=', '#', '-', 'a', '\n', '<%', '%>', '<%%', '<%='), { maxLength: 60 }).map((a) => a.join(''));
    fc.assert(
      fc.property(marks, (text) => {
        const spans = embeddedSpans(text);
        let from = 0;
        for (const [s, e] of spans) {
          expect(s).toBeGreaterThanOrEqual(from);
          expect(text.slice(s, s + 2)).toBe('<%');
          expect(text[s + 2]).not.toBe('%');
          expect(text.slice(e - 2, e)).toBe('%>');
          expect(text.indexOf('%>', s + 2)).toBe(e - 2);
          from = e;
        }
        for (const d of ['erb', 'ejs'] as const) expect(maskDialect(text, d).masked.length).toBe(text.length);
      }),
      { numRuns: 1000 },
    );
  });

  it('tells branch boundaries and output that may add page parts, per dialect', () => {
    expect(hasBranchBoundary('<% if @a %><p id="x"></p><% else %>', 'erb')).toBe(true);
    expect(hasBranchBoundary('<% @items.each do |i| %>', 'erb')).toBe(true);
    expect(hasBranchBoundary('<%= t(".x") %>', 'erb')).toBe(false);
    expect(hasBranchBoundary('<% } else { %>', 'ejs')).toBe(true);
    expect(hasBranchBoundary('<%= a %><%# } %>', 'ejs')).toBe(false);
    expect(hasBranchBoundary('{% if a %}', 'jinja')).toBe(true);
    expect(mayAddMarkup('<head><%= render "head" %></head>', 'erb')).toBe(true);
    expect(mayAddMarkup('<head><% x = 1 %></head>', 'erb')).toBe(false);
    expect(mayAddMarkup('<%- include("head") %>', 'ejs')).toBe(true);
  });
});

describe('template blocks that wrap their markup', () => {
  const regions = (text: string, d: 'jinja' | 'erb') => wrapRegions(text, dialectSpans(text, d), d).map(([a, b]) => text.slice(a, b));
  it('ERB: a helper block that outputs, or content_for, but not a loop or a conditional', () => {
    const text = '<%= tag.ul do %><li>a</li><% if x %><b></b><% end %><% end %><% @a.each do |i| %><i></i><% end %><% content_for :head do %><meta><% end %>';
    expect(regions(text, 'erb')).toEqual(['<li>a</li><% if x %><b></b><% end %>', '<meta>']);
  });
  it('Jinja: macro and call bodies', () => {
    expect(regions('{% macro m() %}<li></li>{% endmacro %}{% if a %}<p></p>{% endif %}{% call c() %}<li></li>{% endcall %}', 'jinja')).toEqual(['<li></li>', '<li></li>']);
  });
});

describe('.html files holding EJS', () => {
  it('masks <% %> as EJS when there is no {{ }}/{% %} syntax, and leaves plain HTML alone', () => {
    expect(parseHtmlFile('<html <%- lang %>><p><%= x %></p></html>').templateDialect).toBe('ejs');
    expect(parseHtmlFile('<p>{{ x }} <%= y %></p>').templateDialect).toBe('jinja');
    expect(parseHtmlFile('<p>50% off, <b>today</b></p>').templateDialect).toBeUndefined();
  });
});
