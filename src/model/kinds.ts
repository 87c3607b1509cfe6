/**
 * Document kinds. Each file has exactly one kind; every readable text file is also seen by rules of
 * kind `text` (the secrets pack runs on everything).
 */
export const DOCUMENT_KINDS = [
  'terraform',
  'kubernetes',
  'helm',
  'github-workflow',
  'github-action',
  'docker-compose',
  'cloudformation',
  'dockerfile',
  'openapi',
  'html',
  'nunjucks',
  'erb',
  'ejs',
  'javascript',
  'lockfile',
  'publiccode',
  'security-txt',
  'csv',
  'json',
  'yaml',
  'text',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export function isDocumentKind(k: unknown): k is DocumentKind {
  return typeof k === 'string' && (DOCUMENT_KINDS as readonly string[]).includes(k);
}
