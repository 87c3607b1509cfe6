/// <reference lib="dom" />
/**
 * axe-core in a rendered page: what it finds (violations) and what it cannot decide (incomplete:
 * a person must check). Shared by the per-file rendered rules and `saltire scan --render <target>`.
 */
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { BROWSER_CALL_MS, within } from './chromium.js';
import type { HtmlElement, HtmlNode } from '../model/document.js';
import type { Severity } from '../model/severity.js';

const require = createRequire(import.meta.url);

/** The WCAG 2.0–2.2 level A and AA rules. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
export const OFFSET_ATTR = 'data-saltire-offset';
/** axe impact → finding severity. */
export const IMPACT_SEVERITY: Record<string, Severity> = { critical: 'high', serious: 'high', moderate: 'medium', minor: 'low' };

export interface AxeNode {
  /** Source offset of the element's start tag (or its nearest annotated ancestor's), when the page was served annotated. */
  offset: number | null;
  /** CSS selector (frames and shadow roots joined with " >>> "). */
  selector: string;
  /** The element's outer HTML as axe shows it (start tag and some content). */
  html: string;
  /** What axe says is wrong, or why it could not decide. */
  reasons: string[];
}

export interface AxeItem {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  tags: string[];
  /** W3C ACT rule ids axe implements this check from. */
  actIds: string[];
  nodes: AxeNode[];
}

export interface AxePageResult {
  violations: AxeItem[];
  /** Checks axe could not decide ("incomplete"): never passes, a person must look. */
  incomplete: AxeItem[];
}

/** Insert the source offset of every element's start tag as a data attribute, so axe's nodes map back to the file. */
export function annotateOffsets(text: string, root: HtmlNode): string {
  const inserts: number[] = [];
  const visit = (n: HtmlNode) => {
    const el = n as HtmlElement;
    const loc = el.sourceCodeLocation?.startTag;
    if (el.tagName && loc && el.tagName !== 'html') inserts.push(loc.startOffset);
    for (const c of (n as { childNodes?: HtmlNode[] }).childNodes ?? []) visit(c);
  };
  visit(root);
  let out = text;
  for (const at of inserts.sort((a, b) => b - a)) {
    const m = /^<[A-Za-z][^\s/>]*/.exec(out.slice(at));
    if (m) out = `${out.slice(0, at + m[0].length)} ${OFFSET_ATTR}="${at}"${out.slice(at + m[0].length)}`;
  }
  return out;
}

/** WCAG success criteria from axe tags (`wcag143` → 1.4.3, `wcag2411` → 2.4.11); level tags are left out. */
export function wcagFromTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of tags) {
    const m = /^wcag(\d)(\d)(\d{1,2})$/.exec(t);
    if (m) out.push(`${m[1]}.${m[2]}.${m[3]}`);
  }
  return out;
}

/** Run axe-core (the npm dependency) in a loaded page; elements annotated with source offsets map back to them. */
export async function runAxe(page: Page, timeoutMs = 60_000): Promise<AxePageResult> {
  await within(page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') }), BROWSER_CALL_MS, 'loading axe-core into the page');
  const run = page.evaluate(
    async ({ attr, tags }) => {
      interface Check { message: string }
      interface Node { target: (string | string[])[]; html: string; element?: Element; any: Check[]; all: Check[]; none: Check[] }
      interface Result { id: string; impact?: string | null; help: string; helpUrl: string; tags: string[]; nodes: Node[] }
      const axe = (window as unknown as {
        axe: { run: (c: Document, o: object) => Promise<{ violations: Result[]; incomplete: Result[] }>; _audit?: { rules: { id: string; actIds?: string[] }[] } };
      }).axe;
      // take the source offsets off the elements first, so they appear in no selector or snippet axe reports
      const offsets = new Map<Element, number>();
      for (const el of Array.from(document.querySelectorAll(`[${attr}]`))) {
        offsets.set(el, Number(el.getAttribute(attr)));
        el.removeAttribute(attr);
      }
      const offsetOf = (el: Element | undefined): number | null => {
        for (let e: Element | null = el ?? null; e; e = e.parentElement ?? ((e.getRootNode() as ShadowRoot).host ?? null)) {
          const o = offsets.get(e);
          if (o !== undefined) return o;
        }
        return null;
      };
      const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations', 'incomplete'], elementRef: true });
      const conv = (v: Result) => ({
        id: v.id,
        impact: v.impact ?? null,
        help: v.help,
        helpUrl: v.helpUrl,
        tags: v.tags,
        actIds: axe._audit?.rules.find((x) => x.id === v.id)?.actIds ?? [],
        nodes: v.nodes.map((n) => ({
          offset: offsetOf(n.element),
          selector: n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' >>> '),
          html: n.html,
          reasons: [...new Set([...n.any, ...n.all, ...n.none].map((c) => c.message).filter(Boolean))],
        })),
      });
      return { violations: r.violations.map(conv), incomplete: r.incomplete.map(conv) };
    },
    { attr: OFFSET_ATTR, tags: AXE_TAGS },
  );
  return within(run, timeoutMs, 'running axe-core');
}

export interface AxeReport {
  kind: 'violation' | 'review';
  messageId: 'violation' | 'review';
  severity: Severity;
  offset: number | null;
  /** Selector and snippet, for locating the element when there is no source offset. */
  selector: string;
  html: string;
  data: Record<string, string>;
  properties: Record<string, unknown>;
}

const oneLine = (s: string, max: number) => {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
};

/**
 * One report per element and axe check: violations at the axe impact's severity, incomplete checks as
 * needs-review at `info`. Elements at the same source offset are reported once per check.
 */
export function axeReports(result: AxePageResult, url?: string): AxeReport[] {
  const out: AxeReport[] = [];
  const add = (kind: AxeReport['kind'], items: AxeItem[]) => {
    for (const v of items) {
      const seen = new Set<string>();
      for (const n of v.nodes) {
        const key = n.offset !== null ? `@${n.offset}` : n.selector;
        if (seen.has(key)) continue;
        seen.add(key);
        // axe lists every check that could have passed; the first says what is wrong
        const reason = oneLine(n.reasons[0] ?? '', 300).replace(/\.$/, '');
        out.push({
          kind,
          messageId: kind,
          severity: kind === 'review' ? 'info' : IMPACT_SEVERITY[v.impact ?? ''] ?? 'medium',
          offset: n.offset,
          selector: n.selector,
          html: n.html,
          data: {
            axe: v.id,
            impact: v.impact ?? 'unknown',
            help: v.help.replace(/\.$/, ''),
            selector: oneLine(n.selector, 120),
            html: oneLine(n.html, 160),
            reason: reason || 'axe-core could not decide from the rendered page',
            summary: reason ? ` (${reason}).` : '.',
            url: v.helpUrl,
          },
          properties: {
            axe: v.id,
            ...(kind === 'review' ? { needsReview: true } : {}),
            impact: v.impact ?? null,
            selector: n.selector,
            html: n.html,
            reasons: n.reasons,
            wcag: wcagFromTags(v.tags),
            act: v.actIds,
            ...(url ? { url } : {}),
          },
        });
      }
    }
  };
  add('violation', result.violations);
  add('review', result.incomplete);
  return out;
}
