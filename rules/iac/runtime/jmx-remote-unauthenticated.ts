/** A JVM started with remote JMX and no authentication, wherever its flags are written. */
import type { Rule } from '../../../src/model/rule.js';

/** Prose and markup, where the flags are documentation rather than configuration. */
const DOCS = /\.(?:md|markdown|rst|adoc|asciidoc|txt|html?|njk)$/i;
const AUTH_OFF = /com\.sun\.management\.jmxremote\.authenticate\s*=\s*["']?false\b/gi;
const PORT = /com\.sun\.management\.jmxremote\.port\s*=\s*["']?(\$\{?\w+\}?|\d+)/gi;
const SSL_OFF = /com\.sun\.management\.jmxremote\.ssl\s*=\s*["']?false\b/gi;
/** Bound to the loopback interface (Java 9+ `jmxremote.host`), or restricted to local connections. */
const LOCAL_ONLY = /com\.sun\.management\.jmxremote\.host\s*=\s*["']?(?:localhost|127\.0\.0\.1|::1|\[::1\])(?![\w.])|com\.sun\.management\.jmxremote\.local\.only\s*=\s*["']?true\b/gi;

/** Whether the line holding `index` is commented out (`#`, `//`, `;`, `*`, `<!--`, `REM`). */
function commented(text: string, index: number): boolean {
  const line = text.slice(text.lastIndexOf('\n', index) + 1, index);
  return /^\s*(?:#|\/\/|;|\*|<!--|rem\s)/i.test(line);
}

/** The first match of a global pattern that is not on a commented-out line. */
function live(text: string, re: RegExp): RegExpExecArray | undefined {
  for (const m of text.matchAll(re)) if (!commented(text, m.index)) return m as RegExpExecArray;
  return undefined;
}

export const jmxRemoteUnauthenticated: Rule = {
  meta: {
    id: 'iac/jmx-remote-unauthenticated',
    title: 'JVM exposes remote JMX without authentication',
    description:
      'A Java process started with `-Dcom.sun.management.jmxremote.port=<port>` and `-Dcom.sun.management.jmxremote.authenticate=false` accepts JMX connections from anyone who can reach the port, with no password. JMX clients can create MBeans (for example an MLet that loads a class from a URL of their choosing), which runs their code inside the JVM with the service\'s identity and secrets: a well-known route to remote code execution. The flags are found wherever they are written (Dockerfile ENV/CMD, docker-compose, Kubernetes or Helm values, shell scripts, `JAVA_OPTS` in an env file); a file that binds JMX to localhost (`jmxremote.host=127.0.0.1`) or sets `jmxremote.local.only=true` is not reported, nor are commented-out lines or documentation (Markdown, HTML).',
    severity: 'high',
    kinds: ['text'],
    messages: {
      open: 'Remote JMX is enabled on port {{port}} with authentication switched off{{ssl}}: anyone who can reach the port can load and run code in the JVM. Turn authentication on (jmxremote.password.file and access.file) with SSL, or bind JMX to localhost (jmxremote.host=127.0.0.1) and reach it through a tunnel or `kubectl port-forward`.',
    },
    remediation: 'Remove `-Dcom.sun.management.jmxremote.authenticate=false`; configure a password and access file (or JAAS) and `jmxremote.ssl=true`, and do not publish the JMX and RMI ports. For debugging, bind JMX to localhost and connect through a tunnel.',
    references: ['https://docs.oracle.com/en/java/javase/21/management/monitoring-and-management-using-jmx-technology.html', 'https://cwe.mitre.org/data/definitions/306.html'],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['7', '8'], caf: ['B2', 'B4'], cwe: ['CWE-306'] },
    equivalents: {},
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    const text = ctx.file.text;
    if (DOCS.test(ctx.file.path) || !text.includes('jmxremote')) return;
    const port = live(text, PORT);
    if (!port || live(text, LOCAL_ONLY)) return;
    const ssl = live(text, SSL_OFF) ? ' and SSL off' : '';
    for (const m of text.matchAll(AUTH_OFF)) if (!commented(text, m.index)) ctx.report({ messageId: 'open', offsets: [m.index, m.index + m[0].length], data: { port: port[1], ssl } });
  },
};
