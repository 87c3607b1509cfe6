/** Recognising git sources in the URLs and specifiers lockfiles record. */

/** True for a git URL or a hosted-git shorthand (`github:user/repo`, `git+https://…`, `git://…`, `….git`). */
export function isGitUrl(spec: string): boolean {
  return /^(git\+[a-z]+:|git:|git@|github:|gitlab:|bitbucket:|gist:)/i.test(spec) || /^https?:\/\/[^#?]+\.git([#?].*)?$/i.test(spec) || /^https:\/\/codeload\.github\.com\//i.test(spec);
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
