/**
 * Accessible name computation (W3C accname 1.2 with HTML-AAM and SVG-AAM), for static markup.
 *
 * Returns the name, or null when it cannot be known statically (template output, JSX expressions,
 * components, spread props, references to ids that may live in another file).
 *
 * Choices (documented in the rules' docs):
 * - `placeholder` (and `aria-placeholder`) is used as a last resort for text inputs, after `title`,
 *   as browsers and HTML-AAM do. axe-core also accepts it; the ACT rule e086e5 passes it.
 * - `<input type="image">` gets no default name ("Submit Query" in some browsers): ACT 59796f fails it.
 * - A missing aria-labelledby target contributes nothing only when the file is a complete static page;
 *   otherwise the target may be rendered by another template or component, so the name is unknown.
 */
import { NAME_FROM_CONTENT } from './aria.js';
import { computedRole, hiddenSelf, implicitRole, isHidden, isPresentational, skipsContents } from './semantics.js';
import { attr, attrValue, descendants, type AElement, type ATree } from './tree.js';

interface Walk {
  tree: ATree;
  visited: Set<AElement>;
  inLabelledby: boolean;
  /** Inside a hidden node reached through aria-labelledby: hidden descendants still count. */
  hiddenOk: boolean;
  /** Recursion into content (a label, a referenced node, or name-from-content descendants). */
  recursing: boolean;
}

export type Lookup = { kind: 'found'; el: AElement } | { kind: 'missing' } | { kind: 'unknown' };

/** Find an element by id: found, definitely missing (complete static page), or unknown. */
export function lookupId(tree: ATree, id: string): Lookup {
  const list = tree.byId.get(id);
  if (list && list.length > 0) return { kind: 'found', el: list[0] };
  return tree.complete ? { kind: 'missing' } : { kind: 'unknown' };
}

function squash(s: string): string {
  return s.replace(/[\s\u00a0]+/g, ' ').trim();
}

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'url', 'tel', 'email', 'password', 'number', '']);

const LABELABLE = new Set(['button', 'input', 'meter', 'output', 'progress', 'select', 'textarea']);

/** Attribute names that render an element conditionally or repeatedly (Vue, Angular, Alpine, Svelte-style bindings). */
const BINDING_ATTR = /^(?:v-|x-|\*|:|@|\[|\(|ng-|bind-|on-)/;

function isLabelable(el: AElement): boolean | null {
  if (el.ns !== 'html' || !LABELABLE.has(el.tag)) return false;
  if (el.tag !== 'input') return true;
  const t = attr(el, 'type');
  if (t.kind === 'unknown') return null;
  return t.kind === 'absent' || t.value.trim().toLowerCase() !== 'hidden';
}

/**
 * A `<label>` without for= labels only its first labelable descendant (HTML: "the label element's labeled
 * control"): a second field wrapped in the same label gets no name from it. Reported only when that is
 * certain: plain HTML, static content, and no binding that may render the fields conditionally.
 */
function labelsAnotherControl(label: AElement, el: AElement, tree: ATree): boolean {
  if (tree.source !== 'html') return false;
  for (const d of descendants(label)) {
    if (d === el) return false;
    // components, spread props and <template> content (rendered by script, e.g. x-if) may change which field comes first
    if (!d.intrinsic || d.spread || d.inert || d.tag === 'template') return false;
    const l = isLabelable(d);
    if (l === null) return false;
    if (!l) continue;
    for (const x of [d, el]) for (const a of x.attrs.keys()) if (BINDING_ATTR.test(a)) return false;
    // text between the two fields holding template syntax may mean one of them is conditional
    if (/\{[{%#]|<%|@(?:if|else|for|each)\b/.test(tree.text.slice(d.start, el.start))) return false;
    return true;
  }
  return false;
}

/**
 * A button (`<button>`, or an input of type button, submit, reset or image): named by its content, value
 * or alt. A `<label>` naming one, whether by `for` from another file or by a caller wrapping the component
 * that renders it, is practically unheard of, so a missing label is not treated as "cannot tell".
 */
function isButton(el: AElement): boolean {
  if (el.tag === 'button') return true;
  return el.tag === 'input' && /^(button|submit|reset|image)$/.test(attrValue(el, 'type')?.trim().toLowerCase() ?? '');
}

/** The `<label>` elements of a labelable element, or null when they cannot be known. */
export function labelsOf(el: AElement, tree: ATree): AElement[] | null {
  if (el.ns !== 'html' || !LABELABLE.has(el.tag)) return [];
  if (el.tag === 'input' && attrValue(el, 'type')?.trim().toLowerCase() === 'hidden') return [];
  const out: AElement[] = [];
  let unknown = false;
  for (let p = el.parent; p; p = p.parent) {
    if (p.tag === 'label' && p.intrinsic) {
      // a label with a for= labels that element only
      const f = attr(p, 'for');
      if (f.kind === 'absent') {
        if (!labelsAnotherControl(p, el, tree)) out.push(p);
      } else if (f.kind === 'unknown') unknown = true;
      break;
    }
    if (!p.intrinsic) unknown = true; // a component may wrap its children in a label
  }
  const id = attr(el, 'id');
  if (id.kind === 'unknown') unknown = true;
  else if (id.kind === 'static' && id.value !== '') {
    let found = false;
    for (const l of tree.all) {
      if (l.tag !== 'label' || !l.intrinsic) continue;
      const f = attr(l, 'for');
      if (f.kind === 'static' && f.value === id.value) {
        out.push(l);
        found = true;
      }
    }
    // in a fragment the label may be in another file; buttons are the exception (isButton)
    if (!found && !tree.complete && !isButton(el)) unknown = true;
  }
  if (tree.source !== 'jsx' && tree.all.some((l) => l.tag === 'label' && attr(l, 'for').kind === 'unknown' && attr(l, 'for').kind !== 'absent')) unknown = unknown || id.kind !== 'absent';
  // In JSX a bare field at the top of a component may be wrapped in a <label> by its caller (not a button).
  if (out.length === 0 && tree.source === 'jsx' && !isButton(el)) {
    let root: AElement = el;
    while (root.parent) root = root.parent;
    if (root === el || root.tag === 'label') unknown = true;
  }
  if (out.length > 0) return out;
  return unknown ? null : out;
}

/** The accessible name of an element: a string (possibly empty) or null when unknown. */
export function accessibleName(el: AElement, tree: ATree): string | null {
  const r = compute(el, { tree, visited: new Set(), inLabelledby: false, hiddenOk: false, recursing: false }, true);
  return r === null ? null : squash(r);
}

function compute(el: AElement, w: Walk, isRoot: boolean): string | null {
  if (w.visited.has(el)) return '';
  w.visited.add(el);
  try {
    return step(el, w, isRoot);
  } finally {
    w.visited.delete(el);
  }
}

function step(el: AElement, w: Walk, isRoot: boolean): string | null {
  if (!el.intrinsic) return null;
  // 2A: hidden, unless reached through aria-labelledby
  if (!isRoot && !w.hiddenOk) {
    const h = hiddenSelf(el);
    if (h) return '';
    if (h === null) return null;
  }
  // 2B: aria-labelledby (not followed twice)
  if (!w.inLabelledby) {
    const lb = attr(el, 'aria-labelledby');
    if (lb.kind === 'unknown') return null;
    if (lb.kind === 'static') {
      const ids = lb.value.trim().split(/\s+/).filter(Boolean);
      const parts: string[] = [];
      let unknown = false;
      for (const id of ids) {
        const found = lookupId(w.tree, id);
        if (found.kind === 'unknown') unknown = true;
        if (found.kind !== 'found') continue;
        const target = found.el;
        const hidden = isHidden(target);
        const sub = { ...w, inLabelledby: true, hiddenOk: w.hiddenOk || hidden === true, recursing: true };
        // a reference to the element itself names it from its own aria-label or content (accname 2B: it is
        // "referenced by aria-labelledby", so 2F applies); it is already being visited, so step in directly
        const r = target === el ? step(el, sub, false) : compute(target, sub, false);
        if (r === null) unknown = true;
        else parts.push(r);
      }
      const joined = squash(parts.join(' '));
      if (joined) return joined;
      if (unknown) return null;
    }
  }
  const role = computedRole(el);
  // 2C: aria-label
  const al = attr(el, 'aria-label');
  if (al.kind === 'unknown') return null;
  if (al.kind === 'static' && squash(al.value) !== '') {
    // 2C note: an embedded control inside a label uses its value, not its aria-label
    if (!(w.recursing && isEmbeddedControl(role))) return al.value;
  }
  // 2E: embedded controls in a label or referenced content
  if (w.recursing && isEmbeddedControl(role)) return embeddedValue(el);
  // 2D: native host-language label (not for presentational elements)
  if (!isPresentational(role)) {
    const native = nativeName(el, w);
    if (native === null) return null;
    if (squash(native) !== '') return native;
  }
  // 2F: name from content
  const fromContent = role ? NAME_FROM_CONTENT.has(role) : false;
  if (fromContent || w.recursing || (el.ns === 'html' && (el.tag === 'summary' || el.tag === 'label' || el.tag === 'legend' || el.tag === 'caption' || el.tag === 'figcaption'))) {
    const content = contentName(el, w);
    if (content === null) return null;
    if (squash(content) !== '') return content;
  }
  // 2I: tooltip (title), then placeholder as the last resort
  const t = attr(el, 'title');
  if (t.kind === 'unknown') return null;
  if (t.kind === 'static' && squash(t.value) !== '') return t.value;
  if (el.ns === 'svg') {
    const xt = attrValue(el, 'xlink:title');
    if (xt && squash(xt)) return xt;
  }
  if (!w.recursing && (el.tag === 'input' || el.tag === 'textarea')) {
    const p = attr(el, 'placeholder');
    if (p.kind === 'unknown') return null;
    if (p.kind === 'static' && squash(p.value) !== '') return p.value;
  }
  const ap = attr(el, 'aria-placeholder');
  if (!w.recursing && ap.kind === 'static' && squash(ap.value) !== '') return ap.value;
  return '';
}

function isEmbeddedControl(role: string | undefined | null): boolean {
  return role === 'textbox' || role === 'combobox' || role === 'listbox' || role === 'searchbox' || role === 'slider' || role === 'spinbutton';
}

function embeddedValue(el: AElement): string | null {
  if (el.tag === 'input') {
    const v = attr(el, 'value');
    return v.kind === 'unknown' ? null : v.kind === 'static' ? v.value : '';
  }
  if (el.tag === 'select') {
    const opts = [...el.children].filter((c): c is AElement => c.type === 'element' && c.tag === 'option');
    const sel = opts.find((o) => attr(o, 'selected').kind !== 'absent') ?? opts[0];
    return sel ? textOf(sel) : '';
  }
  if (el.tag === 'textarea') return textOf(el);
  const v = attr(el, 'aria-valuetext');
  if (v.kind === 'static') return v.value;
  const n = attr(el, 'aria-valuenow');
  if (n.kind === 'static') return n.value;
  return textOf(el);
}

function textOf(el: AElement): string | null {
  let out = '';
  for (const c of el.children) {
    if (c.type === 'text') {
      if (c.dynamic) return null;
      out += c.value;
    } else {
      const t = textOf(c);
      if (t === null) return null;
      out += t;
    }
  }
  return out;
}

function nativeName(el: AElement, w: Walk): string | null {
  if (el.ns === 'svg') {
    // SVG-AAM: the first <title> child
    const title = el.children.find((c): c is AElement => c.type === 'element' && c.tag === 'title');
    if (title) return textOf(title);
    return '';
  }
  if (el.ns !== 'html') return '';
  const tag = el.tag;
  if (tag === 'img' || tag === 'area') {
    const alt = attr(el, 'alt');
    if (alt.kind === 'unknown') return null;
    return alt.kind === 'static' ? alt.value : '';
  }
  if (tag === 'input') {
    const ty = attr(el, 'type');
    if (ty.kind === 'unknown') return null;
    const type = ty.kind === 'static' ? ty.value.trim().toLowerCase() : 'text';
    if (type === 'image') {
      const alt = attr(el, 'alt');
      if (alt.kind === 'unknown') return null;
      return alt.kind === 'static' ? alt.value : '';
    }
    if (type === 'button' || type === 'submit' || type === 'reset') {
      const v = attr(el, 'value');
      if (v.kind === 'unknown') return null;
      if (v.kind === 'static' && v.value !== '') return v.value;
      // the default label applies only without a value attribute (HTML: "if the element has a value
      // attribute, the button's label must be the value of that attribute"): value="" leaves it empty
      if (v.kind !== 'static' && type === 'submit') return 'Submit';
      if (v.kind !== 'static' && type === 'reset') return 'Reset';
      // type=button without value: labels still apply (rarely used)
    }
  }
  if (tag === 'fieldset') {
    const legend = el.children.find((c): c is AElement => c.type === 'element' && c.tag === 'legend');
    return legend ? compute(legend, { ...w, recursing: true }, false) ?? null : '';
  }
  if (tag === 'table') {
    const cap = el.children.find((c): c is AElement => c.type === 'element' && c.tag === 'caption');
    return cap ? compute(cap, { ...w, recursing: true }, false) ?? null : '';
  }
  if (tag === 'figure') {
    const cap = el.children.find((c): c is AElement => c.type === 'element' && c.tag === 'figcaption');
    return cap ? compute(cap, { ...w, recursing: true }, false) ?? null : '';
  }
  if (LABELABLE.has(tag) && !w.recursing) {
    const labels = labelsOf(el, w.tree);
    if (labels === null) return null;
    const parts: string[] = [];
    for (const l of labels) {
      const r = compute(l, { ...w, recursing: true }, false);
      if (r === null) return null;
      parts.push(r);
    }
    return parts.join(' ');
  }
  return '';
}

function contentName(el: AElement, w: Walk): string | null {
  // content-visibility: hidden skips the element's contents (unless reached through aria-labelledby)
  if (!w.hiddenOk && skipsContents(el)) return '';
  const parts: string[] = [];
  for (const c of el.children) {
    if (c.type === 'text') {
      if (c.dynamic) return null;
      parts.push(c.value);
      continue;
    }
    if (c.ns === 'html' && (c.tag === 'script' || c.tag === 'style' || c.tag === 'template')) continue;
    const r = compute(c, { ...w, recursing: true }, false);
    if (r === null) return null;
    parts.push(isInline(c) ? r : ` ${r} `);
  }
  return parts.join('');
}

const INLINE = new Set(['a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'i', 'ins', 'kbd', 'mark', 'q', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var']);

function isInline(el: AElement): boolean {
  return el.ns === 'html' && INLINE.has(el.tag);
}

/** Role a rule should use for "what is this element": the computed role, with the native one as fallback. */
export function roleOf(el: AElement): string | undefined | null {
  return computedRole(el) ?? implicitRole(el);
}

export { TEXT_INPUT_TYPES };
