/** WAI-ARIA usage: roles, attributes, required states, ownership, hiding and presentational roles. */
import {
  ABSTRACT_ROLES,
  ATTR_VALUES,
  DEPRECATED_ATTRS,
  DEPRECATED_ROLES,
  ROLE_LIMITED_GLOBALS,
  GLOBAL_ATTRS,
  GROUP_OWNED,
  LEGACY_ROLE_ATTRS,
  NAME_FROM_CONTENT,
  PRESENTATIONAL_CHILDREN,
  PROHIBITED_ATTRS,
  REQUIRED_ATTRS,
  REQUIRED_CONTEXT,
  REQUIRED_OWNED,
  ROLE_ATTRS,
  VALID_ROLES,
  baseRole,
  isKnownAriaAttr,
} from '../../src/a11y/aria.js';
import { accessibleName, lookupId } from '../../src/a11y/accname.js';
import { a11yRule, describe } from '../../src/a11y/rule-kit.js';
import {
  computedRole,
  explicitRole,
  hasBrowserSummary,
  hasGlobalAria,
  implicitRole,
  inInert,
  isFocusable,
  isFocusableAtAll,
  isHidden,
  isNotRendered,
  roleTokens,
} from '../../src/a11y/semantics.js';
import { attr, attrValue, textContent, type AElement, type ATree } from '../../src/a11y/tree.js';

const ARIA_REFS = ['https://www.w3.org/TR/wai-aria-1.2/', 'https://www.w3.org/TR/html-aria/'];
const UNKNOWN_NOTE = ' Elements whose role or attributes come from template output, JSX expressions or spread props are not judged.';

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  for (const c of candidates) {
    const dist = levenshtein(word, c);
    if (dist < bestD) {
      best = c;
      bestD = dist;
    }
  }
  return best;
}

const ALL_ARIA_ATTRS = [...GLOBAL_ATTRS, ...Object.keys(ROLE_ATTRS)];

/**
 * Roles outside WAI-ARIA that are used on purpose and that axe-core accepts (since 4.2): `role="text"`
 * stops VoiceOver on iOS splitting "<span class=visually-hidden>Important: </span>Data quality" into
 * separate stops, as NHS.UK Frontend's card and warning callout do. Browsers that do not know it fall
 * back to the element's own role, so nothing is lost.
 */
const ACCEPTED_EXTRA_ROLES = new Set(['text']);

export const ariaRoleValid = a11yRule(
  {
    id: 'accessibility/aria-role-valid',
    title: 'Role attribute has no valid ARIA role',
    description:
      'A role attribute whose tokens are all misspelt, invented or abstract ARIA roles (such as "lnik" or "widget") is ignored by browsers, so the element keeps its native semantics and assistive technology gets none of the intended behaviour. ARIA 1.2, DPUB-ARIA and Graphics-ARIA roles are accepted, and so is role="text" (not in ARIA, but used deliberately to stop VoiceOver on iOS splitting a phrase, and accepted by axe-core).' + UNKNOWN_NOTE,
    severity: 'high',
    messages: {
      invalid: 'role="{{value}}" contains no valid ARIA role{{hint}}; use a role from WAI-ARIA 1.2 or remove the attribute.',
      abstract: 'role="{{value}}" uses the abstract role "{{role}}", which authors must not use; choose a concrete role (for example {{hint}}).',
    },
    remediation: 'Use a concrete WAI-ARIA role spelt correctly (or better, the native HTML element with that role), or remove the role attribute.',
    references: ARIA_REFS,
    wcag: ['1.3.1', '4.1.2'],
    act: ['674b10'],
    equivalents: { axe: ['aria-roles'], 'jsx-a11y': ['aria-role'] },
  },
  (tree, r) => {
    for (const el of tree.all) {
      if (!el.intrinsic) continue;
      const a = attr(el, 'role');
      if (a.kind !== 'static') continue;
      const tokens = roleTokens(el) ?? [];
      if (tokens.length === 0 || tokens.some((t) => VALID_ROLES.has(t) || ACCEPTED_EXTRA_ROLES.has(t))) continue;
      if (isHidden(el) !== false) continue;
      const abstract = tokens.find((t) => ABSTRACT_ROLES.has(t));
      const SUGGEST: Record<string, string> = { widget: 'button', input: 'textbox', landmark: 'region', range: 'slider', section: 'region', sectionhead: 'heading', select: 'listbox', command: 'button', composite: 'grid', structure: 'group', window: 'dialog', roletype: 'generic' };
      if (abstract) r.atAttr(a.attr, 'abstract', { value: a.value.trim(), role: abstract, hint: SUGGEST[abstract] ?? 'region' });
      else {
        const guess = closest(tokens[0], VALID_ROLES);
        r.atAttr(a.attr, 'invalid', { value: a.value.trim(), hint: guess ? ` (did you mean "${guess}"?)` : '' });
      }
    }
  },
);

export const ariaAttrValid = a11yRule(
  {
    id: 'accessibility/aria-attr-valid',
    title: 'ARIA attribute is not defined in WAI-ARIA',
    description:
      'An aria-* attribute that WAI-ARIA does not define (usually a typo such as aria-labeledby) is ignored by browsers, so the label, state or relationship it was meant to provide never reaches assistive technology.' + UNKNOWN_NOTE,
    severity: 'high',
    messages: { unknown: '`{{name}}` is not a WAI-ARIA attribute, so it is ignored{{hint}}.' },
    remediation: 'Correct the attribute name (e.g. `aria-labelledby`, `aria-describedby`) or remove it.',
    references: ['https://www.w3.org/TR/wai-aria-1.2/#state_prop_def'],
    wcag: ['1.3.1', '4.1.2'],
    act: ['5f99a7'],
    equivalents: { axe: ['aria-valid-attr'], 'jsx-a11y': ['aria-props'] },
  },
  (tree, r) => {
    for (const el of tree.all) {
      if (!el.intrinsic) continue;
      for (const a of el.attrs.values()) {
        if (!a.name.startsWith('aria-') || isKnownAriaAttr(a.name)) continue;
        const guess = closest(a.name, ALL_ARIA_ATTRS);
        r.atAttr(a, 'unknown', { name: a.name, hint: guess ? `; did you mean \`${guess}\`` : '' });
      }
    }
  },
);

const TRUE_FALSE = ['true', 'false'];
/** WAI-ARIA 1.2 value types (§6.6 and each attribute's definition) for attributes with constrained values. */
const VALUE_TYPES: Record<string, { type: 'tokens'; values: readonly string[]; list?: boolean } | { type: 'integer' | 'number'; min?: number }> = {
  ...Object.fromEntries(Object.entries(ATTR_VALUES).map(([k, v]) => [k, { type: 'tokens' as const, values: v }])),
  'aria-grabbed': { type: 'tokens', values: ['true', 'false', 'undefined'] },
  'aria-dropeffect': { type: 'tokens', values: ['copy', 'execute', 'link', 'move', 'none', 'popup'], list: true },
  'aria-relevant': { type: 'tokens', values: ['additions', 'removals', 'text', 'all'], list: true },
  'aria-required': { type: 'tokens', values: TRUE_FALSE },
  // lower bounds from each attribute's definition: -1 means "unknown" for the counts and the set size
  'aria-colcount': { type: 'integer', min: -1 },
  'aria-colindex': { type: 'integer', min: 1 },
  'aria-colspan': { type: 'integer', min: 1 },
  'aria-level': { type: 'integer', min: 1 },
  'aria-posinset': { type: 'integer', min: 1 },
  'aria-rowcount': { type: 'integer', min: -1 },
  'aria-rowindex': { type: 'integer', min: 1 },
  'aria-rowspan': { type: 'integer', min: 0 },
  'aria-setsize': { type: 'integer', min: -1 },
  'aria-valuemax': { type: 'number' },
  'aria-valuemin': { type: 'number' },
  'aria-valuenow': { type: 'number' },
};

/** Why a value does not fit its attribute's type, or undefined when it does. */
export function ariaValueProblem(name: string, raw: string): string | undefined {
  const t = VALUE_TYPES[name];
  const value = raw.trim();
  if (!t || value === '') return undefined;
  if (t.type !== 'tokens') {
    if (t.type === 'integer') {
      if (!/^[-+]?\d+$/.test(value)) return t.min === undefined ? 'an integer' : `an integer of at least ${t.min}`;
      return t.min !== undefined && parseInt(value, 10) < t.min ? `an integer of at least ${t.min}` : undefined;
    }
    return /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?$/i.test(value) ? undefined : 'a number';
  }
  const tokens = t.list ? value.toLowerCase().split(/\s+/) : [value.toLowerCase()];
  if (tokens.every((v) => t.values.includes(v))) return undefined;
  return `${t.list ? 'a space-separated list of' : 'one of'} ${t.values.map((v) => `"${v}"`).join(', ')}`;
}

export const ariaValidAttrValue = a11yRule(
  {
    id: 'accessibility/aria-valid-attr-value',
    title: 'ARIA attribute has a value its type does not allow',
    description:
      'Each WAI-ARIA state and property has a value type: true/false, a tristate, a fixed set of tokens, an integer or a number. A value outside it (aria-expanded="collapsed", aria-rowindex="2.5", aria-valuenow="two", aria-level="0") is ignored or read as a default, so assistive technology reports the wrong state — a collapsed section announced as expanded, a required field not announced as required. Empty values, ID references and free text are not judged.' + UNKNOWN_NOTE,
    severity: 'high',
    messages: { invalid: '{{name}}="{{value}}" is not a valid value: {{name}} takes {{expected}}.' },
    remediation: 'Use a value the attribute allows (see the WAI-ARIA definition of the attribute), or remove the attribute to get its default.',
    references: ['https://www.w3.org/TR/wai-aria-1.2/#propcharacteristic_value', 'https://www.w3.org/TR/wai-aria-1.2/#state_prop_def'],
    wcag: ['4.1.2'],
    act: ['6a7281'],
    equivalents: { axe: ['aria-valid-attr-value'], 'jsx-a11y': ['aria-proptypes'] },
  },
  (tree, r) => {
    for (const el of tree.all) {
      if (!el.intrinsic || el.ns === 'math') continue;
      for (const a of el.attrs.values()) {
        if (!a.name.startsWith('aria-') || a.value === null) continue;
        const expected = ariaValueProblem(a.name, a.value);
        if (expected) r.atAttr(a, 'invalid', { name: a.name, value: a.value.length > 40 ? `${a.value.slice(0, 37)}…` : a.value, expected });
      }
    }
  },
);

/** Roles elements without an ARIA role mapping follow for attribute support (ARIA in HTML). */
function attrRoleFor(el: AElement): string | undefined | null {
  const role = computedRole(el);
  if (role !== undefined) return role === null ? null : baseRole(role);
  if (el.ns !== 'html') return undefined;
  if (el.tag === 'audio' || el.tag === 'video') return 'application';
  if (el.tag === 'input') {
    const t = attrValue(el, 'type')?.trim().toLowerCase();
    if (t === 'password' || t === 'date' || t === 'datetime-local' || t === 'month' || t === 'time' || t === 'week') return 'textbox';
  }
  return undefined;
}

/** Ids that aria-labelledby or aria-describedby point at in this file; `dynamic` when some of those values are templated. */
function labelReferences(tree: ATree): { ids: Set<string>; dynamic: boolean } {
  const ids = new Set<string>();
  let dynamic = false;
  for (const el of tree.all) {
    for (const n of ['aria-labelledby', 'aria-describedby']) {
      const a = attr(el, n);
      if (a.kind === 'static') for (const id of a.value.trim().split(/\s+/)) ids.add(id);
      else if (a.kind === 'unknown' && a.attr) dynamic = true;
    }
  }
  return { ids, dynamic };
}

/**
 * Whether a (prohibited) aria-label/aria-labelledby on a generic or text-level element still reaches users:
 * accname uses it when an ancestor takes its name from content (a button or link around an icon span), when
 * an ancestor is a label, legend or figcaption, or when an ancestor is the target of aria-labelledby or
 * aria-describedby in this file (a templated id, or a templated reference, may be). Null counts as yes. A
 * reference from another file (a template fragment's id used by its page) is not assumed: most ids are not
 * label sources, and the attribute is reported at low severity.
 */
function labelFeedsAName(el: AElement, refs: { ids: Set<string>; dynamic: boolean }): boolean {
  for (let p: AElement | null = el; p; p = p.parent) {
    if (!p.intrinsic) return true;
    const id = attr(p, 'id');
    if (id.kind === 'unknown' && (refs.dynamic || refs.ids.size > 0)) return true;
    if (id.kind === 'static' && (refs.ids.has(id.value) || refs.dynamic)) return true;
    if (p === el) continue;
    if (p.ns === 'html' && (p.tag === 'label' || p.tag === 'legend' || p.tag === 'figcaption')) return true;
    const role = computedRole(p);
    if (role === null || (role && NAME_FROM_CONTENT.has(baseRole(role)))) return true;
  }
  return false;
}

export const ariaAllowedAttr = a11yRule(
  {
    id: 'accessibility/aria-allowed-attr',
    title: 'ARIA attribute is not supported or is prohibited on this role',
    description:
      'Each ARIA role supports a set of states and properties. An attribute the element\'s role does not support (aria-checked on a button, aria-sort outside a column header) is ignored or misreported, and naming attributes (aria-label, aria-labelledby) are prohibited on generic and text-level roles such as div, span and p, where screen readers do not announce them. A naming attribute that still reaches users is not reported: one with a blank value, or one that accname uses because an ancestor takes its name from content (an icon span inside a button or link), is a label, legend or figcaption, or is the target of aria-labelledby/aria-describedby. aria-checked on a native checkbox or radio input is reported when it contradicts the `checked` attribute, since browsers expose the native state. aria-expanded, aria-level, aria-posinset and aria-setsize on a row are reported when the row belongs to a table or grid (ARIA 1.2 allows them on treegrid rows only). The role is the explicit role, or the implicit HTML role.' + UNKNOWN_NOTE,
    severity: 'medium',
    messages: {
      unsupported: '`{{name}}` is not supported on role "{{role}}" ({{tag}}), so it is ignored; remove it or use an element/role that supports it.',
      prohibited: '`{{name}}` is prohibited on role "{{role}}" ({{tag}}) and is not announced; put the text in the content, or use a role that can be named (e.g. a landmark or group).',
      rowOutsideTreegrid: '`{{name}}` is on a row of a {{container}} ({{tag}}); ARIA allows it on rows of a treegrid only, and browsers do not expose it here. Put the expand/collapse state on the control that toggles it (e.g. aria-expanded on a button), or make the widget a treegrid.',
      nativeChecked: 'aria-checked="{{value}}" contradicts the native state of `{{tag}}` ({{state}}); browsers announce the `checked` state and ignore aria-checked, so remove aria-checked and set or clear `checked` instead.',
    },
    remediation: 'Only use ARIA states and properties the role supports (WAI-ARIA 1.2 "Supported States and Properties"); move names onto elements with a nameable role.',
    references: ARIA_REFS,
    wcag: ['1.3.1', '4.1.2'],
    act: ['5c01ea'],
    equivalents: { axe: ['aria-allowed-attr', 'aria-prohibited-attr', 'aria-conditional-attr'], 'jsx-a11y': ['role-supports-aria-props'], 'html-validate': ['aria-label-misuse'] },
  },
  (tree, r) => {
    const refs = labelReferences(tree);
    for (const el of tree.all) {
      if (!el.intrinsic) continue;
      const aria = [...el.attrs.values()].filter((a) => a.name.startsWith('aria-'));
      if (aria.length === 0) continue;
      const role = attrRoleFor(el);
      if (!role || isHidden(el) !== false) continue;
      for (const a of aria) {
        const d = { name: a.name, role, tag: describe(el, tree.text) };
        if (a.name === 'aria-checked') {
          const state = nativeCheckedConflict(el, a.value);
          if (state) {
            r.atAttr(a, 'nativeChecked', { value: a.value?.trim() ?? '', tag: d.tag, state });
            continue;
          }
        }
        if (PROHIBITED_ATTRS[role]?.includes(a.name)) {
          if ((a.value === null || a.value.trim() !== '') && !labelFeedsAName(el, refs)) r.atAttr(a, 'prohibited', d, 'low');
          continue;
        }
        if (role === 'row' && TREEGRID_ROW_ATTRS.includes(a.name)) {
          const container = rowContainer(el, tree);
          if (container === 'table' || container === 'grid') r.atAttr(a, 'rowOutsideTreegrid', { ...d, container });
          continue;
        }
        const supported = ROLE_ATTRS[a.name];
        if (!supported || supported.includes(role) || LEGACY_ROLE_ATTRS[a.name]?.includes(role)) continue;
        r.atAttr(a, 'unsupported', d);
      }
    }
  },
);

/** Row attributes ARIA 1.2 reserves for rows of a treegrid ("authors MUST NOT apply" them to rows of a table or grid). */
const TREEGRID_ROW_ATTRS = ['aria-expanded', 'aria-level', 'aria-posinset', 'aria-setsize'];

/**
 * The role of the table, grid or treegrid a row belongs to; undefined when it cannot be told (a component or
 * template boundary above it, no container in this file, or the row is moved by aria-owns).
 */
function rowContainer(row: AElement, tree: ATree): string | undefined {
  const id = attrValue(row, 'id')?.trim();
  if (id && tree.all.some((o) => attrValue(o, 'aria-owns')?.trim().split(/\s+/).includes(id))) return undefined;
  for (let p = row.parent; p; p = p.parent) {
    if (!p.intrinsic) return undefined;
    const role = computedRole(p);
    if (role === null) return undefined;
    if (role === 'table' || role === 'grid' || role === 'treegrid') return role;
  }
  return undefined;
}

/**
 * aria-checked on a native checkbox or radio input, where the `checked` state is what browsers expose
 * (ARIA in HTML forbids aria-checked there): the contradicted state ("not checked"/"checked") when
 * the written value disagrees with the `checked` attribute; '' when it agrees, cannot be judged
 * ("mixed" is the script-set indeterminate state; a bound `checked` may match) or the element is not
 * such an input.
 */
function nativeCheckedConflict(el: AElement, value: string | null): string {
  if (el.ns !== 'html' || el.tag !== 'input') return '';
  const type = attr(el, 'type');
  if (type.kind !== 'static' || !['checkbox', 'radio'].includes(type.value.trim().toLowerCase())) return '';
  const v = value?.trim().toLowerCase();
  if (v !== 'true' && v !== 'false') return '';
  const checked = attr(el, 'checked');
  const initial = attr(el, 'defaultchecked');
  if (checked.kind === 'unknown' || initial.kind === 'unknown') return '';
  const isChecked = checked.kind === 'static' || initial.kind === 'static';
  if (v === 'true' && !isChecked) return 'not checked';
  if (v === 'false' && isChecked) return 'checked';
  return '';
}

/** Native states that satisfy a required ARIA attribute (ARIA in HTML). */
function nativelyProvided(el: AElement, name: string): boolean {
  if (el.ns !== 'html') return false;
  const type = attrValue(el, 'type')?.trim().toLowerCase();
  if (name === 'aria-checked') return el.tag === 'input' && (type === 'checkbox' || type === 'radio');
  if (name === 'aria-valuenow') return (el.tag === 'input' && (type === 'range' || type === 'number')) || el.tag === 'meter' || el.tag === 'progress';
  if (name === 'aria-level') return /^h[1-6]$/.test(el.tag);
  if (name === 'aria-expanded' || name === 'aria-controls') return el.tag === 'select';
  return false;
}

export const ariaRequiredAttr = a11yRule(
  {
    id: 'accessibility/aria-required-attr',
    title: 'Element with an ARIA role lacks a required state or property',
    description:
      'Some roles need states to work: a checkbox or switch must say whether it is checked (aria-checked), a slider its value (aria-valuenow), a heading its level (aria-level), a combobox whether it is expanded and, while expanded, which popup it controls. Without them assistive technology announces wrong or missing state. Native HTML states (a checked checkbox input, an h2) count; an empty value (aria-checked="", or a bare aria-checked) counts as not set, as ACT rule 4e8ab6 says.' + UNKNOWN_NOTE,
    severity: 'high',
    messages: {
      missing: 'role="{{role}}" requires {{attrs}}, which {{verb}} missing on `{{tag}}`; add {{attrs}} and keep {{pronoun}} updated by script.',
      empty: 'role="{{role}}" requires {{attrs}}, which {{verb}} set but empty on `{{tag}}`; an empty value counts as not set, so give {{pronoun}} a value and keep {{pronoun}} updated by script.',
    },
    remediation: 'Add the role\'s required states and properties (WAI-ARIA 1.2 "Required States and Properties"), or use the native HTML element, which provides them.',
    references: ARIA_REFS,
    wcag: ['1.3.1', '4.1.2'],
    act: ['4e8ab6'],
    equivalents: { axe: ['aria-required-attr'], 'jsx-a11y': ['role-has-required-aria-props'] },
  },
  (tree, r) => {
    for (const el of tree.all) {
      if (!el.intrinsic || el.spread) continue;
      const role = explicitRole(el);
      if (!role || role === implicitRole(el)) continue;
      let required = REQUIRED_ATTRS[role];
      if (role === 'separator') required = isFocusable(el) ? ['aria-valuenow'] : [];
      // A combobox needs aria-controls only while expanded (WAI-ARIA 1.2 combobox; axe-core and Alfa
      // agree): a collapsed one (aria-expanded="false", or a value set by script) may have no popup yet.
      if (role === 'combobox' && !/^\s*true\s*$/i.test(attrValue(el, 'aria-expanded') ?? '')) required = required?.filter((n) => n !== 'aria-controls');
      if (!required || required.length === 0 || isHidden(el) !== false) continue;
      // ACT 4e8ab6: required states and properties must be set and not empty ("")
      const isEmpty = (n: string): boolean => {
        const a = attr(el, n);
        return a.kind === 'static' && a.value.trim() === '';
      };
      const missing = required.filter((n) => (attr(el, n).kind === 'absent' || isEmpty(n)) && !nativelyProvided(el, n));
      if (missing.length === 0) continue;
      const a = attr(el, 'role');
      const attrs = missing.join(' and ');
      const many = missing.length > 1;
      const d = { role, attrs, verb: many ? 'are' : 'is', pronoun: many ? 'them' : 'it', tag: describe(el, tree.text) };
      const id = missing.every(isEmpty) ? 'empty' : 'missing';
      if (a.kind === 'static') r.atAttr(a.attr, id, d);
      else r.at(el, id, d);
    }
  },
);

export const ariaDeprecated = a11yRule(
  {
    id: 'accessibility/aria-deprecated',
    title: 'Deprecated ARIA role or attribute',
    description:
      'aria-grabbed and aria-dropeffect were deprecated in WAI-ARIA 1.1 and have no support in assistive technology; the directory role was deprecated in 1.2 and doc-biblioentry/doc-endnote in DPUB-ARIA 1.1. Code relying on them conveys nothing to users. WAI-ARIA 1.2 also deprecates aria-disabled, aria-errormessage, aria-haspopup and aria-invalid on roles that do not support them (aria-invalid on a tab, aria-haspopup on an img); these are reported on elements with an explicit role only.' + UNKNOWN_NOTE,
    severity: 'low',
    messages: {
      roleAttr: '`{{name}}` is deprecated on role "{{role}}" in WAI-ARIA 1.2 (no longer global in ARIA 1.3), so assistive technology may ignore it; put it on the control it describes{{hint}}, or remove it.',
      attr: '`{{name}}` is {{why}}; remove it and describe drag-and-drop in instructions or provide a non-drag alternative.',
      role: 'role="{{role}}" is {{why}}.',
    },
    remediation: 'Remove deprecated attributes; replace deprecated roles with their successors (`list`, `listitem`).',
    references: ['https://www.w3.org/TR/wai-aria-1.2/#deprecated', 'https://www.w3.org/TR/dpub-aria-1.1/'],
    wcag: ['4.1.2'],
    equivalents: { axe: ['aria-deprecated-role'] },
  },
  (tree, r) => {
    for (const el of tree.all) {
      if (!el.intrinsic) continue;
      for (const a of el.attrs.values()) if (DEPRECATED_ATTRS[a.name]) r.atAttr(a, 'attr', { name: a.name, why: DEPRECATED_ATTRS[a.name] });
      const role = explicitRole(el);
      const ra = attr(el, 'role');
      if (role && DEPRECATED_ROLES[role] && ra.kind === 'static') r.atAttr(ra.attr, 'role', { role, why: DEPRECATED_ROLES[role] });
      // role-limited globals: judged against an explicit role only (native elements' roles vary by type)
      if (!role || role === 'none' || role === 'presentation' || ra.kind !== 'static' || isHidden(el) !== false) continue;
      const base = baseRole(role);
      for (const [name, roles] of Object.entries(ROLE_LIMITED_GLOBALS)) {
        const a = el.attrs.get(name);
        if (!a || roles.includes(base)) continue;
        const hint = name === 'aria-disabled' ? '' : name === 'aria-haspopup' ? ' (a button or link)' : ' (the field or group that holds the value)';
        r.atAttr(a, 'roleAttr', { name, role: base, hint });
      }
    }
  },
);

/** Element roles used for ownership: computed role; generic elements without ARIA are transparent. */
function transparent(el: AElement): boolean | null {
  const role = computedRole(el);
  if (role === null) return null;
  if (role === 'none' || role === 'presentation') return true;
  if (role === 'generic' || role === undefined) {
    const g = hasGlobalAria(el);
    if (g === null) return null;
    const ti = attr(el, 'tabindex');
    return !g && ti.kind === 'absent';
  }
  return false;
}

function ownedIds(tree: ATree): Set<string> {
  const ids = new Set<string>();
  for (const el of tree.all) {
    const v = attrValue(el, 'aria-owns');
    if (v) for (const id of v.trim().split(/\s+/)) ids.add(id);
  }
  return ids;
}

export const ariaRequiredChildren = a11yRule(
  {
    id: 'accessibility/aria-required-children',
    title: 'ARIA container owns elements it must not',
    description:
      'Container roles define which roles they may own: a list owns listitems, a menu menuitems, a tablist tabs, a row cells. Other children (plain text, links, or the wrong role) break how assistive technology counts and navigates the items. Only explicit ARIA container roles are judged; elements without semantics are looked through, as browsers do.' + UNKNOWN_NOTE,
    severity: 'high',
    messages: {
      wrong: 'role="{{role}}" owns `{{child}}` (role {{childRole}}), but may only own {{allowed}}; wrap or change it.',
      text: 'role="{{role}}" directly contains the text "{{text}}", but may only own {{allowed}}; put the text inside an element with one of those roles.',
    },
    remediation: 'Give every owned element one of the container\'s required roles (e.g. `role="listitem"` inside `role="list"`), or use native elements (`<ul><li>`).',
    references: ARIA_REFS,
    wcag: ['1.3.1'],
    act: ['bc4a75'],
    equivalents: { axe: ['aria-required-children'] },
  },
  (tree, r) => {
    const owned = ownedIds(tree);
    for (const el of tree.all) {
      if (!el.intrinsic) continue;
      const role = explicitRole(el);
      if (!role || role === implicitRole(el) || computedRole(el) !== role) continue;
      const allowed = REQUIRED_OWNED[role];
      if (!allowed || isHidden(el) !== false) continue;
      if (attrValue(el, 'aria-busy')?.trim().toLowerCase() === 'true') continue;
      const allowedText = allowed.map((a) => `"${a}"`).join(', ');
      let reported = false;
      const check = (container: AElement, node: AElement, allowedRoles: string[]): void => {
        for (const c of node.children) {
          if (reported) return;
          if (c.type === 'text') {
            if (!c.dynamic && c.value.trim() !== '') {
              reported = true;
              r.atOffsets(c.start, c.end, 'text', { role, text: c.value.trim().slice(0, 40), allowed: allowedText });
            }
            continue;
          }
          if (!c.intrinsic || isNotRendered(c) !== false || isHidden(c) !== false) continue;
          const id = attrValue(c, 'id');
          if (id && owned.has(id) && tree.source !== 'jsx') continue;
          const t = transparent(c);
          if (t === null) continue;
          if (t) {
            check(container, c, allowedRoles);
            continue;
          }
          const cr = computedRole(c);
          if (!cr) continue;
          if (cr === 'group' && GROUP_OWNED[role]) {
            check(container, c, GROUP_OWNED[role]);
            continue;
          }
          if (!allowedRoles.includes(cr)) {
            reported = true;
            r.at(c, 'wrong', { role, child: describe(c, tree.text), childRole: cr, allowed: allowedRoles.map((a) => `"${a}"`).join(', ') });
          }
        }
      };
      check(el, el, allowed);
      const ownsAttr = attrValue(el, 'aria-owns');
      if (!reported && ownsAttr) {
        for (const id of ownsAttr.trim().split(/\s+/)) {
          const f = lookupId(tree, id);
          if (f.kind !== 'found' || isHidden(f.el) !== false) continue;
          const cr = computedRole(f.el);
          if (cr && !allowed.includes(cr) && cr !== 'none' && cr !== 'presentation' && cr !== 'generic') {
            r.at(f.el, 'wrong', { role, child: describe(f.el, tree.text), childRole: cr, allowed: allowedText });
            break;
          }
        }
      }
    }
  },
);

export const ariaRequiredParent = a11yRule(
  {
    id: 'accessibility/aria-required-parent',
    title: 'ARIA role is outside its required context',
    description:
      'Roles such as listitem, tab, option, menuitem, row and cell only make sense inside their container (list, tablist, listbox, menu, table/grid). Outside it, screen readers cannot announce position ("2 of 5") or navigate the set. Elements without semantics in between are looked through; a component or template boundary above the element is "cannot tell".' + UNKNOWN_NOTE,
    severity: 'high',
    messages: { missing: 'role="{{role}}" must be inside an element with role {{context}}, but its closest semantic ancestor is {{found}}; wrap it in the right container.' },
    remediation: 'Place the element inside its required container role (e.g. `role="tab"` inside `role="tablist"`), or use native elements (`<li>` in `<ul>`).',
    references: ARIA_REFS,
    wcag: ['1.3.1'],
    act: ['ff89c9'],
    equivalents: { axe: ['aria-required-parent'] },
  },
  (tree, r) => {
    const owners = new Map<string, AElement>();
    for (const el of tree.all) {
      const v = attrValue(el, 'aria-owns');
      if (v) for (const id of v.trim().split(/\s+/)) owners.set(id, el);
    }
    for (const el of tree.all) {
      if (!el.intrinsic) continue;
      const role = explicitRole(el);
      if (!role || role === implicitRole(el) || computedRole(el) !== role) continue;
      const context = REQUIRED_CONTEXT[role];
      if (!context || isHidden(el) !== false) continue;
      const id = attrValue(el, 'id');
      const ra0 = attr(el, 'role');
      if (id && owners.has(id)) {
        const o = computedRole(owners.get(id)!);
        if (o === null || (o && context.includes(o))) continue;
        // aria-owns moves the element into its owner: an owner with a known, different (non-generic) role is the wrong context
        if (o && o !== 'generic' && o !== 'none' && o !== 'presentation' && !(o === 'group' && ['menuitem', 'menuitemcheckbox', 'menuitemradio', 'option', 'treeitem'].includes(role)) && ra0.kind === 'static') {
          r.atAttr(ra0.attr, 'missing', { role, context: context.map((c) => `"${c}"`).join(' or '), found: `role "${o}" (its aria-owns owner)` });
          continue;
        }
      }
      let found: string | undefined;
      // a template block that a helper or macro may wrap in markup of its own: the container is unknown
      let unknown = el.wrapped === true;
      let p = el.parent;
      for (; p && !unknown; p = p.parent) {
        if (!p.intrinsic) {
          unknown = true;
          break;
        }
        // an autonomous custom element may get its role from script (ElementInternals, a shadow root)
        if (p.ns === 'html' && p.tag.includes('-') && attr(p, 'role').kind === 'absent') {
          unknown = true;
          break;
        }
        const t = transparent(p);
        if (t === null) {
          unknown = true;
          break;
        }
        if (t) {
          // a wrapper moved by aria-owns is in its owner's context
          const pid = attrValue(p, 'id');
          const owner = pid ? owners.get(pid) : undefined;
          if (owner) {
            const o = computedRole(owner);
            if (o === null) unknown = true;
            else found = o;
            break;
          }
          if (p.wrapped) unknown = true;
          continue;
        }
        found = computedRole(p) ?? undefined;
        break;
      }
      if (unknown) continue;
      if (!p) {
        // reached the top: in fragments and JSX the container may be outside this file
        let root = el;
        while (root.parent) root = root.parent;
        if (root.detached || !tree.fullPage) continue;
      }
      if (found && context.includes(found)) continue;
      if (found === 'group' && ['menuitem', 'menuitemcheckbox', 'menuitemradio', 'option', 'treeitem'].includes(role)) continue;
      const ra = attr(el, 'role');
      const d = { role, context: context.map((c) => `"${c}"`).join(' or '), found: found ? `role "${found}"` : 'the document' };
      if (ra.kind === 'static') r.atAttr(ra.attr, 'missing', d);
    }
  },
);

const FOCUS_LISTENER = /\.\s*(?:addEventListener\(\s*['"`]focus(?:in)?['"`]|onfocus(?:in)?\s*=)/;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A focus guard: an element whose focus handler sends focus elsewhere (the sentinels focus traps put
 * around a modal dialog). Whether it ever keeps focus depends on the script, so it is not judged.
 * Recognised: an onfocus/onfocusin attribute, or a page script statement that looks the element up
 * by its id (getElementById, querySelector('#id')) and listens for focus on it, directly or through
 * the variable it was assigned to.
 */
function hasFocusHandler(el: AElement, tree: ATree): boolean {
  if (el.attrs.has('onfocus') || el.attrs.has('onfocusin')) return true;
  const id = attrValue(el, 'id')?.trim();
  if (!id) return false;
  const lookup = new RegExp(`(?:getElementById\\(\\s*|querySelector\\(\\s*)(['"\`])#?${escapeRe(id)}\\1\\s*\\)`);
  for (const script of tree.all) {
    if (script.tag !== 'script') continue;
    const statements = tree.text.slice(script.tagEnd, script.end).split(/;|\n/);
    const vars: string[] = [];
    for (const st of statements) {
      const m = lookup.exec(st);
      if (m) {
        if (new RegExp(`^\\s*${FOCUS_LISTENER.source}`).test(st.slice(m.index + m[0].length))) return true;
        const v = /(?:const|let|var)?\s*([A-Za-z_$][\w$]*)\s*=\s*(?:document|window\.document)\s*\.\s*$/.exec(st.slice(0, m.index));
        if (v) vars.push(v[1]);
      } else if (vars.some((v) => new RegExp(`(?:^|[^\\w$.])${escapeRe(v)}\\s*${FOCUS_LISTENER.source}`).test(st))) return true;
    }
  }
  return false;
}

/** The first focusable element inside `el` (null: cannot tell). With `tree`, focus guards are passed over. */
function focusableInside(el: AElement, tree?: ATree): AElement | null | undefined {
  for (const c of el.children) {
    if (c.type !== 'element') continue;
    if (!c.intrinsic) return null;
    if (isNotRendered(c)) continue;
    // an inert subtree cannot be focused
    const inert = attr(c, 'inert');
    if (inert.kind === 'static') continue;
    if (inert.kind === 'unknown' && inert.attr) return null;
    const f = isFocusable(c);
    if (f === null) return null;
    if ((f || hasBrowserSummary(c)) && !(tree && hasFocusHandler(c, tree))) return c;
    const inner = focusableInside(c, tree);
    if (inner !== undefined) return inner;
  }
  return undefined;
}

export const ariaHiddenFocus = a11yRule(
  {
    id: 'accessibility/aria-hidden-focus',
    title: 'aria-hidden content can receive keyboard focus',
    description:
      'aria-hidden="true" removes content from the accessibility tree, but not from the tab order. A focusable element inside it (a link, button, input or tabindex="0") receives focus while screen readers announce nothing, or something unrelated. aria-hidden="false" on a descendant does not undo it. A `<details>` element without a `<summary>` child counts as focusable: the browser supplies its own "Details" summary. Content inside an `inert` container is not judged: nothing in it can take focus. Focus guards — elements with a focus handler (an `onfocus` attribute, or a page script listening for `focus` on their id) that send focus elsewhere, as focus traps around modal dialogs do — are not judged, since only the script decides where focus goes.' + UNKNOWN_NOTE,
    severity: 'high',
    messages: {
      self: '`{{tag}}` has aria-hidden="true" but is itself focusable; remove aria-hidden, or take it out of the tab order (tabindex="-1", disabled or hidden).',
      detailsSummary: '`{{tag}}` has aria-hidden="true" but no `<summary>` child, so the browser adds its own focusable "Details" summary; hide the whole element (`hidden`, `inert`) instead of aria-hidden, or remove aria-hidden.',
      inside: '`{{tag}}` is focusable inside aria-hidden="true" content; remove aria-hidden from the container, or make the control unfocusable (tabindex="-1", disabled) while it is hidden.',
    },
    remediation: 'Do not put focusable elements inside aria-hidden content; hide them entirely (`hidden`, `display:none`, `inert`) or give them `tabindex="-1"`.',
    references: ['https://www.w3.org/TR/wai-aria-1.2/#aria-hidden', 'https://developer.mozilla.org/en-US/docs/Web/Accessibility/ARIA/Attributes/aria-hidden'],
    wcag: ['1.3.1', '4.1.2'],
    act: ['6cfa84'],
    equivalents: { axe: ['aria-hidden-focus'], 'jsx-a11y': ['no-aria-hidden-on-focusable'], 'html-validate': ['hidden-focusable'] },
  },
  (tree, r) => {
    for (const el of tree.all) {
      if (!el.intrinsic || attrValue(el, 'aria-hidden')?.trim().toLowerCase() !== 'true') continue;
      // inert on the element or an ancestor takes everything in it out of the focus order
      if (isNotRendered(el) !== false || inInert(el)) continue;
      // only the outermost aria-hidden container reports
      let outer = true;
      for (let p = el.parent; p; p = p.parent) if (attrValue(p, 'aria-hidden')?.trim().toLowerCase() === 'true') outer = false;
      if (!outer) continue;
      const self = isFocusable(el) && !hasFocusHandler(el, tree);
      if (self) {
        r.at(el, 'self', { tag: describe(el, tree.text) });
        continue;
      }
      if (hasBrowserSummary(el)) {
        r.at(el, 'detailsSummary', { tag: describe(el, tree.text) });
        continue;
      }
      const inner = focusableInside(el, tree);
      if (inner) r.at(inner, 'inside', { tag: describe(inner, tree.text) });
    }
  },
);

export const ariaHiddenBody = a11yRule(
  {
    id: 'accessibility/aria-hidden-body',
    title: 'aria-hidden on the document body',
    description:
      'aria-hidden="true" on `<body>` (or `<html>`) hides the whole page from screen readers while it still looks and works normally for everyone else. It is usually left behind by a modal script.',
    severity: 'critical',
    messages: { hidden: '`{{tag}}` has aria-hidden="true", hiding the whole page from assistive technology; remove it (hide background content with `inert` on sibling containers instead).' },
    remediation: 'Remove `aria-hidden` from `<body>`/`<html>`. For modal dialogs, use `<dialog>` with `showModal()` or `inert` on the content behind the dialog.',
    references: ['https://www.w3.org/TR/wai-aria-1.2/#aria-hidden'],
    wcag: ['1.3.1', '4.1.2'],
    equivalents: { axe: ['aria-hidden-body'], 'html-validate': ['aria-hidden-body'] },
  },
  (tree, r) => {
    for (const el of tree.all) {
      if ((el.tag !== 'body' && el.tag !== 'html') || !el.intrinsic) continue;
      const a = attr(el, 'aria-hidden');
      if (a.kind === 'static' && a.value.trim().toLowerCase() === 'true') r.atAttr(a.attr, 'hidden', { tag: `<${el.tag}>` });
    }
  },
);

export const presentationRoleConflict = a11yRule(
  {
    id: 'accessibility/presentation-role-conflict',
    title: 'Element marked decorative is still exposed',
    description:
      'role="none"/"presentation" (or alt="" on an image) removes an element\'s semantics, but browsers must ignore that when the element is focusable or carries global ARIA attributes such as aria-label. The element is then exposed after all — usually unnamed or with the wrong role — contradicting the author\'s intent.' + UNKNOWN_NOTE,
    severity: 'medium',
    messages: {
      focusable: '`{{tag}}` is marked decorative but is focusable, so its role "{{role}}" is exposed anyway; remove the presentational role/empty alt, or make it unfocusable.',
      aria: '`{{tag}}` is marked decorative but has {{attr}}, so its role "{{role}}" is exposed anyway; remove {{attr}} or the presentational role/empty alt.',
    },
    remediation: 'Either make the element truly decorative (no tabindex, no global ARIA attributes) or give it proper semantics and a name instead of role="none"/alt="".',
    references: ['https://www.w3.org/TR/wai-aria-1.2/#conflict_resolution_presentation_none'],
    wcag: ['1.1.1', '4.1.2'],
    act: ['46ca7f'],
    equivalents: { axe: ['presentation-role-conflict'] },
  },
  (tree, r) => {
    for (const el of tree.all) {
      if (!el.intrinsic) continue;
      const explicit = explicitRole(el);
      const decorativeImg = el.tag === 'img' && el.ns === 'html' && attrValue(el, 'alt') === '' && explicit === undefined;
      if (!(explicit === 'none' || explicit === 'presentation' || decorativeImg)) continue;
      if (isHidden(el) !== false) continue;
      const role = implicitRole(el);
      const shown = role === 'presentation' ? 'img' : role ?? 'generic';
      const d = { tag: describe(el, tree.text), role: shown };
      if (isFocusableAtAll(el)) {
        r.at(el, 'focusable', d);
        continue;
      }
      const g = [...el.attrs.keys()].find((n) => GLOBAL_ATTRS.has(n) && n !== 'aria-hidden' && !n.startsWith('aria-braille') && n !== 'aria-description');
      if (g) r.atAttr(el.attrs.get(g)!, 'aria', { ...d, attr: g });
    }
  },
);

export const nestedInteractive = a11yRule(
  {
    id: 'accessibility/nested-interactive',
    title: 'Interactive control contains focusable content',
    description:
      'Buttons, checkboxes, tabs, options and similar roles have presentational children: assistive technology flattens their content, so a link or control nested inside is announced as plain text yet still takes keyboard focus. Interactive content inside a link is invalid HTML with the same effect.' + UNKNOWN_NOTE,
    severity: 'high',
    messages: {
      nested: '`{{inner}}` is focusable inside `{{outer}}` (role "{{role}}"), whose children are presentational; move it outside the control.',
      inLink: '`{{inner}}` is interactive content inside the link `{{outer}}`; links must not contain other controls — move it outside.',
    },
    remediation: 'Do not nest focusable elements in buttons, links or other widgets; place controls side by side (e.g. a split button as two buttons).',
    references: ['https://www.w3.org/TR/wai-aria-1.2/#childrenArePresentational', 'https://html.spec.whatwg.org/multipage/text-level-semantics.html#the-a-element'],
    wcag: ['4.1.2'],
    act: ['307n5z'],
    equivalents: { axe: ['nested-interactive'] },
  },
  (tree, r) => {
    for (const el of tree.all) {
      if (!el.intrinsic) continue;
      const role = computedRole(el);
      if (!role || isHidden(el) !== false) continue;
      const presentational = PRESENTATIONAL_CHILDREN.has(role);
      const isLink = el.ns === 'html' && el.tag === 'a' && role === 'link';
      if (!presentational && !isLink) continue;
      // inner controls of an outer control that already reports are not reported twice
      let reportedAbove = false;
      for (let p = el.parent; p; p = p.parent) {
        const pr = computedRole(p);
        if ((pr && PRESENTATIONAL_CHILDREN.has(pr)) || (p.tag === 'a' && pr === 'link')) reportedAbove = true;
      }
      if (reportedAbove) continue;
      const inner = focusableInside(el);
      if (!inner) continue;
      if (!presentational && isLink) {
        r.at(inner, 'inLink', { inner: describe(inner, tree.text), outer: describe(el, tree.text) });
        continue;
      }
      r.at(inner, 'nested', { inner: describe(inner, tree.text), outer: describe(el, tree.text), role });
    }
  },
);

/** Whether an inline script in the page mentions the id (it may create the element, or put it in a shadow root: cannot tell). */
function scriptMentions(tree: ATree, id: string): boolean {
  return tree.all.some((el) => el.ns === 'html' && el.tag === 'script' && textContent(el).text.includes(id));
}

export const ariaRequiredIdRef = a11yRule(
  {
    id: 'accessibility/aria-required-id-ref',
    title: 'Required aria-controls points at no element',
    description:
      'An expanded combobox must say which popup (listbox, grid, tree, dialog) it controls, and a scrollbar which content it scrolls: aria-controls is required for both. When none of the ids it lists exists in the page, assistive technology cannot reach the popup or the scrolled region. Judged only on complete static pages (every id in the file and none from template output, JSX or a fragment another page includes), and an id mentioned by an inline script is not judged, since the script may create the element. A combobox that is collapsed, or whose aria-expanded is set by script, is not judged.' + UNKNOWN_NOTE,
    severity: 'medium',
    messages: {
      missing: '`{{tag}}` (role "{{role}}") has aria-controls="{{value}}", but no element in the page has {{which}}; point aria-controls at the id of the {{target}} it controls.',
    },
    remediation: 'Give the popup (for a combobox) or the scrolled content (for a scrollbar) an id and list it in aria-controls; keep the reference updated when script replaces the element.',
    references: ['https://www.w3.org/TR/wai-aria-1.2/#combobox', 'https://www.w3.org/TR/wai-aria-1.2/#scrollbar', 'https://www.w3.org/TR/wai-aria-1.2/#aria-controls'],
    wcag: ['1.3.1', '4.1.2'],
    act: ['in6db8'],
    equivalents: { axe: ['aria-valid-attr-value'] },
  },
  (tree, r) => {
    if (!tree.complete) return;
    for (const el of tree.all) {
      if (!el.intrinsic || el.spread || el.inert || el.ns !== 'html') continue;
      const controls = attr(el, 'aria-controls');
      if (controls.kind !== 'static') continue;
      const ids = controls.value.trim().split(/\s+/).filter(Boolean);
      // an empty aria-controls is aria-required-attr's "empty" finding
      if (ids.length === 0) continue;
      const role = computedRole(el);
      if (role !== 'scrollbar' && !(role === 'combobox' && /^\s*true\s*$/i.test(attrValue(el, 'aria-expanded') ?? ''))) continue;
      if (ids.some((id) => lookupId(tree, id).kind !== 'missing' || scriptMentions(tree, id))) continue;
      r.atAttr(controls.attr, 'missing', {
        tag: describe(el, tree.text),
        role,
        value: controls.value.trim(),
        which: ids.length === 1 ? `id="${ids[0]}"` : `any of these ids`,
        target: role === 'scrollbar' ? 'content' : 'popup',
      });
    }
  },
);

export const ariaBrailleEquivalent = a11yRule(
  {
    id: 'accessibility/aria-braille-equivalent',
    title: 'Braille label or role description has no spoken equivalent',
    description:
      '`aria-braillelabel` and `aria-brailleroledescription` only change how a name or role description is shown on a braille display; WAI-ARIA 1.3 says they must not be used without the non-braille equivalent (an accessible name, `aria-roledescription`). Without it, speech users get no name or description at all, and browsers may ignore the braille value. Reported when the element\'s accessible name is certainly empty, or it has no `aria-roledescription` (or an empty one).' + UNKNOWN_NOTE,
    severity: 'medium',
    messages: {
      label: '`{{tag}}` has aria-braillelabel but no accessible name; give it a name (text content, aria-label, aria-labelledby, alt) that the braille label abbreviates.',
      roledescription: '`{{tag}}` has aria-brailleroledescription but {{why}}; add an aria-roledescription that the braille value abbreviates, or remove both.',
    },
    remediation: 'Keep aria-braillelabel and aria-brailleroledescription as abbreviations of an accessible name and an aria-roledescription the element also has; use them only when the braille rendering must differ.',
    references: ['https://w3c.github.io/aria/#aria-braillelabel', 'https://w3c.github.io/aria/#aria-brailleroledescription'],
    wcag: ['4.1.2'],
    equivalents: { axe: ['aria-braille-equivalent'] },
  },
  (tree, r) => {
    for (const el of tree.all) {
      if (!el.intrinsic || el.inert || el.ns === 'math') continue;
      const label = attr(el, 'aria-braillelabel');
      const roleDesc = attr(el, 'aria-brailleroledescription');
      if (label.kind !== 'static' && roleDesc.kind !== 'static') continue;
      if (isHidden(el) !== false) continue;
      if (label.kind === 'static' && label.value.trim() !== '' && accessibleName(el, tree) === '') r.atAttr(label.attr, 'label', { tag: describe(el, tree.text) });
      if (roleDesc.kind === 'static' && roleDesc.value.trim() !== '') {
        const rd = attr(el, 'aria-roledescription');
        if (rd.kind === 'unknown') continue;
        if (rd.kind === 'absent' || rd.value.trim() === '')
          r.atAttr(roleDesc.attr, 'roledescription', { tag: describe(el, tree.text), why: rd.kind === 'absent' ? 'no aria-roledescription' : 'an empty aria-roledescription' });
      }
    }
  },
);

export const ARIA_RULES = [ariaRoleValid, ariaAttrValid, ariaValidAttrValue, ariaAllowedAttr, ariaRequiredAttr, ariaDeprecated, ariaRequiredChildren, ariaRequiredParent, ariaHiddenFocus, ariaHiddenBody, presentationRoleConflict, nestedInteractive, ariaRequiredIdRef, ariaBrailleEquivalent];
