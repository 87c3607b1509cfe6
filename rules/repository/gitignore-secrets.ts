import ignore from 'ignore';
import type { Rule } from '../../src/model/rule.js';
import { isAnchor, lineOne, repositoryScan } from './lib.js';

/** Does the root .gitignore keep local secrets (.env, private keys) out of commits? */
export function uncoveredSecrets(gitignoreText: string): string[] {
  const ig = ignore().add(gitignoreText);
  const missing: string[] = [];
  if (!ig.ignores('.env')) missing.push('.env');
  if (!ig.ignores('server.pem') && !ig.ignores('server.key')) missing.push('*.pem / *.key');
  return missing;
}

/** A .gitignore that ignores .env and key files stops the most common secret commits. */
const rule: Rule = {
  meta: {
    id: 'repository/gitignore-secrets',
    title: '.gitignore does not exclude local secret files',
    description:
      'Most committed secrets arrive by accident: a developer runs `git add .` with a `.env` or a freshly generated key in the working tree. A root `.gitignore` that ignores `.env` files and private key files (`*.pem`, `*.key`) stops that before it happens, and is the first control the government guidance on coding in the open asks for. It costs nothing and does not stop anyone committing a template such as `.env.example` (re-include it with `!.env.example`).',
    severity: 'low',
    kinds: ['text'],
    messages: {
      noGitignore: 'The repository has no .gitignore at its root; add one that ignores local secret files (.env, *.pem, *.key) as well as build output.',
      uncovered: 'The root .gitignore does not ignore {{missing}}; add `{{patterns}}` so local secret files cannot be committed by accident (re-include templates with `!.env.example`).',
    },
    remediation: 'Add `.env`, `.env.*`, `!.env.example`, `*.pem` and `*.key` to the root `.gitignore` (GitHub\'s gitignore templates for your language are a good start).',
    references: [
      'https://www.gov.uk/government/publications/open-source-guidance/security-considerations-when-coding-in-the-open',
      'https://git-scm.com/docs/gitignore',
      'https://github.com/github/gitignore',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['10'], caf: ['B3'], cwe: ['CWE-538'] },
    equivalents: {},
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    if (ctx.file.path === '.gitignore') {
      if (!repositoryScan(ctx)) return;
      const missing = uncoveredSecrets(ctx.file.text);
      if (!missing.length) return;
      const patterns = missing.map((m) => (m === '.env' ? '.env' : '*.pem` and `*.key')).join('` and `');
      ctx.report({ messageId: 'uncovered', range: lineOne(ctx), data: { missing: missing.join(' or '), patterns } });
      return;
    }
    if (!isAnchor(ctx)) return;
    if (ctx.project.files.some((f) => f.path === '.gitignore')) return;
    ctx.report({ messageId: 'noGitignore', range: lineOne(ctx) });
  },
};
export default rule;
