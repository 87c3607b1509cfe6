/**
 * Cryptographic parameters chosen too weak in code: short keys and small curves, fixed IVs and salts,
 * too few password-hashing iterations, and RSA encryption without OAEP. Only values the program writes as
 * literals (or never-reassigned constants holding them) are judged; anything computed or passed in is not.
 */
import {
  calledModuleFunction,
  calleeName,
  memberChain,
  moduleOf,
  objectLiteral,
  propertyKey,
  resolveValue,
  staticNumber,
  staticString,
  targetName,
  unwrap,
  walk,
  words,
  type Analysis,
  type Binding,
  type N,
} from './lib/analysis.js';
import { isPasswordName } from './lib/guards.js';
import { codeRule, isTestPath } from './lib/kit.js';

type Ref = { module: string; path: string[] };

const OWASP_PASSWORD_STORAGE = 'https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html';
const OWASP_A02 = 'https://owasp.org/Top10/A02_2021-Cryptographic_Failures/';

/** Node `crypto` functions these rules look at; Web Crypto's global `crypto` has none of them. */
const NODE_CRYPTO_FUNCTIONS = new Set([
  'generateKeyPair', 'generateKeyPairSync', 'createDiffieHellman', 'createDiffieHellmanGroup', 'getDiffieHellman', 'createECDH',
  'createCipheriv', 'pbkdf2', 'pbkdf2Sync', 'scrypt', 'scryptSync', 'publicEncrypt', 'privateDecrypt',
]);

/**
 * The module function a call invokes, counting an undeclared `crypto.pbkdf2Sync(…)` (the Node REPL global, or a
 * file whose require is elsewhere) as Node's module: Web Crypto's global has none of these names.
 */
function callTarget(a: Analysis, call: N): Ref | undefined {
  const ref = calledModuleFunction(a, call);
  if (ref) return ref;
  const callee = unwrap(call.callee);
  if (callee?.type !== 'MemberExpression') return undefined;
  const obj = unwrap(callee.object);
  const k = propertyKey(callee);
  if (obj.type === 'Identifier' && obj.name === 'crypto' && !a.binding(obj) && k && NODE_CRYPTO_FUNCTIONS.has(k)) return { module: 'crypto', path: [k] };
  return undefined;
}

/** `ref` is `crypto.<one of names>`, also from crypto-browserify, and the pbkdf2 package's Node-compatible `pbkdf2`/`pbkdf2Sync`. */
function isNodeCrypto(ref: Ref | undefined, names: readonly string[]): boolean {
  if (!ref || ref.path.length !== 1 || !names.includes(ref.path[0])) return false;
  return ref.module === 'crypto' || ref.module === 'crypto-browserify' || (ref.module === 'pbkdf2' && ref.path[0].startsWith('pbkdf2'));
}

/** A Web Crypto `subtle.<method>(…)` call: `crypto.subtle`, `window.crypto.subtle`, `require('crypto').webcrypto.subtle`. */
function isSubtleCall(a: Analysis, call: N, methods: readonly string[]): string | undefined {
  if (call?.type !== 'CallExpression') return undefined;
  const ref = moduleOf(a, call.callee);
  if (ref) return ref.module === 'crypto' && ref.path.length >= 2 && ref.path[ref.path.length - 2] === 'subtle' && methods.includes(ref.path[ref.path.length - 1]) ? ref.path[ref.path.length - 1] : undefined;
  const chain = memberChain(a, call.callee);
  if (!chain || chain.length < 3 || chain[chain.length - 2] !== 'subtle' || !methods.includes(chain[chain.length - 1])) return undefined;
  return ['crypto', 'window', 'globalThis', 'self'].includes(chain[0]) ? chain[chain.length - 1] : undefined;
}

/** An unshadowed global (`Buffer`, `Uint8Array`, `TextEncoder`), or `Buffer` imported from the buffer module. */
function isGlobal(a: Analysis, node: N, names: readonly string[]): string | undefined {
  const n = unwrap(node);
  if (n?.type !== 'Identifier') return undefined;
  if (!a.binding(n)) return names.includes(n.name) ? n.name : undefined;
  const ref = moduleOf(a, n);
  return ref && ref.module === 'buffer' && ref.path.length === 1 && names.includes(ref.path[0]) ? ref.path[0] : undefined;
}

const TYPED_ARRAYS = ['Uint8Array', 'Int8Array', 'Uint8ClampedArray', 'Uint16Array', 'Int16Array', 'Uint32Array', 'Int32Array'];

/** An array literal of numbers written in the code (`[0, 1, 2]`). */
function isNumberArray(a: Analysis, node: N): boolean {
  const n = resolveValue(a, node);
  return n?.type === 'ArrayExpression' && n.elements.length > 0 && n.elements.every((e: N) => e && e.type !== 'SpreadElement' && staticNumber(a, e) !== undefined);
}

/** A static string, also `'0'.repeat(16)`. */
function staticText(a: Analysis, node: N): string | undefined {
  const s = staticString(a, node);
  if (s !== undefined) return s;
  const n = resolveValue(a, node);
  if (n?.type === 'CallExpression' && unwrap(n.callee).type === 'MemberExpression' && propertyKey(unwrap(n.callee)) === 'repeat' && n.arguments.length === 1) {
    const base = staticString(a, unwrap(n.callee).object);
    const times = staticNumber(a, n.arguments[0]);
    if (base !== undefined && times !== undefined && times >= 0 && times < 1e4) return base.repeat(times);
  }
  return undefined;
}

/** What a fixed byte value is, for messages; whether it is empty, and whether it is a buffer code could fill in place. */
interface FixedBytes {
  what: string;
  empty: boolean;
  mutable: boolean;
}

/** Functions that write into a buffer passed to them: `getRandomValues`, `randomFill(Sync)`, `fs.readSync`, `src.copy(buf)`, helpers named like `fillRandom`. */
const FILLERS = /fill|random|^read|^copy$|^write|^decode$/i;

const FILLED = new WeakMap<Analysis, Map<Binding, boolean>>();

/**
 * A buffer variable may be filled after it is created: `crypto.getRandomValues(iv)`, `randomFillSync(iv)`,
 * `iv.set(…)`, `iv.fill(…)`, `iv.writeUInt32BE(…)`, `iv[i] = …`, passed to a function that writes into buffers
 * (`randomFillSync`, `fs.readSync`, `src.copy(iv)`, a `fillRandom` helper), or aliased. Then its zero or literal
 * initial content says nothing about the IV used.
 */
function mayBeFilled(a: Analysis, b: Binding): boolean {
  let byBinding = FILLED.get(a);
  if (!byBinding) FILLED.set(a, (byBinding = new Map()));
  const known = byBinding.get(b);
  if (known !== undefined) return known;
  let filled = false;
  walk(a.program, (x) => {
    if (filled) return true;
    if (x.type !== 'Identifier' || a.binding(x) !== b) return undefined;
    let cur = x;
    let p = a.parent(cur);
    while (p && (p.type === 'TSAsExpression' || p.type === 'TSNonNullExpression' || p.type === 'TSSatisfiesExpression' || p.type === 'TSTypeAssertion')) p = a.parent((cur = p));
    if (!p || (p.type === 'VariableDeclarator' && p.id === cur)) return undefined;
    if (p.type === 'MemberExpression' && p.object === cur) {
      const gp = a.parent(p);
      if ((gp?.type === 'AssignmentExpression' && gp.left === p) || gp?.type === 'UpdateExpression') filled = true;
      else if (gp?.type === 'CallExpression' && gp.callee === p && /^(fill|set|write|copyWithin|swap|reverse|sort)/.test(propertyKey(p) ?? '')) filled = true;
      return undefined;
    }
    if ((p.type === 'CallExpression' || p.type === 'NewExpression') && p.arguments.includes(cur) && FILLERS.test(calleeName(p) ?? '')) filled = true;
    else if ((p.type === 'AssignmentExpression' && p.right === cur) || (p.type === 'VariableDeclarator' && p.init === cur)) filled = true;
    return undefined;
  });
  byBinding.set(b, filled);
  return filled;
}

/**
 * The value is the same on every run because the code spells it out: a string literal (or `'0'.repeat(16)`),
 * `Buffer.from('…')`/`Buffer.from([…])`, the zero-filled `Buffer.alloc(n)` (or with a literal fill),
 * `new Uint8Array(n)`/`new Uint8Array([…])`/`Uint8Array.from([…])`, `new TextEncoder().encode('…')` and
 * crypto-js `enc.Hex.parse('…')`, directly or through never-reassigned variables (a buffer variable only if
 * nothing may fill it in place). Random values (`randomBytes`, `getRandomValues`), parameters and anything
 * computed are not fixed.
 */
function fixedBytes(a: Analysis, node: N, depth = 0): FixedBytes | undefined {
  if (!node || depth > 8) return undefined;
  const id = unwrap(node);
  if (id?.type === 'Identifier') {
    const b = a.binding(id);
    if (b && !b.reassigned && b.init && !b.path?.length && (b.kind === 'const' || b.kind === 'let' || b.kind === 'var')) {
      const inner = fixedBytes(a, b.init, depth + 1);
      return inner && inner.mutable && mayBeFilled(a, b) ? undefined : inner;
    }
  }
  const text = staticText(a, node);
  if (text !== undefined) return { what: text ? 'a string literal' : 'an empty string', empty: !text, mutable: false };
  const n = resolveValue(a, node);
  if (!n || n === id) return n?.type === 'Identifier' ? undefined : bytesOf(a, n);
  return fixedBytes(a, n, depth + 1);
}

/** fixedBytes of a buffer-making expression (not an identifier). */
function bytesOf(a: Analysis, n: N): FixedBytes | undefined {
  if (n.type !== 'CallExpression' && n.type !== 'NewExpression') return undefined;
  const callee = unwrap(n.callee);
  const args: N[] = n.arguments;
  if (args.some((x) => x.type === 'SpreadElement')) return undefined;
  const buffer = (what: string, empty = false): FixedBytes => ({ what, empty, mutable: true });
  if (n.type === 'NewExpression') {
    // new Uint8Array(16), new Uint8Array([1, 2, 3]), new Buffer('…')
    const g = isGlobal(a, callee, [...TYPED_ARRAYS, 'Buffer']);
    if (!g || args.length !== 1) return undefined;
    const size = staticNumber(a, args[0]);
    if (g !== 'Buffer' && size !== undefined) return buffer(`\`new ${g}(${size})\` (all zeros)`, size === 0);
    if (isNumberArray(a, args[0])) return buffer(`\`new ${g}([…])\` with literal bytes`);
    if (g === 'Buffer' && staticText(a, args[0]) !== undefined) return buffer('`new Buffer()` of a literal', !staticText(a, args[0]));
    return undefined;
  }
  if (callee.type !== 'MemberExpression') return undefined;
  const method = propertyKey(callee);
  const owner = isGlobal(a, callee.object, ['Buffer', ...TYPED_ARRAYS]);
  if (owner === 'Buffer' && method === 'from' && args.length >= 1 && args.length <= 2) {
    if (staticText(a, args[0]) !== undefined) return buffer('`Buffer.from()` of a literal', !staticText(a, args[0]));
    if (isNumberArray(a, args[0])) return buffer('`Buffer.from([…])` with literal bytes');
    return undefined;
  }
  if (owner === 'Buffer' && method === 'alloc' && args.length >= 1 && args.length <= 3) {
    const size = staticNumber(a, args[0]);
    if (size === undefined) return undefined;
    if (args.length === 1) return buffer(`\`Buffer.alloc(${size})\` (all zeros)`, size === 0);
    if (staticNumber(a, args[1]) !== undefined || staticText(a, args[1]) !== undefined) return buffer(`\`Buffer.alloc(${size}, …)\` with a literal fill`, size === 0);
    return undefined;
  }
  if (owner && owner !== 'Buffer' && (method === 'from' || method === 'of')) {
    if (method === 'from' && args.length === 1 && isNumberArray(a, args[0])) return buffer(`\`${owner}.from([…])\` with literal bytes`);
    if (method === 'of' && args.length > 0 && args.every((x) => staticNumber(a, x) !== undefined)) return buffer(`\`${owner}.of(…)\` with literal bytes`);
    return undefined;
  }
  // new TextEncoder().encode('…')
  if (method === 'encode' && args.length === 1) {
    const enc = resolveValue(a, callee.object);
    const s = staticText(a, args[0]);
    return enc?.type === 'NewExpression' && isGlobal(a, enc.callee, ['TextEncoder']) && s !== undefined ? buffer('`TextEncoder.encode()` of a literal', !s) : undefined;
  }
  // CryptoJS.enc.Hex.parse('…'), CryptoJS.enc.Utf8.parse('…')
  if (method === 'parse' && args.length === 1) {
    const ref = moduleOf(a, callee);
    const s = staticText(a, args[0]);
    if (s === undefined || !ref) return undefined;
    if ((ref.module === 'crypto-js' || ref.module.startsWith('crypto-js/')) && ref.path.includes('enc')) return buffer(`\`CryptoJS.${ref.path.join('.')}()\` of a literal`, !s);
    if (/^crypto-js\/enc-/.test(ref.module)) return buffer(`\`${ref.module}\` parse of a literal`, !s);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// code/insufficient-key-size

/** RSA, DSA and finite-field Diffie-Hellman moduli below this are breakable (NIST SP 800-57 Part 1: 112-bit security needs 2048 bits). */
const MIN_MODULUS = 2048;
/** Named curves whose order is below 224 bits (under 112-bit security), by the size in their name. */
const CURVE_SIZE = /^(?:secp|sect|prime|brainpoolP|c2pnb|c2tnb|c2onb|P-|B-|K-)(\d{3})/i;
const MIN_CURVE = 224;
/** RFC 2409/3526 MODP groups smaller than 2048 bits. */
const WEAK_DH_GROUPS: ReadonlyMap<string, number> = new Map([['modp1', 768], ['modp2', 1024], ['modp5', 1536]]);

function weakCurve(name: string | undefined): number | undefined {
  const m = name ? CURVE_SIZE.exec(name) : null;
  const bits = m ? Number(m[1]) : undefined;
  return bits !== undefined && bits < MIN_CURVE ? bits : undefined;
}

const NODE_RSA = 'node-rsa';
const FORGE = 'node-forge';

/** `new NodeRSA(…)` from node-rsa, through never-reassigned variables. */
function isNodeRsaInstance(a: Analysis, node: N): boolean {
  const n = resolveValue(a, node);
  if (n?.type !== 'NewExpression') return false;
  const ref = moduleOf(a, n.callee);
  return !!ref && ref.module === NODE_RSA && ref.path.length === 0;
}

/** node-forge's RSA key-pair generator: `forge.pki.rsa.generateKeyPair`, `forge.rsa.generateKeyPair`, `pki.rsa.generateKeyPair`. */
function isForgeKeyGen(ref: Ref | undefined): boolean {
  if (!ref || ref.module !== FORGE) return false;
  const p = ref.path.join('.');
  return p === 'pki.rsa.generateKeyPair' || p === 'rsa.generateKeyPair';
}

export const insufficientKeySize = codeRule(
  {
    id: 'code/insufficient-key-size',
    title: 'Cryptographic key too short (RSA/DSA/DH below 2048 bits, curves below 224 bits)',
    description:
      'OWASP A02:2021 Cryptographic Failures. RSA, DSA and Diffie-Hellman keys below 2048 bits and elliptic curves below 224 bits give less than the 112 bits of security NIST SP 800-57 requires today; 512- and 768-bit RSA moduli have been factored publicly and 1024-bit ones are within reach of a well-funded attacker, so signatures can be forged and key exchanges or encrypted data recovered. Reported when the size is written in the code (a literal or a never-reassigned constant): `crypto.generateKeyPair(Sync)` of `rsa`, `rsa-pss`, `dsa` or `dh` with `modulusLength`/`primeLength` below 2048, `dh` with `groupName` `modp1`/`modp2`/`modp5`, `ec` with a `namedCurve` such as `secp160r1`, `secp192k1` or `prime192v1`; `crypto.createDiffieHellman(1024)`, `crypto.getDiffieHellman(\'modp2\')`, `crypto.createECDH(\'secp112r1\')`; Web Crypto `subtle.generateKey` with an RSA `modulusLength` below 2048; node-forge `pki.rsa.generateKeyPair(1024)` or `({ bits: 1024 })`; node-rsa `new NodeRSA({ b: 1024 })` and `key.generateKeyPair(1024)`. Sizes that come from configuration or parameters are not judged. Test files are not checked.',
    severity: 'medium',
    messages: {
      modulus: '{{what}} generates a {{bits}}-bit {{algorithm}} key, below the 2048-bit minimum; use at least `{{key}}: 2048` (3072 for keys that must last beyond 2030).',
      curve: '{{what}} uses the {{bits}}-bit curve `{{curve}}`, below the 224-bit minimum; use `prime256v1` (P-256), `secp384r1`, or X25519/Ed25519.',
      group: '{{what}} uses the {{bits}}-bit Diffie-Hellman group `{{group}}`; use `modp14` (2048 bits) or larger, or ECDH with X25519.',
    },
    remediation: 'Generate RSA, DSA and DH keys of at least 2048 bits (3072 or 4096 for long-lived keys), use P-256 or larger curves (or X25519/Ed25519), and take key sizes from reviewed constants rather than lowering them for speed.',
    references: [
      'https://nodejs.org/api/crypto.html#cryptogeneratekeypairtype-options-callback',
      'https://csrc.nist.gov/pubs/sp/800/57/pt1/r5/final',
      'https://cwe.mitre.org/data/definitions/326.html',
      OWASP_A02,
    ],
    cwe: ['CWE-326'],
    equivalents: { codeql: ['js/insufficient-key-size'], eslint: ['sonarjs/no-weak-keys'], sonarjs: ['S4426'] },
  },
  (r) => {
    const modulus = (at: N, what: string, algorithm: string, key: string, value: N | undefined) => {
      const bits = value === undefined ? undefined : staticNumber(r.a, value);
      if (bits !== undefined && bits > 0 && bits < MIN_MODULUS) r.at(at, 'modulus', { what, bits, algorithm, key });
    };
    const curve = (at: N, what: string, value: N | undefined) => {
      const name = value === undefined ? undefined : staticString(r.a, value);
      const bits = weakCurve(name);
      if (bits !== undefined) r.at(at, 'curve', { what, bits, curve: name! });
    };
    const group = (at: N, what: string, value: N | undefined) => {
      const name = value === undefined ? undefined : staticString(r.a, value)?.toLowerCase();
      const bits = name ? WEAK_DH_GROUPS.get(name) : undefined;
      if (bits !== undefined) r.at(at, 'group', { what, bits, group: name! });
    };
    return {
      CallExpression(node: N) {
        if (isTestPath(r.ctx.file.path)) return;
        const ref = callTarget(r.a, node);
        const args: N[] = node.arguments;
        if (isNodeCrypto(ref, ['generateKeyPair', 'generateKeyPairSync'])) {
          const type = args[0] && staticString(r.a, args[0])?.toLowerCase();
          const opts = objectLiteral(r.a, args[1]);
          if (!type || !opts) return;
          const what = `\`crypto.${ref!.path[0]}('${type}')\``;
          const prop = (k: string) => opts.props.get(k);
          if (type === 'rsa' || type === 'rsa-pss' || type === 'dsa') {
            const p = prop('modulusLength');
            if (p) modulus(p, what, type.toUpperCase(), 'modulusLength', p.value);
          } else if (type === 'dh') {
            const len = prop('primeLength');
            if (len) modulus(len, what, 'Diffie-Hellman', 'primeLength', len.value);
            const g = prop('groupName');
            if (g) group(g, what, g.value);
          } else if (type === 'ec') {
            const c = prop('namedCurve');
            if (c) curve(c, what, c.value);
          }
          return;
        }
        if (isNodeCrypto(ref, ['createDiffieHellman'])) {
          // createDiffieHellman(primeLength[, generator]); a prime given as a string or buffer is not judged
          if (args[0]) modulus(args[0], '`crypto.createDiffieHellman()`', 'Diffie-Hellman', 'primeLength', args[0]);
          return;
        }
        if (isNodeCrypto(ref, ['getDiffieHellman', 'createDiffieHellmanGroup'])) {
          if (args[0]) group(args[0], `\`crypto.${ref!.path[0]}()\``, args[0]);
          return;
        }
        if (isNodeCrypto(ref, ['createECDH'])) {
          if (args[0]) curve(args[0], '`crypto.createECDH()`', args[0]);
          return;
        }
        if (isForgeKeyGen(ref)) {
          // forge.pki.rsa.generateKeyPair(bits, e, cb) or ({ bits, e })
          const opts = objectLiteral(r.a, args[0]);
          if (opts) {
            const p = opts.props.get('bits');
            if (p) modulus(p, '`forge.pki.rsa.generateKeyPair()`', 'RSA', 'bits', p.value);
          } else if (args[0]) modulus(args[0], '`forge.pki.rsa.generateKeyPair()`', 'RSA', 'bits', args[0]);
          return;
        }
        const callee = unwrap(node.callee);
        if (callee.type === 'MemberExpression' && propertyKey(callee) === 'generateKeyPair' && args[0] && isNodeRsaInstance(r.a, callee.object)) {
          modulus(args[0], '`NodeRSA#generateKeyPair()`', 'RSA', 'bits', args[0]);
          return;
        }
        if (isSubtleCall(r.a, node, ['generateKey'])) {
          const opts = objectLiteral(r.a, args[0]);
          const name = opts?.props.get('name') && staticString(r.a, opts.props.get('name')!.value);
          const p = opts?.props.get('modulusLength');
          if (p && name && /^RSA/i.test(name)) modulus(p, `\`subtle.generateKey('${name}')\``, 'RSA', 'modulusLength', p.value);
        }
      },
      NewExpression(node: N) {
        if (isTestPath(r.ctx.file.path)) return;
        // new NodeRSA({ b: 1024 })
        const ref = moduleOf(r.a, node.callee);
        if (!ref || ref.module !== NODE_RSA || ref.path.length !== 0) return;
        const opts = objectLiteral(r.a, node.arguments[0]);
        const p = opts?.props.get('b');
        if (p) modulus(p, '`new NodeRSA()`', 'RSA', 'b', p.value);
      },
    };
  },
);

// ---------------------------------------------------------------------------------------------
// code/static-iv

/** Ciphers that take no IV (ECB, RC4) are code/weak-cipher's; key wrap uses a fixed IV by design (RFC 3394), XTS a sector tweak. */
const NO_RANDOM_IV = /-ecb$|^id-aes\d+-ecb|^(rc4|arc4)|wrap|-xts$|^null$/i;
/** Modes where a repeated IV (nonce) with the same key reveals the XOR of plaintexts, and for GCM lets tags be forged. */
const STREAM_MODES = /-(gcm|ctr|ccm|ocb|cfb\d*|ofb)$|^chacha20/i;

export const staticIv = codeRule(
  {
    id: 'code/static-iv',
    title: 'Fixed initialisation vector (IV) or nonce for encryption',
    description:
      'OWASP A02:2021 Cryptographic Failures. An IV or nonce must be fresh for every message encrypted under a key. With a fixed IV, CBC encrypts equal plaintexts (and equal leading blocks) to equal ciphertexts, so an observer learns which records match and can mount dictionary attacks; in CTR, GCM, CCM and ChaCha20 a repeated nonce hands out the XOR of the plaintexts, and in GCM it also lets an attacker recover the authentication key and forge messages. Reported where the IV passed to `crypto.createCipheriv(alg, key, iv)` is written in the code: a string literal, `Buffer.from(\'…\')`, `Buffer.from([…])`, the zero-filled `Buffer.alloc(16)`, `new Uint8Array(12)`, `new Uint8Array([…])`, `new TextEncoder().encode(\'…\')`, directly or through a never-reassigned variable (a buffer variable only when nothing fills it in place, as `getRandomValues(iv)`, `randomFillSync(iv)`, `iv.writeUInt32BE(…)` or `iv[i] = …` do); likewise the `iv`/`counter` of Web Crypto `subtle.encrypt` and the `iv` option of crypto-js `AES.encrypt` when the key is a WordArray (with a passphrase crypto-js derives its own IV). IVs from `randomBytes`/`getRandomValues`, parameters and other unknown values are not reported, nor is decryption (it must use whatever IV encrypted the data), nor ciphers without an IV (ECB, RC4: code/weak-cipher), AES key wrap (whose fixed IV is part of RFC 3394) or XTS. Medium for CBC with a key the code does not show; high for stream and AEAD modes (GCM, CTR, CCM, OCB, CFB, OFB, ChaCha20), where one repeat breaks confidentiality outright, and when the key is written in the code too, since then anyone with the source can decrypt. Test files are not checked.',
    severity: 'medium',
    messages: {
      fixed: 'The IV of `{{fn}}` is {{what}}, the same for every message; generate a fresh one per encryption with `crypto.randomBytes({{size}})` and store or send it alongside the ciphertext.',
      fixedNonce: 'The nonce of `{{fn}}` ({{mode}}) is {{what}}, the same for every message; a repeated nonce reveals plaintexts{{forge}}. Generate a fresh one per encryption with `crypto.randomBytes({{size}})` and send it alongside the ciphertext.',
    },
    remediation: 'Create the IV with `crypto.randomBytes(16)` (12 bytes for GCM/ChaCha20-Poly1305; `crypto.getRandomValues(new Uint8Array(12))` in browsers) for every encryption, prepend it to the ciphertext, and read it back when decrypting. Prefer an AEAD mode such as `aes-256-gcm`.',
    references: [
      'https://nodejs.org/api/crypto.html#cryptocreatecipherivalgorithm-key-iv-options',
      'https://csrc.nist.gov/pubs/sp/800/38/a/final',
      'https://cwe.mitre.org/data/definitions/329.html',
      'https://cwe.mitre.org/data/definitions/1204.html',
      OWASP_A02,
    ],
    cwe: ['CWE-329', 'CWE-1204'],
    equivalents: {},
  },
  (r) => {
    const isLiteralKey = (key: N | undefined) => !!key && (fixedBytes(r.a, key) !== undefined);
    const report = (at: N, fn: string, what: string, alg: string | undefined, key: N | undefined) => {
      const stream = alg !== undefined && STREAM_MODES.test(alg);
      const severity = stream || isLiteralKey(key) ? 'high' : undefined;
      const size = alg && /gcm|chacha20-poly1305|ccm|ocb/i.test(alg) ? 12 : 16;
      if (stream) {
        const mode = /chacha20/i.test(alg!) ? 'ChaCha20' : alg!.split('-').pop()!.toUpperCase().replace(/\d+$/, '');
        r.at(at, 'fixedNonce', { fn, what, mode, size, forge: mode === 'GCM' ? ' and lets an attacker forge authentication tags' : '' }, severity);
      } else r.at(at, 'fixed', { fn, what, size }, severity);
    };
    return {
      CallExpression(node: N) {
        if (isTestPath(r.ctx.file.path)) return;
        const args: N[] = node.arguments;
        const ref = callTarget(r.a, node);
        if (isNodeCrypto(ref, ['createCipheriv'])) {
          const iv = args[2];
          if (!iv) return;
          const alg = args[0] ? staticString(r.a, args[0]) : undefined;
          if (alg !== undefined && NO_RANDOM_IV.test(alg)) return;
          const fixed = fixedBytes(r.a, iv);
          // an empty or null IV is only accepted by IV-less ciphers, which are code/weak-cipher's
          if (!fixed || fixed.empty) return;
          report(iv, 'crypto.createCipheriv', fixed.what, alg, args[1]);
          return;
        }
        // crypto-js: CryptoJS.AES.encrypt(msg, key, { iv }); with a passphrase key the iv option is ignored
        if (ref && ref.module === 'crypto-js' && ref.path.length === 2 && ref.path[1] === 'encrypt' && args.length >= 3) {
          const opts = objectLiteral(r.a, args[2]);
          const p = opts?.props.get('iv');
          if (!p) return;
          const mode = opts!.props.get('mode')?.value;
          const m = mode && moduleOf(r.a, mode);
          if (m && m.module === 'crypto-js' && m.path.join('.') === 'mode.ECB') return;
          const key = resolveValue(r.a, args[1]);
          const keyRef = key?.type === 'CallExpression' ? moduleOf(r.a, key.callee) : undefined;
          if (!keyRef || !(keyRef.module === 'crypto-js' || keyRef.module.startsWith('crypto-js/'))) return;
          const fixed = fixedBytes(r.a, p.value);
          if (fixed && !fixed.empty) report(p, `CryptoJS.${ref.path.join('.')}`, fixed.what, m && m.path[0] === 'mode' ? `x-${m.path[1].toLowerCase()}` : undefined, args[1]);
          return;
        }
        // Web Crypto: subtle.encrypt({ name: 'AES-GCM', iv }, key, data)
        if (isSubtleCall(r.a, node, ['encrypt'])) {
          const opts = objectLiteral(r.a, args[0]);
          const name = opts?.props.get('name') && staticString(r.a, opts.props.get('name')!.value);
          if (!opts || !name) return;
          const p = opts.props.get(name.toUpperCase() === 'AES-CTR' ? 'counter' : 'iv');
          if (!p) return;
          const fixed = fixedBytes(r.a, p.value);
          if (fixed && !fixed.empty) report(p, `subtle.encrypt('${name}')`, fixed.what, name.toLowerCase(), undefined);
        }
      },
    };
  },
);

// ---------------------------------------------------------------------------------------------
// code/static-salt and code/insufficient-iterations

const BCRYPT = ['bcrypt', 'bcryptjs'];
const BCRYPT_COST = [...BCRYPT, '@node-rs/bcrypt'];
/** A complete bcrypt salt (`$2b$10$` and 22 characters); other strings make bcrypt throw. */
const BCRYPT_SALT = /^\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{22}/;

/**
 * The password argument is evidently one application secret rather than a user's password: an environment
 * variable, or a value named like a key or secret (`ENCRYPTION_KEY`, `masterSecret`) and not like a password.
 * Deriving a key from a single high-entropy secret needs neither a unique salt nor many iterations, so such
 * findings are reported as low.
 */
function isApplicationSecret(a: Analysis, node: N | undefined): boolean {
  const n = node && unwrap(node);
  if (!n) return false;
  const chain = memberChain(a, n);
  if (chain && chain[0] === 'process' && chain[1] === 'env') return true;
  const name = targetName(n);
  if (!name || isPasswordName(name)) return false;
  const w = words(name);
  return !w.some((x) => /^(pass|password|passwd|pwd|pw|passphrase|pin)$/.test(x)) && w.some((x) => /^(key|secret|master|ikm)$/.test(x));
}

/** A crypto-js PBKDF2 call: `CryptoJS.PBKDF2`, `require('crypto-js/pbkdf2')`. */
function isCryptoJsPbkdf2(ref: Ref | undefined): boolean {
  return !!ref && ((ref.module === 'crypto-js' && ref.path.join('.') === 'PBKDF2') || (ref.module === 'crypto-js/pbkdf2' && ref.path.length === 0));
}

export const staticSalt = codeRule(
  {
    id: 'code/static-salt',
    title: 'Fixed salt for password hashing or key derivation',
    description:
      'OWASP A02:2021 Cryptographic Failures; OWASP Password Storage Cheat Sheet. A salt exists to make every hash unique: with one salt for all users, equal passwords give equal hashes, and an attacker who obtains the table cracks every account with a single precomputed dictionary instead of one attack per user. Reported where the salt is written in the code (a string literal, `Buffer.from(\'…\')`, `Buffer.alloc(n)`, an empty string, or a never-reassigned variable holding one) in `crypto.pbkdf2(Sync)` (also from crypto-browserify and the pbkdf2 package) and `crypto.scrypt(Sync)`, Web Crypto `subtle.deriveBits`/`deriveKey` with PBKDF2, crypto-js `PBKDF2`, argon2 `hash(password, { salt })`, and bcrypt/bcryptjs `hash(password, \'$2b$10$…\')` with a complete literal bcrypt salt (a number there is the cost, judged by code/insufficient-iterations). HKDF is not reported: its salt is optional and may be fixed (RFC 5869 section 3.1), since the input keying material is already secret and high-entropy. For the same reason a fixed salt is reported as low when the input is evidently a single application secret (an environment variable, or a value named like a key or secret rather than a password). Test files are not checked.',
    severity: 'medium',
    messages: {
      fixed: 'The salt of `{{fn}}` is {{what}}, the same for every password, so equal passwords hash alike and one dictionary attack covers every account; use a random per-user salt (`crypto.randomBytes(16)`) stored with the hash.',
      fixedSecret: 'The salt of `{{fn}}` is {{what}}; deriving a key from one high-entropy secret this way is tolerable, but if `{{name}}` can ever be a passphrase a fixed salt allows precomputed attacks. Prefer HKDF for secrets, or a random salt stored with the ciphertext.',
      bcrypt: '`{{fn}}` is given a literal bcrypt salt, so every password is hashed with the same salt; pass a cost (`{{fn}}(password, 12)`) or a salt from `genSalt()`.',
    },
    remediation: 'Generate a new random salt for every password (`crypto.randomBytes(16)`), store it next to the hash, and read it back to verify; with bcrypt pass the cost factor and let the library generate the salt.',
    references: [OWASP_PASSWORD_STORAGE, 'https://nodejs.org/api/crypto.html#cryptopbkdf2password-salt-iterations-keylen-digest-callback', 'https://www.rfc-editor.org/rfc/rfc5869#section-3.1', 'https://cwe.mitre.org/data/definitions/760.html'],
    cwe: ['CWE-760', 'CWE-759'],
    sbd: ['8', '2'],
    equivalents: {},
  },
  (r) => {
    const check = (at: N, fn: string, salt: N | undefined, password?: N) => {
      const fixed = salt && fixedBytes(r.a, salt);
      if (!fixed) return;
      if (isApplicationSecret(r.a, password)) r.at(at, 'fixedSecret', { fn, what: fixed.what, name: targetName(unwrap(password)) ?? 'the secret' }, 'low');
      else r.at(at, 'fixed', { fn, what: fixed.what });
    };
    return {
      CallExpression(node: N) {
        if (isTestPath(r.ctx.file.path)) return;
        const args: N[] = node.arguments;
        const ref = callTarget(r.a, node);
        if (isNodeCrypto(ref, ['pbkdf2', 'pbkdf2Sync', 'scrypt', 'scryptSync'])) {
          if (args[1]) check(args[1], `crypto.${ref!.path[0]}`, args[1], args[0]);
          return;
        }
        if (isCryptoJsPbkdf2(ref)) {
          if (args[1]) check(args[1], 'CryptoJS.PBKDF2', args[1], args[0]);
          return;
        }
        if (ref && BCRYPT.includes(ref.module) && ref.path.length === 1 && (ref.path[0] === 'hash' || ref.path[0] === 'hashSync') && args[1]) {
          const salt = staticString(r.a, args[1]);
          if (salt !== undefined && BCRYPT_SALT.test(salt)) r.at(args[1], 'bcrypt', { fn: `${ref.module === 'bcryptjs' ? 'bcryptjs' : 'bcrypt'}.${ref.path[0]}` });
          return;
        }
        if (ref && ref.module === 'argon2' && ref.path.join('.') === 'hash') {
          const p = objectLiteral(r.a, args[1])?.props.get('salt');
          if (p) check(p, 'argon2.hash', p.value);
          return;
        }
        if (isSubtleCall(r.a, node, ['deriveBits', 'deriveKey'])) {
          const opts = objectLiteral(r.a, args[0]);
          const name = opts?.props.get('name') && staticString(r.a, opts.props.get('name')!.value);
          const p = opts?.props.get('salt');
          if (p && name?.toUpperCase() === 'PBKDF2') check(p, 'subtle.deriveBits(\'PBKDF2\')', p.value);
        }
      },
    };
  },
);

/** OWASP Password Storage Cheat Sheet minimum PBKDF2 iterations per HMAC digest. */
const PBKDF2_MIN: ReadonlyMap<string, number> = new Map([['sha1', 1_300_000], ['sha256', 600_000], ['sha512', 210_000]]);
/** OWASP: bcrypt work factor of 10 or more. */
const BCRYPT_MIN = 10;
/** Node's default scrypt cost (2^14); OWASP's weakest equivalent configuration is N = 2^13 with p = 10. */
const SCRYPT_MIN_N = 2 ** 14;
const SCRYPT_MIN_NP = 2 ** 13 * 10;

/** `sha256`, `SHA-256`, `RSA-SHA256` → 'sha256'. */
function digestKey(name: string | undefined): string | undefined {
  return name?.toLowerCase().replace(/^rsa-/, '').replace(/-/g, '');
}

const fmt = (n: number) => n.toLocaleString('en-GB');

export const insufficientIterations = codeRule(
  {
    id: 'code/insufficient-iterations',
    title: 'Password hashing work factor below the OWASP minimum (PBKDF2 iterations, bcrypt cost, scrypt N)',
    description:
      'OWASP A02:2021 Cryptographic Failures. Password hashing functions are slow on purpose, and their work factor is what keeps a stolen hash table from being cracked in bulk on graphics cards. The thresholds are those of the OWASP Password Storage Cheat Sheet: PBKDF2 with at least 1,300,000 iterations for HMAC-SHA-1, 600,000 for HMAC-SHA-256 and 210,000 for HMAC-SHA-512; bcrypt with a cost (work factor) of at least 10; scrypt with a cost N of at least 2^17 — reported here only below 2^14, Node\'s default, unless the parallelisation p compensates as in OWASP\'s weakest equivalent configuration (N = 2^13, p = 10). Reported where the count is written in the code (a literal, arithmetic such as `2 ** 12`, or a never-reassigned constant): `crypto.pbkdf2(Sync)` (also from crypto-browserify and the pbkdf2 package) with a literal digest among those three, Web Crypto `subtle.deriveBits`/`deriveKey` with PBKDF2 and a literal `hash`, crypto-js `PBKDF2` with a literal `iterations` (and `hasher`, SHA-256 assumed when absent), bcrypt/bcryptjs/@node-rs/bcrypt `genSalt(Sync)(rounds)` and `hash(Sync)(password, rounds)`, and the `N`/`cost` option of `crypto.scrypt(Sync)`. Other digests, counts from configuration, and test files (which lower work factors for speed) are not judged; PBKDF2 over an evident application secret (an environment variable, a value named like a key) rather than a password is reported as low, since a high-entropy input does not need stretching.',
    severity: 'medium',
    messages: {
      pbkdf2: '`{{fn}}` runs {{count}} iterations of PBKDF2-HMAC-{{digest}}; OWASP\'s minimum is {{min}}. Raise the count (re-hashing existing passwords at next login), or move to scrypt or Argon2id.',
      bcrypt: '`{{fn}}` uses a bcrypt cost of {{count}}; OWASP\'s minimum is 10 (each step doubles the work). Use 12 or more if login latency allows.',
      scrypt: '`{{fn}}` uses a scrypt cost N of {{count}}, below Node\'s default 16384 (2^14); OWASP recommends N = 2^17 with r = 8, p = 1.',
    },
    remediation: 'Use Argon2id (19 MiB, 2 iterations) or scrypt (N = 2^17, r = 8, p = 1) where possible; otherwise bcrypt with cost 10 or more or PBKDF2-HMAC-SHA-256 with 600,000 iterations. Keep the parameters next to each hash so they can be raised over time.',
    references: [OWASP_PASSWORD_STORAGE, 'https://nodejs.org/api/crypto.html#cryptoscryptpassword-salt-keylen-options-callback', 'https://cwe.mitre.org/data/definitions/916.html'],
    cwe: ['CWE-916'],
    sbd: ['8', '2'],
    equivalents: {},
  },
  (r) => {
    const pbkdf2 = (at: N, fn: string, count: N | undefined, digest: string | undefined, password?: N) => {
      const d = digestKey(digest);
      const min = d ? PBKDF2_MIN.get(d) : undefined;
      const n = count === undefined ? undefined : staticNumber(r.a, count);
      if (min !== undefined && n !== undefined && n > 0 && n < min) r.at(at, 'pbkdf2', { fn, count: fmt(n), digest: `SHA-${d!.slice(3)}`, min: fmt(min) }, isApplicationSecret(r.a, password) ? 'low' : undefined);
    };
    return {
      CallExpression(node: N) {
        if (isTestPath(r.ctx.file.path)) return;
        const args: N[] = node.arguments;
        const ref = callTarget(r.a, node);
        if (isNodeCrypto(ref, ['pbkdf2', 'pbkdf2Sync'])) {
          // pbkdf2(password, salt, iterations, keylen, digest[, callback])
          if (args[2] && args[4]) pbkdf2(args[2], `crypto.${ref!.path[0]}`, args[2], staticString(r.a, args[4]), args[0]);
          return;
        }
        if (isNodeCrypto(ref, ['scrypt', 'scryptSync'])) {
          const opts = objectLiteral(r.a, args[3]);
          if (!opts) return;
          const p = opts.props.get('N') ?? opts.props.get('cost');
          const n = p && staticNumber(r.a, p.value);
          const parallel = opts.props.get('p') ?? opts.props.get('parallelization');
          const pv = parallel ? staticNumber(r.a, parallel.value) : 1;
          if (parallel && pv === undefined) return;
          if (n !== undefined && n > 0 && n < SCRYPT_MIN_N && n * Math.max(1, pv!) < SCRYPT_MIN_NP) r.at(p!, 'scrypt', { fn: `crypto.${ref!.path[0]}`, count: fmt(n) });
          return;
        }
        if (isCryptoJsPbkdf2(ref)) {
          const opts = objectLiteral(r.a, args[2]);
          const it = opts?.props.get('iterations');
          if (!it) return;
          const hasher = opts!.props.get('hasher');
          const h = hasher ? moduleOf(r.a, hasher.value) : undefined;
          // CryptoJS.algo.SHA512; without a hasher crypto-js 4.2 uses SHA-256 (older versions SHA-1, with a higher minimum)
          const digest = !hasher ? 'sha256' : h && h.module === 'crypto-js' && h.path[0] === 'algo' && h.path.length === 2 ? h.path[1] : undefined;
          pbkdf2(it, 'CryptoJS.PBKDF2', it.value, digest, args[0]);
          return;
        }
        if (ref && BCRYPT_COST.includes(ref.module) && ref.path.length === 1) {
          const fn = ref.path[0];
          const rounds = fn === 'genSalt' || fn === 'genSaltSync' ? args[0] : fn === 'hash' || fn === 'hashSync' ? args[1] : undefined;
          // only a number is a cost; a string there is a salt (code/static-salt)
          const n = rounds && staticNumber(r.a, rounds);
          if (n !== undefined && n > 0 && n < BCRYPT_MIN) r.at(rounds, 'bcrypt', { fn: `${ref.module.replace('@node-rs/', '')}.${fn}`, count: n });
          return;
        }
        if (isSubtleCall(r.a, node, ['deriveBits', 'deriveKey'])) {
          const opts = objectLiteral(r.a, args[0]);
          const name = opts?.props.get('name') && staticString(r.a, opts.props.get('name')!.value);
          const it = opts?.props.get('iterations');
          if (!opts || !it || name?.toUpperCase() !== 'PBKDF2') return;
          const hash = opts.props.get('hash')?.value;
          const hashName = hash && (staticString(r.a, hash) ?? (objectLiteral(r.a, hash)?.props.get('name') && staticString(r.a, objectLiteral(r.a, hash)!.props.get('name')!.value)));
          pbkdf2(it, `subtle.${isSubtleCall(r.a, node, ['deriveBits', 'deriveKey'])}('PBKDF2')`, it.value, hashName);
        }
      },
    };
  },
);

// ---------------------------------------------------------------------------------------------
// code/rsa-without-oaep

/** Values of `crypto.constants` RSA paddings (OpenSSL): PKCS#1 v1.5 is 1, none is 3, OAEP 4. */
const RSA_PADDINGS: ReadonlyMap<string, number> = new Map([['RSA_PKCS1_PADDING', 1], ['RSA_NO_PADDING', 3]]);

/** Forge functions that return an RSA public key, and objects whose `publicKey` is one. */
const FORGE_PUBLIC_KEY = new Set(['pki.publicKeyFromPem', 'pki.publicKeyFromAsn1', 'pki.setRsaPublicKey', 'pki.rsa.setPublicKey', 'rsa.setPublicKey', 'pki.rsa.setRsaPublicKey']);
const FORGE_KEY_HOLDERS = new Set(['pki.rsa.generateKeyPair', 'rsa.generateKeyPair', 'pki.certificateFromPem', 'pki.certificateFromAsn1', 'pki.createCertificate']);

/** The padding a `padding:` value names: `crypto.constants.RSA_PKCS1_PADDING`, `constants.RSA_NO_PADDING`, the number 1 or 3. */
function weakPadding(a: Analysis, value: N): string | undefined {
  const n = unwrap(value);
  const ref = moduleOf(a, n);
  if (ref) return ref.module === 'crypto' && ref.path.length === 2 && ref.path[0] === 'constants' && RSA_PADDINGS.has(ref.path[1]) ? ref.path[1] : undefined;
  const chain = memberChain(a, n);
  if (chain && chain.length === 3 && chain[0] === 'crypto' && chain[1] === 'constants' && RSA_PADDINGS.has(chain[2])) {
    const root = n.type === 'MemberExpression' ? unwrap(unwrap(n.object).object) : undefined;
    if (root?.type === 'Identifier' && !a.binding(root)) return chain[2];
  }
  const num = staticNumber(a, n);
  for (const [name, v] of RSA_PADDINGS) if (num === v) return name;
  return undefined;
}

/** The value is a node-forge RSA public key. */
function isForgePublicKey(a: Analysis, node: N, depth = 0): boolean {
  if (depth > 5) return false;
  const n = unwrap(node);
  if (n?.type === 'Identifier') {
    const b = a.binding(n);
    // const { publicKey } = forge.pki.rsa.generateKeyPair(2048)
    if (b && !b.reassigned && b.init && b.path?.length === 1 && b.path[0] === 'publicKey') return isForgeKeyHolder(a, b.init);
    const v = resolveValue(a, n);
    return v !== n && isForgePublicKey(a, v, depth + 1);
  }
  if (n?.type === 'CallExpression') {
    const ref = moduleOf(a, n.callee);
    return !!ref && ref.module === FORGE && FORGE_PUBLIC_KEY.has(ref.path.join('.'));
  }
  if (n?.type === 'MemberExpression' && propertyKey(n) === 'publicKey') return isForgeKeyHolder(a, n.object);
  return false;
}

function isForgeKeyHolder(a: Analysis, node: N): boolean {
  const n = resolveValue(a, node);
  if (n?.type !== 'CallExpression') return false;
  const ref = moduleOf(a, n.callee);
  return !!ref && ref.module === FORGE && FORGE_KEY_HOLDERS.has(ref.path.join('.'));
}

/** node-rsa's `encryptionScheme` option: `'pkcs1'` or `{ scheme: 'pkcs1' }`. */
function nodeRsaScheme(a: Analysis, value: N): string | undefined {
  const s = staticString(a, value);
  if (s !== undefined) return s;
  const o = objectLiteral(a, value)?.props.get('scheme');
  return o ? staticString(a, o.value) : undefined;
}

export const rsaWithoutOaep = codeRule(
  {
    id: 'code/rsa-without-oaep',
    title: 'RSA encryption with PKCS#1 v1.5 or no padding instead of OAEP',
    description:
      'OWASP A02:2021 Cryptographic Failures. RSA encryption needs OAEP padding. PKCS#1 v1.5 encryption padding is open to Bleichenbacher\'s padding-oracle attack and its timing variant Marvin: a service that decrypts attacker-supplied ciphertexts and behaves even slightly differently on bad padding lets the attacker decrypt any captured message; Node\'s February 2024 security releases disabled it for `crypto.privateDecrypt` for this reason (CVE-2023-46809). Raw RSA (no padding) is deterministic and malleable. Reported for `crypto.publicEncrypt`/`crypto.privateDecrypt` given `padding: crypto.constants.RSA_PKCS1_PADDING` or `RSA_NO_PADDING` (the default is OAEP); node-forge `publicKey.encrypt(data)` with no scheme (forge defaults to `RSAES-PKCS1-V1_5`) or with `\'RSAES-PKCS1-V1_5\'`/`\'RAW\'`, where the key visibly comes from forge (`publicKeyFromPem`, `rsa.generateKeyPair`, a certificate); and node-rsa `encryptionScheme: \'pkcs1\'` (its default is OAEP). Signing operations (`privateEncrypt`, `publicDecrypt`, `sign`) are not reported. Medium when encrypting; high for `privateDecrypt`, the decryption oracle itself, and for no padding at all. Test files are not checked.',
    severity: 'medium',
    messages: {
      node: '`crypto.{{fn}}` uses `{{padding}}`, {{why}}; use `RSA_PKCS1_OAEP_PADDING` (the default) with `oaepHash: \'sha256\'`.',
      forge: '`publicKey.encrypt()` {{how}}; pass `\'RSA-OAEP\'` with `{ md: forge.md.sha256.create() }`.',
      nodeRsa: 'node-rsa `encryptionScheme: \'pkcs1\'` selects PKCS#1 v1.5 encryption padding, open to padding-oracle attacks; keep the default `pkcs1_oaep`.',
    },
    remediation: 'Encrypt with RSA-OAEP (`padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: \'sha256\'`, forge `\'RSA-OAEP\'`), or better use RSA only to wrap a random symmetric key (or ECDH/HPKE) and encrypt data with AES-GCM. Re-encrypt data that was encrypted with PKCS#1 v1.5 when peers allow.',
    references: [
      'https://nodejs.org/api/crypto.html#cryptopublicencryptkey-buffer',
      'https://nodejs.org/en/blog/vulnerability/february-2024-security-releases',
      'https://www.rfc-editor.org/rfc/rfc8017#section-7.2',
      'https://cwe.mitre.org/data/definitions/780.html',
      OWASP_A02,
    ],
    cwe: ['CWE-780'],
    equivalents: {},
  },
  (r) => ({
    CallExpression(node: N) {
      if (isTestPath(r.ctx.file.path)) return;
      const args: N[] = node.arguments;
      const ref = callTarget(r.a, node);
      if (isNodeCrypto(ref, ['publicEncrypt', 'privateDecrypt'])) {
        const p = objectLiteral(r.a, args[0])?.props.get('padding');
        const padding = p && weakPadding(r.a, p.value);
        if (!padding) return;
        const why = padding === 'RSA_NO_PADDING' ? 'raw RSA that is deterministic and malleable' : 'PKCS#1 v1.5 encryption padding open to padding-oracle (Bleichenbacher, Marvin) attacks';
        r.at(p!, 'node', { fn: ref!.path[0], padding, why }, ref!.path[0] === 'privateDecrypt' || padding === 'RSA_NO_PADDING' ? 'high' : undefined);
        return;
      }
      const callee = unwrap(node.callee);
      if (callee.type === 'MemberExpression' && propertyKey(callee) === 'encrypt' && args.length >= 1 && isForgePublicKey(r.a, callee.object)) {
        if (args.length === 1 || (unwrap(args[1]).type === 'Identifier' && unwrap(args[1]).name === 'undefined' && !r.a.binding(unwrap(args[1])))) {
          r.at(node, 'forge', { how: 'defaults to RSAES-PKCS1-V1_5 padding, open to padding-oracle attacks' });
          return;
        }
        const scheme = staticString(r.a, args[1])?.toUpperCase();
        if (scheme === 'RSAES-PKCS1-V1_5') r.at(node, 'forge', { how: 'uses RSAES-PKCS1-V1_5 padding, open to padding-oracle attacks' });
        else if (scheme === 'RAW' || scheme === 'NONE') r.at(node, 'forge', { how: 'uses raw RSA without padding, which is deterministic and malleable' }, 'high');
        return;
      }
      // key.setOptions({ encryptionScheme: 'pkcs1' })
      if (callee.type === 'MemberExpression' && propertyKey(callee) === 'setOptions' && isNodeRsaInstance(r.a, callee.object)) {
        const p = objectLiteral(r.a, args[0])?.props.get('encryptionScheme');
        if (p && nodeRsaScheme(r.a, p.value) === 'pkcs1') r.at(p, 'nodeRsa');
      }
    },
    NewExpression(node: N) {
      if (isTestPath(r.ctx.file.path)) return;
      // new NodeRSA(key, 'pkcs8-public', { encryptionScheme: 'pkcs1' })
      const ref = moduleOf(r.a, node.callee);
      if (!ref || ref.module !== NODE_RSA || ref.path.length !== 0) return;
      for (const arg of node.arguments.slice(1)) {
        const p = objectLiteral(r.a, arg)?.props.get('encryptionScheme');
        if (p && nodeRsaScheme(r.a, p.value) === 'pkcs1') r.at(p, 'nodeRsa');
      }
    },
  }),
);
