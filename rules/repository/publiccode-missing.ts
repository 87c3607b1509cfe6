import type { Rule } from '../../src/model/rule.js';
import { isAnchor, lineOne } from './lib.js';

/** publiccode.yml describes public-sector software for catalogues and reuse. */
const rule: Rule = {
  meta: {
    id: 'repository/publiccode-missing',
    title: 'Repository has no publiccode.yml',
    description:
      'publiccode.yml is a machine-readable description of public-sector software (what it does, who maintains it, its licence, maturity and dependencies) that software catalogues harvest so that other public bodies can find and reuse it. Making code open is most useful when others can discover it; the file is the open standard for that, used across European governments.',
    severity: 'low',
    kinds: ['text'],
    messages: {
      missing: 'No publiccode.yml at the root of the repository; add one (publiccode.yml standard, e.g. generated with the online editor) so public-sector software catalogues can list and describe this code for reuse.',
    },
    remediation: 'Add a `publiccode.yml` at the repository root describing the software, its maintainers, licence and maturity (see the publiccode.yml standard and its editor).',
    references: [
      'https://yml.publiccode.tools/',
      'https://github.com/publiccodeyml/publiccode.yml',
      'https://www.gov.uk/service-manual/technology/making-source-code-open-and-reusable',
    ],
    standards: { dsss: ['11', '12'], govuk: ['12', '13'], tcop: ['3', '8'] },
    equivalents: {},
    since: '0.1.0',
  },
  check(ctx) {
    if (!isAnchor(ctx)) return;
    if (ctx.project.files.some((f) => /^publiccode\.ya?ml$/i.test(f.path))) return;
    ctx.report({ messageId: 'missing', range: lineOne(ctx) });
  },
};
export default rule;
