/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { cli, EXAMPLE, tempTree } from '../support/cli.js';
import { CHROMIUM, launchChromium, NO_BROWSER_MESSAGE } from '../support/browser.js';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

function renderExample(): string {
  const out = path.join(tempTree({}), 'report.html');
  const r = cli(['scan', EXAMPLE, '--format', `html=${out}`, '--fail-on', 'none']);
  expect(r.code).toBe(0);
  return out;
}

describe('HTML report (static properties)', () => {
  it('is one self-contained file: no scripts, no external resources', async () => {
    const { readFileSync } = await import('node:fs');
    const html = readFileSync(renderExample(), 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(html).not.toMatch(/@import|url\(/i);
    // links to sources are fine; nothing may be loaded from elsewhere
    expect(html).not.toMatch(/<(?:img|script|iframe|object|embed|link|video|audio|source)\b/i);
    for (const section of ['Summary by criterion', 'Suppressed findings', 'Files not scanned', 'Provenance', 'Questions for the assessor']) expect(html).toContain(section);
  });
});

describe.skipIf(!CHROMIUM)('HTML report in headless Chromium', () => {
  let browser: Browser;
  let file: string;
  beforeAll(async () => {
    browser = await launchChromium();
    file = renderExample();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('passes axe-core WCAG 2.2 AA with zero violations and makes no network request', async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (req) => {
      if (!req.url().startsWith('file:')) requests.push(req.url());
    });
    await page.goto(`file://${file}`);
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
      const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
      return r.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
    });
    expect(violations).toEqual([]);
    expect(requests).toEqual([]);
    // a screenshot for people to look at
    const shots = path.join(os.tmpdir(), 'saltire-screenshots');
    mkdirSync(shots, { recursive: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: path.join(shots, 'html-report.png'), fullPage: false });
    await page.close();
  });

  it('is readable without JavaScript and prints to PDF', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(`file://${file}`);
    expect(await page.locator('h1').innerText()).toBe('Service assessment evidence');
    expect(await page.locator('table').first().isVisible()).toBe(true);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.byteLength).toBeGreaterThan(10_000);
    writeFileSync(path.join(os.tmpdir(), 'saltire-report.pdf'), pdf);
    await ctx.close();
  });

  it('stays accessible at 400% zoom (reflow: no horizontal scrolling at 320 CSS px)', async () => {
    const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
    await page.goto(`file://${file}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // data tables may scroll inside their own keyboard-focusable region (WCAG 1.4.10 allows it)
    const regions = await page.locator('.table-wrap[tabindex="0"][role="region"]').count();
    expect(regions).toBeGreaterThan(0);
    await page.close();
  });
});
describe.skipIf(!!CHROMIUM)('HTML report in headless Chromium', () => {
  it.skip(NO_BROWSER_MESSAGE, () => {});
});
