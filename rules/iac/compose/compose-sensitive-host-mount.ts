import type { Rule } from '../../../src/model/rule.js';
import { mountsOf, onceReporter, servicesOf } from './lib.js';

/** Host paths whose exposure gives a container control of, or secrets from, the host. */
const SENSITIVE: { re: RegExp; what: string }[] = [
  { re: /^\/$/, what: 'the whole host filesystem' },
  { re: /^\/etc$/, what: 'host configuration (/etc: users, sudoers, cron, systemd)' },
  { re: /^\/etc\/(shadow|gshadow|sudoers(\.d)?|ssh|kubernetes|docker|cron\.d|crontab|systemd)(\/.*)?$/, what: 'sensitive host configuration' },
  { re: /^\/root(\/.*)?$/, what: "root's home directory" },
  { re: /^\/proc(\/.*)?$/, what: 'the host /proc' },
  { re: /^\/sys(\/.*)?$/, what: 'the host /sys' },
  { re: /^\/(var\/)?run$/, what: 'host runtime sockets and PIDs (/var/run)' },
  { re: /^\/var\/lib\/(docker|containerd|kubelet)(\/.*)?$/, what: 'container engine state' },
  { re: /^\/boot(\/.*)?$/, what: 'the host boot partition' },
  { re: /^\/dev$/, what: 'all host devices' },
  { re: /^\/(usr|bin|sbin|lib|lib64)$/, what: 'host system binaries' },
  { re: /(^|\/)\.(ssh|aws|kube|docker|gnupg|azure|config\/gcloud)$/, what: 'a credentials directory' },
];

const SOCKET = /(^|\/)(docker|podman|containerd|crio)\.sock$/;

/** Bind mounts of host system paths hand the container the host. */
const rule: Rule = {
  meta: {
    id: 'iac/compose-sensitive-host-mount',
    title: 'Compose service mounts a sensitive host path',
    description:
      'Bind-mounting host paths such as `/`, `/etc`, `/root`, `/proc`, `/sys`, `/var/run` or a user\'s `~/.ssh` gives the container the host\'s configuration, credentials, sockets or kernel interfaces. With write access it can change the host (add a user, a cron job, a systemd unit); even read-only it can read secrets and much of the host\'s state. A named volume of the local driver that binds a host directory (`driver_opts: {o: bind, device: /etc}`) counts as a bind mount of that directory. Harmless single files such as /etc/localtime are not reported; the Docker socket is reported by iac/compose-docker-socket.',
    severity: 'high',
    kinds: ['docker-compose'],
    messages: {
      mount: 'Service {{service}} bind-mounts {{source}} ({{what}}){{mode}} (expected only application data directories); mount a narrower path, or a plain named volume, instead.',
    },
    remediation: 'Mount only the specific files or directories the service needs (read-only where possible), or use named volumes; never mount host system directories or credential directories into application containers.',
    references: [
      'https://docs.docker.com/reference/compose-file/services/#volumes',
      'https://docs.docker.com/engine/storage/bind-mounts/',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['7', '8'], caf: ['B3', 'B4'], cwe: ['CWE-668'] },
    equivalents: { kics: ['1c1325ff-831d-43a1-973e-839ae57dfcc0'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    const report = onceReporter(ctx);
    for (const s of servicesOf(ctx)) {
      for (const m of mountsOf(s.node, s.root)) {
        if (m.type !== 'bind' || !m.source || (m.source.includes('\u0000') && !/\.(ssh|aws|kube|docker|gnupg)\/?$/.test(m.source))) continue;
        const source = m.source.length > 1 ? m.source.replace(/\/+$/, '') : m.source;
        if (SOCKET.test(source)) continue;
        const hit = SENSITIVE.find((x) => x.re.test(source));
        if (!hit) continue;
        report(m.node, {
          messageId: 'mount',
          data: { service: s.name, source: m.source.replace(/\u0000/g, '$VAR') + (m.via ? ` through the named volume ${m.via}` : ''), what: hit.what, mode: m.readOnly ? ' read-only' : ' read-write' },
          severity: m.readOnly ? 'medium' : undefined,
        });
      }
    }
  },
};
export default rule;
