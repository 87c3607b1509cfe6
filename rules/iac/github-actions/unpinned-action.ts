import type { Rule } from '../../../src/model/rule.js';
import { type DataNode, get, isScalar } from '../../../src/parsers/data/tree.js';
import { actionMetadata, GHA_SUPPLY_CHAIN_STANDARDS, HARDENING, isSameRepoUses, usesNodes } from './workflow.js';

/** Owners whose actions GitHub itself publishes and maintains: exempt from SHA pinning (see docs). */
const FIRST_PARTY = new Set(['actions', 'github']);
const SHA = /^[0-9a-f]{40}$/i;
/**
 * The SLSA provenance builders and generators verify their own ref and refuse to run unless the
 * caller names a release tag `@vX.Y.Z` (a commit SHA fails the build: slsa-github-generator README),
 * so that tag is the pin they allow.
 */
const SLSA_GENERATOR = 'slsa-framework/slsa-github-generator/';
const SEMVER_TAG = /^v\d+\.\d+\.\d+$/;
/** 7 to 39 hex digits with a letter among them: an abbreviated commit SHA rather than a version or date tag. */
const SHORT_SHA = /^(?=[0-9]*[a-f])[0-9a-f]{7,39}$/i;

/** Third-party actions and reusable workflows referenced by a movable tag or branch instead of a commit SHA. */
const rule: Rule = {
  meta: {
    id: 'iac/gha-unpinned-action',
    title: 'Third-party action not pinned to a commit SHA',
    description:
      'A tag or branch such as `@v2` or `@main` can be moved by the action\'s owner, or by anyone who compromises their account, to point at new code that then runs in your workflow with its token and secrets (as happened with tj-actions/changed-files in 2025). Only a full 40-character commit SHA is immutable; an abbreviated one (`@4c1e07b`) has its own message, since GitHub refuses shortened SHAs unless a branch or tag has that name. Actions published by GitHub itself (`actions/*`, `github/*`) are exempt here when they name a ref (a release tag GitHub maintains), not when they name none; actions and workflows of the same repository (`./path`, or `$/path`, which GitHub resolves to the running commit) are part of it; `docker://` images are pinned by a `@sha256:` digest. The SLSA provenance builders and generators (`slsa-framework/slsa-github-generator/…`) are exempt when they name a full release tag `@vX.Y.Z`: they verify that tag themselves and fail when called by a commit SHA or a shorter tag, as their documentation says. A composite action\'s steps (`action.yml`) are checked the same way, and so is a Docker container action\'s `runs.image: docker://…`.',
    severity: 'medium',
    kinds: ['github-workflow', 'github-action'],
    messages: {
      tag: '`{{uses}}` is pinned to the movable ref `{{ref}}`; pin it to the full commit SHA (`{{name}}@<40-hex-sha> # {{ref}}`) and let Dependabot or Renovate update it.',
      shortSha: '`{{uses}}` names `{{ref}}`, which looks like an abbreviated commit SHA: GitHub Actions refuses shortened SHAs (since February 2021) unless a branch or tag has that name, and then runs that movable ref; pin the full 40-character commit SHA (`{{name}}@<40-hex-sha>`).',
      noRef: '`{{uses}}` has no ref at all and follows the default branch; pin it to a full commit SHA.',
      docker: 'The container action `{{uses}}` is not pinned by digest; use `docker://image@sha256:<digest>`.',
      image: 'This Docker container action runs the image `{{uses}}`, which is not pinned by digest; use `image: docker://image@sha256:<digest>`.',
    },
    remediation:
      'Pin every third-party action and reusable workflow to a full commit SHA, with the version in a comment (`uses: owner/action@<sha> # v1.2.3`), and keep them current with Dependabot (`package-ecosystem: github-actions`) or Renovate.',
    references: [
      `${HARDENING}#using-third-party-actions`,
      'https://github.com/ossf/scorecard/blob/main/docs/checks.md#pinned-dependencies',
      'https://docs.zizmor.sh/audits/#unpinned-uses',
      'https://docs.github.com/en/actions/creating-actions/metadata-syntax-for-github-actions#runsimage',
      'https://github.com/slsa-framework/slsa-github-generator',
    ],
    standards: { ...GHA_SUPPLY_CHAIN_STANDARDS, cwe: ['CWE-829'] },
    equivalents: { zizmor: ['unpinned-uses'], checkov: ['CKV_GHA_8'], scorecard: ['Pinned-Dependencies'], semgrep: ['yaml.github-actions.security.third-party-action-not-pinned-to-commit-sha.third-party-action-not-pinned-to-commit-sha'], codeql: ['actions/unpinned-tag'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    const inspect = (node: DataNode | undefined, docker: 'docker' | 'image' = 'docker') => {
      if (!isScalar(node) || typeof node.value !== 'string') return;
      const uses = node.value.trim();
      if (!uses || isSameRepoUses(uses) || uses.includes('${{')) return;
      if (uses.startsWith('docker://')) {
        if (!/@sha256:[0-9a-f]{64}$/i.test(uses)) ctx.report({ messageId: docker, offsets: [node.start, node.end], data: { uses } });
        return;
      }
      const at = uses.lastIndexOf('@');
      const name = at < 0 ? uses : uses.slice(0, at);
      const ref = at < 0 ? '' : uses.slice(at + 1);
      const owner = name.split('/')[0].toLowerCase();
      // No ref at all is reported for every owner: the exemption below is for GitHub's release tags.
      if (!ref) {
        ctx.report({ messageId: 'noRef', severity: 'high', offsets: [node.start, node.end], data: { uses } });
        return;
      }
      if (FIRST_PARTY.has(owner)) return;
      if (name.toLowerCase().startsWith(SLSA_GENERATOR) && SEMVER_TAG.test(ref)) return;
      if (SHA.test(ref)) return;
      ctx.report({ messageId: SHORT_SHA.test(ref) ? 'shortSha' : 'tag', offsets: [node.start, node.end], data: { uses, ref, name } });
    };
    for (const n of usesNodes(ctx)) inspect(n);
    for (const a of actionMetadata(ctx)) {
      // a Docker container action's own image: `docker://…` is pulled as named (a `Dockerfile` is built from the repository)
      const image = get(a.runs, 'image');
      if (a.using === 'docker' && isScalar(image) && typeof image.value === 'string' && image.value.trim().startsWith('docker://')) inspect(image, 'image');
    }
  },
};
export default rule;
