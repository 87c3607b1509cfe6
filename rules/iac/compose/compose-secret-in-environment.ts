import type { Rule } from '../../../src/model/rule.js';
import { get, isMap, isScalar, isSeq, type DataNode } from '../../../src/parsers/data/tree.js';
import { isLiteralSecretValue, isLocalDefaultSecret, isSecretName, isStandInValue } from '../dockerfile/lib.js';
import { composeString, interpolate, onceReporter, servicesOf } from './lib.js';

/** `scheme://user:password@host`: group 1 the user, 2 the password, 3 the host name. */
const URL_CREDENTIALS = /^[a-z][a-z0-9+.-]*:\/\/([^/\s:@]+):([^@\s/]+)@([^/\s:?#]*)/i;
/**
 * AWS API emulators that accept any access key (LocalStack, Moto's server mode): credentials in a URL
 * to one of them, run as a service of the same file, are placeholders the SDK insists on.
 */
const AWS_EMULATOR_IMAGE = /^(?:[\w.-]+(?::\d+)?\/)?(?:localstack\/localstack(?:-pro)?|motoserver\/moto)(?:[:@]|$)/i;
/** A whole value that is one variable with a default (`${DB_PASSWORD:-secret}`, `${DB_PASSWORD-secret}`). */
const WITH_DEFAULT = /^\$\{([A-Za-z_][A-Za-z0-9_]*):?-((?:[^{}$]|\$\$)*)\}$/;

interface EnvVar {
  name: string;
  value: string | null;
  node: DataNode;
}

function environment(node: DataNode | undefined): EnvVar[] {
  const out: EnvVar[] = [];
  if (isMap(node)) {
    for (const e of node.entries) {
      const v = e.value;
      out.push({ name: String(e.key.value), value: isScalar(v) && v.value !== null ? String(v.value) : null, node: isScalar(v) && v.value !== null ? v : e.key });
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      if (!isScalar(item) || typeof item.value !== 'string') continue;
      const eq = item.value.indexOf('=');
      out.push({ name: eq < 0 ? item.value : item.value.slice(0, eq), value: eq < 0 ? null : item.value.slice(eq + 1), node: item });
    }
  }
  return out;
}

/** `POSTGRES_USER`, `DB_USERNAME`, `MYSQL_USER`, `RABBITMQ_DEFAULT_USER`: the account a password is for. */
const USER_NAME = /(?:^|_)(?:USER|USERNAME|USER_NAME|LOGIN)$/i;

/** Hard-coded credentials in a compose file are in the repository and in `docker inspect`. */
const rule: Rule = {
  meta: {
    id: 'iac/compose-secret-in-environment',
    title: 'Hard-coded secret in a compose environment',
    description:
      'A literal password, token or key in a service\'s `environment` is committed with the repository, visible to anyone who can read it, and shown by `docker inspect` on the host. Compose interpolation (`${DB_PASSWORD}`) from an untracked `.env` file, or Compose `secrets:` mounted as files, keep the value out of the repository. Names such as PASSWORD, SECRET, TOKEN, API_KEY and PRIVATE_KEY with a literal value are reported, as are connection URLs with an embedded password; `*_FILE` pointers and interpolated values are not. A committed default (`${DB_PASSWORD:-secret}`) is used wherever the variable is unset, so it is reported one level lower (medium). Well-known defaults (`postgres`, `root`) and words-only local stand-ins (`developmentpassword`, `clientsecret` under CLIENT_SECRET, `Unneeded`, `dummy-value`, one word repeated to pad a minimum length such as `cookiecookiecookiecookie`) and a password that repeats the same service\'s user name (`POSTGRES_USER` and `POSTGRES_PASSWORD` both `app-db`) are what local stacks use: still reported, at low. The same holds for the password of a connection URL (`postgresql://postgres:password@db`, `sqs://example:example@…`), and for credentials in a URL to an AWS emulator service of the same file (LocalStack, Moto), which accepts any key.',
    severity: 'high',
    kinds: ['docker-compose'],
    messages: {
      literal: 'Service {{service}} sets {{name}} to a hard-coded value (expected `{{name}}: ${{{name}}}` from an untracked .env file, or a Compose secret with `{{name}}_FILE`); move it out of the file and rotate it.',
      fallback: 'Service {{service}} falls back to a hard-coded {{name}} whenever `{{variable}}` is not set (the default after `:-` is committed); require the variable instead (`${{{variable}}:?set in .env}`) so a deployment without it fails, and rotate the committed value.',
      localDefault: 'Service {{service}} sets {{name}} to a hard-coded local-development value; fine for a throwaway local stack, but take it from an untracked .env (`{{name}}: ${{{name}}:?set in .env}`) so no deployment can run with it.',
      urlCredentials: 'Service {{service}} puts a password in the {{name}} connection URL (expected the password interpolated, e.g. `${DB_PASSWORD}`, or read from a secret file); move it out of the file and rotate it.',
      urlLocalDefault: 'Service {{service}} puts a local-development password in the {{name}} connection URL ({{why}}); fine for a throwaway local stack, but interpolate it from an untracked .env (`${DB_PASSWORD:?set in .env}`) so no deployment can run with it.',
    },
    remediation: 'Replace the value with interpolation (`DB_PASSWORD: ${DB_PASSWORD:?set in .env}`) from an untracked `.env`, or use top-level `secrets:` mounted at /run/secrets with the image\'s `*_FILE` variables. Rotate any credential that was committed.',
    references: [
      'https://docs.docker.com/compose/how-tos/use-secrets/',
      'https://docs.docker.com/compose/how-tos/environment-variables/variable-interpolation/',
      'https://docs.docker.com/reference/compose-file/services/#environment',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['8'], caf: ['B2', 'B3'], cwe: ['CWE-798'] },
    equivalents: {},
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    const report = onceReporter(ctx);
    const services = servicesOf(ctx);
    // services of this file that emulate AWS APIs and accept any credentials
    const emulators = new Set<string>();
    for (const s of services) {
      if (!AWS_EMULATOR_IMAGE.test(composeString(get(s.node, 'image'))?.trim() ?? '')) continue;
      emulators.add(s.name);
      for (const k of ['container_name', 'hostname']) {
        const n = composeString(get(s.node, k));
        if (n) emulators.add(n);
      }
    }
    for (const s of services) {
      const env = environment(get(s.node, 'environment'));
      // a password that repeats the service's own user name (`activities-management` for both) is a local stand-in
      const userNames = new Set(env.filter((e) => e.value !== null && USER_NAME.test(e.name)).map((e) => (e.value ?? '').trim()));
      for (const v of env) {
        if (v.value === null) continue;
        const fallback = WITH_DEFAULT.exec(v.value.trim());
        if (fallback && isSecretName(v.name)) {
          // the default is committed and used wherever the variable is not set
          const value = fallback[2].replace(/\$\$/g, '$');
          if (isLiteralSecretValue(value)) report(v.node, { messageId: 'fallback', severity: 'medium', data: { service: s.name, name: v.name, variable: fallback[1] }, secrets: [value] });
          continue;
        }
        // Any other interpolation means the value (or its secret part) comes from outside the file.
        if (interpolate(v.value).interpolated) continue;
        const value = v.value.replace(/\$\$/g, '$');
        if (isSecretName(v.name) && isLiteralSecretValue(value)) {
          if (isLocalDefaultSecret(v.name, value) || isStandInValue(value) || userNames.has(value.trim())) report(v.node, { messageId: 'localDefault', severity: 'low', data: { service: s.name, name: v.name }, secrets: [value] });
          else report(v.node, { messageId: 'literal', data: { service: s.name, name: v.name }, secrets: [value] });
          continue;
        }
        const m = URL_CREDENTIALS.exec(value);
        if (!m || !isLiteralSecretValue(m[2])) continue;
        const [, user, password, host] = m;
        const why = emulators.has(host)
          ? `${host} is an AWS emulator service of this file, which accepts any credentials`
          : isLocalDefaultSecret(v.name, password) || password === user || userNames.has(password)
            ? 'a well-known default or stand-in'
            : undefined;
        if (why) report(v.node, { messageId: 'urlLocalDefault', severity: 'low', data: { service: s.name, name: v.name, why }, secrets: [password] });
        else report(v.node, { messageId: 'urlCredentials', data: { service: s.name, name: v.name }, secrets: [password] });
      }
    }
  },
};
export default rule;
