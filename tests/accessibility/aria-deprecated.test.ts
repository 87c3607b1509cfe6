import { describe, expect, it } from 'vitest';
import pack from '../../rules/accessibility/index.js';
import { runOnHtml } from '../../src/a11y/act.js';
import { ROLE_LIMITED_GLOBALS } from '../../src/a11y/aria.js';

async function messages(html: string): Promise<(string | undefined)[]> {
  const rules = pack.rules.filter((r) => r.meta.id === 'accessibility/aria-deprecated');
  const run = await runOnHtml(rules, html, 'page.html');
  expect(run.errors).toEqual([]);
  return run.findings.map((f) => f.messageId);
}

describe('ARIA 1.2 role-limited global states', () => {
  it('reports them on explicit roles that do not support them', async () => {
    expect(await messages('<div role="toolbar" aria-invalid="true"></div><div role="term" aria-haspopup="true">t</div>')).toEqual(['roleAttr', 'roleAttr']);
  });
  it('leaves supporting roles, native elements and none/presentation alone', async () => {
    expect(await messages('<div role="textbox" aria-invalid="true"></div><div role="tab" aria-haspopup="menu"></div><input type="file" aria-invalid="true"><div aria-disabled="true"></div><span role="none" aria-disabled="true"></span>')).toEqual([]);
  });
  it('lists inherited support (switch from checkbox, searchbox from textbox)', () => {
    expect(ROLE_LIMITED_GLOBALS['aria-invalid']).toEqual(expect.arrayContaining(['switch', 'searchbox', 'treegrid']));
    expect(ROLE_LIMITED_GLOBALS['aria-haspopup']).not.toContain('img');
  });
});
