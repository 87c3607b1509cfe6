import type { Rule } from '../../src/model/rule.js';
import { SUPPLY_CHAIN, dataUnparsed, lockfileOf } from './lib.js';

/** A lockfile that yields no packages cannot be checked, so it must never look clean. */
const rule: Rule = {
  meta: {
    id: 'dependencies/lockfile-empty',
    title: 'Lockfile lists no packages',
    description:
      'A lockfile from which no packages can be read gives no assurance: its dependencies cannot be checked for vulnerabilities or malicious packages, and a scan that quietly passed it would be misleading. This happens with truncated or placeholder files, files of another format saved under a lockfile name, or a lockfile written by a newer tool than Saltire reads. A lockfile that records only the project itself (a project with no dependencies) is not reported; one that records the project\'s declared dependencies but no package for them (a truncated or hand-edited package-lock.json, yarn.lock, pnpm-lock.yaml, bun.lock, uv.lock, Cargo.lock or Gemfile.lock; for a yarn.lock v1, which records no project, the package.json beside it says) is.',
    severity: 'low',
    kinds: ['lockfile'],
    messages: {
      empty: 'No packages could be read from this {{format}} lockfile, so its dependencies were not checked; regenerate it with its package manager (npm install, yarn, pnpm install, bun install, poetry lock, uv lock, pdm lock, pip-compile, go mod tidy, cargo generate-lockfile, bundle lock, composer update, gradle dependencies --write-locks, dotnet restore --use-lock-file) and commit it.',
      unrecognised: 'This file is named like a {{format}} lockfile but has no content in that format, so no dependencies were checked; regenerate it with its package manager or remove it.',
    },
    remediation: 'Regenerate the lockfile with the package manager and commit the result; delete files that only carry a lockfile\'s name.',
    references: ['https://docs.npmjs.com/cli/v10/configuring-npm/package-lock-json', 'https://www.ncsc.gov.uk/collection/supply-chain-security'],
    standards: { ...SUPPLY_CHAIN, cwe: ['CWE-1104'] },
    equivalents: {},
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    if (dataUnparsed(ctx)) return;
    const lock = lockfileOf(ctx);
    // only the project itself (rootOnly); workspace packages alone whose declared dependencies are missing are reported
    if (lock.rootOnly) return;
    if (lock.packages.some((p) => !p.workspace) || lock.requirements.length > 0) return;
    if (lock.problems.length > 0) return; // dependencies/lockfile-unparsable reports it
    ctx.report({ messageId: lock.unrecognised ? 'unrecognised' : 'empty', range: { start: { line: 1, column: 1 }, end: { line: 1, column: Math.max(2, ctx.file.lines.lineText(1).length + 1) } }, data: { format: lock.format } });
  },
};

export default rule;
