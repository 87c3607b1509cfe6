/**
 * Copies of well-known JavaScript libraries committed to a repository (a jQuery file in a static
 * folder), recognised by the licence banner their distributed files open with, and their npm package
 * and version where the file states it. Shared by the code pack (which does not judge library
 * internals) and the dependencies pack (which checks the version against OSV advisories).
 */

import type { RuleContext } from '../model/rule.js';

export interface KnownLibrary {
  /** The library's name as people write it. */
  name: string;
  /** Its npm package, whose advisories apply to the copy. */
  npm?: string;
  /** The banner (or, for builds that have none, the opening only that library's build has), in the file's first 2 KB. */
  banner: RegExp;
  /** The version: group 1, searched in the first 2 KB. */
  version?: RegExp;
  /** Where the banner states no version: the version as the library's code records it (group 1), searched in the whole file. */
  codeVersion?: RegExp;
}

const V = '(\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.-]+)?)';
/** jQuery 1.7 called itself `v1.7`: a two-part version, read as 1.7.0. */
const V2 = '(\\d+\\.\\d+(?:\\.\\d+)?(?:-[0-9A-Za-z.-]+)?)';

/**
 * Lodash's banner names Underscore, so it comes first. The forms are those of the libraries' own
 * distributed files, old and new: `Lo-Dash 2.4.2` and `lodash 3.10.1 (Custom Build)`, AngularJS's
 * minified `AngularJS v1.2.32 (c) 2010-2014 Google`, Bootstrap 3's `http://getbootstrap.com`, D3 4's
 * `Version 4.13.0`, Vue 3's `vue v3.4.21`, Select2's minified `Select2 4.0.3 | …LICENSE.md` and
 * Select2 3's `Copyright 2012 Igor Vaynberg` / `Version: 3.5.2`.
 */
export const KNOWN_LIBRARIES: KnownLibrary[] = [
  { name: 'jQuery', npm: 'jquery', banner: /\bjQuery JavaScript Library v\d|\/\*!? jQuery v\d/, version: new RegExp(`jQuery (?:JavaScript Library )?v${V2}`) },
  { name: 'jQuery UI', npm: 'jquery-ui', banner: /\bjQuery UI - v\d/, version: new RegExp(`jQuery UI - v${V}`) },
  { name: 'jQuery Migrate', npm: 'jquery-migrate', banner: /\bjQuery Migrate (?:- )?v\d/, version: new RegExp(`jQuery Migrate (?:- )?v${V}`) },
  {
    name: 'Lodash',
    npm: 'lodash',
    banner: /@license[\s*]+(?:Lodash\b|Lo-Dash \d|lodash \d)|\bLodash <https:\/\/lodash\.com\/>/,
    version: new RegExp(`@license[\\s*]+(?:Lo-Dash|lodash) ${V}`),
    codeVersion: new RegExp(`\\bVERSION\\s*=\\s*['"]${V}['"]`),
  },
  { name: 'Underscore', npm: 'underscore', banner: /\bUnderscore\.js \d/, version: new RegExp(`Underscore\\.js ${V}`) },
  // backbone-min.js (1.1 and later) has no banner: its UMD wrapper defines Backbone on underscore and jquery
  {
    name: 'Backbone',
    npm: 'backbone',
    banner: /\bBackbone\.js \d|\bdefine\(\["underscore","jquery","exports"\],function\(\w+,\w+,\w+\)\{\w+\.Backbone=\w+\(/,
    version: new RegExp(`Backbone\\.js ${V}`),
    codeVersion: new RegExp(`\\.VERSION\\s*=\\s*['"]${V}['"]`),
  },
  { name: 'AngularJS', npm: 'angular', banner: /@license AngularJS v\d|^\s*AngularJS v\d[\d.]*\s*\n\s*\(c\) \d{4}-\d{4} Google\b/m, version: new RegExp(`AngularJS v${V}`) },
  { name: 'Bootstrap', npm: 'bootstrap', banner: /\bBootstrap v\d[\d.]* \(https?:\/\/getbootstrap\.com/, version: new RegExp(`Bootstrap v${V}`) },
  // DOMPurify 2.0 and earlier state no version in the banner, 1.x has none: its UMD wrapper (`… : global.DOMPurify = factory()`) exports the global
  {
    name: 'DOMPurify',
    npm: 'dompurify',
    banner: /@license DOMPurify\b|:\s*\(?\w+\.DOMPurify\s*=\s*\w+\(\)/,
    version: new RegExp(`@license DOMPurify ${V}`),
    codeVersion: new RegExp(`\\.version\\s*=\\s*['"]${V}['"]`),
  },
  { name: 'Handlebars', npm: 'handlebars', banner: /\bhandlebars v\d/, version: new RegExp(`handlebars v${V}`) },
  // the minified builds have no banner, only the UMD wrapper exporting the global; locale files are not the library
  {
    name: 'Moment.js',
    npm: 'moment',
    banner: /\/\/! moment\.js(?!\s+(?:locale|language) configuration)\b|:\s*\(?\w+\.moment\s*=\s*\w+\(\)/,
    version: new RegExp(`//! version : ${V}`),
    codeVersion: new RegExp(`\\.version\\s*=\\s*['"]${V}['"]`),
  },
  // Vue 3.0's global build has no banner, only its opening
  {
    name: 'Vue',
    npm: 'vue',
    banner: /\bVue\.js v\d|^\s*\*?\s*vue v\d[\w.-]*\s*\n\s*\*?\s*\(c\) \d{4}-present Yuxi \(Evan\) You\b|^var Vue\s*=\s*\(?function\s*\(\w+\)\s*\{\s*['"]use strict/m,
    version: new RegExp(`(?:Vue\\.js|vue) v${V}`),
    codeVersion: new RegExp(`\\bversion\\s*=\\s*"${V}"`),
  },
  // its language files carry the minified banner too, but open with `jQuery.fn.select2.amd`, not the UMD wrapper
  {
    name: 'Select2',
    npm: 'select2',
    banner: /\bSelect2 \d[\d.]*\b[\s\S]{0,80}select2\.github\.io|\bSelect2 \d[\w.-]* \| https:\/\/github\.com\/select2\/select2\/blob\/master\/LICENSE\.md \*\/\s*!function\(\w\)\{"function"==typeof define|\bCopyright \d{4} Igor Vaynberg\s+Version: \d/,
    version: new RegExp(`(?:Select2|Version:) ${V}`),
  },
  { name: 'highlight.js', npm: 'highlight.js', banner: /\b[Hh]ighlight\.js v\d|\bHighlight\.js \d+\.\d+\.\d+ \(/, version: new RegExp(`[Hh]ighlight\\.js v?${V}`) },
  { name: 'Modernizr', banner: /\bModernizr (?:v)?\d/ },
  { name: 'RequireJS', npm: 'requirejs', banner: /\bRequireJS \d/, version: new RegExp(`RequireJS ${V}`) },
  { name: 'Sizzle', banner: /\bSizzle CSS Selector Engine v\d/ },
  { name: 'React', banner: /@license React\b/ },
  { name: 'DataTables', banner: /\bDataTables \d[\d.]*\b[\s\S]{0,80}SpryMedia/ },
  // D3 3 has no banner: its build opens by declaring `d3` with its version on a line of its own (the
  // one-line `var d3 = {version: "3.5.17"}; // semver` is its source's start.js, not the library)
  {
    name: 'D3',
    npm: 'd3',
    banner: /\bhttps:\/\/d3js\.org (?:v|Version )\d|^(?:!function\(\)|d3 = function\(\)) \{\n\s*var [^\n]*?\bd3 = \{\n\s*version: "\d/,
    version: new RegExp(`(?:https://d3js\\.org (?:v|Version )|\\bd3 = \\{\\n\\s*version: ")${V}`),
  },
  // GOV.UK Frontend's built all.js and component scripts have no banner: their UMD wrapper names the
  // GOVUKFrontend global (define('GOVUKFrontend', …) in 2–4, factory(global.GOVUKFrontend = …) in 5);
  // 4.x and later record the version in code. A service's own `window.GOVUKFrontend.initAll()` is not this.
  {
    name: 'GOV.UK Frontend',
    npm: 'govuk-frontend',
    banner: /\bdefine\('GOVUKFrontend[\w.]*'|\bfactory\(global\.GOVUKFrontend = /,
    codeVersion: new RegExp(`\\bversion = '${V}'`),
  },
];

export interface IdentifiedLibrary {
  library: KnownLibrary;
  /** The version the file states, when it does. */
  version?: string;
  /** Offset of the banner (or of the version statement) in the file. */
  offset: number;
}

/** The library a JavaScript file is a copy of, by the banner in its first 2 KB; undefined for other files. */
export function identifyLibrary(text: string): IdentifiedLibrary | undefined {
  const head = text.slice(0, 2048);
  for (const library of KNOWN_LIBRARIES) {
    const b = library.banner.exec(head);
    if (!b) continue;
    const v = library.version?.exec(head);
    if (v) return { library, version: normalise(v[1]!), offset: v.index };
    // Lodash states its version in code (`var VERSION = '4.17.21'`), as do the other builds without one in the banner
    const c = library.codeVersion?.exec(text);
    return { library, ...(c ? { version: normalise(c[1]!) } : {}), offset: b.index };
  }
  return undefined;
}

/** identifyLibrary of the file being checked, worked out once for every rule that asks (the code and dependencies packs). */
export function libraryOf(ctx: RuleContext): IdentifiedLibrary | undefined {
  return ctx.shared('vendored-library', () => identifyLibrary(ctx.file.text));
}

function normalise(version: string): string {
  return /^\d+\.\d+$/.test(version) ? `${version}.0` : version;
}
