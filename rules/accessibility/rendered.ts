/// <reference lib="dom" />
import { createRequire } from 'node:module';
import type { Rule, RuleContext } from '../../src/model/rule.js';
import type { Severity } from '../../src/model/severity.js';
import type { HtmlElement, HtmlNode } from '../../src/model/document.js';
import { renderSession } from '../../src/render/browser.js';

const require = createRequire(import.meta.url);
const OFFSET_ATTR = 'data-saltire-offset';
const IMPACT: Record<string, Severity> = { critical: 'high', serious: 'high', moderate: 'medium', minor: 'low' };

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  tags: string[];
  nodes: { offset: number | null; summary: string }[];
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

async function runAxe(ctx: RuleContext): Promise<AxeViolation[] | string> {
  if (ctx.document.format !== 'html') return [];
  const session = await renderSession(ctx.project);
  if ('error' in session) return session.error;
  session.override.set(ctx.file.path, annotateOffsets(ctx.file.text, ctx.document.root));
  const page = await session.browser.newPage();
  try {
    // nothing leaves the machine: only the loopback file server answers
    await page.route('**/*', (route) => (route.request().url().startsWith(session.baseUrl) ? route.continue() : route.abort()));
    await page.goto(session.baseUrl + ctx.file.path.split('/').map(encodeURIComponent).join('/'), { waitUntil: 'load', timeout: 30_000 });
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    return await page.evaluate(async (attr) => {
      const axe = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: { id: string; impact: string | null; help: string; helpUrl: string; tags: string[]; nodes: { target: string[]; failureSummary?: string }[] }[] }> } }).axe;
      const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
      return r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        tags: v.tags,
        nodes: v.nodes.map((n) => {
          const el = document.querySelector(n.target.join(' '));
          const o = el?.closest(`[${attr}]`)?.getAttribute(attr);
          return { offset: o ? Number(o) : null, summary: (n.failureSummary ?? '').split('\n').slice(1, 2).join(' ').trim() };
        }),
      }));
    }, OFFSET_ATTR);
  } finally {
    await page.close();
    session.override.delete(ctx.file.path);
  }
}

/** axe-core in real Chromium over each HTML page: what static checks cannot see (CSS, contrast, the rendered tree). */
const rule: Rule = {
  meta: {
    id: 'accessibility/axe-rendered',
    title: 'Rendered page fails an axe-core WCAG 2.2 AA check',
    description:
      'Static checks cannot see what only the rendered page shows: colour contrast, text hidden by CSS, focus order, the computed accessibility tree. This rule loads each HTML page in headless Chromium (from a loopback server over the scan root; no other network) and runs axe-core with its WCAG 2.0–2.2 A and AA rules. It runs only when asked (`saltire scan --render`, or the rule option `render: true`), because it needs a browser.',
    severity: 'medium',
    kinds: ['html'],
    messages: {
      violation: 'axe `{{axe}}` ({{impact}}): {{help}}{{summary}} See {{url}}',
      skipped: 'Rendered accessibility checks did not run: {{reason}}.',
    },
    remediation: 'Fix the element axe names (the message says what is wrong and links to the rule); run `saltire scan --render` again to confirm.',
    references: ['https://github.com/dequelabs/axe-core/blob/develop/doc/rule-descriptions.md', 'https://www.w3.org/TR/WCAG22/'],
    standards: { dsss: ['5'], govuk: ['5'], tcop: ['2'], wcag: ['1.4.3', '4.1.2', '1.3.1'] },
    equivalents: { axe: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] },
    defaultOptions: { render: false },
    since: '0.1.0',
  },
  async check(ctx) {
    if (ctx.options.render !== true) return;
    const result = await runAxe(ctx);
    if (typeof result === 'string') {
      ctx.notice(`rendered accessibility checks skipped: ${result}`);
      return;
    }
    for (const v of result) {
      const seen = new Set<number>();
      for (const n of v.nodes) {
        const at = n.offset ?? 0;
        if (seen.has(at)) continue;
        seen.add(at);
        ctx.report({
          messageId: 'violation',
          offsets: [at, at + 1],
          severity: IMPACT[v.impact ?? ''] ?? 'medium',
          data: { axe: v.id, impact: v.impact ?? 'unknown', help: v.help, summary: n.summary ? ` (${n.summary.replace(/\.$/, '')}).` : '.', url: v.helpUrl },
          properties: { axe: v.id, wcagTags: v.tags.filter((t) => /^wcag\d/.test(t)) },
        });
      }
    }
  },
};
export default rule;
