import type { Rule } from '../../src/model/rule.js';
import { filesIn, isAnchor, lineOne, ROOT_README, rootReadme } from './lib.js';

/** A repository needs a README at its root: what it is, how to run it, who owns it. */
const rule: Rule = {
  meta: {
    id: 'repository/readme-missing',
    title: 'Repository has no README',
    description:
      'Opening code only helps when people can tell what it is: the README at the root of a repository is the first thing anyone (a developer, an assessor, another department wanting to reuse it) reads. Without one there is no statement of what the service does, how to run and test it, who maintains it or how it is licensed. Service assessments for the Digital Scotland and GOV.UK Service Standards look for this when the team says its code is open.',
    severity: 'low',
    kinds: ['text'],
    messages: {
      missing: 'No README found (looked for README, README.md, README.rst, README.txt, … in the root, .github/ and docs/); add a README.md saying what the code does, how to run and test it, who maintains it and its licence.',
    },
    remediation: 'Add a `README.md` at the repository root: purpose, how to install, run and test, how to contribute, who maintains it, and the licence.',
    references: [
      'https://www.gov.uk/service-manual/technology/making-source-code-open-and-reusable',
      'https://www.gov.uk/government/publications/open-standards-for-government/sharing-or-publishing-code',
      'https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-readmes',
    ],
    standards: { dsss: ['11'], govuk: ['12'], tcop: ['3'] },
    equivalents: {},
    since: '0.1.0',
  },
  check(ctx) {
    if (!isAnchor(ctx)) return;
    // GitHub shows a README in .github/ or docs/ on the repository's front page too.
    if (rootReadme(ctx.project.files) || filesIn(ctx.project.files, ['.github/', 'docs/'], ROOT_README).length) return;
    ctx.report({ messageId: 'missing', range: lineOne(ctx) });
  },
};
export default rule;
