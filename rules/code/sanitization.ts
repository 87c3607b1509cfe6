/** Escaping that only half works, and passwords hashed with fast general-purpose hashes. */
import { cryptoFunction, isModuleFn, propertyKey, staticString, targetName, unwrap, type Analysis, type N } from './lib/analysis.js';
import { isPasswordName } from './lib/guards.js';
import { codeRule, isTestPath } from './lib/kit.js';

/** Characters that escaping or stripping is about: quotes, backslash and HTML's markup characters. */
const META = new Set(['\'', '"', '\\', '<', '>', '&']);

/**
 * The meta character a `replace` pattern matches once: a one-character string (`'<'`), or a regular
 * expression without the `g` flag made of one such character or a class of them (`/</`, `/[<>]/`).
 */
function singleMatchPattern(a: Analysis, node: N): string | undefined {
  const n = unwrap(node);
  if (n.type === 'Literal' && n.regex) {
    if (n.regex.flags.includes('g')) return undefined;
    const src: string = n.regex.pattern;
    const plain = src.replace(/^\\(?=[\\'"<>&])/, '');
    if (plain.length === 1 && META.has(plain)) return plain;
    const cls = /^\[((?:\\.|[^\]\\])+)\]$/.exec(src);
    if (cls) {
      const chars = cls[1].replace(/\\(.)/g, '$1').split('');
      if (chars.length && chars.every((c) => META.has(c))) return chars.join('');
    }
    return undefined;
  }
  const s = staticString(a, n);
  return s !== undefined && s.length === 1 && META.has(s) ? s : undefined;
}

/** A replacement that escapes or removes a meta character: an HTML entity, a backslash escape, a doubled quote, or nothing. */
function isEscapeOrRemoval(pattern: string, replacement: string): boolean {
  if (replacement === '') return true;
  if (/^&(?:lt|gt|amp|quot|apos|#0*39|#x0*27|#0*34|#x0*22|#0*60|#x0*3c|#0*62|#x0*3e|#0*38|#x0*26);$/i.test(replacement)) return true;
  if (pattern.length === 1 && (replacement === `\\${pattern}` || replacement === pattern + pattern)) return true;
  return /^\\\\?\$&$/.test(replacement);
}

export const incompleteSanitization = codeRule(
  {
    id: 'code/incomplete-sanitization',
    title: 'Escaping replaces only the first occurrence of a character',
    description:
      'CWE-116. `String.prototype.replace` with a string pattern, or with a regular expression without the `g` flag, replaces only the first match. Code that escapes or strips a quote, backslash or HTML character this way (`s.replace(\'<\', \'&lt;\')`, `name.replace("\'", "\\\\\'")`) leaves every later occurrence untouched, so input with two of them gets through: cross-site scripting, SQL or command injection despite the apparent escaping. Only replacements that escape (an HTML entity, a backslash, a doubled quote) or delete a quote, backslash, `<`, `>` or `&` are reported.',
    severity: 'medium',
    messages: {
      once: '`replace` with {{pattern}} escapes or removes only the first `{{char}}`, leaving the rest; use `replaceAll` or a regular expression with the `g` flag, or better a maintained escaping function for the context (the template engine\'s, a SQL placeholder).',
    },
    remediation: 'Use `str.replaceAll(\'<\', \'&lt;\')` or `str.replace(/</g, \'&lt;\')`; prefer the context\'s own escaping (auto-escaping templates, parameterised queries, `execFile` argument arrays) to hand-written replacements.',
    references: ['https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/String/replace', 'https://cwe.mitre.org/data/definitions/116.html', 'https://codeql.github.com/codeql-query-help/javascript/js-incomplete-sanitization/'],
    cwe: ['CWE-116', 'CWE-20'],
    equivalents: { codeql: ['js/incomplete-sanitization'] },
  },
  (r) => ({
    CallExpression(node: N) {
      const callee = unwrap(node.callee);
      if (callee.type !== 'MemberExpression' || propertyKey(callee) !== 'replace' || node.arguments.length !== 2) return;
      const char = singleMatchPattern(r.a, node.arguments[0]);
      if (char === undefined) return;
      const replacement = staticString(r.a, node.arguments[1]);
      if (replacement === undefined || !char.split('').some((c) => isEscapeOrRemoval(c, replacement))) return;
      const arg = unwrap(node.arguments[0]);
      const pattern = arg.type === 'Literal' && arg.regex ? `/${arg.regex.pattern}/${arg.regex.flags}` : `'${char}'`;
      r.at(node, 'once', { pattern, char });
    },
  }),
);

/** Fast hashes: fine for integrity, far too fast for passwords (MD5 and SHA-1 are code/weak-hash's). */
const FAST_HASHES = /^(sha-?(224|256|384|512)(-224|-256)?|sha3-(224|256|384|512)|blake2[bs]\d*|ripemd-?160|shake(128|256)|sm3)$/i;
/** crypto-js and single-purpose hash functions called on the data. */
const LIBRARY_FAST = /^(SHA224|SHA256|SHA384|SHA512|SHA3|RIPEMD160)$/;

/** The name of the value hashed: `password`, `user.password`, `req.body.pwd`, `password.trim()`. */
function hashedName(node: N): string | undefined {
  let n = unwrap(node);
  while (n.type === 'CallExpression' && unwrap(n.callee).type === 'MemberExpression' && /^(trim|normalize|toString|toLowerCase)$/.test(propertyKey(unwrap(n.callee)) ?? '')) n = unwrap(unwrap(n.callee).object);
  if (n.type === 'TemplateLiteral' && n.expressions.length) return n.expressions.map(hashedName).find(isPasswordName);
  if (n.type === 'BinaryExpression' && n.operator === '+') return [hashedName(n.left), hashedName(n.right)].find(isPasswordName);
  return targetName(n);
}

export const insufficientPasswordHash = codeRule(
  {
    id: 'code/insufficient-password-hash',
    title: 'Password hashed with a fast hash (SHA-256, SHA-512) instead of a password hashing function',
    description:
      'OWASP A02:2021 Cryptographic Failures; NCSC and OWASP password storage guidance. SHA-2 and SHA-3 are built to be fast: a graphics card computes billions of them a second, so a leaked table of salted SHA-256 password hashes is cracked for most real passwords within days. Password hashing functions (scrypt, Argon2id, bcrypt, PBKDF2 with a high iteration count) are slow and memory-hard on purpose. Reported where a value named like a password (`password`, `pwd`, `passphrase`; not a hash, token or salt) is fed to `createHash(\'sha256\')`-style hashing or crypto-js `SHA256`; MD5 and SHA-1 are reported by code/weak-hash.',
    severity: 'high',
    messages: {
      fast: '`{{name}}` looks like a password and is hashed with {{algorithm}}, which is fast enough to brute-force; store passwords with `crypto.scrypt`, Argon2id or bcrypt (with a per-user salt) instead.',
    },
    remediation: 'Use `crypto.scrypt(password, salt, 64)` (or the argon2 / bcrypt packages) with a random per-user salt, and compare with `crypto.timingSafeEqual`; re-hash existing passwords at the next login.',
    references: ['https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html', 'https://nodejs.org/api/crypto.html#cryptoscryptpassword-salt-keylen-options-callback', 'https://cwe.mitre.org/data/definitions/916.html'],
    cwe: ['CWE-916', 'CWE-759'],
    sbd: ['8', '2'],
    equivalents: { codeql: ['js/insufficient-password-hash'] },
  },
  (r) => ({
    CallExpression(node: N) {
      if (isTestPath(r.ctx.file.path)) return;
      const callee = unwrap(node.callee);
      // crypto.createHash('sha256').update(password)
      if (callee.type === 'MemberExpression' && propertyKey(callee) === 'update' && node.arguments[0]) {
        const maker = unwrap(callee.object);
        if (maker.type !== 'CallExpression' || !isModuleFn(cryptoFunction(r.a, maker), ['crypto'], ['createHash'])) return;
        const algorithm = maker.arguments[0] ? staticString(r.a, maker.arguments[0]) : undefined;
        const name = hashedName(node.arguments[0]);
        if (algorithm && FAST_HASHES.test(algorithm) && isPasswordName(name)) r.at(node, 'fast', { name: name!, algorithm: algorithm.toUpperCase() });
        return;
      }
      // crypto.hash('sha256', password) (Node 21.7+)
      const ref = cryptoFunction(r.a, node);
      if (isModuleFn(ref, ['crypto'], ['hash']) && node.arguments.length >= 2) {
        const algorithm = staticString(r.a, node.arguments[0]);
        const name = hashedName(node.arguments[1]);
        if (algorithm && FAST_HASHES.test(algorithm) && isPasswordName(name)) r.at(node, 'fast', { name: name!, algorithm: algorithm.toUpperCase() });
        return;
      }
      // CryptoJS.SHA256(password)
      if (ref && (ref.module === 'crypto-js' || ref.module.startsWith('crypto-js/')) && node.arguments[0]) {
        const fn = ref.path[ref.path.length - 1] ?? ref.module.slice('crypto-js/'.length).toUpperCase();
        const name = hashedName(node.arguments[0]);
        if (LIBRARY_FAST.test(fn) && isPasswordName(name)) r.at(node, 'fast', { name: name!, algorithm: fn });
      }
    },
  }),
);
