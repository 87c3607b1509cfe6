/** WCAG 1.3.4 Orientation: a page turned by a quarter turn in one orientation, locking it to the other. */
import { a11yRule, MARKUP_KINDS } from '../../src/a11y/rule-kit.js';
import { isNotRendered } from '../../src/a11y/semantics.js';
import { parseStylesheet, styleRules, type CssDeclaration } from '../../src/a11y/css.js';
import { textContent, type AElement, type ATree } from '../../src/a11y/tree.js';

const UNIT: Record<string, number> = { deg: 1, rad: 180 / Math.PI, grad: 0.9, turn: 360 };

/** An angle in degrees (`90deg`, `1.5708rad`, `0.25turn`, `100grad`, or a bare 0), or undefined. */
function angle(s: string): number | undefined {
  const m = /^\s*([+-]?\d*\.?\d+(?:e[+-]?\d+)?)(deg|rad|grad|turn)?\s*$/i.exec(s);
  if (!m) return undefined;
  const n = Number(m[1]);
  if (!m[2]) return n === 0 ? 0 : undefined;
  return n * UNIT[m[2].toLowerCase()];
}

const numbers = (args: string): number[] | undefined => {
  const parts = args.split(',').map((p) => Number(p.trim()));
  return parts.every((n) => Number.isFinite(n)) ? parts : undefined;
};

/**
 * The rotation about the screen's axis that a `transform` value applies, in degrees, or undefined when it
 * holds something we do not read (skew, perspective, a rotation about another axis, var()).
 */
export function transformRotation(value: string): number | undefined {
  const v = value.trim();
  if (/^none$/i.test(v)) return 0;
  let total = 0;
  let rest = v;
  for (;;) {
    rest = rest.trimStart();
    if (!rest) return total;
    const m = /^([a-z0-9]+)\(([^()]*)\)/i.exec(rest);
    if (!m) return undefined;
    rest = rest.slice(m[0].length);
    const fn = m[1].toLowerCase();
    const args = m[2];
    if (/^(translate|translatex|translatey|translatez|translate3d)$/.test(fn)) continue;
    if (fn === 'rotate' || fn === 'rotatez') {
      const a = angle(args);
      if (a === undefined) return undefined;
      total += a;
    } else if (fn === 'rotate3d') {
      const parts = args.split(',');
      if (parts.length !== 4) return undefined;
      const axis = numbers(parts.slice(0, 3).join(','));
      const a = angle(parts[3]);
      if (!axis || a === undefined || axis[0] !== 0 || axis[1] !== 0 || axis[2] === 0) return undefined;
      total += axis[2] > 0 ? a : -a;
    } else if (fn === 'matrix' || fn === 'matrix3d') {
      const n = numbers(args);
      if (!n || n.length !== (fn === 'matrix' ? 6 : 16)) return undefined;
      total += (Math.atan2(n[1], n[0]) * 180) / Math.PI;
    } else return undefined;
  }
}

/** The rotation the `rotate` property applies about the screen's axis (`90deg`, `z 90deg`, `0 0 1 90deg`), or undefined. */
function rotateProperty(value: string): number | undefined {
  const v = value.trim().toLowerCase();
  if (v === 'none') return 0;
  const z = /^(?:z\s+|0\s+0\s+1\s+)?(\S+)$/.exec(v);
  return z ? angle(z[1]) : undefined;
}

/** How far an angle is from a quarter turn (90° or 270°), in degrees. */
function offQuarter(deg: number): number {
  const a = ((deg % 180) + 180) % 180;
  return Math.abs(a - 90);
}

/** The rotation a rule's declarations apply about the screen axis, or undefined when it cannot be read. */
function rotationOf(decls: Map<string, CssDeclaration>): number | undefined {
  const t = decls.has('transform') ? transformRotation(decls.get('transform')!.value) : 0;
  const p = decls.has('rotate') ? rotateProperty(decls.get('rotate')!.value) : 0;
  return t === undefined || p === undefined ? undefined : t + p;
}

const rotates = (decls: Map<string, CssDeclaration>) => decls.has('transform') || decls.has('rotate');

/** The page elements a rule's selectors name (`:root` is the html element): `html`, `body`. */
const pageSelectors = (selectors: string[]): string[] => selectors.map((x) => (x === ':root' ? 'html' : x)).filter((x) => x === 'html' || x === 'body');

/** The page's html or body element for a selector, to check it is rendered. */
function rootElement(tree: ATree, selector: string): AElement | undefined {
  const tag = selector.toLowerCase() === 'body' ? 'body' : 'html';
  return tree.all.find((e) => e.ns === 'html' && e.tag === tag);
}

export const orientationLock = a11yRule(
  {
    id: 'accessibility/orientation-lock',
    title: 'Page is turned a quarter turn in one screen orientation',
    description:
      'A stylesheet that rotates the whole page (`html`, `body` or `:root`) by 90 or 270 degrees inside an `@media (orientation: portrait)` or `(orientation: landscape)` block shows the content sideways in that orientation, so it is locked to the other one. People with a device mounted in a fixed orientation (on a wheelchair, for example) cannot read it (WCAG 1.3.4 Orientation). The page\'s own `<style>` blocks are read: `transform` rotations (rotate, rotateZ, rotate3d about the screen axis, matrix, matrix3d) and the `rotate` property; a rotation within 5 degrees of a quarter turn counts. A rotation applied in both orientations is not an orientation lock and is not reported.',
    severity: 'medium',
    messages: { rotated: '`{{selector}}` is turned {{degrees}} degrees more in {{orientation}} orientation than in {{other}}, so the page reads sideways there and is locked to the other orientation; let the content reflow instead of turning it.' },
    remediation: 'Remove the rotation from the orientation media query and design the layout to work in both portrait and landscape; if one orientation is essential (a piano app, a cheque deposit), explain why.',
    references: ['https://www.w3.org/WAI/WCAG22/Understanding/orientation.html'],
    wcag: ['1.3.4'],
    act: ['b33eff'],
    kinds: MARKUP_KINDS,
    equivalents: { axe: ['css-orientation-lock'] },
  },
  (tree, r) => {
    for (const style of tree.all) {
      if (style.ns !== 'html' || style.tag !== 'style' || style.inert) continue;
      const { text, dynamic } = textContent(style);
      if (dynamic || !/orientation/i.test(text)) continue;
      const sheet = parseStylesheet(text);
      if (!sheet) continue;
      const cssStart = style.children.find((c) => c.type === 'text')?.start ?? style.tagEnd;
      const rules = styleRules(sheet);
      /** The rotation the selector has outside media queries (the last top-level rule for it), 0 when none. */
      const baseRotation = (selector: string): number | undefined => {
        let base: number | undefined = 0;
        for (const rule of rules) {
          if (rule.atRules.length || !pageSelectors(rule.selectors).includes(selector)) continue;
          if (rotates(rule.declarations)) base = rotationOf(rule.declarations);
        }
        return base;
      };
      // per page selector: the last rule setting a rotation in each orientation, with where it is written
      const inOrientation = new Map<string, Partial<Record<'portrait' | 'landscape', { rotation: number | undefined; start: number; end: number }>>>();
      for (const rule of rules) {
        // one @media with a single orientation condition (no `not`, no list of queries)
        if (rule.atRules.length !== 1 || rule.atRules[0].name !== 'media' || /\bnot\b|,/i.test(rule.atRules[0].params)) continue;
        const o = /\(\s*orientation\s*:\s*(portrait|landscape)\s*\)/i.exec(rule.atRules[0].params);
        if (!o) continue;
        const orientation = o[1].toLowerCase() as 'portrait' | 'landscape';
        const selector = pageSelectors(rule.selectors)[0];
        if (!selector || !rotates(rule.declarations)) continue;
        const start = cssStart + rule.start;
        inOrientation.set(selector, { ...inOrientation.get(selector), [orientation]: { rotation: rotationOf(rule.declarations), start, end: cssStart + rule.end } });
      }
      for (const [selector, set] of inOrientation) {
        const base = baseRotation(selector);
        const portrait = set.portrait ? set.portrait.rotation : base;
        const landscape = set.landscape ? set.landscape.rotation : base;
        // turned a quarter turn in one orientation relative to the other (a page rotated alike in both is not locked)
        if (portrait === undefined || landscape === undefined || offQuarter(portrait - landscape) > 5) continue;
        const root = rootElement(tree, selector);
        if (root && isNotRendered(root) !== false) continue;
        const where = set.landscape && (!set.portrait || set.landscape.start > set.portrait.start) ? 'landscape' : 'portrait';
        const other = where === 'portrait' ? landscape : portrait;
        const mine = where === 'portrait' ? portrait : landscape;
        r.atOffsets(set[where]!.start, set[where]!.end, 'rotated', { selector, degrees: Math.round((mine - other) * 10) / 10, orientation: where, other: where === 'portrait' ? 'landscape' : 'portrait' });
      }
    }
  },
);

export const ORIENTATION_RULES = [orientationLock];
