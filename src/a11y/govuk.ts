/**
 * GOV.UK Frontend macro calls in Nunjucks/Jinja templates: `{{ govukInput({ label: { text: "…" } }) }}`.
 * The argument is parsed from the ORIGINAL text as a JavaScript object expression; Nunjucks-only syntax
 * (`~` concatenation, inline `if … else`) is rewritten first; anything non-literal is "unknown".
 */
import { createRequire } from 'node:module';
import type { TSESTree } from '@typescript-eslint/typescript-estree';

type Estree = typeof import('@typescript-eslint/typescript-estree');
let estree: Estree | undefined;
/** The JavaScript parser, loaded on the first macro call (it brings TypeScript, ~0.5 s to load). */
function parse(code: string, options: { range: true; loc: false; jsx: false }): TSESTree.Program {
  estree ??= createRequire(import.meta.url)('@typescript-eslint/typescript-estree') as Estree;
  return estree.parse(code, options);
}

export type MVal =
  | { kind: 'obj'; props: Map<string, MVal>; start: number }
  | { kind: 'arr'; items: MVal[] }
  | { kind: 'str'; value: string }
  | { kind: 'lit'; value: unknown }
  | { kind: 'unknown' };

export interface MacroCall {
  name: string;
  /** Offsets of the macro name in the file. */
  start: number;
  end: number;
  /** The parsed argument (unknown when not a literal object or not parseable). */
  arg: MVal;
}

const UNKNOWN: MVal = { kind: 'unknown' };

/** Find the matching `)` for the `(` at `open`, skipping strings; -1 if none. */
function matchParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      for (i++; i < text.length && text[i] !== c; i++) if (text[i] === '\\') i++;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return c === ')' ? i : -1;
    }
    // a template tag closing before the call does: malformed, give up
    if (depth > 0 && c === '%' && text[i + 1] === '}' && text[i - 1] !== '%') return -1;
  }
  return -1;
}

function toVal(n: TSESTree.Node, offset: number): MVal {
  switch (n.type) {
    case 'ObjectExpression': {
      const props = new Map<string, MVal>();
      for (const p of n.properties) {
        if (p.type !== 'Property') return UNKNOWN; // spread
        let key: string | undefined;
        if (!p.computed && p.key.type === 'Identifier') key = p.key.name;
        else if (p.key.type === 'Literal') key = String(p.key.value);
        if (key === undefined) return UNKNOWN;
        props.set(key, toVal(p.value, offset));
      }
      return { kind: 'obj', props, start: n.range[0] + offset };
    }
    case 'ArrayExpression':
      return { kind: 'arr', items: n.elements.map((e) => (e && e.type !== 'SpreadElement' ? toVal(e, offset) : UNKNOWN)) };
    case 'Literal':
      return typeof n.value === 'string' ? { kind: 'str', value: n.value } : { kind: 'lit', value: n.value };
    case 'TemplateLiteral':
      return n.expressions.length === 0 ? { kind: 'str', value: n.quasis.map((q) => q.value.cooked ?? '').join('') } : UNKNOWN;
    default:
      return UNKNOWN;
  }
}

/** Rewrite Nunjucks/Jinja expression syntax JavaScript cannot parse, keeping lengths where possible. */
function jsify(src: string): string {
  return src
    .replace(/("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|~/g, (m, str: string | undefined) => (str ? m : '+'))
    .replace(/\b(none|None)\b/g, (m) => (m === 'none' ? 'null' : 'null'))
    .replace(/\bTrue\b/g, 'true')
    .replace(/\bFalse\b/g, 'false');
}

export function parseMacroArg(src: string, offset: number): MVal {
  const attempts = [src, jsify(src)];
  for (const a of attempts) {
    try {
      const program = parse(`(${a})`, { range: true, loc: false, jsx: false });
      const stmt = program.body[0];
      if (stmt?.type === 'ExpressionStatement') return toVal(stmt.expression, offset - 1);
    } catch {
      // Nunjucks-only syntax (inline if/else, filters with arguments…): the argument is unknown
    }
  }
  return UNKNOWN;
}

/** Every call of the named macros in the text (inside `{{ }}` or `{% %}` tags). */
export function findMacroCalls(text: string, names: readonly string[]): MacroCall[] {
  const out: MacroCall[] = [];
  const re = new RegExp(`\\b(${names.join('|')})\\s*\\(`, 'g');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const name = m[1];
    const start = m.index;
    // only calls inside template tags; skip `{% macro govukX(params) %}` definitions and imports
    const before = text.slice(Math.max(0, start - 400), start);
    const tagOpen = Math.max(before.lastIndexOf('{{'), before.lastIndexOf('{%'));
    const tagClose = Math.max(before.lastIndexOf('}}'), before.lastIndexOf('%}'));
    if (tagOpen < 0 || tagClose > tagOpen) continue;
    if (/\{%-?\s*macro\s+$/.test(before.slice(tagOpen))) continue;
    const open = start + m[0].length - 1;
    const close = matchParen(text, open);
    if (close < 0) continue;
    const argSrc = text.slice(open + 1, close);
    const arg = argSrc.trim() === '' ? UNKNOWN : parseMacroArg(argSrc, open + 1);
    out.push({ name, start, end: start + name.length, arg });
  }
  return out;
}

/** A property of an object value: undefined when absent, UNKNOWN when the object itself is unknown. */
export function prop(v: MVal | undefined, key: string): MVal | undefined {
  if (!v) return undefined;
  if (v.kind === 'obj') return v.props.get(key);
  return v.kind === 'unknown' ? UNKNOWN : undefined;
}

/** Whether a value is provided and non-empty: true, false, or null (unknown). */
export function provided(v: MVal | undefined): boolean | null {
  if (v === undefined) return false;
  if (v.kind === 'unknown') return null;
  if (v.kind === 'str') return v.value.trim() !== '';
  if (v.kind === 'lit') return v.value !== null && v.value !== false && v.value !== undefined;
  return true;
}

/** Whether `at` lies inside a `{% call govukFieldset(…) %} … {% endcall %}` block (or NHS.UK's fieldset macro's) or a `<fieldset>` element. */
export function insideFieldset(text: string, at: number, htmlFieldsets = true): boolean {
  const before = text.slice(0, at);
  const callRe = new RegExp(`\\{%-?\\s*call\\b[^%]*?\\b(?:${[...macroNamesFor(text, 'fieldset').keys()].join('|')})\\s*\\(`, 'g');
  for (let m = callRe.exec(before); m; m = callRe.exec(before)) {
    const region = before.slice(m.index + m[0].length);
    const opens = (region.match(/\{%-?\s*call\b/g) ?? []).length;
    const closes = (region.match(/\{%-?\s*endcall\s*-?%\}/g) ?? []).length;
    if (1 + opens - closes > 0) return true;
  }
  if (!htmlFieldsets) return false;
  const opens = (before.match(/<fieldset[\s>]/gi) ?? []).length;
  const closes = (before.match(/<\/fieldset\s*>/gi) ?? []).length;
  return opens > closes;
}

/** GOV.UK Frontend and NHS.UK frontend components whose macros take the same parameters, by their folder name. */
export const COMPONENT_ROLES = {
  input: 'labelled',
  textarea: 'labelled',
  select: 'labelled',
  'file-upload': 'labelled',
  'character-count': 'labelled',
  'password-input': 'labelled',
  radios: 'grouped',
  checkboxes: 'grouped',
  'date-input': 'grouped',
  button: 'button',
  fieldset: 'fieldset',
} as const;
export type ComponentName = keyof typeof COMPONENT_ROLES;

const pascal = (folder: string) => folder.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());

/** The macro names a component is published under: GOV.UK's `govukFileUpload`, NHS.UK's `fileUpload` (v5–v10). */
function publishedNames(component: string): string[] {
  const p = pascal(component);
  return [`govuk${p}`, `nhsuk${p}`, p[0].toLowerCase() + p.slice(1)];
}

/** The imports of the template read last (rules ask about one file many times in a row). */
let lastImports: { text: string; macros: Map<string, ComponentName> } | undefined;

const IMPORT = /\{%-?\s*from\s+(["'])([^"'\n]+)\1\s+import\s+([^%]+?)\s*-?%\}/g;

/**
 * The component macros a template imports, by the name it calls them, with the component:
 * `{% from "nhsuk/components/input/macro.njk" import input as nhsukInput %}` → nhsukInput: input.
 * Only imports of a component folder's `macro.njk` whose imported name is the one the design system
 * publishes count (a project's own `input` macro is not these).
 */
export function importedComponentMacros(text: string): Map<string, ComponentName> {
  // asked for each macro call and fieldset check of a file, by three rules: read the imports once
  if (lastImports?.text === text) return lastImports.macros;
  const out = new Map<string, ComponentName>();
  lastImports = { text, macros: out };
  if (!text.includes('macro.njk')) return out;
  for (const m of text.matchAll(IMPORT)) {
    const folder = /(?:^|\/)([a-z-]+)\/macro\.njk$/.exec(m[2])?.[1];
    if (!folder || !(folder in COMPONENT_ROLES)) continue;
    const names = publishedNames(folder);
    for (const part of m[3].split(',')) {
      const [name, alias] = part.trim().split(/\s+as\s+/);
      if (names.includes(name) && /^[A-Za-z_$][\w$]*$/.test(alias ?? name)) out.set(alias ?? name, folder as ComponentName);
    }
  }
  return out;
}

/** Names a template calls a role's macros by: GOV.UK's own names, and what it imports from GOV.UK or NHS.UK components. */
export function macroNamesFor(text: string, role: (typeof COMPONENT_ROLES)[ComponentName]): Map<string, ComponentName> {
  const names = new Map<string, ComponentName>();
  for (const [component, r] of Object.entries(COMPONENT_ROLES) as [ComponentName, string][]) if (r === role) names.set(`govuk${pascal(component)}`, component);
  for (const [name, component] of importedComponentMacros(text)) if (COMPONENT_ROLES[component] === role) names.set(name, component);
  return names;
}
