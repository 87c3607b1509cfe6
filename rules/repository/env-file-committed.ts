import type { Rule } from '../../src/model/rule.js';
import { namesItsVariable } from '../secrets/lib/defaults.js';
import { basename, repositoryScan } from './lib.js';

/** Template and encrypted variants that are meant to be committed. */
const COMMITTABLE = /(^|[.\-_])(example|examples|sample|samples|template|tmpl|tpl|dist|defaults?|schema|skeleton|stub|vault|enc|encrypted|sops|gpg|age)([.\-_]|$)/;

/** `.env`, `.env.production`, `prod.env`, … but not the templates (`.env.example`) or encrypted files. */
export function isEnvFile(path: string): boolean {
  const name = basename(path).toLowerCase();
  if (name === '.env') return true;
  if (name.startsWith('.env.')) return !COMMITTABLE.test(name.slice(5));
  if (name.endsWith('.env') && name.length > 4) return !COMMITTABLE.test(name.slice(0, -4));
  return false;
}

const ASSIGNMENT = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*[=:][ \t]*(.*)$/;
const SECRET_NAME = /(secret|passw(or)?d|passwd|pwd|token|api[_-]?key|apikey|private[_-]?key|access[_-]?key|signing[_-]?key|encryption[_-]?key|client[_-]?secret|credential|auth[_-]?key|(^|_)dsn$|connection[_-]?string|conn[_-]?str|database[_-]?url|db[_-]?url|redis[_-]?url|mongo(db)?[_-]?ur[il]|amqp[_-]?url)/i;
const PUBLIC_NAME = /(public|publishable|site[_-]?key|_id$|_url_public|_file$|_path$|_ttl$|_expir|_length$|_header$|_name$|_enabled$|_timeout$)/i;
const PLACEHOLDER = /^(|changeme|change[_-]?me|replace[_-]?me|todo|tbc|tbd|none|null|nil|undefined|false|true|x+|\*+|\.+|-+|dummy|example|sample|test|testing|secret|password|passw0rd|pass|admin|root|postgres|guest|localdev|local|dev|development|your[_-].*|<.*>|\[.*\]|\{\{.*\}\}|\$\{.*\}|\$[A-Za-z_][A-Za-z0-9_]*|\$\(.*\)|`.*`|%\(.*\)s|.*(example|placeholder|changeme|replace|insert|dummy|fake|redacted).*)$/i;

function valueOf(raw: string): string {
  let v = raw.trim();
  const q = v[0];
  if ((q === '"' || q === "'") && v.lastIndexOf(q) > 0) v = v.slice(1, v.lastIndexOf(q));
  else v = v.replace(/\s+#.*$/, '');
  return v.trim();
}

/** Does the value hold a real credential (as opposed to a placeholder or a URL without a password)? */
function secretValue(name: string, value: string): boolean {
  const url = /^[a-z][a-z0-9+.-]*:\/\/([^:/@\s]*):([^@\s]+)@/i.exec(value);
  if (url) return !PLACEHOLDER.test(url[2]);
  if (!SECRET_NAME.test(name) || PUBLIC_NAME.test(name)) return false;
  if (/^[a-z][a-z0-9+.-]*:\/\/[^@\s]*$/i.test(value)) return false; // a URL without credentials
  // `API_CLIENT_SECRET=clientsecret`: the value only spells the variable's name, a stand-in
  return value.length >= 6 && !PLACEHOLDER.test(value) && !namesItsVariable(name, value);
}

/**
 * Variables a front-end build inlines into the JavaScript it ships (Create React App, Vite, Next.js,
 * Gatsby, Nuxt, Expo, SvelteKit, Vue CLI): public by design, and the frameworks document committing
 * `.env`, `.env.development` and `.env.production` that hold only these (`.env*.local` stays ignored).
 */
const BUILD_PUBLIC = /^(?:REACT_APP_|VITE_|NEXT_PUBLIC_|GATSBY_|NUXT_PUBLIC_|EXPO_PUBLIC_|PUBLIC_|VUE_APP_)/;

/** A committed .env file usually means committed secrets. */
const rule: Rule = {
  meta: {
    id: 'repository/env-file-committed',
    title: 'Environment file (.env) committed to the repository',
    description:
      'A `.env` file holds a service\'s local or deployed configuration, and usually its secrets: database passwords, API keys, signing keys. Once committed, every clone, fork and CI log has them, they stay in the Git history after the file is deleted, and in a public repository anyone can use them. The committed file should be a template (`.env.example`) with placeholders, and the real `.env` ignored by Git. A file that sets only a front-end framework\'s public build variables (`REACT_APP_`, `VITE_`, `NEXT_PUBLIC_`, `GATSBY_`, `NUXT_PUBLIC_`, `EXPO_PUBLIC_`, `PUBLIC_`, `VUE_APP_`), which those frameworks document committing, is not reported unless a value looks like a credential or the file is a `.local` override. A value that only spells its variable\'s name (`API_CLIENT_SECRET=clientsecret`, as local and feature-test settings set) is a stand-in, not a credential, as is a value the shell computes when it sources the file (`SESSION_SECRET=$(openssl rand -hex 32)`, a back-quoted command) or a variable reference: such a file is reported as committed, at low.',
    severity: 'high',
    kinds: ['text'],
    messages: {
      secret: 'Committed environment file {{file}} sets {{name}} to what looks like a real credential; rotate it, remove the file from the repository (and its history), add it to .gitignore and commit a .env.example with placeholders instead.',
      committed: 'Environment file {{file}} is committed (no credential-looking values found in it); commit a .env.example template instead and add {{file}} to .gitignore, so real values never end up in the repository.',
    },
    remediation: 'Rotate any credential the file held, remove it from the repository and its history (`git rm --cached`, then e.g. `git filter-repo`), add `.env*` (with `!.env.example`) to `.gitignore`, and commit a `.env.example` with placeholders.',
    references: [
      'https://www.gov.uk/government/publications/open-source-guidance/security-considerations-when-coding-in-the-open',
      'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html',
      'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/removing-sensitive-data-from-a-repository',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['8', '10'], caf: ['B3'], cwe: ['CWE-538', 'CWE-798'] },
    equivalents: {},
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    if (!isEnvFile(ctx.file.path)) return;
    if (!repositoryScan(ctx)) return;
    const file = ctx.file.path;
    let found = false;
    let onlyBuildPublic = true;
    for (let line = 1; line <= ctx.file.lines.lineCount; line++) {
      const text = ctx.file.lines.lineText(line);
      const m = ASSIGNMENT.exec(text);
      if (!m || text.trimStart().startsWith('#')) continue;
      if (!BUILD_PUBLIC.test(m[1])) onlyBuildPublic = false;
      const value = valueOf(m[2]);
      if (!secretValue(m[1], value)) continue;
      found = true;
      const start = ctx.file.lines.offset({ line, column: 1 }) + text.indexOf(m[1]);
      ctx.report({ messageId: 'secret', offsets: [start, start + m[1].length], data: { file, name: m[1] }, secrets: [value] });
    }
    // a front-end framework's committed build settings (not a `.local` override): as documented
    if (!found && onlyBuildPublic && !/\.local$/i.test(file)) return;
    if (!found) ctx.report({ messageId: 'committed', range: ctx.file.lines.lineRange(1), data: { file }, severity: 'low' });
  },
};
export default rule;
