import type { Rule } from '../../src/model/rule.js';
import { REUSE_LICENCE, rootLicenceFiles } from './licence-files.js';
import { isAnchor, lineOne } from './lib.js';

/** Open code needs an explicit licence; without one nobody may legally reuse it. */
const rule: Rule = {
  meta: {
    id: 'repository/licence-missing',
    title: 'Repository has no licence file',
    description:
      'Code without a licence is not open source: copyright law reserves every right to the author (for public bodies, usually Crown copyright), so nobody can lawfully reuse, modify or redistribute it, whatever the repository\'s visibility. The Digital Scotland and GOV.UK Service Standards and the Technology Code of Practice ask for new code to be open under an appropriate open source licence, stated in a LICENSE file at the root of the repository.',
    severity: 'medium',
    kinds: ['text'],
    messages: {
      missing: 'No licence file at the root of the repository (looked for LICENSE, LICENCE, COPYING, a COPYRIGHT file holding a licence, MIT-LICENSE-style names and LICENSES/); add a LICENSE file with an OSI-approved licence such as MIT (GDS recommends MIT for government code).',
    },
    remediation: 'Add a `LICENSE` file at the repository root with the full text of an OSI-approved licence (MIT is the usual choice for government code; use OGL only for documentation and content).',
    references: [
      'https://www.gov.uk/service-manual/technology/making-source-code-open-and-reusable#licensing-code',
      'https://www.gov.uk/government/publications/open-source-guidance/security-considerations-when-coding-in-the-open',
      'https://opensource.org/licenses',
      'https://github.com/ossf/scorecard/blob/main/docs/checks.md#license',
    ],
    standards: { dsss: ['11'], govuk: ['12'], tcop: ['3'] },
    equivalents: { scorecard: ['License'] },
    since: '0.1.0',
  },
  check(ctx) {
    if (!isAnchor(ctx)) return;
    const files = ctx.project.files;
    if (rootLicenceFiles(ctx.project).length) return;
    // REUSE layout: licence texts under LICENSES/, one per SPDX id
    if (files.some((f) => REUSE_LICENCE.test(f.path))) return;
    ctx.report({ messageId: 'missing', range: lineOne(ctx) });
  },
};
export default rule;
