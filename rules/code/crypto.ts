/** Cryptography and transport: TLS verification, weak hashes and ciphers, predictable randomness. */
import {
  calledModuleFunction,
  calleeName,
  cryptoFunction,
  enclosingFunction,
  functionName,
  isModuleFn,
  memberChain,
  moduleOf,
  objectLiteral,
  propertyKey,
  resolveValue,
  staticString,
  targetName,
  unwrap,
  walk,
  words,
  FUNCTION_NODE_TYPES,
  type Analysis,
  type N,
} from './lib/analysis.js';
import { codeRule } from './lib/kit.js';

const CRYPTO = ['crypto'];

export const tlsVerificationDisabled = codeRule(
  {
    id: 'code/tls-verification-disabled',
    title: 'TLS certificate verification disabled',
    description:
      'OWASP A02:2021 Cryptographic Failures / A07:2021. `rejectUnauthorized: false` (https/tls agents, axios `httpsAgent`, database and mail client `ssl`/`tls` options) and `NODE_TLS_REJECT_UNAUTHORIZED=0` make Node accept any certificate, so anyone on the network path can impersonate the server and read or change the traffic, including credentials and personal data. The option in a server\'s own options (`https.createServer`, `tls.createServer`) is not reported unless `requestCert: true`: without client certificates it has no effect.',
    severity: 'high',
    messages: {
      option: '`rejectUnauthorized: false` accepts any TLS certificate, allowing man-in-the-middle attacks; remove it and, for private CAs, pass the CA certificate with `ca:` instead.',
      env: '`NODE_TLS_REJECT_UNAUTHORIZED` is set to `{{value}}`, disabling certificate verification for every TLS connection in the process; remove it and configure trusted CAs with `NODE_EXTRA_CA_CERTS`.',
    },
    remediation: 'Keep certificate verification on. For internal or self-signed certificates, trust the CA explicitly (`ca: fs.readFileSync(\'ca.pem\')` or `NODE_EXTRA_CA_CERTS`) rather than disabling checks.',
    references: [
      'https://nodejs.org/api/tls.html#tlsconnectoptions-callback',
      'https://nodejs.org/api/cli.html#node_tls_reject_unauthorizedvalue',
      'https://cwe.mitre.org/data/definitions/295.html',
      'https://owasp.org/Top10/A02_2021-Cryptographic_Failures/',
    ],
    cwe: ['CWE-295'],
    equivalents: { codeql: ['js/disabling-certificate-validation'], semgrep: ['problem-based-packs.insecure-transport.js-node.bypass-tls-verification.bypass-tls-verification'], bearer: ['javascript_node_missing_tls_validation'] },
  },
  (r) => {
    /** The constant truth of a value: literals, `!`/`!!` of constants and never-reassigned variables holding them. */
    const truth = (v: N, depth = 0): boolean | undefined => {
      const n = depth > 10 ? undefined : unwrap(resolveValue(r.a, v));
      if (n?.type === 'Literal') return n.value === 'false' || n.value === '0' ? false : typeof n.value === 'boolean' || typeof n.value === 'number' || typeof n.value === 'string' ? !!n.value : undefined;
      if (n?.type === 'UnaryExpression' && n.operator === '!') {
        const t = truth(n.argument, depth + 1);
        return t === undefined ? undefined : !t;
      }
      return undefined;
    };
    const isFalse = (v: N) => truth(v) === false;
    /**
     * A server's options (`https.createServer`, `tls.createServer`, `http2.createSecureServer`) that do not
     * ask for client certificates: there `rejectUnauthorized` is ignored, since it only governs client
     * certificates and only with `requestCert: true`. Recognised by a `requestCert` that is not true, or by
     * the object (inline or through a `const`) being passed to one of those constructors.
     */
    const serverOptionsWithoutClientCerts = (obj: N | undefined): boolean => {
      if (obj?.type !== 'ObjectExpression') return false;
      const requestCert = obj.properties.find((p: N) => p.type === 'Property' && propertyKey(p) === 'requestCert');
      if (requestCert) return truth(requestCert.value) === false;
      const parent = r.a.parent(obj);
      let uses: N[] = [];
      if (parent?.type === 'CallExpression' || parent?.type === 'NewExpression') uses = [parent];
      else if (parent?.type === 'VariableDeclarator' && parent.init === obj && parent.id.type === 'Identifier') {
        const b = r.a.binding(parent.id);
        if (!b || b.reassigned) return false;
        uses = r.a.calls.filter((c) => c.arguments.some((arg: N) => unwrap(arg).type === 'Identifier' && r.a.binding(unwrap(arg)) === b));
      }
      return uses.length > 0 && uses.every((c) => (c.arguments.some((arg: N) => arg === obj || unwrap(arg).type === 'Identifier') && isModuleFn(calledModuleFunction(r.a, c), ['https', 'tls', 'http2'], ['createServer', 'createSecureServer'])));
    };
    return {
      Property(node: N) {
        if (propertyKey(node) === 'rejectUnauthorized' && node.value.type !== 'AssignmentPattern' && isFalse(node.value) && !serverOptionsWithoutClientCerts(r.a.parent(node))) r.at(node, 'option');
      },
      AssignmentExpression(node: N) {
        const left = unwrap(node.left);
        if (left.type !== 'MemberExpression') return;
        const k = propertyKey(left);
        if (k === 'rejectUnauthorized' && isFalse(node.right)) {
          r.at(node, 'option');
          return;
        }
        if (k !== 'NODE_TLS_REJECT_UNAUTHORIZED') return;
        const chain = memberChain(r.a, left.object);
        if (chain?.join('.') !== 'process.env') return;
        const value = staticString(r.a, node.right);
        if (value === '0' || value === 'false' || value === '') r.at(node, 'env', { value: JSON.stringify(value) });
      },
    };
  },
);

/** Protocol versions RFC 8996 deprecated (and SSL before them), as Node's `minVersion`/`maxVersion` name them. */
const OLD_TLS_VERSIONS = new Set(['SSLv3', 'TLSv1', 'TLSv1.1']);
/** OpenSSL method names that pin one of those versions (`secureProtocol: 'TLSv1_method'`). */
const OLD_TLS_METHODS = /^(SSLv2|SSLv3|TLSv1|TLSv1_1)_(client_|server_)?method$/;

export const weakTlsVersion = codeRule(
  {
    id: 'code/weak-tls-version',
    title: 'TLS 1.0/1.1 or SSL allowed (minVersion, secureProtocol)',
    description:
      'OWASP A02:2021 Cryptographic Failures. TLS 1.0 and 1.1 were deprecated by RFC 8996 (2021) and SSLv3 long before: they lack modern cipher suites and have known downgrade and padding attacks, and the NCSC and PCI DSS require TLS 1.2 or later. Node has defaulted to TLS 1.2 as the minimum since v12, so an old version is only negotiated when the code asks for it: `minVersion: \'TLSv1\'`/`\'TLSv1.1\'` or a `maxVersion` that low in `tls`/`https` options or a database driver\'s `ssl` options (Sequelize `dialectOptions.ssl`, pg, mysql2), `secureProtocol: \'TLSv1_method\'` (or the SSLv3/TLSv1_1 methods), or `tls.DEFAULT_MIN_VERSION = \'TLSv1\'`. Reported for those values written as literals.',
    severity: 'medium',
    messages: {
      version: '`{{key}}: \'{{value}}\'` lets connections use {{value}}, deprecated by RFC 8996; use `minVersion: \'TLSv1.2\'` (the Node default) or `\'TLSv1.3\'`.',
      method: '`secureProtocol: \'{{value}}\'` pins connections to a deprecated protocol version; remove it and set `minVersion: \'TLSv1.2\'` instead.',
    },
    remediation: 'Remove the setting (Node negotiates TLS 1.2 or 1.3 by default) or set `minVersion: \'TLSv1.2\'`; if an old peer cannot do TLS 1.2, upgrade or isolate it rather than weakening every connection.',
    references: ['https://www.rfc-editor.org/rfc/rfc8996', 'https://nodejs.org/api/tls.html#tlscreatesecurecontextoptions', 'https://cwe.mitre.org/data/definitions/327.html', 'https://owasp.org/Top10/A02_2021-Cryptographic_Failures/'],
    cwe: ['CWE-327', 'CWE-326'],
    equivalents: {},
  },
  (r) => {
    const check = (at: N, key: string | undefined, value: N) => {
      const v = staticString(r.a, value);
      if (v === undefined || !key) return;
      if ((key === 'minVersion' || key === 'maxVersion' || key === 'DEFAULT_MIN_VERSION' || key === 'DEFAULT_MAX_VERSION') && OLD_TLS_VERSIONS.has(v)) r.at(at, 'version', { key, value: v });
      else if (key === 'secureProtocol' && OLD_TLS_METHODS.test(v)) r.at(at, 'method', { value: v });
    };
    return {
      Property(node: N) {
        if (node.value?.type === 'AssignmentPattern') return;
        const key = propertyKey(node);
        if (key === 'DEFAULT_MIN_VERSION' || key === 'DEFAULT_MAX_VERSION') return;
        check(node, key, node.value);
      },
      AssignmentExpression(node: N) {
        // tls.DEFAULT_MIN_VERSION = 'TLSv1'; opts.minVersion = 'TLSv1'
        if (node.operator !== '=' || unwrap(node.left).type !== 'MemberExpression') return;
        check(node, propertyKey(unwrap(node.left)), node.right);
      },
    };
  },
);

const WEAK_HASHES = new Set(['md5', 'md4', 'md2', 'sha1', 'sha-1', 'sha', 'sha0', 'rsa-md5', 'rsa-sha1', 'md5-sha1', 'ripemd', 'ripemd128']);

/** `CryptoJS.MD5(x)`, `require('crypto-js/sha1')(x)`, `md5(x)` from the md5 packages. HMAC variants are not reported: HMAC does not rely on collision resistance. */
function libraryHash(ref: { module: string; path: string[] }): { fn: string; algorithm: string } | undefined {
  const p = ref.path.join('.');
  if (ref.module === 'crypto-js' && (p === 'MD5' || p === 'SHA1')) return { fn: `CryptoJS.${p}`, algorithm: p };
  const sub = /^crypto-js\/(md5|sha1)$/.exec(ref.module);
  if (sub && !p) return { fn: `require('${ref.module}')`, algorithm: sub[1] };
  if (!p && ['md5', 'js-md5', 'blueimp-md5'].includes(ref.module)) return { fn: ref.module, algorithm: 'md5' };
  if (!p && ['sha1', 'js-sha1'].includes(ref.module)) return { fn: ref.module, algorithm: 'sha1' };
  return undefined;
}

export const weakHash = codeRule(
  {
    id: 'code/weak-hash',
    title: 'Broken hash algorithm (MD5, SHA-1)',
    description:
      'OWASP A02:2021 Cryptographic Failures. MD5 and SHA-1 (and SHA-0, OpenSSL\'s `sha`) are broken: collisions can be produced cheaply and both are fast enough to brute-force passwords. Used for signatures, integrity checks, tokens or passwords they give no real protection. A scanner cannot tell a security use from a cache key or checksum, so the finding is medium: confirm the purpose and switch to SHA-256 or better. Covers `crypto.createHash`/`crypto.hash`, Web Crypto `subtle.digest`, crypto-js `MD5`/`SHA1` and the md5/sha1 packages; HMAC with these algorithms is not reported, since HMAC does not depend on collision resistance.',
    severity: 'medium',
    messages: {
      weak: '`{{fn}}(\'{{algorithm}}\')` uses a broken hash; use SHA-256 or SHA-512 (and for passwords scrypt, argon2 or bcrypt). If this is only a non-security checksum, document it and suppress the finding.',
      library: '`{{fn}}` computes {{algorithm}}, a broken hash; use SHA-256 or SHA-512 (and for passwords scrypt, argon2 or bcrypt). If this is only a non-security checksum, document it and suppress the finding.',
    },
    remediation: 'Use `createHash(\'sha256\')` (or SHA-512/SHA-3); hash passwords with `crypto.scrypt`, argon2 or bcrypt; for message authentication use HMAC-SHA-256.',
    references: ['https://cwe.mitre.org/data/definitions/328.html', 'https://nodejs.org/api/crypto.html#cryptocreatehashalgorithm-options', 'https://owasp.org/Top10/A02_2021-Cryptographic_Failures/'],
    cwe: ['CWE-328'],
    equivalents: { eslint: ['@microsoft/sdl/no-weak-hashes'], bearer: ['javascript_lang_weak_hash_md5', 'javascript_lang_weak_hash_sha1'] },
  },
  (r) => ({
    CallExpression(node: N) {
      let fn: string | undefined;
      const ref = cryptoFunction(r.a, node);
      if (isModuleFn(ref, CRYPTO, ['createHash', 'hash'])) fn = ref!.path[0];
      else if (ref && libraryHash(ref)) {
        // crypto-js and single-purpose packages: the algorithm is in the name, the first argument is the data
        const h = libraryHash(ref)!;
        r.at(node, 'library', { fn: h.fn, algorithm: h.algorithm.toUpperCase().replace('SHA1', 'SHA-1') });
        return;
      } else {
        // Web Crypto: crypto.subtle.digest('SHA-1', data) on the global `crypto`
        const chain = memberChain(r.a, node.callee);
        if (chain && chain.slice(-2).join('.') === 'subtle.digest' && (chain[0] === 'crypto' || chain[0] === 'window' || chain[0] === 'globalThis')) fn = 'crypto.subtle.digest';
      }
      if (!fn) return;
      const algArg = node.arguments[0];
      const alg = algArg ? staticString(r.a, algArg.type === 'ObjectExpression' ? (algArg.properties.find((p: N) => propertyKey(p) === 'name')?.value ?? algArg) : algArg) : undefined;
      if (alg && WEAK_HASHES.has(alg.toLowerCase())) r.at(node, 'weak', { fn, algorithm: alg });
    },
  }),
);

/** Cipher names that are broken or misused: DES/3DES, RC2/RC4, Blowfish, IDEA, CAST, ECB mode, no cipher. */
const WEAK_CIPHER = /^(des(\b|-|3|$)|des-ede|desx|rc2|rc4|arc4|bf(-|$)|blowfish|idea|cast|seed-ecb|null$)|-ecb$|^id-aes\d+-ecb/i;

export const weakCipher = codeRule(
  {
    id: 'code/weak-cipher',
    title: 'Weak or deprecated cipher (DES, RC4, ECB, createCipher)',
    description:
      'OWASP A02:2021 Cryptographic Failures. DES/3DES, RC2/RC4 and Blowfish have short keys or blocks and known practical attacks, and ECB mode encrypts equal blocks to equal ciphertext, revealing patterns in the data. `crypto.createCipher` derives the key with a single MD5 pass and no salt and reuses the IV for every message; it is deprecated and removed in Node 22. crypto-js `DES`, `TripleDES`, `RC4` and `mode.ECB` are reported too; CBC and CTR modes are not (they are sound when paired with a MAC).',
    severity: 'high',
    messages: {
      weak: '`{{fn}}(\'{{algorithm}}\')` uses a weak cipher or mode; use an authenticated cipher such as `aes-256-gcm` (or `chacha20-poly1305`) with a random IV per message.',
      deprecated: '`{{fn}}` derives its key with one MD5 pass and a fixed IV (deprecated, removed in Node 22); use `createCipheriv(\'aes-256-gcm\', key, iv)` with a key from `scrypt` and a random 12-byte IV.',
    },
    remediation: 'Use `crypto.createCipheriv(\'aes-256-gcm\', key, randomBytes(12))` (or `chacha20-poly1305`), derive keys with `scrypt`/HKDF, and never reuse an IV with the same key.',
    references: ['https://cwe.mitre.org/data/definitions/327.html', 'https://nodejs.org/api/deprecations.html#DEP0106', 'https://owasp.org/Top10/A02_2021-Cryptographic_Failures/'],
    cwe: ['CWE-327'],
    equivalents: { codeql: ['js/weak-cryptographic-algorithm'], bearer: ['javascript_lang_weak_encryption_des', 'javascript_lang_weak_encryption_rc4'] },
  },
  (r) => ({
    CallExpression(node: N) {
      const ref = cryptoFunction(r.a, node);
      if (isModuleFn(ref, CRYPTO, ['createCipher', 'createDecipher'])) {
        r.at(node, 'deprecated', { fn: `crypto.${ref!.path[0]}` });
        return;
      }
      if (ref?.module === 'crypto-js' && ref.path.length === 2 && (ref.path[1] === 'encrypt' || ref.path[1] === 'decrypt')) {
        // CryptoJS.DES.encrypt(msg, key), CryptoJS.AES.encrypt(msg, key, { mode: CryptoJS.mode.ECB })
        const [cipher] = ref.path;
        if (['DES', 'TripleDES', 'RC4', 'RC4Drop'].includes(cipher)) {
          r.at(node, 'weak', { fn: `CryptoJS.${cipher}.${ref.path[1]}`, algorithm: cipher });
          return;
        }
        const mode = objectLiteral(r.a, node.arguments[2])?.props.get('mode')?.value;
        const m = mode && moduleOf(r.a, mode);
        if (m?.module === 'crypto-js' && m.path.join('.') === 'mode.ECB') r.at(node, 'weak', { fn: `CryptoJS.${cipher}.${ref.path[1]}`, algorithm: `${cipher} ECB` });
        return;
      }
      if (!isModuleFn(ref, CRYPTO, ['createCipheriv', 'createDecipheriv'])) return;
      const alg = node.arguments[0] && staticString(r.a, node.arguments[0]);
      if (alg && WEAK_CIPHER.test(alg)) r.at(node, 'weak', { fn: `crypto.${ref!.path[0]}`, algorithm: alg });
    },
  }),
);

const SECRET_WORDS = new Set(['token', 'tokens', 'secret', 'secrets', 'password', 'passwords', 'passwd', 'passphrase', 'pwd', 'nonce', 'salt', 'otp', 'totp', 'hotp', 'session', 'sessionid', 'sid', 'csrf', 'xsrf', 'apikey', 'passcode', 'pin']);
const KEY_QUALIFIERS = new Set(['api', 'secret', 'private', 'access', 'signing', 'encryption', 'session', 'auth', 'hmac', 'crypto', 'aes']);

/** The name suggests a security secret (token, password, nonce, apiKey…). */
export function isSecretName(name: string | undefined): boolean {
  if (!name) return false;
  // `secret1`, `token2`: a trailing number does not change what the value is
  const w = words(name).map((x) => x.replace(/(?<=[a-z])\d+$/, ''));
  if (w.some((x) => SECRET_WORDS.has(x))) return true;
  for (let i = 1; i < w.length; i++) if ((w[i] === 'key' || w[i] === 'code') && (KEY_QUALIFIERS.has(w[i - 1]) || w[i - 1] === 'reset' || w[i - 1] === 'verification')) return true;
  return false;
}

const FLOW_TYPES = new Set(['BinaryExpression', 'CallExpression', 'MemberExpression', 'TemplateLiteral', 'ConditionalExpression', 'LogicalExpression', 'UnaryExpression', 'ArrayExpression', 'TSAsExpression', 'TSNonNullExpression', 'ChainExpression', 'SpreadElement', 'AwaitExpression', 'NewExpression']);

/** Calls that store a value under the name given as their first argument. */
const STORE_CALLS = new Set(['cookie', 'setItem', 'setHeader', 'set', 'append', 'setCookie']);

/** Where a value produced at `node` ends up: the name it is stored under or returned by. */
function destination(a: Analysis, node: N): { name?: string; returnedFrom?: N; local?: string; at: N } {
  let cur = node;
  for (let i = 0; i < 40; i++) {
    const p = a.parent(cur);
    if (!p) return { at: cur };
    // res.cookie('sessionId', v), localStorage.setItem('authToken', v): the value is stored under a literal name
    if (p.type === 'CallExpression' && p.arguments[1] === cur && STORE_CALLS.has(calleeName(p) ?? '')) {
      const label = p.arguments[0];
      if (label.type === 'Literal' && typeof label.value === 'string' && isSecretName(label.value)) return { name: label.value, at: p };
    }
    if (FLOW_TYPES.has(p.type)) {
      cur = p;
      continue;
    }
    // a callback whose result feeds a call (`Array.from({ length }, () => chars[random…])`)
    if ((p.type === 'ArrowFunctionExpression' && p.body === cur) || (p.type === 'ReturnStatement' && enclosingIsCallback(a, p))) {
      const fn = p.type === 'ReturnStatement' ? enclosingFunctionOf(a, p) : p;
      const fp = fn && a.parent(fn);
      if (fp && (fp.type === 'CallExpression' || fp.type === 'NewExpression') && fp.callee !== fn) {
        cur = fp;
        continue;
      }
      return { returnedFrom: fn, at: cur };
    }
    if (p.type === 'ReturnStatement') return { returnedFrom: enclosingFunctionOf(a, p), at: cur };
    if (p.type === 'VariableDeclarator' && p.init === cur) return { name: p.id.type === 'Identifier' ? p.id.name : undefined, local: p.id.type === 'Identifier' ? p.id.name : undefined, at: p };
    if (p.type === 'AssignmentExpression' && p.right === cur) return { name: targetName(unwrap(p.left)), local: unwrap(p.left).type === 'Identifier' ? unwrap(p.left).name : undefined, at: p };
    if ((p.type === 'Property' || p.type === 'PropertyDefinition') && p.value === cur) return { name: propertyKey(p), at: p };
    if (p.type === 'JSXExpressionContainer') return { at: cur };
    return { at: cur };
  }
  return { at: cur };
}

function enclosingFunctionOf(a: Analysis, node: N): N | undefined {
  return enclosingFunction(a, node);
}

function enclosingIsCallback(a: Analysis, ret: N): boolean {
  const fn = enclosingFunction(a, ret);
  const fp = fn && a.parent(fn);
  return !!fp && (fp.type === 'CallExpression' || fp.type === 'NewExpression') && fp.callee !== fn;
}

/** The function returns (an expression mentioning) the local `name`. */
function returnsName(fn: N, name: string): boolean {
  let found = false;
  walk(fn.body, (x) => {
    if (found) return true;
    if (x !== fn && FUNCTION_NODE_TYPES.has(x.type)) return true;
    if (x.type === 'ReturnStatement' && x.argument) {
      walk(x.argument, (y) => {
        if (y.type === 'Identifier' && y.name === name) found = true;
      });
    }
    return undefined;
  });
  if (fn.expression && fn.body) walk(fn.body, (y) => {
    if (y.type === 'Identifier' && y.name === name) found = true;
  });
  return found;
}

/**
 * The secret name a never-reassigned local declared at `decl` flows into within its scope (`const n = …;
 * const token = n.toString(36)`), following further neutral locals up to three steps.
 */
function secretThroughLocal(a: Analysis, decl: N, depth: number): string | undefined {
  if (depth > 2 || decl?.type !== 'VariableDeclarator' || decl.id.type !== 'Identifier') return undefined;
  const binding = a.binding(decl.id);
  if (!binding || binding.reassigned) return undefined;
  const scope = enclosingFunction(a, decl)?.body ?? a.program;
  let found: string | undefined;
  walk(scope, (x) => {
    if (found) return true;
    if (x.type !== 'Identifier' || x === decl.id || a.binding(x) !== binding) return undefined;
    const p = a.parent(x);
    if (p?.type === 'MemberExpression' && p.property === x && !p.computed) return undefined;
    if (p?.type === 'Property' && p.key === x && !p.shorthand) return undefined;
    const d = destination(a, x);
    if (isSecretName(d.name)) found = d.name;
    else if (d.local) found = secretThroughLocal(a, d.at, depth + 1);
    return undefined;
  });
  return found;
}

export const insecureRandom = codeRule(
  {
    id: 'code/insecure-random',
    title: 'Math.random() used for a token, password or secret',
    description:
      'OWASP A02:2021 Cryptographic Failures. `Math.random()` is not a cryptographically secure generator: its internal state can be recovered from a few outputs and later values predicted. Session ids, reset tokens, one-time codes, nonces, salts or generated passwords made with it can be guessed by an attacker. Reported only when the value is stored in, or returned by, something named like a token or secret. `crypto.pseudoRandomBytes` (and its aliases `prng`/`rng`) is reported wherever it is used: Node documented it as unsuitable where unpredictability matters, and deprecated it.',
    severity: 'medium',
    messages: {
      named: '`Math.random()` produces `{{name}}`, which looks security-sensitive; use `crypto.randomBytes()`, `crypto.randomUUID()`, `crypto.randomInt()` or `crypto.getRandomValues()` instead.',
      pseudo: '`crypto.{{fn}}` was documented as not cryptographically strong (output "not necessarily unpredictable") and is deprecated (DEP0115); use `crypto.randomBytes()`.',
    },
    remediation: 'Generate secrets with a CSPRNG: `crypto.randomBytes(32).toString(\'base64url\')`, `crypto.randomUUID()`, `crypto.randomInt(0, n)` in Node, `crypto.getRandomValues()` in browsers.',
    references: ['https://cwe.mitre.org/data/definitions/338.html', 'https://nodejs.org/api/crypto.html#cryptorandombytessize-callback', 'https://nodejs.org/api/deprecations.html#DEP0115', 'https://owasp.org/Top10/A02_2021-Cryptographic_Failures/'],
    cwe: ['CWE-338'],
    equivalents: { codeql: ['js/insecure-randomness'], eslint: ['security/detect-pseudoRandomBytes', '@microsoft/sdl/no-insecure-random'], semgrep: ['javascript.lang.security.detect-pseudoRandomBytes.detect-pseudoRandomBytes'], bearer: ['javascript_lang_insufficiently_random_values'] },
  },
  (r) => ({
    MemberExpression(node: N) {
      const k = propertyKey(node);
      if (k !== 'pseudoRandomBytes' && k !== 'prng' && k !== 'rng') return;
      const obj = unwrap(node.object);
      const mod = moduleOf(r.a, obj);
      const isCrypto = mod ? mod.module === 'crypto' && mod.path.length === 0 : obj.type === 'Identifier' && obj.name === 'crypto' && !r.a.binding(obj);
      if (isCrypto) r.at(node, 'pseudo', { fn: k }, 'low');
    },
    CallExpression(node: N) {
      const callee = unwrap(node.callee);
      if (callee.type === 'Identifier') {
        // const { pseudoRandomBytes } = require('crypto')
        const ref = calledModuleFunction(r.a, node);
        if (isModuleFn(ref, CRYPTO, ['pseudoRandomBytes', 'prng', 'rng'])) r.at(node, 'pseudo', { fn: ref!.path[0] }, 'low');
        return;
      }
      if (callee.type !== 'MemberExpression' || propertyKey(callee) !== 'random' || unwrap(callee.object).type !== 'Identifier' || unwrap(callee.object).name !== 'Math' || r.a.binding(unwrap(callee.object))) return;
      const d = destination(r.a, node);
      if (isSecretName(d.name)) {
        r.at(node, 'named', { name: d.name! });
        return;
      }
      // `const n = Math.random(); const password = 'p' + n;`: a neutral local passed on to a secret (a few steps)
      const through = d.local ? secretThroughLocal(r.a, d.at, 0) : undefined;
      if (through) {
        r.at(node, 'named', { name: through });
        return;
      }
      // Returned from, or built into a local that is returned from, a function named like a secret generator.
      const fn = d.returnedFrom ?? (d.local ? enclosingFunction(r.a, node) : undefined);
      if (!fn) return;
      const fname = functionName(r.a, fn);
      if (!isSecretName(fname)) return;
      if (d.returnedFrom || (d.local && returnsName(fn, d.local))) r.at(node, 'named', { name: `${fname}()` });
    },
  }),
);
