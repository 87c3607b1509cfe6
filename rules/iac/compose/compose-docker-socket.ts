import type { Rule } from '../../../src/model/rule.js';
import { mountsOf, onceReporter, servicesOf } from './lib.js';

const SOCKET = /(^|\/)(docker|podman|containerd|crio|cri-dockerd)\.sock$|^\\\\\.\\pipe\\docker_engine$|^\/\/\.\/pipe\/docker_engine$/i;

/** The Docker API socket is root on the host for whoever can write to it. */
const rule: Rule = {
  meta: {
    id: 'iac/compose-docker-socket',
    title: 'Compose service mounts the Docker socket',
    description:
      'A container that can reach `/var/run/docker.sock` (or the containerd/Podman socket) controls the container engine: it can start a privileged container that mounts the host\'s root filesystem, so it is root on the host. A read-only (`:ro`) mount does not help, because talking to a socket needs no write access to the file.',
    severity: 'critical',
    kinds: ['docker-compose'],
    messages: {
      socket: 'Service {{service}} mounts the container engine socket {{source}} (expected no engine socket in containers); remove the mount, or put a filtering socket proxy that allows only the API calls the service needs in front of it.',
    },
    remediation: 'Remove the socket mount. Tools that need container metadata can use a socket proxy that allows read-only endpoints only (e.g. tecnativa/docker-socket-proxy), or rootless Docker; CI builders should use a remote builder or rootless BuildKit instead.',
    references: [
      'https://docs.docker.com/engine/security/#docker-daemon-attack-surface',
      'https://docs.docker.com/reference/compose-file/services/#volumes',
      'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['7', '8'], caf: ['B4'], cwe: ['CWE-250', 'CWE-668'] },
    equivalents: { kics: ['d6355c88-1e8d-49e9-b2f2-f8a1ca12c75b'], semgrep: ['yaml.docker-compose.security.exposing-docker-socket-volume.exposing-docker-socket-volume'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    const report = onceReporter(ctx);
    for (const s of servicesOf(ctx)) {
      for (const m of mountsOf(s.node, s.root)) {
        // An anonymous volume at the socket path is reported too: it is almost always a broken socket mount.
        const path = m.source || m.target;
        if (m.type === 'tmpfs' || !SOCKET.test(path.replace(/\/+$/, ''))) continue;
        if (m.source && m.type === 'volume' && !m.source.includes('/')) continue;
        report(m.node, { messageId: 'socket', data: { service: s.name, source: m.via ? `${path} (through the named volume ${m.via})` : path } });
      }
    }
  },
};
export default rule;
