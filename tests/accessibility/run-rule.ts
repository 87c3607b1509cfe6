/** Run accessibility rules on a string, through the real parsers (no file system). */
import type { Rule, ReportDescriptor, RuleContext } from '../../src/model/rule.js';
import type { DocumentKind } from '../../src/model/kinds.js';
import { LineIndex } from '../../src/model/location.js';
import { parseDocument } from '../../src/parsers/index.js';

export interface Hit {
  ruleId: string;
  messageId: string;
  line: number;
}

export async function runRules(rules: Rule[], text: string, path: string, kind: DocumentKind): Promise<Hit[]> {
  const lines = new LineIndex(text);
  const file = { path, absPath: path, kind, text, lines, size: text.length };
  const { document } = await parseDocument(file);
  const hits: Hit[] = [];
  for (const rule of rules) {
    if (!rule.meta.kinds.includes(kind)) continue;
    const ctx = {
      file,
      document,
      options: {},
      project: {} as RuleContext['project'],
      today: '2026-01-01',
      report(d: ReportDescriptor) {
        const line = d.range ? d.range.start.line : lines.position(d.offsets?.[0] ?? 0).line;
        hits.push({ ruleId: rule.meta.id, messageId: d.messageId, line });
      },
      notice() {},
    } as RuleContext;
    await rule.check?.(ctx);
  }
  return hits;
}
