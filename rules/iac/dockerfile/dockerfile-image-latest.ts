import type { Rule } from '../../../src/model/rule.js';
import { baseImageOf, globalArgs, rangeOf, stagesOf } from './lib.js';

/** FROM images must name a version: `latest` and untagged references move under your feet. */
const rule: Rule = {
  meta: {
    id: 'iac/dockerfile-image-latest',
    title: 'Base image uses the latest tag or no tag',
    description:
      'A FROM line whose image has no tag, or the `latest` tag, builds on whatever the registry serves that day. Builds stop being reproducible, an upstream compromise or breaking change flows straight into the image, and it is impossible to tell which base a running container was built from. ARG defaults are resolved; `scratch` and references to earlier build stages are not images.',
    severity: 'medium',
    kinds: ['dockerfile'],
    messages: {
      untagged: 'FROM {{image}} has no tag, so it resolves to `latest` (expected a version tag such as `{{example}}`, ideally with an @sha256 digest); pin the base image.',
      latest: 'FROM {{image}} uses the `latest` tag (expected a version tag such as `{{example}}`, ideally with an @sha256 digest); pin the base image to a version.',
    },
    remediation: 'Pin every base image to a specific version tag (e.g. `python:3.12.4-slim`), and preferably to a digest (`python:3.12.4-slim@sha256:…`) kept current by Dependabot or Renovate.',
    references: [
      'https://docs.docker.com/build/building/best-practices/#from',
      'https://docs.docker.com/reference/dockerfile/#from',
      'https://github.com/hadolint/hadolint/wiki/DL3007',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['10'], caf: ['A4', 'B4'], cwe: ['CWE-829'] },
    equivalents: { hadolint: ['DL3006', 'DL3007'], checkov: ['CKV_DOCKER_7'], kics: ['f45ea400-6bbe-4501-9fc7-1c3d75c32067', '9efb0b2d-89c9-41a3-91ca-dcc0aec911fd'], trivy: ['AVD-DS-0001'] },
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
      const example = `${base.ref.name.split('/').pop() ?? 'image'}:<version>`;
      const image = base.fromArg ? `${stage.from.getImage()} (= ${base.text})` : base.text;
      if (base.ref.tag === undefined) ctx.report({ messageId: 'untagged', range: rangeOf(stage.from), data: { image, example } });
      else if (base.ref.tag.toLowerCase() === 'latest') ctx.report({ messageId: 'latest', range: rangeOf(stage.from), data: { image, example } });
    }
  },
};
export default rule;
