export * from './types.js';
export * from './versions.js';
export * from './ranges.js';
export * from './cvss.js';
export * from './database.js';
export * from './match.js';
export * from './location.js';
export * from './update.js';
