import type { Rule } from '../../src/model/rule.js';
import { basename, repositoryScan } from './lib.js';

interface CredentialFile {
  /** Which files (basename, or path suffix). */
  name: RegExp;
  label: string;
  /** A line that holds a credential; group 1 is the value. */
  line: RegExp;
}

const PLACEHOLDER = /^(|\$\{[^}]*\}|\$[A-Za-z_]\w*|%[A-Za-z_]\w*%|<[^>]*>|x+|\*+|changeme|your[_-].*|.*(example|placeholder|redacted|dummy).*)$/i;

const FILES: CredentialFile[] = [
  // npm: `//registry.npmjs.org/:_authToken=npm_…`, `_auth=`, `_password=` (an ${ENV} reference is fine)
  { name: /^\.npmrc$/, label: 'npm configuration (.npmrc)', line: /(?:^|:)_(?:authToken|auth|password)\s*=\s*"?([^\s"]*)"?\s*$/i },
  { name: /^\.yarnrc\.yml$/, label: 'Yarn configuration (.yarnrc.yml)', line: /^\s*npmAuth(?:Token|Ident)\s*:\s*["']?([^\s"']*)["']?\s*$/ },
  // PyPI: [pypi] password = pypi-…
  { name: /^\.pypirc$/, label: 'PyPI configuration (.pypirc)', line: /^\s*password\s*[=:]\s*(\S.*?)\s*$/i },
  // Google OAuth client secrets and service account keys
  { name: /^(credentials|client_secrets?|client_secret_[\w.-]+|service[-_]account[\w.-]*|gcp[-_][\w.-]*key[\w.-]*)\.json$/i, label: 'credentials file', line: /"(?:private_key|client_secret|refresh_token)"\s*:\s*"([^"]*)"/ },
  // AWS shared credentials file
  { name: /(^|\/)\.aws\/credentials$/, label: 'AWS credentials file', line: /^\s*aws_secret_access_key\s*=\s*(\S+)\s*$/i },
  // git credential store: https://user:token@host
  { name: /^\.git-credentials$/, label: 'Git credential store (.git-credentials)', line: /^\s*[a-z][a-z0-9+.-]*:\/\/[^:/\s]*:([^@\s]+)@/i },
  // netrc: machine host login user password secret
  { name: /^[._]netrc$/, label: 'netrc file', line: /\bpassword\s+(\S+)/ },
  // Docker client configuration with inline registry auth
  { name: /(^|\/)\.docker\/config\.json$|^\.dockercfg$/, label: 'Docker client configuration', line: /"(?:auth|identitytoken)"\s*:\s*"([^"]+)"/ },
];

/** Tool configuration files that carry credentials. */
const rule: Rule = {
  meta: {
    id: 'repository/credentials-file-committed',
    title: 'Credentials file committed to the repository',
    description:
      'Some tool configuration files exist to hold credentials: an `.npmrc` or `.pypirc` with a registry token (which can publish packages under the organisation\'s name), a Google `credentials.json` service account key, an AWS `credentials` file, a `.git-credentials` store, a `.netrc`, a Docker `config.json` with registry auth. Committed, the credential is available to everyone who can read the repository and stays in its history. Pipelines should inject these from a secrets store, with the file referencing an environment variable (e.g. `_authToken=${NPM_TOKEN}`).',
    severity: 'high',
    kinds: ['text'],
    messages: {
      credential: 'The committed {{label}} {{file}} holds a credential; revoke it, remove it from the file and the repository history, and reference an environment variable or CI secret instead (e.g. `_authToken=${NPM_TOKEN}` in .npmrc).',
    },
    remediation: 'Revoke the credential, delete it from the file and from the repository history, and have the pipeline provide it from a secrets store (environment variable references such as `${NPM_TOKEN}`, OIDC trusted publishing, workload identity).',
    references: [
      'https://docs.npmjs.com/using-private-packages-in-a-ci-cd-workflow',
      'https://packaging.python.org/en/latest/specifications/pypirc/',
      'https://cloud.google.com/iam/docs/best-practices-for-managing-service-account-keys',
      'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/removing-sensitive-data-from-a-repository',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['8'], caf: ['B2', 'B3'], cwe: ['CWE-798', 'CWE-522'] },
    equivalents: {},
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    const name = basename(ctx.file.path);
    const spec = FILES.find((f) => f.name.test(name) || f.name.test(ctx.file.path));
    if (!spec) return;
    if (!repositoryScan(ctx)) return;
    const lines = ctx.file.lines;
    for (let line = 1; line <= lines.lineCount; line++) {
      const text = lines.lineText(line);
      if (/^\s*[#;]/.test(text)) continue;
      const m = spec.line.exec(text);
      if (!m) continue;
      const value = m[1].trim();
      if (PLACEHOLDER.test(value) || value.length < 4) continue;
      const startCol = text.indexOf(m[0]);
      const start = lines.offset({ line, column: 1 }) + startCol;
      ctx.report({ messageId: 'credential', offsets: [start, start + m[0].length], data: { label: spec.label, file: ctx.file.path }, secrets: [value] });
    }
  },
};
export default rule;
