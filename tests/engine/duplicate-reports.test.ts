import { describe, expect, it } from 'vitest';
import { scan } from '../../src/engine/scan.js';
import type { Pack } from '../../src/model/rule.js';
import { tempTree } from '../support/cli.js';

/** A rule that, like one walking a YAML alias, meets the same spot twice. */
const echoPack = {
  name: 'echo',
  version: '1.0.0',
  saltire: '^1',
  description: 'test pack',
  rules: [
    {
      meta: { id: 'echo/twice', title: 'Reports twice', description: 'Reports the same spot twice', severity: 'low', kinds: ['text'], messages: { seen: 'saw {{what}}' }, remediation: 'none', standards: { sbd: ['9'] }, references: [], equivalents: {}, since: '0.1.0' },
      check(ctx: { report: (d: unknown) => void }) {
        ctx.report({ messageId: 'seen', offsets: [0, 5], data: { what: 'alpha' } });
        ctx.report({ messageId: 'seen', offsets: [0, 5], data: { what: 'alpha' } });
        // the same spot with something else to say, and the same words elsewhere, are their own findings
        ctx.report({ messageId: 'seen', offsets: [0, 5], data: { what: 'beta' } });
        ctx.report({ messageId: 'seen', offsets: [6, 11], data: { what: 'alpha' } });
      },
    },
  ],
} as unknown as Pack;

describe('a rule reporting one spot twice', () => {
  it('gives one finding for identical reports and keeps the rest', async () => {
    const dir = tempTree({ 'notes.txt': 'alpha\nalpha\n' });
    const result = await scan({ targets: [dir], cwd: dir, packs: [echoPack], config: { config: {}, hash: 'x' }, gitignore: false, maxFileSize: 1024 * 1024, today: '2026-01-01' });
    const seen = result.findings.filter((f) => f.ruleId === 'echo/twice').map((f) => `${f.range.start.line}:${f.message}`);
    expect(seen.sort()).toEqual(['1:saw alpha', '1:saw beta', '2:saw alpha']);
  });
});
