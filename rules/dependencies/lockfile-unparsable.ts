import type { Rule } from '../../src/model/rule.js';
import { lockfileFormat } from '../../src/lockfiles/index.js';
import { SUPPLY_CHAIN, dataUnparsed, lineRange, lockfileOf } from './lib.js';

const MAX = 20;

/** Lockfile lines Saltire cannot read: malformed text lockfiles, and JSON/YAML lockfile entries without a name or version. */
const rule: Rule = {
  meta: {
    id: 'dependencies/lockfile-unparsable',
    title: 'Lockfile line cannot be read',
    description:
      'A line of a text lockfile (yarn.lock, requirements.txt, poetry.lock, uv.lock, pdm.lock, pylock.toml, go.mod, Cargo.lock, Gemfile.lock) is not in the format the file\'s name says, or an entry of a JSON or YAML lockfile (bun.lock, pnpm-lock.yaml, composer.lock) has no readable name or version, so the packages it describes were not checked for vulnerabilities. Hand-edited or merge-conflicted lockfiles are the usual cause, and package managers may refuse or misread them too. (JSON and YAML lockfiles with syntax errors are reported by saltire/parse-error.)',
    severity: 'low',
    kinds: ['lockfile'],
    messages: {
      unparsable: 'Line {{line}} of this {{format}} lockfile cannot be read ({{problem}}), so the dependency it describes was not checked; regenerate the lockfile with its package manager (or fix the line) and commit it.',
    },
    remediation: 'Regenerate the lockfile with its package manager rather than editing it by hand, and resolve merge conflicts by regenerating.',
    references: ['https://pip.pypa.io/en/stable/reference/requirements-file-format/', 'https://go.dev/ref/mod#go-mod-file', 'https://classic.yarnpkg.com/en/docs/yarn-lock'],
    standards: { ...SUPPLY_CHAIN, cwe: ['CWE-1104'] },
    equivalents: {},
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    if (!lockfileFormat(ctx.file.path) || dataUnparsed(ctx)) return;
    const lock = lockfileOf(ctx);
    for (const p of lock.problems.slice(0, MAX)) {
      ctx.report({ messageId: 'unparsable', range: lineRange(ctx, p.line), data: { line: p.line, format: lock.format, problem: p.message } });
    }
  },
};

export default rule;
