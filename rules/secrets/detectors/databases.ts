import type { Detector, Verdict } from '../lib/types.js';
import { re } from './helpers.js';

/** Values that stand for a password rather than being one. */
const PLACEHOLDER_PASSWORD = /^(?:\*+|x+|\.+|•+|_+|-+|\?+|pass(?:word|wd|phrase)?\d?|pwd|secret|changeme|change[_-]?me|change[_-]?it|your[_-]?\w*|my[_-]?password|mysecretpassword|example\w*|placeholder|redacted|null|none|nil|undefined|empty|replace[_-]?me|todo|tbd|foo|bar|baz|pass123|<[^>]*>|\[[^\]]*\]|\{[^}]*\}|%[sv]|%\(\w+\)s|:\w+|\$\w+|\$\{[^}]*\}?|\$\([^)]*\)?|\{\{[^}]*\}\}?|#\{[^}]*\}?|@\w+|\w+_(?:password|pass|pwd|secret))$/i;
/** An environment-variable name standing in for the value: DB_PASSWORD. */
const ENV_NAME = /^[A-Z][A-Z0-9]*_[A-Z0-9_]+$/;
const TEMPLATE = /\$\{|\{\{|\{%|<%|%\(|\$\(|#\{|%s|\$[A-Za-z_]/;
/** Passwords every tutorial and default image uses: a finding, but low. */
const DEFAULT_PASSWORD = /^(?:postgres|postgresql|mysql|mariadb|root|admin|administrator|guest|test|testing|tester|dev|development|local|default|docker|sa|user|username|demo|letmein|qwerty|123456\d*|12345678|password123|secret123|mongo|mongodb|redis|rabbitmq|keycloak|sonar|airflow|superset|airbyte|app|db|database)$/i;
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

function urlDetector(id: string, name: string, vendor: string, schemes: string, keywords: string[], reference: string, extra: Partial<Detector> = {}): Detector {
  return {
    id,
    name,
    vendor,
    keywords,
    // scheme://user:password@host — user and host never contain the separators; an unescaped `@` in the
    // password is common, so the host is what follows the last `@`
    regex: re(`(?:${schemes})://([^\\s:/?#@'"\`<>{}]{1,128}):([^\\s/?#'"\`<>]{1,256})@([^\\s/?#'"\`<>@:]{1,253}(?::\\d{1,5})?)`, 'gi'),
    group: 2,
    leftBoundary: false,
    minEntropy: 0,
    ownPlaceholderCheck: true,
    validate: (pw, m, text) => (m.index > 0 && /[A-Za-z0-9+.-]/.test(text[m.index - 1]) ? false : judge(m[1], pw, m[3])),
    reference,
    gitleaks: [],
    ...extra,
  };
}

/** Connection strings and URLs that carry a password. */
export const DATABASE_DETECTORS: Detector[] = [
  urlDetector('postgres-connection-url', 'PostgreSQL connection URL with password', 'the PostgreSQL server', 'postgres(?:ql)?(?:\\+\\w+)?|pgsql|cockroachdb|timescaledb', ['postgres', 'pgsql', 'cockroachdb', 'timescaledb'], 'https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS'),
  urlDetector('mysql-connection-url', 'MySQL/MariaDB connection URL with password', 'the MySQL server', 'mysql(?:\\+\\w+)?|mariadb|mysqlx', ['mysql', 'mariadb'], 'https://dev.mysql.com/doc/refman/8.4/en/connecting-using-uri-or-key-value-pairs.html'),
  urlDetector('mongodb-connection-url', 'MongoDB connection URL with password', 'the MongoDB server', 'mongodb(?:\\+srv)?', ['mongodb://', 'mongodb+srv://'], 'https://www.mongodb.com/docs/manual/reference/connection-string/', { secretlint: [] }),
  urlDetector('redis-connection-url', 'Redis connection URL with password', 'the Redis server', 'rediss?|valkey', ['redis://', 'rediss://', 'valkey://'], 'https://redis.io/docs/latest/develop/clients/'),
  urlDetector('amqp-connection-url', 'AMQP (RabbitMQ) connection URL with password', 'the message broker', 'amqps?', ['amqp://', 'amqps://'], 'https://www.rabbitmq.com/docs/uri-spec'),
  urlDetector('mssql-connection-url', 'SQL Server/Oracle connection URL with password', 'the database server', 'mssql|sqlserver|oracle|db2|clickhouse|snowflake|neo4j(?:\\+s)?|couchbases?|cassandra|influxdb|elasticsearch', ['mssql://', 'sqlserver://', 'oracle://', 'db2://', 'clickhouse://', 'snowflake://', 'neo4j://', 'neo4j+s://', 'couchbase://', 'couchbases://', 'cassandra://', 'influxdb://', 'elasticsearch://'], 'https://learn.microsoft.com/en-us/sql/connect/'),
  urlDetector('ldap-url-with-password', 'LDAP URL with bind password', 'the directory server', 'ldaps?', ['ldap://', 'ldaps://'], 'https://datatracker.ietf.org/doc/html/rfc4516'),
  urlDetector('ftp-url-with-password', 'FTP/SFTP URL with password', 'the file server', 'ftps?|sftp|ssh|scp|smb|rsync', ['ftp://', 'ftps://', 'sftp://', 'ssh://', 'scp://', 'smb://', 'rsync://'], 'https://datatracker.ietf.org/doc/html/rfc1738'),
  urlDetector('smtp-url-with-password', 'SMTP/IMAP URL with password', 'the mail server', 'smtps?|imaps?|pop3s?', ['smtp://', 'smtps://', 'imap://', 'imaps://', 'pop3://', 'pop3s://'], 'https://datatracker.ietf.org/doc/html/rfc5092'),
  urlDetector('http-basic-auth-url', 'HTTP(S) URL with embedded password', 'the web service', '(?:git\\+)?https?', ['://'], 'https://datatracker.ietf.org/doc/html/rfc3986#section-3.2.1', {
    secretlint: ['@secretlint/secretlint-rule-basicauth'],
    validate: (pw, m) => {
      const host = m[3] ?? '';
      // a dotted host (or an IP), not "http://user:pass@" in prose or a docs template
      if (!/[.]/.test(host) && !/^localhost/i.test(host)) return false;
      // "x-access-token:ghp_…" is reported by the token's own detector too; still a credential here
      return judge(m[1], pw, host);
    },
  }),
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
  },
];
