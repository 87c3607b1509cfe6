import type { Rule } from '../../src/model/rule.js';
import type { ProjectFile } from '../../src/engine/project.js';
import { isAnchor, lineOne, SOURCE_EXT } from './lib.js';

const CI_FILES = [
  /^\.github\/workflows\/[^/]+\.ya?ml$/,
  // Gitea and Forgejo Actions
  /^\.(gitea|forgejo)\/workflows\/[^/]+\.ya?ml$/,
  /^\.gitlab-ci\.ya?ml$/,
  /^jenkinsfile$/i,
  /^azure-pipelines\.ya?ml$/,
  /^\.azure-pipelines\/[^/]+\.ya?ml$/,
  /^\.circleci\/config\.ya?ml$/,
  /^bitbucket-pipelines\.yml$/,
  /^\.travis\.yml$/,
  /^\.drone\.(ya?ml|jsonnet|star)$/,
  /^\.woodpecker(\.ya?ml|\/[^/]+\.ya?ml)$/,
  /^\.?buildkite\/[^/]+\.(ya?ml|json)$/,
  /^buildkite\.(ya?ml|json)$/,
  /^buildspec\.ya?ml$/,
  /^cloudbuild\.(ya?ml|json)$/,
  /^\.?appveyor\.yml$/,
  /^\.tekton\/[^/]+\.ya?ml$/,
  /^\.cirrus\.(ya?ml|star)$/,
  /^\.semaphore\/[^/]+\.ya?ml$/,
  // sourcehut builds
  /^\.build\.ya?ml$/,
  /^\.builds\/[^/]+\.ya?ml$/,
  /^codefresh\.ya?ml$/,
  /^bitrise\.ya?ml$/,
  /^\.?packit\.ya?ml$/,
  /^\.teamcity\/settings\.kts$/,
];

export function hasCi(files: readonly ProjectFile[]): boolean {
  return files.some((f) => CI_FILES.some((re) => re.test(f.path)));
}

/** Code that is built and tested by hand is changed unsafely. */
const rule: Rule = {
  meta: {
    id: 'repository/ci-missing',
    title: 'No continuous integration configured',
    description:
      'Continuous integration runs the build, tests and security checks on every change before it merges, so a change cannot skip them because someone forgot or was in a hurry. It is the basis of making changes securely: required status checks, dependency and secret scanning in the pipeline, and reproducible builds all hang off it. A repository with code but no CI configuration (GitHub Actions, GitLab CI, Jenkins, Azure Pipelines, CircleCI, Bitbucket Pipelines, …) relies on every contributor running everything locally.',
    severity: 'medium',
    kinds: ['text'],
    messages: {
      missing: 'The repository has code (e.g. {{example}}) but no CI configuration (looked for .github/workflows/*.yml, .gitlab-ci.yml, Jenkinsfile, azure-pipelines.yml, .circleci/config.yml, bitbucket-pipelines.yml and others); add a pipeline that builds and tests every change, and require it before merging.',
    },
    remediation: 'Add a CI pipeline (e.g. `.github/workflows/ci.yml`) that builds, tests and scans every pull request, then make it a required status check on the default branch.',
    references: [
      'https://docs.github.com/en/actions/automating-builds-and-tests/about-continuous-integration',
      'https://github.com/ossf/scorecard/blob/main/docs/checks.md#ci-tests',
      'https://www.ncsc.gov.uk/collection/developers-collection/principles/secure-the-build-and-deployment-pipeline',
      'https://www.gov.uk/service-manual/technology/deploying-software-regularly',
    ],
    standards: { dsss: ['7', '13'], govuk: ['8', '14'], sbd: ['9', '10'], caf: ['B4'] },
    equivalents: { scorecard: ['CI-Tests'] },
    since: '0.1.0',
  },
  check(ctx) {
    if (!isAnchor(ctx)) return;
    const files = ctx.project.files;
    if (hasCi(files)) return;
    const example = files.find((f) => SOURCE_EXT.test(f.path) && !/(^|\/)(node_modules|vendor|third_party|docs?)\//.test(f.path))?.path;
    if (!example) return;
    ctx.report({ messageId: 'missing', range: lineOne(ctx), data: { example } });
  },
};
export default rule;
