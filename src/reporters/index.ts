import { UsageError } from '../errors.js';
import type { Reporter } from './types.js';

/** Formats, each loaded only when asked for. */
const REPORTERS: Record<string, () => Promise<Reporter>> = {
  text: async () => (await import('./text.js')).textReporter,
  json: async () => (await import('./json.js')).jsonReporter,
  sarif: async () => (await import('./sarif.js')).sarifReporter,
  markdown: async () => (await import('./markdown.js')).markdownReporter,
  junit: async () => (await import('./junit.js')).junitReporter,
  csv: async () => (await import('./csv.js')).csvReporter,
  oscal: async () => (await import('./oscal.js')).oscalReporter,
  html: async () => (await import('./html.js')).htmlReporter,
  github: async () => (await import('./github.js')).githubReporter,
};

/** Formats announced but not yet built: asking for one is a usage error, never a silent no-op. */
const PLANNED: string[] = [];

export const FORMAT_NAMES = Object.keys(REPORTERS);

export async function getReporter(name: string): Promise<Reporter> {
  const load = REPORTERS[name];
  if (load) return load();
  if (PLANNED.includes(name)) throw new UsageError(`format "${name}" is not available in this version (available: ${FORMAT_NAMES.join(', ')})`);
  throw new UsageError(`unknown format "${name}" (available: ${FORMAT_NAMES.join(', ')})`);
}

export interface FormatRequest {
  format: string;
  /** Output file; undefined for stdout. */
  file?: string;
}

/** Parse `--format name[=file]`. */
export function parseFormatOption(spec: string): FormatRequest {
  const i = spec.indexOf('=');
  const format = (i < 0 ? spec : spec.slice(0, i)).trim().toLowerCase();
  const file = i < 0 ? undefined : spec.slice(i + 1).trim();
  if (!format) throw new UsageError(`--format needs a name, e.g. --format sarif=results.sarif`);
  if (file === '') throw new UsageError(`--format ${format}= needs a file name after "="`);
  if (!REPORTERS[format] && !PLANNED.includes(format)) throw new UsageError(`unknown format "${format}" (available: ${FORMAT_NAMES.join(', ')})`);
  return { format, file };
}
