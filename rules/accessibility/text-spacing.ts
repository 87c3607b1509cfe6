/** WCAG 1.4.12 Text Spacing: inline `!important` spacing that users' spacing overrides cannot change. */
import { a11yRule, describe } from '../../src/a11y/rule-kit.js';
import { attr } from '../../src/a11y/tree.js';

/** The least spacing WCAG 1.4.12 says users may set, per property, in multiples of the font size. */
const MINIMUM: Record<string, number> = { 'line-height': 1.5, 'letter-spacing': 0.12, 'word-spacing': 0.16 };

/**
 * The value in multiples of the font size, or undefined when it depends on what a static reading cannot
 * know (px, rem, calc, inherit). `normal` is about 1.2 for line-height and 0 for the spacings.
 */
function relativeValue(property: string, value: string): number | undefined {
  const v = value.trim().toLowerCase();
  if (v === 'normal') return property === 'line-height' ? 1.2 : 0;
  const m = /^(-?\d*\.?\d+)(em|%)?$/.exec(v);
  if (!m) return undefined;
  const n = Number(m[1]);
  if (m[2] === '%') return n / 100;
  // a unitless length is only valid for line-height (and 0)
  if (!m[2] && property !== 'line-height' && n !== 0) return undefined;
  return n;
}

export const inlineTextSpacing = a11yRule(
  {
    id: 'accessibility/inline-text-spacing',
    title: 'Inline !important text spacing below what users may need',
    description:
      'People with low vision or dyslexia often use a bookmarklet, extension or stylesheet to widen line height (to 1.5 times the font size), letter spacing (0.12 times) and word spacing (0.16 times), as WCAG 1.4.12 Text Spacing expects content to allow. An inline `style` that sets one of these below that with `!important` beats those overrides, so the text cannot be adjusted. Values in `em`, `%`, unitless line heights and `normal` are judged; `px`, `rem` and computed values depend on the font size and are not. JSX style objects cannot carry `!important`.',
    severity: 'medium',
    messages: { important: '`{{tag}}` sets `{{declaration}}` inline with !important, below the {{minimum}} that users may need to set; remove !important (or the declaration) so their spacing can apply.' },
    remediation: 'Drop `!important` from inline `line-height`, `letter-spacing` and `word-spacing` (or move the styling to a stylesheet without `!important`), and check the layout still works with 1.5 line height, 0.12em letter spacing and 0.16em word spacing.',
    references: ['https://www.w3.org/WAI/WCAG22/Understanding/text-spacing.html'],
    wcag: ['1.4.12'],
    equivalents: { axe: ['avoid-inline-spacing'] },
  },
  (tree, r) => {
    for (const el of tree.all) {
      if (!el.intrinsic || el.ns !== 'html' || el.inert) continue;
      const style = attr(el, 'style');
      if (style.kind !== 'static' || !/!\s*important/i.test(style.value)) continue;
      for (const decl of style.value.split(';')) {
        const m = /^\s*(line-height|letter-spacing|word-spacing)\s*:\s*([^!]+?)\s*!\s*important\s*$/i.exec(decl);
        if (!m) continue;
        const property = m[1].toLowerCase();
        const value = relativeValue(property, m[2]);
        if (value === undefined || value >= MINIMUM[property]) continue;
        const minimum = property === 'line-height' ? '1.5 line height' : `${MINIMUM[property]}em ${property.replace('-', ' ')}`;
        r.atAttr(style.attr, 'important', { tag: describe(el, tree.text), declaration: `${property}: ${m[2].trim()} !important`, minimum });
      }
    }
  },
);

export const TEXT_SPACING_RULES = [inlineTextSpacing];
