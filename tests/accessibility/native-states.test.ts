import { describe, expect, it } from 'vitest';
import pack from '../../rules/accessibility/index.js';
import { runOnHtml } from '../../src/a11y/act.js';

async function messages(ruleId: string, html: string): Promise<(string | undefined)[]> {
  const rules = pack.rules.filter((r) => r.meta.id === ruleId);
  const run = await runOnHtml(rules, html, 'case.html');
  expect(run.errors).toEqual([]);
  return run.findings.map((f) => f.messageId);
}

describe('aria-checked on native checkboxes and radios', () => {
  it('reports a value that contradicts the checked attribute', async () => {
    expect(await messages('accessibility/aria-allowed-attr', '<input type="checkbox" role="switch" aria-checked="true">')).toEqual(['nativeChecked']);
    expect(await messages('accessibility/aria-allowed-attr', '<input type="radio" checked aria-checked="false">')).toEqual(['nativeChecked']);
  });
  it('leaves agreeing, mixed and non-native cases alone', async () => {
    expect(await messages('accessibility/aria-allowed-attr', '<input type="checkbox" checked aria-checked="true"><input type="checkbox" aria-checked="mixed"><div role="checkbox" tabindex="0" aria-checked="true">x</div>')).toEqual([]);
  });
});

describe('aria-hidden details without a summary', () => {
  it('reports the browser-supplied summary, not a details element that has its own', async () => {
    expect(await messages('accessibility/aria-hidden-focus', '<details aria-hidden="true"><p>x</p></details>')).toEqual(['detailsSummary']);
    expect(await messages('accessibility/aria-hidden-focus', '<div aria-hidden="true"><details><p>x</p></details></div>')).toEqual(['inside']);
    expect(await messages('accessibility/aria-hidden-focus', '<details aria-hidden="true" inert><p>x</p></details><details hidden aria-hidden="true"></details>')).toEqual([]);
  });
});
