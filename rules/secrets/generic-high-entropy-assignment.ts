import type { Rule } from '../../src/model/rule.js';
import { SECRET_STANDARDS } from './lib/make-rule.js';
import { compilePattern, detect, forEachMatch, hasKeyword, keywordIds, prepared, redactionValues } from './lib/scanner.js';
import { isPlaceholder, shannonEntropy } from './lib/entropy.js';
import { BASE64, base64UserPassword, standInPassword } from './lib/base64.js';
import { ALL_DETECTORS } from './families.js';

const SECRET_NAME = '(?:password|passwd|passphrase|pwd|(?<![a-z])pass(?![a-z])|secret|token|api[_-]?key|apikey|access[_-]?key|auth[_-]?key|private[_-]?key|client[_-]?secret|credentials?|creds(?![a-z])|auth(?![a-z])|signing[_-]?key|encryption[_-]?key|master[_-]?key|session[_-]?key)';
/** An optional type between the name and the operator: Go `var x string =`, TypeScript/Kotlin `x: string =`. */
const TYPED = '(?:[ \\t]+(?:string|String|str)|[ \\t]{0,2}:[ \\t]{0,2}(?:string|String|str))?';
/** Assignment operators of config and code: `=`, `:`, `:=`, `::=`, `:::=`, `=>`, `?=`, `||=`, `.=`, `??=`, and `,` between a quoted name and its value (`setProperty("X_TOKEN", "…")`). */
const OPERATOR = '(?:=|:=|::=|:::=|:|=>|\\?=|\\|\\|=|\\.=|\\?\\?=|,)';
/** `name = "literal"`, `"name": "literal"`, `name: 'literal'`, `name := "literal"`, `name => 'literal'`, `settings["SECRET_KEY"] = "literal"`. */
const QUOTED = new RegExp(`(${SECRET_NAME}[A-Za-z0-9_.-]{0,30})(["'\`]?)(?:(?<=["'\`])\\])?${TYPED}[ \\t]{0,4}(${OPERATOR})[ \\t]{0,4}(?:[rbu]|@)?(["'\`])([^"'\`\\s\\\\]{8,200})\\4`, 'gi');
/** Unquoted values in .env, properties, ini and YAML files: `NAME=value`, `name: value`, `name: !!binary value` (not a YAML flow list or map such as `oauth: [read:pets]`). */
const UNQUOTED = new RegExp(`^[ \\t]*(?:export[ \\t]+|-[ \\t]+)?([A-Za-z0-9_.-]{0,40}?${SECRET_NAME}[A-Za-z0-9_.-]{0,30})[ \\t]*(?:=|:)[ \\t]*(?:!!binary[ \\t]+)?([^\\s"'\`[{][^\\s"'\`]{7,199})(?:[ \\t]+#.*)?[ \\t]*$`, 'gim');
/**
 * Unquoted values anywhere (scripts, code, logs, command lines, escaped config inside strings):
 * `passwd = jAW…`, `PGPASSWORD=… psql`, `--password=…`, `"CONFIG_TOKEN=…\\n…"`. The value has no
 * brackets, quotes, commas or `$`, so calls, expressions and references do not match. The regex
 * starts at the secret-sounding word (an anchor for the pre-filter); the name's start is found in code.
 */
const UNQUOTED_ANY = new RegExp(`${SECRET_NAME}[A-Za-z0-9_.-]{0,30}[ \\t]{0,4}(=|:=|::=|:::=|\\?=|:)[ \\t]{0,4}([^\\s"'\`<>(){}\\[\\],;&$\\\\]{8,200})(?=$|[\\s"'\`,;<]|\\\\[nrt])`, 'gim');
/** `<apiToken>value</apiToken>`: the value alone between the tags (XML configuration); the tags are checked in code. */
const XML_ELEMENT = new RegExp(`${SECRET_NAME}[A-Za-z0-9_.-]{0,30}>\\s{0,40}([^\\s<>"'\`]{8,200})\\s{0,40}</`, 'gi');
/**
 * An XML attribute naming a secret, the value in another attribute or the element's text: .NET
 * `<add key="SmtpPassword" value="…" />`, Spring `<property name="password" value="…"/>`, `<entry key="apiKey"
 * value="…"/>`, `<setting name="ApiToken">…</setting>`. The regex finds the quoted name; the tag is read in code.
 */
const XML_NAME_ATTR = new RegExp(`${SECRET_NAME}[A-Za-z0-9_.-]{0,30}(["'])`, 'gi');
/** `<dbPassword value="…"/>`: an element named like a secret, its value in a `value` attribute. */
const XML_VALUE_ATTR = new RegExp(`${SECRET_NAME}[A-Za-z0-9_.-]{0,30}[ \\t]+value[ \\t]*=[ \\t]*(["'])([^"'\\s<>]{8,200})\\1`, 'gi');
/**
 * Command-line options given their value after a blank: `--api-key 7Hq…`, `--password "…"`, `-token …` (shell
 * scripts, CI steps, Dockerfiles). The regex starts at the dash before the secret-sounding word (`--db-password`: at
 * `-password`), an anchor the pre-filter finds; the whole option name is read in code.
 */
const CLI_OPTION = new RegExp(`-${SECRET_NAME}[A-Za-z0-9_-]{0,30}[ \\t]+(["']?)([^\\s"'\`<>(){}\\[\\],;&|$\\\\]{8,200})\\1(?=$|[\\s;|&)\\\\])`, 'gim');
/**
 * A quoted refresh token longer than the 200 characters the patterns above take: Microsoft Entra ID's (`0.A…` / `1.A…`,
 * a thousand characters and more) in a saved token cache, an MSAL/ADAL response or a script. Only under a refresh-token
 * name, so long encrypted values (sealed secrets, vault ciphertext) under other names stay out.
 */
const LONG_REFRESH_TOKEN = /(refresh[_-]?token)(["'`]?)[ \t]{0,4}(?:=|:|:=|=>)[ \t]{0,4}(["'`])([A-Za-z0-9._~+/-]{201,4096}={0,2})\3/gi;
/** .NET `new NetworkCredential("user", "password")`: the second literal is the password. */
const NETWORK_CREDENTIAL = /NetworkCredential[ \t]*\([ \t]*"([^"\n]{1,100})"[ \t]*,[ \t]*"([^"\s]{8,200})"/g;
/** Android Gradle `buildConfigField "String", "API_KEY", "\"…\""` (Groovy or Kotlin DSL): the value is a quoted string inside a string. */
const BUILD_CONFIG_FIELD = /buildConfigField[ \t(]+["']String["'][ \t]*,[ \t]*["']([A-Za-z0-9_]{1,60})["'][ \t]*,[ \t]*(?:'"|"\\")([^"'\\\s]{8,200})(?:"'|\\"")/g;
/** Words one of which a secret-sounding name contains: no work at all for files without them. */
const NAME_WORDS = keywordIds(['pass', 'pwd', 'secret', 'token', 'key', 'cred', 'auth']);
const QUOTED_PATTERN = compilePattern(QUOTED);
const UNQUOTED_PATTERN = compilePattern(UNQUOTED);
const UNQUOTED_ANY_PATTERN = compilePattern(UNQUOTED_ANY);
const XML_PATTERN = compilePattern(XML_ELEMENT);
const XML_NAME_ATTR_PATTERN = compilePattern(XML_NAME_ATTR);
const XML_VALUE_ATTR_PATTERN = compilePattern(XML_VALUE_ATTR);
const CLI_OPTION_PATTERN = compilePattern(CLI_OPTION);
const NETWORK_CREDENTIAL_PATTERN = compilePattern(NETWORK_CREDENTIAL);
const LONG_REFRESH_TOKEN_PATTERN = compilePattern(LONG_REFRESH_TOKEN);
const BUILD_CONFIG_PATTERN = compilePattern(BUILD_CONFIG_FIELD);
const SECRET_NAME_RE = new RegExp(SECRET_NAME, 'i');
/** Files with XML markup where attributes name secrets (`<property name="password" value="…"/>`). */
const XML_FILES = /\.(?:xml|config|xaml|xsl|xslt|jsp|jspx|html?|xhtml|vm|ftl|wsdl|plist|pom|csproj|vbproj|fsproj|props|targets|cshtml|aspx|ascx|tld|jnlp|properties|cfg|conf)$/i;
const UNQUOTED_FILES = /(?:^|\/)(?:\.env(?:\.[\w-]+)?|[^/]+\.(?:env|properties|ini|cfg|conf|ya?ml|toml))$/i;

/** Key names that are about a secret but do not hold one. */
const NOT_A_SECRET_NAME = /(?:name|file|filename|path|dir|url|uri|endpoint|host|domain|id|ids|type|length|len|size|expiry|expires|expiresat|expiresin|ttl|timeout|header|headername|field|policy|label|placeholder|prompt|hint|regex|pattern|version|count|env|ref|arn|keyid|format|mode|enabled|required|min|max|hash|hashed|digest|salt|prefix|suffix|param|parameter|key ref|keyref|selector|provider|method|algorithm|alg|location|store|vault|manager|input|button|text|title|message|error|validation|rules|strength|reset|confirm|confirmation|changed|updated|created|usage|limit|scope|scopes|audience|issuer|style|class|icon|visible|visibility|secretref|secretkeyref|public|publickey|pubkey|template|tpl|cls|spec|signature|stdin|(?:next|nextpage|page|pagination|continuation|change|clientrequest|client|idempotency|output|initialcluster)token)$/;
/** Names under which a hex string is a commit, checksum or fingerprint rather than a secret. */
const HASH_NAME = /commit|sha|hash|digest|checksum|etag|rev|fingerprint|nonce|salt|iv$|integrity|version/i;
/** Values that start like a vendor token: their own detector decides (a malformed one is not a generic secret). */
const VENDOR_PREFIX = /^(?:xox[a-z]-|xapp-|gh[pousr]_|github_pat_|glpat-|sk_(?:live|test)_|rk_(?:live|test)_)/;
const NAME_CHAR = /[A-Za-z0-9_.-]/;
/** Public keys and anti-forgery tokens (Rails `authenticity_token`, ASP.NET `__RequestVerificationToken`): sent to every visitor. */
const PUBLIC_NAME = /public|publishable|pubkey|anon|csrf|xsrf|authenticity|requestverification|antiforgery/i;
/** The secret-sounding word at the start of a match, to see what follows it. */
const SECRET_WORD = new RegExp(`^${SECRET_NAME}`, 'i');
/** Values published on purpose (e.g. the npm-search key built into Yarn): not secrets wherever they appear. */
const KNOWN_PUBLIC = new Set([
  '6fe4476ee5a1832882e326b506d14126',
  // RFC 6749/6750's example access, refresh and bearer tokens and RFC 5849's example OAuth 1.0 values, quoted in every OAuth library's docs
  '2YotnFZFEjr1zCsicMWpAA',
  'tGzv3JOkF0XG5Qx2TlKWIA',
  'mF_9.B5f-4.1JqM',
  '0685bd9184jfhq22',
  'ad180jjd733klru7',
  'wOJIO9A2W5mFwDgiDvZbTSMK%2FPY%3D',
]);
/**
 * Keys public by design, made to ship in every page's JavaScript: PostHog project API keys (`phc_`, they only
 * send events), Braintree tokenization keys (`sandbox_…_…`/`production_…_…`, client-side card tokenization) and
 * Mailgun public validation keys (`pubkey-` and 32 lower-case letters and digits, for checking addresses in the browser).
 */
const PUBLIC_BY_DESIGN = /^(?:phc_[A-Za-z0-9]{30,60}|(?:sandbox|production)_[a-z0-9]{6,10}_[a-z0-9]{14,20}|pubkey-[a-z0-9]{32})$/;

const HEX_HASH = /^(?:[a-f0-9]{32}|[a-f0-9]{40}|[a-f0-9]{56}|[a-f0-9]{64}|[a-f0-9]{96}|[a-f0-9]{128}|[A-F0-9]{32}|[A-F0-9]{40}|[A-F0-9]{64})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INTEGRITY = /^(?:sha(?:1|256|384|512)|md5)[-:]/i;
const IMAGE = /^(?:data:|iVBORw0KGgo|\/9j\/|R0lGOD|PHN2Zy|UklGR)/;
const PATH_LIKE = /^(?:arn:aws[\w-]*:|\/|\.{1,2}\/|~\/|[A-Za-z]:\\|[a-z][\w+.-]*:\/\/)|\.(?:json|ya?ml|pem|crt|key|txt|env|ini|conf|cfg|js|ts|py|rb|sh|p12|pfx|jks)$/i;
/** `config/app/settings`: words between slashes, a relative path; not when a part is random (base64 keys hold `/`: `K7aQ…/3jOR…`). */
const SEGMENTS = /^[\w.-]+(?:\/[\w.-]+)+$/;
const randomPart = (v: string) => v.split('/').some((x) => x.length >= 16 && /[A-Z]/.test(x) && /[a-z]/.test(x) && /[0-9]/.test(x));
/** A lower-case host name (`tenant.us.auth0.com`, `db.internal.example.org`): an address, not a secret. */
const HOSTNAME = /^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,12}$/;
const IDENTIFIER = /^[_#?@]?(?:[A-Za-z]+(?:[_.-][A-Za-z]+)*|[a-z]+(?:[A-Z][a-z]+)+|[A-Z][a-z]+(?:[A-Z][a-z]+)+)$/;
const DOTTED = /^[A-Za-z_$][A-Za-z_$]*(?:\.[A-Za-z_$][A-Za-z_$]*)+(?:\(\))?$/;
/** `Jobs[-1].JobId`: a path with list indices (JMESPath, JSONPath), checked as DOTTED once the indices are dropped. */
const INDEX = /\[-?\d+\]/g;
/** An ISO 8601 date and time (`2016-09-08T21:47:36Z`): a `…LastUsed`/`…ExpiresAt` value, not a secret. */
const TIMESTAMP = /^\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?$/;
/** A Python/C# format field (`{current_phrase}`, `{0}`) or a character outside Latin-1 (an i18n message, not a key). */
const FORMAT_FIELD_OR_TEXT = /\{[A-Za-z_0-9][\w.]*\}|[^\u0000-\u00ff]/;
const PLACEHOLDER = /&lt;|&gt;|test|fake|sample|dummy|example|changeme|anonymous|placeholder|secret|password|passwd|token|xxxx|\*\*\*|your[_-]|my[_-]?(?:api|secret|key|token|pass)|todo|fixme|replace|insert|dev[_-]?only|not[_-]?real|none|null|undefined|\$\{|\{\{|<|%\(|%s|\$[A-Z_]/i;
/** Test fixtures, docs and examples, named as such. */
const TEST_PATH = /(?:^|\/)(?:tests?|__tests__|spec|specs|fixtures?|testdata|test-data|__fixtures__|mocks?|__mocks__|examples?|samples?|docs?|e2e|cypress|playwright)\/|(?:^|[/._-])(?:test|spec|examples?)[._-][^/]*$|_test\.\w+$|\.(?:example|sample|dist|template|tpl|md|markdown|rst|adoc)$|(?:^|\/)(?:package-lock\.json|yarn\.lock|pnpm-lock\.yaml|[^/]*\.lock|[^/]*\.min\.[jc]ss?|[^/]*\.map|[^/]*\.svg)$/i;

/**
 * A Django `SECRET_KEY` as `django-admin startproject` writes it: 50 characters of get_random_secret_key()'s alphabet
 * (lower-case letters, digits and `!@#$%^&*(-_=+)`), since Django 3.2 after `django-insecure-`. Its `%(` and `$` are
 * part of the key, not a template.
 */
const DJANGO_SECRET_KEY = /^(?:django-insecure-)?[a-z0-9!@#$%^&*(\-_=+)]{50}$/;
const STAND_IN_WORD = /test|fake|sample|dummy|example|changeme|change-me|placeholder|your[_-]|replace|xxxx|todo/i;

/** `abc12345`, `ABC12345`, `abcdefg123`, `AbCeFG123`: the value is nothing but runs of three or more consecutive characters (in either case), as typed for a placeholder. */
function ascendingRuns(value: string): boolean {
  const v = value.toLowerCase();
  let run = 1;
  for (let i = 1; i <= v.length; i++) {
    if (i < v.length && v.charCodeAt(i) === v.charCodeAt(i - 1) + 1 && /[A-Za-z0-9]/.test(v[i])) run++;
    else {
      if (run < 3) return false;
      run = 1;
    }
  }
  return true;
}

function classes(v: string): number {
  return (/[a-z]/.test(v) ? 1 : 0) + (/[A-Z]/.test(v) ? 1 : 0) + (/[0-9]/.test(v) ? 1 : 0) + (/[^A-Za-z0-9]/.test(v) ? 1 : 0);
}

/** Is this literal, assigned to a secret-sounding name, likely a real secret? */
export function looksLikeSecret(name: string, value: string): boolean {
  const key = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (NOT_A_SECRET_NAME.test(key) || PUBLIC_NAME.test(name)) return false;
  if (value.toLowerCase().replace(/[^a-z0-9]/g, '') === key) return false;
  // `exports.Socks5Auth = Socks5Auth`, `privateKeyValidator = asn1.privateKeyValidator`: a reference to a same-named thing
  const last = name.slice(name.lastIndexOf('.') + 1);
  if (last && (value === last || value.endsWith(`.${last}`))) return false;
  // hex strings and UUIDs are secrets under a secret's name (client_secret, api_token), not under a commit's or checksum's
  if (HEX_HASH.test(value) && (value.length < 32 || HASH_NAME.test(name))) return false;
  if (UUID.test(value) && HASH_NAME.test(name)) return false;
  if (INTEGRITY.test(value) || IMAGE.test(value) || VENDOR_PREFIX.test(value) || KNOWN_PUBLIC.has(value) || PUBLIC_BY_DESIGN.test(value)) return false;
  if (PATH_LIKE.test(value) || (SEGMENTS.test(value) && !(randomPart(value) && shannonEntropy(value) >= 4)) || IDENTIFIER.test(value) || DOTTED.test(value) || HOSTNAME.test(value)) return false;
  if ((value.includes('[') && DOTTED.test(value.replace(INDEX, ''))) || TIMESTAMP.test(value) || FORMAT_FIELD_OR_TEXT.test(value) || ascendingRuns(value)) return false;
  if (key.endsWith('secretkey') && DJANGO_SECRET_KEY.test(value) && !STAND_IN_WORD.test(value) && shannonEntropy(value.slice(-50)) >= 4) return true;
  if (PLACEHOLDER.test(value) || isPlaceholder(value)) return false;
  if (/^\$2[aby]?\$\d\d\$|^\$argon2|^\{(?:SSHA|SHA|bcrypt)\}|^pbkdf2_/.test(value)) return false; // password hashes
  // base64 of `user:password` (an npm `_auth`, a Basic header): judged by its password
  const pair = base64UserPassword(value);
  if (pair && /^[\x20-\x7e]+$/.test(pair.decoded) && (pair.password.length < 6 || standInPassword(pair.user, pair.password))) return false;
  if (/^\d+(?:\.\d+)*$/.test(value) || /^[\d\s:./-]+$/.test(value)) return false; // numbers, dates, versions
  const n = value.length;
  const h = shannonEntropy(value);
  if (classes(value) < 2) return false;
  if (HEX_HASH.test(value) || UUID.test(value)) return true;
  return n >= 16 ? h >= 3.5 : h >= 3;
}

/** Stricter for values without quotes outside config files: letters and digits, not a CONSTANT_NAME or a code word. */
function looksLikeUnquotedSecret(name: string, value: string): boolean {
  if (!/[0-9]/.test(value) || !/[A-Za-z]/.test(value) || /^[A-Z0-9_]+$/.test(value)) return false;
  // a reference in code: settings.API_KEY_V2, os.environ.TOKEN2
  if (/^[a-z_][a-z0-9_]*(?:\.[A-Za-z_][\w$]*)+$/.test(value)) return false;
  // words joined by separators (`cmp2-qat-1208358310`, `jjwt-jackson-0.11.2`, `x64-uwp=fail`): names and versions, not keys
  if (/^[a-z]+[0-9]*(?:[-_.=][a-z0-9]+)+$/.test(value) || /^[a-z][a-z0-9]*[-_][a-z0-9]+$/.test(value)) return false;
  return looksLikeSecret(name, value);
}


// ---- Kubernetes Secret manifests: the values under `data:` (base64) and `stringData:` ----

/** `kind: Secret` at the top level of a YAML document. */
const K8S_KIND = /^kind:[ \t]*["']?Secret["']?[ \t]*(?:#.*)?$/m;
const K8S_WORDS = keywordIds(['kind: secret', 'kind: "secret"', "kind: 'secret'"]);
/** Keys that name a public or non-secret part of a Secret: certificates, user names, hosts, ports. */
const K8S_PUBLIC_KEY = /(?:^|[._-])(?:crt|cert|certs|certificate|ca|ca-bundle|cabundle|pub|public|publickey|username|user|login|email|host|hostname|port|database|db|dbname|namespace|region|url|uri|endpoint|server|name|id|type|version)$/i;
const DEFAULT_PASSWORD = /^(?:admin|administrator|root|postgres|mysql|guest|default|letmein|qwerty|1234567\d*|password\d*|passw0rd|p@ssw0rd|secret\d*|changeit)$/i;

export interface K8sSecretValue {
  key: string;
  /** The value as written (base64 under `data:`), its offset, and the decoded value. */
  raw: string;
  start: number;
  decoded: string;
  encoding: 'base64' | 'plain';
}

/** The literal values of every `kind: Secret` document's `data:` and `stringData:` maps (one-line values only). */
export function kubernetesSecretValues(text: string): K8sSecretValue[] {
  const out: K8sSecretValue[] = [];
  const docs = text.split(/^---[ \t]*(?:#.*)?$/m);
  let base = 0;
  for (const doc of docs) {
    const docStart = text.indexOf(doc, base);
    base = docStart + doc.length;
    if (!K8S_KIND.test(doc)) continue;
    const lines = doc.split('\n');
    let offset = docStart;
    let section: { indent: number; encoding: 'base64' | 'plain' } | null = null;
    let childIndent = -1;
    for (const line of lines) {
      const lineStart = offset;
      offset += line.length + 1;
      if (!line.trim() || /^\s*#/.test(line)) continue;
      const indent = line.length - line.trimStart().length;
      if (section && indent <= section.indent) section = null;
      if (!section) {
        const head = /^([ \t]*)(data|stringData):[ \t]*(?:#.*)?\r?$/.exec(line);
        if (head) {
          section = { indent: head[1].length, encoding: head[2] === 'data' ? 'base64' : 'plain' };
          childIndent = -1;
        }
        continue;
      }
      if (childIndent < 0) childIndent = indent;
      if (indent !== childIndent) continue; // a block scalar's lines or nested content
      const kv = /^[ \t]*(["']?)([\w.-]{1,253})\1:[ \t]+(["']?)([^\s"'#|>][^\s"']{0,4095})\3[ \t]*(?:#.*)?\r?$/.exec(line);
      if (!kv) continue;
      const raw = kv[4];
      const start = lineStart + line.indexOf(raw, kv[0].indexOf(':'));
      let decoded = raw;
      if (section.encoding === 'base64') {
        if (!BASE64.test(raw) || raw.length % 4 !== 0) continue;
        decoded = Buffer.from(raw, 'base64').toString('utf8');
      }
      out.push({ key: kv[2], raw, start, decoded, encoding: section.encoding });
    }
  }
  return out;
}

/** A password that is not empty, templated, a placeholder or a default. */
function isRealPassword(pw: string): boolean {
  if (pw.length < 6 || /\$\{|\{\{|\$\(|<[^>]*>|^\$[A-Za-z_]/.test(pw)) return false;
  if (PLACEHOLDER.test(pw) || isPlaceholder(pw) || DEFAULT_PASSWORD.test(pw) || /^(.)\1*$/.test(pw)) return false;
  return shannonEntropy(pw) >= 2.5;
}

/** The passwords of a Docker config JSON (`auths.<registry>.password`, or the password half of base64 `auth`). */
function registryPasswords(json: string): string[] {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch {
    return [];
  }
  const out: string[] = [];
  const auths = (doc as { auths?: unknown })?.auths ?? doc;
  if (!auths || typeof auths !== 'object') return out;
  for (const entry of Object.values(auths as Record<string, unknown>)) {
    if (!entry || typeof entry !== 'object') continue;
    const e = entry as { password?: unknown; auth?: unknown };
    if (typeof e.password === 'string') out.push(e.password);
    const pair = typeof e.auth === 'string' ? base64UserPassword(e.auth) : undefined;
    if (pair) out.push(pair.password);
  }
  return out;
}

/** Is this Secret value a real credential rather than an empty, templated, placeholder or public one? */
export function isRealKubernetesSecret(v: K8sSecretValue): boolean {
  if (K8S_PUBLIC_KEY.test(v.key)) return false;
  const d = v.decoded.trim();
  // binary content (keystores, random key bytes): a secret when long enough
  if (/[\u0000-\u0008\u000e-\u001f\ufffd]/.test(d)) return v.raw.length >= 24;
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(d)) return true;
  if (/-----BEGIN (?:CERTIFICATE|PUBLIC KEY|[A-Z ]*PUBLIC KEY)/.test(d)) return false;
  if (d.length < 6 || /^(?:null|~|true|false|none)$/i.test(d)) return false;
  // a registry credential file (`.dockerconfigjson`): real when one of its passwords is
  if (d.startsWith('{')) return registryPasswords(d).some((pw) => isRealPassword(pw));
  if (/\$\{|\{\{|\$\(|<[^>]*>|%\(|\$[A-Za-z_]/.test(v.raw) || /\$\{|\{\{|\$\(|<[A-Za-z_ -]{2,40}>|^\$[A-Za-z_]/.test(d)) return false;
  // a `$name` inside decoded `data:` is literal text (nothing expands it); in `stringData:` it may be envsubst's
  const words = v.encoding === 'base64' ? d.replace(/\$(?=[A-Za-z_])/g, '') : d;
  if (PLACEHOLDER.test(words) || isPlaceholder(d) || DEFAULT_PASSWORD.test(d)) return false;
  if (/^(.)\1*$/.test(d) || /^\d+(?:\.\d+)*$/.test(d) || PATH_LIKE.test(d) || SEGMENTS.test(d) || IDENTIFIER.test(d)) return false;
  const h = shannonEntropy(d);
  return d.length >= 12 ? h >= 3 : classes(d) >= 2 && h >= 2.5;
}

const rule: Rule = {
  meta: {
    id: 'secrets/generic-high-entropy-assignment',
    title: 'Secret-like literal assigned to a password, secret, token or key',
    description:
      'A variable, setting or key named like a credential (password, secret, token, api_key, client_secret, private_key, …) is given a literal value with high Shannon entropy: very likely a real credential of a format no specific detector knows. Quoted and unquoted values are read in code (also subscripts, `settings["SECRET_KEY"] = "…"`), configuration, command lines (`--password=…`, `--api-key …`, `PGPASSWORD=…`), XML elements, XML attributes that name a secret (.NET `<add key="…Password" value="…" />`, Spring `<property name="password" value="…"/>`, `<setting name="ApiToken">…</setting>`, `<dbPassword value="…"/>`) and `new NetworkCredential("user", "…")`, and Android Gradle `buildConfigField "String", "API_KEY", "\\"…\\""`. Values are read up to 200 characters, and quoted values under a refresh-token name (`refresh_token`, `refreshToken`) up to 4,096, as Microsoft Entra ID refresh tokens run past a thousand. Names ending in a `pass` word (`SMTP_PASS`, `db.pass`) count as password names. A Django `SECRET_KEY` as `django-admin startproject` writes it (`django-insecure-` and 50 characters of Django\'s key alphabet) is reported although its `%(` and `$` look like a template. Kubernetes `kind: Secret` manifests are read too: each one-line value under `data:` (decoded from base64) and `stringData:` is reported at medium severity unless it is empty, a template (`${VAR}`, Helm `{{ }}`), a placeholder or default password, or a public part such as `tls.crt`, `ca.crt` or a user name. It cannot be as precise as a vendor format, so it is reported at low severity. Hex strings and UUIDs under a commit, hash or checksum name, short hex, lockfile integrity values, base64 images, file paths, identifiers, environment references, template placeholders (also HTML-escaped, `&lt;your-key&gt;`), host names, AWS ARNs, timestamps, a unit typed again and again (`abcd1234abcd1234…`, `a1b2c3d4e5f6a1b2c3d4e5f6…`), base64 of a stand-in `user:password` (`test:test`), anti-forgery tokens (`authenticity_token`, `__RequestVerificationToken`), `{format}` fields, code names and references (`_RSAKey`, `exports.X = X`, lists of names), paging and idempotency tokens (`NextToken`, `ClientRequestToken`), RFC 6749/5849 example tokens and words such as example, changeme, dummy, test, fake and sample are ignored, as are test fixtures, examples and documentation named as such, and values already reported by a vendor-specific secrets rule.',
    severity: 'low',
    kinds: ['text'],
    messages: {
      'kubernetes-secret': 'Kubernetes Secret key `{{name}}` holds a literal {{encoding}} value that looks like a real secret ({{length}} characters); rotate it and create the Secret at deploy time (sealed-secrets, External Secrets Operator, SOPS or `kubectl create secret` from a secret store) instead of committing it.',
      assignment: '`{{name}}` is assigned a literal that looks like a secret ({{length}} characters, entropy {{entropy}} bits per character); if it is one, rotate it and read it from a secret store or environment variable instead.',
    },
    remediation: 'If the value is a real credential, rotate it, remove it from the code and its history, and read it at run time from a secret store or environment variable. If it is not (a test value or public identifier), rename it, move it to a test fixture, or mark the line with `# saltire-ignore secrets/generic-high-entropy-assignment -- <reason>`.',
    references: ['https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html', 'https://cwe.mitre.org/data/definitions/798.html'],
    standards: SECRET_STANDARDS,
    equivalents: { gitleaks: ['generic-api-key', 'kubernetes-secret-yaml'], secretlint: ['@secretlint/secretlint-rule-pattern'], 'detect-secrets': ['KeywordDetector'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    const path = ctx.file.path;
    if (ctx.file.kind === 'lockfile' || TEST_PATH.test(path)) return;
    const p = prepared(ctx);
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
    if (hasKeyword(p, K8S_WORDS, true))
      for (const v of kubernetesSecretValues(p.short)) {
        // judged here only: a base64 placeholder (`cGFzc3dvcmQ=`) is not a generic high-entropy value either
        seen.add(v.start);
        if (!isRealKubernetesSecret(v) || overlaps(v.start, v.start + v.raw.length)) continue;
        const pos = ctx.file.lines.position(v.start);
        ctx.report({
          messageId: 'kubernetes-secret',
          offsets: [v.start, v.start + v.raw.length],
          severity: 'medium',
          data: { name: v.key.slice(0, 80), encoding: v.encoding === 'base64' ? 'base64' : 'plain-text', length: v.decoded.length },
          secrets: [...redactionValues(v.raw, ctx.file.lines.lineText(pos.line), pos.column), ...(v.decoded.length >= 4 && v.decoded !== v.raw ? [v.decoded] : [])],
          properties: { name: v.key.slice(0, 80), length: v.decoded.length, kubernetes: true },
        });
      }
    const text = p.short;
    /** `tokenizer`, `secretary`, `keying`: the secret-sounding word runs on into another lowercase word. */
    const wordRunsOn = (at: number): boolean => {
      const w = SECRET_WORD.exec(text.slice(at, at + 24));
      const next = w ? text.charCodeAt(at + w[0].length) : 0;
      return next >= 97 && next <= 122 && next !== 115; // a lowercase letter other than a plural `s`
    };
    /** The whole key name ending at `wordEnd`, from before the secret-sounding word at `at`: DB_PASSWORD, clientSecret, aws.secret. */
    const nameAt = (at: number, wordEnd: number): { name: string; start: number } => {
      let s = at;
      while (s > 0 && at - s < 40 && NAME_CHAR.test(text[s - 1])) s--;
      return { name: text.slice(s, wordEnd), start: s };
    };
    forEachMatch(p, QUOTED_PATTERN, text, (m) => {
      // `,` separates a name and a value only when the name is quoted: setProperty("X_TOKEN", "…")
      if ((m[3] === ',' && !m[2]) || wordRunsOn(m.index)) return;
      const n = nameAt(m.index, m.index + m[1].length);
      const before = text.slice(Math.max(0, n.start - 80), n.start);
      // …and is a call's first argument: not one of a list of names (`__all__ = ["OAuth1Mixin", "OAuth2Mixin"]`, `Union["_RSAPrivateKey", "_RSAPublicKey"]`)
      if (m[3] === ',' && !/[\w$]\([ \t]*["'`]$/.test(before)) return;
      // a CloudFormation resource type used as a key (`"AWS::IAM::AccessKey": "62d91b17…"`): a type name, not a secret's
      if (m[2] && before.endsWith('::')) return;
      consider(n.name, m[5], m.index + m[0].length - 1 - m[5].length);
    });
    if (UNQUOTED_FILES.test(path)) forEachMatch(p, UNQUOTED_PATTERN, text, (m) => consider(m[1], m[2], m.index + m[0].indexOf(m[2], m[0].indexOf(m[1]) + m[1].length)));
    forEachMatch(p, UNQUOTED_ANY_PATTERN, text, (m) => {
      const at = m.index + m[0].length - m[2].length;
      if (wordRunsOn(m.index)) return;
      // the name part has no `=`, `:`, `?` or blank: the first of them starts the operator
      const n = nameAt(m.index, m.index + m[0].search(/[ \t=:?]/));
      // part of a URN (`urn:ietf:params:oauth:jwk-thumbprint:…`), or a query parameter of a documentation
      // URL (`https://example.com/cb#access_token=…`): not an assignment of a real secret
      const word = /[^\s"'`]*$/.exec(text.slice(Math.max(0, n.start - 200), n.start))?.[0] ?? '';
      if (/^urn:/i.test(word) || /:\/\/(?:[\w-]+\.)*example\.(?:com|org|net)(?![\w.-])/i.test(word)) return;
      if (!seen.has(at) && looksLikeUnquotedSecret(n.name, m[2])) consider(n.name, m[2], at);
    });
    forEachMatch(p, XML_PATTERN, text, (m) => {
      if (wordRunsOn(m.index)) return;
      const n = nameAt(m.index, m.index + m[0].indexOf('>'));
      if (n.start === 0 || text[n.start - 1] !== '<') return;
      const end = m.index + m[0].length;
      if (!text.startsWith(`${n.name}>`, end)) return;
      consider(n.name, m[1], m.index + m[0].indexOf(m[1], m[0].indexOf('>')));
    });
    if (XML_FILES.test(path) || text.startsWith('<?xml')) forEachMatch(p, XML_NAME_ATTR_PATTERN, text, (m) => {
      if (wordRunsOn(m.index)) return;
      // the quoted text is the whole value of a `name` or `key` attribute: `<property name="password" …`, `<add key="Smtp Password" …`
      const open = text.lastIndexOf(m[1], m.index - 1);
      if (open < 0 || m.index - open > 41 || /["'<>\n]/.test(text.slice(open + 1, m.index))) return;
      const n = { name: text.slice(open + 1, m.index + m[0].length - 1), start: open + 1 };
      const lt = text.lastIndexOf('<', n.start);
      if (lt < 0 || n.start - lt > 400) return;
      const head = /^<([A-Za-z][\w:.-]{0,60})\s[^<>]*?(?<=\s)(?:name|key)[ \t]*=[ \t]*$/.exec(text.slice(lt, n.start - 1));
      if (!head) return;
      const tag = head[1].toLowerCase();
      // form fields carry what a user typed or a page's anti-forgery token; NuGet.config's `<add key="Password">` is secrets/ci-cd-tokens'
      if (tag === 'input' || tag === 'option' || tag === 'meta' || (tag === 'add' && /^(?:ClearText)?Password$/i.test(n.name))) return;
      const close = text.indexOf('>', n.start);
      if (close < 0 || close - n.start > 400 || text.lastIndexOf('<', close) !== lt) return;
      const value = /\svalue[ \t]*=[ \t]*(["'])([^"'\s<>]{8,200})\1/.exec(text.slice(lt, close));
      if (value) {
        consider(n.name, value[2], lt + value.index + value[0].length - 1 - value[2].length);
        return;
      }
      // `<setting name="ApiToken">value</setting>`: the element's own text
      if (text[close - 1] === '/') return;
      const body = /^\s{0,40}([^\s<>"'`]{8,200})\s{0,40}<\//.exec(text.slice(close + 1, close + 300));
      if (body) consider(n.name, body[1], close + 1 + body[0].indexOf(body[1]));
    });
    if (XML_FILES.test(path) || text.startsWith('<?xml')) forEachMatch(p, XML_VALUE_ATTR_PATTERN, text, (m) => {
      if (wordRunsOn(m.index)) return;
      const n = nameAt(m.index, m.index + m[0].search(/[ \t]/));
      if (!/<[ \t]*$/.test(text.slice(Math.max(0, n.start - 4), n.start))) return;
      consider(n.name, m[2], m.index + m[0].length - 1 - m[2].length);
    });
    forEachMatch(p, CLI_OPTION_PATTERN, text, (m) => {
      if (wordRunsOn(m.index + 1)) return;
      const n = nameAt(m.index + 1, m.index + m[0].search(/[ \t]/));
      // an option (`--api-key`, `-password`) after a blank, a quote or the start of a line, not a word in prose
      if (!/^--?[A-Za-z]/.test(n.name) || (n.start > 0 && !/[\s"'`(=]/.test(text[n.start - 1]))) return;
      const at = m.index + m[0].length - m[1].length - m[2].length;
      if (!seen.has(at) && looksLikeUnquotedSecret(n.name, m[2])) consider(n.name, m[2], at);
    });
    forEachMatch(p, NETWORK_CREDENTIAL_PATTERN, text, (m) => consider('NetworkCredential password', m[2], m.index + m[0].length - 1 - m[2].length));
    forEachMatch(p, LONG_REFRESH_TOKEN_PATTERN, text, (m) => consider(nameAt(m.index, m.index + m[1].length).name, m[4], m.index + m[0].length - 1 - m[4].length));
    forEachMatch(p, BUILD_CONFIG_PATTERN, text, (m) => {
      if (SECRET_NAME_RE.test(m[1])) consider(m[1], m[2], m.index + m[0].lastIndexOf(m[2]));
    });
  },
};
export default rule;
