/** WCAG 2.5.3 Label in Name: a control's visible text is part of the name it is given with aria-label(ledby). */
import { accessibleName } from '../../src/a11y/accname.js';
import { a11yRule, describe } from '../../src/a11y/rule-kit.js';
import { computedRole, isHidden } from '../../src/a11y/semantics.js';
import { attr, attrValue, type AElement, type ATree } from '../../src/a11y/tree.js';

/** Widget roles whose name can come from their content (ARIA 1.2), where what is seen is what users say. */
const CONTENT_WIDGETS = new Set(['button', 'checkbox', 'gridcell', 'link', 'menuitem', 'menuitemcheckbox', 'menuitemradio', 'option', 'radio', 'switch', 'tab', 'treeitem']);

/** Classes that hide text visually but keep it for screen readers, in the design systems and CSS frameworks. */
const VISUALLY_HIDDEN = /(?:^|\s)(?:govuk-visually-hidden(?:-focusable)?|nhsuk-u-visually-hidden|ons-u-vh|sr-only|visually-hidden|visuallyhidden|screen-reader-text|screen-reader-only|a11y-hidden|u-visually-hidden)(?=\s|$)/;
/** A class that may hide or restyle text some other way: the visible text cannot be told. */
const MAYBE_HIDDEN = /hidden|sr-|screen-?reader|offscreen|off-screen|clip|a11y/i;
/** Icons: their text (a ligature name such as `search`) is drawn as a picture, not read as words. */
const ICON = /(?:^|[\s_-])(?:icons?|material-(?:icons|symbols)[\w-]*|fa|fas|far|fab|glyphicon|bi)(?=[\s_-]|$)/i;

/**
 * The text a sighted user reads on the element: its text content without visually hidden parts and
 * icons. Undefined when it cannot be told (template output, components, classes that may hide text).
 */
function visibleText(el: AElement): string | undefined {
  let text = '';
  const rec = (e: AElement): boolean => {
    for (const c of e.children) {
      if (c.type === 'text') {
        if (c.dynamic) return false;
        text += c.value;
        continue;
      }
      if (!c.intrinsic) return false;
      if (c.ns !== 'html' || ['svg', 'img', 'i', 'script', 'style', 'template'].includes(c.tag)) continue;
      const cls = attr(c, 'class');
      if (cls.kind === 'unknown') return false;
      const v = cls.kind === 'static' ? cls.value : '';
      if (VISUALLY_HIDDEN.test(v) || ICON.test(v)) continue;
      if (MAYBE_HIDDEN.test(v)) return false;
      const hidden = isHidden(c);
      if (hidden === null) return false;
      if (hidden) continue;
      text += ' ';
      if (!rec(c)) return false;
      text += ' ';
    }
    return true;
  };
  return rec(el) ? text : undefined;
}

/** Words as speech input compares them: lower case, letters and digits only (punctuation and symbols split words). */
function words(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** The page loads an icon font (Material Icons and the like), whose ligatures turn words into pictures. */
function iconFontPage(tree: ATree): boolean {
  return /font-family\s*:[^;}]*icons?\b|Material\+(?:Icons|Symbols)|fonts\.googleapis\.com\/icon/i.test(tree.text);
}

export const labelInName = a11yRule(
  {
    id: 'accessibility/label-in-name',
    title: 'Visible label is not part of the accessible name',
    description:
      'Speech-input users activate a control by saying what they see on it ("click Find"); screen reader users who can see hear the name read aloud. When a link, button or other widget has visible text but aria-label or aria-labelledby gives it a name that does not contain that text ("Search" on a button showing "Find"), voice commands miss it and what is heard does not match what is seen. Compared as words, ignoring case, punctuation and symbols; text hidden by a visually-hidden class (govuk-visually-hidden, sr-only, …), icons, single characters (an "X" close button) and icon-font ligatures are not part of the visible label. Content from template output or components, and classes that might hide text, are not judged.',
    severity: 'medium',
    messages: { mismatch: '`{{tag}}` shows "{{visible}}" but its accessible name is "{{name}}", which does not contain those words; start the aria-label with the visible text (e.g. "{{visible}}, …") or remove it.' },
    remediation: 'Make the accessible name start with (or at least contain) the visible text: extend it (`aria-label="Change, your name"` → better, visually hidden text inside the link), or drop `aria-label` so the visible text is the name.',
    references: ['https://www.w3.org/WAI/WCAG22/Understanding/label-in-name.html'],
    wcag: ['2.5.3'],
    act: ['2ee8b8'],
    equivalents: { axe: ['label-content-name-mismatch'] },
  },
  (tree, r) => {
    let iconFont: boolean | undefined;
    for (const el of tree.all) {
      if (!el.intrinsic || el.ns !== 'html' || el.inert) continue;
      if (attr(el, 'aria-label').kind === 'absent' && attr(el, 'aria-labelledby').kind === 'absent') continue;
      const role = computedRole(el);
      if (!role || !CONTENT_WIDGETS.has(role) || isHidden(el) !== false) continue;
      const seen = visibleText(el);
      if (seen === undefined) continue;
      const visible = words(seen);
      // nothing to say, or a symbol such as "X" or "›"
      if ([...visible.replace(/\s/g, '')].length < 2) continue;
      // an icon font draws a ligature name (`search`, `arrow_forward`) as a picture
      if (/^[a-z_]+$/.test(seen.trim()) && (iconFont ??= iconFontPage(tree))) continue;
      const name = accessibleName(el, tree);
      if (name === null) continue;
      if (` ${words(name)} `.includes(` ${visible} `)) continue;
      const label = attrValue(el, 'aria-label');
      r.at(el, 'mismatch', { tag: describe(el, tree.text), visible: seen.replace(/\s+/g, ' ').trim().slice(0, 60), name: (name || label || '').slice(0, 80) });
    }
  },
);

export const LABEL_IN_NAME_RULES = [labelInName];
