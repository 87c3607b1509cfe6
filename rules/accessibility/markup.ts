/** Markup a browser silently repairs: what the source says is not what the page exposes. */
import { a11yRule, MARKUP_KINDS } from '../../src/a11y/rule-kit.js';
import { TEMPLATE_MASK } from '../../src/parsers/template.js';
import type { AElement } from '../../src/a11y/tree.js';

export interface RawAttr {
  /** Lower-cased, as the HTML tokenizer compares names. */
  name: string;
  /** The value as written (quotes removed), or null when the attribute has no value. */
  value: string | null;
  start: number;
  end: number;
}

/**
 * The attributes of a start tag as written, duplicates included (the HTML tokenizer drops every
 * repeat of a name, so no parsed tree has them). `tag` is the source of `<name ...>`.
 */
export function rawAttributes(tag: string, base = 0): RawAttr[] {
  const out: RawAttr[] = [];
  const m = /^<[^\s/>]+/.exec(tag);
  if (!m) return out;
  let i = m[0].length;
  const n = tag.length;
  const ws = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
  while (i < n) {
    const c = tag[i];
    if (ws(c) || c === '/') {
      i++;
      continue;
    }
    if (c === '>') break;
    const start = i;
    i++; // a first "=" belongs to the name
    while (i < n && !ws(tag[i]) && tag[i] !== '/' && tag[i] !== '>' && tag[i] !== '=') i++;
    const name = tag.slice(start, i).toLowerCase();
    let j = i;
    while (j < n && ws(tag[j])) j++;
    let value: string | null = null;
    if (tag[j] === '=') {
      j++;
      while (j < n && ws(tag[j])) j++;
      const q = tag[j];
      if (q === '"' || q === "'") {
        const close = tag.indexOf(q, j + 1);
        const end = close < 0 ? n : close;
        value = tag.slice(j + 1, end);
        j = close < 0 ? n : close + 1;
      } else {
        const s = j;
        while (j < n && !ws(tag[j]) && tag[j] !== '>') j++;
        value = tag.slice(s, j);
      }
      i = j;
    }
    out.push({ name, value, start: base + start, end: base + i });
  }
  return out;
}

/** Template syntax inside a start tag (Nunjucks/Jinja, Handlebars, ERB, JS templates): branches may repeat an attribute. */
const TEMPLATE_SYNTAX = /\{[{%#]|<%|\$\{/;

/** Attributes whose lost value changes what assistive technology is told. */
const A11Y_ATTRS = /^(aria-[a-z]+|role|alt|title|lang|xml:lang|id|for|headers|tabindex|type|href|disabled|hidden|inert|label|scope|autocomplete|placeholder|value|name)$/;

const shown = (a: RawAttr) => (a.value === null ? a.name : `${a.name}="${a.value.length > 40 ? `${a.value.slice(0, 37)}…` : a.value}"`);

export const duplicateAttribute = a11yRule(
  {
    id: 'accessibility/duplicate-attribute',
    title: 'Attribute given twice on one element',
    description:
      'When an element has the same attribute twice, the HTML parser keeps the first and silently drops every repeat, so a later `alt`, `aria-label` or `role` — often the one the author meant — never reaches the page or assistive technology. Browser tools and DOM-based checkers cannot see this, because the repeat is gone once the page is parsed; only the source shows it. WCAG 2.0/2.1 covered it under 4.1.1 Parsing, which WCAG 2.2 removed as obsolete; the effect it has on names, roles and states is a 4.1.2 matter. Start tags that contain template syntax (Nunjucks, Handlebars, ERB) are not judged, since conditional branches can legitimately repeat an attribute.',
    severity: 'medium',
    kinds: MARKUP_KINDS,
    messages: {
      duplicate: '`{{name}}` is given {{count}} times on `<{{tag}}>`; browsers keep the first ({{kept}}) and drop {{dropped}}. Keep the one you mean and delete the rest.',
    },
    remediation: 'Remove the repeated attribute, keeping the value you intend (the first one is the one browsers use).',
    references: ['https://html.spec.whatwg.org/multipage/parsing.html#parse-error-duplicate-attribute', 'https://www.w3.org/WAI/WCAG21/Understanding/parsing.html'],
    wcag: ['4.1.2'],
    act: ['e6952f'],
    equivalents: {},
  },
  (tree, r) => {
    if (tree.source === 'jsx') return;
    for (const el of tree.all as AElement[]) {
      if (el.start < 0 || el.tagEnd <= el.start) continue;
      const src = tree.text.slice(el.start, el.tagEnd);
      if (!src.startsWith('<') || src.includes(TEMPLATE_MASK) || TEMPLATE_SYNTAX.test(src)) continue;
      const byName = new Map<string, RawAttr[]>();
      for (const a of rawAttributes(src, el.start)) byName.set(a.name, [...(byName.get(a.name) ?? []), a]);
      for (const [name, list] of byName) {
        if (list.length < 2) continue;
        const dropped = list.slice(1);
        r.atOffsets(
          dropped[0].start,
          dropped[0].end,
          'duplicate',
          { name, count: list.length, tag: el.tag, kept: `\`${shown(list[0])}\``, dropped: dropped.map((a) => `\`${shown(a)}\``).join(', ') },
          A11Y_ATTRS.test(name) ? undefined : 'low',
        );
      }
    }
  },
);

export const MARKUP_RULES = [duplicateAttribute];
