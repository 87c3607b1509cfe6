/**
 * JavaScript that a service team did not write and cannot fix in place: minified or bundled build
 * output, and copies of well-known libraries (a jQuery or Underscore file in a static folder). The
 * code rules do not judge these: their findings would be about the library's internals (jQuery's own
 * `elem.innerHTML = value`), not the service's use of it. Secrets and the other packs still read them.
 */
import type { SourceFile } from '../../../src/model/document.js';
import type { RuleContext } from '../../../src/model/rule.js';
import { identifyLibrary, libraryOf, type IdentifiedLibrary } from '../../../src/lockfiles/vendored-libraries.js';

/** webpack, Rollup/esbuild and Parcel runtime headers at the top of a bundle. */
const BUNDLE_HEADER = /^\/\*{6}\/|webpackBootstrap|\(\(\) => \{ \/\/ webpackBootstrap|\bparcelRequire\b|^\/\/ modules are defined as an array/m;

/** Average line length above which a JavaScript file is minified (GitHub Linguist's threshold). */
const MINIFIED_AVERAGE_LINE = 110;

/**
 * Why a file is not the service's own code, or undefined. Looks at the name, the first 2 KB and the
 * average line length only; a hand-written file with a library's name but no banner is still checked.
 */
export function thirdPartyReason(file: SourceFile, libraryIn: () => IdentifiedLibrary | undefined = () => identifyLibrary(file.text)): string | undefined {
  if (/(?:\.|-)min\.[cm]?js$/i.test(file.path)) return 'minified JavaScript';
  const library = libraryIn();
  if (library) return `a copy of ${library.library.name}`;
  if (BUNDLE_HEADER.test(file.text.slice(0, 2048))) return 'a bundler\'s build output';
  const lines = file.lines.lineCount;
  if (file.text.length > 2048 && file.text.length / Math.max(1, lines) > MINIFIED_AVERAGE_LINE) return 'minified JavaScript';
  return undefined;
}

/** thirdPartyReason of the file being checked, worked out once for every code rule. */
export function thirdPartyOf(ctx: RuleContext): string | undefined {
  return ctx.shared('code:third-party', () => thirdPartyReason(ctx.file, () => libraryOf(ctx)));
}
