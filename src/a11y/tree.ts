/**
 * One small element model for HTML, Nunjucks and JSX, so accessibility rules are written once.
 *
 * Values are three-state: an attribute is absent, has a static string value, or is "unknown"
 * (template output, a JSX expression, a framework binding, or possibly supplied by a `{...spread}`).
 * Rules report only what is certain; anything unknown is "cannot tell".
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { HtmlDocument, ParsedDocument, ScriptDocument } from '../model/document.js';
import { spanRole, statementInsertsContent, TEMPLATE_MASK, wrapRegions, type TemplateDialect } from '../parsers/template.js';

/** `template`: a server-side template (Nunjucks/Jinja family, ERB, EJS) read as the HTML it produces. */
export type Source = 'html' | 'template' | 'jsx';

export interface AAttr {
  /** Normalised HTML attribute name (lower case; JSX aliases resolved: className → class, htmlFor → for). */
  name: string;
  /** Static value, or null when the value is not known statically. */
  value: string | null;
  start: number;
  end: number;
}

export interface AText {
  type: 'text';
  value: string;
  /** True for template output / JSX expressions / component content: the text is not known. */
  dynamic: boolean;
  start: number;
  end: number;
  parent: AElement | null;
}

export interface AElement {
  type: 'element';
  /** HTML: lower-case tag name (SVG keeps its case); JSX: the name as written. */
  tag: string;
  /** False for JSX components (capitalised or member expressions): their output is unknown. */
  intrinsic: boolean;
  ns: 'html' | 'svg' | 'math';
  attrs: Map<string, AAttr>;
  /** Attributes may come from elsewhere (`{...props}`, `{{ attributes }}`): a missing attribute is unknown. */
  spread: boolean;
  children: ANode[];
  parent: AElement | null;
  /** Offsets of the whole element and of its start tag. */
  start: number;
  end: number;
  tagEnd: number;
  /** A root whose surrounding context is unknown (JSX returned from a component, expression branches). */
  detached: boolean;
  /**
   * Templates: at the top of a block passed to code that may wrap it in markup of its own or render it
   * elsewhere (a Jinja macro or `{% call %}` body, an ERB `<%= helper do %>` block): its real parent is unknown.
   */
  wrapped?: boolean;
  /** Inside <template> content (inert). */
  inert: boolean;
  /** Its class list certainly holds a design system's display:none utility (see DISPLAY_NONE_CLASS). */
  displayNone?: boolean;
}

export type ANode = AElement | AText;

export interface ATree {
  source: Source;
  /** For templates: their language, which says what their code spans can do. */
  dialect?: TemplateDialect;
  /** Whole page (HTML/Nunjucks); JSX is never a whole page. */
  fullPage: boolean;
  /**
   * True when every id and label in the page is in this file and static: a reference that finds
   * nothing really is broken. False for JSX, fragments with template output and pages with dynamic ids.
   */
  complete: boolean;
  roots: AElement[];
  /** Every element, in document order. */
  all: AElement[];
  byId: Map<string, AElement[]>;
  text: string;
}

export type AttrState = { kind: 'absent' } | { kind: 'unknown'; attr?: AAttr } | { kind: 'static'; value: string; attr: AAttr };

const ABSENT: AttrState = { kind: 'absent' };
const UNKNOWN: AttrState = { kind: 'unknown' };

/** The state of an attribute: absent, unknown (dynamic, or possibly from a spread), or its static value. */
export function attr(el: AElement, name: string): AttrState {
  const a = el.attrs.get(name);
  if (!a) return el.spread ? UNKNOWN : ABSENT;
  if (a.value === null) return { kind: 'unknown', attr: a };
  return { kind: 'static', value: a.value, attr: a };
}

/** The static value of an attribute, or undefined when absent or unknown. */
export function attrValue(el: AElement, name: string): string | undefined {
  const s = attr(el, name);
  return s.kind === 'static' ? s.value : undefined;
}

export function hasAttr(el: AElement, name: string): boolean {
  return el.attrs.has(name);
}

export function elementChildren(el: AElement): AElement[] {
  return el.children.filter((c): c is AElement => c.type === 'element');
}

export function* descendants(el: AElement): Generator<AElement> {
  for (const c of el.children) {
    if (c.type !== 'element') continue;
    yield c;
    yield* descendants(c);
  }
}

export function ancestors(el: AElement): AElement[] {
  const out: AElement[] = [];
  for (let p = el.parent; p; p = p.parent) out.push(p);
  return out;
}

/** True when the element's own children include anything whose content is unknown. */
export function hasDynamicContent(el: AElement): boolean {
  for (const c of el.children) {
    if (c.type === 'text' ? c.dynamic : !c.intrinsic || hasDynamicContent(c)) return true;
  }
  return false;
}

/** Text of an element's subtree (static parts only), and whether any part was unknown. */
export function textContent(el: AElement): { text: string; dynamic: boolean } {
  let text = '';
  let dynamic = false;
  const rec = (e: AElement) => {
    if (!e.intrinsic) dynamic = true;
    for (const c of e.children) {
      if (c.type === 'text') {
        if (c.dynamic) dynamic = true;
        else text += c.value;
      } else rec(c);
    }
  };
  rec(el);
  return { text, dynamic };
}

/**
 * Utility classes that GOV.UK-family design systems document as `display: none !important` at every
 * width: GOV.UK Frontend's `govuk-!-display-none`, NHS.UK's `nhsuk-u-display-none`, ONS's `ons-u-d-no`
 * and `ons-u-hidden`. Breakpoint and print variants (`nhsuk-u-display-none-from-tablet`,
 * `ons-u-d-no@m`, `govuk-!-display-none-print`) hide only sometimes and are not included.
 */
const DISPLAY_NONE_CLASS = /(?:^|[\s])(?:govuk-!-display-none|nhsuk-u-display-none|ons-u-d-no|ons-u-hidden)(?=[\s]|$)/;

/** Whether a class attribute's value (template output masked) certainly lists a display:none utility. */
export function hasDisplayNoneClass(value: string): boolean {
  return DISPLAY_NONE_CLASS.test(value);
}

// ---------------------------------------------------------------- HTML / Nunjucks

/** Framework binding attribute names in HTML templates (Angular, Vue, Alpine, Svelte-ish): `[attr.alt]`, `:alt`, `v-bind:alt`. */
function bindingTarget(name: string): string | undefined {
  let m = /^\[(?:attr\.)?([a-z][\w:.-]*)\]$/i.exec(name);
  if (m) return m[1].toLowerCase();
  m = /^(?:v-bind:|:|x-bind:|bind:)([a-z][\w-]*)(?:\.\w+)*$/i.exec(name);
  if (m) return m[1].toLowerCase();
  return undefined;
}

/** Attributes that replace an element's content (Angular `[innerHTML]`, Vue `v-html`/`v-text`). */
const CONTENT_BINDINGS = /^(\[(innerhtml|innertext|textcontent)\]|v-html|v-text|x-html|x-text|\[innerHTML\])$/i;

const DYNAMIC_VALUE = /\{\{|\$\{|\{%/;

interface P5Node {
  nodeName: string;
  tagName?: string;
  namespaceURI?: string;
  value?: string;
  attrs?: { name: string; value: string; prefix?: string }[];
  childNodes?: P5Node[];
  content?: { childNodes?: P5Node[] };
  sourceCodeLocation?: {
    startOffset: number;
    endOffset: number;
    startTag?: { startOffset: number; endOffset: number };
    endTag?: { startOffset: number; endOffset: number } | null;
    attrs?: Record<string, { startOffset: number; endOffset: number }>;
  } | null;
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/** Whether an `else`/`elif` branch follows a start tag before any other markup. */
function startsAlternative(text: string, from: number, dialect: TemplateDialect): boolean {
  const next = text.indexOf('<', from);
  const gap = text.slice(from, next < 0 ? Math.min(text.length, from + 400) : Math.min(next + 12, from + 400));
  return dialect === 'jinja' ? /\{%-?\s*(else|elif|elseif|elsif)\b/.test(gap) : dialect === 'erb' ? /<%-?\s*(else|elsif)\b/.test(gap) : /<%_?\s*\}\s*else\b/.test(gap);
}

function nsOf(uri: string | undefined): AElement['ns'] {
  if (uri === 'http://www.w3.org/2000/svg') return 'svg';
  if (uri === 'http://www.w3.org/1998/Math/MathML') return 'math';
  return 'html';
}

export function buildHtmlTree(doc: HtmlDocument, text: string, templated: boolean): ATree {
  const dialect: TemplateDialect | undefined = templated ? doc.templateDialect ?? 'jinja' : undefined;
  const all: AElement[] = [];
  const roots: AElement[] = [];
  let dynamicIds = false;
  const fileHasOutput = text.includes(TEMPLATE_MASK) || (templated && doc.templateSpans.length > 0);
  // Statements that may insert content (`{% block %}`, `{% include %}`, `{% call %}`, Django/Jinja
  // `{% trans "Save" %}`, `{% url … %}`, `{% csrf_token %}`, custom tags): text around them, an attribute
  // value holding one, or a start tag holding one outside its values is unknown.
  // ERB/EJS code (`<% if %>`) outputs nothing; their output spans are masked.
  const contentSpans = dialect ? doc.templateSpans.filter(([s]) => spanRole(text, s, dialect) === 'code' && statementInsertsContent(text, s, dialect)) : [];
  const wraps = dialect ? wrapRegions(text, doc.templateSpans, dialect) : [];
  // the innermost wrap region holding an offset: regions nest or are disjoint, and elements mostly come in
  // source order, so a stack of the open regions answers each in amortised constant time
  const open: [number, number][] = [];
  let nextWrap = 0;
  let lastAt = -1;
  const innermostWrap = (at: number): [number, number] | undefined => {
    if (at < lastAt) return wraps.filter(([rs, re]) => rs <= at && at < re).pop(); // foster-parented: out of order
    lastAt = at;
    while (nextWrap < wraps.length && wraps[nextWrap][0] <= at) open.push(wraps[nextWrap++]);
    while (open.length > 0 && open[open.length - 1][1] <= at) open.pop();
    // a region that ended below one still open is closed too
    for (let i = open.length - 1; i >= 0; i--) if (open[i][1] <= at) open.splice(i, 1);
    return open[open.length - 1];
  };
  const overlapsContent = (a: number, b: number): boolean => {
    let lo = 0;
    let hi = contentSpans.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const [s, e] = contentSpans[mid];
      if (e <= a) lo = mid + 1;
      else if (s >= b) hi = mid - 1;
      else return true;
    }
    return false;
  };

  const build = (n: P5Node, parent: AElement | null, inert: boolean): ANode | null => {
    const loc = n.sourceCodeLocation;
    if (n.nodeName === '#text') {
      const value = n.value ?? '';
      if (!loc) return null;
      const dynamic = value.includes(TEMPLATE_MASK) || (!templated && /\{\{[\s\S]*?\}\}/.test(value)) || (contentSpans.length > 0 && overlapsContent(loc.startOffset, loc.endOffset));
      return { type: 'text', value, dynamic, start: loc.startOffset, end: loc.endOffset, parent };
    }
    if (!n.tagName) return null;
    // Elements parse5 implied (html/head/body without tags) have no location: keep them, spanning their children.
    const start = loc?.startOffset ?? -1;
    const el: AElement = {
      type: 'element',
      tag: n.tagName,
      intrinsic: true,
      ns: nsOf(n.namespaceURI),
      attrs: new Map(),
      spread: false,
      children: [],
      parent,
      start,
      end: loc?.endOffset ?? -1,
      tagEnd: loc?.startTag?.endOffset ?? loc?.endOffset ?? -1,
      detached: false,
      inert,
    };
    if (wraps.length > 0 && start >= 0) {
      const region = innermostWrap(start);
      if (region && (!parent || parent.start < region[0])) el.wrapped = true;
    }
    let contentBound = false;
    const inTag = loc && contentSpans.length > 0 && overlapsContent(el.start, el.tagEnd);
    const valueSpans: [number, number][] = [];
    for (const a of n.attrs ?? []) {
      const raw = a.prefix ? `${a.prefix}:${a.name}` : a.name;
      const aloc = loc?.attrs?.[raw] ?? loc?.attrs?.[a.name];
      const s = aloc?.startOffset ?? el.start;
      const e = aloc?.endOffset ?? el.tagEnd;
      if (raw.includes(TEMPLATE_MASK)) {
        el.spread = true; // `{{ attributes }}` inside a tag can add anything
        continue;
      }
      if (CONTENT_BINDINGS.test(raw)) contentBound = true;
      const bound = bindingTarget(raw);
      if (bound) {
        el.attrs.set(bound, { name: bound, value: null, start: s, end: e });
        continue;
      }
      if (/^(v-bind|x-bind)$/.test(raw) || raw === '{...attrs}' || raw === '[attr]') el.spread = true;
      const name = raw.toLowerCase();
      if (el.attrs.has(name) && el.attrs.get(name)!.value === null) continue; // a binding wins over a static fallback
      if (inTag && aloc) valueSpans.push([s, e]);
      // a display:none utility class, unless a `{% if %}` inside the value may leave it out
      if (name === 'class' && hasDisplayNoneClass(a.value) && !(aloc && doc.templateSpans.some(([ts, te]) => ts < e && te > s && dialect !== undefined && spanRole(text, ts, dialect) === 'code'))) el.displayNone = true;
      const dynamic =
        a.value.includes(TEMPLATE_MASK) || (templated ? /\$\{/ : DYNAMIC_VALUE).test(a.value) || (inTag && aloc !== undefined && overlapsContent(s, e));
      el.attrs.set(name, { name, value: dynamic ? null : a.value, start: s, end: e });
    }
    // an output statement between the attributes (`<input {% include "attrs.html" %}>`) can add any attribute
    if (inTag && contentSpans.some(([cs, ce]) => cs < el.tagEnd && ce > el.start && !valueSpans.some(([vs, ve]) => cs >= vs && ce <= ve))) el.spread = true;
    const idAttr = el.attrs.get('id');
    if (idAttr && idAttr.value === null) dynamicIds = true;
    all.push(el);
    const kids = [...(n.childNodes ?? [])];
    const tpl = n.tagName === 'template' ? n.content?.childNodes ?? [] : [];
    for (const c of kids) {
      const b = build(c, el, inert);
      if (b) el.children.push(b);
    }
    for (const c of tpl) {
      const b = build(c, el, true);
      if (b) el.children.push(b);
    }
    // `{% if %}<a href="x">{% else %}<a href="y">{{ name }}{% endif %}…</a>`: the parser closes the first start
    // tag at the second, but the template renders one of them, with the content that follows: unknown
    if (dialect && loc && !loc.endTag && !VOID.has(el.tag) && startsAlternative(text, el.tagEnd, dialect)) contentBound = true;
    if (contentBound) el.children.push({ type: 'text', value: '', dynamic: true, start: el.tagEnd, end: el.tagEnd, parent: el });
    if (el.start < 0) {
      const first = el.children[0];
      const last = el.children[el.children.length - 1];
      el.start = first ? first.start : 0;
      el.end = last ? last.end : el.start;
      el.tagEnd = el.start;
    }
    return el;
  };

  for (const c of (doc.root as unknown as P5Node).childNodes ?? []) {
    const b = build(c, null, false);
    if (b && b.type === 'element') {
      b.detached = !doc.fullPage;
      roots.push(b);
    }
  }
  const tree: ATree = dialect
    ? { source: 'template', dialect, fullPage: doc.fullPage, complete: false, roots, all, byId: indexIds(all), text }
    : { source: 'html', fullPage: doc.fullPage, complete: false, roots, all, byId: indexIds(all), text };
  // Jinja-family layouts that extend another template are not pages on their own.
  if (dialect === 'jinja' && /\{%-?\s*extends\s/.test(text)) tree.fullPage = false;
  tree.complete = tree.fullPage && !dynamicIds && !fileHasOutput && !/\{\{[\s\S]*?\}\}/.test(templated ? '' : text);
  return tree;
}

function indexIds(all: AElement[]): Map<string, AElement[]> {
  const byId = new Map<string, AElement[]>();
  for (const el of all) {
    const id = el.attrs.get('id')?.value;
    if (id === undefined || id === null || id === '') continue;
    const list = byId.get(id);
    if (list) list.push(el);
    else byId.set(id, [el]);
  }
  return byId;
}

// ---------------------------------------------------------------- JSX

const JSX_ALIASES: Record<string, string> = {
  className: 'class',
  htmlFor: 'for',
  httpEquiv: 'http-equiv',
  acceptCharset: 'accept-charset',
  xmlLang: 'xml:lang',
  xlinkTitle: 'xlink:title',
};

/**
 * What React renders for `attr` / `attr={true}` on a DOM element: boolean attributes are present (""),
 * booleanish ones get "true", aria-/data- attributes are stringified, and any other attribute is left
 * out (React drops `true` for non-boolean attributes: `<img alt />` has no alt). Custom elements keep "".
 */
const REACT_BOOLEAN = new Set(['allowfullscreen', 'async', 'autofocus', 'autoplay', 'capture', 'checked', 'controls', 'default', 'defer', 'disabled', 'disablepictureinpicture', 'disableremoteplayback', 'download', 'formnovalidate', 'hidden', 'inert', 'itemscope', 'loop', 'multiple', 'muted', 'nomodule', 'novalidate', 'open', 'playsinline', 'readonly', 'required', 'reversed', 'scoped', 'seamless', 'selected']);
const REACT_BOOLEANISH = new Set(['contenteditable', 'draggable', 'spellcheck']);
function reactTrueValue(attrName: string, tag: string, intrinsic: boolean): string | undefined {
  if (/^(aria|data)-/.test(attrName) || REACT_BOOLEANISH.has(attrName)) return 'true';
  if (!intrinsic || tag.includes('-') || REACT_BOOLEAN.has(attrName)) return '';
  return undefined;
}

function jsxAttrName(n: TSESTree.JSXAttribute['name']): string {
  if (n.type === 'JSXNamespacedName') return `${n.namespace.name}:${n.name.name}`.toLowerCase();
  const raw = n.name;
  if (JSX_ALIASES[raw]) return JSX_ALIASES[raw];
  if (/^(aria|data)-/.test(raw)) return raw.toLowerCase();
  return raw.toLowerCase();
}

function jsxName(n: TSESTree.JSXTagNameExpression): { name: string; intrinsic: boolean } {
  if (n.type === 'JSXIdentifier') return { name: n.name, intrinsic: /^[a-z]/.test(n.name) };
  if (n.type === 'JSXNamespacedName') return { name: `${n.namespace.name}:${n.name.name}`, intrinsic: true };
  const parts: string[] = [];
  let cur: TSESTree.JSXTagNameExpression = n;
  while (cur.type === 'JSXMemberExpression') {
    parts.unshift(cur.property.name);
    cur = cur.object;
  }
  if (cur.type === 'JSXIdentifier') parts.unshift(cur.name);
  return { name: parts.join('.'), intrinsic: false };
}

const SVG_TAGS = new Set(['svg', 'circle', 'path', 'rect', 'g', 'title', 'desc', 'text', 'use', 'line', 'polygon', 'polyline', 'ellipse', 'defs', 'symbol', 'tspan', 'image', 'mask', 'clipPath', 'linearGradient', 'radialGradient', 'stop', 'foreignObject']);

type Const = string | number | boolean | null | undefined;

/**
 * The value of an expression made only of literals, as JavaScript evaluates it: literals, `undefined`,
 * template literals, `!`/`-`/`+`/`void`, `||`/`&&`/`??`, `? :` with a constant test and `+`
 * (`alt={false || false}`, `aria-level={!"false"}`, `{`a ${"b"}`}`). `NOT_CONST` for anything else.
 */
const NOT_CONST = Symbol('not-const');
function constValue(e: TSESTree.Expression | TSESTree.JSXEmptyExpression | TSESTree.PrivateIdentifier, depth = 0): Const | typeof NOT_CONST {
  if (depth > 20) return NOT_CONST;
  const rec = (x: TSESTree.Expression | TSESTree.PrivateIdentifier) => constValue(x, depth + 1);
  switch (e.type) {
    case 'Literal':
      return typeof e.value === 'string' || typeof e.value === 'number' || typeof e.value === 'boolean' || e.value === null ? e.value : NOT_CONST;
    case 'Identifier':
      return e.name === 'undefined' ? undefined : NOT_CONST;
    case 'TemplateLiteral': {
      let out = e.quasis[0].value.cooked ?? e.quasis[0].value.raw;
      for (let i = 0; i < e.expressions.length; i++) {
        const v = rec(e.expressions[i]);
        if (v === NOT_CONST) return NOT_CONST;
        out += String(v) + (e.quasis[i + 1].value.cooked ?? e.quasis[i + 1].value.raw);
      }
      return out;
    }
    case 'UnaryExpression': {
      const v = rec(e.argument);
      if (v === NOT_CONST) return NOT_CONST;
      if (e.operator === '!') return !v;
      if (e.operator === 'void') return undefined;
      if (e.operator === '-' && typeof v === 'number') return -v;
      if (e.operator === '+' && typeof v === 'number') return v;
      return NOT_CONST;
    }
    case 'LogicalExpression': {
      const l = rec(e.left);
      if (l === NOT_CONST) return NOT_CONST;
      if (e.operator === '||' ? l : e.operator === '&&' ? !l : l !== null && l !== undefined) return l;
      return rec(e.right);
    }
    case 'ConditionalExpression': {
      const t = rec(e.test);
      return t === NOT_CONST ? NOT_CONST : rec(t ? e.consequent : e.alternate);
    }
    case 'BinaryExpression': {
      if (e.operator !== '+') return NOT_CONST;
      const l = rec(e.left), r = rec(e.right);
      if (l === NOT_CONST || r === NOT_CONST) return NOT_CONST;
      if (typeof l === 'string' || typeof r === 'string') return String(l) + String(r);
      return typeof l === 'number' && typeof r === 'number' ? l + r : NOT_CONST;
    }
    case 'TSAsExpression':
    case 'TSNonNullExpression':
    case 'TSSatisfiesExpression':
      return rec(e.expression);
    default:
      return NOT_CONST;
  }
}

/** `style={{ display: 'none' }}` as CSS text when every property is a literal. */
function staticStyle(e: TSESTree.Expression): string | undefined {
  if (e.type !== 'ObjectExpression') return undefined;
  const parts: string[] = [];
  for (const p of e.properties) {
    if (p.type !== 'Property' || p.computed) return undefined;
    const key = p.key.type === 'Identifier' ? p.key.name : p.key.type === 'Literal' ? String(p.key.value) : undefined;
    const val = p.value.type === 'Literal' && (typeof p.value.value === 'string' || typeof p.value.value === 'number') ? String(p.value.value) : undefined;
    if (key === undefined || val === undefined) return undefined;
    parts.push(`${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}:${val}`);
  }
  return parts.join(';');
}

/** Local names of React's `Fragment` imported from react or preact (`import { Fragment as F } from 'react'`). */
function fragmentImports(program: TSESTree.Program): Set<string> {
  const out = new Set<string>();
  for (const st of program.body) {
    if (st.type !== 'ImportDeclaration' || !/^(react|preact)(\/|$)/.test(st.source.value)) continue;
    for (const sp of st.specifiers) {
      if (sp.type === 'ImportSpecifier' && sp.imported.type === 'Identifier' && sp.imported.name === 'Fragment') out.add(sp.local.name);
    }
  }
  return out;
}

export function buildJsxTree(doc: ScriptDocument, text: string): ATree {
  const all: AElement[] = [];
  const roots: AElement[] = [];
  const seen = new WeakSet<object>();
  const fragmentNames = fragmentImports(doc.program);
  /** `<React.Fragment>` or an imported `<Fragment>`: renders its children only, as `<>…</>` does. */
  const isFragment = (n: TSESTree.JSXElement): boolean => {
    const t = n.openingElement.name;
    if (t.type === 'JSXIdentifier') return fragmentNames.has(t.name);
    return t.type === 'JSXMemberExpression' && t.object.type === 'JSXIdentifier' && t.object.name === 'React' && t.property.name === 'Fragment';
  };

  const scanForJsx = (node: unknown, depth: number): void => {
    if (!node || typeof node !== 'object' || depth > 3000) return;
    const n = node as { type?: string };
    if (typeof n.type !== 'string') return;
    if ((n.type === 'JSXElement' || n.type === 'JSXFragment') && !seen.has(n)) {
      for (const r of buildRoot(n as TSESTree.JSXElement | TSESTree.JSXFragment)) roots.push(r);
      return;
    }
    for (const key of Object.keys(n)) {
      if (key === 'parent' || key === 'loc' || key === 'range' || key === 'tokens' || key === 'comments') continue;
      const child = (n as Record<string, unknown>)[key];
      if (Array.isArray(child)) for (const c of child) scanForJsx(c, depth + 1);
      else if (child && typeof child === 'object') scanForJsx(child, depth + 1);
    }
  };

  const buildRoot = (n: TSESTree.JSXElement | TSESTree.JSXFragment): AElement[] => {
    const out: AElement[] = [];
    if (n.type === 'JSXFragment' || isFragment(n)) {
      seen.add(n);
      for (const c of n.children) {
        const kids = buildChild(c, null);
        for (const k of kids) if (k.type === 'element') {
          k.detached = true;
          out.push(k);
        }
      }
      return out;
    }
    const el = buildElement(n, null);
    el.detached = true;
    return [el];
  };

  /** Children of a JSX node as model nodes; JSX inside expressions becomes separate detached roots. */
  const buildChild = (c: TSESTree.JSXChild, parent: AElement | null): ANode[] => {
    const [s, e] = c.range;
    if (c.type === 'JSXText') return [{ type: 'text', value: c.value, dynamic: false, start: s, end: e, parent }];
    if (c.type === 'JSXElement' && !isFragment(c)) return [buildElement(c, parent)];
    if (c.type === 'JSXFragment' || c.type === 'JSXElement') {
      seen.add(c);
      return c.children.flatMap((k) => buildChild(k, parent));
    }
    if (c.type === 'JSXExpressionContainer') {
      if (c.expression.type === 'JSXEmptyExpression') return [];
      // React renders nothing for {undefined}, {null}, {true} and {false}, and strings and numbers as text
      const v = constValue(c.expression);
      if (v === null || v === undefined || typeof v === 'boolean') return [];
      if (v !== NOT_CONST) return [{ type: 'text', value: String(v), dynamic: false, start: s, end: e, parent }];
      scanForJsx(c.expression, 0);
      return [{ type: 'text', value: '', dynamic: true, start: s, end: e, parent }];
    }
    // JSXSpreadChild
    return [{ type: 'text', value: '', dynamic: true, start: s, end: e, parent }];
  };

  const buildElement = (n: TSESTree.JSXElement, parent: AElement | null): AElement => {
    seen.add(n);
    const { name, intrinsic } = jsxName(n.openingElement.name);
    const inSvg = parent?.ns === 'svg' || name === 'svg';
    const el: AElement = {
      type: 'element',
      tag: name,
      intrinsic,
      ns: inSvg && SVG_TAGS.has(name) ? 'svg' : 'html',
      attrs: new Map(),
      spread: false,
      children: [],
      parent,
      start: n.range[0],
      end: n.range[1],
      tagEnd: n.openingElement.range[1],
      detached: false,
      inert: false,
    };
    for (const a of n.openingElement.attributes) {
      if (a.type === 'JSXSpreadAttribute') {
        el.spread = true;
        scanForJsx(a.argument, 0);
        continue;
      }
      const attrName = jsxAttrName(a.name);
      const [s, e] = a.range;
      const isAriaOrData = /^(aria|data)-/.test(attrName);
      let value: string | null;
      const v = a.value;
      if (v === null) {
        const t = reactTrueValue(attrName, name, intrinsic);
        if (t === undefined) continue;
        value = t;
      }
      else if (v.type === 'Literal') value = typeof v.value === 'string' ? v.value : String(v.value);
      else if (v.type === 'JSXExpressionContainer') {
        const ex = v.expression;
        if (ex.type === 'JSXEmptyExpression') continue;
        const cv = constValue(ex);
        if (typeof cv === 'string' || typeof cv === 'number') value = String(cv);
        else if (typeof cv === 'boolean') {
          if (isAriaOrData) value = String(cv);
          else if (!cv) continue; // React omits `attr={false}`
          else {
            const t = reactTrueValue(attrName, name, intrinsic);
            if (t === undefined) continue;
            value = t;
          }
        } else if (cv === null || cv === undefined) continue;
        else if (attrName === 'style' && staticStyle(ex) !== undefined) value = staticStyle(ex)!;
        else {
          value = null;
          scanForJsx(ex, 0);
        }
      } else {
        // JSXElement as attribute value
        value = null;
        scanForJsx(v, 0);
      }
      if (attrName === 'class' && value !== null && hasDisplayNoneClass(value)) el.displayNone = true;
      el.attrs.set(attrName, { name: attrName, value, start: s, end: e });
    }
    if (el.attrs.has('dangerouslysetinnerhtml')) el.children.push({ type: 'text', value: '', dynamic: true, start: el.tagEnd, end: el.tagEnd, parent: el });
    all.push(el);
    for (const c of n.children) for (const k of buildChild(c, el)) el.children.push(k);
    // a `children` prop is content, not an attribute; JSX children, when present, replace it
    const childrenProp = el.attrs.get('children');
    if (childrenProp) {
      el.attrs.delete('children');
      if (n.children.length === 0) el.children.push({ type: 'text', value: childrenProp.value ?? '', dynamic: childrenProp.value === null, start: childrenProp.start, end: childrenProp.end, parent: el });
    }
    return el;
  };

  scanForJsx(doc.program, 0);
  all.sort((a, b) => a.start - b.start);
  return { source: 'jsx', fullPage: false, complete: false, roots, all, byId: indexIds(all), text };
}

/** The element tree of a document, or null for documents without markup (rules share it through `ctx.shared`). */
export function treeOf(doc: ParsedDocument, text: string, kind: string): ATree | null {
  let tree: ATree | null = null;
  // an `.html` file holding template syntax was masked as Nunjucks is (parseHtmlFile): read it as a template
  if (doc.format === 'html') tree = buildHtmlTree(doc, text, kind === 'nunjucks' || doc.templateDialect !== undefined || doc.templateSpans.length > 0);
  else if (doc.format === 'estree' && doc.jsx && /<[A-Za-z>]/.test(text)) tree = buildJsxTree(doc, text);
  return tree;
}
