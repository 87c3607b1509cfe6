/**
 * One headless Chromium for a scan that survives its own crashes. Under memory pressure or a heavy
 * load Chromium (or one page's renderer) can die mid-scan; every page after that would fail with
 * "Target page, context or browser has been closed". Here a page whose browser stopped is rendered
 * again once in a relaunched browser, and a page whose renderer crashed once more in a new page, so a
 * crash costs a retry, not the rest of the scan.
 */
import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/** Debian's Chromium, or CHROMIUM_PATH. */
export function chromiumPath(): string | undefined {
  const env = process.env.CHROMIUM_PATH;
  if (env) return existsSync(env) ? env : undefined;
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
}

/** Headless flags: no sandbox (root in CI), and none of the background networking a closed machine refuses. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

/** How long Chromium may take to start (Playwright's own default is 3 minutes). */
const LAUNCH_TIMEOUT_MS = 60_000;

/**
 * `p`, or an error once `ms` have passed: no call into a browser that stopped answering (a page that
 * never opens or closes, a script that never returns) may hold up the scan.
 */
export function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms)));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** Debian's Chromium, headless, with the product's flags; an error string when it is absent or does not start. */
export async function launchBrowser(): Promise<Browser | { error: string }> {
  const exe = chromiumPath();
  if (!exe) return { error: 'Chromium was not found (install Debian\'s chromium or set CHROMIUM_PATH)' };
  const { chromium } = await import('playwright-core');
  try {
    return await chromium.launch({ executablePath: exe, headless: true, args: CHROMIUM_ARGS, timeout: LAUNCH_TIMEOUT_MS });
  } catch (e) {
    return { error: `Chromium did not start: ${(e as Error).message.split('\n')[0]}` };
  }
}

/** Relaunches allowed in one scan; a browser that keeps dying is not started forever. */
const MAX_RELAUNCHES = 2;

/**
 * How long a failed page waits to hear that its renderer crashed: briefly after any error, longer
 * after one that a crash causes (an aborted navigation, a detached frame, a closed target), whose
 * news can lag by seconds on a loaded machine.
 */
const CRASH_NEWS_MS = 500;
const CRASH_LIKELY_NEWS_MS = 5_000;
const CRASH_LIKE = /crash|detached|closed|target|aborted|disconnected/i;
/** How long one call into the browser may take: opening, closing or setting up a page or browser, loading a script, reading a page. */
export const BROWSER_CALL_MS = 30_000;

/** Creates the context pages open in (routes, CSP bypass), on the first browser and each relaunched one. */
export type ContextSetup = (browser: Browser) => Promise<BrowserContext>;

export class Chromium {
  /** Times Chromium was relaunched after stopping unexpectedly. */
  relaunches = 0;
  /** Pages rendered a second time after their renderer crashed. */
  pageCrashes = 0;
  private generation = 0;
  private relaunching: Promise<void> | undefined;
  private closed = false;

  private constructor(
    private browser: Browser,
    private context: BrowserContext,
    private readonly setup: ContextSetup,
  ) {}

  /** Debian's Chromium with the product's flags and a context made by `setup`; an error string when it does not start. */
  static async launch(setup: ContextSetup = (b) => b.newContext()): Promise<Chromium | { error: string }> {
    const browser = await launchBrowser();
    if ('error' in browser) return browser;
    try {
      return new Chromium(browser, await setup(browser), setup);
    } catch (e) {
      await browser.close().catch(() => undefined);
      return { error: `Chromium did not start: ${(e as Error).message.split('\n')[0]}` };
    }
  }

  /**
   * Run `use` on a new page, closed afterwards. When Chromium stops or the page's renderer crashes
   * while it runs, `use` runs once more (in a relaunched browser, or a new page); any other error,
   * or a second crash, is thrown. `onRetry` hears why a second attempt is made.
   */
  async withPage<T>(use: (page: Page) => Promise<T>, onRetry?: (why: 'browser stopped' | 'renderer crashed') => void): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const generation = this.generation;
      let crashed = false;
      let page: Page | undefined;
      try {
        page = await within(this.context.newPage(), BROWSER_CALL_MS, 'opening a page in Chromium');
        page.on('crash', () => (crashed = true));
        return await use(page);
      } catch (e) {
        // a renderer's death may reach us just after the navigation it aborted ("frame was detached")
        if (!crashed && page && this.browser.isConnected()) {
          const wait = CRASH_LIKE.test(String((e as Error)?.message ?? e)) ? CRASH_LIKELY_NEWS_MS : CRASH_NEWS_MS;
          await page.waitForEvent('crash', { timeout: wait }).then(() => (crashed = true), () => undefined);
        }
        const stopped = !this.browser.isConnected();
        if (attempt > 1 || this.closed || !(stopped || crashed)) throw e;
        if (stopped) await this.relaunch(generation);
        else this.pageCrashes++;
        onRetry?.(stopped ? 'browser stopped' : 'renderer crashed');
      } finally {
        if (page) await within(page.close(), BROWSER_CALL_MS, 'closing a page').catch(() => undefined);
      }
    }
  }

  /** Start a new browser in place of one that stopped (once for all the pages that saw it stop). */
  private async relaunch(generation: number): Promise<void> {
    if (generation !== this.generation) return;
    this.relaunching ??= (async () => {
      if (this.relaunches >= MAX_RELAUNCHES) throw new Error(`Chromium stopped unexpectedly ${this.relaunches + 1} times; not started again`);
      await within(this.browser.close(), BROWSER_CALL_MS, 'closing Chromium').catch(() => undefined);
      // a start that fails (or hangs) on a loaded machine is tried once more
      let browser = await launchBrowser();
      if ('error' in browser) browser = await launchBrowser();
      if ('error' in browser) throw new Error(`Chromium stopped unexpectedly and ${browser.error.replace(/^Chromium /, 'it ')}`);
      this.browser = browser;
      this.context = await within(this.setup(browser), BROWSER_CALL_MS, 'setting up Chromium');
      this.relaunches++;
      this.generation++;
    })().finally(() => (this.relaunching = undefined));
    await this.relaunching;
  }

  /** What the crashes cost, for a notice; undefined when there were none. */
  recoverySummary(): string | undefined {
    const parts: string[] = [];
    if (this.relaunches) parts.push(`Chromium stopped unexpectedly and was started again ${this.relaunches === 1 ? 'once' : `${this.relaunches} times`}`);
    if (this.pageCrashes) parts.push(`${this.pageCrashes} page${this.pageCrashes === 1 ? '' : 's'} crashed the renderer`);
    return parts.length ? `${parts.join('; ')}; the pages affected were tried again` : undefined;
  }

  async close(): Promise<void> {
    this.closed = true;
    await within(this.context.close(), BROWSER_CALL_MS, 'closing Chromium').catch(() => undefined);
    await within(this.browser.close(), BROWSER_CALL_MS, 'closing Chromium').catch(() => undefined);
  }
}
