import type { Rule } from '../../src/model/rule.js';
import { SECRET_STANDARDS } from './lib/make-rule.js';
import { compilePattern, detect, forEachMatch, hasKeyword, keywordIds, prepare, redactionValues } from './lib/scanner.js';
import { isPlaceholder, shannonEntropy } from './lib/entropy.js';
import { ALL_DETECTORS } from './families.js';

const SECRET_NAME = '(?:password|passwd|passphrase|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|auth[_-]?key|private[_-]?key|client[_-]?secret|credentials?|signing[_-]?key|encryption[_-]?key|master[_-]?key|session[_-]?key)';
/** `name = "literal"`, `"name": "literal"`, `name: 'literal'`, `name := "literal"`, `name => 'literal'`. */
const QUOTED = new RegExp(`(${SECRET_NAME}[A-Za-z0-9_.-]{0,30})["'\`]?[ \\t]{0,4}(?:=|:=|:|=>|\\?=|\\|\\|=)[ \\t]{0,4}(?:[rbu]|@)?(["'\`])([^"'\`\\s\\\\]{8,200})\\2`, 'gi');
/** Unquoted values in .env, properties, ini and YAML files: `NAME=value`, `name: value`. */
const UNQUOTED = new RegExp(`^[ \\t]*(?:export[ \\t]+|-[ \\t]+)?([A-Za-z0-9_.-]{0,40}?${SECRET_NAME}[A-Za-z0-9_.-]{0,30})[ \\t]*(?:=|:)[ \\t]*([^\\s"'\`]{8,200})(?:[ \\t]+#.*)?[ \\t]*$`, 'gim');
/** Words one of which a secret-sounding name contains: no work at all for files without them. */
const NAME_WORDS = keywordIds(['pass', 'pwd', 'secret', 'token', 'key', 'cred']);
const QUOTED_PATTERN = compilePattern(QUOTED);
const UNQUOTED_PATTERN = compilePattern(UNQUOTED);
const UNQUOTED_FILES = /(?:^|\/)(?:\.env(?:\.[\w-]+)?|[^/]+\.(?:env|properties|ini|cfg|conf|ya?ml|toml))$/i;

/** Key names that are about a secret but do not hold one. */
const NOT_A_SECRET_NAME = /(?:name|file|filename|path|dir|url|uri|endpoint|host|id|ids|type|length|len|size|expiry|expires|expiresat|expiresin|ttl|timeout|header|headername|field|policy|label|placeholder|prompt|hint|regex|pattern|version|count|env|ref|arn|keyid|format|mode|enabled|required|min|max|hash|hashed|digest|salt|prefix|suffix|param|parameter|key ref|keyref|selector|provider|method|algorithm|alg|location|store|vault|manager|input|button|text|title|message|error|validation|rules|strength|reset|confirm|confirmation|changed|updated|created|usage|limit|scope|scopes|audience|issuer|style|class|icon|visible|visibility|secretref|secretkeyref|public|publickey|pubkey)$/;
const NAME_CHAR = /[A-Za-z0-9_.-]/;
const PUBLIC_NAME = /public|publishable|pubkey|anon/i;

const HEX_HASH = /^(?:[a-f0-9]{32}|[a-f0-9]{40}|[a-f0-9]{56}|[a-f0-9]{64}|[a-f0-9]{96}|[a-f0-9]{128}|[A-F0-9]{32}|[A-F0-9]{40}|[A-F0-9]{64})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INTEGRITY = /^(?:sha(?:1|256|384|512)|md5)[-:]/i;
const IMAGE = /^(?:data:|iVBORw0KGgo|\/9j\/|R0lGOD|PHN2Zy|UklGR)/;
const PATH_LIKE = /^(?:\/|\.{1,2}\/|~\/|[A-Za-z]:\\|[a-z][\w+.-]*:\/\/)|^[\w.-]+(?:\/[\w.-]+)+$|\.(?:json|ya?ml|pem|crt|key|txt|env|ini|conf|cfg|js|ts|py|rb|sh|p12|pfx|jks)$/i;
const IDENTIFIER = /^(?:[A-Za-z]+(?:[_.-][A-Za-z]+)*|[a-z]+(?:[A-Z][a-z]+)+|[A-Z][a-z]+(?:[A-Z][a-z]+)+)$/;
const DOTTED = /^[A-Za-z_$][A-Za-z_$]*(?:\.[A-Za-z_$][A-Za-z_$]*)+(?:\(\))?$/;
const PLACEHOLDER = /test|fake|sample|dummy|example|changeme|placeholder|secret|password|passwd|token|xxxx|\*\*\*|your[_-]|my[_-]?(?:api|secret|key|token|pass)|todo|fixme|replace|insert|dev[_-]?only|not[_-]?real|none|null|undefined|\$\{|\{\{|<|%\(|%s|\$[A-Z_]/i;
/** Test fixtures, docs and examples, named as such. */
const TEST_PATH = /(?:^|\/)(?:tests?|__tests__|spec|specs|fixtures?|testdata|test-data|__fixtures__|mocks?|__mocks__|examples?|samples?|docs?|e2e|cypress|playwright)\/|(?:^|[/._-])(?:test|spec)[._-][^/]*$|_test\.\w+$|\.(?:example|sample|dist|template|tpl|md|markdown|rst|adoc)$|(?:^|\/)(?:package-lock\.json|yarn\.lock|pnpm-lock\.yaml|[^/]*\.lock|[^/]*\.min\.[jc]ss?|[^/]*\.map|[^/]*\.svg)$/i;

function classes(v: string): number {
  return (/[a-z]/.test(v) ? 1 : 0) + (/[A-Z]/.test(v) ? 1 : 0) + (/[0-9]/.test(v) ? 1 : 0) + (/[^A-Za-z0-9]/.test(v) ? 1 : 0);
}

/** Is this literal, assigned to a secret-sounding name, likely a real secret? */
export function looksLikeSecret(name: string, value: string): boolean {
  const key = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (NOT_A_SECRET_NAME.test(key) || PUBLIC_NAME.test(name)) return false;
  if (value.toLowerCase().replace(/[^a-z0-9]/g, '') === key) return false;
  if (HEX_HASH.test(value) || UUID.test(value) || INTEGRITY.test(value) || IMAGE.test(value)) return false;
  if (PATH_LIKE.test(value) || IDENTIFIER.test(value) || DOTTED.test(value)) return false;
  if (PLACEHOLDER.test(value) || isPlaceholder(value)) return false;
  if (/^\$2[aby]?\$\d\d\$|^\$argon2|^\{(?:SSHA|SHA|bcrypt)\}|^pbkdf2_/.test(value)) return false; // password hashes
  if (/^\d+(?:\.\d+)*$/.test(value) || /^[\d\s:./-]+$/.test(value)) return false; // numbers, dates, versions
  const n = value.length;
  const h = shannonEntropy(value);
  if (classes(value) < 2) return false;
  return n >= 16 ? h >= 3.5 : h >= 3;
}

const rule: Rule = {
  meta: {
    id: 'secrets/generic-high-entropy-assignment',
    title: 'Secret-like literal assigned to a password, secret, token or key',
    description:
      'A variable, setting or key named like a credential (password, secret, token, api_key, client_secret, private_key, …) is given a literal value with high Shannon entropy: very likely a real credential of a format no specific detector knows. It cannot be as precise as a vendor format, so it is reported at low severity. Hashes (hex 32/40/64), UUIDs, lockfile integrity values, base64 images, file paths, identifiers, environment references, template placeholders and words such as example, changeme, dummy, test, fake and sample are ignored, as are test fixtures, examples and documentation named as such, and values already reported by a vendor-specific secrets rule.',
    severity: 'low',
    kinds: ['text'],
    messages: {
      assignment: '`{{name}}` is assigned a literal that looks like a secret ({{length}} characters, entropy {{entropy}} bits per character); if it is one, rotate it and read it from a secret store or environment variable instead.',
    },
    remediation: 'If the value is a real credential, rotate it, remove it from the code and its history, and read it at run time from a secret store or environment variable. If it is not (a test value or public identifier), rename it, move it to a test fixture, or mark the line with `# saltire-ignore secrets/generic-high-entropy-assignment -- <reason>`.',
    references: ['https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html', 'https://cwe.mitre.org/data/definitions/798.html'],
    standards: SECRET_STANDARDS,
    equivalents: { gitleaks: ['generic-api-key'], secretlint: ['@secretlint/secretlint-rule-pattern'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    const path = ctx.file.path;
    if (ctx.file.kind === 'lockfile' || TEST_PATH.test(path)) return;
    const p = prepare(ctx.file);
    if (!hasKeyword(p, NAME_WORDS, true)) return;
    // values a vendor-specific detector already reports are not reported twice
    const known = detect(p, ALL_DETECTORS);
    const overlaps = (a: number, b: number) => known.some((c) => c.secretStart < b && c.secretStart + c.secret.length > a);
    const seen = new Set<number>();
    const consider = (name: string, value: string, at: number) => {
      if (seen.has(at) || !looksLikeSecret(name, value) || overlaps(at, at + value.length)) return;
      seen.add(at);
      const pos = ctx.file.lines.position(at);
      ctx.report({
        messageId: 'assignment',
        offsets: [at, at + value.length],
        data: { name: name.slice(0, 80), length: value.length, entropy: shannonEntropy(value).toFixed(1) },
        secrets: redactionValues(value, ctx.file.lines.lineText(pos.line), pos.column),
        properties: { name: name.slice(0, 80), length: value.length },
      });
    };
    const text = p.short;
    forEachMatch(p, QUOTED_PATTERN, text, (m) => {
      // the key name may start before the secret-sounding word: DB_PASSWORD, clientSecret, aws.secret
      let s = m.index;
      while (s > 0 && m.index - s < 40 && NAME_CHAR.test(text[s - 1])) s--;
      consider(text.slice(s, m.index) + m[1], m[3], m.index + m[0].length - 1 - m[3].length);
    });
    if (UNQUOTED_FILES.test(path)) forEachMatch(p, UNQUOTED_PATTERN, text, (m) => consider(m[1], m[2], m.index + m[0].indexOf(m[2], m[0].indexOf(m[1]) + m[1].length)));
  },
};
export default rule;
