import type { Rule } from '../../src/model/rule.js';
import { SUPPLY_CHAIN, advisoriesOf, idList, lineRange } from './lib.js';

/** A locked package that OSV's malicious-packages data (MAL- records) says is malware. */
const rule: Rule = {
  meta: {
    id: 'dependencies/malicious-package',
    title: 'Known malicious package in a lockfile',
    description:
      'A package in the lockfile is recorded as malicious in the OSV database (the OpenSSF malicious-packages data, `MAL-` ids, or an advisory classed CWE-506 embedded malicious code): typosquats, hijacked releases and packages published to steal credentials or run code on install. Installing it is already a compromise of the machine that ran the install, so the finding is critical whether the package is a production or a development dependency.',
    severity: 'critical',
    kinds: ['lockfile'],
    messages: {
      malicious: '{{name}} {{version}}{{dev}} is a known malicious package ({{ids}}): {{summary}}. Remove it, treat every machine and pipeline that installed it as compromised (rotate its credentials and tokens), and check how it got into the dependency tree.',
    },
    remediation:
      'Remove the package (and whatever depends on it) from the manifest and lockfile, reinstall from a clean state, rotate secrets that were reachable from machines or CI runners that installed it, and report it to your security team.',
    references: [
      'https://github.com/ossf/malicious-packages',
      'https://osv.dev/list?q=MAL-',
      'https://www.ncsc.gov.uk/collection/supply-chain-security',
    ],
    standards: { ...SUPPLY_CHAIN, cwe: ['CWE-506'] },
    equivalents: {},
    security: true,
    since: '0.1.0',
    defaultOptions: {},
  },
  async check(ctx) {
    const found = await advisoriesOf(ctx);
    if (!found) return;
    for (const { pkg, match } of found) {
      if (!match.malicious) continue;
      ctx.report({
        messageId: 'malicious',
        range: lineRange(ctx, pkg.line),
        data: { name: pkg.name, version: pkg.version, dev: pkg.dev ? ' (dev dependency)' : '', ids: idList(match), summary: match.summary || 'malicious code' },
        properties: { ecosystem: pkg.ecosystem, package: pkg.name, version: pkg.version, ids: [...match.ids, ...match.aliases], dev: !!pkg.dev },
      });
    }
  },
};

export default rule;
