import { parse } from '@typescript-eslint/typescript-estree';
import type { ParseProblem, ScriptDocument } from '../model/document.js';
import type { LineIndex } from '../model/location.js';

/** Parse JS/TS/JSX/TSX with typescript-estree (locations and ranges on every node). Never throws. */
export function parseScript(text: string, path: string, lines: LineIndex): { document: ScriptDocument | null; problems: ParseProblem[] } {
  const lower = path.toLowerCase();
  const typescript = /\.(ts|tsx|mts|cts)$/.test(lower);
  // .ts cannot hold JSX (`<T>x` is a type assertion); .js files in React projects often do.
  const jsxFirst = !/\.(ts|mts|cts)$/.test(lower);
  const attempts = jsxFirst ? [true, false] : [false];
  let firstError: unknown;
  for (const jsx of attempts) {
    try {
      const program = parse(text, { loc: true, range: true, jsx, comment: true, filePath: path, errorOnUnknownASTType: false });
      return { document: { format: 'estree', program, jsx, typescript }, problems: [] };
    } catch (e) {
      firstError ??= e;
    }
  }
  const err = firstError as { message?: string; index?: number; lineNumber?: number; column?: number };
  const at = typeof err.index === 'number' ? err.index : 0;
  return {
    document: null,
    problems: [{ message: `Syntax error: ${(err.message ?? String(firstError)).split('\n')[0]}`, range: lines.range(at, at + 1) }],
  };
}
