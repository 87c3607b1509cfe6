/**
 * Copies of well-known JavaScript libraries committed to a repository (a jQuery file in a static
 * folder), recognised by the licence banner their distributed files open with, and their npm package
 * and version where the file states it. Shared by the code pack (which does not judge library
 * internals) and the dependencies pack (which checks the version against OSV advisories).
 */

export interface KnownLibrary {
  /** The library's name as people write it. */
  name: string;
  /** Its npm package, whose advisories apply to the copy. */
  npm?: string;
  /** The banner, in the file's first 2 KB. */
  banner: RegExp;
  /** The version: group 1, searched in the banner's neighbourhood (or the whole file for `VERSION =`). */
  version?: RegExp;
}

const V = '(\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.-]+)?)';

/** Lodash's banner names Underscore, so it comes first. */
export const KNOWN_LIBRARIES: KnownLibrary[] = [
  { name: 'jQuery', npm: 'jquery', banner: /\bjQuery JavaScript Library v\d|\/\*!? jQuery v\d/, version: new RegExp(`jQuery (?:JavaScript Library )?v${V}`) },
  { name: 'jQuery UI', npm: 'jquery-ui', banner: /\bjQuery UI - v\d/, version: new RegExp(`jQuery UI - v${V}`) },
  { name: 'jQuery Migrate', npm: 'jquery-migrate', banner: /\bjQuery Migrate - v\d/, version: new RegExp(`jQuery Migrate - v${V}`) },
  { name: 'Lodash', npm: 'lodash', banner: /@license[\s*]+Lodash\b|\bLodash <https:\/\/lodash\.com\/>/, version: new RegExp(`\\bVERSION\\s*=\\s*['"]${V}['"]`) },
  { name: 'Underscore', npm: 'underscore', banner: /\bUnderscore\.js \d/, version: new RegExp(`Underscore\\.js ${V}`) },
  { name: 'Backbone', npm: 'backbone', banner: /\bBackbone\.js \d/, version: new RegExp(`Backbone\\.js ${V}`) },
  { name: 'AngularJS', npm: 'angular', banner: /@license AngularJS v\d/, version: new RegExp(`@license AngularJS v${V}`) },
  { name: 'Bootstrap', npm: 'bootstrap', banner: /\bBootstrap v\d[\d.]* \(https:\/\/getbootstrap\.com/, version: new RegExp(`Bootstrap v${V}`) },
  { name: 'DOMPurify', npm: 'dompurify', banner: /@license DOMPurify \d/, version: new RegExp(`@license DOMPurify ${V}`) },
  { name: 'Handlebars', npm: 'handlebars', banner: /\bhandlebars v\d/, version: new RegExp(`handlebars v${V}`) },
  { name: 'Moment.js', npm: 'moment', banner: /\/\/! moment\.js\b/, version: new RegExp(`//! version : ${V}`) },
  { name: 'Vue', npm: 'vue', banner: /\bVue\.js v\d/, version: new RegExp(`Vue\\.js v${V}`) },
  { name: 'Select2', npm: 'select2', banner: /\bSelect2 \d[\d.]*\b[\s\S]{0,80}select2\.github\.io|https:\/\/select2\.github\.io/, version: new RegExp(`Select2 ${V}`) },
  { name: 'highlight.js', npm: 'highlight.js', banner: /\b[Hh]ighlight\.js v\d/, version: new RegExp(`[Hh]ighlight\\.js v${V}`) },
  { name: 'Modernizr', banner: /\bModernizr (?:v)?\d/ },
  { name: 'RequireJS', npm: 'requirejs', banner: /\bRequireJS \d/, version: new RegExp(`RequireJS ${V}`) },
  { name: 'Sizzle', banner: /\bSizzle CSS Selector Engine v\d/ },
  { name: 'React', banner: /@license React\b/ },
  { name: 'DataTables', banner: /\bDataTables \d[\d.]*\b[\s\S]{0,80}SpryMedia/ },
  { name: 'D3', npm: 'd3', banner: /\bhttps:\/\/d3js\.org v\d/, version: new RegExp(`https://d3js\\.org v${V}`) },
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
    // Lodash states its version in code (`var VERSION = '4.17.21'`); the others in the banner
    const v = library.version?.exec(library.name === 'Lodash' ? text : head);
    return { library, ...(v ? { version: v[1], offset: library.name === 'Lodash' ? b.index : v.index } : { offset: b.index }) };
  }
  return undefined;
}
