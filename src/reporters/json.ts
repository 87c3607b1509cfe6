import type { Reporter } from './types.js';

/** The JSON result, exactly as schemas/result.schema.json describes it. */
export const jsonReporter: Reporter = {
  render(result) {
    return `${JSON.stringify(result, null, 2)}\n`;
  },
};
