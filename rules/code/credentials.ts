/** Hardcoded credentials: literals stored in password/secret/API-key names and database URLs. */
import { calledModuleFunction, calleeName, cryptoFunction, objectLiteral, propertyKey, resolveValue, staticString, targetName, unwrap, words, type N } from './lib/analysis.js';
import { codeRule, isTestPath } from './lib/kit.js';

const LAST_WORDS = new Set(['password', 'passwd', 'passphrase', 'pwd', 'secret', 'apikey', 'passcode']);
const PAIRS = new Set(['apikey', 'accesskey', 'secretkey', 'privatekey', 'authtoken', 'accesstoken', 'apitoken', 'bearertoken', 'refreshtoken', 'clientsecret', 'appsecret', 'masterkey', 'encryptionkey', 'signingkey', 'secretaccesskey', 'authkey', 'subscriptionkey', 'webhooksecret']);
/** Names that hold something about a credential rather than the credential. */
const NOT_A_VALUE = new Set(['hash', 'hashed', 'encrypted', 'regex', 'pattern', 'policy', 'label', 'field', 'placeholder', 'message', 'hint', 'error', 'prompt', 'type', 'name', 'env', 'var', 'path', 'url', 'file', 'header', 'param', 'id', 'ref', 'selector', 'input', 'min', 'max', 'length', 'rule', 'rules']);

/** Methods that store a value under a name given as their first argument: Express `app.set`, AngularJS `.constant`/`.value`, `Map#set`, Web Storage `setItem`. */
const NAMED_SETTERS = new Set(['set', 'constant', 'value', 'setItem']);

/** A leading verb that names a control acting on a credential field (`showPassword`, `forgotPassword`), not a credential. */
const UI_ACTION = new Set(['show', 'hide', 'toggle', 'reveal', 'forgot', 'forgotten']);
/** Keys of objects holding interface text (GOV.UK Frontend's `i18n` option, translation tables): their values are words shown to users. */
const TEXT_CONTAINER = /^(i18n|l10n|translations?|locales?|labels|messages|strings|texts?|copy)$/i;

/** The name denotes a credential value: `password`, `dbPassword`, `API_KEY`, `clientSecret`, `accessToken`. */
export function isCredentialName(name: string | undefined): boolean {
  if (!name) return false;
  // `password2`, `API_KEY_1`: a numbered credential is still a credential
  const w = words(name.replace(/[_-]?\d+$/, ''));
  if (!w.length || w.some((x) => NOT_A_VALUE.has(x)) || UI_ACTION.has(w[0])) return false;
  const last = w[w.length - 1];
  if (LAST_WORDS.has(last)) return true;
  if (w.length >= 2 && PAIRS.has(w[w.length - 2] + last)) return true;
  if (w.length >= 3 && PAIRS.has(w.slice(-3).join(''))) return true;
  // passport-jwt `secretOrKey`, jsonwebtoken's `secretOrPrivateKey` parameter
  if (w[0] === 'secret' && w[1] === 'or' && last === 'key') return true;
  return false;
}

const PLACEHOLDER = [
  /^\s*$/,
  /^(x+|\*+|\.+|-+|_+|#+|•+|0+|1234|12345|123456)$/i,
  /^<[^>]*>$/,
  /^\$\{[^}]*\}$|^\{\{.*\}\}$|^%[\w.]+%$|^\$[A-Z_][A-Z0-9_]*$|^#\{.*\}$|^:\w+$/,
  /change[-_ ]?(me|it|this)|replace[-_ ]?(me|this|with)|your[-_ ]?|example|placeholder|dummy|sample|redacted|^todo|fixme|^(secret|password|passwd|pass|pwd|test|testing|none|null|nil|undefined|string|empty|default|required|optional|admin)$/i,
  /^(my|fake|some|sample|test)[-_ ]?(password|passwd|pass|pwd|token|secret|key|api[-_ ]?key)$/i, // `'MyPassword'`, `'mytoken'`: the word for a credential, not one
  /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/, // an environment variable name
  /^(https?:\/\/|\/|\.\/|\.\.\/|~\/)/, // a URL or path
  /^[a-z]+([.:][a-z]+)+$/i, // i18n key / identifier path
  /\s/, // prose
];

/** A PEM public key or certificate: public material, not a credential (e.g. passport-jwt `secretOrKey` for RS256). */
const PUBLIC_PEM = /-----BEGIN (?:RSA |EC )?(?:PUBLIC KEY|CERTIFICATE)-----/;

/** One character repeated with at most a couple of others (`000000000000001`, `aaaaaaab`): a filler, not a chosen secret. */
function isFiller(value: string): boolean {
  const counts = new Map<string, number>();
  for (const c of value) counts.set(c, (counts.get(c) ?? 0) + 1);
  return value.length >= 8 && Math.max(...counts.values()) >= value.length - 2;
}

function isPlaceholder(value: string, name: string): boolean {
  if (value.length < 4 || isFiller(value)) return true;
  if (PUBLIC_PEM.test(value)) return true;
  const lower = value.toLowerCase();
  // the value is the name itself or one of its words (`'encryption-key': 'encryption'` in a lookup table)
  if (lower === name.toLowerCase() || words(name).includes(lower)) return true;
  return PLACEHOLDER.some((re) => re.test(value));
}

function literalString(node: N | undefined): string | undefined {
  const n = node && unwrap(node);
  if (!n) return undefined;
  if (n.type === 'Literal' && typeof n.value === 'string') return n.value;
  if (n.type === 'TemplateLiteral' && n.expressions.length === 0) return n.quasis[0].value.cooked ?? undefined;
  return undefined;
}

const DB_URL = /^(postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|redis|rediss|amqps?|mssql|sqlserver|oracle|couchdb|neo4j(?:\+s)?|bolt|ftp|smtps?):\/\/([^:/@\s]+):([^@/\s]+)@/i;

export const hardcodedCredentials = codeRule(
  {
    id: 'code/hardcoded-credentials',
    title: 'Hardcoded password, secret or API key',
    description:
      'OWASP A07:2021 Identification and Authentication Failures. A password, client secret or API key written into source code is visible to everyone who can read the repository, its history, forks and build artefacts, and cannot be rotated without a code change. Reported for string literals stored in credential-named variables, properties, class fields and defaults or under a credential name with `app.set(name, value)`, AngularJS `.constant`/`.value` or `setItem`, compared with credential names, used as the express-session/cookie-session `secret` or `keys` (any literal there), passed as the Sequelize password, as the key of `jwt.sign`/`jwt.verify` (jsonwebtoken, jose), of `crypto.createHmac`/`createCipheriv`/`createSecretKey` or of crypto-js ciphers and HMACs, given as an express-basic-auth user\'s or basic-auth-connect password or to request/superagent `.auth()`, written as a `Basic`/`Bearer` `Authorization` header value, or embedded in database connection URLs. PEM public keys and certificates are not credentials. Empty values, placeholders, a password equal to the user name beside it (a database or broker container\'s default account, `postgres`/`postgres`), environment look-ups, test files and interface text (the labels of a show/hide-password control such as `showPassword: \'Show\'`, values in `i18n`/translation tables) are ignored.',
    severity: 'high',
    messages: {
      named: 'A literal {{kind}} is hardcoded in `{{name}}`; load it from the environment or a secrets manager (e.g. `process.env.{{env}}`) and rotate the exposed value.',
      compare: '`{{name}}` is compared with a hardcoded literal, a built-in credential anyone with the code can use; check against a stored hash (bcrypt/argon2) loaded from configuration.',
      key: 'A literal signing key is passed to `{{call}}`: anyone who reads the code can forge or verify tokens; load the key from the environment or a secrets manager and rotate it.',
      url: 'A {{scheme}} connection URL embeds the password for user `{{user}}`; move the URL (or just the password) into an environment variable or secrets manager and rotate it.',
      cipherKey: 'A literal key is passed to `{{call}}`: anyone who reads the code can {{what}}; load the key from the environment or a secrets manager and rotate it.',
      header: 'A literal {{scheme}} credential is sent in the `Authorization` header; read the credential from the environment or a secrets manager at run time and rotate the exposed value.',
    },
    remediation: 'Read credentials from environment variables or a secrets manager (AWS Secrets Manager, Azure Key Vault, GCP Secret Manager) at run time, keep `.env` files out of git, and rotate any value that was committed.',
    references: ['https://cwe.mitre.org/data/definitions/798.html', 'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html', 'https://owasp.org/Top10/A07_2021-Identification_and_Authentication_Failures/'],
    cwe: ['CWE-798', 'CWE-259'],
    equivalents: { codeql: ['js/hardcoded-credentials'], eslint: ['no-secrets/no-secrets'], bearer: ['javascript_lang_hardcoded_secret', 'javascript_express_hardcoded_secret', 'javascript_lang_jwt_hardcoded_secret'] },
  },
  (r): Record<string, (node: N) => void> => {
    if (isTestPath(r.ctx.file.path)) return {};
    const kindOf = (name: string) => {
      const w = words(name);
      const last = w[w.length - 1];
      return /pass|pwd/.test(last) ? 'password' : last === 'secret' ? 'secret' : last === 'token' ? 'token' : 'key';
    };
    const envName = (name: string) => words(name).join('_').toUpperCase();
    const done = new Set<N>();
    /** The property sits (up to two object levels deep) under a key such as `i18n` or `translations`: `{ i18n: { en: { password: 'Passwort' } } }`. */
    const inTextContainer = (prop: N): boolean => {
      let obj = r.a.parent(prop) as N | undefined;
      for (let depth = 0; depth < 3 && obj?.type === 'ObjectExpression'; depth++) {
        const holder = r.a.parent(obj) as N | undefined;
        // `const translations = {…}`, `this.messages = {…}`, `{ i18n: {…} }`
        const holderName =
          holder?.type === 'Property' ? propertyKey(holder) : holder?.type === 'VariableDeclarator' && holder.id.type === 'Identifier' ? holder.id.name : holder?.type === 'AssignmentExpression' ? targetName(unwrap(holder.left)) : undefined;
        if (TEXT_CONTAINER.test(holderName ?? '')) return true;
        if (holder?.type !== 'Property') return false;
        obj = r.a.parent(holder) as N | undefined;
      }
      return false;
    };
    /**
     * A password property whose literal value is the user name beside it (`{ user: 'postgres', password: 'postgres' }`,
     * `guest`/`guest`): the default account of a local database or broker container, not a chosen secret.
     */
    const defaultAccountPassword = (prop: N): boolean => {
      const key = propertyKey(prop)?.toLowerCase() ?? '';
      if (!/^(pass|passwd|password|pwd)$/.test(key)) return false;
      const value = literalString(prop.value);
      const siblings = (r.a.parent(prop) as N)?.properties as N[] | undefined;
      const user = siblings?.find((p: N) => p.type === 'Property' && ['user', 'username', 'login'].includes(propertyKey(p)?.toLowerCase() ?? ''));
      return value !== undefined && !!user && literalString(user.value) === value;
    };
    const named = (at: N, name: string | undefined, value: N | undefined) => {
      if (!name || !isCredentialName(name) || done.has(at)) return;
      const s = literalString(value);
      if (s === undefined || isPlaceholder(s, name)) return;
      r.at(at, 'named', { kind: kindOf(name), name, env: envName(name) }, undefined, [s]);
    };
    /**
     * express-session / cookie-session `secret` (and cookie-session `keys`): the option is the cookie-signing
     * key, so any literal there is a hardcoded secret, however short or wordy ('keyboard cat').
     */
    const sessionSecret = (node: N) => {
      const ref = calledModuleFunction(r.a, node);
      if (!ref || ref.path.length !== 0 || (ref.module !== 'express-session' && ref.module !== 'cookie-session')) return;
      const opts = objectLiteral(r.a, node.arguments[0]);
      if (!opts) return;
      const props = [opts.props.get('secret')];
      if (ref.module === 'cookie-session') {
        const keys = opts.props.get('keys');
        const arr = keys && resolveValue(r.a, keys.value);
        if (arr?.type === 'ArrayExpression') props.push(...arr.elements.filter((e: N | null) => e && e.type !== 'SpreadElement').map((e: N) => ({ value: e, type: 'Element' })));
        else props.push(keys);
      }
      for (const p of props) {
        if (!p || done.has(p)) continue;
        const v = unwrap(p.value);
        let value = literalString(v);
        if (value === undefined && v.type === 'Identifier') {
          value = literalString(resolveValue(r.a, v));
          // a credential-named variable with a real-looking value is reported where it is declared
          if (value !== undefined && isCredentialName(v.name) && !isPlaceholder(value, v.name)) continue;
        }
        if (value === undefined || !value.trim() || /^<[^>]*>$|^\$\{[^}]*\}$|^\{\{.*\}\}$/.test(value)) continue;
        const at = p.type === 'Element' ? p.value : p;
        done.add(at);
        r.at(at, 'named', { kind: 'secret', name: `${ref.module} ${p.type === 'Element' ? 'keys' : 'secret'}`, env: 'SESSION_SECRET' }, undefined, [value]);
      }
    };
    /** A key argument's literal value (also through a const that is not credential-named: that one is reported where it is declared), unless a placeholder. */
    const literalKey = (keyArg: N | undefined): string | undefined => {
      if (!keyArg || keyArg.type === 'SpreadElement') return undefined;
      let value = literalString(keyArg);
      if (value === undefined) {
        const k = unwrap(keyArg);
        if (k.type !== 'Identifier' || isCredentialName(k.name)) return undefined;
        value = literalString(resolveValue(r.a, k));
      }
      return value === undefined || isPlaceholder(value, 'secret') ? undefined : value;
    };
    /** `Authorization: 'Basic …'` / `'Bearer …'` written out in full: the credential is in the code. */
    const authorization = (value: N) => {
      const s = literalString(value);
      const m = s === undefined ? undefined : /^(Basic|Bearer|Token)\s+(\S+)$/i.exec(s.trim());
      if (!m) return;
      let secret = m[2];
      if (m[1].toLowerCase() === 'basic') {
        // `user:password`, plain or base64-encoded: the password part is the secret
        const plain = secret.includes(':') ? secret : /^[A-Za-z0-9+/]+=*$/.test(secret) ? Buffer.from(secret, 'base64').toString('latin1') : '';
        if (!plain.includes(':') || /[^\x20-\x7e]/.test(plain)) return;
        secret = plain.slice(plain.indexOf(':') + 1);
      }
      if (isPlaceholder(secret, 'password') || /^\$|\{/.test(secret)) return;
      r.at(value, 'header', { scheme: m[1] }, undefined, [m[2]]);
    };
    /**
     * Keys that only ever hold secret material: the key of `crypto.createHmac`/`createCipheriv`/`createSecretKey` (also
     * on an undeclared `crypto`, which can only be Node's module for these names), of crypto-js
     * ciphers (`CryptoJS.AES.encrypt(msg, 'passphrase')`) and HMACs, express-basic-auth's `users` passwords,
     * basic-auth-connect's password and request/superagent `.auth(user, password)`.
     */
    const libraryCredentials = (node: N) => {
      const ref = cryptoFunction(r.a, node);
      if (!ref) {
        // request(url).auth('user', 'password'), superagent.get(url).auth('user', 'password')
        const callee = unwrap(node.callee);
        const on = callee.type === 'MemberExpression' && propertyKey(callee) === 'auth' ? unwrap(callee.object) : undefined;
        const client = on?.type === 'CallExpression' ? calledModuleFunction(r.a, on)?.module : undefined;
        if (client !== 'request' && client !== 'superagent') return;
        // request's fourth argument is a bearer token
        for (const arg of [node.arguments[1], node.arguments[3]]) {
          const pw = literalString(arg);
          if (pw !== undefined && !isPlaceholder(pw, 'password')) r.at(arg, 'named', { kind: 'password', name: '.auth(…)', env: 'API_PASSWORD' }, undefined, [pw]);
        }
        return;
      }
      const fn = ref.path.join('.');
      if (ref.module === 'basic-auth-connect' && !fn && node.arguments.length >= 2) {
        // basicAuth('user', 'password')
        const pw = literalString(node.arguments[1]);
        if (pw !== undefined && !isPlaceholder(pw, 'password')) r.at(node.arguments[1], 'named', { kind: 'password', name: 'basicAuth(user, password)', env: 'BASIC_AUTH_PASSWORD' }, undefined, [pw]);
        return;
      }
      let keyArg: N | undefined;
      let what = '';
      if (ref.module === 'crypto' && fn === 'createHmac') [keyArg, what] = [node.arguments[1], 'forge the message authentication codes it produces'];
      else if (ref.module === 'crypto' && (fn === 'createCipheriv' || fn === 'createDecipheriv')) [keyArg, what] = [node.arguments[1], 'decrypt the data'];
      else if (ref.module === 'crypto' && fn === 'createSecretKey') [keyArg, what] = [node.arguments[0], 'decrypt or forge whatever the key protects'];
      else if (ref.module === 'crypto-js' && ref.path.length === 2 && (ref.path[1] === 'encrypt' || ref.path[1] === 'decrypt')) [keyArg, what] = [node.arguments[1], 'decrypt the data'];
      else if (/^crypto-js\/(aes|tripledes|des|rabbit|rc4)$/.test(ref.module) && (fn === 'encrypt' || fn === 'decrypt')) [keyArg, what] = [node.arguments[1], 'decrypt the data'];
      else if ((ref.module === 'crypto-js' && /^Hmac\w+$/.test(fn)) || (/^crypto-js\/hmac-\w+$/.test(ref.module) && !fn)) [keyArg, what] = [node.arguments[1], 'forge the message authentication codes it produces'];
      else if (ref.module === 'express-basic-auth' && !fn) {
        const users = objectLiteral(r.a, objectLiteral(r.a, node.arguments[0])?.props.get('users')?.value);
        for (const [user, p] of users?.props ?? []) {
          const pw = literalString(p.value);
          if (pw !== undefined && !isPlaceholder(pw, 'password') && !done.has(p)) {
            done.add(p);
            r.at(p, 'named', { kind: 'password', name: `users.${user}`, env: 'BASIC_AUTH_PASSWORD' }, undefined, [pw]);
          }
        }
        return;
      }
      const value = literalKey(keyArg);
      if (value === undefined) return;
      r.at(node, 'cipherKey', { call: ref.module === 'crypto' ? `crypto.${fn}` : ref.module === 'crypto-js' ? `CryptoJS.${fn}` : `require('${ref.module}')${fn ? `.${fn}` : ''}`, what }, undefined, [value]);
    };
    return {
      VariableDeclarator(node: N) {
        if (node.id.type === 'Identifier') named(node, node.id.name, node.init);
      },
      AssignmentExpression(node: N) {
        if (node.operator === '=') named(node, targetName(unwrap(node.left)), node.right);
      },
      Property(node: N) {
        if (node.value?.type === 'AssignmentPattern') {
          named(node, propertyKey(node), node.value.right);
          return;
        }
        const key = propertyKey(node);
        if (inTextContainer(node)) return;
        if (key?.toLowerCase() === 'authorization') {
          authorization(node.value);
          return;
        }
        if (defaultAccountPassword(node)) return;
        if (key === 'pass') {
          // nodemailer / basic-auth style `{ user: 'x', pass: '…' }`
          const parent = (r.a.parent(node) as N)?.properties as N[] | undefined;
          if (parent?.some((p: N) => ['user', 'username', 'login'].includes(propertyKey(p) ?? ''))) {
            const s = literalString(node.value);
            if (s !== undefined && !isPlaceholder(s, key)) r.at(node, 'named', { kind: 'password', name: key, env: 'PASSWORD' }, undefined, [s]);
          }
          return;
        }
        named(node, key, node.value);
      },
      PropertyDefinition(node: N) {
        named(node, propertyKey(node), node.value);
      },
      AssignmentPattern(node: N) {
        const p = r.a.parent(node);
        if (p?.type === 'Property') return; // handled with the property
        if (node.left.type === 'Identifier') named(node, node.left.name, node.right);
      },
      BinaryExpression(node: N) {
        if (!['===', '==', '!==', '!='].includes(node.operator)) return;
        for (const [side, other] of [[node.left, node.right], [node.right, node.left]]) {
          const name = targetName(unwrap(side));
          const s = literalString(other);
          if (!name || s === undefined || !isCredentialName(name) || isPlaceholder(s, name)) continue;
          r.at(node, 'compare', { name }, undefined, [s]);
          return;
        }
      },
      CallExpression(node: N) {
        sessionSecret(node);
        libraryCredentials(node);
        // headers.append('Authorization', 'Basic dXNlcjpwYXNz'), res.setHeader('authorization', …)
        const name = calleeName(node);
        // app.set('jwtSecret', '…'), angular.module(…).constant('API_KEY', '…'), localStorage.setItem('apiKey', '…')
        const callee = unwrap(node.callee);
        if (name && NAMED_SETTERS.has(name) && callee.type === 'MemberExpression' && node.arguments.length === 2 && !TEXT_CONTAINER.test(targetName(unwrap(callee.object)) ?? '')) {
          const key = staticString(r.a, node.arguments[0]);
          if (key !== undefined) named(node.arguments[1], key, node.arguments[1]);
        }
        if ((name === 'append' || name === 'set' || name === 'setHeader' || name === 'header') && node.arguments.length >= 2 && unwrap(node.callee).type === 'MemberExpression' && staticString(r.a, node.arguments[0])?.toLowerCase() === 'authorization') authorization(node.arguments[1]);
        // jwt.sign(payload, 'secret') / jwt.verify(token, 'secret'); jose v1-2 JWT.sign(payload, 'secret'), JWK.asKey('secret')
        const ref = calledModuleFunction(r.a, node);
        if (!ref) return;
        const fn = ref.path.join('.');
        let keyArg: N | undefined;
        if (ref.module === 'jsonwebtoken' && (fn === 'sign' || fn === 'verify')) keyArg = node.arguments[1];
        else if (ref.module === 'jose' && (fn === 'JWT.sign' || fn === 'JWT.verify' || fn === 'JWS.sign' || fn === 'JWS.verify')) keyArg = node.arguments[1];
        else if (ref.module === 'jose' && (fn === 'JWK.asKey' || fn === 'JWK.importKey')) keyArg = node.arguments[0];
        const value = literalKey(keyArg);
        if (value === undefined) return;
        r.at(node, 'key', { call: `${ref.module === 'jsonwebtoken' ? 'jwt' : ref.module}.${fn}` }, undefined, [value]);
      },
      NewExpression(node: N) {
        // new Sequelize('db', 'user', 'password', { … })
        const ref = calledModuleFunction(r.a, node);
        if (!ref || ref.module !== 'sequelize' || (ref.path.join('.') !== 'Sequelize' && ref.path.length !== 0)) return;
        if (node.arguments.length < 3) return;
        const pw = node.arguments[2];
        const s = literalString(pw);
        if (s !== undefined && !isPlaceholder(s, 'password')) r.at(pw, 'named', { kind: 'password', name: 'new Sequelize(…, password)', env: 'DB_PASSWORD' }, undefined, [s]);
      },
      Literal(node: N) {
        if (typeof node.value !== 'string') return;
        const m = DB_URL.exec(node.value);
        if (!m || isPlaceholder(m[3], 'password') || /^\$|\{/.test(m[3])) return;
        r.at(node, 'url', { scheme: m[1], user: m[2] }, undefined, [m[3]]);
      },
      TemplateLiteral(node: N) {
        if (node.expressions.length) {
          // `postgres://user:hunter2@${host}/db`: the password is in the first static part
          const m = DB_URL.exec(node.quasis[0].value.cooked ?? '');
          if (!m || isPlaceholder(m[3], 'password')) return;
          r.at(node, 'url', { scheme: m[1], user: m[2] }, undefined, [m[3]]);
          return;
        }
        const v = node.quasis[0].value.cooked ?? '';
        const m = DB_URL.exec(v);
        if (!m || isPlaceholder(m[3], 'password')) return;
        r.at(node, 'url', { scheme: m[1], user: m[2] }, undefined, [m[3]]);
      },
    };
  },
);

