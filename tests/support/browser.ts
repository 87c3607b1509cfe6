import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../../src/render/chromium.js';

/** Debian's Chromium (installed by .ci/run with apt-get), or CHROMIUM_PATH — the same lookup as `--render`. */
export const CHROMIUM = chromiumPath();

export const NO_BROWSER_MESSAGE = 'Chromium not found (install Debian\'s chromium, or set CHROMIUM_PATH): browser tests skipped';

/** Headless Chromium launched as the product launches it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}
