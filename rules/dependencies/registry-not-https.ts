import type { Rule } from '../../src/model/rule.js';
import { SUPPLY_CHAIN, dataUnparsed, lockfileOf } from './lib.js';

const LOOPBACK = /^http:\/\/(localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?(\/|$)/i;

/** Registry, index and download URLs in lockfiles over plain http://. */
const rule: Rule = {
  meta: {
    id: 'dependencies/registry-not-https',
    title: 'Packages fetched over plain HTTP',
    description:
      'The lockfile records a registry, package index or download URL that uses plain `http://`. Anyone on the network path (a compromised Wi-Fi, proxy or CI network) can then replace the package with their own code; integrity hashes help only where the lockfile records them and the tool checks them. Loopback URLs (localhost, 127.0.0.1) are not reported.',
    severity: 'medium',
    kinds: ['lockfile'],
    messages: {
      http: 'The {{role}} URL {{url}} uses plain http://, so the package can be replaced in transit; use the registry\'s https:// URL and regenerate the lockfile.',
    },
    remediation: 'Point the package manager at the registry\'s https:// URL (.npmrc `registry=`, pip `--index-url`, Gemfile `source`, Cargo registry config, composer `repositories`, Maven `<repositories>`; Maven 3.8.1 and later refuse http:// repositories) and regenerate the lockfile.',
    references: ['https://docs.npmjs.com/cli/v10/using-npm/config#registry', 'https://pip.pypa.io/en/stable/topics/secure-installs/', 'https://www.ncsc.gov.uk/collection/supply-chain-security'],
    standards: { ...SUPPLY_CHAIN, cwe: ['CWE-319', 'CWE-494'] },
    equivalents: {},
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    if (dataUnparsed(ctx)) return;
    const lock = lockfileOf(ctx);
    for (const u of lock.urls) {
      if (!/^http:\/\//i.test(u.url) || LOOPBACK.test(u.url)) continue;
      const text = ctx.file.lines.lineText(u.line);
      const col = text.indexOf(u.url);
      const start = col >= 0 ? col + 1 : u.column ?? 1;
      ctx.report({
        messageId: 'http',
        range: { start: { line: u.line, column: start }, end: { line: u.line, column: start + u.url.length } },
        data: { role: u.role === 'download' ? `download${u.package ? ` (${u.package})` : ''}` : u.role, url: u.url },
        properties: { url: u.url, package: u.package ?? null },
      });
    }
  },
};

export default rule;
