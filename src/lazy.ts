import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A CommonJS dependency loaded on first use, so a run pays at start-up only for the libraries it
 * needs (a secrets-only scan never loads the YAML, JSON Schema or TypeScript parsers).
 */
export function lazy<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(id) as T);
}
