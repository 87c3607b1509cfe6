import type { Rule } from '../../src/model/rule.js';
import type { ProjectContext, ProjectFile } from '../../src/engine/project.js';
import { isAnchor, lineOne, readText } from './lib.js';

/**
 * Root licence files (the names licensee and Scorecard look for): LICENSE, LICENCE, COPYING, UNLICENSE,
 * with an extension or a suffix (LICENSE-MIT, LICENSE_1_0.txt); prefixed by a licence's name
 * (MIT-LICENSE, GPL-2.0-LICENSE.txt); the SIL Open Font License's OFL.
 */
export const LICENCE_FILE = /^(((mit|apache|0?bsd|isc|[al]?gpl|mpl|epl|eupl|artistic|afl|apsl|cc0|ofl|bsl|zlib|unlicen[cs]e)([.\-_]?v?\d+(\.\d+)*)?[-_]?)?(licen[cs]e|copying)|unlicen[cs]e|ofl)([.\-_][\w.-]*)?$/i;

/** COPYRIGHT files hold a licence in some projects (Debian's style) and only a copyright notice in others. */
const COPYRIGHT_FILE = /^copyright([.\-_][\w.-]*)?$/i;

/** Not a licence text: a licence checker's configuration or code (license-checker.json, licence-header.js; licensee skips .xml, .go and .gemspec too). */
const NOT_A_TEXT = /\.(jsx?|tsx?|json|ya?ml|toml|xml|py|sh|cfg|ini|go|gemspec)$/i;

/** Lines of a copyright notice (`Copyright (c) 2024 Council`, `All rights reserved`): no licence in them. */
function noticeOnly(text: string): boolean {
  return text.split(/\r?\n/).every((l) => !l.trim() || /^\s*(copyright\b|\(c\)|©|all rights reserved)/i.test(l));
}

/** REUSE layout: one licence text per SPDX id, named after it (`LICENSES/MIT.txt`). */
export const REUSE_LICENCE = /^LICENSES\/([^/]+?)(\.[a-z]+)?$/i;

export function rootLicenceFiles(project: ProjectContext): ProjectFile[] {
  return project.files.filter((f) => {
    if (f.path.includes('/') || NOT_A_TEXT.test(f.path)) return false;
    if (LICENCE_FILE.test(f.path)) return true;
    // a COPYRIGHT file counts when it holds more than a copyright notice (licensee: a notice alone is no licence)
    if (!COPYRIGHT_FILE.test(f.path)) return false;
    const text = readText(project, f.path);
    return text !== undefined && !noticeOnly(text);
  });
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
