import type { Rule } from '../../../src/model/rule.js';
import { baseImageOf, globalArgs, rangeOf, stagesOf } from './lib.js';

/** Tags are mutable; only a digest fixes the exact base image bytes. */
const rule: Rule = {
  meta: {
    id: 'iac/dockerfile-image-digest',
    title: 'Base image is not pinned by digest',
    description:
      'A version tag such as `node:20-alpine` is mutable: the publisher (or anyone who compromises the registry account) can point it at different content, so two builds of the same Dockerfile can get different base layers. Pinning `@sha256:<digest>` makes the base image immutable and reviewable, and update tools such as Dependabot and Renovate keep digests current. Untagged and `latest` images are reported by iac/dockerfile-image-latest instead.',
    severity: 'low',
    kinds: ['dockerfile'],
    messages: {
      noDigest: 'FROM {{image}} is pinned by tag only (expected `{{image}}@sha256:<digest>`); add the digest so the base image cannot change underneath the build.',
    },
    remediation: 'Append the image digest to the tag (`FROM node:20.15-alpine@sha256:…`; `docker buildx imagetools inspect <image>` prints it) and let Dependabot or Renovate update it.',
    references: [
      'https://docs.docker.com/build/building/best-practices/#pin-base-image-versions',
      'https://docs.docker.com/reference/dockerfile/#from',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['10'], caf: ['A4', 'B4'], cwe: ['CWE-494'] },
    equivalents: {},
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    if (ctx.document.format !== 'dockerfile') return;
    const df = ctx.document.dockerfile;
    const args = globalArgs(df);
    const aliases = new Set<string>();
    for (const stage of stagesOf(df)) {
      const base = baseImageOf(stage.from, args, aliases);
      if (stage.alias) aliases.add(stage.alias);
      if (base.kind !== 'image' || base.ref.digest) continue;
      const tag = base.ref.tag;
      if (tag === undefined || tag.toLowerCase() === 'latest') continue;
      ctx.report({ messageId: 'noDigest', range: rangeOf(stage.from), data: { image: base.text } });
    }
  },
};
export default rule;
