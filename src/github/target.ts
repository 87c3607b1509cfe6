import { GithubError } from './client.js';

/** `github:<owner>/<repo>[@<ref>]`: one repository, at a branch, tag or commit (default branch when omitted). */
export interface GithubRepoTarget {
  kind: 'repo';
  owner: string;
  repo: string;
  ref?: string;
}

/** `github-org:<org>`: every repository of an organisation (or user). */
export interface GithubOrgTarget {
  kind: 'org';
  org: string;
}

export type GithubTarget = GithubRepoTarget | GithubOrgTarget;

const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9_-]{0,38})$/;
const REPO = /^[A-Za-z0-9._-]{1,100}$/;

/** A git ref name as `git check-ref-format` allows (plus plain commit SHAs). */
export function isValidRef(ref: string): boolean {
  if (!ref || ref.length > 255) return false;
  if (/[\x00-\x20\x7f~^:?*[\\]/.test(ref)) return false;
  if (ref.includes('..') || ref.includes('@{') || ref.includes('//')) return false;
  if (ref.startsWith('/') || ref.endsWith('/') || ref.endsWith('.') || ref.endsWith('.lock') || ref.startsWith('-')) return false;
  return !ref.split('/').some((c) => c.startsWith('.'));
}

/**
 * Parse a `github:` or `github-org:` scan target. Returns undefined for anything else (a path); throws a
 * GithubError (`invalid-target`) for a malformed GitHub target.
 */
export function parseGithubTarget(spec: string): GithubTarget | undefined {
  if (spec.startsWith('github-org:')) {
    const org = spec.slice('github-org:'.length).replace(/\/+$/, '');
    if (!OWNER.test(org)) throw new GithubError(`invalid GitHub organisation in "${spec}": expected github-org:<org>`, 'invalid-target');
    return { kind: 'org', org };
  }
  if (!spec.startsWith('github:')) return undefined;
  const body = spec.slice('github:'.length);
  const at = body.indexOf('@');
  const repoPart = at < 0 ? body : body.slice(0, at);
  const ref = at < 0 ? undefined : body.slice(at + 1);
  const m = /^([^/]+)\/([^/]+?)(?:\.git)?\/?$/.exec(repoPart);
  if (!m || !OWNER.test(m[1]) || !REPO.test(m[2]) || m[2] === '.' || m[2] === '..') {
    throw new GithubError(`invalid GitHub repository in "${spec}": expected github:<owner>/<repo>[@<ref>]`, 'invalid-target');
  }
  if (ref !== undefined && !isValidRef(ref)) throw new GithubError(`invalid git ref "${ref}" in "${spec}"`, 'invalid-target');
  return { kind: 'repo', owner: m[1], repo: m[2], ...(ref !== undefined ? { ref } : {}) };
}

export function formatGithubTarget(t: GithubTarget): string {
  return t.kind === 'org' ? `github-org:${t.org}` : `github:${t.owner}/${t.repo}${t.ref ? `@${t.ref}` : ''}`;
}
