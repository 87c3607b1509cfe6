import type { Rule } from '../../../src/model/rule.js';
import { get, isScalar, str, type DataMap, type DataNode } from '../../../src/parsers/data/tree.js';
import { actionRepo, GHA_SUPPLY_CHAIN_STANDARDS, sourceLines, stepHosts, steps, usesOf } from './workflow.js';

/** A value that hands over a repository or organisation secret (not the job's own GITHUB_TOKEN). */
const SECRET_REF = /\$\{\{[^}]*\bsecrets\s*(?:\.\s*(?!github_token\b)[A-Za-z_][\w-]*|\[\s*'(?!github_token')[^']+'\s*\])/i;

function secretValue(n: DataNode | undefined): boolean {
  return isScalar(n) && typeof n.value === 'string' && SECRET_REF.test(n.value);
}

interface Registry {
  name: string;
  /** Publishing commands, matched in a `run:` line. */
  command: RegExp;
  /** Environment variables the command takes its credential from. */
  env: string[];
  /** A credential on the command line: `--token <secret>`. */
  flag: RegExp;
  /** Options that send the upload to another registry (where trusted publishing may not exist). */
  elsewhere: RegExp;
  /** Environment variables that send it to another registry. */
  elsewhereEnv?: string[];
  /** A credential stored by an earlier command of the same script (`cargo login <secret>`). */
  login?: RegExp;
  docs: string;
}

const PYPI_URL = /^https:\/\/(test\.)?(upload\.)?pypi\.org\b/i;
const REGISTRIES: Registry[] = [
  {
    name: 'PyPI',
    command: /(?<![\w-])twine(?:==[\w.]+)?\s+upload\b/,
    env: ['TWINE_PASSWORD'],
    flag: /\s(?:-p|--password)[\s=]+\S*\$\{\{[^}]*\bsecrets\./,
    elsewhere: /\s(?:--repository-url|--repository|-r)[\s=]+(?!["']?(?:https:\/\/(?:test\.|upload\.)*pypi\.org|pypi\b|testpypi\b))/,
    elsewhereEnv: ['TWINE_REPOSITORY_URL'],
    docs: 'https://docs.pypi.org/trusted-publishers/',
  },
  {
    name: 'PyPI',
    command: /(?<![\w-])uv\s+publish\b/,
    env: ['UV_PUBLISH_TOKEN', 'UV_PUBLISH_PASSWORD'],
    flag: /\s(?:-t|--token|-p|--password)[\s=]+\S*\$\{\{[^}]*\bsecrets\./,
    elsewhere: /\s(?:--publish-url|--index)[\s=]+(?!["']?(?:https:\/\/(?:test\.|upload\.)*pypi\.org|pypi\b|testpypi\b))/,
    elsewhereEnv: ['UV_PUBLISH_URL'],
    docs: 'https://docs.pypi.org/trusted-publishers/',
  },
  {
    name: 'PyPI',
    command: /(?<![\w-])poetry\s+publish\b/,
    env: ['POETRY_PYPI_TOKEN_PYPI'],
    flag: /\s(?:-p|--password)[\s=]+\S*\$\{\{[^}]*\bsecrets\./,
    elsewhere: /\s(?:-r|--repository)[\s=]+(?!["']?pypi\b)/,
    login: /(?<![\w-])poetry\s+config\s+pypi-token\.pypi\s+\S*\$\{\{[^}]*\bsecrets\./,
    docs: 'https://docs.pypi.org/trusted-publishers/',
  },
  {
    name: 'crates.io',
    command: /(?<![\w-])cargo\s+(?:\+\S+\s+)?publish\b/,
    env: ['CARGO_REGISTRY_TOKEN'],
    flag: /\s--token[\s=]+\S*\$\{\{[^}]*\bsecrets\./,
    elsewhere: /\s--(?:registry|index)[\s=]/,
    login: /(?<![\w-])cargo\s+login\s+\S*\$\{\{[^}]*\bsecrets\./,
    docs: 'https://crates.io/docs/trusted-publishing',
  },
  {
    name: 'RubyGems.org',
    command: /(?<![\w-])gem\s+push\b/,
    env: ['GEM_HOST_API_KEY'],
    flag: /\s--key[\s=]+\S*\$\{\{[^}]*\bsecrets\./,
    elsewhere: /\s--host[\s=]+(?!["']?https:\/\/rubygems\.org)/,
    elsewhereEnv: ['RUBYGEMS_HOST'],
    docs: 'https://guides.rubygems.org/trusted-publishing/',
  },
  {
    name: 'npm',
    command: /(?<![\w-])(?:npm|pnpm|yarn\s+npm|bun)\s+publish\b/,
    env: ['NODE_AUTH_TOKEN', 'NPM_TOKEN', 'NPM_AUTH_TOKEN', 'YARN_NPM_AUTH_TOKEN', 'NPM_CONFIG_TOKEN'],
    flag: /\s--(?:_authToken|token)[\s=]+\S*\$\{\{[^}]*\bsecrets\./,
    elsewhere: /\s--registry[\s=]+(?!["']?https:\/\/registry\.npmjs\.org)/,
    elsewhereEnv: ['NPM_CONFIG_REGISTRY', 'YARN_NPM_REGISTRY_SERVER'],
    login: /\/\/registry\.npmjs\.org\/:_authToken=\S*\$\{\{[^}]*\bsecrets\./,
    docs: 'https://docs.npmjs.com/trusted-publishers',
  },
  {
    name: 'NuGet.org',
    command: /(?<![\w.-])(?:dotnet\s+nuget|nuget(?:\.exe)?)\s+push\b/i,
    env: [],
    flag: /\s(?:-k|--api-key|-ApiKey)[\s=]+\S*\$\{\{[^}]*\bsecrets\./i,
    elsewhere: /\s(?:-s|--source|-Source)[\s=]+(?!["']?https:\/\/(?:api|www)\.nuget\.org)/i,
    docs: 'https://learn.microsoft.com/en-us/nuget/nuget-org/trusted-publishing',
  },
];

/** Publishing actions and the input that carries a long-lived token. */
const ACTIONS: Record<string, { input: string; registry: string; verb?: string; elsewhere?: { input: string; ok: RegExp } }> = {
  'pypa/gh-action-pypi-publish': { input: 'password', registry: 'PyPI', elsewhere: { input: 'repository-url', ok: PYPI_URL } },
  'js-devtools/npm-publish': { input: 'token', registry: 'npm', elsewhere: { input: 'registry', ok: /^https:\/\/registry\.npmjs\.org/i } },
  'katyo/publish-crates': { input: 'registry-token', registry: 'crates.io' },
  // stores the token as the gem credential; `role-to-assume:` is its trusted-publishing mode
  'rubygems/configure-rubygems-credentials': { input: 'api-token', registry: 'RubyGems.org', verb: 'sets up publishing to' },
};

function envValue(maps: (DataNode | undefined)[], name: string): DataNode | undefined {
  // the innermost (step) level wins
  for (const m of maps) {
    const v = get(m, name);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** True when the job's actions/setup-node step points npm at a registry other than npmjs.org. */
function otherNpmRegistry(all: DataMap[]): boolean {
  return all.some((s) => {
    if (actionRepo(usesOf(s) ?? '') !== 'actions/setup-node') return false;
    const url = str(get(get(s, 'with'), 'registry-url'))?.trim();
    return !!url && !/^https:\/\/registry\.npmjs\.org\/?$/i.test(url);
  });
}

/** True when the permissions grant `id-token: write` (npm then prefers trusted publishing to a token). */
function idTokenWrite(p: DataNode | undefined): boolean {
  return str(p)?.trim() === 'write-all' || str(get(p, 'id-token'))?.trim() === 'write';
}

/** Publishing to an index that supports trusted publishing (OIDC) with a long-lived token instead. */
const rule: Rule = {
  meta: {
    id: 'iac/gha-use-trusted-publishing',
    title: 'Package published with a long-lived token where trusted publishing exists',
    description:
      'PyPI, npm, crates.io, RubyGems.org and NuGet.org support trusted publishing: the workflow proves its identity with a short-lived GitHub OIDC token (`permissions: id-token: write`) and the index issues an upload credential valid for minutes, scoped to that one repository and workflow. A long-lived API token stored as a secret instead works from anywhere until someone revokes it, so a leak (a compromised step, a log, a fork\'s workflow in a misconfigured trigger) lets an attacker publish malicious releases. Reported: `pypa/gh-action-pypi-publish` given a `password:` (a token), `JS-DevTools/npm-publish` given a `token:`, `katyo/publish-crates` given a `registry-token:`, `rubygems/configure-rubygems-credentials` given an `api-token:`, and `twine upload`, `uv publish`, `poetry publish`, `cargo publish`, `gem push`, `npm`/`pnpm`/`yarn npm`/`bun publish`, `dotnet nuget push`/`nuget push` run with a secret in the variable or option the tool reads its credential from. Uploads to other registries (a `--repository-url`, `--registry` or `registry-url` elsewhere) are not reported; neither is a token that comes from a trusted-publishing exchange (`steps.auth.outputs.token`) or the job\'s GITHUB_TOKEN.',
    severity: 'low',
    kinds: ['github-workflow', 'github-action'],
    messages: {
      action: '`{{uses}}` {{verb}} {{registry}} with a long-lived token (`{{input}}:`); configure a trusted publisher on {{registry}}, grant the job `id-token: write` and remove the token ({{docs}}).',
      command: '`{{command}}` publishes to {{registry}} with a long-lived token from a secret ({{credential}}); configure a trusted publisher on {{registry}}, grant the job `id-token: write` and drop the token ({{docs}}).',
    },
    remediation:
      'Register the workflow as a trusted publisher on the index (PyPI, npm, crates.io, RubyGems.org or NuGet.org), give the publishing job `permissions: id-token: write`, and delete the API token secret: `pypa/gh-action-pypi-publish` and `rubygems/release-gem` use trusted publishing when no token is given, `rust-lang/crates-io-auth-action` exchanges the OIDC token for a short-lived crates.io token, npm 11.5+ uses it for `npm publish` automatically, and `NuGet/login` exchanges it for a short-lived NuGet.org API key.',
    references: [
      'https://docs.zizmor.sh/audits/#use-trusted-publishing',
      'https://docs.pypi.org/trusted-publishers/',
      'https://docs.npmjs.com/trusted-publishers',
      'https://crates.io/docs/trusted-publishing',
      'https://guides.rubygems.org/trusted-publishing/',
      'https://learn.microsoft.com/en-us/nuget/nuget-org/trusted-publishing',
      'https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect',
    ],
    standards: { ...GHA_SUPPLY_CHAIN_STANDARDS, caf: ['A4', 'B2', 'B4'], cwe: ['CWE-798'] },
    equivalents: { zizmor: ['use-trusted-publishing'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    const text = ctx.file.text;
    const seen = new Set<number>();
    for (const { wf, job } of stepHosts(ctx)) {
      const all = steps(job);
      for (const step of all) {
        const uses = usesOf(step);
        const action = uses ? ACTIONS[actionRepo(uses) ?? ''] : undefined;
        if (uses && action) {
          const withs = get(step, 'with');
          const v = get(withs, action.input);
          const target = action.elsewhere ? str(get(withs, action.elsewhere.input))?.trim() : undefined;
          if (v && secretValue(v) && !(target && !action.elsewhere!.ok.test(target)) && !seen.has(v.start)) {
            seen.add(v.start);
            ctx.report({ messageId: 'action', offsets: [v.start, v.end], data: { uses, verb: action.verb ?? 'publishes to', registry: action.registry, input: action.input, docs: REGISTRIES.find((r) => r.name === action.registry)!.docs } });
          }
        }
        const run = get(step, 'run');
        if (!isScalar(run)) continue;
        const envs = [get(step, 'env'), get(job.node, 'env'), get(wf.root, 'env')];
        const script = String(run.value ?? '');
        for (const l of sourceLines(text, run)) {
          const code = l.line.replace(/(^|\s)#.*$/, '');
          for (const r of REGISTRIES) {
            const m = r.command.exec(code);
            if (!m) continue;
            const rest = code.slice(m.index);
            if (r.elsewhere.test(rest) || r.elsewhereEnv?.some((e) => envValue(envs, e) !== undefined)) continue;
            if (/\s--dry-run\b/.test(rest)) continue;
            // npm 11.5+ publishes through OIDC when the job may mint an ID token; a token is then a fallback
            if (r.name === 'npm' && (otherNpmRegistry(all) || idTokenWrite(get(job.node, 'permissions')) || (!get(job.node, 'permissions') && idTokenWrite(get(wf.root, 'permissions'))))) continue;
            let credential: string | undefined;
            if (r.flag.test(rest)) credential = 'on the command line';
            else if (r.login?.test(script)) credential = 'stored by an earlier command of the script';
            else {
              const name = r.env.find((e) => secretValue(envValue(envs, e)));
              if (name) credential = `\`${name}\``;
            }
            if (!credential) continue;
            const at = l.start + m.index;
            if (seen.has(at)) continue;
            seen.add(at);
            ctx.report({ messageId: 'command', offsets: [at, at + m[0].length], data: { command: m[0].replace(/\s+/g, ' '), registry: r.name, credential, docs: r.docs } });
          }
        }
      }
    }
  },
};
export default rule;
