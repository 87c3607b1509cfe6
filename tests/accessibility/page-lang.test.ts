import { describe, expect, it } from 'vitest';
import pack from '../../rules/accessibility/index.js';
import { runOnHtml } from '../../src/a11y/act.js';

async function messages(html: string): Promise<(string | undefined)[]> {
  const rules = pack.rules.filter((r) => r.meta.id === 'accessibility/html-lang-valid');
  const run = await runOnHtml(rules, html, 'page.html');
  expect(run.errors).toEqual([]);
  return run.findings.map((f) => f.messageId);
}

describe('html-lang-valid and xml:lang', () => {
  it('reports an xml:lang that is not a language tag, beside a valid lang', async () => {
    expect(await messages('<html lang="fr" xml:lang="fr+fr"><title>t</title><p>x</p></html>')).toEqual(['invalidXml']);
    expect(await messages('<html lang="english" xml:lang="english"><title>t</title><p>x</p></html>')).toEqual(['invalid', 'invalidXml']);
  });
  it('accepts valid and empty xml:lang values', async () => {
    expect(await messages('<html lang="en" xml:lang="en-GB"><title>t</title><p>x</p></html>')).toEqual([]);
    expect(await messages('<html lang="en" xml:lang=""><title>t</title><p>x</p></html>')).toEqual([]);
  });
});
