import type { Finding, ScanResult } from '../model/finding.js';
import { SEVERITIES, type Severity } from '../model/severity.js';
import { getStandard } from '../standards/catalogue.js';
import type { CriterionResult, CriterionStatus } from '../standards/rollup.js';
import type { Reporter, ReportContext } from './types.js';
import { countBySeverity, plural } from './summary.js';
import { criteriaOf, STATUS_LABEL } from './criteria.js';

/** Findings listed per criterion before the rest is summarised (the JSON report has them all). */
const PER_CRITERION_LIMIT = 200;

export function esc(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

const STATUS_CLASS: Record<CriterionStatus, string> = {
  pass: 'tag--green',
  fail: 'tag--red',
  partial: 'tag--yellow',
  manual: 'tag--blue',
  'not-applicable': 'tag--grey',
  error: 'tag--orange',
};

const SEVERITY_CLASS: Record<Severity, string> = { critical: 'tag--red', high: 'tag--red', medium: 'tag--orange', low: 'tag--blue', info: 'tag--grey' };
/** Bar colours for the chart, each with at least 3:1 contrast against white. */
const SEVERITY_FILL: Record<Severity, string> = { critical: '#942514', high: '#d4351c', medium: '#b24c00', low: '#1d70b8', info: '#505a5f' };

const CSS = `
*,*::before,*::after{box-sizing:border-box}
html{font-family:"GDS Transport",arial,sans-serif;color:#0b0c0c;background:#f3f2f1;line-height:1.4;-webkit-text-size-adjust:100%}
body{margin:0;font-size:1rem}
a{color:#1d70b8;text-decoration:underline;text-underline-offset:.1em}
a:visited{color:#4c2c92}
a:hover{color:#003078;text-decoration-thickness:3px}
a:focus{outline:3px solid transparent;color:#0b0c0c;background:#ffdd00;box-shadow:0 -2px #ffdd00,0 4px #0b0c0c;text-decoration:none}
.skip-link{position:absolute;left:-9999px;top:0;padding:10px 15px;background:#ffdd00;color:#0b0c0c}
.skip-link:focus{left:0;z-index:10}
.header{background:#0b0c0c;color:#fff;border-bottom:10px solid #1d70b8}
.header__inner,.main{max-width:1100px;margin:0 auto;padding:0 15px}
.header__inner{padding-top:10px;padding-bottom:10px;font-weight:700;font-size:1.5rem}
.header__service{font-weight:400;font-size:1.1rem;margin-left:.5em}
.main{background:#fff;padding-top:20px;padding-bottom:40px}
h1{font-size:2.25rem;margin:0 0 .5em;line-height:1.1}
h2{font-size:1.6rem;margin:1.6em 0 .6em;line-height:1.2}
h3{font-size:1.2rem;margin:1.2em 0 .5em}
.lede{font-size:1.2rem;margin-top:0}
.summary-list{display:grid;grid-template-columns:minmax(7em,max-content) minmax(0,1fr);margin:0 0 1.5em;border-top:1px solid #b1b4b6}
.summary-list dt,.summary-list dd{margin:0;padding:.5em .8em .5em 0;border-bottom:1px solid #b1b4b6}
.summary-list dt{font-weight:700}
table{border-collapse:collapse;width:100%;margin:0;font-size:.95rem}
.table-wrap{overflow-x:auto;margin:0 0 1.5em}
.table-wrap:focus{outline:3px solid #ffdd00}
.mono{word-break:break-all}
.main{overflow-wrap:break-word}
.main td,.main dd,.main li,.main p,.main code,.main h1,.main h2{overflow-wrap:anywhere}
th{white-space:nowrap}
caption{text-align:left;font-weight:700;font-size:1.1rem;padding-bottom:.4em}
th,td{text-align:left;vertical-align:top;padding:.55em .6em .55em 0;border-bottom:1px solid #b1b4b6}
th{font-weight:700}
td.num,th.num{text-align:right;padding-right:1em}
.tag{display:inline-block;padding:2px 8px;font-weight:700;font-size:.9rem;letter-spacing:.02em;white-space:nowrap}
.tag--green{background:#cce2d8;color:#005a30}
.tag--red{background:#f4cdc6;color:#942514}
.tag--yellow{background:#fff7bf;color:#594d00}
.tag--orange{background:#fcd6c3;color:#6e3619}
.tag--blue{background:#d2e2f1;color:#0c2d4a}
.tag--grey{background:#e5e6e7;color:#383f43}
code,.mono{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em}
.excerpt{display:block;margin-top:.3em;padding:.3em .5em;background:#f3f2f1;border-left:4px solid #b1b4b6;white-space:pre-wrap;word-break:break-word}
.hint{color:#484949}
.inset{padding:.8em 1em;margin:1em 0;border-left:10px solid #b1b4b6}
.criterion{border-top:2px solid #1d70b8;margin-top:2.2em}
.criterion h2{margin-top:.8em}
details{margin:.5em 0}
summary{color:#1d70b8;cursor:pointer;text-decoration:underline}
.chart{max-width:640px}
.chart svg{display:block;width:100%;height:auto}
footer{max-width:1100px;margin:0 auto;padding:20px 15px;color:#484949;font-size:.9rem}
@media print{
  html{background:#fff}
  .skip-link,.header{display:none}
  .main{padding:0}
  .criterion{break-inside:auto}
  tr,.excerpt{break-inside:avoid}
  a{color:#0b0c0c}
  details>*{display:block}
}
`;

/** A data table in a keyboard-scrollable region, so the page itself reflows at 320 CSS pixels. */
function wrapTable(label: string, table: string): string {
  return `<div class="table-wrap" role="region" aria-label="${esc(label)}" tabindex="0">${table}</div>`;
}

function tag(text: string, cls: string): string {
  return `<strong class="tag ${cls}">${esc(text)}</strong>`;
}

function severityChart(counts: Record<Severity, number>): string {
  const max = Math.max(1, ...SEVERITIES.map((s) => counts[s]));
  const rowH = 34;
  const labelW = 90;
  const barMax = 420;
  const bars = SEVERITIES.map((s, i) => {
    const w = Math.round((counts[s] / max) * barMax);
    const y = i * rowH + 6;
    return `<text x="0" y="${y + 17}" font-size="15" fill="#0b0c0c">${s}</text><rect x="${labelW}" y="${y}" width="${Math.max(w, counts[s] ? 2 : 0)}" height="22" fill="${SEVERITY_FILL[s]}"/><text x="${labelW + w + 8}" y="${y + 17}" font-size="15" fill="#0b0c0c">${counts[s]}</text>`;
  }).join('');
  const desc = SEVERITIES.map((s) => `${counts[s]} ${s}`).join(', ');
  return `<figure class="chart" aria-labelledby="chart-title"><svg viewBox="0 0 ${labelW + barMax + 60} ${SEVERITIES.length * rowH + 8}" role="img" aria-labelledby="chart-svg-title chart-svg-desc"><title id="chart-svg-title">Findings by severity</title><desc id="chart-svg-desc">${esc(desc)}</desc>${bars}</svg><figcaption id="chart-title" class="hint">Findings by severity: ${esc(desc)}.</figcaption></figure>`;
}

function findingsTable(findings: Finding[], caption: string, ctx: ReportContext): string {
  if (findings.length === 0) return '';
  const shown = findings.slice(0, PER_CRITERION_LIMIT);
  const rows = shown
    .map((f) => {
      const meta = ctx.rules.get(f.ruleId)?.meta;
      const fix = meta?.remediation ? `<details><summary>How to fix</summary><p>${esc(meta.remediation)}</p><p class="hint">More: <code>saltire explain ${esc(f.ruleId)}</code></p></details>` : '';
      return `<tr><td>${tag(f.severity, SEVERITY_CLASS[f.severity])}</td><td class="mono">${esc(f.file)}:${f.range.start.line}:${f.range.start.column}</td><td>${esc(f.message)}${f.evidence ? `<code class="excerpt">${esc(f.evidence)}</code>` : ''}${fix}</td><td class="mono">${esc(f.ruleId)}</td></tr>`;
    })
    .join('\n');
  const more = findings.length > shown.length ? `<p class="hint">${findings.length - shown.length} more findings are in the JSON report.</p>` : '';
  return `${wrapTable(caption, `<table><caption>${esc(caption)}</caption><thead><tr><th scope="col">Severity</th><th scope="col">Location</th><th scope="col">Finding</th><th scope="col">Rule</th></tr></thead><tbody>\n${rows}\n</tbody></table>`)}${more}`;
}

function criterionSection(c: CriterionResult, findings: Finding[], ctx: ReportContext): string {
  const id = `criterion-${slug(c.id)}`;
  const parts = [`<section class="criterion" aria-labelledby="${id}-title"><h2 id="${id}-title">${esc(c.id)}. ${esc(c.title)}</h2>`];
  parts.push(`<p>${tag(STATUS_LABEL[c.status], STATUS_CLASS[c.status])} ${esc(c.summary)}</p>`);
  if (c.rules.length) parts.push(`<details><summary>${plural(c.rules.length, 'automated check')} ran</summary><ul>${c.rules.map((r) => `<li><code>${esc(r)}</code>${ctx.rules.get(r) ? `: ${esc(ctx.rules.get(r)!.meta.title)}` : ''}</li>`).join('')}</ul></details>`);
  if (c.questions?.length) parts.push(`<div class="inset"><h3>Questions for the assessor</h3><ul>${c.questions.map((q) => `<li>${esc(q)}</li>`).join('')}</ul></div>`);
  parts.push(findingsTable(findings, `Findings for criterion ${c.id}`, ctx));
  parts.push('</section>');
  return parts.join('\n');
}

/** One self-contained, accessible page for assessors: inline CSS and SVG, no scripts, no requests. */
export const htmlReporter: Reporter = {
  render(result: ScanResult, ctx) {
    const { standard, criteria } = criteriaOf(result, ctx);
    const def = getStandard(standard);
    const counts = countBySeverity(result.findings);
    const byRule = new Map<string, Finding[]>();
    for (const f of result.findings) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
    const covered = new Set(criteria.flatMap((c) => c.rules));
    const other = result.findings.filter((f) => !covered.has(f.ruleId));
    const statusCount = (s: CriterionStatus) => criteria.filter((c) => c.status === s).length;
    const title = `Saltire report: ${result.target}`;
    const body: string[] = [];
    body.push(`<h1>Service assessment evidence</h1><p class="lede">Automated evidence from a Saltire scan of <strong>${esc(result.target)}</strong>, framed by the ${esc(def.title)} (${esc(def.version)}).</p>`);
    body.push(
      `<dl class="summary-list"><dt>Findings</dt><dd>${plural(result.findings.length, 'finding')} (${SEVERITIES.map((s) => `${counts[s]} ${s}`).join(', ')})</dd>` +
        `<dt>Criteria</dt><dd>${statusCount('fail')} failed, ${statusCount('partial')} partly evidenced, ${statusCount('pass')} passed, ${statusCount('manual')} need an assessor, ${statusCount('not-applicable')} not checked${statusCount('error') ? `, ${statusCount('error')} with errors` : ''}</dd>` +
        `<dt>Files</dt><dd>${plural(result.stats.filesScanned, 'file')} scanned, ${result.stats.filesSkipped.length} skipped${result.stats.pagesRendered !== undefined ? `; ${plural(result.stats.pagesRendered, 'page')} rendered in a browser` : ''}</dd>` +
        `<dt>Suppressed</dt><dd>${result.suppressed.length}${result.stats.baselined ? ` (${result.stats.baselined} by the baseline)` : ''}</dd>` +
        `<dt>Scanned</dt><dd>${esc(result.startedAt)}</dd></dl>`,
    );
    body.push(severityChart(counts));
    body.push(
      `<h2 id="summary">Summary by criterion</h2>` + wrapTable('Summary by criterion', `<table><caption class="hint">Status of each criterion of the ${esc(def.shortName)}. “Needs an assessor” criteria cannot be evidenced by a scan; “Partly evidenced” means the automated checks found nothing but part of the criterion still needs human judgement.</caption><thead><tr><th scope="col">Criterion</th><th scope="col">Status</th><th scope="col" class="num">Findings</th><th scope="col" class="num">Checks</th><th scope="col" class="num">Files</th></tr></thead><tbody>` +
        criteria
          .map((c) => `<tr><td><a href="#criterion-${slug(c.id)}-title">${esc(c.id)}. ${esc(c.title)}</a></td><td>${tag(STATUS_LABEL[c.status], STATUS_CLASS[c.status])}</td><td class="num">${Object.values(c.counts).reduce((a, b) => a + b, 0)}</td><td class="num">${c.rules.length}</td><td class="num">${c.files}</td></tr>`)
          .join('') +
        `</tbody></table>`),
    );
    if (result.parts?.length) {
      body.push(`<h2>Repositories</h2>` + wrapTable('Repositories', `<table><caption class="hint">Each result merged into this report.</caption><thead><tr><th scope="col">Repository or shard</th><th scope="col">Revision</th><th scope="col" class="num">Findings</th><th scope="col" class="num">Files</th></tr></thead><tbody>${result.parts.map((p) => `<tr><td>${esc(p.target)}</td><td class="mono">${esc(p.source?.revision ?? '')}</td><td class="num">${p.findings}</td><td class="num">${p.filesScanned}</td></tr>`).join('')}</tbody></table>`));
    }
    for (const c of criteria) body.push(criterionSection(c, c.rules.flatMap((r) => byRule.get(r) ?? []), ctx));
    if (other.length) body.push(`<section class="criterion" aria-labelledby="other-title"><h2 id="other-title">Other findings</h2><p>Findings that map to no criterion of this standard (including files that could not be parsed).</p>${findingsTable(other, 'Other findings', ctx)}</section>`);
    body.push(`<h2 id="suppressed">Suppressed findings</h2>`);
    body.push(
      result.suppressed.length
        ? wrapTable('Suppressed findings', `<table><caption class="hint">Findings not counted, with the reason given and any expiry date.</caption><thead><tr><th scope="col">Rule</th><th scope="col">Location</th><th scope="col">Reason</th><th scope="col">How</th><th scope="col">Until</th></tr></thead><tbody>${result.suppressed.map((f) => `<tr><td class="mono">${esc(f.ruleId)}</td><td class="mono">${esc(f.file)}:${f.range.start.line}</td><td>${esc(f.suppression.reason)}</td><td><code>${esc(f.suppression.marker)}</code></td><td>${esc(f.suppression.until ?? '')}</td></tr>`).join('')}</tbody></table>`)
        : '<p>None.</p>',
    );
    body.push(`<h2 id="skipped">Files not scanned</h2>`);
    body.push(
      result.stats.filesSkipped.length
        ? wrapTable('Files not scanned', `<table><caption class="hint">Files skipped, and why. Nothing here was checked.</caption><thead><tr><th scope="col">File</th><th scope="col">Reason</th></tr></thead><tbody>${result.stats.filesSkipped.map((s) => `<tr><td class="mono">${esc(s.file)}</td><td>${esc(s.reason)}</td></tr>`).join('')}</tbody></table>`)
        : '<p>None.</p>',
    );
    const warnings = result.notices.filter((n) => n.level !== 'info');
    if (warnings.length) body.push(`<h2 id="notices">Notices</h2><ul>${warnings.map((n) => `<li>${n.file ? `<span class="mono">${esc(n.file)}</span>: ` : ''}${esc(n.message)}</li>`).join('')}</ul>`);
    body.push(
      `<h2 id="provenance">Provenance</h2><dl class="summary-list"><dt>Tool</dt><dd>${esc(result.tool.name)} ${esc(result.tool.version)}</dd>` +
        `<dt>Packs</dt><dd>${result.packs.map((p) => `${esc(p.name)} ${esc(p.version)}`).join(', ')}</dd>` +
        `<dt>Target</dt><dd>${esc(result.target)}</dd>` +
        (result.source?.revision ? `<dt>Commit</dt><dd class="mono">${esc(result.source.revision)}</dd>` : '') +
        `<dt>Configuration</dt><dd>${esc(result.config?.path ?? 'defaults')} (hash <span class="mono">${esc(result.config?.hash ?? '')}</span>)</dd>` +
        `<dt>Started</dt><dd>${esc(result.startedAt)}</dd><dt>Duration</dt><dd>${(result.stats.durationMs / 1000).toFixed(2)} s</dd>` +
        `<dt>Standard</dt><dd><a href="${esc(def.url)}">${esc(def.title)}</a> (${esc(def.version)})</dd></dl>`,
    );
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="header"><div class="header__inner">Saltire<span class="header__service">Secure-by-design compliance report</span></div></header>
<main class="main" id="main">
${body.join('\n')}
</main>
<footer>Generated by Saltire ${esc(result.tool.version)}. Automated evidence supports an assessment; it does not replace one.</footer>
</body>
</html>
`;
  },
};
