import type { Rule } from '../../src/model/rule.js';
import type { ProjectFile } from '../../src/engine/project.js';
import { basename, isAnchor, lineOne, readText } from './lib.js';

/**
 * Configuration files of Dependabot, Renovate (its own list of names, plus `.<platform>/renovate.json(5)`
 * on Gitea, Forgejo, Bitbucket and Azure DevOps), PyUp and Scala Steward (its repository configuration locations).
 */
const UPDATE_TOOL_CONFIG = new Set([
  '.github/dependabot.yml',
  '.github/dependabot.yaml',
  'renovate.json',
  'renovate.json5',
  '.renovaterc',
  '.renovaterc.json',
  '.renovaterc.json5',
  '.github/renovate.json',
  '.github/renovate.json5',
  '.gitlab/renovate.json',
  '.gitlab/renovate.json5',
  ...['gitea', 'forgejo', 'bitbucket', 'azure'].flatMap((p) => [`.${p}/renovate.json`, `.${p}/renovate.json5`]),
  '.pyup.yml',
  '.scala-steward.conf',
  'scala-steward.conf',
  '.github/.scala-steward.conf',
  '.github/scala-steward.conf',
  '.config/.scala-steward.conf',
  '.config/scala-steward.conf',
]);

/** Renovate also reads its configuration from a `"renovate"` key of the root package.json. */
function renovateInPackageJson(text: string | undefined): boolean {
  if (text === undefined) return false;
  try {
    const pkg: unknown = JSON.parse(text);
    return typeof pkg === 'object' && pkg !== null && 'renovate' in pkg && typeof (pkg as { renovate: unknown }).renovate === 'object';
  } catch {
    return false;
  }
}

/** Dependency manifests: the repository has dependencies an update tool could keep current. */
const MANIFEST = /^(package\.json|requirements[\w.-]*\.txt|pyproject\.toml|pipfile|setup\.py|setup\.cfg|go\.mod|cargo\.toml|gemfile|composer\.json|pom\.xml|build\.gradle(\.kts)?|packages\.config|[\w.-]+\.csproj|mix\.exs|pubspec\.yaml|dockerfile|containerfile|chart\.yaml)$/i;

export function firstManifest(files: readonly ProjectFile[]): string | undefined {
  for (const f of files) {
    if (/(^|\/)(node_modules|vendor|third_party)\//.test(f.path)) continue;
    if (MANIFEST.test(basename(f.path)) || f.kind === 'github-workflow' || /\.tf$/.test(f.path)) return f.path;
  }
  return undefined;
}

/** Dependencies go stale unless a tool proposes updates. */
const rule: Rule = {
  meta: {
    id: 'repository/dependency-update-tool-missing',
    title: 'No dependency update tool configured',
    description:
      'Most vulnerabilities a service is exposed to are in its dependencies, and fixes ship as new versions. Without an automated update tool (Dependabot version updates or Renovate), upgrades happen when someone remembers, and known-vulnerable versions stay in production for months. A tool that opens update pull requests keeps dependencies, base images, actions and providers current in small, reviewable steps.',
    severity: 'medium',
    kinds: ['text'],
    messages: {
      missing: 'The repository has dependencies (e.g. {{manifest}}) but no dependency update tool configuration (looked for .github/dependabot.yml, renovate.json(5), .renovaterc(.json), .github/renovate.json(5), .gitlab/renovate.json, package.json\'s "renovate" key, .pyup.yml, .scala-steward.conf); add .github/dependabot.yml or a Renovate configuration.',
    },
    remediation: 'Add `.github/dependabot.yml` with an `updates` entry per package ecosystem (npm, pip, docker, github-actions, terraform, …), or a Renovate configuration (`renovate.json`) and the Renovate app.',
    references: [
      'https://docs.github.com/en/code-security/dependabot/dependabot-version-updates/configuring-dependabot-version-updates',
      'https://docs.renovatebot.com/configuration-options/',
      'https://github.com/ossf/scorecard/blob/main/docs/checks.md#dependency-update-tool',
      'https://www.ncsc.gov.uk/collection/developers-collection/principles/secure-the-build-and-deployment-pipeline',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['2', '10'], caf: ['A4', 'B4'] },
    equivalents: { scorecard: ['Dependency-Update-Tool'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    if (!isAnchor(ctx)) return;
    const files = ctx.project.files;
    if (files.some((f) => UPDATE_TOOL_CONFIG.has(f.path))) return;
    if (files.some((f) => f.path === 'package.json') && renovateInPackageJson(readText(ctx.project, 'package.json'))) return;
    const manifest = firstManifest(files);
    if (!manifest) return;
    ctx.report({ messageId: 'missing', range: lineOne(ctx), data: { manifest } });
  },
};
export default rule;
