import { worstFirst } from '../model/order.js';
import type { ScanResult } from '../model/finding.js';
import { SEVERITIES } from '../model/severity.js';
import type { Reporter } from './types.js';
import { countBySeverity, plural } from './summary.js';
import { criteriaOf, STATUS_LABEL, standardTitle } from './criteria.js';

/** GitHub's limit for a comment body is 65,536 characters; keep a margin for the truncation note. */
export const MARKDOWN_LIMIT = 60_000;

const ICON = { pass: '✅', fail: '❌', partial: '🟡', manual: '👤', 'not-applicable': '➖', error: '⚠️' } as const;

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}


/** For pull-request comments and job summaries: criteria table, then findings worst first, within GitHub's size limit. */
export const markdownReporter: Reporter = {
  render(result: ScanResult, ctx) {
    const { standard, criteria } = criteriaOf(result, ctx);
    const counts = countBySeverity(result.findings);
    const head: string[] = [
      '## Saltire scan',
      '',
      `**${plural(result.findings.length, 'finding')}** (${SEVERITIES.map((s) => `${counts[s]} ${s}`).join(', ')}) in ${plural(result.stats.filesScanned, 'file')} scanned` +
        `${result.stats.filesSkipped.length ? `, ${result.stats.filesSkipped.length} skipped` : ''}${result.stats.pagesRendered !== undefined ? `, ${plural(result.stats.pagesRendered, 'page')} rendered` : ''}${result.suppressed.length ? `, ${result.suppressed.length} suppressed` : ''}.`,
      '',
      `### ${standardTitle(standard)}`,
      '',
      '| Criterion | Status | Findings | Checks |',
      '| --- | --- | --- | --- |',
      ...criteria.map((c) => `| ${cell(`${c.id}. ${c.title}`)} | ${ICON[c.status]} ${STATUS_LABEL[c.status]} | ${c.evidence.length ? Object.values(c.counts).reduce((a, b) => a + b, 0) : 0} | ${c.rules.length} |`),
      '',
    ];
    const out = [...head];
    const findings = [...result.findings].sort(worstFirst);
    if (findings.length) {
      out.push('### Findings', '', '| Severity | Location | Finding | Rule |', '| --- | --- | --- | --- |');
      let size = out.join('\n').length;
      let shown = 0;
      for (const f of findings) {
        const row = `| ${f.severity} | \`${cell(f.file)}:${f.range.start.line}:${f.range.start.column}\` | ${cell(f.message)} | \`${f.ruleId}\` |`;
        if (size + row.length + 200 > MARKDOWN_LIMIT) break;
        out.push(row);
        size += row.length + 1;
        shown++;
      }
      if (shown < findings.length) out.push('', `_…and ${findings.length - shown} more findings not shown (GitHub's size limit); the JSON or SARIF report has them all._`);
      out.push('');
    }
    if (result.stats.filesSkipped.length) out.push(`<details><summary>${plural(result.stats.filesSkipped.length, 'file')} skipped</summary>`, '', ...result.stats.filesSkipped.slice(0, 50).map((s) => `- \`${cell(s.file)}\`: ${cell(s.reason)}`), '', '</details>', '');
    let text = out.join('\n');
    if (text.length > MARKDOWN_LIMIT) text = `${text.slice(0, MARKDOWN_LIMIT)}\n\n_…truncated._\n`;
    return text;
  },
};
