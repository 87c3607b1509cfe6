import type { Rule } from '../../src/model/rule.js';
import { filesIn, HEALTH_DIRS, isAnchor, lineOne } from './lib.js';

/** A CODEOWNERS file names who must review changes to each part of the code. */
const rule: Rule = {
  meta: {
    id: 'repository/codeowners-missing',
    title: 'Repository has no CODEOWNERS file',
    description:
      'A CODEOWNERS file names the people or teams responsible for each part of the repository. GitHub and GitLab request their review automatically on every pull or merge request that touches their paths, and branch protection can require it, so changes to sensitive areas (infrastructure, authentication, workflows) cannot merge without the owners seeing them. It also records who owns the code when the team changes.',
    severity: 'low',
    kinds: ['text'],
    messages: {
      missing: 'No CODEOWNERS file found (looked in the root, .github/ and docs/); add .github/CODEOWNERS naming the team that must review changes (e.g. `* @my-org/my-team`) and require code owner review on the default branch.',
    },
    remediation: 'Add `.github/CODEOWNERS` (e.g. `* @my-org/service-team` and stricter owners for `/.github/workflows/` and `/infra/`), then turn on "Require review from Code Owners" in the default branch\'s protection or ruleset.',
    references: [
      'https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners',
      'https://docs.gitlab.com/ee/user/project/codeowners/',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['1', '10'], caf: ['B4'] },
    equivalents: {},
    since: '0.1.0',
  },
  check(ctx) {
    if (!isAnchor(ctx)) return;
    if (filesIn(ctx.project.files, [...HEALTH_DIRS, '.gitlab/'], /^CODEOWNERS$/).length) return;
    ctx.report({ messageId: 'missing', range: lineOne(ctx) });
  },
};
export default rule;
