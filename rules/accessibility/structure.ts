/** Structure: tables, ids, focus order, form grouping, autocomplete, new-window links. */
import { accessibleName } from '../../src/a11y/accname.js';
import { hasBranchBoundary } from '../../src/parsers/template.js';
import { insideFieldset } from '../../src/a11y/govuk.js';
import { a11yRule, describe } from '../../src/a11y/rule-kit.js';
import { computedRole, explicitRole, isDisabled, isHidden, isNotRendered } from '../../src/a11y/semantics.js';
import { attr, attrValue, descendants, elementChildren, hasDynamicContent, textContent, type AElement, type ATree } from '../../src/a11y/tree.js';
import { AUTOFILL_OFF_SYNONYMS, checkAutocomplete, inputTypeHoldsField } from '../../src/a11y/values.js';

const TABLE_ROLES = new Set(['table', 'grid', 'treegrid']);

interface Cell {
  el: AElement;
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
}

/** HTML table grid (rows of this table only, with colspan/rowspan), or null when its rows are not all static. */
function htmlTableGrid(table: AElement): Cell[] | null {
  const rows: AElement[] = [];
  // where each row's row group ends: a rowspan never reaches into the next thead/tbody/tfoot
  // (HTML table processing model, "ending a row group"); consecutive bare rows form one group
  const groupEnd: number[] = [];
  const endGroup = (from: number): void => {
    for (let i = from; i < rows.length; i++) groupEnd[i] = rows.length;
  };
  let groupStart = 0;
  for (const c of table.children) {
    if (c.type === 'text') {
      if (c.dynamic) return null;
      continue;
    }
    if (!c.intrinsic) return null;
    if (c.tag === 'tr') rows.push(c);
    else if (c.tag === 'thead' || c.tag === 'tbody' || c.tag === 'tfoot') {
      endGroup(groupStart);
      groupStart = rows.length;
      for (const g of c.children) {
        if (g.type === 'text') {
          if (g.dynamic) return null;
          continue;
        }
        if (!g.intrinsic) return null;
        if (g.tag === 'tr') rows.push(g);
      }
      endGroup(groupStart);
      groupStart = rows.length;
    }
  }
  endGroup(groupStart);
  const cells: Cell[] = [];
  const taken = new Set<string>();
  rows.forEach((tr, ri) => {
    let col = 0;
    for (const c of tr.children) {
      if (c.type === 'text') {
        if (c.dynamic) throw new DynamicTable();
        continue;
      }
      if (!c.intrinsic) throw new DynamicTable();
      if (c.tag !== 'td' && c.tag !== 'th') continue;
      while (taken.has(`${ri}:${col}`)) col++;
      const colSpan = Math.max(1, parseInt(attrValue(c, 'colspan') ?? '1', 10) || 1);
      const rs = parseInt(attrValue(c, 'rowspan') ?? '1', 10);
      const rest = (groupEnd[ri] ?? rows.length) - ri;
      const rowSpan = rs === 0 ? rest : Math.min(rest, Math.max(1, rs || 1));
      for (let a = 0; a < rowSpan; a++) for (let b = 0; b < colSpan; b++) taken.add(`${ri + a}:${col + b}`);
      cells.push({ el: c, row: ri, col, rowSpan, colSpan });
      col += colSpan;
    }
  });
  return cells;
}

class DynamicTable extends Error {}

function safeGrid(table: AElement, text: string): Cell[] | null {
  try {
    const cells = htmlTableGrid(table);
    if (!cells) return null;
    // template output between rows is foster-parented out of the table by the parser: rows are unknown
    const re = /\uE000|\{\{|<%[=-]/g;
    const src = text.slice(table.start, table.end);
    for (let m = re.exec(src); m; m = re.exec(src)) {
      const at = table.start + m.index;
      if (!cells.some((c) => c.el.start <= at && at < c.el.end)) return null;
    }
    return cells;
  } catch (e) {
    if (e instanceof DynamicTable) return null;
    throw e;
  }
}

/** ARIA table grid: role=row elements and their cell-role children. */
function ariaTableGrid(table: AElement): Cell[] | null {
  const cells: Cell[] = [];
  let ri = 0;
  const CELL_ROLES = new Set(['cell', 'gridcell', 'columnheader', 'rowheader']);
  const visit = (e: AElement): boolean => {
    if (hasDynamicContent(e) && e !== table) {
      // a row or rowgroup with unknown content: cannot tell
      const r = computedRole(e);
      if (r === 'row' || r === 'rowgroup') return false;
    }
    for (const c of elementChildren(e)) {
      const role = computedRole(c);
      if (role === 'row') {
        let col = 0;
        for (const cell of elementChildren(c)) {
          const cr = computedRole(cell);
          if (cr && CELL_ROLES.has(cr)) cells.push({ el: cell, row: ri, col: col++, rowSpan: 1, colSpan: 1 });
        }
        ri++;
      } else if (role && TABLE_ROLES.has(role)) continue;
      else if (!visit(c)) return false;
    }
    return true;
  };
  if (hasDynamicContent(table)) return null;
  return visit(table) ? cells : null;
}

function headersOf(el: AElement): string[] | undefined {
  const h = attrValue(el, 'headers');
  return h === undefined ? undefined : h.trim().split(/\s+/).filter(Boolean);
}

export const thHasDataCells = a11yRule(
  {
    id: 'accessibility/th-has-data-cells',
    title: 'Table header cell has no cells',
    description:
      'A column or row header with no data cells under or beside it (for example a header row wider than the data rows, or cells pointing elsewhere with headers=) gives screen reader users a header that describes nothing, and usually signals a broken table. A header cell with no text is not judged (it labels nothing), and a cell that points at the header with aria-labelledby counts as assigned to it. Tables whose rows come from template loops or JSX expressions are not judged.',
    severity: 'medium',
    messages: { noCells: 'The {{kind}} header `{{tag}}` has no cells assigned to it; remove the header, add the missing cells, or fix the headers= references.' },
    remediation: 'Make sure every `<th>` has data cells in its column (or row); remove empty header cells or use `<td>` for non-header content.',
    references: ['https://www.w3.org/WAI/tutorials/tables/'],
    wcag: ['1.3.1'],
    act: ['d0f69e'],
    equivalents: { axe: ['th-has-data-cells'] },
  },
  (tree, r) => {
    for (const table of tree.all) {
      if (!table.intrinsic) continue;
      const role = computedRole(table);
      if (!role || !TABLE_ROLES.has(role) || isHidden(table) !== false) continue;
      const cells = table.tag === 'table' && table.ns === 'html' ? safeGrid(table, tree.text) : explicitRole(table) ? ariaTableGrid(table) : null;
      if (!cells) continue;
      if (cells.some((c) => c.el.attrs.get('headers')?.value === null || c.el.attrs.get('id')?.value === null)) continue;
      for (const h of cells) {
        const hr = computedRole(h.el);
        if (hr !== 'columnheader' && hr !== 'rowheader') continue;
        if (isHidden(h.el) !== false) continue;
        // an empty header cell labels nothing, so it has nothing to be assigned (empty headers are another check)
        if (accessibleName(h.el, tree) === '') continue;
        const id = attrValue(h.el, 'id');
        const assigned = cells.some((c) => {
          if (c === h) return false;
          // a cell that names itself after the header (aria-labelledby) is tied to it by the author
          if (id && attrValue(c.el, 'aria-labelledby')?.trim().split(/\s+/).includes(id)) return true;
          const hs = headersOf(c.el);
          if (hs) return id !== undefined && hs.includes(id);
          if (hr === 'columnheader') return c.row !== h.row && c.col < h.col + h.colSpan && h.col < c.col + c.colSpan && c.row >= h.row;
          return c.col !== h.col && c.row < h.row + h.rowSpan && h.row < c.row + c.rowSpan && c.col >= h.col;
        });
        if (!assigned) r.at(h.el, 'noCells', { kind: hr === 'columnheader' ? 'column' : 'row', tag: describe(h.el, tree.text) });
      }
    }
  },
);

export const layoutTableHeaders = a11yRule(
  {
    id: 'accessibility/layout-table-headers',
    title: 'Table marked as layout has header cells',
    description:
      'role="presentation" (or "none") on a `<table>` tells assistive technology it is only for layout: the table, its rows and its cells lose their semantics, so its `<th>` header cells are no longer announced as headers and the data cells lose their headers. Header cells mean the table holds data whose relationships matter, so marking it as layout hides structure that sighted users see (WCAG failure F92). Not judged: tables whose presentational role browsers ignore (focusable, or with a global ARIA attribute), hidden tables, header cells in a row or row group given a role of its own, header cells with their own role or no text, header cells of nested tables, and tables whose rows come from template output or components.',
    severity: 'medium',
    messages: {
      headers: '`{{table}}` is marked role="{{role}}" (layout only), but it has {{count}} header cell{{plural}} (first `{{th}}`), and the role strips their header semantics; remove the role if the table presents data, or use <td> (or CSS layout) if it does not.',
    },
    remediation: 'If the table presents data, remove `role="presentation"`/`role="none"` so its headers stay tied to their cells. If it is only for layout, use CSS instead of a table, or at least `<td>` cells rather than `<th>`.',
    references: ['https://www.w3.org/WAI/WCAG22/Techniques/failures/F92', 'https://www.w3.org/TR/wai-aria-1.2/#presentation', 'https://www.w3.org/WAI/tutorials/tables/'],
    wcag: ['1.3.1'],
    equivalents: { htmlcs: ['WCAG2AA.Principle1.Guideline1_3.1_3_1.F92,ARIA4'] },
  },
  (tree, r) => {
    for (const table of tree.all) {
      if (table.tag !== 'table' || table.ns !== 'html' || !table.intrinsic) continue;
      const role = attr(table, 'role');
      if (role.kind !== 'static') continue;
      // the first role token browsers support decides; a focusable table or one with global ARIA keeps its table role
      const first = role.value.trim().toLowerCase().split(/\s+/)[0];
      if ((first !== 'presentation' && first !== 'none') || computedRole(table) !== 'none') continue;
      if (isHidden(table) !== false) continue;
      const cells = safeGrid(table, tree.text);
      if (!cells) continue;
      const headers = cells.filter(({ el: th }) => {
        if (th.tag !== 'th' || attr(th, 'role').kind !== 'absent' || isHidden(th) !== false) return false;
        // presentation passes down only through rows and row groups without roles of their own
        for (let p = th.parent; p && p !== table; p = p.parent) if (attr(p, 'role').kind !== 'absent') return false;
        const t = textContent(th);
        return t.dynamic || t.text.trim() !== '';
      });
      if (headers.length === 0) continue;
      r.at(table, 'headers', { table: describe(table, tree.text), role: first, count: headers.length, plural: headers.length === 1 ? '' : 's', th: describe(headers[0]!.el, tree.text) });
    }
  },
);

export const tdHeadersAttr = a11yRule(
  {
    id: 'accessibility/td-headers-attr',
    title: 'Cell headers attribute refers outside its table',
    description:
      'The headers attribute of a table cell must list ids of other cells in the same table. A reference to a missing id, an id in another table, a non-cell element or the cell itself leaves screen readers announcing the wrong or no header for the cell.',
    severity: 'high',
    messages: {
      missing: 'headers="{{value}}" on `{{tag}}` refers to "{{id}}", which is not a cell of the same table; point it at the id of a th/td in this table.',
      self: 'headers="{{value}}" on `{{tag}}` refers to the cell itself; point it at the header cell(s) instead.',
    },
    remediation: 'Give header cells ids and list those ids in each data cell\'s `headers`; or drop `headers` and use `scope` on `<th>` for simple tables.',
    references: ['https://www.w3.org/WAI/tutorials/tables/multi-level/'],
    wcag: ['1.3.1'],
    act: ['a25f45'],
    equivalents: { axe: ['td-headers-attr'] },
  },
  (tree, r) => {
    for (const table of tree.all) {
      if (table.tag !== 'table' || table.ns !== 'html' || !table.intrinsic) continue;
      const role = computedRole(table);
      if (!role || !TABLE_ROLES.has(role) || isHidden(table) !== false) continue;
      const cells = safeGrid(table, tree.text);
      if (!cells) continue;
      const inTable = [...descendants(table)];
      if (inTable.some((e) => e.attrs.get('id')?.value === null || e.attrs.get('headers')?.value === null)) continue;
      const cellIds = new Map<string, AElement>();
      for (const c of cells) {
        const id = attrValue(c.el, 'id');
        if (id) cellIds.set(id, c.el);
      }
      for (const c of cells) {
        const h = attr(c.el, 'headers');
        // a hidden cell is not announced, so its headers mislead no one
        if (h.kind !== 'static' || isHidden(c.el) !== false) continue;
        for (const id of h.value.trim().split(/\s+/).filter(Boolean)) {
          const target = cellIds.get(id);
          const d = { value: h.value, id, tag: describe(c.el, tree.text) };
          if (target === c.el) {
            r.atAttr(h.attr, 'self', d);
            break;
          }
          if (!target) {
            r.atAttr(h.attr, 'missing', d);
            break;
          }
        }
      }
    }
  },
);

const REF_ATTRS = ['aria-labelledby', 'aria-describedby', 'aria-controls', 'aria-owns', 'aria-activedescendant', 'aria-errormessage', 'aria-details', 'aria-flowto', 'for', 'headers', 'list', 'form', 'usemap'];

function rootOf(el: AElement): AElement {
  let e = el;
  while (e.parent) e = e.parent;
  return e;
}

/** In a template, two elements separated by a conditional, loop, macro or block boundary may never render together. */
function mayCoexist(tree: ATree, a: AElement, b: AElement): boolean {
  if (tree.source === 'jsx') return rootOf(a) === rootOf(b);
  if (!tree.dialect) return true;
  const between = tree.text.slice(Math.min(a.start, b.start), Math.max(a.start, b.start));
  return !hasBranchBoundary(between, tree.dialect);
}

export const duplicateId = a11yRule(
  {
    id: 'accessibility/duplicate-id',
    title: 'Duplicate id',
    description:
      'Ids must be unique in a page. When an id is used twice, aria-labelledby, aria-describedby, label for=, headers= and similar references resolve to the first element only, so fields get the wrong label or description. Duplicates that are referenced are reported at the rule\'s severity; unreferenced duplicates at low severity. In templates, elements separated by {% if %}/{% else %}, macro or block boundaries (ERB `<% if %>`/`<% else %>`/`do` blocks, EJS code braces) are not compared; in JSX only elements of the same returned tree are.',
    severity: 'medium',
    messages: {
      referenced: 'id="{{id}}" is used {{count}} times and is referenced by {{by}}, which resolves to the first one only; give each element a unique id.',
      duplicate: 'id="{{id}}" is used {{count}} times in this file; ids must be unique.',
    },
    remediation: 'Make every id unique (e.g. suffix it with the field name or index) and update the references.',
    references: ['https://html.spec.whatwg.org/multipage/dom.html#the-id-attribute'],
    wcag: ['1.3.1', '4.1.2'],
    act: ['3ea0c8'],
    equivalents: { axe: ['duplicate-id-aria', 'duplicate-id-active', 'duplicate-id'], htmlcs: ['WCAG2AA.Principle4.Guideline4_1.4_1_1.F77'] },
  },
  (tree, r) => {
    const refs = new Map<string, string>();
    for (const el of tree.all) {
      for (const name of REF_ATTRS) {
        const v = attrValue(el, name);
        if (!v) continue;
        for (const id of (name === 'usemap' ? v.replace(/^#/, '') : v).trim().split(/\s+/)) if (!refs.has(id)) refs.set(id, name);
      }
    }
    for (const [id, list] of tree.byId) {
      const live = list.filter((e) => !e.inert);
      if (live.length < 2) continue;
      const first = live[0];
      const dups = live.slice(1).filter((e) => mayCoexist(tree, first, e));
      const count = dups.length + 1;
      if (count < 2) continue;
      for (const e of dups) {
        const a = e.attrs.get('id')!;
        const by = refs.get(id);
        if (by) r.atAttr(a, 'referenced', { id, count, by: by === 'for' ? 'a label for=' : by });
        else r.atAttr(a, 'duplicate', { id, count }, 'low');
      }
    }
  },
);

export const tabindexPositive = a11yRule(
  {
    id: 'accessibility/tabindex-positive',
    title: 'Positive tabindex changes the focus order',
    description:
      'A tabindex greater than 0 moves the element ahead of everything else in the keyboard focus order, so focus jumps around the page in an order that does not match the reading order. Keep the DOM order logical and use tabindex="0" or "-1" only.',
    severity: 'medium',
    messages: { positive: 'tabindex="{{value}}" on `{{tag}}` forces it ahead in the focus order; use tabindex="0" (or none) and order the markup instead.' },
    remediation: 'Remove positive tabindex values; reorder the HTML so the natural focus order matches the visual order.',
    references: ['https://www.w3.org/WAI/WCAG22/Techniques/failures/F44'],
    wcag: ['2.4.3'],
    equivalents: { axe: ['tabindex'], 'jsx-a11y': ['tabindex-no-positive'] },
  },
  (tree, r) => {
    for (const el of tree.all) {
      if (!el.intrinsic) continue;
      const t = attr(el, 'tabindex');
      // HTML's rules for parsing integers read the leading digits and ignore what follows: tabindex="1.5" is 1
      if (t.kind !== 'static' || !/^\s*\+?\d/.test(t.value)) continue;
      if (parseInt(t.value, 10) > 0) r.atAttr(t.attr, 'positive', { value: t.value.trim(), tag: describe(el, tree.text) });
    }
  },
);

export const formGroupFieldset = a11yRule(
  {
    id: 'accessibility/form-group-fieldset',
    title: 'Radio or checkbox group is not grouped with a legend',
    description:
      'Radios (and related checkboxes) sharing a name form one question. Without a `<fieldset>` and `<legend>` (or role="radiogroup"/"group" with a name), screen readers announce each option without the question it answers. GOV.UK Radios and Checkboxes always use a fieldset whose legend is the question. Groups wrapped in a govukFieldset call block are grouped; groups whose container may be in another template or component are not judged.',
    severity: 'medium',
    messages: {
      noFieldset: '{{count}} {{type}} inputs named "{{name}}" are not inside a <fieldset> (or role="{{role}}"); wrap them in a fieldset whose <legend> asks the question.',
      noLegend: 'The <fieldset> around the {{type}} inputs named "{{name}}" has no <legend>; add a legend that asks the question.',
      unnamedGroup: 'The role="{{role}}" container of the {{type}} inputs named "{{name}}" has no accessible name; add aria-labelledby pointing at the question.',
    },
    remediation: 'Wrap each radio/checkbox group in `<fieldset>` with a `<legend>` containing the question (GOV.UK: `govukRadios`/`govukCheckboxes` with `fieldset.legend`).',
    references: ['https://design-system.service.gov.uk/components/radios/', 'https://www.w3.org/WAI/tutorials/forms/grouping/'],
    wcag: ['1.3.1', '3.3.2'],
    equivalents: { axe: ['radiogroup'], htmlcs: ['WCAG2AA.Principle1.Guideline1_3.1_3_1.H71.NoLegend', 'WCAG2AA.Principle1.Guideline1_3.1_3_1.H71.SameName'] },
  },
  (tree, r) => {
    const groups = new Map<string, AElement[]>();
    for (const el of tree.all) {
      if (el.tag !== 'input' || el.ns !== 'html' || !el.intrinsic) continue;
      const type = attrValue(el, 'type')?.trim().toLowerCase();
      if (type !== 'radio' && type !== 'checkbox') continue;
      const name = attrValue(el, 'name');
      if (!name || isNotRendered(el) !== false) continue;
      let scope: AElement | undefined;
      for (let p = el.parent; p; p = p.parent) if (p.tag === 'form') scope = p;
      const key = `${type}\u0000${name}\u0000${scope ? scope.start : rootOf(el).start}`;
      const list = groups.get(key);
      if (list) list.push(el);
      else groups.set(key, [el]);
    }
    for (const [key, list] of groups) {
      if (list.length < 2) continue;
      const [type, name] = key.split('\u0000');
      const first = list[0];
      if (insideFieldset(tree.text, first.start, false)) continue;
      let group: AElement | undefined;
      let unknown = false;
      let hasForm = false;
      for (let p = first.parent; p; p = p.parent) {
        if (!p.intrinsic) unknown = true;
        if (p.tag === 'form') hasForm = true;
        if (group) continue;
        const role = explicitRole(p);
        if (p.tag === 'fieldset' || role === 'group' || role === 'radiogroup') group = p;
      }
      const role = type === 'radio' ? 'radiogroup' : 'group';
      const d = { count: list.length, type, name, role };
      if (!group) {
        if (unknown) continue;
        const root = rootOf(first);
        if ((root.detached || tree.source === 'jsx') && !hasForm) continue;
        r.at(first, 'noFieldset', d);
        continue;
      }
      if (group.tag === 'fieldset' && !explicitRole(group)) {
        const legend = elementChildren(group).find((c) => c.tag === 'legend');
        if (!legend && !group.attrs.has('aria-labelledby') && !group.attrs.has('aria-label') && !group.spread && !hasDynamicContent(group)) r.at(group, 'noLegend', d);
        continue;
      }
      if (accessibleName(group, tree) === '') r.at(group, 'unnamedGroup', d);
    }
  },
);

export const autocompleteValid = a11yRule(
  {
    id: 'accessibility/autocomplete-valid',
    title: 'autocomplete attribute has an invalid value',
    description:
      'Fields that collect the user\'s own details must identify their purpose with a valid autocomplete token (given-name, email, postal-code, tel…) so browsers can autofill them and assistive tools can add icons. Misspelt or mis-ordered tokens are ignored, and so is a token the input\'s type cannot hold (autocomplete="email" on type="number"). Values commonly used to stop autofill ("nope", "false") are not reported.',
    severity: 'medium',
    messages: {
      invalid: 'autocomplete="{{value}}" {{reason}}; use the HTML autofill tokens (e.g. "email", "given-name", "postal-code").',
      wrongType: 'autocomplete="{{value}}" asks for "{{field}}", which an <input type="{{type}}"> cannot hold, so it is never autofilled; give the input a type that takes that value (e.g. type="text"), or the token for what it really collects.',
    },
    remediation: 'Use a token from the HTML autofill list, in the order [section-*] [shipping|billing] [home|work|mobile|fax|pager] field [webauthn]; use "off" only where autofill must be prevented.',
    references: ['https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#autofill', 'https://www.w3.org/WAI/WCAG22/Understanding/identify-input-purpose.html'],
    wcag: ['1.3.5'],
    act: ['73f2c2'],
    equivalents: { axe: ['autocomplete-valid'], 'jsx-a11y': ['autocomplete-valid'], 'html-validate': ['valid-autocomplete'] },
  },
  (tree, r) => {
    for (const el of tree.all) {
      if (!el.intrinsic || el.ns !== 'html' || !['input', 'select', 'textarea'].includes(el.tag)) continue;
      const ac = attr(el, 'autocomplete');
      if (ac.kind !== 'static' || ac.value.trim() === '') continue;
      if (el.tag === 'input' && ['hidden', 'button', 'submit', 'reset', 'image', 'checkbox', 'radio', 'file'].includes(attrValue(el, 'type')?.trim().toLowerCase() ?? '')) continue;
      if (isDisabled(el) !== false || attrValue(el, 'aria-disabled')?.trim().toLowerCase() === 'true') continue;
      if (isHidden(el) !== false) continue;
      const tokens = ac.value.trim().toLowerCase().split(/\s+/);
      if (tokens.length === 1 && AUTOFILL_OFF_SYNONYMS.has(tokens[0])) continue;
      const c = checkAutocomplete(ac.value);
      if (!c.valid) {
        r.atAttr(ac.attr, 'invalid', { value: ac.value, reason: c.reason });
        continue;
      }
      if (el.tag !== 'input' || !c.field) continue;
      const type = attr(el, 'type');
      if (type.kind === 'unknown') continue;
      const written = type.kind === 'static' ? type.value : undefined;
      if (!inputTypeHoldsField(written, c.field)) r.atAttr(ac.attr, 'wrongType', { value: ac.value.trim(), field: c.field, type: written?.trim().toLowerCase() ?? 'text' });
    }
  },
);

const NEW_WINDOW_WORDS = /new (tab|window|browser)|opens? in|\bexternal\b|tab newydd|ffenestr newydd|taba ùr/i;

export const linkTargetBlank = a11yRule(
  {
    id: 'accessibility/link-target-blank',
    title: 'Link opens a new tab without saying so',
    description:
      'Links that open a new tab or window (target="_blank") disorient people using screen readers or magnification, and break the Back button. GOV.UK guidance: avoid them, and where needed say "(opens in new tab)" in the link text. Links whose text is not known statically, or that have aria-describedby, are not judged.',
    severity: 'low',
    messages: { unwarned: 'The link `{{tag}}` opens in a new tab but its text "{{name}}" does not say so; add "(opens in new tab)" to the link text, or open it in the same tab.' },
    remediation: 'Open links in the same tab where possible; otherwise include "(opens in new tab)" in the link text.',
    references: ['https://design-system.service.gov.uk/styles/links/#opening-links-in-a-new-tab', 'https://www.w3.org/WAI/WCAG22/Techniques/general/G201'],
    wcag: ['2.4.4'],
    equivalents: {},
  },
  (tree, r) => {
    for (const el of tree.all) {
      if (el.tag !== 'a' || !el.intrinsic || !el.attrs.has('href')) continue;
      if (attrValue(el, 'target')?.trim().toLowerCase() !== '_blank') continue;
      if (el.attrs.has('aria-describedby') || el.spread || isHidden(el) !== false) continue;
      const name = accessibleName(el, tree);
      if (name === null || name === '') continue;
      const title = attrValue(el, 'title') ?? '';
      if (NEW_WINDOW_WORDS.test(name) || NEW_WINDOW_WORDS.test(title)) continue;
      r.at(el, 'unwarned', { tag: describe(el, tree.text), name: name.length > 60 ? `${name.slice(0, 57)}…` : name });
    }
  },
);

const SCOPE_VALUES = new Set(['row', 'col', 'rowgroup', 'colgroup']);

export const scopeAttrValid = a11yRule(
  {
    id: 'accessibility/scope-attr-valid',
    title: 'scope attribute used wrongly',
    description:
      'Screen readers use `scope` on a header cell to announce which data cells it heads. In HTML it belongs on `<th>` only (on `<td>` it is obsolete and ignored; a page with an HTML 4 or XHTML 1 doctype, where it was valid on `<td>`, is not reported for that, as axe\'s html5-scope check does) and takes `row`, `col`, `rowgroup` or `colgroup`; any other value is ignored, so the header is guessed or lost. A best practice (axe scope-attr-valid) rather than a WCAG failure on its own, hence low severity; values written as template output are not judged.',
    severity: 'low',
    messages: {
      notTh: '`{{tag}}` is a data cell with scope="{{value}}", which only applies to header cells; make the cell a `<th scope="{{value}}">` if it is a header, or remove scope.',
      value: '`{{tag}}` has scope="{{value}}", which is not a valid value; use row, col, rowgroup or colgroup.',
    },
    remediation: 'Use `scope="col"` on column headers and `scope="row"` on row headers, on `<th>` elements only.',
    references: ['https://html.spec.whatwg.org/multipage/tables.html#attr-th-scope', 'https://www.w3.org/WAI/tutorials/tables/two-headers/'],
    wcag: [],
    equivalents: { axe: ['scope-attr-valid'], htmlcs: ['WCAG2AA.Principle1.Guideline1_3.1_3_1.H63.3', 'WCAG2AA.Principle1.Guideline1_3.1_3_1.H63.2'], 'html-validate': ['wcag/h63'] },
  },
  (tree, r) => {
    const legacy = legacyDoctype(tree.text);
    for (const el of tree.all) {
      if (!el.intrinsic || el.ns !== 'html' || el.inert || (el.tag !== 'th' && el.tag !== 'td')) continue;
      const a = attr(el, 'scope');
      if (a.kind !== 'static') continue;
      const value = a.value.trim();
      if (el.tag !== 'th' && !legacy) r.atAttr(a.attr, 'notTh', { tag: describe(el, tree.text), value });
      else if (!SCOPE_VALUES.has(value.toLowerCase())) r.atAttr(a.attr, 'value', { tag: describe(el, tree.text), value });
    }
  },
);

/**
 * The page declares an HTML 4 or XHTML 1 doctype (one with a public or system identifier other than
 * about:legacy-compat), under which `scope` on a data cell was valid.
 */
function legacyDoctype(text: string): boolean {
  const m = /^\uFEFF?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<!doctype\s+html\s+(public|system)\b([^>]*)>/i.exec(text.slice(0, 2000));
  return !!m && !(m[1].toLowerCase() === 'system' && /about:legacy-compat/i.test(m[2]));
}

export const accesskeysUnique = a11yRule(
  {
    id: 'accessibility/accesskeys',
    title: 'The same accesskey is given twice',
    description:
      'An `accesskey` gives an element a keyboard shortcut. When two elements of a page share one, browsers either focus only the first or cycle between them, so the shortcut does not do what its label promises. Reported once per repeated key, at its second use. A best practice (axe accesskeys) rather than a WCAG failure, hence low severity. In Nunjucks, elements on different branches of {% if %}/{% else %} or in different macros are not compared; template-output values are not judged.',
    severity: 'low',
    messages: { duplicate: 'accesskey="{{key}}" is given to {{count}} elements of this page (first `{{first}}`, then `{{tag}}`); give each element its own key (or drop accesskey, which can clash with assistive technology shortcuts).' },
    remediation: 'Give every accesskey a different character, or remove accesskey: shortcuts of a page clash with those of browsers and screen readers.',
    references: ['https://html.spec.whatwg.org/multipage/interaction.html#the-accesskey-attribute'],
    wcag: [],
    equivalents: { axe: ['accesskeys'] },
  },
  (tree, r) => {
    // elements by key, in page order; reported once per key, at the second element, with the count
    const byKey = new Map<string, AElement[]>();
    for (const el of tree.all) {
      if (!el.intrinsic || el.ns !== 'html' || el.inert) continue;
      const a = attr(el, 'accesskey');
      if (a.kind !== 'static') continue;
      const key = a.value.trim().toLowerCase();
      if (!key) continue;
      const list = byKey.get(key);
      if (list) list.push(el);
      else byKey.set(key, [el]);
    }
    for (const [, list] of byKey) {
      const first = list[0];
      const clashes = list.slice(1).filter((e) => mayCoexist(tree, first, e));
      if (clashes.length === 0) continue;
      const a = clashes[0].attrs.get('accesskey')!;
      r.atAttr(a, 'duplicate', { tag: describe(clashes[0], tree.text), key: attrValue(first, 'accesskey')!.trim(), first: describe(first, tree.text), count: clashes.length + 1 });
    }
  },
);

export const STRUCTURE_RULES = [thHasDataCells, layoutTableHeaders, tdHeadersAttr, scopeAttrValid, duplicateId, accesskeysUnique, tabindexPositive, formGroupFieldset, autocompleteValid, linkTargetBlank];
