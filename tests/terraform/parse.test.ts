import { describe, expect, it } from 'vitest';
import { LineIndex } from '../../src/model/location.js';
import { parseHcl, parseTerraformJson } from '../../src/parsers/hcl/parse.js';
import type { HclExpr } from '../../src/parsers/hcl/model.js';

async function parse(text: string) {
  return parseHcl(text, new LineIndex(text));
}

describe('parseHcl', () => {
  it('gives exact 1-based positions for blocks, labels and attributes', async () => {
    const text = 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n  acl    = "private"\n}\n';
    const { hcl, problems } = await parse(text);
    expect(problems).toEqual([]);
    const b = hcl.blocks[0];
    expect(b.type).toBe('resource');
    expect(b.labels).toEqual(['aws_s3_bucket', 'b']);
    expect(b.typeRange).toEqual({ start: { line: 1, column: 1 }, end: { line: 1, column: 9 } });
    expect(b.labelRanges[1]).toEqual({ start: { line: 1, column: 26 }, end: { line: 1, column: 29 } });
    expect(b.range).toEqual({ start: { line: 1, column: 1 }, end: { line: 4, column: 2 } });
    const acl = b.attributes['acl'];
    expect(acl.nameRange).toEqual({ start: { line: 3, column: 3 }, end: { line: 3, column: 6 } });
    expect(acl.range).toEqual({ start: { line: 3, column: 3 }, end: { line: 3, column: 21 } });
    expect(acl.expr).toMatchObject({ kind: 'literal', value: 'private', text: '"private"' });
    expect(acl.expr.range.start).toEqual({ line: 3, column: 12 });
  });

  it('handles CRLF, comments of all styles and non-ASCII columns (UTF-16)', async () => {
    const text = '# hash\r\n// slashes\r\n/* block\r\n comment */\r\nlocals {\r\n  a = "é😀" # trailing\r\n  b = 2\r\n}\r\n';
    const { hcl, problems } = await parse(text);
    expect(problems).toEqual([]);
    const l = hcl.blocks[0];
    expect(l.range.start).toEqual({ line: 5, column: 1 });
    expect(l.attributes['a'].expr).toMatchObject({ kind: 'literal', value: 'é😀' });
    expect(l.attributes['a'].expr.range.end).toEqual({ line: 6, column: 12 });
    expect(l.attributes['b'].range.start).toEqual({ line: 7, column: 3 });
  });

  it('parses empty files and top-level attributes (tfvars)', async () => {
    expect((await parse('')).hcl).toEqual({ blocks: [], attributes: [] });
    const { hcl } = await parse('env = "prod"\ncount = 3\nlist = [1, true, null]\n');
    expect(hcl.attributes.map((a) => a.name)).toEqual(['env', 'count', 'list']);
    expect(hcl.attributes[2].expr).toMatchObject({ kind: 'tuple', items: [{ value: 1 }, { value: true }, { value: null }] });
  });

  it('parses heredocs, plain and indented', async () => {
    const text = 'a = <<EOF\nline1\n  ${var.x} z\nEOF\nb = <<-EOT\n    {\n      "k": 1\n    }\n  EOT\nc = <<EOF\nplain $${not} text\nEOF\n';
    const { hcl, problems } = await parse(text);
    expect(problems).toEqual([]);
    const [a, b, c] = hcl.attributes;
    expect(a.expr.kind).toBe('template');
    if (a.expr.kind === 'template') {
      expect(a.expr.parts[0]).toEqual({ kind: 'literal', value: 'line1\n  ' });
      expect(a.expr.parts[1]).toMatchObject({ kind: 'interpolation', expr: { kind: 'traversal', root: 'var' } });
      expect(a.expr.parts[2]).toEqual({ kind: 'literal', value: ' z\n' });
    }
    expect(b.expr).toMatchObject({ kind: 'literal', value: '{\n  "k": 1\n}\n' });
    expect(c.expr).toMatchObject({ kind: 'literal', value: 'plain ${not} text\n' });
  });

  it('models expressions', async () => {
    const text = [
      'a = "x-${var.env}-%{ if var.on }y%{ else }n%{ endif }"',
      'b = var.n > 0 ? 1 : 0',
      'c = merge(local.t, { Name = "n", "k" = 1 })',
      'd = [for s in var.l : upper(s) if s != ""]',
      'e = { for k, v in var.m : k => v... }',
      'f = aws_s3_bucket.b[0].id',
      'g = aws_s3_bucket.b[*].arn',
      'h = !true && -1 < 2',
      'i = "a\\n\\"q\\" \\u00e9"',
      'j = f(a...)',
      'k = (1 + 2) * 3',
    ].join('\n');
    const { hcl, problems } = await parse(text);
    expect(problems).toEqual([]);
    const e = (n: string): HclExpr => hcl.attributes.find((x) => x.name === n)!.expr;
    expect(e('a')).toMatchObject({ kind: 'template', parts: [{ value: 'x-' }, { kind: 'interpolation' }, { value: '-' }, { kind: 'if', then: [{ value: 'y' }], else: [{ value: 'n' }] }] });
    expect(e('b')).toMatchObject({ kind: 'conditional', cond: { kind: 'binary', op: '>', left: { kind: 'traversal', root: 'var', steps: [{ name: 'n' }] } } });
    expect(e('c')).toMatchObject({ kind: 'call', name: 'merge', args: [{ kind: 'traversal' }, { kind: 'object', items: [{ keyName: 'Name' }, { keyName: 'k' }] }] });
    expect(e('d')).toMatchObject({ kind: 'for', object: false, valueVar: 's', cond: { kind: 'binary', op: '!=' } });
    expect(e('e')).toMatchObject({ kind: 'for', object: true, keyVar: 'k', valueVar: 'v', grouping: true });
    expect(e('f')).toMatchObject({ kind: 'traversal', root: 'aws_s3_bucket', steps: [{ kind: 'attr', name: 'b' }, { kind: 'index' }, { kind: 'attr', name: 'id' }] });
    expect(e('g')).toMatchObject({ steps: [{ name: 'b' }, { kind: 'splat', full: true }, { name: 'arn' }] });
    expect(e('h')).toMatchObject({ kind: 'binary', op: '&&', left: { kind: 'unary', op: '!' }, right: { kind: 'binary', op: '<' } });
    expect(e('i')).toMatchObject({ kind: 'literal', value: 'a\n"q" é' });
    expect(e('j')).toMatchObject({ kind: 'call', expandFinal: true });
    expect(e('k')).toMatchObject({ kind: 'binary', op: '*', left: { kind: 'binary', op: '+' } });
  });

  it('keeps dynamic blocks and nested blocks', async () => {
    const { hcl } = await parse('resource "x" "y" {\n  dynamic "ingress" {\n    for_each = var.r\n    content { port = ingress.value }\n  }\n  lifecycle {}\n}\n');
    const r = hcl.blocks[0];
    expect(r.blocks.map((b) => b.type)).toEqual(['dynamic', 'lifecycle']);
    expect(r.blocks[0].labels).toEqual(['ingress']);
    expect(r.blocks[0].blocks[0].type).toBe('content');
  });

  it('reports syntax errors with ranges and keeps the other blocks', async () => {
    const text = 'resource "a" "b" {\n  x = \n}\nresource "c" "d" {\n  y = 1\n}\nvariable "v" {\n  default = [1,\n}\nlocals { z = 2 }\n';
    const { hcl, problems } = await parse(text);
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) expect(p.message).toMatch(/^Syntax error: /);
    expect(problems.some((p) => p.message.startsWith('Syntax error: unexpected') && p.range.start.line === 8)).toBe(true);
    const names = hcl.blocks.map((b) => `${b.type}.${b.labels.join('.')}`);
    expect(names).toContain('resource.c.d');
    expect(names).toContain('locals.');
    expect(hcl.blocks.find((b) => b.type === 'locals')!.attributes['z']).toBeDefined();
  });

  it('names the line of a block left unclosed at the end of the file', async () => {
    // the rule block is closed by the brace meant for the resource, so the resource on line 2 never is
    const text = 'locals { a = 1 }\nresource "aws_s3_bucket_lifecycle_configuration" "keep" {\n  rule {\n    id = "expire"\n    status = "Enabled"\n}\n\noutput "o" {\n  value = 1\n}\n';
    const { problems } = await parse(text);
    expect(problems.map((p) => p.message)).toEqual(["Syntax error: missing '}' to close the block that opens on line 2"]);
    const inObject = await parse('locals {\n  tags = {\n    team = "parking"\n');
    expect(inObject.problems.length).toBeGreaterThan(0);
    for (const p of inObject.problems) expect(p.message).toMatch(/^Syntax error: /);
  });

  it('reports an argument set twice in one body, as Terraform does, and keeps the last', async () => {
    const text = 'resource "aws_db_instance" "d" {\n  name = "a"\n  engine = "postgres"\n  name = "b"\n  tags { x = 1 }\n  tags { x = 2 }\n}\nregion = "x"\nregion = "y"\n';
    const { hcl, problems } = await parse(text);
    expect(problems).toEqual([
      { message: 'Attribute redefined: "name" was already set on line 2; Terraform rejects the file', range: { start: { line: 4, column: 3 }, end: { line: 4, column: 7 } } },
      { message: 'Attribute redefined: "region" was already set on line 8; Terraform rejects the file', range: { start: { line: 9, column: 1 }, end: { line: 9, column: 7 } } },
    ]);
    expect(hcl.blocks[0].attributes['name'].expr).toMatchObject({ value: 'b' });
    // repeated blocks are how HCL writes lists of blocks: no problem
    expect(hcl.blocks[0].blocks).toHaveLength(2);
  });

  it('never throws on garbage', async () => {
    const { problems } = await parse('}}}} {{{ "unterminated \n <<EOF\n');
    expect(problems.length).toBeGreaterThan(0);
  });
});

describe('parseTerraformJson', () => {
  it('maps .tf.json onto the same model', async () => {
    const text = JSON.stringify(
      {
        variable: { env: { default: 'dev' } },
        locals: { p: 'x-${var.env}' },
        resource: {
          aws_s3_bucket: { b: { bucket: '${local.p}', tags: { Name: 'n' }, lifecycle: { prevent_destroy: true } } },
        },
        provider: { aws: [{ region: 'eu-west-2' }, { alias: 'us', region: 'us-east-1' }] },
      },
      null,
      2,
    );
    const { hcl, problems } = await parseTerraformJson(text, new LineIndex(text));
    expect(problems).toEqual([]);
    const types = hcl.blocks.map((b) => `${b.type}:${b.labels.join('.')}`);
    expect(types).toEqual(['variable:env', 'locals:', 'resource:aws_s3_bucket.b', 'provider:aws', 'provider:aws']);
    const r = hcl.blocks[2];
    expect(r.attributes['bucket'].expr).toMatchObject({ kind: 'template', parts: [{ kind: 'interpolation', expr: { kind: 'traversal', root: 'local' } }] });
    expect(r.attributes['tags'].expr).toMatchObject({ kind: 'object', items: [{ keyName: 'Name' }] });
    expect(r.blocks[0].type).toBe('lifecycle');
    expect(r.labelRanges[1].start.line).toBe(12);
    expect(r.attributes['bucket'].nameRange.start).toEqual({ line: 13, column: 9 });
    expect(hcl.blocks[1].attributes['p'].expr.kind).toBe('template');
  });

  it('reports JSON syntax errors', async () => {
    const text = '{ "resource": { "a": { "b": { "x": 1, } } }, }x';
    const { problems } = await parseTerraformJson(text, new LineIndex(text));
    expect(problems.length).toBeGreaterThan(0);
  });

  it('reads .tfvars.json as attributes', async () => {
    const text = '{ "env": "prod", "n": 2 }';
    const { hcl } = await parseTerraformJson(text, new LineIndex(text), { tfvars: true });
    expect(hcl.attributes.map((a) => a.name)).toEqual(['env', 'n']);
  });
});
