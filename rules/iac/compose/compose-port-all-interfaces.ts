import type { Rule } from '../../../src/model/rule.js';
import { SENSITIVE_PORTS } from './compose-database-port-exposed.js';
import { onceReporter, portsOf, servicesOf } from './lib.js';

/** A port published without a host IP listens on every interface of the host. */
const rule: Rule = {
  meta: {
    id: 'iac/compose-port-all-interfaces',
    title: 'Compose service publishes a port on all host interfaces',
    description:
      'A `ports:` entry without a host IP (`"8080:80"`, or just `"80"`) or with `0.0.0.0` publishes the port on every network interface of the host, and Docker\'s own packet-filtering rules take precedence over host firewalls such as ufw. A service meant to sit behind a reverse proxy, or used only from the developer\'s machine, is then reachable from whatever network the host is on. Binding to a specific address (`127.0.0.1:8080:80`, or the interface that should receive the traffic) limits that. Database and admin ports are reported by iac/compose-database-port-exposed instead; a port whose host IP comes from an unset variable is not judged. Publishing a public web service on every interface can be intended, hence the low rating.',
    severity: 'low',
    kinds: ['docker-compose'],
    messages: {
      all: 'Service {{service}} publishes container port {{port}} on all host interfaces ({{binding}}) (expected a host IP in front of the mapping, e.g. `127.0.0.1:<host port>:{{port}}` or `host_ip: 127.0.0.1`); bind it to a specific address.',
    },
    remediation: 'Give each published port a host IP: `"127.0.0.1:8080:80"` for local use, or the address of the interface that should receive the traffic (long syntax: `host_ip: 127.0.0.1`). Use `expose:` or no mapping at all for ports only other services need.',
    references: [
      'https://docs.docker.com/reference/compose-file/services/#ports',
      'https://docs.docker.com/engine/network/packet-filtering-firewalls/',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['7'], caf: ['B4', 'B5'], cwe: ['CWE-668'] },
    equivalents: { kics: ['451d79dc-0588-476a-ad03-3c7f0320abb3'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    const report = onceReporter(ctx);
    for (const s of servicesOf(ctx)) {
      for (const p of portsOf(s.node)) {
        if (p.hostIpUnknown || p.containerPorts.length === 0) continue;
        const ip = p.hostIp.trim();
        if (ip !== '' && ip !== '0.0.0.0' && ip !== '::' && ip !== '[::]') continue;
        // iac/compose-database-port-exposed reports these (TCP only)
        if (p.protocol === 'tcp' && p.containerPorts.some((n) => SENSITIVE_PORTS[n])) continue;
        const port = String(p.containerPorts[0]) + (p.containerPorts.length > 1 ? `-${p.containerPorts[p.containerPorts.length - 1]}` : '');
        report(p.node, { messageId: 'all', data: { service: s.name, port, binding: ip === '' ? 'no host IP given' : ip } });
      }
    }
  },
};
export default rule;
