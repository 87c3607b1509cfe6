/** Recognising git sources in the URLs and specifiers lockfiles record. */

/**
 * True for a git URL or a hosted-git shorthand (`github:user/repo`, `git+https://…`, `git://…`, any
 * URL whose path ends in `.git`, such as `ssh://host/repo.git#ref`), and for a GitHub, GitLab or
 * Bitbucket repository page URL (`https://github.com/user/repo#ref`), which npm and yarn clone as
 * hosted git rather than download.
 */
export function isGitUrl(spec: string): boolean {
  return (
    /^(git\+[a-z]+:|git:|git@|github:|gitlab:|bitbucket:|gist:)/i.test(spec) ||
    /^[a-z][a-z0-9+.-]*:\/\/[^#?]+\.git([#?].*)?$/i.test(spec) ||
    /^https?:\/\/(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org)\/[^/#?]+\/[^/#?]+\/?(#.*)?$/i.test(spec) ||
    /^https:\/\/codeload\.github\.com\//i.test(spec)
  );
}

/**
 * Split a git specifier into its URL and the reference after `#` (npm/yarn `#<sha>`, yarn berry
 * `#commit=<sha>`/`#head=<branch>`/`#tag=<tag>`, pip `@<ref>`). codeload tarball URLs carry the
 * commit in their path (`/tar.gz/<sha>`).
 */
export function splitGitRef(spec: string): { url: string; ref?: string } {
  const codeload = /^(https:\/\/codeload\.github\.com\/[^/]+\/[^/]+)\/tar\.gz\/([^/?#]+)/i.exec(spec);
  if (codeload) return { url: codeload[1], ref: codeload[2] };
  const hash = spec.indexOf('#');
  if (hash < 0) return { url: spec };
  const url = spec.slice(0, hash);
  let frag = spec.slice(hash + 1);
  // yarn berry: `commit=<sha>&…`, `head=<branch>`, `tag=<tag>`, `semver=<range>`
  const params = new Map(frag.split('&').map((p) => { const i = p.indexOf('='); return i < 0 ? [p, ''] as const : [p.slice(0, i), p.slice(i + 1)] as const; }));
  if (params.has('commit')) frag = params.get('commit')!;
  else if (params.has('head')) frag = params.get('head')!;
  else if (params.has('tag')) frag = params.get('tag')!;
  else if (frag.includes('=')) frag = '';
  return { url, ref: frag || undefined };
}
