/**
 * CSS read with PostCSS (loaded on first use): the declarations of a `style` attribute, and the
 * stylesheet of a `<style>` element as rules inside at-rules, with offsets into the element's text.
 */
import type { AtRule, ChildNode, Container, Declaration, Root } from 'postcss';
import { lazy } from '../lazy.js';

const postcss = lazy<typeof import('postcss')>('postcss');

export interface CssDeclaration {
  /** Lower-cased property name. */
  property: string;
  value: string;
  important: boolean;
}

function declarationsOf(container: Container<ChildNode>): CssDeclaration[] {
  const out: CssDeclaration[] = [];
  for (const n of container.nodes ?? []) {
    if (n.type === 'decl') out.push({ property: (n as Declaration).prop.toLowerCase(), value: (n as Declaration).value, important: !!(n as Declaration).important });
  }
  return out;
}

/** A stylesheet, or undefined when PostCSS cannot read it (a browser would still apply what it can: callers stay silent). */
export function parseStylesheet(css: string): Root | undefined {
  try {
    return postcss().parse(css);
  } catch {
    return undefined;
  }
}

/** The declarations of a `style` attribute in order, or [] when it does not parse. */
function styleDeclarations(style: string): CssDeclaration[] {
  const root = parseStylesheet(style);
  return root ? declarationsOf(root) : [];
}

/**
 * Per property, the declaration that wins in one declaration block: the last `!important` one, else
 * the last one (a later normal declaration does not beat an earlier important one).
 */
function cascade(decls: readonly CssDeclaration[]): Map<string, CssDeclaration> {
  const out = new Map<string, CssDeclaration>();
  for (const d of decls) {
    if (!d.value) continue;
    const prev = out.get(d.property);
    if (!prev || d.important || !prev.important) out.set(d.property, d);
  }
  return out;
}

/** A style rule of a stylesheet with the at-rules around it (innermost last). */
export interface CssRule {
  /** Its selectors, trimmed and lower-cased. */
  selectors: string[];
  /** The rule's winning declarations (see `cascade`). */
  declarations: Map<string, CssDeclaration>;
  atRules: { name: string; params: string }[];
  /** Offsets of the selector in the stylesheet's text. */
  start: number;
  end: number;
}

/** Every style rule of a stylesheet, in order. */
export function styleRules(root: Root): CssRule[] {
  const out: CssRule[] = [];
  root.walkRules((rule) => {
    const atRules: CssRule['atRules'] = [];
    for (let p = rule.parent; p && p.type === 'atrule'; p = p.parent) atRules.unshift({ name: (p as AtRule).name.toLowerCase(), params: (p as AtRule).params });
    const start = rule.source?.start?.offset ?? 0;
    out.push({ selectors: rule.selectors.map((s) => s.trim().toLowerCase()), declarations: cascade(declarationsOf(rule)), atRules, start, end: start + rule.selector.length });
  });
  return out;
}

const inlineMemo = new Map<string, Map<string, CssDeclaration>>();

/** The winning declarations of a `style` attribute's value, per lower-cased property (memoised: pages repeat their inline styles). */
export function inlineStyle(style: string): Map<string, CssDeclaration> {
  let d = inlineMemo.get(style);
  if (!d) {
    if (inlineMemo.size >= 4096) inlineMemo.clear();
    d = cascade(styleDeclarations(style));
    inlineMemo.set(style, d);
  }
  return d;
}
