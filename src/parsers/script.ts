import { parse, type TSESTree } from '@typescript-eslint/typescript-estree';
import type { ParseProblem, ScriptDocument } from '../model/document.js';
import type { LineIndex } from '../model/location.js';

type Program = TSESTree.Program;

/**
 * Sloppy-mode script syntax (ECMAScript Annex B) that TypeScript's parser rejects in every file:
 * legacy octal escapes (`"\033[0m"`), `\8`/`\9`, and legacy octal or leading-zero number literals
 * (`010`, `08`). Valid in a non-strict .js/.cjs script, so not a parse error there.
 */
const LEGACY_SYNTAX = /^(?:Octal escape sequences are not allowed|Escape sequence '\\[89]' is not allowed|Octal literals are not allowed|Decimals with leading zeros are not allowed)/;
/** A legacy escape: a backslash (not itself escaped) and octal digits (not a lone `\0`), 8 or 9. */
const LEGACY_ESCAPE = /(?<=(?:^|[^\\])(?:\\\\)*)\\(?:0(?=[0-9])[0-7]{0,2}|[1-3][0-7]{0,2}|[4-7][0-7]?|[89])/g;
/** At most this many further tries, each patching one number literal where the last try failed. */
const MAX_LITERAL_PATCHES = 20;

/** The same-length stand-in for a legacy escape: the exact `\xHH` for three digits, an escaped backslash (and digit) otherwise. */
function standIn(escape: string): string {
  if (escape.length === 4) return `\\x${parseInt(escape.slice(1), 8).toString(16).padStart(2, '0')}`;
  return escape.length === 3 ? `\\\\${escape[2]}` : '\\\\';
}

function tryParse(text: string, path: string, jsx: boolean): { program: Program } | { error: { message?: string; index?: number } } {
  try {
    return { program: parse(text, { loc: true, range: true, jsx, comment: true, filePath: path, errorOnUnknownASTType: false }) };
  } catch (e) {
    return { error: e as { message?: string; index?: number } };
  }
}

/** Strict code, where legacy octal syntax is a real SyntaxError: an ES module or a "use strict" script. */
function isStrict(program: Program): boolean {
  if (program.sourceType === 'module') return true;
  for (const s of program.body) {
    if (s.type !== 'ExpressionStatement' || !('directive' in s) || typeof s.directive !== 'string') break;
    if (s.directive === 'use strict') return true;
  }
  return false;
}

/** Untagged template literals may not hold legacy escapes even in sloppy code: does one of them in the original text? */
function templateHoldsLegacyEscape(program: Program, original: string): boolean {
  let found = false;
  const visit = (node: unknown): void => {
    if (found || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const n = node as { type?: string; range?: [number, number]; parent?: unknown };
    if (n.type === 'TemplateElement' && n.range) {
      LEGACY_ESCAPE.lastIndex = 0;
      if (LEGACY_ESCAPE.test(original.slice(n.range[0], n.range[1]))) found = true;
      return;
    }
    for (const [k, v] of Object.entries(n)) if (k !== 'parent' && k !== 'loc' && k !== 'range') visit(v);
  };
  visit(program.body);
  return found;
}

/**
 * A script TypeScript rejected for Annex B legacy octal syntax, parsed again with that syntax
 * replaced by same-length stand-ins (so every node keeps its offsets): the program when the script
 * is sloppy-mode code, the next error when it fails for another reason, undefined when the legacy
 * syntax is a real error (strict code, a template literal).
 */
function parseLegacyScript(text: string, path: string, jsx: boolean): { program: Program } | { error: { message?: string; index?: number } } | undefined {
  let patched = text.replace(LEGACY_ESCAPE, standIn);
  for (let i = 0; i <= MAX_LITERAL_PATCHES; i++) {
    const r = tryParse(patched, path, jsx);
    if ('program' in r) return isStrict(r.program) || templateHoldsLegacyEscape(r.program, text) ? undefined : r;
    const { message = '', index } = r.error;
    if (!/^(?:Octal literals|Decimals with leading zeros)/.test(message)) return r;
    if (typeof index !== 'number' || patched[index] !== '0') return undefined;
    // 010 -> 110, 08 -> 18: the same length, still a number
    patched = `${patched.slice(0, index)}1${patched.slice(index + 1)}`;
  }
  return undefined;
}

/** Parse JS/TS/JSX/TSX with typescript-estree (locations and ranges on every node). Never throws. */
export function parseScript(text: string, path: string, lines: LineIndex): { document: ScriptDocument | null; problems: ParseProblem[] } {
  const lower = path.toLowerCase();
  const typescript = /\.(ts|tsx|mts|cts)$/.test(lower);
  // .ts cannot hold JSX (`<T>x` is a type assertion); .js files in React projects often do.
  const jsxFirst = !/\.(ts|mts|cts)$/.test(lower);
  const attempts = jsxFirst ? [true, false] : [false];
  let firstError: { message?: string; index?: number } | undefined;
  for (const jsx of attempts) {
    const r = tryParse(text, path, jsx);
    if ('program' in r) return { document: { format: 'estree', program: r.program, jsx, typescript }, problems: [] };
    let error = r.error;
    if (!typescript && !lower.endsWith('.mjs') && LEGACY_SYNTAX.test(error.message ?? '')) {
      const legacy = parseLegacyScript(text, path, jsx);
      if (legacy && 'program' in legacy) return { document: { format: 'estree', program: legacy.program, jsx, typescript }, problems: [] };
      // the legacy syntax is allowed here: the error worth reporting is the next one
      if (legacy) error = legacy.error;
    }
    firstError ??= error;
  }
  const err = firstError ?? {};
  const at = typeof err.index === 'number' ? err.index : 0;
  return {
    document: null,
    problems: [{ message: `Syntax error: ${(err.message ?? String(firstError)).split('\n')[0]}`, range: lines.range(at, at + 1) }],
  };
}
