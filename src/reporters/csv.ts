import type { Reporter } from './types.js';

export const CSV_COLUMNS = ['severity', 'ruleId', 'pack', 'file', 'startLine', 'startColumn', 'endLine', 'endColumn', 'message', 'standards', 'fingerprint', 'suppressed', 'suppressionReason'] as const;

/** RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled; CRLF line ends. */
export function csvField(v: string | number): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One row per finding (suppressed ones too, flagged), with stable columns. */
export const csvReporter: Reporter = {
  render(result) {
    const rows = [CSV_COLUMNS.join(',')];
    const all = [...result.findings.map((f) => ({ f, reason: '' })), ...result.suppressed.map((f) => ({ f, reason: f.suppression.reason }))];
    for (const { f, reason } of all) {
      const standards = Object.entries(f.standards).map(([k, ids]) => `${k}:${(ids as string[]).join('|')}`).join(';');
      rows.push([f.severity, f.ruleId, f.pack, f.file, f.range.start.line, f.range.start.column, f.range.end.line, f.range.end.column, f.message, standards, f.fingerprint, reason ? 'true' : 'false', reason].map(csvField).join(','));
    }
    return `${rows.join('\r\n')}\r\n`;
  },
};
