/** WCAG 1.4.12 Text Spacing: inline `!important` spacing that users' spacing overrides cannot change. */
import { a11yRule, describe } from '../../src/a11y/rule-kit.js';
import { isNotRendered } from '../../src/a11y/semantics.js';
import { inlineStyle, parseStylesheet, styleRules, type CssDeclaration } from '../../src/a11y/css.js';
import { attr, textContent, type AElement, type ATree } from '../../src/a11y/tree.js';

/** The least spacing WCAG 1.4.12 says users may set, per property, in multiples of the font size. */
const MINIMUM: Record<string, number> = { 'line-height': 1.5, 'letter-spacing': 0.12, 'word-spacing': 0.16 };

/**
 * The value in multiples of the font size, or undefined when it depends on what a static reading cannot
 * know (rem, calc, inherit, unset, px without a known font size). `normal` (and `initial`, which is normal)
 * is about 1.2 for line-height and 0 for the spacings.
 */
function relativeValue(property: string, value: string, fontSizePx: number | undefined): number | undefined {
  const v = value.trim().toLowerCase();
  if (v === 'normal' || v === 'initial') return property === 'line-height' ? 1.2 : 0;
  const m = /^(-?\d*\.?\d+)(em|%|px)?$/.exec(v);
  if (!m) return undefined;
  const n = Number(m[1]);
  if (m[2] === '%') return n / 100;
  if (m[2] === 'px') return fontSizePx ? n / fontSizePx : undefined;
  // a unitless length is only valid for line-height (and 0)
  if (!m[2] && property !== 'line-height' && n !== 0) return undefined;
  return n;
}

const PX = /^(\d*\.?\d+)px$/i;

/** What the page's own `<style>` blocks say about font sizes, read once per page. */
interface PageFonts {
  /**
   * Font sizes in px they give elements by tag name, or null when the stylesheets could set another
   * size on some element: a linked stylesheet, an at-rule, an `!important` font size, or a font size
   * under any selector other than a bare tag name (a class, `*`, a descendant).
   */
  byTag: Map<string, number> | null;
  /** Some stylesheet sets `font` or `font-size` with `!important`, which beats a normal inline size. */
  important: boolean;
}

function pageFonts(tree: ATree): PageFonts {
  let byTag: Map<string, number> | null = tree.fullPage ? new Map() : null;
  let important = false;
  for (const el of tree.all) {
    if (el.ns !== 'html') continue;
    if (el.tag === 'link') {
      const rel = attr(el, 'rel');
      if (rel.kind === 'unknown' || (rel.kind === 'static' && /\bstylesheet\b/i.test(rel.value))) byTag = null;
    }
    if (el.tag !== 'style') continue;
    const { text, dynamic } = textContent(el);
    if (dynamic) byTag = null;
    if (!/font(-size)?\s*:/i.test(text)) continue;
    const sheet = parseStylesheet(text);
    if (!sheet) {
      byTag = null;
      continue;
    }
    sheet.walkDecls(/^font(-size)?$/i, (d) => {
      if (d.important) important = true;
    });
    if (!byTag) continue;
    let atRule = false;
    sheet.walkAtRules(() => {
      atRule = true;
      return false;
    });
    if (atRule) byTag = null;
    for (const rule of byTag ? styleRules(sheet) : []) {
      if (rule.declarations.has('font')) byTag = null;
      const fs = rule.declarations.get('font-size');
      if (!byTag || !fs) continue;
      const px = PX.exec(fs.value.trim());
      if (fs.important || !px || !rule.selectors.every((sel) => /^[a-z][a-z0-9]*$/.test(sel))) byTag = null;
      else for (const sel of rule.selectors) byTag.set(sel, Number(px[1]));
    }
  }
  return { byTag, important };
}

/** The element's font size in px when certain: its own inline px font-size, or a px size the page's stylesheet gives its tag. */
function fontSizeOf(el: AElement, inline: Map<string, CssDeclaration>, fonts: () => PageFonts): number | undefined {
  if (inline.has('font')) return undefined;
  const own = inline.get('font-size');
  if (own) {
    const px = PX.exec(own.value.trim());
    // an !important font size in the page's stylesheet would beat a normal inline one
    return px && (own.important || !fonts().important) ? Number(px[1]) : undefined;
  }
  return fonts().byTag?.get(el.tag);
}

/** A direct text child that is not white space: spacing set on an element reaches users' overrides through its own text only (children with their own box get the override). */
function hasOwnText(el: AElement): boolean {
  return el.children.some((c) => c.type === 'text' && !c.dynamic && c.value.trim() !== '');
}

/** Inline style that moves the element off screen (`position: absolute; left: -9999px`), on it or an ancestor. */
function offScreen(el: AElement): boolean {
  for (let e: AElement | null = el; e; e = e.parent) {
    const s = attr(e, 'style');
    if (s.kind !== 'static') continue;
    const d = inlineStyle(s.value);
    if (!/^(absolute|fixed)$/i.test(d.get('position')?.value.trim() ?? '')) continue;
    for (const side of ['top', 'left', 'right', 'bottom']) {
      const m = /^-(\d*\.?\d+)(px|em|rem)$/i.exec(d.get(side)?.value.trim() ?? '');
      if (m && Number(m[1]) >= (m[2].toLowerCase() === 'px' ? 500 : 30)) return true;
    }
  }
  return false;
}

/** The text may stay on one line: `white-space: nowrap|pre` on the element, or an ancestor that scrolls sideways. Line height then does not matter. */
function mayNotWrap(el: AElement): boolean {
  const own = attr(el, 'style');
  if (own.kind === 'static' && /^(nowrap|pre)$/i.test(inlineStyle(own.value).get('white-space')?.value.trim() ?? '')) return true;
  for (let e = el.parent; e; e = e.parent) {
    const s = attr(e, 'style');
    if (s.kind !== 'static') continue;
    const d = inlineStyle(s.value);
    if (/^(scroll|auto)$/i.test(d.get('overflow-x')?.value.trim() ?? d.get('overflow')?.value.trim() ?? '')) return true;
  }
  return false;
}

/**
 * The smallest font size assumed for text when it is not known: letter or word spacing set in px below
 * the minimum even at this size (under 1.2px, 1.6px) is below it at any larger size too.
 */
const SMALLEST_FONT_PX = 10;

/** Inline elements that keep their text on the line of the parent's text. */
const PHRASING = new Set(['a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'dfn', 'em', 'i', 'kbd', 'mark', 'q', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var']);

/**
 * Text too short to wrap: at most 20 characters (after collapsing white space), with no line break,
 * block or other non-phrasing element inside and no preserved newline. Line height then changes
 * nothing that users read (axe's one-line pass; ACT 78fd32 judges text that wraps).
 */
function tooShortToWrap(el: AElement, decls: Map<string, CssDeclaration>): boolean {
  const { text, dynamic } = textContent(el);
  if (dynamic) return false;
  const inside = (e: AElement): boolean => e.children.every((c) => c.type === 'text' || (c.intrinsic && c.ns === 'html' && PHRASING.has(c.tag) && inside(c)));
  if (!inside(el)) return false;
  if (/^pre/i.test(decls.get('white-space')?.value.trim() ?? '') && /\n/.test(text.trim())) return false;
  return text.replace(/\s+/g, ' ').trim().length <= 20;
}

export const inlineTextSpacing = a11yRule(
  {
    id: 'accessibility/inline-text-spacing',
    title: 'Inline !important text spacing below what users may need',
    description:
      'People with low vision or dyslexia often use a bookmarklet, extension or stylesheet to widen line height (to 1.5 times the font size), letter spacing (0.12 times) and word spacing (0.16 times), as WCAG 1.4.12 Text Spacing expects content to allow. An inline `style` that sets one of these below that with `!important` beats those overrides, so the element\'s own text cannot be adjusted. The value that wins in the style attribute is judged (a later `!important` declaration replaces an earlier one; a later normal one does not), and only on an element with text of its own (child elements get the users\' override) that is not hidden or moved off screen; line height is not judged where the text may not wrap (`white-space: nowrap`, inside a sideways-scrolling box, or text of 20 characters or less with no line break or block inside). Values in `em`, `%`, unitless line heights, `normal` and `initial` are judged; `px` when the element\'s font size is certain (its own inline px `font-size`, or a px size the page\'s own stylesheet gives its tag name, with no other font-size rule that could apply), and letter or word spacing in `px` that is below the minimum even for 10px text (under 1.2px and 1.6px) on an element that does not set its own font size; `rem`, `inherit`, `unset` and computed values are not. JSX style objects cannot carry `!important`.',
    severity: 'medium',
    messages: { important: '`{{tag}}` sets `{{declaration}}` inline with !important, below the {{minimum}} that users may need to set; remove !important (or the declaration) so their spacing can apply.' },
    remediation: 'Drop `!important` from inline `line-height`, `letter-spacing` and `word-spacing` (or move the styling to a stylesheet without `!important`), and check the layout still works with 1.5 line height, 0.12em letter spacing and 0.16em word spacing.',
    references: ['https://www.w3.org/WAI/WCAG22/Understanding/text-spacing.html'],
    wcag: ['1.4.12'],
    act: ['24afc2', '78fd32', '9e45ec'],
    equivalents: { axe: ['avoid-inline-spacing'] },
  },
  (tree, r) => {
    let read: PageFonts | undefined;
    const fonts = () => (read ??= pageFonts(tree));
    for (const el of tree.all) {
      if (!el.intrinsic || el.ns !== 'html' || el.inert) continue;
      const style = attr(el, 'style');
      if (style.kind !== 'static' || !/!\s*important/i.test(style.value)) continue;
      if (!hasOwnText(el) || isNotRendered(el) !== false || offScreen(el)) continue;
      const decls = inlineStyle(style.value);
      for (const property of Object.keys(MINIMUM)) {
        const d = decls.get(property);
        if (!d?.important) continue;
        if (property === 'line-height' && (mayNotWrap(el) || tooShortToWrap(el, decls))) continue;
        const px = /px$/i.test(d.value.trim());
        let value = relativeValue(property, d.value, px ? fontSizeOf(el, decls, fonts) : undefined);
        // spacing in px below the minimum even for small text is below it whatever the font size
        // (not when the element sets its own font size in a unit we cannot resolve, which may be smaller)
        if (value === undefined && px && property !== 'line-height' && !decls.has('font') && !decls.has('font-size')) value = relativeValue(property, d.value, SMALLEST_FONT_PX);
        if (value === undefined || value >= MINIMUM[property]) continue;
        const minimum = property === 'line-height' ? '1.5 line height' : `${MINIMUM[property]}em ${property.replace('-', ' ')}`;
        r.atAttr(style.attr, 'important', { tag: describe(el, tree.text), declaration: `${property}: ${d.value.trim()} !important`, minimum });
      }
    }
  },
);

export const TEXT_SPACING_RULES = [inlineTextSpacing];
