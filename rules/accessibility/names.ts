/** Text alternatives and accessible names: images, controls, links, frames, headings. */
import { accessibleName, labelsOf } from '../../src/a11y/accname.js';
import { baseRole } from '../../src/a11y/aria.js';
import { a11yRule, describe } from '../../src/a11y/rule-kit.js';
import { computedRole, isHidden, roleTokens } from '../../src/a11y/semantics.js';
import { attr, attrValue, type AElement, type ATree } from '../../src/a11y/tree.js';

const NAME_DOC =
  ' The accessible name is computed as browsers do (accname 1.2): aria-labelledby, aria-label, the native label, content where the role allows it, then title. Values that come from template output, JSX expressions, components or spread props are treated as unknown and never reported.';

function visible(el: AElement): boolean {
  return el.intrinsic && isHidden(el) === false;
}

export const imgAlt = a11yRule(
  {
    id: 'accessibility/img-alt',
    title: 'Image has no text alternative',
    description:
      'An `<img>` (or an element with role="img", or its ARIA 1.3 synonym role="image") without a text alternative is announced by screen readers as "image" or by its file name, so its meaning is lost. Decorative images need an empty `alt=""` so they are skipped.' + NAME_DOC,
    severity: 'high',
    messages: {
      missingAlt: '`{{tag}}` has no alt attribute; add alt text that says what the image shows, or alt="" if it is purely decorative.',
      emptyName: '`{{tag}}` has role="img" but no accessible name; add aria-label or aria-labelledby describing the image.',
      whitespaceAlt: '`{{tag}}` has an alt made only of spaces, which is not an empty alt; write alt text, or use alt="" for a decorative image.',
      conflict: '`{{tag}}` has role="none"/"presentation" but is focusable or has global ARIA attributes, so it is still exposed as an image without a name; add alt text or remove the focusability.',
    },
    remediation: 'Give informative images an `alt` that conveys their content or purpose; give decorative images `alt=""` (and no title/ARIA label).',
    references: ['https://www.w3.org/WAI/tutorials/images/decision-tree/', 'https://design-system.service.gov.uk/styles/images/'],
    wcag: ['1.1.1'],
    act: ['23a2a8'],
    equivalents: { axe: ['image-alt', 'role-img-alt'], 'jsx-a11y': ['alt-text'], htmlcs: ['WCAG2AA.Principle1.Guideline1_1.1_1_1.H37'], 'html-validate': ['wcag/h37'] },
  },
  (tree, r) => {
    for (const el of tree.all) {
      if (el.ns !== 'html') continue;
      const isImg = el.tag === 'img';
      const tokens = roleTokens(el);
      // role="image" is the ARIA 1.3 synonym of img
      if (!isImg && !(tokens && (tokens.includes('img') || tokens.includes('image')))) continue;
      if (!visible(el)) continue;
      const role = computedRole(el);
      if (role !== 'img' && role !== 'image') continue;
      const name = accessibleName(el, tree);
      if (name === null || name !== '') continue;
      const d = { tag: describe(el, tree.text) };
      if (isImg) {
        const alt = attr(el, 'alt');
        if (alt.kind === 'static' && alt.value !== '' && alt.value.trim() === '') r.atAttr(alt.attr, 'whitespaceAlt', d);
        else if (tokens && (tokens[0] === 'none' || tokens[0] === 'presentation')) r.at(el, 'conflict', d);
        else if (alt.kind === 'absent') r.at(el, 'missingAlt', d);
        else r.at(el, 'emptyName', d);
      } else r.at(el, 'emptyName', d);
    }
  },
);

export const inputImageAlt = a11yRule(
  {
    id: 'accessibility/input-image-alt',
    title: 'Image button has no accessible name',
    description:
      'An `<input type="image">` is a submit button drawn as an image. Without alt text (or aria-label/title) screen readers announce only "button", so users cannot tell what it does.' + NAME_DOC,
    severity: 'high',
    messages: { missing: '`{{tag}}` is an image button without an accessible name; add an alt attribute naming the action (e.g. alt="Search").' },
    remediation: 'Add `alt` text that names the button\'s action, or replace it with a `<button>` containing text.',
    wcag: ['1.1.1', '4.1.2'],
    act: ['59796f'],
    equivalents: { axe: ['input-image-alt'], 'jsx-a11y': ['alt-text'], htmlcs: ['WCAG2AA.Principle1.Guideline1_1.1_1_1.H36'], 'html-validate': ['wcag/h36', 'wcag/h37'] },
  },
  (tree, r) => {
    for (const el of tree.all) {
      if (el.tag !== 'input' || el.ns !== 'html' || attrValue(el, 'type')?.trim().toLowerCase() !== 'image') continue;
      if (!visible(el)) continue;
      if (accessibleName(el, tree) === '') r.at(el, 'missing', { tag: describe(el, tree.text) });
    }
  },
);

export const areaAlt = a11yRule(
  {
    id: 'accessibility/area-alt',
    title: 'Image map area has no text alternative',
    description:
      'Each `<area href>` of an image map is a link. Without alt text it has no name, so screen reader users hear an unnamed link and cannot tell where it goes.' + NAME_DOC,
    severity: 'high',
    messages: { missing: '`{{tag}}` is an image-map link without a name; add alt text describing the link destination.' },
    remediation: 'Add an `alt` attribute to every `<area>` with an `href`, describing its destination.',
    wcag: ['1.1.1', '2.4.4', '4.1.2'],
    act: ['c487ae'],
    equivalents: { axe: ['area-alt'], 'jsx-a11y': ['alt-text'], htmlcs: ['WCAG2AA.Principle1.Guideline1_1.1_1_1.H24'], 'html-validate': ['area-alt'] },
  },
  (tree, r) => {
    for (const el of tree.all) {
      if (el.tag !== 'area' || attr(el, 'href').kind === 'absent' || !visible(el)) continue;
      if (computedRole(el) !== 'link') continue;
      if (accessibleName(el, tree) === '') r.at(el, 'missing', { tag: describe(el, tree.text) });
    }
  },
);

export const svgImgName = a11yRule(
  {
    id: 'accessibility/svg-img-name',
    title: 'SVG with an image role has no accessible name',
    description:
      'An `<svg>` (or SVG shape) given role="img" (or its ARIA 1.3 synonym "image"), "graphics-document" or "graphics-symbol" is exposed as an image; without a `<title>` child, aria-label or aria-labelledby it is announced without any description.' + NAME_DOC,
    severity: 'high',
    messages: { missing: '`{{tag}}` has role="{{role}}" but no accessible name; add a `<title>` as its first child or an aria-label, or make it decorative with aria-hidden="true".' },
    remediation: 'Name informative SVGs with a `<title>` child or `aria-label`/`aria-labelledby`; hide decorative ones with `aria-hidden="true"`.',
    references: ['https://www.w3.org/TR/svg-aam-1.0/#mapping_additional_nd'],
    wcag: ['1.1.1'],
    act: ['7d6734'],
    equivalents: { axe: ['svg-img-alt'] },
  },
  (tree, r) => {
    for (const el of tree.all) {
      if (el.ns !== 'svg') continue;
      const tokens = roleTokens(el);
      const role = tokens?.find((t) => t === 'img' || t === 'image' || t === 'graphics-document' || t === 'graphics-symbol');
      if (!role || !visible(el)) continue;
      if (accessibleName(el, tree) === '') r.at(el, 'missing', { tag: describe(el, tree.text), role });
    }
  },
);

const MEDIA_EXT = /\.(png|jpe?g|gif|svg|webp|avif|bmp|ico|tiff?|mp3|wav|ogg|oga|m4a|aac|flac|mp4|m4v|webm|ogv|mov|avi|mkv)(\?|#|$)/i;

export const objectName = a11yRule(
  {
    id: 'accessibility/object-name',
    title: 'Object showing an image, audio or video has no accessible name',
    description:
      'An `<object>` that embeds an image, audio or video needs a text alternative in aria-label, aria-labelledby or title; its fallback content is not used as its name. Objects embedding documents (HTML, PDF) are not judged.' + NAME_DOC,
    severity: 'medium',
    messages: { missing: '`{{tag}}` embeds {{what}} but has no accessible name; add a title or aria-label describing it.' },
    remediation: 'Add `title` or `aria-label` to the `<object>`; better, use `<img>`, `<audio>` or `<video>` with their own text alternatives.',
    wcag: ['1.1.1'],
    act: ['8fc3b6'],
    equivalents: { axe: ['object-alt'], 'jsx-a11y': ['alt-text'], htmlcs: ['WCAG2AA.Principle1.Guideline1_1.1_1_1.H53,ARIA6'] },
  },
  (tree, r) => {
    for (const el of tree.all) {
      if (el.tag !== 'object' || el.ns !== 'html' || !visible(el)) continue;
      const tokens = roleTokens(el);
      if (tokens === null || tokens.length > 0) continue;
      const type = attrValue(el, 'type')?.toLowerCase() ?? '';
      const data = attrValue(el, 'data') ?? '';
      let what: string | undefined;
      if (/^(image|audio|video)\//.test(type)) what = type.split('/')[0] === 'image' ? 'an image' : type.split('/')[0];
      else if (!type && MEDIA_EXT.test(data)) what = 'media';
      if (!what) continue;
      if (accessibleName(el, tree) === '') r.at(el, 'missing', { tag: describe(el, tree.text), what });
    }
  },
);

export const buttonName = a11yRule(
  {
    id: 'accessibility/button-name',
    title: 'Button has no accessible name',
    description:
      'A button without text, aria-label or aria-labelledby is announced only as "button", so screen reader and voice control users cannot tell what it does or activate it by name. Icon-only buttons are the usual cause.' + NAME_DOC,
    severity: 'high',
    messages: { missing: '`{{tag}}` is a button without an accessible name; give it visible text, or an aria-label naming its action (e.g. aria-label="Close").' },
    remediation: 'Put text inside the button (visually hidden text is fine), or add `aria-label`/`aria-labelledby`. For `<input type="button">`, set `value`; for submit and reset inputs, give `value` text or leave it out (an empty `value=""` removes the default "Submit"/"Reset" label).',
    references: ['https://design-system.service.gov.uk/components/button/'],
    wcag: ['4.1.2'],
    act: ['97a4e1'],
    equivalents: { axe: ['button-name', 'input-button-name'], 'jsx-a11y': ['control-has-associated-label'], htmlcs: ['WCAG2AA.Principle4.Guideline4_1.4_1_2.H91.Button.Name', 'WCAG2AA.Principle4.Guideline4_1.4_1_2.H91.InputButton.Name'] },
  },
  (tree, r) => {
    for (const el of tree.all) {
      if (!el.intrinsic || el.ns !== 'html') continue;
      if (el.tag === 'input' && attrValue(el, 'type')?.trim().toLowerCase() === 'image') continue;
      const role = computedRole(el);
      if (role !== 'button' || !visible(el)) continue;
      if (accessibleName(el, tree) === '') r.at(el, 'missing', { tag: describe(el, tree.text) });
    }
  },
);

export const menuitemName = a11yRule(
  {
    id: 'accessibility/menuitem-name',
    title: 'Menu item has no accessible name',
    description:
      'An element with role="menuitem" and no text, aria-label or aria-labelledby is announced only as "menu item", so screen reader and voice control users cannot tell which command it runs. Icon-only menu entries are the usual cause.' + NAME_DOC,
    severity: 'high',
    messages: { missing: '`{{tag}}` is a menu item without an accessible name; give it text, or an aria-label naming the command (e.g. aria-label="New file").' },
    remediation: 'Put text in the menu item (visually hidden text is fine), or add `aria-label`/`aria-labelledby`.',
    references: ['https://www.w3.org/TR/wai-aria-1.2/#menuitem', 'https://www.w3.org/WAI/ARIA/apg/patterns/menubar/'],
    wcag: ['4.1.2'],
    act: ['m6b1q3'],
    equivalents: { axe: ['aria-command-name'] },
  },
  (tree, r) => {
    for (const el of tree.all) {
      if (!el.intrinsic || computedRole(el) !== 'menuitem' || !visible(el)) continue;
      if (accessibleName(el, tree) === '') r.at(el, 'missing', { tag: describe(el, tree.text) });
    }
  },
);

/** Roles whose elements ARIA 1.2 requires to have an accessible name, and what each is for users. */
const BY_LABEL = 'name it with aria-labelledby pointing at its visible caption, aria-label, or (on <progress>/<meter>) a <label for>';
const BY_TEXT = 'give it text, or an aria-label';
const BY_HEADING = 'name it with aria-labelledby pointing at its heading, or aria-label';
const NAMED_ROLES: Record<string, { what: string; how: string }> = {
  progressbar: { what: 'progress bar', how: BY_LABEL },
  meter: { what: 'meter', how: BY_LABEL },
  tooltip: { what: 'tooltip', how: BY_TEXT },
  treeitem: { what: 'tree item', how: BY_TEXT },
  dialog: { what: 'dialog', how: BY_HEADING },
  alertdialog: { what: 'alert dialog', how: BY_HEADING },
};

export const widgetName = a11yRule(
  {
    id: 'accessibility/aria-widget-name',
    title: 'Progress bar, meter, tooltip, tree item or dialog has no accessible name',
    description:
      'WAI-ARIA 1.2 requires an accessible name for progressbar, meter, tooltip, treeitem, dialog and alertdialog. Without one a screen reader announces only "progress bar 40%" or "dialog", not what is loading, measured or being asked: a progress bar or meter takes its name only from a label, aria-label, aria-labelledby or title, never from its content; a tooltip or tree item can take it from its text; a dialog should be labelled by its heading (aria-labelledby). Native `<progress>` and `<meter>` are checked too (a `<label for>` names them), and a native `<dialog>` when it is written open (a closed one is not rendered until script opens it).' + NAME_DOC,
    severity: 'medium',
    messages: { missing: '`{{tag}}` is a {{what}} without an accessible name, so screen readers announce only its role; {{how}}.' },
    remediation: 'Give the element a name: `aria-labelledby` pointing at visible text (a dialog\'s heading, the caption of a progress bar), `aria-label`, or for `<progress>`/`<meter>` a `<label for>`; give tooltips and tree items text.',
    references: ['https://www.w3.org/TR/wai-aria-1.2/#namecalculation', 'https://www.w3.org/TR/wai-aria-1.2/#progressbar', 'https://www.w3.org/TR/wai-aria-1.2/#dialog', 'https://www.w3.org/WAI/ARIA/apg/patterns/dialog-modal/'],
    wcag: ['1.1.1', '4.1.2'],
    equivalents: { axe: ['aria-progressbar-name', 'aria-meter-name', 'aria-tooltip-name', 'aria-treeitem-name', 'aria-dialog-name'] },
  },
  (tree, r) => {
    for (const el of tree.all) {
      if (!el.intrinsic || el.ns !== 'html') continue;
      const role = computedRole(el);
      const named = role ? NAMED_ROLES[role] : undefined;
      if (!named || !visible(el)) continue;
      // a <dialog> without `open` is not rendered until script opens it: judged only as written open
      if (el.tag === 'dialog' && attr(el, 'open').kind === 'absent') continue;
      if (accessibleName(el, tree) === '') r.at(el, 'missing', { tag: describe(el, tree.text), what: named.what, how: named.how });
    }
  },
);

export const linkName = a11yRule(
  {
    id: 'accessibility/link-name',
    title: 'Link has no accessible name',
    description:
      'A link with no text (for example one wrapping only an image with empty alt, or an icon) is announced as "link" or by its URL, so users cannot tell where it goes.' + NAME_DOC,
    severity: 'high',
    messages: { missing: '`{{tag}}` is a link without an accessible name; add link text, alt text on its image, or an aria-label describing the destination.' },
    remediation: 'Give every link text that describes its destination: text content, the `alt` of an image inside it, or `aria-label`.',
    references: ['https://design-system.service.gov.uk/styles/links/'],
    wcag: ['2.4.4', '4.1.2'],
    act: ['c487ae'],
    equivalents: { axe: ['link-name'], 'jsx-a11y': ['anchor-has-content'], htmlcs: ['WCAG2AA.Principle1.Guideline1_1.1_1_1.H30.2', 'WCAG2AA.Principle4.Guideline4_1.4_1_2.H91.A.NoContent'], 'html-validate': ['wcag/h30'] },
  },
  (tree, r) => {
    for (const el of tree.all) {
      if (!el.intrinsic || el.tag === 'area') continue;
      const role = computedRole(el);
      if (!role || baseRole(role) !== 'link' || !visible(el)) continue;
      if (accessibleName(el, tree) === '') r.at(el, 'missing', { tag: describe(el, tree.text) });
    }
  },
);

const FIELD_ROLES = new Set(['checkbox', 'combobox', 'listbox', 'menuitemcheckbox', 'menuitemradio', 'radio', 'searchbox', 'slider', 'spinbutton', 'switch', 'textbox']);
const ROLELESS_INPUTS = new Set(['password', 'date', 'datetime-local', 'month', 'time', 'week', 'color', 'file']);

export const formFieldLabel = a11yRule(
  {
    id: 'accessibility/form-field-label',
    title: 'Form field has no accessible name',
    description:
      'A text input, select, textarea, checkbox, radio or other form control without a label is announced without saying what to enter, and voice control users cannot target it. A field is named by `<label for>`, a wrapping `<label>`, aria-labelledby or aria-label; a placeholder is used only as a last resort (as browsers do) and is not a good label because it disappears when typing. A listbox that a combobox controls (its popup) is announced through the combobox and is not judged.' + NAME_DOC,
    severity: 'high',
    messages: { missing: '`{{tag}}` is a form field without an accessible name; associate a visible `<label for="…">` with it (or aria-labelledby).' },
    remediation: 'Add a visible `<label for="field-id">` (or wrap the field in `<label>`); use `aria-labelledby` for custom widgets. GOV.UK macros: set `label.text`.',
    references: ['https://design-system.service.gov.uk/components/text-input/', 'https://www.w3.org/WAI/tutorials/forms/labels/'],
    wcag: ['1.3.1', '2.5.3', '3.3.2', '4.1.2'],
    act: ['e086e5'],
    equivalents: { axe: ['label', 'select-name', 'aria-input-field-name', 'aria-toggle-field-name'], 'jsx-a11y': ['label-has-associated-control', 'control-has-associated-label'], htmlcs: ['WCAG2AA.Principle1.Guideline1_3.1_3_1.F68', 'WCAG2AA.Principle4.Guideline4_1.4_1_2.H91.InputText.Name', 'WCAG2AA.Principle4.Guideline4_1.4_1_2.H91.InputCheckbox.Name', 'WCAG2AA.Principle4.Guideline4_1.4_1_2.H91.InputRadio.Name', 'WCAG2AA.Principle4.Guideline4_1.4_1_2.H91.Select.Name', 'WCAG2AA.Principle4.Guideline4_1.4_1_2.H91.Textarea.Name'], 'html-validate': ['input-missing-label'] },
  },
  (tree, r) => {
    for (const el of tree.all) {
      if (!el.intrinsic) continue;
      // A <datalist> is never rendered (display: none): its options are offered in the popup of the input
      // that lists it, which is the field to label.
      if (el.tag === 'datalist' && el.ns === 'html') continue;
      const role = computedRole(el);
      let applicable = role ? FIELD_ROLES.has(role) : false;
      if (!applicable && role === undefined && el.tag === 'input' && el.ns === 'html') {
        applicable = ROLELESS_INPUTS.has(attrValue(el, 'type')?.trim().toLowerCase() ?? '');
      }
      if (!applicable || !visible(el)) continue;
      if (role === 'listbox' && isComboboxPopup(el, tree)) continue;
      if (accessibleName(el, tree) === '') r.at(el, 'missing', { tag: describe(el, tree.text) });
    }
  },
);

/** A listbox that a combobox in this file controls or owns: its popup, announced through the named combobox. */
function isComboboxPopup(el: AElement, tree: ATree): boolean {
  const id = attrValue(el, 'id')?.trim();
  if (!id) return false;
  return tree.all.some((c) => computedRole(c) === 'combobox' && ['aria-controls', 'aria-owns'].some((n) => attrValue(c, n)?.trim().split(/\s+/).includes(id)));
}

export const placeholderLabel = a11yRule(
  {
    id: 'accessibility/placeholder-label',
    title: 'Form field is labelled only by its placeholder',
    description:
      'Browsers use a placeholder as the accessible name of a field with no label, so automated name checks (and ACT rule e086e5) pass it. But the placeholder disappears as soon as someone types, is often low-contrast, and is not read by all assistive technology, so the field effectively has no visible label. GOV.UK: do not use placeholder text in place of a label.' + NAME_DOC,
    severity: 'medium',
    messages: { placeholderOnly: '`{{tag}}` is labelled only by its placeholder "{{placeholder}}", which disappears when typing; add a visible <label for="…"> and drop the placeholder.' },
    remediation: 'Add a visible `<label>` associated with the field; put any example format in hint text rather than a placeholder.',
    references: ['https://design-system.service.gov.uk/components/text-input/#avoid-placeholder-text', 'https://www.w3.org/WAI/tutorials/forms/instructions/#placeholder-text'],
    wcag: ['3.3.2'],
    equivalents: {},
  },
  (tree, r) => {
    for (const el of tree.all) {
      if (!el.intrinsic || el.ns !== 'html' || (el.tag !== 'input' && el.tag !== 'textarea')) continue;
      const ph = attr(el, 'placeholder');
      if (ph.kind !== 'static' || ph.value.trim() === '' || !visible(el)) continue;
      if (['aria-label', 'aria-labelledby', 'title'].some((a) => attr(el, a).kind !== 'absent')) continue;
      const labels = labelsOf(el, tree);
      if (labels === null || labels.length > 0) continue;
      const name = accessibleName(el, tree);
      if (name !== null && name !== '' && name === ph.value.replace(/\s+/g, ' ').trim()) r.at(el, 'placeholderOnly', { tag: describe(el, tree.text), placeholder: name });
    }
  },
);

export const iframeTitle = a11yRule(
  {
    id: 'accessibility/iframe-title',
    title: 'Frame has no accessible name',
    description:
      'Screen readers announce frames by their accessible name (usually the title attribute) so users can decide whether to enter them; an unnamed iframe is announced as "frame" only. The name attribute is not an accessible name.' + NAME_DOC,
    severity: 'medium',
    messages: { missing: '`{{tag}}` has no accessible name; add a title describing its content (e.g. title="Map of the office location").' },
    remediation: 'Add a `title` (or `aria-label`) describing the frame\'s content to every `<iframe>` that can receive focus.',
    wcag: ['4.1.2'],
    act: ['cae760'],
    equivalents: { axe: ['frame-title'], 'jsx-a11y': ['iframe-has-title'], htmlcs: ['WCAG2AA.Principle2.Guideline2_4.2_4_1.H64.1'] },
  },
  (tree, r) => {
    for (const el of tree.all) {
      if (el.tag !== 'iframe' || el.ns !== 'html' || !visible(el)) continue;
      const tokens = roleTokens(el);
      if (tokens === null || tokens.some((t) => t === 'none' || t === 'presentation')) continue;
      const ti = attr(el, 'tabindex');
      if (ti.kind === 'unknown' || (ti.kind === 'static' && parseInt(ti.value, 10) < 0)) continue;
      if (accessibleName(el, tree) === '') r.at(el, 'missing', { tag: describe(el, tree.text) });
    }
  },
);

export const summaryName = a11yRule(
  {
    id: 'accessibility/summary-name',
    title: 'Details summary has no accessible name',
    description:
      'The `<summary>` of a `<details>` element is the control that expands it. With no text it is announced as an unnamed button, so users cannot tell what the disclosure contains.' + NAME_DOC,
    severity: 'high',
    messages: { missing: '`{{tag}}` is the control for a <details> element but has no accessible name; add text saying what it reveals.' },
    remediation: 'Put descriptive text in the `<summary>` (e.g. "Help with nationality"). GOV.UK: use the Details component with `summaryText`.',
    references: ['https://www.w3.org/WAI/standards-guidelines/act/rules/2t702h/', 'https://design-system.service.gov.uk/components/details/'],
    wcag: ['4.1.2'],
    act: ['2t702h'],
    equivalents: { axe: ['summary-name'] },
  },
  (tree, r) => {
    for (const el of tree.all) {
      if (el.tag !== 'summary' || el.ns !== 'html' || !el.parent || el.parent.tag !== 'details') continue;
      if (el.parent.children.find((c) => c.type === 'element' && c.tag === 'summary') !== el) continue;
      const tokens = roleTokens(el);
      if (tokens === null || tokens.some((t) => t !== 'none' && t !== 'presentation')) continue;
      if (!visible(el)) continue;
      if (accessibleName(el, tree) === '') r.at(el, 'missing', { tag: describe(el, tree.text) });
    }
  },
);

export const emptyHeading = a11yRule(
  {
    id: 'accessibility/empty-heading',
    title: 'Heading is empty',
    description:
      'Screen reader users navigate by headings. An empty heading (no text, only an image with empty alt, or only hidden content) is announced as "heading level n" with nothing after it, which is confusing and breaks the page outline.' + NAME_DOC,
    severity: 'medium',
    messages: { empty: '`{{tag}}` is a heading without text; add heading text or remove the empty heading element.' },
    remediation: 'Put meaningful text in every heading, or remove empty heading elements (use CSS for spacing).',
    wcag: ['1.3.1', '2.4.6'],
    act: ['ffd0e9'],
    equivalents: { axe: ['empty-heading'], 'jsx-a11y': ['heading-has-content'], htmlcs: ['WCAG2AA.Principle1.Guideline1_3.1_3_1.H42.2'], 'html-validate': ['empty-heading'] },
  },
  (tree, r) => {
    for (const el of tree.all) {
      if (!el.intrinsic || computedRole(el) !== 'heading' || !visible(el)) continue;
      if (accessibleName(el, tree) === '') r.at(el, 'empty', { tag: describe(el, tree.text) });
    }
  },
);

export const NAME_RULES = [imgAlt, inputImageAlt, areaAlt, svgImgName, objectName, buttonName, menuitemName, widgetName, linkName, formFieldLabel, placeholderLabel, iframeTitle, summaryName, emptyHeading];
