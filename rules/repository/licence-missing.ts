import type { Rule } from '../../src/model/rule.js';
import type { ProjectFile } from '../../src/engine/project.js';
import { isAnchor, lineOne } from './lib.js';

/** Root licence files: LICENSE, LICENCE, COPYING, UNLICENSE, with an extension or a suffix (LICENSE-MIT). */
export const LICENCE_FILE = /^(licen[cs]e|copying|unlicen[cs]e)([.\-_][\w.-]*)?$/i;

/** REUSE layout: one licence text per SPDX id, named after it (`LICENSES/MIT.txt`). */
export const REUSE_LICENCE = /^LICENSES\/([^/]+?)(\.[a-z]+)?$/i;

export function rootLicenceFiles(files: readonly ProjectFile[]): ProjectFile[] {
  // not a licence text: a licence checker's configuration (license-checker.json, licence-header.js)
  return files.filter((f) => !f.path.includes('/') && LICENCE_FILE.test(f.path) && !/\.(jsx?|tsx?|json|ya?ml|toml|xml|py|sh|cfg|ini)$/i.test(f.path));
}

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
      missing: 'No licence file at the root of the repository (looked for LICENSE, LICENCE, COPYING and LICENSES/); add a LICENSE file with an OSI-approved licence such as MIT (GDS recommends MIT for government code).',
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
    if (rootLicenceFiles(files).length) return;
    // REUSE layout: licence texts under LICENSES/, one per SPDX id
    if (files.some((f) => REUSE_LICENCE.test(f.path))) return;
    ctx.report({ messageId: 'missing', range: lineOne(ctx) });
  },
};
export default rule;
