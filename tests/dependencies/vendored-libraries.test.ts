import { describe, expect, it } from 'vitest';
import { identifyLibrary } from '../../src/lockfiles/vendored-libraries.js';

/** Library and version read from a file; short banners written for these tests in the forms the distributed files use. */
function read(text: string): string | undefined {
  const found = identifyLibrary(text);
  return found && `${found.library.name} ${found.version ?? '?'}`;
}

describe('copied-in libraries, by the banner forms of their distributed files', () => {
  it('reads jQuery, jQuery UI and jQuery Migrate banners, old and minified', () => {
    expect(read('/*!\n * jQuery JavaScript Library v1.12.4\n * http://jquery.com/\n */\n')).toBe('jQuery 1.12.4');
    // jQuery 1.7 called itself v1.7
    expect(read('/*!\n * jQuery JavaScript Library v1.7\n * http://jquery.com/\n */\n')).toBe('jQuery 1.7.0');
    expect(read('/*! jQuery v3.4.1 | (c) JS Foundation and other contributors | jquery.org/license */\n')).toBe('jQuery 3.4.1');
    expect(read('/*! jQuery UI - v1.12.1 - 2016-09-14\n* http://jqueryui.com */\n')).toBe('jQuery UI 1.12.1');
    expect(read('/*!\n * jQuery Migrate - v3.0.0 - 2016-06-09\n */\n')).toBe('jQuery Migrate 3.0.0');
    expect(read('/*! jQuery Migrate v1.4.1 | (c) jQuery Foundation and other contributors | jquery.org/license */\n')).toBe('jQuery Migrate 1.4.1');
  });

  it('reads Lodash 2, 3 and 4 (whose banners name the Underscore they are based on) as Lodash', () => {
    expect(read('/**\n * @license\n * Lo-Dash 2.4.2 (Custom Build) lodash.com/license | Underscore.js 1.5.2 underscorejs.org/LICENSE\n */\n')).toBe('Lodash 2.4.2');
    expect(read('/**\n * @license\n * lodash 3.10.1 (Custom Build) <https://lodash.com/>\n * Based on Underscore.js 1.8.3 <http://underscorejs.org/LICENSE>\n */\n')).toBe('Lodash 3.10.1');
    expect(read("/**\n * @license\n * Lodash <https://lodash.com/>\n * Based on Underscore.js 1.8.3 <http://underscorejs.org/LICENSE>\n */\n;(function() {\n  var VERSION = '4.17.21';\n}.call(this));\n")).toBe('Lodash 4.17.21');
    // lodash's per-method packages are not the library build
    expect(read('/**\n * lodash (Custom Build) <https://lodash.com/>\n * Build: `lodash modularize exports="npm" -o ./`\n */\n')).toBeUndefined();
  });

  it('reads AngularJS, Bootstrap 3, D3 and highlight.js banners in their older forms', () => {
    expect(read('/*\n AngularJS v1.2.32\n (c) 2010-2014 Google, Inc. http://angularjs.org\n License: MIT\n*/\n(function(V){})(window);\n')).toBe('AngularJS 1.2.32');
    expect(read('/**\n * @license AngularJS v1.8.3\n * (c) 2010-2020 Google LLC. http://angularjs.org\n */\n')).toBe('AngularJS 1.8.3');
    expect(read('/*!\n * Bootstrap v3.3.7 (http://getbootstrap.com)\n * Licensed under the MIT license\n */\n')).toBe('Bootstrap 3.3.7');
    expect(read('// https://d3js.org Version 4.13.0. Copyright 2018 Mike Bostock.\n(function (global, factory) {})(this);\n')).toBe('D3 4.13.0');
    expect(read('// https://d3js.org v7.9.0 Copyright 2010-2023 Mike Bostock\n')).toBe('D3 7.9.0');
    expect(read('!function() {\n  var d3 = {\n    version: "3.5.17"\n  };\n  var d3_arraySlice = [].slice;\n}();\n')).toBe('D3 3.5.17');
    expect(read('d3 = function() {\n  var π = Math.PI, d3 = {\n    version: "3.0.8"\n  };\n}();\n')).toBe('D3 3.0.8');
    // D3 3's source opening, not the library
    expect(read('!function(){\n  var d3 = {version: "3.5.17"}; // semver\n')).toBeUndefined();
    expect(read('/*\n  Highlight.js 10.7.3 (0c4cc8a1)\n  License: BSD-3-Clause\n*/\nvar hljs = (function () {})();\n')).toBe('highlight.js 10.7.3');
    expect(read('/*!\n  Highlight.js v11.9.0 (git: f47103d4f1)\n  License: BSD-3-Clause\n */\n')).toBe('highlight.js 11.9.0');
  });

  it('reads Backbone\'s minified build, which has no banner, by its UMD wrapper', () => {
    expect(read('//     Backbone.js 1.4.1\n//     (c) 2010-2020 Jeremy Ashkenas and DocumentCloud\n')).toBe('Backbone 1.4.1');
    expect(read('(function(t,e){if(typeof define==="function"&&define.amd){define(["underscore","jquery","exports"],function(i,r,s){t.Backbone=e(t,s,i,r)})}})(this,function(t,e){e.VERSION="1.1.2"});\n')).toBe('Backbone 1.1.2');
    // a service's module that depends on the same libraries
    expect(read('define(["underscore","jquery","exports"],function(_,$,exports){exports.view=function(){}});\n')).toBeUndefined();
  });

  it('reads DOMPurify and Moment.js versions from their code when the banner has none', () => {
    expect(read("/*! @license DOMPurify 3.1.6 | (c) Cure53 and other contributors */\n")).toBe('DOMPurify 3.1.6');
    expect(read("/*! @license DOMPurify | (c) Cure53 and other contributors */\n!function(e,t){e.DOMPurify=t()}(this,function(){var n={};n.version=\"2.0.17\";return n});\n")).toBe('DOMPurify 2.0.17');
    // DOMPurify 1 has no banner: its UMD wrapper exports the global
    expect(read("(function (global, factory) {\n  typeof define === 'function' && define.amd ? define(factory) :\n  (global.DOMPurify = factory());\n}(this, (function () {\n  DOMPurify.version = '1.0.11';\n})));\n")).toBe('DOMPurify 1.0.11');
    expect(read('//! moment.js\n//! version : 2.19.3\n//! license : MIT\n')).toBe('Moment.js 2.19.3');
    expect(read("//! moment.js\n\n;(function (global, factory) {\n  typeof define === 'function' && define.amd ? define(factory) :\n  global.moment = factory()\n}(this, (function () {\n  hooks.version = '2.24.0';\n})));\n")).toBe('Moment.js 2.24.0');
    expect(read('!function(e,t){"object"==typeof exports?module.exports=t():"function"==typeof define&&define.amd?define(t):e.moment=t()}(this,function(){f.version="2.29.4"});\n')).toBe('Moment.js 2.29.4');
    // its locale files are not the library
    expect(read("//! moment.js locale configuration\n\n;(function (global, factory) {\n  factory(global.moment)\n}(this, (function (moment) {})));\n")).toBeUndefined();
    expect(read("//! moment.js language configuration\n//! locale : Uyghur (China)\n")).toBeUndefined();
  });

  it('reads Vue 2 and Vue 3 builds', () => {
    expect(read('/*!\n * Vue.js v2.6.14\n * (c) 2014-2021 Evan You\n */\n')).toBe('Vue 2.6.14');
    expect(read('/**\n* vue v3.4.21\n* (c) 2018-present Yuxi (Evan) You and Vue contributors\n* @license MIT\n**/\nvar Vue = (function (exports) {})({});\n')).toBe('Vue 3.4.21');
    // Vue 3.0's global build has no banner
    expect(read("var Vue = (function (exports) {\n  'use strict';\n  const version = \"3.0.0\";\n}({}));\n")).toBe('Vue 3.0.0');
  });

  it('reads Select2 3 and 4 banners, but not its language files or its unbuilt wrapper', () => {
    expect(read('/*!\n * Select2 4.0.13\n * https://select2.github.io\n */\n')).toBe('Select2 4.0.13');
    expect(read('/*! Select2 4.0.3 | https://github.com/select2/select2/blob/master/LICENSE.md */!function(a){"function"==typeof define&&define.amd?define(["jquery"],a):a(jQuery)}(function(a){});\n')).toBe('Select2 4.0.3');
    expect(read('/*\nCopyright 2012 Igor Vaynberg\n\nVersion: 3.5.2 Timestamp: Sat Nov  1 14:43:36 EDT 2014\n\nThis software is licensed under the Apache License, Version 2.0\n*/\n')).toBe('Select2 3.5.2');
    expect(read('/*! Select2 4.0.13 | https://github.com/select2/select2/blob/master/LICENSE.md */\n\n!function(){if(jQuery&&jQuery.fn&&jQuery.fn.select2&&jQuery.fn.select2.amd)var e=jQuery.fn.select2.amd}();\n')).toBeUndefined();
    expect(read('/*!\n * Select2 <%= package.version %>\n * https://select2.github.io\n */\n')).toBeUndefined();
  });

  it('recognises GOV.UK Frontend\'s built scripts by the global their UMD wrapper names', () => {
    expect(read("(function (global, factory) {\n  typeof define === 'function' && define.amd ? define('GOVUKFrontend', ['exports'], factory) :\n  (factory((global.GOVUKFrontend = {})));\n}(this, (function (exports) { 'use strict';\n  var version = '4.8.0';\n})));\n")).toBe('GOV.UK Frontend 4.8.0');
    expect(read("(function (global, factory) {\n  typeof define === 'function' && define.amd ? define('GOVUKFrontend.Accordion', factory) :\n  (global.GOVUKFrontend = global.GOVUKFrontend || {}, global.GOVUKFrontend.Accordion = factory());\n}(this, (function () {})));\n")).toBe('GOV.UK Frontend ?');
    expect(read("(function (global, factory) {\n  typeof define === 'function' && define.amd ? define(['exports'], factory) :\n  (global = typeof globalThis !== 'undefined' ? globalThis : global || self, factory(global.GOVUKFrontend = {}));\n})(this, (function (exports) { 'use strict';\n  const version = '5.7.1';\n}));\n")).toBe('GOV.UK Frontend 5.7.1');
    // a service starting it
    expect(read("window.GOVUKFrontend.initAll();\nconst version = '1.2.3';\n")).toBeUndefined();
  });

  it('claims nothing for a service\'s own code that mentions the libraries', () => {
    expect(read("import DOMPurify from 'dompurify';\nimport moment from 'moment';\nwindow.moment = moment;\nexport const clean = (html) => DOMPurify.sanitize(html);\n")).toBeUndefined();
    expect(read("window.moment = moment();\nwindow.DOMPurify = createDOMPurify();\n")).toBeUndefined();
    expect(read('// Uses Highlight.js and D3 (https://d3js.org) for the charts.\nconst Vue = window.Vue;\n')).toBeUndefined();
  });
});
