import { a11yRule, describe } from '../../src/a11y/rule-kit.js';
import { attr, textContent, type AElement } from '../../src/a11y/tree.js';
import { explicitRole, isFocusableAtAll, isHidden } from '../../src/a11y/semantics.js';

/** ARIA widget roles a user operates: the element must then be focusable (ARIA 1.2, each role's keyboard model). */
const WIDGET_ROLES = new Set(['button', 'link', 'checkbox', 'radio', 'switch', 'tab', 'menuitem', 'menuitemcheckbox', 'menuitemradio', 'option', 'treeitem', 'slider', 'spinbutton']);

/** Native controls (focusable unless disabled, when a click does nothing either), labels (a click activates their control) and the page itself. */
const NOT_JUDGED = new Set(['button', 'input', 'select', 'textarea', 'option', 'optgroup', 'label', 'summary', 'details', 'audio', 'video', 'iframe', 'area', 'body', 'html', 'form', 'fieldset', 'legend', 'dialog']);

/**
 * What the element looks like to the user: a `widget` role it announces, an `<a>` that emulates a link
 * (WCAG F42), or a `text` control (static text of its own). Undefined when it is a container, an icon
 * or anything whose purpose cannot be told from the source, which is not judged.
 */
function controlKind(el: AElement): { kind: 'widget'; role: string } | { kind: 'anchor' } | { kind: 'text' } | undefined {
  const role = explicitRole(el);
  if (role === null) return undefined;
  if (role !== undefined) return WIDGET_ROLES.has(role) ? { kind: 'widget', role } : undefined;
  if (el.tag === 'a') return { kind: 'anchor' };
  return ownText(el) ? { kind: 'text' } : undefined;
}

/** Phrasing elements a control's label is commonly marked up with. */
const PHRASING = new Set(['span', 'b', 'strong', 'em', 'i', 'small', 'abbr']);

/** Only text and phrasing elements (no controls, components or spread attributes) in the subtree. */
function onlyPhrasing(el: AElement): boolean {
  return el.children.every((c) => c.type === 'text' || (c.intrinsic && !c.spread && PHRASING.has(c.tag) && onlyPhrasing(c)));
}

/** The element carries a label of its own: static text, in a subtree of nothing but text and phrasing elements. */
function ownText(el: AElement): boolean {
  return onlyPhrasing(el) && textContent(el).text.trim().length > 0;
}

/** Any ancestor that is (or may be) a control or a label: its own activation may run the handler. */
function insideControl(el: AElement): boolean {
  for (let p = el.parent; p; p = p.parent) {
    if (!p.intrinsic || p.tag === 'label' || isFocusableAtAll(p) !== false) return true;
    const role = explicitRole(p);
    if (role === null || (role !== undefined && WIDGET_ROLES.has(role))) return true;
  }
  return false;
}

export const clickNotKeyboard = a11yRule(
  {
    id: 'accessibility/click-not-keyboard',
    title: 'Click handler on an element the keyboard cannot reach',
    description:
      'An element that does something when clicked must be operable from the keyboard (WCAG 2.1.1) and say what it is (4.1.2). A `<span>` or `<div>` with an onclick handler, an `<a>` without `href` (WCAG failure F42) and an element with a widget role such as `role="button"` are not in the tab order unless they have a tabindex, so keyboard and switch users cannot reach them and screen readers do not announce them as controls. Reported only where the element is clearly a control: it has a widget role, is an `<a>`, or carries its own static text; containers (whose clicks are often a second route to a control inside them), empty icons, elements inside another control or a label, elements with a tabindex (any value), hidden ones and those whose role or attributes come from elsewhere are not judged.',
    severity: 'medium',
    messages: {
      widget: '`{{tag}}` has role="{{role}}" and a click handler but no tabindex, so the keyboard cannot reach it; use a native `<{{native}}>` or add tabindex="0" and handle Enter{{space}}.',
      anchor: '`{{tag}}` has a click handler but no href, so it is not a link and the keyboard cannot reach it; give it an href, or use a `<button type="button">` if it performs an action.',
      text: '`{{tag}}` has a click handler but is not focusable or announced as a control; use a `<button type="button">` (or an `<a href>` if it navigates).',
    },
    remediation: 'Use a native `<button type="button">` for actions and `<a href>` for navigation, which are focusable and keyboard-operable by default. Where a custom element is unavoidable, give it the right role, tabindex="0" and key handlers for Enter (and Space for buttons).',
    references: ['https://www.w3.org/WAI/WCAG22/Techniques/failures/F42', 'https://www.w3.org/WAI/WCAG22/Understanding/keyboard.html', 'https://www.w3.org/WAI/ARIA/apg/patterns/button/'],
    wcag: ['2.1.1', '4.1.2'],
    equivalents: { 'jsx-a11y': ['interactive-supports-focus'] },
  },
  (tree, r) => {
    for (const el of tree.all) {
      if (!el.intrinsic || el.spread || el.ns !== 'html' || !el.attrs.has('onclick') || NOT_JUDGED.has(el.tag) || el.attrs.has('contenteditable')) continue;
      // React takes only a function: `onClick="go()"` in JSX is no handler (React warns and drops it)
      if (tree.source === 'jsx' && attr(el, 'onclick').kind !== 'unknown') continue;
      // with no tabindex, focusable at all means natively focusable
      if (attr(el, 'tabindex').kind !== 'absent' || isFocusableAtAll(el) !== false) continue;
      if (isHidden(el) !== false || insideControl(el)) continue;
      const k = controlKind(el);
      if (!k) continue;
      const tag = describe(el, tree.text);
      if (k.kind === 'widget') {
        const native = k.role === 'link' ? 'a href' : k.role === 'button' ? 'button type="button"' : k.role === 'checkbox' || k.role === 'switch' ? 'input type="checkbox"' : k.role === 'radio' ? 'input type="radio"' : 'button type="button"';
        r.at(el, 'widget', { tag, role: k.role, native, space: k.role === 'button' || k.role === 'checkbox' || k.role === 'switch' ? ' and Space' : '' });
      } else r.at(el, k.kind, { tag });
    }
  },
);

export const KEYBOARD_RULES = [clickNotKeyboard];
