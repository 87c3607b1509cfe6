import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { LineIndex } from '../../model/location.js';
import type { ParseProblem } from '../../model/document.js';
import type { DataNode, DataScalar } from './tree.js';

const MAX_DEPTH = 1000;

/** Parse JSON into a data tree; comments and trailing commas are problems unless the options allow them (JSONC). */
export function parseJson(text: string, lines: LineIndex, opts: { allowComments?: boolean; allowTrailingComma?: boolean } = {}): { root: DataNode | null; problems: ParseProblem[] } {
  const errors: ParseError[] = [];
  const problems: ParseProblem[] = [];
  let tree: JsonNode | undefined;
  try {
    tree = parseTree(text, errors, { allowTrailingComma: opts.allowTrailingComma === true, disallowComments: !opts.allowComments });
  } catch (e) {
    problems.push({ message: `JSON could not be parsed: ${(e as Error).message}`, range: lines.range(0, 0) });
    return { root: null, problems };
  }
  for (const err of errors.slice(0, 20)) {
    problems.push({ message: `JSON syntax error: ${describe(printParseErrorCode(err.error))}`, range: lines.range(err.offset, err.offset + err.length) });
  }
  let deep = false;
  const convert = (n: JsonNode, depth: number): DataNode => {
    if (depth > MAX_DEPTH) {
      deep = true;
      return { type: 'scalar', value: null, start: n.offset, end: n.offset + n.length };
    }
    const start = n.offset;
    const end = n.offset + n.length;
    switch (n.type) {
      case 'object':
        return {
          type: 'map',
          start,
          end,
          entries: (n.children ?? []).flatMap((prop) => {
            const [k, v] = prop.children ?? [];
            if (!k) return [];
            const key: DataScalar = { type: 'scalar', value: String(k.value), start: k.offset, end: k.offset + k.length };
            const value = v ? convert(v, depth + 1) : ({ type: 'scalar', value: null, start: key.end, end: key.end } as DataScalar);
            return [{ key, value }];
          }),
        };
      case 'array':
        return { type: 'seq', start, end, items: (n.children ?? []).map((c) => convert(c, depth + 1)) };
      default:
        return { type: 'scalar', start, end, value: (n.value ?? null) as DataScalar['value'] };
    }
  };
  const root = tree && errors.length === 0 ? convert(tree, 0) : null;
  if (deep) problems.push({ message: `JSON nested deeper than ${MAX_DEPTH} levels; deeper values were not read`, range: lines.range(0, 0) });
  return { root, problems };
}

function describe(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
