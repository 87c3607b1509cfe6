/**
 * Roles (HTML-AAM implicit roles, ARIA role attribute, presentational-role conflict resolution),
 * hiddenness and focusability, decided from static markup. `null` always means "cannot tell".
 */
import { GLOBAL_ATTRS, VALID_ROLES } from './aria.js';
import { inlineStyle } from './css.js';
import { attr, attrValue, type AElement } from './tree.js';

export type Tri = boolean | null;

/** Inline style hides the element (display:none / visibility:hidden|collapse). */
function styleHides(el: AElement): Tri {
  const s = attr(el, 'style');
  if (s.kind === 'unknown') return s.attr ? null : false; // a spread rarely hides; a dynamic style might
  if (s.kind !== 'static') return false;
  const style = inlineStyle(s.value);
  return style.get('display')?.value.trim().toLowerCase() === 'none' || /^(hidden|collapse)$/i.test(style.get('visibility')?.value.trim() ?? '');
}

/** Elements whose box is block-level by default (so CSS containment applies to them). */
const BLOCK_DEFAULT = new Set(['address', 'article', 'aside', 'blockquote', 'dd', 'details', 'div', 'dl', 'dt', 'fieldset', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'ul']);

/**
 * Inline style `content-visibility: hidden` on a box that size containment applies to: the element is
 * rendered but its contents are skipped, so they are not in the accessibility tree (CSS Containment 2).
 * It has no effect on a non-atomic inline box (a plain span), so the box's display must be known to be
 * something else: written in the same style attribute, or the element's block-level default.
 */
export function skipsContents(el: AElement): boolean {
  if (el.ns !== 'html') return false;
  const s = attr(el, 'style');
  if (s.kind !== 'static') return false;
  const style = inlineStyle(s.value);
  if (style.get('content-visibility')?.value.trim().toLowerCase() !== 'hidden') return false;
  const display = style.get('display')?.value.trim().toLowerCase();
  if (display === undefined) return BLOCK_DEFAULT.has(el.tag);
  return !/^(inline|contents|none|table-[a-z-]+|ruby[a-z-]*)$/.test(display);
}

/** The element or an ancestor carries the `inert` attribute (any value, even one a template fills in): nothing in it can be focused. */
export function inInert(el: AElement): boolean {
  for (let e: AElement | null = el; e; e = e.parent) if (e.attrs.has('inert')) return true;
  return false;
}

/** Not rendered at all: `hidden`, inline display:none/visibility:hidden, or inert content. */
export function notRenderedSelf(el: AElement): Tri {
  if (el.inert) return true;
  if (el.ns === 'html' && ['script', 'style', 'template', 'noscript', 'head', 'title', 'meta', 'link', 'base'].includes(el.tag)) return true;
  const h = attr(el, 'hidden');
  if (h.kind === 'static' && h.value.toLowerCase() !== 'until-found') return true;
  const st = styleHides(el);
  if (st || el.displayNone) return true;
  if (h.kind === 'unknown' && h.attr) return null;
  return st;
}

/** Excluded from the accessibility tree by the element itself: not rendered, or aria-hidden="true". */
export function hiddenSelf(el: AElement): Tri {
  const r = notRenderedSelf(el);
  if (r) return true;
  const ah = attr(el, 'aria-hidden');
  if (ah.kind === 'static' && ah.value.trim().toLowerCase() === 'true') return true;
  if (ah.kind === 'unknown' && ah.attr) return null;
  return r;
}

/** Excluded from the accessibility tree (self or an ancestor). */
export function isHidden(el: AElement): Tri {
  let unknown = false;
  for (let e: AElement | null = el; e; e = e.parent) {
    const h = hiddenSelf(e);
    if (h || (e !== el && skipsContents(e))) return true;
    if (h === null) unknown = true;
  }
  return unknown ? null : false;
}

/** Not rendered (self or an ancestor), ignoring aria-hidden. */
export function isNotRendered(el: AElement): Tri {
  let unknown = false;
  for (let e: AElement | null = el; e; e = e.parent) {
    const h = notRenderedSelf(e);
    if (h) return true;
    if (h === null) unknown = true;
  }
  return unknown ? null : false;
}

export function isDisabled(el: AElement): Tri {
  if (!['button', 'input', 'select', 'textarea', 'optgroup', 'option', 'fieldset'].includes(el.tag)) return false;
  const d = attr(el, 'disabled');
  if (d.kind === 'static') return true;
  if (d.kind === 'unknown') return null;
  for (let p = el.parent; p; p = p.parent) if (p.tag === 'fieldset' && attr(p, 'disabled').kind === 'static') {
    // the first legend's contents stay enabled
    const legend = p.children.find((c) => c.type === 'element' && c.tag === 'legend');
    let inLegend = false;
    for (let q = el.parent; q && q !== p; q = q.parent) if (q === legend) inLegend = true;
    if (!inLegend) return true;
  }
  return false;
}

/** In sequential focus navigation by default (HTML focusable areas) or through tabindex ≥ 0. */
export function isFocusable(el: AElement): Tri {
  if (!el.intrinsic) return null;
  const ti = attr(el, 'tabindex');
  if (ti.kind === 'unknown') return null;
  const dis = isDisabled(el);
  if (dis) return false;
  const tiNum = ti.kind === 'static' && /^\s*[+-]?\d+\s*$/.test(ti.value) ? parseInt(ti.value, 10) : undefined;
  if (tiNum !== undefined) return tiNum >= 0;
  const native = nativeFocusable(el);
  if (native === null || dis === null) return null;
  return native;
}

/**
 * Whether a `<details>` element has no `<summary>` child, so the browser supplies its own ("Details"),
 * a focusable disclosure control inside it (null: content from template output or components could
 * hold the summary). False for every other element.
 */
export function hasBrowserSummary(el: AElement): Tri {
  if (el.ns !== 'html' || el.tag !== 'details' || !el.intrinsic) return false;
  let unknown = false;
  for (const c of el.children) {
    if (c.type === 'text') unknown ||= c.dynamic;
    else if (!c.intrinsic) unknown = true;
    else if (c.tag === 'summary') return false;
  }
  return unknown ? null : true;
}

/** Focusable at all (also by script/click), as ARIA's conflict resolution means by "focusable". */
export function isFocusableAtAll(el: AElement): Tri {
  if (!el.intrinsic) return null;
  const ti = attr(el, 'tabindex');
  if (ti.kind === 'unknown') return null;
  const dis = isDisabled(el);
  if (dis) return false;
  if (ti.kind === 'static' && /^\s*[+-]?\d+\s*$/.test(ti.value)) return true;
  return nativeFocusable(el);
}

function nativeFocusable(el: AElement): Tri {
  if (el.ns !== 'html') {
    if (el.ns === 'svg' && el.tag === 'a') return attr(el, 'href').kind !== 'absent' || attr(el, 'xlink:href').kind !== 'absent' ? true : false;
    return false;
  }
  switch (el.tag) {
    case 'a':
    case 'area': {
      const h = attr(el, 'href');
      return h.kind === 'absent' ? false : h.kind === 'unknown' && !h.attr ? null : true;
    }
    case 'button':
    case 'select':
    case 'textarea':
    case 'iframe':
      return true;
    case 'input': {
      const t = attr(el, 'type');
      if (t.kind === 'unknown') return null;
      return !(t.kind === 'static' && t.value.trim().toLowerCase() === 'hidden');
    }
    case 'summary': {
      const p = el.parent;
      if (!p || p.tag !== 'details') return false;
      return p.children.find((c) => c.type === 'element' && c.tag === 'summary') === el;
    }
    case 'audio':
    case 'video':
      return attr(el, 'controls').kind === 'static' ? true : attr(el, 'controls').kind === 'unknown' ? null : false;
    default: {
      const ce = attr(el, 'contenteditable');
      if (ce.kind === 'static') return ce.value.toLowerCase() !== 'false';
      if (ce.kind === 'unknown' && ce.attr) return null;
      return false;
    }
  }
}

/** The role attribute's tokens, lower-cased. */
export function roleTokens(el: AElement): string[] | null {
  const r = attr(el, 'role');
  if (r.kind === 'absent') return [];
  if (r.kind === 'unknown') return r.attr ? null : [];
  return r.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
}

/** The first valid role token (ARIA fallback roles), undefined when none, null when unknown. */
export function explicitRole(el: AElement): string | undefined | null {
  const tokens = roleTokens(el);
  if (tokens === null) return null;
  return tokens.find((t) => VALID_ROLES.has(t));
}

export function hasGlobalAria(el: AElement): Tri {
  for (const name of el.attrs.keys()) if (GLOBAL_ATTRS.has(name) && name !== 'aria-hidden' && name !== 'aria-description' && name !== 'aria-braillelabel' && name !== 'aria-brailleroledescription') return true;
  return el.spread ? null : false;
}

const LANDMARK_SCOPE = new Set(['article', 'aside', 'main', 'nav', 'section']);

function inputRole(el: AElement): string | undefined | null {
  const t = attr(el, 'type');
  if (t.kind === 'unknown') return null;
  const type = t.kind === 'static' ? t.value.trim().toLowerCase() : 'text';
  const list = attr(el, 'list').kind !== 'absent';
  switch (type) {
    case 'button':
    case 'image':
    case 'reset':
    case 'submit':
      return 'button';
    case 'checkbox':
      return 'checkbox';
    case 'radio':
      return 'radio';
    case 'range':
      return 'slider';
    case 'number':
      return 'spinbutton';
    case 'search':
      return list ? 'combobox' : 'searchbox';
    case 'email':
    case 'tel':
    case 'text':
    case 'url':
      return list ? 'combobox' : 'textbox';
    case 'hidden':
    case 'password':
    case 'color':
    case 'date':
    case 'datetime-local':
    case 'month':
    case 'time':
    case 'week':
    case 'file':
      return undefined;
    default:
      return list ? 'combobox' : 'textbox';
  }
}

const ASIDE_SCOPE = new Set(['article', 'aside', 'nav', 'section']);

/** HTML-AAM: an aside scoped to sectioning content (its nearest of article/aside/nav/section/main/body) is complementary only when named. */
function asideRole(el: AElement): string | null {
  let scope: AElement | undefined;
  for (let p = el.parent; p; p = p.parent) if (ASIDE_SCOPE.has(p.tag) || p.tag === 'main' || p.tag === 'body') { scope = p; break; }
  if (!scope || !ASIDE_SCOPE.has(scope.tag)) return 'complementary';
  const named = ['aria-label', 'aria-labelledby', 'title'].map((n) => attr(el, n));
  if (named.some((a) => a.kind === 'static' && a.value.trim() !== '')) return 'complementary';
  if (named.some((a) => a.kind === 'unknown')) return null;
  return 'generic';
}

function tableAncestor(el: AElement): AElement | undefined {
  for (let p = el.parent; p; p = p.parent) if (p.tag === 'table') return p;
  return undefined;
}

/** HTML-AAM implicit role; undefined when the element has none (or is not mapped), null when unknown. */
export function implicitRole(el: AElement): string | undefined | null {
  if (!el.intrinsic) return null;
  if (el.ns === 'svg') {
    if (el.tag === 'svg') return 'graphics-document';
    if (el.tag === 'a') return 'link';
    return undefined;
  }
  if (el.ns === 'math') return el.tag === 'math' ? 'math' : undefined;
  const scoped = () => el.parent !== null && [...ancestorsOf(el)].some((a) => LANDMARK_SCOPE.has(a.tag) || ['article', 'complementary', 'main', 'navigation', 'region'].includes(explicitRole(a) ?? ''));
  switch (el.tag) {
    case 'a':
    case 'area': {
      const h = attr(el, 'href');
      return h.kind === 'absent' ? 'generic' : h.kind === 'unknown' && !h.attr ? null : 'link';
    }
    case 'article': return 'article';
    case 'aside': return asideRole(el);
    case 'b': case 'bdi': case 'bdo': case 'data': case 'div': case 'i': case 'pre': case 'q': case 'samp': case 'small': case 'span': case 'u': case 'body':
      return 'generic';
    case 'blockquote': return 'blockquote';
    case 'button': return 'button';
    case 'caption': return 'caption';
    case 'code': return 'code';
    case 'datalist': return 'listbox';
    case 'del': case 's': return 'deletion';
    case 'details': return 'group';
    case 'dfn': case 'dt': return 'term';
    case 'dd': return 'definition';
    case 'dialog': return 'dialog';
    case 'em': return 'emphasis';
    case 'fieldset': case 'optgroup': case 'address': case 'hgroup': return 'group';
    case 'figure': return 'figure';
    case 'footer': return scoped() ? 'generic' : 'contentinfo';
    case 'header': return scoped() ? 'generic' : 'banner';
    case 'form': return 'form';
    case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6': return 'heading';
    case 'hr': return 'separator';
    case 'html': return 'document';
    case 'img': {
      const alt = attr(el, 'alt');
      if (alt.kind === 'static' && alt.value === '') return 'presentation';
      if (alt.kind === 'unknown') return null;
      return 'img';
    }
    case 'input': return inputRole(el);
    case 'ins': return 'insertion';
    case 'li': return 'listitem';
    case 'main': return 'main';
    case 'math': return 'math';
    case 'menu': case 'ol': case 'ul': return 'list';
    case 'meter': return 'meter';
    case 'nav': return 'navigation';
    case 'option': return 'option';
    case 'output': return 'status';
    case 'p': return 'paragraph';
    case 'progress': return 'progressbar';
    case 'search': return 'search';
    case 'section': return 'region';
    case 'select': {
      const multiple = attr(el, 'multiple').kind !== 'absent';
      const size = attrValue(el, 'size');
      return multiple || (size !== undefined && parseInt(size, 10) > 1) ? 'listbox' : 'combobox';
    }
    case 'strong': return 'strong';
    case 'sub': return 'subscript';
    case 'sup': return 'superscript';
    case 'table': return 'table';
    case 'tbody': case 'thead': case 'tfoot': return 'rowgroup';
    case 'td': {
      const t = tableAncestor(el);
      if (!t) return undefined;
      const tr = explicitRole(t);
      return tr === 'grid' || tr === 'treegrid' ? 'gridcell' : 'cell';
    }
    case 'th': {
      if (!tableAncestor(el)) return undefined;
      const scope = (attrValue(el, 'scope') ?? '').toLowerCase();
      if (scope === 'row' || scope === 'rowgroup') return 'rowheader';
      if (scope === 'col' || scope === 'colgroup') return 'columnheader';
      // A th with only th siblings in its row is a column header; one starting a row of data cells a row header.
      const row = el.parent;
      const cells = row ? row.children.filter((c): c is AElement => c.type === 'element' && (c.tag === 'td' || c.tag === 'th')) : [];
      if (cells.some((c) => c.tag === 'td') && cells[0] === el) return 'rowheader';
      return 'columnheader';
    }
    case 'textarea': return 'textbox';
    case 'time': return 'time';
    case 'tr': return tableAncestor(el) ? 'row' : undefined;
    case 'iframe': case 'object': case 'embed': case 'audio': case 'video': case 'canvas': case 'label': case 'legend': case 'summary': case 'abbr': case 'cite': case 'kbd': case 'mark': case 'var': case 'wbr': case 'br':
      return undefined;
    default:
      return undefined;
  }
}

function* ancestorsOf(el: AElement): Generator<AElement> {
  for (let p = el.parent; p; p = p.parent) yield p;
}

/**
 * The element's role after presentational-role conflict resolution: an explicit `none`/`presentation`
 * is ignored on focusable elements and elements with global ARIA attributes (ARIA 1.2 §9.3).
 */
export function computedRole(el: AElement): string | undefined | null {
  const explicit = explicitRole(el);
  if (explicit === null) return null;
  if (explicit === 'none' || explicit === 'presentation') {
    const f = isFocusableAtAll(el);
    const g = hasGlobalAria(el);
    if (f || g) return implicitRole(el);
    if (f === null || g === null) return null;
    return 'none';
  }
  if (explicit) return explicit;
  const imp = implicitRole(el);
  return imp === 'presentation' ? 'none' : imp;
}

export function isPresentational(role: string | undefined | null): boolean {
  return role === 'none' || role === 'presentation';
}
