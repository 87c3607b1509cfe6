import type { ScanResult } from '../model/finding.js';
import type { Reporter } from './types.js';

/** Array items per piece: enough that writes are few, few enough that a piece stays small. */
const ITEMS_PER_PIECE = 500;

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
    let piece = `${head}[`;
    for (let j = 0; j < value.length; j++) {
      // in an array, JSON.stringify writes undefined as null
      piece += `${j ? ',' : ''}\n    ${nested((value[j] as unknown) ?? null, 2)}`;
      if ((j + 1) % ITEMS_PER_PIECE === 0) {
        yield piece;
        piece = '';
      }
    }
    yield `${piece}\n  ]${comma}`;
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
