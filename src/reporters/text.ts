import { Chalk, type ChalkInstance } from 'chalk';
import type { Finding, ScanResult } from '../model/finding.js';
import { SEVERITIES, atLeast, type Severity } from '../model/severity.js';
import type { Reporter } from './types.js';
import { countByPack, countBySeverity, plural } from './summary.js';

function paint(c: ChalkInstance, s: Severity): (t: string) => string {
  switch (s) {
    case 'critical':
      return c.bgRed.white.bold;
    case 'high':
      return c.red.bold;
    case 'medium':
      return c.yellow;
    case 'low':
      return c.cyan;
    default:
      return c.gray;
  }
}

/** Human-readable report: findings grouped by file, then a summary. */
export const textReporter: Reporter = {
  render(result: ScanResult, ctx) {
    const c = new Chalk({ level: ctx.color ? 1 : 0 });
    const out: string[] = [];
    const byFile = new Map<string, Finding[]>();
    for (const f of result.findings) {
      const list = byFile.get(f.file);
      if (list) list.push(f);
      else byFile.set(f.file, [f]);
    }
    for (const [file, list] of byFile) {
      out.push(c.underline(file));
      for (const f of list) {
        const loc = `${f.range.start.line}:${f.range.start.column}`.padEnd(8);
        const sev = paint(c, f.severity)(f.severity.padEnd(8));
        out.push(`  ${c.dim(loc)} ${sev} ${f.message}  ${c.dim(f.ruleId)}`);
        if (f.evidence) out.push(`  ${' '.repeat(8)} ${' '.repeat(8)} ${c.dim('│ ' + f.evidence)}`);
      }
      out.push('');
    }
    const notices = result.notices.filter((n) => n.level !== 'info');
    if (notices.length) {
      out.push(c.bold('Notices'));
      for (const n of notices.slice(0, 50)) out.push(`  ${n.level === 'error' ? c.red('error') : c.yellow('warning')} ${n.file ? `${n.file}: ` : ''}${n.message}`);
      if (notices.length > 50) out.push(`  … and ${notices.length - 50} more (see the JSON report)`);
      out.push('');
    }
    const sk = result.stats.filesSkipped;
    if (sk.length) {
      out.push(c.bold('Skipped'));
      for (const s of sk.slice(0, 20)) out.push(`  ${s.file}: ${s.reason}`);
      if (sk.length > 20) out.push(`  … and ${sk.length - 20} more (see the JSON report)`);
      out.push('');
    }
    const counts = countBySeverity(result.findings);
    const sevText = SEVERITIES.filter((s) => counts[s] > 0).map((s) => paint(c, s)(`${counts[s]} ${s}`)).join(', ');
    const packText = countByPack(result.findings).map(([p, n]) => `${p} ${n}`).join(', ');
    const gating = ctx.failOn === 'none' ? 0 : result.findings.filter((f) => atLeast(f.severity, ctx.failOn as Severity)).length;
    const head = result.findings.length === 0 ? c.green.bold('✔ No findings') : `${gating > 0 ? c.red.bold('✖') : c.yellow.bold('!')} ${plural(result.findings.length, 'finding')} (${sevText})`;
    const parts = [head];
    if (packText) parts.push(`by pack: ${packText}`);
    out.push(parts.join(' · '));
    const extra = [`${plural(result.stats.filesScanned, 'file')} scanned`];
    if (result.stats.pagesRendered !== undefined) extra.push(`${plural(result.stats.pagesRendered, 'page')} rendered`);
    extra.push(`${sk.length} skipped`);
    if (result.suppressed.length) extra.push(`${result.suppressed.length} suppressed`);
    if (result.stats.baselined) extra.push(`${result.stats.baselined} in baseline`);
    extra.push(`${(result.stats.durationMs / 1000).toFixed(2)}s`);
    out.push(c.dim(extra.join(' · ')));
    if (ctx.failOn !== 'none' && gating > 0) out.push(c.red(`${plural(gating, 'finding')} at or above ${ctx.failOn}: failing.`));
    return `${out.join('\n')}\n`;
  },
};
