import { describe, expect, it } from 'vitest';
import { parseScript } from '../../src/parsers/script.js';
import { LineIndex } from '../../src/model/location.js';
import type { TSESTree } from '@typescript-eslint/typescript-estree';

function parsed(text: string, path = 'lib/colours.js') {
  return parseScript(text, path, new LineIndex(text));
}

function literals(text: string, path?: string): { raw: string; start: number }[] {
  const { document } = parsed(text, path);
  const out: { raw: string; start: number }[] = [];
  const visit = (n: unknown): void => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(visit);
    const node = n as TSESTree.Node;
    if (node.type === 'Literal') out.push({ raw: text.slice(node.range[0], node.range[1]), start: node.range[0] });
    for (const [k, v] of Object.entries(node)) if (k !== 'parent' && k !== 'loc' && k !== 'range') visit(v);
  };
  visit(document?.program.body);
  return out;
}

describe('script parser: sloppy-mode legacy octal syntax (ECMAScript Annex B)', () => {
  it('parses a CommonJS script with legacy octal escapes and literals, every node at its own offset', () => {
    const text = 'module.exports = {\n  reset: "\\033[0m",\n  bell: \'\\7\',\n  nl: "a\\12b",\n  nine: "\\9",\n  mode: 0755,\n  day: 08,\n};\n';
    const r = parsed(text);
    expect(r.problems).toEqual([]);
    expect(literals(text).map((l) => l.raw)).toEqual(['"\\033[0m"', "'\\7'", '"a\\12b"', '"\\9"', '0755', '08']);
  });

  it('keeps the three-digit escape\'s value exactly', () => {
    const { document } = parsed('var esc = "\\033";');
    const decl = document?.program.body[0] as TSESTree.VariableDeclaration;
    expect((decl.declarations[0].init as TSESTree.StringLiteral).value).toBe('\x1b');
  });

  it('still reports legacy octal syntax where JavaScript forbids it: modules, "use strict", templates, TypeScript', () => {
    expect(parsed('import x from "y";\nvar a = "\\033";').problems[0].message).toMatch(/Octal escape sequences/);
    expect(parsed('"use strict";\nvar a = "\\033";').problems[0].message).toMatch(/Octal escape sequences/);
    expect(parsed('var a = `\\033`;').problems[0].message).toMatch(/Octal escape sequences/);
    expect(parsed('const a: string = "\\033";', 'src/a.ts').problems[0].message).toMatch(/Octal escape sequences/);
    expect(parsed('var a = "\\033";', 'src/a.mjs').problems[0].message).toMatch(/Octal escape sequences/);
  });

  it('leaves an escaped backslash before digits and a lone \\0 alone, and other syntax errors reported', () => {
    const text = 'var path = "C:\\\\033\\\\x";\nvar nul = "\\0";\n';
    expect(parsed(text).problems).toEqual([]);
    expect(literals(text).map((l) => l.raw)).toEqual(['"C:\\\\033\\\\x"', '"\\0"']);
    const other = parsed('var a = "\\033";\nvar = ;').problems[0];
    expect(other.message).toMatch(/^Syntax error: /);
    expect(other.message).not.toMatch(/Octal/);
    expect(other.range.start.line).toBe(2);
  });
});
