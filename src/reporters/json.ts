import type { ScanResult } from '../model/finding.js';
import type { Reporter } from './types.js';

/** Array items per piece: enough that writes are few, few enough that a piece stays small. */
const ITEMS_PER_PIECE = 500;

/** What `JSON.stringify({ k: [...] }, null, 2)` writes around the array's items. */
const WRAPPER_HEAD = '{\n  "k": [';
const WRAPPER_TAIL = '\n  ]\n}';

/** `JSON.stringify(value, null, 2)` as it reads `depth` levels deep in a larger document. */
function nested(value: unknown, depth: number): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${'  '.repeat(depth)}`);
}

/**
 * Exactly the text of `JSON.stringify(result, null, 2)` and a newline, in pieces: the top-level
 * arrays (findings, suppressed, …) a few hundred items at a time, so a result with tens of thousands
 * of findings is written without first building one string of all of it.
 */
export function* jsonPieces(result: ScanResult): Generator<string> {
  // JSON.stringify leaves out keys whose value is undefined
  const entries = Object.entries(result).filter(([, v]) => v !== undefined);
  yield '{';
  for (let i = 0; i < entries.length; i++) {
    const [key, value] = entries[i];
    const comma = i < entries.length - 1 ? ',' : '';
    const head = `\n  ${JSON.stringify(key)}: `;
    if (!Array.isArray(value) || value.length === 0) {
      yield `${head}${nested(value, 1)}${comma}`;
      continue;
    }
    yield `${head}[`;
    for (let j = 0; j < value.length; j += ITEMS_PER_PIECE) {
      // V8 indents the items itself when they sit, as here, in an array under a key of a top-level object
      const text = JSON.stringify({ k: value.slice(j, j + ITEMS_PER_PIECE) }, null, 2);
      yield `${j ? ',' : ''}${text.slice(WRAPPER_HEAD.length, text.length - WRAPPER_TAIL.length)}`;
    }
    yield `\n  ]${comma}`;
  }
  yield '\n}\n';
}

/** The JSON result, exactly as schemas/result.schema.json describes it. */
export const jsonReporter: Reporter = {
  render(result) {
    return [...jsonPieces(result)].join('');
  },
  pieces: jsonPieces,
};
