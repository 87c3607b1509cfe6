import type { Rule, RuleContext } from '../../src/model/rule.js';
import type { ProjectContext, ProjectFile } from '../../src/engine/project.js';
import { classifySpdx, identifyLicence, type Identification } from './licences.js';
import { REUSE_LICENCE, rootLicenceFiles } from './licence-files.js';
import { readText, repositoryScan, SOURCE_EXT, TEST_DIR } from './lib.js';

/** Root licence files, and the licence texts of the REUSE layout (`LICENSES/<SPDX id>.txt`). */
function licenceTexts(project: ProjectContext): ProjectFile[] {
  return [...rootLicenceFiles(project), ...project.files.filter((f) => REUSE_LICENCE.test(f.path))];
}

/** What a licence text grants; a REUSE file's name is its SPDX id, which counts even when the text is not recognised. */
function identify(path: string, text: string): Identification {
  const id = identifyLicence(text);
  const spdx = REUSE_LICENCE.exec(path)?.[1];
  const cls = spdx ? classifySpdx(spdx) : undefined;
  if (!spdx || !cls || id.found.some((m) => m.id.toLowerCase() === spdx.toLowerCase())) return id;
  return { ...id, found: [{ id: spdx, cls }, ...id.found], proprietary: false };
}

/** The repository's licence must be an OSI-approved software licence. */
const rule: Rule = {
  meta: {
    id: 'repository/licence-not-open-source',
    title: 'Licence file is not an OSI-approved software licence',
    description:
      'Making code open means licensing it under an open source licence approved by the Open Source Initiative, so that others can reuse it with certainty. Content licences such as the Open Government Licence and Creative Commons are meant for information and documentation, not software (they say nothing about patents or source distribution), so they are reported only when the repository holds code (a repository of data or documents alone is rightly under OGL or CC BY); CC0 is a public-domain dedication the OSI has not approved because it expressly withholds a patent licence; non-commercial, source-available (Business Source License, SSPL, Elastic License, the Commons Clause added to an open licence) and "all rights reserved" terms are not open at all. An unrecognised text may be a bespoke licence that reusers\' lawyers will have to review. The root licence files are read (LICENSE, LICENCE, COPYING, their variants such as MIT-LICENSE, and a COPYRIGHT file that holds more than a copyright notice), and with the REUSE layout each `LICENSES/<SPDX id>.txt`, whose name counts as its licence.',
    severity: 'medium',
    kinds: ['text'],
    messages: {
      content: 'The licence file grants {{licence}}, a licence for content and information, not for software; license the code under an OSI-approved licence such as MIT and keep {{licence}} for documentation.',
      publicDomain: 'The licence file grants {{licence}}, a public-domain dedication that the OSI has not approved for software (it withholds patent rights); prefer an OSI-approved licence such as MIT.',
      notOpen: 'The licence file grants {{licence}}, which is not an open source licence (non-commercial, no-derivatives, advertising clause or source-available terms); license the code under an OSI-approved licence such as MIT.',
      proprietary: 'The licence file reserves all rights and grants no open source licence; license the code under an OSI-approved licence such as MIT, or explain why it cannot be open.',
      unknown: 'The licence file\'s text is not a licence Saltire recognises (expected e.g. MIT, Apache-2.0, GPL, BSD, MPL-2.0 or EUPL-1.2, or an SPDX-License-Identifier line); use the unmodified text of an OSI-approved licence.',
    },
    remediation: 'Replace the licence text with the unmodified text of an OSI-approved licence (MIT is the usual choice for government code); keep the Open Government Licence or Creative Commons for documentation in a separate file.',
    references: [
      'https://opensource.org/licenses',
      'https://www.gov.uk/service-manual/technology/making-source-code-open-and-reusable#licensing-code',
      'https://www.nationalarchives.gov.uk/information-management/re-using-public-sector-information/uk-government-licensing-framework/open-government-licence/',
      'https://opensource.org/faq#cc-zero',
    ],
    standards: { dsss: ['11'], govuk: ['12'], tcop: ['3'] },
    equivalents: { scorecard: ['License'] },
    since: '0.1.0',
  },
  check(ctx) {
    // synchronous for every file that is not a licence (all but a few)
    const licenceFiles = ctx.project.memo('repository:licence-files', () => licenceTexts(ctx.project));
    if (!licenceFiles.some((f) => f.path === ctx.file.path)) return;
    if (!repositoryScan(ctx)) return;
    return checkLicence(ctx, licenceFiles);
  },
};

async function checkLicence(ctx: RuleContext, licenceFiles: ProjectFile[]): Promise<void> {
  // Any OSI licence among the licence files settles it (e.g. LICENSE: MIT, LICENSE-docs: OGL; LICENSES/MIT.txt and LICENSES/CC-BY-4.0.txt).
  const ids = await ctx.project.memo('repository:licence-ids', async () => {
    const out = new Map<string, Identification>();
    for (const f of licenceFiles) {
      const text = f.path === ctx.file.path ? ctx.file.text : readText(ctx.project, f.path);
      if (text !== undefined) out.set(f.path, identify(f.path, text));
    }
    return out;
  });
  if ([...ids.values()].some((i) => i.found.some((m) => m.cls === 'osi'))) return;
  const id = ids.get(ctx.file.path) ?? identify(ctx.file.path, ctx.file.text);
  if (!ctx.file.text.trim()) {
    ctx.report({ messageId: 'unknown', range: ctx.file.lines.lineRange(1), severity: 'low' });
    return;
  }
  const at = id.spdx ? { offsets: [id.spdx.offset, id.spdx.offset + id.spdx.expression.length] as [number, number] } : { range: ctx.file.lines.lineRange(1) };
  const pick = (cls: string) => id.found.find((m) => m.cls === cls);
  const notOpen = pick('not-open');
  const content = pick('content');
  const pd = pick('public-domain');
  // a repository of data or documents with no code in it is rightly under a content licence
  const holdsCode = ctx.project.memo('repository:holds-code', () => ctx.project.files.some((f) => SOURCE_EXT.test(f.path) && !TEST_DIR.test(f.path)));
  if (!notOpen && !id.proprietary && (content || pd) && !holdsCode) return;
  if (notOpen) ctx.report({ messageId: 'notOpen', ...at, data: { licence: notOpen.id } });
  else if (content) ctx.report({ messageId: 'content', ...at, data: { licence: content.id } });
  else if (pd) ctx.report({ messageId: 'publicDomain', ...at, data: { licence: pd.id }, severity: 'low' });
  else if (id.proprietary) ctx.report({ messageId: 'proprietary', ...at });
  else ctx.report({ messageId: 'unknown', ...at, severity: 'low' });
}
export default rule;
