/** Shared plumbing for accessibility rules: metadata defaults and a tree-based check. */
import type { Rule, RuleContext, RuleMeta } from '../model/rule.js';
import type { Severity } from '../model/severity.js';
import type { DocumentKind } from '../model/kinds.js';
import { treeOf, type AAttr, type AElement, type ATree } from './tree.js';

/** Markup: HTML, and server-side templates read as the HTML they produce (Nunjucks/Jinja family, ERB, EJS). */
export const MARKUP_KINDS: DocumentKind[] = ['html', 'nunjucks', 'erb', 'ejs'];
export const ALL_KINDS: DocumentKind[] = [...MARKUP_KINDS, 'javascript'];

export interface A11yMeta extends Omit<RuleMeta, 'standards' | 'since' | 'kinds' | 'references'> {
  kinds?: DocumentKind[];
  wcag: string[];
  act?: string[];
  references?: string[];
}

export interface Reporter {
  /** Report at an element's start tag. */
  at(el: AElement, messageId: string, data?: Record<string, string | number>, severity?: Severity): void;
  /** Report at an attribute. */
  atAttr(a: AAttr, messageId: string, data?: Record<string, string | number>, severity?: Severity): void;
  atOffsets(start: number, end: number, messageId: string, data?: Record<string, string | number>, severity?: Severity): void;
  ctx: RuleContext;
}

/** A rule that runs on the element tree of HTML, Nunjucks and JSX files. */
export function a11yRule(meta: A11yMeta, run: (tree: ATree, r: Reporter) => void): Rule {
  const { wcag, act, kinds, references, ...rest } = meta;
  const refs = [...(references ?? [])];
  for (const id of act ?? []) refs.push(`https://www.w3.org/WAI/standards-guidelines/act/rules/${id}/`);
  return {
    meta: {
      ...rest,
      kinds: kinds ?? ALL_KINDS,
      references: refs,
      standards: { dsss: ['5'], govuk: ['5'], tcop: ['2'], wcag, ...(act && act.filter((a) => /^[0-9a-f]{6}$/.test(a)).length ? { act: act.filter((a) => /^[0-9a-f]{6}$/.test(a)) } : {}) },
      since: '0.1.0',
    },
    check(ctx) {
      const tree = ctx.shared('accessibility:tree', () => treeOf(ctx.document, ctx.file.text, ctx.file.kind));
      if (!tree) return;
      const at = (start: number, end: number, messageId: string, data?: Record<string, string | number>, severity?: Severity) =>
        ctx.report({ messageId, offsets: [Math.max(0, start), Math.max(start, end)], data, ...(severity ? { severity } : {}) });
      run(tree, {
        ctx,
        at: (el, m, d, s) => at(el.start, el.tagEnd, m, d, s),
        atAttr: (a, m, d, s) => at(a.start, a.end, m, d, s),
        atOffsets: at,
      });
    },
  };
}

/** A short, single-line rendering of an element's start tag for messages. */
export function describe(el: AElement, text: string): string {
  const raw = text.slice(el.start, el.tagEnd).replace(/\s+/g, ' ').replace(/\uE000+/g, '{{…}}');
  return raw.length > 80 ? `${raw.slice(0, 77)}…` : raw;
}
