import type { Rule } from '../../src/model/rule.js';
import { filesIn, HEALTH_DIRS, isAnchor, lineOne } from './lib.js';

/** Open code invites contributions; CONTRIBUTING says how. */
const rule: Rule = {
  meta: {
    id: 'repository/contributing-missing',
    title: 'Repository has no contribution guidelines (CONTRIBUTING)',
    description:
      'Coding in the open is meant to let others reuse and improve the code. A CONTRIBUTING file says whether contributions are welcome, how to raise issues and pull requests, the coding and testing conventions, and how changes are reviewed; GitHub links it when someone opens an issue or pull request. Without it, outside contributors cannot tell whether the repository is maintained or how to help.',
    severity: 'low',
    kinds: ['text'],
    messages: {
      missing: 'No contribution guidelines found (looked for CONTRIBUTING.md in the root, .github/ and docs/); add a CONTRIBUTING.md saying how to raise issues and pull requests and how changes are reviewed.',
    },
    remediation: 'Add `CONTRIBUTING.md` (root, `.github/` or `docs/`): whether contributions are welcome, how to raise issues and pull requests, conventions, tests to run and how changes are reviewed.',
    references: [
      'https://docs.github.com/en/communities/setting-up-your-project-for-healthy-contributions/setting-guidelines-for-repository-contributors',
      'https://www.gov.uk/service-manual/technology/making-source-code-open-and-reusable',
    ],
    standards: { dsss: ['11', '12'], govuk: ['12'], tcop: ['3', '8'] },
    equivalents: {},
    since: '0.1.0',
  },
  check(ctx) {
    if (!isAnchor(ctx)) return;
    if (filesIn(ctx.project.files, HEALTH_DIRS, /^contributing(\.(md|markdown|rst|txt|adoc))?$/i).length) return;
    ctx.report({ messageId: 'missing', range: lineOne(ctx) });
  },
};
export default rule;
