import type { Rule } from '../../../src/model/rule.js';
import { get, str } from '../../../src/parsers/data/tree.js';
import { parseImageRef } from '../dockerfile/lib.js';
import { interpolate, onceReporter, servicesOf } from './lib.js';

/** Unpinned images change between `docker compose pull`s. */
const rule: Rule = {
  meta: {
    id: 'iac/compose-image-latest',
    title: 'Compose service image uses latest or no tag',
    description:
      'An `image:` without a tag, or with `latest`, runs whatever the registry serves at pull time: deployments are not reproducible, a compromised or broken upstream release is picked up silently, and nobody can tell which version is running. Defaults of `${VAR:-image:tag}` are resolved; services that `build:` their image (where `image:` only names the result) are not reported, nor are services that run an image another service in the same file builds (`image:` equal to that service\'s `image:`), since that image comes from the local build, not a registry; nor are services with `pull_policy: never` (or `build`), which Compose never pulls: it runs the image already built or loaded on the host, or fails.',
    severity: 'medium',
    kinds: ['docker-compose'],
    messages: {
      untagged: 'Service {{service}} uses image {{image}} with no tag, so it pulls `latest` (expected a version tag, ideally with an @sha256 digest); pin the image.',
      latest: 'Service {{service}} uses image {{image}} with the `latest` tag (expected a version tag, ideally with an @sha256 digest); pin the image.',
    },
    remediation: 'Pin a version (`postgres:16.3-alpine`), preferably with its digest (`postgres:16.3-alpine@sha256:…`), and let Dependabot or Renovate propose updates.',
    references: [
      'https://docs.docker.com/reference/compose-file/services/#image',
      'https://docs.docker.com/build/building/best-practices/#pin-base-image-versions',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['10'], caf: ['A4', 'B4'], cwe: ['CWE-829'] },
    equivalents: {},
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    const report = onceReporter(ctx);
    const services = servicesOf(ctx);
    // `build:` with `image:` tags the local build with that name; other services may run it.
    const built = new Set<string>();
    for (const s of services) {
      const named = str(get(s.node, 'image'));
      if (get(s.node, 'build') !== undefined && named) built.add(interpolate(named.trim()).value);
    }
    for (const s of services) {
      if (get(s.node, 'build') !== undefined) continue;
      // `pull_policy: never` runs only an image already on the host (built or loaded there): nothing is pulled
      if (/^(never|build)$/i.test(str(get(s.node, 'pull_policy'))?.trim() ?? '')) continue;
      const node = get(s.node, 'image');
      const raw = str(node);
      if (!node || !raw) continue;
      const { value } = interpolate(raw.trim());
      if (built.has(value)) continue;
      const ref = parseImageRef(value);
      if (ref.digest !== undefined) continue;
      if (ref.tag === undefined) {
        // A variable at the end may carry the tag (`app${TAG}`, `${IMAGE}`).
        if (ref.name.slice(ref.name.lastIndexOf('/') + 1).includes('\u0000') || value === '') continue;
        report(node, { messageId: 'untagged', data: { service: s.name, image: raw } });
      } else if (ref.tag.toLowerCase() === 'latest') {
        report(node, { messageId: 'latest', data: { service: s.name, image: raw } });
      }
    }
  },
};
export default rule;
