import type { Pack } from '../src/model/rule.js';

/** The built-in packs, each a folder here, loaded on demand. */
export const BUILTIN_PACKS: Record<string, () => Promise<{ default: Pack }>> = {
  iac: () => import('./iac/index.js'),
  secrets: () => import('./secrets/index.js'),
  dependencies: () => import('./dependencies/index.js'),
  code: () => import('./code/index.js'),
  accessibility: () => import('./accessibility/index.js'),
  'data-standards': () => import('./data-standards/index.js'),
  repository: () => import('./repository/index.js'),
  privacy: () => import('./privacy/index.js'),
};

export const BUILTIN_PACK_NAMES = Object.keys(BUILTIN_PACKS);
