import { describe, expect, it } from 'vitest';
import { LineIndex } from '../../src/model/location.js';
import { parseDocument } from '../../src/parsers/index.js';
import type { DocumentKind } from '../../src/model/kinds.js';
import { treeOf, attr, type ATree } from '../../src/a11y/tree.js';
import { accessibleName } from '../../src/a11y/accname.js';
import { computedRole, hasBrowserSummary } from '../../src/a11y/semantics.js';
import { checkAutocomplete, checkLang, inputTypeHoldsField } from '../../src/a11y/values.js';
import { findMacroCalls, prop, provided } from '../../src/a11y/govuk.js';

async function tree(text: string, path: string, kind: DocumentKind): Promise<ATree> {
  const file = { path, absPath: path, kind, text, lines: new LineIndex(text), size: text.length };
  const { document } = await parseDocument(file);
  const t = treeOf(document, text, kind);
  if (!t) throw new Error('no tree');
  return t;
}

const byTag = (t: ATree, tag: string, n = 0) => t.all.filter((e) => e.tag === tag)[n];

describe('element model', () => {
  it('resolves JSX aliases, static expressions and spreads', async () => {
    const t = await tree('const x = <label htmlFor="a" className="c" tabIndex={0} aria-hidden><input id={id} {...rest} /></label>;', 'a.tsx', 'javascript');
    const label = byTag(t, 'label');
    expect(attr(label, 'for')).toMatchObject({ kind: 'static', value: 'a' });
    expect(attr(label, 'class')).toMatchObject({ kind: 'static', value: 'c' });
    expect(attr(label, 'tabindex')).toMatchObject({ kind: 'static', value: '0' });
    expect(attr(label, 'aria-hidden')).toMatchObject({ kind: 'static', value: 'true' });
    const input = byTag(t, 'input');
    expect(attr(input, 'id').kind).toBe('unknown');
    expect(attr(input, 'anything').kind).toBe('unknown'); // spread
  });

  it('treats Nunjucks output as unknown and framework bindings as dynamic', async () => {
    const n = await tree('<img src="x" alt="{{ alt }}"><img src="y">', 'a.njk', 'nunjucks');
    expect(attr(byTag(n, 'img'), 'alt').kind).toBe('unknown');
    expect(attr(byTag(n, 'img', 1), 'alt').kind).toBe('absent');
    const h = await tree('<img [alt]="x"><img :alt="y"><img alt="{{ z }}">', 'a.html', 'html');
    for (let i = 0; i < 3; i++) expect(attr(byTag(h, 'img', i), 'alt').kind).toBe('unknown');
  });

  it('evaluates JSX values written as constant expressions', async () => {
    const t = await tree(
      'const x = <div><img alt={false || undefined} /><h2 aria-level={-2} title={`a${1 + 1}`} data-x={cond ? "1" : "2"} />' +
        '<p hidden={!0} lang={true ? "cy" : "en"}>{false || null}{"a" + 1}</p><i aria-hidden={!"x"} /></div>;',
      'a.jsx',
      'javascript',
    );
    expect(attr(byTag(t, 'img'), 'alt').kind).toBe('absent');
    const h2 = byTag(t, 'h2');
    expect(attr(h2, 'aria-level')).toMatchObject({ kind: 'static', value: '-2' });
    expect(attr(h2, 'title')).toMatchObject({ kind: 'static', value: 'a2' });
    expect(attr(h2, 'data-x').kind).toBe('unknown');
    const p = byTag(t, 'p');
    expect(attr(p, 'hidden')).toMatchObject({ kind: 'static', value: '' });
    expect(attr(p, 'lang')).toMatchObject({ kind: 'static', value: 'cy' });
    expect(p.children.map((c) => (c.type === 'text' ? c.value : c.tag))).toEqual(['a1']);
    expect(attr(byTag(t, 'i'), 'aria-hidden')).toMatchObject({ kind: 'static', value: 'false' });
  });

  it('keeps JSX inside expressions as separate detached trees', async () => {
    const t = await tree('const x = <ul>{items.map((i) => <li key={i}>{i}</li>)}</ul>;', 'a.jsx', 'javascript');
    const li = byTag(t, 'li');
    expect(li.parent).toBeNull();
    expect(li.detached).toBe(true);
  });
});

describe('details summary', () => {
  it('knows when the browser supplies a <details> element\'s focusable summary', async () => {
    const h = await tree('<details><p>a</p></details><details><summary>s</summary></details><details><div><summary>s</summary></div></details>', 'a.html', 'html');
    expect(hasBrowserSummary(byTag(h, 'details'))).toBe(true);
    expect(hasBrowserSummary(byTag(h, 'details', 1))).toBe(false);
    expect(hasBrowserSummary(byTag(h, 'details', 2))).toBe(true);
    const n = await tree('<details>{{ caller() }}</details><details>{% if t %}<summary>{{ t }}</summary>{% endif %}</details>', 'a.njk', 'nunjucks');
    expect(hasBrowserSummary(byTag(n, 'details'))).toBeNull();
    expect(hasBrowserSummary(byTag(n, 'details', 1))).toBe(false);
    const j = await tree('const x = <details>{children}</details>;', 'a.jsx', 'javascript');
    expect(hasBrowserSummary(byTag(j, 'details'))).toBeNull();
  });
});

describe('accessible name', () => {
  it('follows accname 1.2 order on static HTML', async () => {
    const t = await tree(
      '<!DOCTYPE html><html lang="en"><head><title>x</title></head><body>' +
        '<span id="l" hidden>Hidden label</span><button aria-labelledby="l" aria-label="ignored">text</button>' +
        '<a href="/"><img src="a.png" alt="Logo"> home</a>' +
        '<label for="f">Email</label><input id="f">' +
        '<input placeholder="Search">' +
        '<input type="image" src="x">' +
        '<h1><img src="a.png" alt="x" role="presentation"></h1>' +
        '</body></html>',
      'a.html',
      'html',
    );
    expect(accessibleName(byTag(t, 'button'), t)).toBe('Hidden label');
    expect(accessibleName(byTag(t, 'a'), t)).toBe('Logo home');
    expect(accessibleName(byTag(t, 'input'), t)).toBe('Email');
    expect(accessibleName(byTag(t, 'input', 1), t)).toBe('Search');
    expect(accessibleName(byTag(t, 'input', 2), t)).toBe('');
    expect(accessibleName(byTag(t, 'h1'), t)).toBe('');
  });

  it('names an element whose aria-labelledby refers to itself from its own aria-label or content', async () => {
    const t = await tree('<div role="dialog" id="d1" aria-labelledby="d1"><h2>Confirm your answers</h2></div><button id="b1" aria-labelledby="b1 x">Save</button><span id="x">draft</span><div role="dialog" id="d2" aria-labelledby="d2" aria-label="Delete permit"><p>Body</p></div>', 'a.html', 'html');
    expect(accessibleName(byTag(t, 'div'), t)).toBe('Confirm your answers');
    expect(accessibleName(byTag(t, 'button'), t)).toBe('Save draft');
    expect(accessibleName(byTag(t, 'div', 1), t)).toBe('Delete permit');
  });

  it('is unknown when any part is dynamic', async () => {
    const t = await tree('const x = <div><button>{label}</button><button><Icon /></button><a href="/" aria-labelledby="elsewhere" /></div>;', 'a.tsx', 'javascript');
    expect(accessibleName(byTag(t, 'button'), t)).toBeNull();
    expect(accessibleName(byTag(t, 'button', 1), t)).toBeNull();
    expect(accessibleName(byTag(t, 'a'), t)).toBeNull();
  });

  it('applies presentational role conflict resolution', async () => {
    const t = await tree('<button role="none"></button><img role="none" src="x"><img role="none" tabindex="0" src="x">', 'a.html', 'html');
    expect(computedRole(byTag(t, 'button'))).toBe('button');
    expect(computedRole(byTag(t, 'img'))).toBe('none');
    expect(computedRole(byTag(t, 'img', 1))).toBe('img');
  });

  it('maps <aside> by its scope (HTML-AAM): complementary at body or main level, inside sectioning content only when named', async () => {
    const t = await tree('<aside>a</aside><main><aside>b</aside><section><aside>c</aside><aside aria-label="Related">d</aside><aside title="">e</aside></section></main><article><aside aria-labelledby="x">f</aside></article>', 'a.html', 'html');
    expect([0, 1, 2, 3, 4, 5].map((i) => computedRole(byTag(t, 'aside', i)))).toEqual(['complementary', 'complementary', 'generic', 'complementary', 'generic', 'complementary']);
    const j = await tree('const x = <section><aside aria-label={label}>a</aside></section>;', 'a.tsx', 'javascript');
    expect(computedRole(byTag(j, 'aside'))).toBeNull();
  });
});

describe('value grammars', () => {
  it('checks BCP 47 primary subtags', () => {
    for (const ok of ['en', 'en-GB', 'FR', 'gd', 'cy', 'sco', 'en-US-GB', 'zh-Hant-TW']) expect(checkLang(ok).valid, ok).toBe(true);
    for (const bad of ['eng', 'english', 'en_GB', 'i-lux', '#1', 'em-US', '  ', 'x-klingon']) expect(checkLang(bad).valid, bad).toBe(false);
    expect(checkLang('en_GB')).toMatchObject({ suggestion: 'en-GB' });
  });

  it('checks autocomplete tokens', () => {
    for (const ok of ['email', 'work email', 'section-a shipping work email', 'current-password webauthn', 'off', 'Street-Address']) expect(checkAutocomplete(ok).valid, ok).toBe(true);
    for (const bad of ['badname', 'work photo', 'work shipping email', 'shipping', 'address-line1 address-line2', 'email invalid', 'work']) expect(checkAutocomplete(bad).valid, bad).toBe(false);
  });

  it('knows which input types can hold each autofill field (HTML control groups)', () => {
    expect(checkAutocomplete('section-a shipping work email')).toEqual({ valid: true, field: 'email' });
    expect(checkAutocomplete('off')).toEqual({ valid: true });
    const holds: [string | undefined, string][] = [[undefined, 'email'], ['EMAIL', 'email'], ['email', 'username'], ['text', 'street-address'], ['password', 'cc-csc'], ['tel', 'cc-number'], ['month', 'cc-exp'], ['number', 'one-time-code'], ['tel', 'tel-national'], ['date', 'bday'], ['tel', 'postal-code'], ['url ', 'url'], ['bogus', 'email'], ['search', 'name']];
    for (const [type, field] of holds) expect(inputTypeHoldsField(type, field), `${type} ${field}`).toBe(true);
    const cannot: [string, string][] = [['number', 'email'], ['month', 'bday-month'], ['email', 'given-name'], ['number', 'postal-code'], ['email', 'tel'], ['month', 'bday'], ['password', 'username'], ['date', 'cc-exp'], ['color', 'name'], ['url', 'email']];
    for (const [type, field] of cannot) expect(inputTypeHoldsField(type, field), `${type} ${field}`).toBe(false);
  });
});

describe('GOV.UK macro calls', () => {
  it('parses literal arguments, Jinja literals and Nunjucks concatenation', () => {
    const text = `{{ govukInput({ label: { text: "Name" }, hint: { text: "a" ~ b } }) }}\n{{ govukButton({ 'preventDoubleClick': True }) }}\n{{ govukRadios(params) }}\n{% macro govukInput(params) %}{% endmacro %}`;
    const calls = findMacroCalls(text, ['govukInput', 'govukButton', 'govukRadios']);
    expect(calls.map((c) => c.name)).toEqual(['govukInput', 'govukButton', 'govukRadios']);
    expect(provided(prop(prop(calls[0].arg, 'label'), 'text'))).toBe(true);
    expect(provided(prop(calls[1].arg, 'text'))).toBe(false);
    expect(calls[2].arg.kind).toBe('unknown');
  });
});
