import type { Rule } from '../../src/model/rule.js';
import type { Severity } from '../../src/model/severity.js';
import { libraryOf } from '../../src/lockfiles/vendored-libraries.js';
import { SUPPLY_CHAIN, advisoryFields, vendoredLibraryAdvisories } from './lib.js';

/** A copy of a JavaScript library (jQuery in a static folder) at a version an OSV advisory says is vulnerable. */
const rule: Rule = {
  meta: {
    id: 'dependencies/vulnerable-vendored-library',
    title: 'Copied-in JavaScript library with a known vulnerability',
    description:
      'A JavaScript library copied into the repository (a `jquery.js` in a static or vendor folder, a Bootstrap or Lodash bundle) is a dependency that no lockfile records, so package audits never see it, and copies like these are often years old. Saltire recognises well-known libraries by the licence banner their distributed files open with (jQuery, jQuery UI, jQuery Migrate, Lodash, Underscore, Backbone, AngularJS, Bootstrap, DOMPurify, Handlebars, Moment.js, Vue, Select2, highlight.js, RequireJS, D3, GOV.UK Frontend), reads the version the banner states (or, for builds whose banner has none, the version the library\'s code records, as in Lodash\'s `VERSION`), and checks it offline against the OSV advisories of the library\'s npm package, in npm\'s version ordering. Advisories that describe the same vulnerability are reported together; the severity is the advisory\'s. A file without a banner, or whose banner states no version, is not judged.',
    severity: 'high',
    // minified files (*.min.js) are read as text, not parsed
    kinds: ['javascript', 'text'],
    messages: {
      vulnerable: 'This file is a copy of {{library}} {{version}}, which is affected by {{ids}}: {{summary}} (severity {{advisorySeverity}}{{cvss}}). Replace it with {{library}} {{fixed}} or later, preferably installed through npm so that dependency checks see it.',
      noFix: 'This file is a copy of {{library}} {{version}}, which is affected by {{ids}}: {{summary}} (severity {{advisorySeverity}}{{cvss}}); no fixed version is recorded. Replace the library or record why the risk is accepted.',
    },
    remediation:
      'Replace the copied file with the fixed version named in the finding, or better, install the library as an npm dependency (and bundle it in the build) so its version is in a lockfile that dependency checks and Dependabot read. Keep the advisory database current with `saltire db update`.',
    references: [
      'https://owasp.org/Top10/A06_2021-Vulnerable_and_Outdated_Components/',
      'https://osv.dev/',
      'https://www.ncsc.gov.uk/collection/supply-chain-security',
    ],
    standards: { ...SUPPLY_CHAIN, cwe: ['CWE-1104', 'CWE-937'] },
    equivalents: { scorecard: ['Vulnerabilities'] },
    security: true,
    since: '0.1.0',
    defaultOptions: {},
  },
  async check(ctx) {
    if (ctx.file.kind === 'text' && !/\.[cm]?js$/i.test(ctx.file.path)) return;
    const found = libraryOf(ctx);
    if (!found?.version || !found.library.npm) return;
    const matches = await vendoredLibraryAdvisories(ctx, found.library.npm, found.version);
    // the banner's line (a minified file's may be the whole file: 200 characters of it)
    const eol = ctx.file.text.indexOf('\n', found.offset);
    const end = Math.min(eol < 0 ? ctx.file.text.length : eol, found.offset + 200);
    for (const match of matches ?? []) {
      if (match.malicious) continue;
      const severity: Severity = match.severity ?? 'medium';
      const a = advisoryFields(match);
      ctx.report({
        messageId: a.messageId,
        offsets: [found.offset, end],
        severity,
        data: { library: found.library.name, version: found.version, ...a.data },
        properties: { ecosystem: 'npm', package: found.library.npm, version: found.version, ...a.properties },
      });
    }
  },
};

export default rule;
