import { lazy } from '../lazy.js';
import type { DockerfileDocument } from '../model/document.js';
import type { Range } from '../model/location.js';

const dockerfileAst = lazy<typeof import('dockerfile-ast')>('dockerfile-ast');

export function parseDockerfile(text: string): DockerfileDocument {
  return { format: 'dockerfile', dockerfile: dockerfileAst().DockerfileParser.parse(text) };
}

/** Convert an LSP range (0-based line and character, as dockerfile-ast gives) to a 1-based Range. */
export function fromLspRange(r: { start: { line: number; character: number }; end: { line: number; character: number } }): Range {
  return {
    start: { line: r.start.line + 1, column: r.start.character + 1 },
    end: { line: r.end.line + 1, column: r.end.character + 1 },
  };
}
