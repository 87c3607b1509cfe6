/** JSON Web Tokens (jsonwebtoken): algorithm pinning and the `none` algorithm. */
import { calledModuleFunction, calleeName, isModuleFn, moduleOf, objectLiteral, resolveValue, staticString, unwrap, type Analysis, type N } from './lib/analysis.js';
import { codeRule, isTestPath } from './lib/kit.js';

const JWT = ['jsonwebtoken'];

function isFunction(a: Analysis, node: N): boolean {
  const n = resolveValue(a, node);
  if (n.type === 'ArrowFunctionExpression' || n.type === 'FunctionExpression') return true;
  if (n.type === 'Identifier') {
    const b = a.binding(n);
    return b?.kind === 'function';
  }
  return false;
}

function algorithmsOf(a: Analysis, node: N | undefined): string[] {
  if (!node) return [];
  const v = resolveValue(a, node);
  if (v.type === 'ArrayExpression') return v.elements.map((e: N) => (e ? staticString(a, e) : undefined)).filter((x: string | undefined): x is string => x !== undefined);
  const s = staticString(a, v);
  return s === undefined ? [] : [s];
}

/**
 * Whether the key passed to `jwt.verify` is known to be empty (`''`, `null`, `undefined`, `false`, missing) or known
 * to be present; undefined when it depends on run-time values (an environment variable, a parameter).
 */
function keyTruth(a: Analysis, node: N | undefined): boolean | undefined {
  if (!node) return false;
  const v = unwrap(resolveValue(a, node));
  if (v.type === 'Identifier' && v.name === 'undefined' && !a.binding(v)) return false;
  if (v.type === 'Literal') return !!v.value || !!v.regex;
  const s = staticString(a, v);
  if (s !== undefined) return s !== '';
  // objects, key objects and Buffers are truthy even when empty
  if (v.type === 'ObjectExpression' || v.type === 'ArrayExpression' || v.type === 'NewExpression') return true;
  if (v.type === 'CallExpression' && /^(readFileSync|createSecretKey|createPublicKey|createPrivateKey)$/.test(calleeName(v) ?? '')) return true;
  if (v.type === 'CallExpression' && calleeName(v) === 'from' && unwrap(v.callee).type === 'MemberExpression' && unwrap(unwrap(v.callee).object).name === 'Buffer') return true;
  return undefined;
}

export const jwtVerifyWithoutAlgorithms = codeRule(
  {
    id: 'code/jwt-verify-without-algorithms',
    title: 'jwt.verify without an explicit algorithms list',
    description:
      'OWASP A02:2021 Cryptographic Failures / A07:2021 Identification and Authentication Failures. Without `algorithms`, `jsonwebtoken` accepts whichever algorithm the token\'s own header names. That allows algorithm-confusion attacks (an RS256 public key used as an HS256 secret) and, in versions before 9, unsigned `none` tokens. Pinning the expected algorithm makes the server, not the attacker, choose how tokens are checked. Test files (which verify tokens they have just signed) are not checked.',
    severity: 'medium',
    messages: {
      missing: '`jwt.verify` is called without an `algorithms` option, so the token header chooses the algorithm; pass `{ algorithms: [\'RS256\'] }` (or the one algorithm you issue).',
    },
    remediation: 'Always pass the expected algorithm(s): `jwt.verify(token, key, { algorithms: [\'RS256\'] })`; keep jsonwebtoken at version 9 or later.',
    references: ['https://github.com/auth0/node-jsonwebtoken#jwtverifytoken-secretorpublickey-options-callback', 'https://cwe.mitre.org/data/definitions/347.html', 'https://owasp.org/Top10/A02_2021-Cryptographic_Failures/'],
    cwe: ['CWE-347'],
    equivalents: {},
  },
  (r) => ({
    CallExpression(node: N) {
      // a test decoding the tokens it has just signed: no attacker chooses the header there
      if (isTestPath(r.ctx.file.path)) return;
      const ref = calledModuleFunction(r.a, node);
      if (!isModuleFn(ref, JWT, ['verify'])) return;
      if (node.arguments.length < 2 || node.arguments.some((x: N) => x.type === 'SpreadElement')) return;
      const opts = node.arguments[2];
      if (opts && !isFunction(r.a, opts)) {
        const o = unwrap(opts);
        if (o.type === 'Identifier' && o.name === 'undefined') {
          r.at(node, 'missing');
          return;
        }
        const lit = objectLiteral(r.a, opts);
        if (!lit || lit.spread || lit.props.has('algorithms')) return;
      }
      r.at(node, 'missing');
    },
  }),
);

export const jwtNoneAlgorithm = codeRule(
  {
    id: 'code/jwt-none-algorithm',
    title: 'JWT signed or verified with the "none" algorithm',
    description:
      'OWASP A02:2021 Cryptographic Failures / A07:2021. The `none` algorithm means the token carries no signature: anyone can write a token claiming any identity or role, and a verifier that accepts `none` trusts it. Signing with `algorithm: \'none\'` removes all integrity protection from the token. jsonwebtoken\'s `verify` rejects unsigned tokens whenever a key is passed, so `\'none\'` in `algorithms` is reported when the key is empty (high) or may be empty at run time, such as an environment variable (medium), and not when the key is a fixed value. With jose 1.x/2.x, passing the special key `JWK.None` to `JWT`/`JWS` `sign` or `verify` selects the `none` algorithm and is reported.',
    severity: 'high',
    messages: {
      sign: '`jwt.sign` uses `algorithm: \'none\'`, producing unsigned tokens that anyone can forge; sign with RS256/ES256 (or HS256 with a strong secret).',
      verify: '`jwt.verify` accepts the `none` algorithm with an empty key, so unsigned, forged tokens are trusted; pass the real key and list only the algorithms you sign with (e.g. `[\'RS256\']`).',
      verifyKey: '`jwt.verify` lists `none` in `algorithms`: jsonwebtoken then accepts unsigned, forged tokens whenever the key is empty (a missing environment variable, an unset setting); list only the algorithms you sign with (e.g. `[\'RS256\']`).',
      joseSign: '`{{call}}` is given `JWK.None`, so it produces unsigned tokens (`alg: none`) that anyone can forge; sign with a private key or a strong secret (e.g. `JWK.asKey(…)` with RS256/ES256).',
      joseVerify: '`{{call}}` is given `JWK.None`, so it accepts unsigned tokens (`alg: none`) that anyone can forge; verify with the issuer\'s public key or secret and pin `algorithms`.',
    },
    remediation: 'Sign tokens with an asymmetric (RS256, ES256, EdDSA) or strong HMAC algorithm and verify with `algorithms` listing only that algorithm.',
    references: ['https://datatracker.ietf.org/doc/html/rfc8725#section-3.1', 'https://cwe.mitre.org/data/definitions/347.html', 'https://owasp.org/Top10/A02_2021-Cryptographic_Failures/'],
    cwe: ['CWE-347'],
    equivalents: { semgrep: ['javascript.jsonwebtoken.security.jwt-none-alg.jwt-none-alg'], bearer: ['javascript_lang_jwt_weak_encryption'] },
  },
  (r) => ({
    CallExpression(node: N) {
      const ref = calledModuleFunction(r.a, node);
      if (ref?.module === 'jose' && ref.path.length === 2 && (ref.path[0] === 'JWT' || ref.path[0] === 'JWS') && (ref.path[1] === 'sign' || ref.path[1] === 'verify')) {
        // jose 1.x/2.x: the special key `JWK.None` selects the `none` algorithm (unsigned tokens)
        const key = node.arguments[1];
        if (!key || key.type === 'SpreadElement') return;
        const k = moduleOf(r.a, resolveValue(r.a, key));
        if (k?.module === 'jose' && k.path.join('.') === 'JWK.None') r.at(key, ref.path[1] === 'sign' ? 'joseSign' : 'joseVerify', { call: ref.path.join('.') });
        return;
      }
      if (isModuleFn(ref, JWT, ['sign'])) {
        const lit = objectLiteral(r.a, node.arguments[2]);
        const alg = lit?.props.get('algorithm');
        if (alg && algorithmsOf(r.a, alg.value).some((x) => x.toLowerCase() === 'none')) r.at(alg, 'sign');
      } else if (isModuleFn(ref, JWT, ['verify'])) {
        const lit = objectLiteral(r.a, node.arguments[2]);
        const algs = lit?.props.get('algorithms');
        if (!algs || !algorithmsOf(r.a, algs.value).some((x) => x.toLowerCase() === 'none')) return;
        // jsonwebtoken rejects an unsigned token when a key is given ('jwt signature is required'): `none` only matters with an empty key
        const key = node.arguments[1];
        if (key?.type === 'SpreadElement') return;
        const truth = keyTruth(r.a, key);
        if (truth === false) r.at(algs, 'verify');
        else if (truth === undefined) r.at(algs, 'verifyKey', undefined, 'medium');
      }
    },
  }),
);
