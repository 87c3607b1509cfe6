/**
 * JavaScript that a service team did not write and cannot fix in place: minified or bundled build
 * output, and copies of well-known libraries (a jQuery or Underscore file in a static folder). The
 * code rules do not judge these: their findings would be about the library's internals (jQuery's own
 * `elem.innerHTML = value`), not the service's use of it. Secrets and the other packs still read them.
 */
import type { SourceFile } from '../../../src/model/document.js';

/** Libraries' own licence banners, as their distributed files open (Lodash's names Underscore, so it comes first). */
const LIBRARY_BANNERS: [RegExp, string][] = [
  [/\bjQuery JavaScript Library v\d|\/\*!? jQuery v\d/, 'jQuery'],
  [/\bjQuery UI - v\d/, 'jQuery UI'],
  [/\bjQuery Migrate - v\d/, 'jQuery Migrate'],
  [/@license[\s*]+Lodash\b|\bLodash <https:\/\/lodash\.com\/>/, 'Lodash'],
  [/\bUnderscore\.js \d/, 'Underscore'],
  [/\bBackbone\.js \d/, 'Backbone'],
  [/@license AngularJS v\d/, 'AngularJS'],
  [/\bBootstrap v\d[\d.]* \(https:\/\/getbootstrap\.com/, 'Bootstrap'],
  [/\bModernizr (?:v)?\d/, 'Modernizr'],
  [/\bRequireJS \d/, 'RequireJS'],
  [/\bSizzle CSS Selector Engine v\d/, 'Sizzle'],
  [/\bVue\.js v\d/, 'Vue'],
  [/@license React\b/, 'React'],
  [/\/\/! moment\.js\b/, 'Moment.js'],
  [/\bDataTables \d[\d.]*\b[\s\S]{0,80}SpryMedia/, 'DataTables'],
  [/\bSelect2 \d[\d.]*\b[\s\S]{0,80}select2\.github\.io|https:\/\/select2\.github\.io/, 'Select2'],
  [/\bhighlight\.js v\d|Highlight\.js v\d/, 'highlight.js'],
  [/\bhttps:\/\/d3js\.org v\d/, 'D3'],
  [/\bhandlebars v\d/, 'Handlebars'],
];

/** webpack, Rollup/esbuild and Parcel runtime headers at the top of a bundle. */
const BUNDLE_HEADER = /^\/\*{6}\/|webpackBootstrap|\(\(\) => \{ \/\/ webpackBootstrap|\bparcelRequire\b|^\/\/ modules are defined as an array/m;

/** Average line length above which a JavaScript file is minified (GitHub Linguist's threshold). */
const MINIFIED_AVERAGE_LINE = 110;

/**
 * Why a file is not the service's own code, or undefined. Looks at the name, the first 2 KB and the
 * average line length only; a hand-written file with a library's name but no banner is still checked.
 */
export function thirdPartyReason(file: SourceFile): string | undefined {
  if (/(?:\.|-)min\.[cm]?js$/i.test(file.path)) return 'minified JavaScript';
  const head = file.text.slice(0, 2048);
  for (const [banner, name] of LIBRARY_BANNERS) if (banner.test(head)) return `a copy of ${name}`;
  if (BUNDLE_HEADER.test(head)) return 'a bundler\'s build output';
  const lines = file.lines.lineCount;
  if (file.text.length > 2048 && file.text.length / Math.max(1, lines) > MINIFIED_AVERAGE_LINE) return 'minified JavaScript';
  return undefined;
}

const reasons = new WeakMap<SourceFile, string | null>();

/** thirdPartyReason, worked out once per file for every code rule. */
export function thirdPartyOf(file: SourceFile): string | undefined {
  let r = reasons.get(file);
  if (r === undefined) reasons.set(file, (r = thirdPartyReason(file) ?? null));
  return r ?? undefined;
}
