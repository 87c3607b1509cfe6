/**
 * WAI-ARIA 1.2 data (w3.org/TR/wai-aria-1.2), with DPUB-ARIA 1.0 and Graphics-ARIA 1.0 roles.
 * Attribute support is listed per attribute ("Used in roles" plus the roles that inherit it).
 */

/** Global states and properties (ARIA 1.2 §6.4), including those deprecated as global in 1.2. */
export const GLOBAL_ATTRS = new Set([
  'aria-atomic', 'aria-busy', 'aria-controls', 'aria-current', 'aria-describedby', 'aria-details',
  'aria-disabled', 'aria-dropeffect', 'aria-errormessage', 'aria-flowto', 'aria-grabbed', 'aria-haspopup',
  'aria-hidden', 'aria-invalid', 'aria-keyshortcuts', 'aria-label', 'aria-labelledby', 'aria-live',
  'aria-owns', 'aria-relevant', 'aria-roledescription',
  // ARIA 1.3 (working draft, shipped in browsers): accepted so they are not reported as undefined.
  'aria-description', 'aria-braillelabel', 'aria-brailleroledescription',
]);

/** Attributes deprecated in WAI-ARIA. */
export const DEPRECATED_ATTRS: Record<string, string> = {
  'aria-grabbed': 'deprecated in WAI-ARIA 1.1; drag and drop needs no ARIA attribute',
  'aria-dropeffect': 'deprecated in WAI-ARIA 1.1; drag and drop needs no ARIA attribute',
};

const ERROR_ROLES = ['application', 'checkbox', 'combobox', 'gridcell', 'listbox', 'radiogroup', 'slider', 'spinbutton', 'textbox', 'tree', 'columnheader', 'rowheader', 'searchbox', 'switch', 'treegrid'];
/**
 * Global states WAI-ARIA 1.2 deprecates on every role but these (own or inherited support; they stop
 * being global in ARIA 1.3).
 */
export const ROLE_LIMITED_GLOBALS: Record<string, readonly string[]> = {
  'aria-disabled': [
    'application', 'button', 'gridcell', 'group', 'link', 'menuitem', 'scrollbar', 'separator', 'tab',
    'checkbox', 'columnheader', 'combobox', 'grid', 'listbox', 'menu', 'menubar', 'menuitemcheckbox', 'menuitemradio', 'option', 'radio',
    'radiogroup', 'row', 'rowheader', 'searchbox', 'slider', 'spinbutton', 'switch', 'tablist', 'textbox', 'toolbar', 'tree', 'treegrid', 'treeitem',
  ],
  'aria-errormessage': ERROR_ROLES,
  'aria-invalid': ERROR_ROLES,
  'aria-haspopup': ['application', 'button', 'combobox', 'gridcell', 'link', 'menuitem', 'slider', 'tab', 'textbox', 'treeitem', 'columnheader', 'menuitemcheckbox', 'menuitemradio', 'rowheader', 'searchbox'],
};

const RANGE = ['meter', 'progressbar', 'scrollbar', 'separator', 'slider', 'spinbutton'];
const CELLS = ['cell', 'columnheader', 'gridcell', 'rowheader'];

/** Non-global attributes and the roles that support them (own or inherited). */
export const ROLE_ATTRS: Record<string, string[]> = {
  'aria-activedescendant': ['application', 'combobox', 'grid', 'group', 'listbox', 'menu', 'menubar', 'radiogroup', 'row', 'searchbox', 'spinbutton', 'tablist', 'textbox', 'toolbar', 'tree', 'treegrid'],
  'aria-autocomplete': ['combobox', 'searchbox', 'textbox'],
  'aria-checked': ['checkbox', 'menuitemcheckbox', 'menuitemradio', 'option', 'radio', 'switch', 'treeitem'],
  'aria-colcount': ['grid', 'table', 'treegrid'],
  'aria-colindex': [...CELLS, 'row'],
  'aria-colindextext': [...CELLS, 'row'],
  'aria-colspan': CELLS,
  'aria-expanded': ['application', 'button', 'checkbox', 'columnheader', 'combobox', 'gridcell', 'link', 'listbox', 'menuitem', 'menuitemcheckbox', 'menuitemradio', 'row', 'rowheader', 'switch', 'tab', 'treeitem'],
  'aria-level': ['heading', 'listitem', 'row', 'treeitem', 'comment'],
  'aria-modal': ['alertdialog', 'dialog'],
  'aria-multiline': ['searchbox', 'textbox'],
  'aria-multiselectable': ['grid', 'listbox', 'tablist', 'tree', 'treegrid'],
  'aria-orientation': ['listbox', 'menu', 'menubar', 'radiogroup', 'scrollbar', 'select', 'separator', 'slider', 'tablist', 'toolbar', 'tree', 'treegrid'],
  'aria-placeholder': ['searchbox', 'textbox'],
  'aria-posinset': ['article', 'comment', 'listitem', 'menuitem', 'menuitemcheckbox', 'menuitemradio', 'option', 'radio', 'row', 'tab', 'treeitem'],
  'aria-pressed': ['button'],
  'aria-readonly': ['checkbox', 'columnheader', 'combobox', 'grid', 'gridcell', 'listbox', 'menuitemcheckbox', 'menuitemradio', 'radiogroup', 'rowheader', 'searchbox', 'slider', 'spinbutton', 'switch', 'textbox', 'treegrid'],
  'aria-required': ['checkbox', 'columnheader', 'combobox', 'gridcell', 'listbox', 'menuitemcheckbox', 'radiogroup', 'rowheader', 'searchbox', 'spinbutton', 'switch', 'textbox', 'tree', 'treegrid'],
  'aria-rowcount': ['grid', 'table', 'treegrid'],
  'aria-rowindex': [...CELLS, 'row'],
  'aria-rowindextext': [...CELLS, 'row'],
  'aria-rowspan': CELLS,
  'aria-selected': ['columnheader', 'gridcell', 'option', 'row', 'rowheader', 'tab', 'treeitem'],
  'aria-setsize': ['article', 'comment', 'listitem', 'menuitem', 'menuitemcheckbox', 'menuitemradio', 'option', 'radio', 'row', 'tab', 'treeitem'],
  'aria-sort': ['columnheader', 'rowheader'],
  'aria-valuemax': RANGE,
  'aria-valuemin': RANGE,
  'aria-valuenow': RANGE,
  'aria-valuetext': RANGE,
};

/**
 * Attributes WAI-ARIA 1.1 gave these roles (aria-expanded through the section, sectionhead, document and
 * window superclasses; aria-orientation through select; aria-level on grid) that ARIA 1.2 no longer lists.
 * Browsers still expose them and the HTML conformance checker accepts them, so they are legacy markup, not
 * attributes that are ignored: aria-allowed-attr does not report them.
 */
export const LEGACY_ROLE_ATTRS: Record<string, string[]> = {
  'aria-expanded': [
    'alert', 'alertdialog', 'article', 'banner', 'cell', 'complementary', 'contentinfo', 'definition', 'dialog',
    'directory', 'document', 'feed', 'figure', 'form', 'grid', 'group', 'heading', 'img', 'list', 'listitem', 'log',
    'main', 'marquee', 'math', 'menu', 'menubar', 'navigation', 'note', 'progressbar', 'radiogroup', 'region', 'search',
    'status', 'table', 'tablist', 'tabpanel', 'term', 'timer', 'toolbar', 'tooltip', 'tree', 'treegrid',
  ],
  'aria-orientation': ['combobox'],
  'aria-level': ['grid'],
};

export function isKnownAriaAttr(name: string): boolean {
  return GLOBAL_ATTRS.has(name) || name in ROLE_ATTRS;
}

/** ARIA 1.2 non-abstract roles. */
const ARIA_ROLES = [
  'alert', 'alertdialog', 'application', 'article', 'banner', 'blockquote', 'button', 'caption', 'cell', 'checkbox',
  'code', 'columnheader', 'combobox', 'complementary', 'contentinfo', 'definition', 'deletion', 'dialog', 'directory',
  'document', 'emphasis', 'feed', 'figure', 'form', 'generic', 'grid', 'gridcell', 'group', 'heading', 'img',
  'insertion', 'link', 'list', 'listbox', 'listitem', 'log', 'main', 'marquee', 'math', 'menu', 'menubar', 'menuitem',
  'menuitemcheckbox', 'menuitemradio', 'meter', 'navigation', 'none', 'note', 'option', 'paragraph', 'presentation',
  'progressbar', 'radio', 'radiogroup', 'region', 'row', 'rowgroup', 'rowheader', 'scrollbar', 'search', 'searchbox',
  'separator', 'slider', 'spinbutton', 'status', 'strong', 'subscript', 'superscript', 'switch', 'tab', 'table',
  'tablist', 'tabpanel', 'term', 'textbox', 'time', 'timer', 'toolbar', 'tooltip', 'tree', 'treegrid', 'treeitem',
  // ARIA 1.3 roles already implemented by browsers
  'comment', 'mark', 'suggestion', 'image',
];
const DPUB_ROLES = [
  'abstract', 'acknowledgments', 'afterword', 'appendix', 'backlink', 'biblioentry', 'bibliography', 'biblioref',
  'chapter', 'colophon', 'conclusion', 'cover', 'credit', 'credits', 'dedication', 'endnote', 'endnotes', 'epigraph',
  'epilogue', 'errata', 'example', 'footnote', 'foreword', 'glossary', 'glossref', 'index', 'introduction', 'noteref',
  'notice', 'pagebreak', 'pagefooter', 'pageheader', 'pagelist', 'part', 'preface', 'prologue', 'pullquote', 'qna',
  'subtitle', 'tip', 'toc',
].map((r) => `doc-${r}`);
const GRAPHICS_ROLES = ['graphics-document', 'graphics-object', 'graphics-symbol'];

export const VALID_ROLES = new Set([...ARIA_ROLES, ...DPUB_ROLES, ...GRAPHICS_ROLES]);
export const ABSTRACT_ROLES = new Set(['command', 'composite', 'input', 'landmark', 'range', 'roletype', 'section', 'sectionhead', 'select', 'structure', 'widget', 'window']);
export const DEPRECATED_ROLES: Record<string, string> = {
  directory: 'deprecated in WAI-ARIA 1.2; use `list`',
  'doc-biblioentry': 'deprecated in DPUB-ARIA 1.1; use `listitem` in a `doc-bibliography` list',
  'doc-endnote': 'deprecated in DPUB-ARIA 1.1; use `listitem` in a `doc-endnotes` list',
};

/** DPUB roles map to ARIA roles for attribute support and naming. */
const DPUB_BASE: Record<string, string> = {
  'doc-backlink': 'link', 'doc-biblioref': 'link', 'doc-glossref': 'link', 'doc-noteref': 'link',
  'doc-biblioentry': 'listitem', 'doc-endnote': 'listitem', 'doc-pagebreak': 'separator', 'doc-subtitle': 'heading',
  'doc-cover': 'img', 'doc-example': 'section', 'doc-pullquote': 'none', 'doc-tip': 'note', 'doc-notice': 'note',
  'graphics-document': 'document', 'graphics-object': 'group', 'graphics-symbol': 'img', image: 'img',
};

/** The ARIA role whose attribute support and naming a (possibly DPUB/Graphics) role follows. */
export function baseRole(role: string): string {
  return DPUB_BASE[role] ?? (role.startsWith('doc-') ? 'region' : role);
}

/** Required states and properties (ARIA 1.2). */
export const REQUIRED_ATTRS: Record<string, string[]> = {
  checkbox: ['aria-checked'],
  combobox: ['aria-controls', 'aria-expanded'],
  heading: ['aria-level'],
  menuitemcheckbox: ['aria-checked'],
  menuitemradio: ['aria-checked'],
  meter: ['aria-valuenow'],
  radio: ['aria-checked'],
  scrollbar: ['aria-controls', 'aria-valuenow'],
  slider: ['aria-valuenow'],
  switch: ['aria-checked'],
};

/**
 * Attributes an author must not use on the role (ARIA 1.2 "Prohibited States and Properties"; mark and
 * suggestion are the ARIA 1.3 roles whose name is prohibited, as for the text-level roles of 1.2).
 */
export const PROHIBITED_ATTRS: Record<string, string[]> = Object.fromEntries(
  ['caption', 'code', 'deletion', 'emphasis', 'generic', 'insertion', 'paragraph', 'presentation', 'none', 'strong', 'subscript', 'superscript', 'mark', 'suggestion'].map((r) => [r, ['aria-label', 'aria-labelledby']]),
);

/** Roles that take their name from content (ARIA 1.2 "Name From: contents"). */
export const NAME_FROM_CONTENT = new Set([
  'button', 'cell', 'checkbox', 'columnheader', 'gridcell', 'heading', 'link', 'menuitem', 'menuitemcheckbox',
  'menuitemradio', 'option', 'radio', 'row', 'rowheader', 'switch', 'tab', 'tooltip', 'treeitem', 'comment',
  'doc-backlink', 'doc-biblioref', 'doc-glossref', 'doc-noteref',
]);

/** Roles with presentational children (ARIA 1.2 "Children Presentational: True"). */
export const PRESENTATIONAL_CHILDREN = new Set([
  'button', 'checkbox', 'img', 'math', 'menuitemcheckbox', 'menuitemradio', 'meter', 'option', 'progressbar',
  'radio', 'scrollbar', 'separator', 'slider', 'switch', 'tab', 'graphics-symbol', 'doc-pagebreak',
]);

/** Required context roles (ARIA 1.2 "Required Context Role"). */
export const REQUIRED_CONTEXT: Record<string, string[]> = {
  cell: ['row'],
  columnheader: ['row'],
  gridcell: ['row'],
  listitem: ['list', 'directory'],
  menuitem: ['group', 'menu', 'menubar'],
  menuitemcheckbox: ['group', 'menu', 'menubar'],
  menuitemradio: ['group', 'menu', 'menubar'],
  option: ['group', 'listbox'],
  row: ['grid', 'rowgroup', 'table', 'treegrid'],
  rowgroup: ['grid', 'table', 'treegrid'],
  rowheader: ['row'],
  tab: ['tablist'],
  treeitem: ['group', 'tree'],
};

/** Required owned elements (ARIA 1.2 "Required Owned Elements"); `group > x` means a group owning x. */
export const REQUIRED_OWNED: Record<string, string[]> = {
  feed: ['article'],
  grid: ['row', 'rowgroup'],
  list: ['listitem'],
  listbox: ['group', 'option'],
  menu: ['group', 'menuitem', 'menuitemradio', 'menuitemcheckbox'],
  menubar: ['group', 'menuitem', 'menuitemradio', 'menuitemcheckbox'],
  radiogroup: ['radio'],
  row: ['cell', 'columnheader', 'gridcell', 'rowheader'],
  rowgroup: ['row'],
  table: ['row', 'rowgroup'],
  tablist: ['tab'],
  tree: ['group', 'treeitem'],
  treegrid: ['row', 'rowgroup'],
};

/** What a `group` may own inside each container (ARIA 1.2: "group → menuitem" etc.). */
export const GROUP_OWNED: Record<string, string[]> = {
  listbox: ['option'],
  menu: ['menuitem', 'menuitemradio', 'menuitemcheckbox', 'group'],
  menubar: ['menuitem', 'menuitemradio', 'menuitemcheckbox', 'group'],
  tree: ['treeitem', 'group'],
};

/** Landmark and widget roles, for "interactive" checks. */
export const WIDGET_ROLES = new Set([
  'button', 'checkbox', 'combobox', 'gridcell', 'link', 'listbox', 'menuitem', 'menuitemcheckbox', 'menuitemradio',
  'option', 'radio', 'scrollbar', 'searchbox', 'slider', 'spinbutton', 'switch', 'tab', 'textbox', 'treeitem',
  'doc-backlink', 'doc-biblioref', 'doc-glossref', 'doc-noteref',
]);

/** Boolean/tristate/token value sets (ARIA 1.2 value types), for attribute value checks. */
export const ATTR_VALUES: Record<string, readonly string[]> = {
  'aria-atomic': ['true', 'false'],
  'aria-busy': ['true', 'false'],
  'aria-checked': ['true', 'false', 'mixed', 'undefined'],
  'aria-current': ['page', 'step', 'location', 'date', 'time', 'true', 'false'],
  'aria-disabled': ['true', 'false'],
  'aria-expanded': ['true', 'false', 'undefined'],
  'aria-hidden': ['true', 'false', 'undefined'],
  'aria-invalid': ['grammar', 'false', 'spelling', 'true'],
  'aria-live': ['assertive', 'off', 'polite'],
  'aria-modal': ['true', 'false'],
  'aria-multiline': ['true', 'false'],
  'aria-multiselectable': ['true', 'false'],
  'aria-orientation': ['horizontal', 'undefined', 'vertical'],
  'aria-pressed': ['true', 'false', 'mixed', 'undefined'],
  'aria-readonly': ['true', 'false'],
  'aria-required': ['true', 'false'],
  'aria-selected': ['true', 'false', 'undefined'],
  'aria-sort': ['ascending', 'descending', 'none', 'other'],
  'aria-autocomplete': ['inline', 'list', 'both', 'none'],
  'aria-haspopup': ['false', 'true', 'menu', 'listbox', 'tree', 'grid', 'dialog'],
};
