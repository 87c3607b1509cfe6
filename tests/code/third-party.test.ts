import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { thirdPartyReason } from '../../rules/code/lib/third-party.js';
import type { SourceFile } from '../../src/model/document.js';
import type { ScanResult } from '../../src/model/finding.js';
import { cli, tempTree } from '../support/cli.js';
import { fromRoot } from '../../src/paths.js';

function file(path: string, text: string): SourceFile {
  return { path, text, lines: { lineCount: text.split('\n').length } } as unknown as SourceFile;
}

describe('JavaScript the service did not write', () => {
  it('is recognised by a .min.js name, a library banner, a bundler header or minified lines', () => {
    expect(thirdPartyReason(file('static/app.min.js', 'eval(x)\n'))).toBe('minified JavaScript');
    expect(thirdPartyReason(file('vendor/jquery.js', '/*! jQuery v3.6.0 | (c) OpenJS Foundation */\n'))).toBe('a copy of jQuery');
    expect(thirdPartyReason(file('lib/u.js', '//     Underscore.js 1.13.6\n//     https://underscorejs.org\n'))).toBe('a copy of Underscore');
    expect(thirdPartyReason(file('app/assets/javascripts/all.js', "(function (global, factory) {\n  typeof define === 'function' && define.amd ? define('GOVUKFrontend', ['exports'], factory) :\n  (factory((global.GOVUKFrontend = {})));\n}(this, (function (exports) {})));\n"))).toBe('a copy of GOV.UK Frontend');
    expect(thirdPartyReason(file('dist/main.js', '/******/ (() => { // webpackBootstrap\n/******/ \tvar __webpack_modules__ = ({\n'))).toBe("a bundler's build output");
    expect(thirdPartyReason(file('dist/out.js', `${'var a=1,b=2,c=3;'.repeat(300)}\n`))).toBe('minified JavaScript');
  });

  it('is not claimed for the service\'s own files, even when named after a library', () => {
    expect(thirdPartyReason(file('static/jquery-plugin.js', '(function ($) {\n  $.fn.x = function () {};\n})(jQuery);\n'))).toBeUndefined();
    expect(thirdPartyReason(file('app/assets/javascripts/application.js', 'window.GOVUKFrontend.initAll();\n'))).toBeUndefined();
    expect(thirdPartyReason(file('locale/en-gb.js', '//! moment.js locale configuration\n;(function (global, factory) { factory(global.moment); }(this, function (moment) {}));\n'))).toBeUndefined();
    expect(thirdPartyReason(file('src/server.js', readFileSync(fromRoot('examples', 'council-service', 'server.js'), 'utf8')))).toBeUndefined();
  });

  it('is skipped by the code rules with an info notice, and checked with thirdParty: true', () => {
    const lib = '/*!\n * jQuery JavaScript Library v1.12.4\n */\nfunction html(elem, value) { elem.innerHTML = value; }\n';
    const dir = tempTree({ 'static/jquery.js': lib, 'static/app.js': 'function show(el, v) { el.innerHTML = v; }\n' });
    const scan = (extra: string[]) => JSON.parse(cli(['scan', dir, '--packs', 'code', '--format', 'json', '--fail-on', 'none', '--no-cache', ...extra]).stdout) as ScanResult;
    const plain = scan([]);
    expect(plain.findings.map((f) => `${f.file} ${f.ruleId}`)).toEqual(['static/app.js code/dom-xss']);
    expect(plain.notices.filter((n) => n.file === 'static/jquery.js').map((n) => n.message)).toEqual([expect.stringContaining('not checked by the code rules: a copy of jQuery')]);
    const configured = tempTree({ 'saltire.config.yaml': 'version: 1\nrules:\n  code/*:\n    options:\n      thirdParty: true\n' });
    const all = scan(['--config', `${configured}/saltire.config.yaml`]);
    expect(all.findings.map((f) => `${f.file} ${f.ruleId}`).sort()).toEqual(['static/app.js code/dom-xss', 'static/jquery.js code/dom-xss']);
  });
});
