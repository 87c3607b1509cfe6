import type { Detector, Verdict } from '../lib/types.js';
import { re } from './helpers.js';
import { isPlaceholder, shannonEntropy } from '../lib/entropy.js';
import { base64UserPassword } from '../lib/base64.js';
import { DEFAULT_PASSWORD } from '../lib/defaults.js';

/** Values that stand for a password rather than being one. */
const PLACEHOLDER_PASSWORD = /^(?:\*+|x+|\.+|•+|_+|-+|\?+|pass(?:word|wd|phrase)?\d?|pwd|secret|changeme|change[_-]?me|change[_-]?it|your[_-]?\w*|my[_-]?password|mysecretpassword|example\w*|placeholder|redacted|null|none|nil|undefined|empty|replace[_-]?me|todo|tbd|foo|bar|baz|pass123|<[^>]*>|\[[^\]]*\]|\{[^}]*\}|%[sv]|%\(\w+\)s|:\w+|\$\w+|\$\{[^}]*\}?|\$\([^)]*\)?|\{\{[^}]*\}\}?|#\{[^}]*\}?|@\w+|\w+_(?:password|pass|pwd|secret))$/i;
/** An environment-variable name standing in for the value: DB_PASSWORD. */
const ENV_NAME = /^[A-Z][A-Z0-9]*_[A-Z0-9_]+$/;
const TEMPLATE = /\$\{|\{\{|\{%|<%|%\(|\$\(|#\{|%s|\$[A-Za-z_]/;
/** Passwords every tutorial and default image uses: a finding, but low. */
const LOCAL_HOST = /^(?:localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[?::1\]?|host\.docker\.internal|[\w.-]+\.(?:local|localhost|test|example|invalid)|(?:[\w-]+\.)?example\.(?:com|org|net)|db|database|postgres|postgresql|mysql|mariadb|mongo|mongodb|redis|rabbitmq|amqp|broker|cache)(?::\d+)?$/i;

function judge(user: string | undefined, password: string, host: string | undefined): Verdict {
  let pw = password;
  try {
    pw = decodeURIComponent(password);
  } catch {
    // keep as written
  }
  // three characters or one repeated (`abc`, `1111`) are documentation, not a password anyone could keep
  if (pw.length < 4 || /^(.)\1*$/.test(pw) || PLACEHOLDER_PASSWORD.test(pw) || ENV_NAME.test(pw) || TEMPLATE.test(password)) return false;
  if (user && pw.toLowerCase() === user.toLowerCase() && pw.length < 12) return { severity: 'low', note: 'the password equals the user name: a local default?' };
  if (DEFAULT_PASSWORD.test(pw)) return { severity: 'low', note: 'a well-known default password' };
  if (host && LOCAL_HOST.test(host)) return { severity: 'low', note: 'points at a local or example host' };
  return true;
}


/** Strict: a command line or header in docs is not a leak when its password is a default or the user name. */
function judgeStrict(user: string | undefined, password: string): boolean {
  if (/^%\w+%$/.test(password)) return false; // Windows %VAR%
  // words in docs (`bob:sesame`, `user:api_token`, `:TOKEN`): a kept password has a digit or symbol, or is long
  if ((/^[a-z_-]+$/i.test(password) && password.length < 12) || /^[a-z_-]*(?:token|key|secret|pass|pwd)[a-z_-]*$/i.test(password)) return false;
  const v = judge(user, password, undefined);
  return v === true || (typeof v === 'object' && v.severity !== 'low');
}

/**
 * `curl -u user:password`, `--user`, `--proxy-user`, `wget --password=…`/`--http-password=…`: the
 * option anywhere after the command on the same line, or on a continuation line (checked in code).
 */
function commandLineCredential(value: string, m: RegExpExecArray): boolean {
  const head = m[0].slice(0, m[0].length - value.length);
  // every line break between the command and the option is escaped (`\` in sh, `^` in cmd, `` ` `` in PowerShell)
  if (/[^\\^`\s][ \t]*\r?\n/.test(head) || /^[ \t]*\r?\n|\n[ \t]*\r?\n/.test(head)) return false;
  // the option just before the value: `--password=…` carries a password alone, `-u` a user:password pair
  const option = /(\S+?)(?:[ \t]+|=)['"]?$/.exec(head)?.[1] ?? '';
  // the shell joins quoted parts of a word: `kevin:'pa ss'` is `kevin:pa ss`; a backtick ends it (the close of
  // Markdown inline code, `curl -u user:password`, or a shell command substitution: not a literal password)
  const word = value.replace(/'([^'\n]*)'|"([^"\n]*)"/g, '$1$2').split('`')[0];
  // `<user:password>`, `user:<password>`: documentation
  if (/<[^<>]*>/.test(word)) return false;
  if (/-passw/i.test(option)) return judgeStrict(undefined, word);
  // `-U` is wget's --user-agent (and curl's proxy user, rare): only the lower-case short option
  if (/^-[A-Za-z]*U$/.test(option)) return false;
  const colon = word.indexOf(':');
  // without a password curl prompts for it
  if (colon <= 0 || colon === word.length - 1) return false;
  return judgeStrict(word.slice(0, colon), word.slice(colon + 1));
}

/**
 * A `.netrc` entry's password. Anonymous FTP logins take an e-mail address by convention, not a secret.
 * An entry written inside a string in code (`f.write('machine h login u password pw')`, a netrc parser's
 * tests) carries the string's closing quote and bracket, and netrc's own quotes and escapes: the
 * password is judged without them, and without `#` (`#pass`, `pa#ss` are the word `pass`).
 */
function netrcPassword(user: string, password: string): boolean {
  if (/^(?:anonymous|ftp)$/i.test(user)) return false;
  const pw = password.replace(/^(?:\\*["'])+/, '').replace(/(?:\\*["'])+[)\];,]*$/, '').split('`')[0];
  // `password …` in prose: the ellipsis stands for the value
  if (/^(?:…|\.\.\.)/.test(pw)) return false;
  if (PLACEHOLDER_PASSWORD.test(pw.replace(/#/g, ''))) return false;
  return judgeStrict(user, pw);
}

/**
 * PsExec's `-p` password (`psexec \\host -u DOMAIN\user -p …`). A variable (`%PASS%`, `$Password`), a stand-in
 * (`PASSWORD`, `mypass`) or an option where the value should be (`-p -i`: PsExec then prompts) is not a password.
 */
function psexecPassword(user: string, password: string): Verdict {
  if (/^%\w+%$/.test(password) || password.startsWith('-') || /^my[_-]?pass/i.test(password)) return false;
  return judge(user.slice(user.lastIndexOf('\\') + 1), password, undefined);
}

/** RFC 7617: `Basic base64(user-id ":" password)`; the decoded pair must be printable text with a real password. */
function basicCredential(b64: string): boolean {
  if (b64.replace(/=+$/, '').length % 4 === 1) return false;
  const pair = base64UserPassword(b64);
  if (!pair || /[\u0000-\u001f\u007f\ufffd]/.test(pair.decoded)) return false;
  // a JSON object is not `user:password` (a JWT's header, `{"alg":…}`, pasted after `Basic`)
  if (/^\s*[{[]/.test(pair.decoded)) return false;
  const { user, password: pw } = pair;
  // an API key sent as the user name with an empty password (Stripe, Mailjet style)
  if (!pw) return user.length >= 16 && shannonEntropy(user) >= 3.5 && !isPlaceholder(user) && /[0-9]/.test(user) && /[A-Za-z]/.test(user);
  // RFC 7617's and RFC 6749's own examples; `1234567890abcdef` and other typed sequences
  if ((user === 'Aladdin' && pw === 'open sesame') || (user === 's6BhdRkqt3' && pw === 'gX1fBat3bV') || isPlaceholder(pw)) return false;
  return judgeStrict(user || undefined, pw);
}

/** Tokens a format-specific detector reports (JWTs, vendor prefixes): not reported twice as a bare bearer token. */
const OWN_FORMAT = /^(?:eyJ[\w-]*\.[\w-]*\.|gh[pousr]_|github_pat_|glpat-|xox[a-z]-|sk_(?:live|test)_|rk_(?:live|test)_|sk-|AKIA|ASIA|ya29\.|SG\.|npm_|pypi-|hf_|dop_v1_|shpat_|shpss_|AIza|eyJrIjoi|BBDC-|cf(?:ut|at|k)_|hv[sbr]\.|sk-ant-)/;

/** A bearer token: long, mixed, random-looking; not a variable name, a placeholder or a typed sequence. */
function bearerToken(token: string): boolean {
  if (OWN_FORMAT.test(token)) return false;
  if (/^[A-Z0-9_.-]+$/.test(token) && !/[0-9]/.test(token)) return false; // YOUR_ACCESS_TOKEN
  if (/^[a-z_.-]+$/i.test(token)) return false; // words
  if (/token|your|access|secret|bearer|example|sample|dummy|fake|test|placeholder|redacted|xxxx|0123456|1234567|abcdefg|[.]{3}/i.test(token)) return false;
  if (!/[0-9]/.test(token) && token.length < 32) return false;
  return shannonEntropy(token) >= 3.5;
}

function urlDetector(id: string, name: string, vendor: string, schemes: string, keywords: string[], reference: string, extra: Partial<Detector> = {}): Detector {
  return {
    id,
    name,
    vendor,
    keywords,
    // scheme://user:password@host — user and host never contain the separators, nor a backslash (not
    // allowed in RFC 3986 userinfo: `ftp://\(\k\+:\k\+@\)` in a Vim syntax file is a pattern); an unescaped `@` in the
    // password is common, so the host is what follows the last `@`
    regex: re(`(?:${schemes})://([^\\s:/?#@'"\`<>{}\\\\]{1,128}):([^\\s/?#'"\`<>]{1,256})@([^\\s/?#'"\`<>@:]{1,253}(?::\\d{1,5})?)`, 'gi'),
    group: 2,
    leftBoundary: false,
    minEntropy: 0,
    ownPlaceholderCheck: true,
    validate: (pw, m, text) => {
      if (m.index > 0 && /[A-Za-z0-9+.-]/.test(text[m.index - 1])) return false;
      // libpq's multi-host form repeats the credentials per host (`user:pw@host1:5432,user:pw@host2:5433/db`): the
      // password is the part before the first host, not everything up to the last `@`
      const multi = /^([^@]*)@[^@,/]+,([^:@,/]+):/.exec(pw);
      if (multi && multi[2] === m[1]) return judge(m[1], multi[1], /^[^@]*@([^,]+),/.exec(pw)?.[1]);
      return judge(m[1], pw, m[3]);
    },
    reference,
    gitleaks: [],
    ...extra,
  };
}

/** Connection strings and URLs that carry a password. */
/** A quoted argument (no escapes or line breaks). */
const QARG = `(?:"[^"\\n]{0,200}"|'[^'\\n]{0,200}')`;

/** The host a driver call connects to (its first argument, or `host=` in a DSN), for the local-host check. */
function connectHost(call: string): string | undefined {
  const first = /(["'])([^"']*)\1/.exec(call)?.[2] ?? '';
  const host = /host=([^;\s]+)/i.exec(first)?.[1];
  if (host) return host;
  return /^[\w.-]+(?::\d+)?$/.test(first) ? first : undefined;
}

/** Passwords a network device ships with or every lab guide uses: a finding, but low. */
const NETWORK_DEFAULT = /^(?:cisco\d*|public|private|secret\d*|community|router|switch|enable)$/i;
/** Lines every IOS-style running-config has. */
const DEVICE_CONFIG = /^(?:hostname|interface|version|line (?:con|vty)|aaa new-model|end)\b|^!\s*$/m;

/**
 * A Cisco IOS-style configuration line's password: plaintext (type 0 or none) or type 7, which is
 * reversible by anyone (it obscures, it does not protect). Hashed forms (`secret 5|8|9`) are not read.
 */
function networkPassword(pw: string, m: RegExpExecArray, text: string): Verdict {
  if (/^[<[{$%]|^\*+$/.test(pw) || /^(?:password|passwd|pass|key|string|community|word|value|xxx+)$/i.test(pw)) return false;
  // a plain word (`enable password expiry`) is prose unless the file reads like a device configuration
  if (/^[a-z]+$/.test(pw) && !DEVICE_CONFIG.test(text)) return false;
  const v = judge(undefined, pw, undefined);
  if (v === false) return false;
  const type7 = /\s7\s+\S+\s*$/.test(m[0]) && /^[0-9A-F]{4,}$/i.test(pw);
  if (NETWORK_DEFAULT.test(pw)) return { severity: 'low', note: 'a well-known default' };
  if (type7) return { note: 'type 7, which anyone can reverse to the plaintext' };
  return v;
}

export const DATABASE_DETECTORS: Detector[] = [
  urlDetector('postgres-connection-url', 'PostgreSQL connection URL with password', 'the PostgreSQL server', 'postgres(?:ql)?(?:\\+\\w+)?|postgis|pgsql|cockroachdb|timescaledb', ['postgres', 'postgis', 'pgsql', 'cockroachdb', 'timescaledb'], 'https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS', { kingfisher: ['kingfisher.postgres.1'] }),
  urlDetector('mysql-connection-url', 'MySQL/MariaDB connection URL with password', 'the MySQL server', 'mysql(?:\\+\\w+)?|mariadb|mysqlx', ['mysql', 'mariadb'], 'https://dev.mysql.com/doc/refman/8.4/en/connecting-using-uri-or-key-value-pairs.html'),
  urlDetector('mongodb-connection-url', 'MongoDB connection URL with password', 'the MongoDB server', 'mongodb(?:\\+srv)?', ['mongodb://', 'mongodb+srv://'], 'https://www.mongodb.com/docs/manual/reference/connection-string/', { kingfisher: ['kingfisher.mongodb.3'], secretlint: [] }),
  urlDetector('redis-connection-url', 'Redis connection URL with password', 'the Redis server', 'rediss?|valkey', ['redis://', 'rediss://', 'valkey://'], 'https://redis.io/docs/latest/develop/clients/'),
  urlDetector('amqp-connection-url', 'AMQP (RabbitMQ) connection URL with password', 'the message broker', 'amqps?', ['amqp://', 'amqps://'], 'https://www.rabbitmq.com/docs/uri-spec', { kingfisher: ['kingfisher.rabbitmq.1'] }),
  urlDetector('mssql-connection-url', 'SQL Server/Oracle connection URL with password', 'the database server', 'mssql|sqlserver|oracle|db2|clickhouse|snowflake|neo4j(?:\\+s)?|couchbases?|cassandra|influxdb|elasticsearch', ['mssql://', 'sqlserver://', 'oracle://', 'db2://', 'clickhouse://', 'snowflake://', 'neo4j://', 'neo4j+s://', 'couchbase://', 'couchbases://', 'cassandra://', 'influxdb://', 'elasticsearch://'], 'https://learn.microsoft.com/en-us/sql/connect/'),
  urlDetector('ldap-url-with-password', 'LDAP URL with bind password', 'the directory server', 'ldaps?', ['ldap://', 'ldaps://'], 'https://datatracker.ietf.org/doc/html/rfc4516'),
  urlDetector('ftp-url-with-password', 'FTP/SFTP URL with password', 'the file server', 'ftps?|sftp|ssh|scp|smb|rsync', ['ftp://', 'ftps://', 'sftp://', 'ssh://', 'scp://', 'smb://', 'rsync://'], 'https://datatracker.ietf.org/doc/html/rfc1738'),
  urlDetector('smtp-url-with-password', 'SMTP/IMAP URL with password', 'the mail server', 'smtps?|imaps?|pop3s?', ['smtp://', 'smtps://', 'imap://', 'imaps://', 'pop3://', 'pop3s://'], 'https://datatracker.ietf.org/doc/html/rfc5092'),
  urlDetector('http-basic-auth-url', 'HTTP(S) URL with embedded password', 'the web service', '(?:git\\+)?https?', ['://'], 'https://datatracker.ietf.org/doc/html/rfc3986#section-3.2.1', {
    secretlint: ['@secretlint/secretlint-rule-basicauth'],
    kingfisher: ['kingfisher.uri.1'],
    validate: (pw, m) => {
      const host = m[3] ?? '';
      // a dotted host (or an IP), not "http://user:pass@" in prose or a docs template
      if (!/[.]/.test(host) && !/^localhost/i.test(host)) return false;
      // `https://a.example:123,b.example:456@…`: a multi-host URL's `host:port` list, not `user:password`
      if (/^\d{1,5},/.test(pw)) return false;
      // "x-access-token:ghp_…" is reported by the token's own detector too; still a credential here
      return judge(m[1], pw, host);
    },
  }),
  {
    id: 'command-line-http-password',
    name: 'HTTP password on a curl/wget command line',
    vendor: 'the web service',
    keywords: ['curl', 'wget'],
    // the option after the command: same line or `\`-continued lines (checked in code); the value quoted or bare
    // (the lookahead lets the option follow the command directly: `curl -u …`; a line break only when escaped,
    // so one command's search never runs into the next command's line)
    regex: /(?:curl|wget)(?:\.exe)?(?=[ \t])(?:[^;|\r\n]|[\\^`]\r?\n){0,600}?[ \t\n](?:-[A-Za-z]{0,6}u|--user|--proxy-user|--(?:http-|ftp-|proxy-)?passw(?:or)?d)(?:[ \t]+|=)(?:'([^'\n]{1,256})'|"([^"\n]{1,256})"|((?:[^\s'"]|'[^'\n]{0,256}'|"[^"\n]{0,256}"){1,256}))/gi,
    minEntropy: 0,
    ownPlaceholderCheck: true,
    validate: (value, m) => commandLineCredential(value, m),
    reference: 'https://curl.se/docs/manpage.html#-u',
    gitleaks: ['curl-auth-user'],
  },
  {
    id: 'psexec-password',
    name: 'Windows account password on a PsExec command line',
    vendor: 'the Windows hosts and domain the account reaches',
    keywords: ['psexec'],
    // `psexec [\\computer] … -u user -p password …` on one line (batch files, scripts, runbooks, system() calls)
    regex: /\bpsexec(?:64)?(?:\.exe)?(?=[ \t])[^\r\n]{0,300}?[ \t]-u[ \t]+(["']?)([^\s"']{1,128})\1[ \t]+-p[ \t]+(["']?)([^\s"']{1,128})\3(?=[\s"';)]|$)/gim,
    group: 4,
    minEntropy: 0,
    ownPlaceholderCheck: true,
    validate: (pw, m) => psexecPassword(m[2], pw),
    reference: 'https://learn.microsoft.com/en-us/sysinternals/downloads/psexec',
  },
  {
    id: 'http-basic-authorization-header',
    name: 'HTTP Basic Authorization header with user and password',
    vendor: 'the web service',
    keywords: ['basic'],
    regex: /(?:Proxy-)?Authorization["']?\]?[ \t]*[:=,][ \t]*["']?Basic[ \t]+([A-Za-z0-9+/]{8,1024}={0,2})(?![A-Za-z0-9+/=])/gi,
    minEntropy: 0,
    ownPlaceholderCheck: true,
    validate: (b64) => basicCredential(b64),
    reference: 'https://datatracker.ietf.org/doc/html/rfc7617#section-2',
    gitleaks: ['curl-auth-header'],
  },
  {
    id: 'http-bearer-token',
    name: 'HTTP Bearer token in an Authorization header',
    vendor: 'the service that issued it',
    keywords: ['bearer', 'authorization'],
    // `Token` is the scheme of Django REST framework's token authentication and GitHub's classic form; `SSWS` is Okta's API-token scheme
    regex: /(?:Authorization["']?\]?[ \t]*[:=,][ \t]*["'`]?(?:Bearer|Token|SSWS)|--oauth2-bearer)[ \t]+["']?([\w.~+/-]{20,1024}={0,2})(?![\w.~+/=-])/gi,
    severity: 'medium',
    minEntropy: 0,
    validate: (token) => bearerToken(token),
    reference: 'https://datatracker.ietf.org/doc/html/rfc6750#section-2.1',
    gitleaks: ['curl-auth-header'],
  },
  {
    id: 'jdbc-password',
    name: 'JDBC URL with password parameter',
    vendor: 'the database server',
    keywords: ['jdbc:'],
    regex: /jdbc:[a-z0-9:]+:\/\/?[^\s"'`<>]{0,300}?[?&;:]password=([^\s&;"'`<>]{1,128})/gi,
    minEntropy: 0,
    ownPlaceholderCheck: true,
    validate: (pw, m) => judge(undefined, pw, /\/\/([^/:;?]+)/.exec(m[0])?.[1]),
    reference: 'https://jdbc.postgresql.org/documentation/use/#connection-parameters',
  },
  {
    id: 'ado-net-connection-string',
    name: 'ADO.NET/ODBC connection string with password',
    vendor: 'the database server',
    keywords: ['password', 'pwd'],
    regex: /(?:Server|Data Source|Host|Address|Addr|Network Address|DSN)\s*=\s*([^;"'\n]{1,200});[^"'\n]{0,400}?\b(?:Password|Pwd)\s*=\s*([^;"'\n]{1,128})/gi,
    group: 2,
    minEntropy: 0,
    ownPlaceholderCheck: true,
    validate: (pw, m) => judge(/(?:User ID|UID|User|Username)\s*=\s*([^;"'\n]+)/i.exec(m[0])?.[1]?.trim(), pw.trim(), m[1].trim().replace(/^tcp:/i, '').replace(/,\d+$/, '')),
    reference: 'https://learn.microsoft.com/en-us/dotnet/framework/data/adonet/connection-string-syntax',
    kingfisher: ['kingfisher.odbc.1'],
  },
  {
    id: 'netrc-password',
    name: '.netrc machine entry with login and password',
    vendor: 'the host the entry names',
    keywords: ['login'],
    // `machine <host> login <user> password <pw>` (or `default …`), on one line or several
    regex: /(?<![\w.-])(?:machine[ \t]+([^\s]{1,253})|default)\s{1,20}login\s{1,20}(\S{1,128})\s{1,20}password\s{1,20}(\S{1,256})/g,
    group: 3,
    minEntropy: 0,
    ownPlaceholderCheck: true,
    validate: (pw, m) => netrcPassword(m[2], pw),
    reference: 'https://everything.curl.dev/usingcurl/netrc',
  },
  // Cisco IOS / IOS XE running-config lines: `enable password`, `username … password`, TACACS+/RADIUS/PAC keys
  {
    id: 'network-device-password',
    name: 'Network device (Cisco IOS) password or shared key',
    vendor: 'the device and the servers it authenticates to',
    // devices write their configuration with single spaces between the words of a command
    keywords: ['enable password', 'username', 'tacacs-server key', 'radius-server key', 'pac key'],
    regex: re(`^[ \\t]*(?:enable password(?: level \\d{1,2})?|username [^\\s]{1,64}(?: privilege \\d{1,2})? password|(?:tacacs-server|radius-server|pac) key)[ \\t]+(?:[07][ \\t]+)?([^\\s]{1,128})[ \\t]*$`, 'gm'),
    minEntropy: 0,
    ownPlaceholderCheck: true,
    validate: networkPassword,
    reference: 'https://www.cisco.com/c/en/us/td/docs/ios-xml/ios/security/a1/sec-a1-cr-book/sec-cr-e1.html',
    kingfisher: ['kingfisher.cisco.1', 'kingfisher.cisco.3'],
  },
  // `snmp-server community <string> RW`: the community string is the password for SNMP writes
  {
    id: 'snmp-write-community',
    name: 'SNMP read-write community string',
    vendor: 'the network device',
    keywords: ['snmp-server'],
    regex: re(`^[ \\t]*snmp-server[ \\t]+community[ \\t]+([^\\s]{2,64})[ \\t]+RW\\b`, 'gm'),
    minEntropy: 0,
    ownPlaceholderCheck: true,
    validate: networkPassword,
    reference: 'https://www.cisco.com/c/en/us/td/docs/ios-xml/ios/snmp/configuration/xe-16/snmp-xe-16-book/nm-snmp-cfg-snmp-support.html',
    kingfisher: ['kingfisher.cisco.2'],
  },
  // A literal password handed to a database driver: positional (PHP mysql(i)_connect, new mysqli/PDO, Perl and
  // Ruby DBI connect: host or DSN, user, password) or as the password keyword of a Python driver's connect()
  {
    id: 'database-connect-call-password',
    name: 'Database driver connect() call with a literal password',
    vendor: 'the database server',
    keywords: ['mysql', 'pdo', 'dbi', 'psycopg', 'oracle', 'pymssql'],
    regex: re(`(?:(?:\\b(?:mysqli?_p?connect|new\\s+(?:mysqli|PDO))|\\bDBI(?:->|\\.)connect)\\s*\\(\\s*${QARG}\\s*,\\s*${QARG}\\s*,\\s*|\\b(?:psycopg2?|pymysql|MySQLdb|mysql\\.connector|cx_Oracle|oracledb|pymssql)\\.connect\\s*\\([^()]{0,500}?\\b(?:password|passwd|pwd)\\s*=\\s*)(["'])([^"'\\\\\\n]{4,128})\\1`),
    group: 2,
    minEntropy: 0,
    ownPlaceholderCheck: true,
    validate: (pw, m) => judge(undefined, pw, connectHost(m[0])),
    reference: 'https://www.php.net/manual/en/mysqli.construct.php',
    kingfisher: ['kingfisher.dbconn.php.1', 'kingfisher.dbconn.python.1', 'kingfisher.dbconn.perl.1', 'kingfisher.dbconn.ruby.1'],
  },
  // libpq key=value connection strings passed to pg_connect() or psycopg: `host=… user=… password=…`
  {
    id: 'libpq-conninfo-password',
    name: 'PostgreSQL (libpq) connection string with password',
    vendor: 'the PostgreSQL server',
    keywords: ['pg_connect', 'pg_pconnect', 'psycopg'],
    regex: re(`\\b(?:pg_p?connect|psycopg2?\\.connect)\\s*\\(\\s*["'][^"'\\n]{0,300}?\\bpassword\\s*=\\s*([^\\s"'\\\\]{4,128})`),
    minEntropy: 0,
    ownPlaceholderCheck: true,
    validate: (pw, m) => judge(undefined, pw, /host=([^\s"']+)/.exec(m[0])?.[1]),
    reference: 'https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-KEYWORD-VALUE',
    kingfisher: ['kingfisher.dbconn.php.2', 'kingfisher.dbconn.python.2'],
  },
];
