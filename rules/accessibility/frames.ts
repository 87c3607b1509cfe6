/** Frames: content a keyboard cannot reach. */
import { parseHtml } from '../../src/parsers/html.js';
import { TEMPLATE_MASK } from '../../src/parsers/template.js';
import { a11yRule, describe, MARKUP_KINDS } from '../../src/a11y/rule-kit.js';
import { inInert, isFocusable, isNotRendered } from '../../src/a11y/semantics.js';
import { attr, buildHtmlTree, type AElement } from '../../src/a11y/tree.js';

/** A width or height attribute of 0 or 1 pixel: the frame shows nothing to interact with. */
function tiny(el: AElement): boolean {
  return ['width', 'height'].some((n) => {
    const a = attr(el, n);
    return a.kind === 'static' && /^\s*[01](\.0*)?(px)?\s*$/i.test(a.value);
  });
}

/** The first element of a srcdoc document that is certainly in sequential focus navigation, if any. */
function focusableInSrcdoc(srcdoc: string): AElement | undefined {
  const tree = buildHtmlTree(parseHtml(srcdoc), srcdoc, false);
  return tree.all.find((e) => isFocusable(e) === true && isNotRendered(e) === false && !inInert(e) && e.tag !== 'iframe');
}

export const iframeFocusableContent = a11yRule(
  {
    id: 'accessibility/iframe-focusable-content',
    title: 'Frame with focusable content is removed from the tab order',
    description:
      '`tabindex="-1"` on an iframe takes the frame and everything inside it out of sequential focus navigation, so keyboard users cannot reach the links and controls it holds (WCAG 2.1.1 Keyboard). Judged on frames whose content is in the markup (`srcdoc`) and holds an element that is certainly focusable; a frame loaded from `src` is not judged, nor one that is hidden, inert or 1 pixel or less wide or high.',
    severity: 'high',
    messages: { removed: '`{{tag}}` has tabindex="{{tabindex}}" but its content holds `{{inner}}`, which keyboard users then cannot reach; remove the negative tabindex.' },
    remediation: 'Remove `tabindex="-1"` from the iframe (or, if the frame is meant to be skipped, make its content unfocusable too, e.g. with `inert` while it is not in use).',
    references: ['https://www.w3.org/WAI/WCAG22/Understanding/keyboard.html', 'https://html.spec.whatwg.org/multipage/iframe-embed-object.html#attr-iframe-srcdoc'],
    wcag: ['2.1.1'],
    act: ['akn7bn'],
    kinds: MARKUP_KINDS,
    equivalents: { axe: ['frame-focusable-content'] },
  },
  (tree, r) => {
    for (const el of tree.all) {
      if (!el.intrinsic || el.ns !== 'html' || el.inert || el.spread || el.tag !== 'iframe') continue;
      const ti = attr(el, 'tabindex');
      if (ti.kind !== 'static' || !/^\s*-0*[1-9]\d*\s*$/.test(ti.value)) continue;
      const srcdoc = attr(el, 'srcdoc');
      if (srcdoc.kind !== 'static' || srcdoc.value.includes(TEMPLATE_MASK)) continue;
      if (isNotRendered(el) !== false || inInert(el) || tiny(el)) continue;
      const inner = focusableInSrcdoc(srcdoc.value);
      if (!inner) continue;
      const raw = srcdoc.value.slice(inner.start, inner.tagEnd).replace(/\s+/g, ' ');
      r.atAttr(ti.attr, 'removed', { tag: describe(el, tree.text), tabindex: ti.value.trim(), inner: raw.length > 60 ? `${raw.slice(0, 57)}…` : raw });
    }
  },
);

export const FRAME_RULES = [iframeFocusableContent];
