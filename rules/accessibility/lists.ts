/** Lists: <ul>/<ol>/<menu> hold list items, <dl> holds term and description groups, and items sit in their list. */
import { a11yRule, describe } from '../../src/a11y/rule-kit.js';
import { computedRole, isHidden } from '../../src/a11y/semantics.js';
import { attr, type AElement, type ANode, type ATree } from '../../src/a11y/tree.js';

const LISTS = new Set(['ul', 'ol', 'menu']);
/** What the HTML content models allow besides the items: script-supporting elements. */
const SCRIPT_SUPPORTING = new Set(['script', 'template']);

/** Text that is only build-time placeholder tokens (`__TOC_PICKER__`), replaced by generated markup. */
const PLACEHOLDER = /^\s*(?:__[A-Z][A-Z0-9_]*__\s*)+$/;

/** An element whose own semantics a template, component or custom element may decide: not judged. */
function unknowable(el: AElement): boolean {
  return !el.intrinsic || el.ns !== 'html' || el.tag.includes('-') || attr(el, 'role').kind === 'unknown';
}

/** The list semantics are the element's own: no role attribute, or role="list" (a list given another role is not a list). */
function actsAsList(el: AElement): boolean {
  const role = attr(el, 'role');
  return role.kind === 'absent' || (role.kind === 'static' && computedRole(el) === 'list');
}

/**
 * The first child a list or definition list may not hold, with how many there are; undefined when all
 * are allowed, null when a child is template output or a component (cannot tell).
 */
function misplacedChildren(children: ANode[], allowed: (el: AElement) => boolean | null): { first: ANode; count: number } | undefined | null {
  let first: ANode | undefined;
  let count = 0;
  for (const c of children) {
    if (c.type === 'text') {
      // template output, or a build tool's placeholder (`__TOC__`) that becomes items
      if (c.dynamic || PLACEHOLDER.test(c.value)) return null;
      if (!c.value.trim()) continue;
    } else {
      if (unknowable(c)) return null;
      if (isHidden(c) === true) continue;
      const ok = allowed(c);
      if (ok === null) return null;
      if (ok) continue;
    }
    first ??= c;
    count++;
  }
  return first ? { first, count } : undefined;
}

function describeNode(n: ANode, tree: ATree): string {
  return n.type === 'text' ? `the text "${n.value.trim().slice(0, 40)}"` : `\`${describe(n, tree.text)}\``;
}

/** `and 2 more such children` after the first misplaced child. */
function more(n: number): string {
  return n > 1 ? ` and ${n - 1} more such child${n > 2 ? 'ren' : ''}` : '';
}

/** A list item, term or description outside its container: judged only when its parent is known (a fragment's top is not). */
function parentOf(el: AElement, tree: ATree): AElement | null | undefined {
  if (el.wrapped) return null;
  if (el.parent) return unknowable(el.parent) ? null : el.parent;
  let root = el;
  while (root.parent) root = root.parent;
  return root.detached || !tree.fullPage ? null : undefined;
}

export const listStructure = a11yRule(
  {
    id: 'accessibility/list-structure',
    title: 'List or definition list is not marked up as one',
    description:
      'Screen readers announce a list and its size ("list, 4 items") and let users move from item to item, but only when the markup follows HTML\'s content models: `<ul>`, `<ol>` and `<menu>` hold only `<li>` (and `<script>`/`<template>`), every `<li>` without a role sits in one of them (or in an element with role="list"), `<dl>` holds only `<dt>`/`<dd>` groups (optionally each wrapped in one `<div>`), and `<dt>`/`<dd>` sit in a `<dl>`. Anything else breaks the count and the item navigation, or is dropped from the list by assistive technology. Lists given another role (a `<ul role="tablist">`), items with their own role, items of a list made presentational with role="none" or "presentation" (its items lose their semantics with it), hidden elements, and lists whose content comes from template output, components or custom elements are not judged; in fragments and JSX an item at the top may be placed in a list elsewhere, and so may one at the top of a template block that a helper or macro wraps (ERB `<%= tag.ul do %>`, `content_for`, Jinja `{% macro %}`/`{% call %}` bodies), so those are not judged either.',
    severity: 'medium',
    messages: {
      listChild: '`<{{list}}>` may only contain <li> elements (and <script>/<template>), but it holds {{child}}{{more}}; wrap the content in <li>, or move it out of the list.',
      orphanItem: '`{{tag}}` is not inside a <ul>, <ol> or <menu> (or an element with role="list"), so it is not announced as a list item; put it in a list, or use another element.',
      roleParent: '`{{tag}}` is inside `<{{parent}} role="{{role}}">`, whose role replaces the list semantics, so it is not a list item; give it role="none" (keeping the role="{{role}}" items inside it) or the item role that role="{{role}}" expects.',
      dlChild: '`<dl>` may only contain <dt> and <dd> groups (each optionally wrapped in a <div>) and <script>/<template>, but it holds {{child}}{{more}}; mark terms with <dt> and descriptions with <dd>.',
      orphanDefinition: '`{{tag}}` is not inside a <dl> (directly, or in a <div> that is a child of one), so it is not announced as a term or description; put it in a <dl>.',
    },
    remediation: 'Keep list markup to its content model: `<ul>`/`<ol>` → `<li>`; `<dl>` → `<dt>` and `<dd>` (optionally grouped in `<div>`s). For layout, use `<div>`s with CSS instead of list elements.',
    references: ['https://html.spec.whatwg.org/multipage/grouping-content.html#the-ul-element', 'https://html.spec.whatwg.org/multipage/grouping-content.html#the-dl-element', 'https://www.w3.org/WAI/tutorials/page-structure/content/#lists'],
    wcag: ['1.3.1'],
    equivalents: { axe: ['list', 'listitem', 'definition-list', 'dlitem'] },
  },
  (tree, r) => {
    for (const el of tree.all) {
      if (unknowable(el) || el.inert || isHidden(el) === true) continue;
      if (LISTS.has(el.tag) && actsAsList(el)) {
        const bad = misplacedChildren(el.children, (c) => c.tag === 'li' || SCRIPT_SUPPORTING.has(c.tag) || (attr(c, 'role').kind === 'static' && computedRole(c) === 'listitem'));
        if (bad) r.at(bad.first.type === 'element' ? bad.first : el, 'listChild', { list: el.tag, child: describeNode(bad.first, tree), more: more(bad.count) });
      } else if (el.tag === 'dl' && attr(el, 'role').kind === 'absent') {
        const groupItem = (c: AElement) => c.tag === 'dt' || c.tag === 'dd' || SCRIPT_SUPPORTING.has(c.tag);
        const bad = misplacedChildren(el.children, (c) => {
          if (c.tag !== 'div') return groupItem(c);
          // a <div> groups one term-description group: its own children must be dt/dd
          const inner = misplacedChildren(c.children, groupItem);
          return inner === null ? null : inner === undefined;
        });
        if (bad) {
          // a group <div> with something else in it: point at that
          const inner = bad.first.type === 'element' && bad.first.tag === 'div' ? misplacedChildren(bad.first.children, groupItem) : undefined;
          const at = inner ? inner.first : bad.first;
          r.at(at.type === 'element' ? at : el, 'dlChild', { child: describeNode(at, tree), more: more(bad.count) });
        }
      } else if (el.tag === 'li' && attr(el, 'role').kind === 'absent') {
        const p = parentOf(el, tree);
        if (p === null) continue;
        if (p && ((LISTS.has(p.tag) && actsAsList(p)) || (attr(p, 'role').kind === 'static' && computedRole(p) === 'list'))) continue;
        // role="none"/"presentation" on a list passes to its items (they are its required owned elements): the
        // items are presentational too, not misplaced (WAI-ARIA 1.2, presentational roles conflict resolution)
        if (p && LISTS.has(p.tag) && attr(p, 'role').kind === 'static' && (computedRole(p) === 'none' || computedRole(p) === null)) continue;
        const role = p && LISTS.has(p.tag) ? attr(p, 'role') : undefined;
        if (role?.kind === 'static') r.at(el, 'roleParent', { tag: describe(el, tree.text), parent: p!.tag, role: role.value.trim() });
        else r.at(el, 'orphanItem', { tag: describe(el, tree.text) });
      } else if ((el.tag === 'dt' || el.tag === 'dd') && attr(el, 'role').kind === 'absent') {
        const p = parentOf(el, tree);
        if (p === null) continue;
        if (p?.tag === 'dl') continue;
        if (p?.tag === 'div') {
          const gp = parentOf(p, tree);
          if (gp === null || gp?.tag === 'dl') continue;
        }
        r.at(el, 'orphanDefinition', { tag: describe(el, tree.text) });
      }
    }
  },
);

export const LIST_RULES = [listStructure];
