import { describe, expect, it } from 'vitest';
import { parse } from '@typescript-eslint/typescript-estree';
import { analyse, containsRequestInput, isRequestInput, isStatic, moduleOf, staticString, walk, words, type N } from '../../rules/code/lib/analysis.js';

/** Parse `code` and return the analysis plus the argument of the first call to `probe(...)`. */
function probe(code: string) {
  const program = parse(code, { loc: true, range: true, jsx: true });
  const a = analyse(program);
  let arg: N;
  walk(program, (n) => {
    if (!arg && n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'probe') arg = n.arguments[0];
  });
  return { a, arg: arg! };
}

describe('code analysis: static values', () => {
  it.each([
    ["probe('ls -la')", true],
    ['probe(`git ${"log"}`)', true],
    ["const A = 'x'; const B = A + '-y'; probe(`${B}/z`)", true],
    ["const C = { cmd: 'ls' }; probe(C.cmd)", true],
    ["const path = require('path'); probe(path.join(__dirname, 'a.sh'))", true],
    ['function f(x) { probe(x) }', false],
    ["let y = 'a'; y = input; probe(y)", false],
    ['probe(`ls ${dir}`)', false],
    ['probe(process.env.CMD)', false],
    // a property the program writes is no longer the literal's value
    ["const C = { cmd: 'ls' }; C.cmd = input; probe(C.cmd)", false],
    ["const C = { cmd: 'ls' }; C['cmd'] = input; probe(C.cmd)", false],
    ["const C = { o: { cmd: 'ls' } }; C.o.cmd = input; probe(C.o.cmd)", false],
    ["const C = { cmd: 'ls' }; C[k] = input; probe(C.cmd)", false],
    ["const C = { cmd: 'ls' }; Object.assign(C, input); probe(C.cmd)", false],
    ["const C = { cmd: 'ls', n: 0 }; C.n = input; probe(C.cmd)", true],
  ])('%s → %s', (code, expected) => {
    const { a, arg } = probe(code);
    expect(isStatic(a, arg)).toBe(expected);
  });

  it('computes static strings through bindings', () => {
    const { a, arg } = probe("const ALG = 'sha' + '1'; probe(ALG)");
    expect(staticString(a, arg)).toBe('sha1');
  });

  it('respects block scope when resolving', () => {
    const { a, arg } = probe("const x = 'safe'; function f(x) { probe(x) }");
    expect(isStatic(a, arg)).toBe(false);
  });
});

describe('code analysis: request input', () => {
  it.each([
    ['app.get("/", (req, res) => probe(req.query.id))', true],
    ['app.get("/", (req, res) => { const { id } = req.params; probe(id) })', true],
    ['app.get("/", (req, res) => { const { body } = req; probe(body.name) })', true],
    ['async function h(ctx) { probe(ctx.request.body.x) }', true],
    ['exports.h = async (event) => probe(event.queryStringParameters.q)', true],
    ['probe(process.argv[2])', true],
    ['probe(new URLSearchParams(location.search).get("q"))', true],
    ['const p = new URLSearchParams(window.location.search); probe(p.get("q"))', true],
    ['probe(document.URL)', true],
    ['app.get("/", (req, res) => probe(req.get("x-forwarded-host")))', true],
    ['app.get("/", (req, res) => probe(String(req.query.id).trim()))', true],
    ['probe(config.query.id)', false],
    ['probe(location.origin)', false],
    ['function f(request) { const request2 = 1; probe(request2) }', false],
    ['const h = ({ params }: Request, next: unknown) => probe(params.file)', true],
    ['function h({ query: q }, res) { probe(q.search) }', true],
    ['function h({ session }, res) { probe(session.user) }', false],
    ['function h({ query }) { probe(query.q) }', false],
    // NestJS controller parameters, by their @nestjs/common decorators
    ["import { Query } from '@nestjs/common'; class C { f(@Query('q') q: string) { probe(q) } }", true],
    ["import { Body } from '@nestjs/common'; class C { f(@Body() { name }: Dto) { probe(name) } }", true],
    ["import { Body } from '@nestjs/common'; class C { f(@Body() dto: Dto) { probe(dto.name) } }", true],
    ["import { Param as P } from '@nestjs/common'; class C { f(@P('id') id: string) { probe(id) } }", true],
    ["import { Headers } from '@nestjs/common'; class C { f(@Headers('x-id') id: string) { probe(id) } }", true],
    ["import { Req } from '@nestjs/common'; class C { f(@Req() r: any) { probe(r.query.x) } }", true],
    ["import { Param, ParseIntPipe } from '@nestjs/common'; class C { f(@Param('id', ParseIntPipe) id: number) { probe(id) } }", false],
    ["import { Query, ParseUUIDPipe } from '@nestjs/common'; class C { f(@Query('id', new ParseUUIDPipe()) id: string) { probe(id) } }", false],
    ["import { Query } from './my-decorators'; class C { f(@Query('q') q: string) { probe(q) } }", false],
    ["import { Query } from '@nestjs/common'; class C { f(@Query('q') q: string, other: string) { probe(other) } }", false],
  ])('%s → %s', (code, expected) => {
    const { a, arg } = probe(code);
    expect(isRequestInput(a, arg)).toBe(expected);
  });

  it('finds request input inside templates and concatenations, stopping at sanitisers', () => {
    const a1 = probe('app.get("/", (req) => { const cmd = "ls " + req.query.dir; probe(`${cmd} -la`) })');
    expect(containsRequestInput(a1.a, a1.arg)).toBe(true);
    const a2 = probe('app.get("/", (req) => probe("x" + path.basename(req.query.f)))');
    expect(containsRequestInput(a2.a, a2.arg, { stop: (c) => c.callee.property?.name === 'basename' })).toBe(false);
  });

  it.each([
    ['app.get("/", (req) => { let cmd = "ls "; cmd += req.query.dir; probe(cmd) })', true],
    ['app.get("/", (req) => { let cmd = "ls "; cmd = cmd.concat(req.query.dir); probe(cmd) })', true],
    ['app.get("/", (req) => { let v = req.query.v; if (x) v = "a"; probe(v) })', true],
    ['app.get("/", (req) => { cmd = "ls " + req.query.dir; probe(cmd) })', true],
    // a definite reassignment replaces the earlier value; a sanitiser applied to it stops the flow
    ['app.get("/", (req) => { let v = req.query.v; v = "fixed"; probe(v) })', false],
    ['app.get("/", (req) => { let v = req.query.v; v = clean(v); probe(v) })', false],
    ['app.get("/", (req) => { let v = "a"; probe(v); v = req.query.v; })', false],
  ])('follows reassigned variables: %s → %s', (code, expected) => {
    const { a, arg } = probe(code);
    expect(containsRequestInput(a, arg, { stop: (c) => c.callee.name === 'clean' })).toBe(expected);
  });
});

describe('code analysis: modules', () => {
  it.each([
    ["const cp = require('child_process'); probe(cp.exec)", 'child_process', ['exec']],
    ["const { exec: run } = require('node:child_process'); probe(run)", 'child_process', ['exec']],
    ["import * as cp from 'child_process'; probe(cp.execSync)", 'child_process', ['execSync']],
    ["import { exec as x } from 'child_process'; probe(x)", 'child_process', ['exec']],
    ["import jwt from 'jsonwebtoken'; probe(jwt.verify)", 'jsonwebtoken', ['verify']],
    ["const fs = require('fs').promises; probe(fs.readFile)", 'fs', ['promises', 'readFile']],
    ["probe(require('crypto').createHash)", 'crypto', ['createHash']],
  ])('%s', (code, module, path) => {
    const { a, arg } = probe(code);
    expect(moduleOf(a, arg)).toEqual({ module, path });
  });

  it('does not resolve reassigned or shadowed names', () => {
    const { a, arg } = probe("let cp = require('child_process'); cp = other; probe(cp.exec)");
    expect(moduleOf(a, arg)).toBeUndefined();
  });
});

describe('code analysis: words', () => {
  it('splits identifiers', () => {
    expect(words('apiKey')).toEqual(['api', 'key']);
    expect(words('DB_PASSWORD')).toEqual(['db', 'password']);
    expect(words('generateOTPCode')).toEqual(['generate', 'otp', 'code']);
  });
});
