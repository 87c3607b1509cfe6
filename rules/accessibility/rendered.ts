import type { Rule, RuleContext, RuleMeta } from '../../src/model/rule.js';
import { renderSession } from '../../src/render/browser.js';
import { annotateOffsets, axeReports, runAxe, type AxeReport } from '../../src/render/axe.js';

export { annotateOffsets } from '../../src/render/axe.js';

interface PageRender {
  reports: AxeReport[];
  /** Why the page had to be rendered a second time, if it did. */
  retried?: string;
}

/** axe on one scanned HTML file, once per scan for both rendered rules. */
function pageReports(ctx: RuleContext): Promise<PageRender | { error: string }> {
  return ctx.project.memo(`render:axe:${ctx.file.path}`, async () => {
    if (ctx.document.format !== 'html') return { reports: [] };
    const session = await renderSession(ctx.project);
    if ('error' in session) return session;
    session.override.set(ctx.file.path, annotateOffsets(ctx.file.text, ctx.document.root));
    let retried: string | undefined;
    try {
      const reports = await session.chromium.withPage(
        async (page) => {
          await page.goto(session.baseUrl + ctx.file.path.split('/').map(encodeURIComponent).join('/'), { waitUntil: 'load', timeout: 30_000 });
          return axeReports(await runAxe(page));
        },
        (why) => (retried = why),
      );
      return { reports, retried };
    } catch (e) {
      return { error: `${ctx.file.path} did not render: ${(e as Error).message.split('\n')[0]}` };
    } finally {
      session.override.delete(ctx.file.path);
    }
  });
}

/** Report what the rendered page gave for one kind (violations, or checks a person must review). */
async function reportRendered(ctx: RuleContext, kind: AxeReport['kind']): Promise<void> {
  if (ctx.options.render !== true) return;
  const render = await pageReports(ctx);
  // said once, by the violations rule
  if ('error' in render) {
    if (kind === 'violation') ctx.notice(`rendered accessibility checks skipped: ${render.error}`, 'warning');
    return;
  }
  if (render.retried && kind === 'violation') ctx.notice(`rendered a second time: Chromium's ${render.retried === 'browser stopped' ? 'browser stopped unexpectedly and was started again' : 'renderer crashed on the first attempt'}`, 'info');
  for (const r of render.reports) {
    if (r.kind !== kind) continue;
    const at = r.offset ?? 0;
    ctx.report({ messageId: r.messageId, ...(r.offset !== null ? { offsets: [at, at + 1] } : {}), severity: r.severity, data: r.data, properties: r.properties });
  }
}

const COMMON: Pick<RuleMeta, 'kinds' | 'references' | 'standards' | 'defaultOptions' | 'enabledBy' | 'since'> = {
  kinds: ['html'],
  references: ['https://github.com/dequelabs/axe-core/blob/develop/doc/rule-descriptions.md', 'https://www.w3.org/TR/WCAG22/'],
  standards: { dsss: ['5'], govuk: ['5'], tcop: ['2'], wcag: ['1.4.3', '4.1.2', '1.3.1'] },
  defaultOptions: { render: false },
  enabledBy: 'render',
  since: '0.1.0',
};

/** axe-core in real Chromium over each HTML page: what static checks cannot see (CSS, contrast, the rendered tree). */
export const axeRendered: Rule = {
  meta: {
    ...COMMON,
    id: 'accessibility/axe-rendered',
    title: 'Rendered page fails an axe-core WCAG 2.2 AA check',
    description:
      'Static checks cannot see what only the rendered page shows: colour contrast, text hidden by CSS, focus order, the computed accessibility tree. This rule loads each HTML page in headless Chromium (from a loopback server over the scan root; no other network) and runs axe-core with its WCAG 2.0–2.2 A and AA rules. It runs only when asked (`saltire scan --render`, `--render <built-site-dir | http://127.0.0.1:PORT/>`, or the rule option `render: true`), because it needs a browser. Each finding names the axe rule, the CSS selector and the element\'s HTML; the severity follows axe\'s impact (critical/serious → high, moderate → medium, minor → low).',
    severity: 'medium',
    messages: {
      violation: 'axe `{{axe}}` ({{impact}}) at `{{selector}}`: {{help}}{{summary}} Element: `{{html}}`. See {{url}}',
    },
    remediation: 'Fix the element axe names (the message says what is wrong and links to the rule); run `saltire scan --render` again to confirm.',
    equivalents: { axe: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] },
  },
  check: (ctx) => reportRendered(ctx, 'violation'),
};

/** axe "incomplete": checks axe could not decide on the rendered page. Never a pass: a person must look. */
export const axeNeedsReview: Rule = {
  meta: {
    ...COMMON,
    id: 'accessibility/axe-needs-review',
    title: 'Rendered page has a WCAG check that a person must review',
    description:
      'Some checks cannot be decided by a tool even on the rendered page: the contrast of text over a background image or gradient, whether a video has captions, whether a link\'s purpose is clear from its context. axe-core reports these as "incomplete". Saltire reports each as needs-review evidence at `info` severity — never as a pass — with the reason axe gives, so an assessor knows exactly what to check. It runs with the rendered checks (`saltire scan --render`).',
    severity: 'info',
    messages: {
      review: 'axe `{{axe}}` could not decide at `{{selector}}`: {{help}}. A person must check it: {{reason}}. Element: `{{html}}`. See {{url}}',
    },
    remediation: 'Check the element by hand against the WCAG criterion (the axe link explains how); fix it if it fails, or record the manual check (a baseline or an inline `saltire-ignore` with the reason) once it passes.',
    equivalents: { axe: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] },
  },
  check: (ctx) => reportRendered(ctx, 'review'),
};

export const RENDERED_RULES = [axeRendered, axeNeedsReview];
export default axeRendered;
