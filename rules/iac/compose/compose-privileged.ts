import type { Rule } from '../../../src/model/rule.js';
import { get, str } from '../../../src/parsers/data/tree.js';
import { composeBool, onceReporter, servicesOf } from './lib.js';

/** privileged: true removes container isolation: it is root on the host. */
const rule: Rule = {
  meta: {
    id: 'iac/compose-privileged',
    title: 'Compose service runs privileged',
    description:
      '`privileged: true` gives the container every Linux capability, access to all host devices and no seccomp or AppArmor confinement. A process that compromises it is effectively root on the host: it can mount the host filesystem, load kernel modules and reach every other container.',
    severity: 'critical',
    kinds: ['docker-compose'],
    messages: {
      privileged: 'Service {{service}} sets `privileged: {{value}}`, which Compose reads as true (expected false or absent); remove it and grant only the specific capabilities (`cap_add`) or devices (`devices`) the service needs.',
    },
    remediation: 'Remove `privileged: true`. Add only the capabilities (`cap_add: [NET_BIND_SERVICE]`) or devices (`devices:`) the workload needs, with `cap_drop: [ALL]`.',
    references: [
      'https://docs.docker.com/reference/compose-file/services/#privileged',
      'https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['7', '8'], caf: ['B4'], cwe: ['CWE-250'] },
    equivalents: { kics: ['ae5b6871-7f45-42e0-bb4c-ab300c4d2026'], semgrep: ['yaml.docker-compose.security.privileged-service.privileged-service'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    const report = onceReporter(ctx);
    for (const s of servicesOf(ctx)) {
      const v = get(s.node, 'privileged');
      // Compose reads yes/on/True and `${VAR:-true}` as true too
      if (composeBool(v) === true) report(v!, { messageId: 'privileged', data: { service: s.name, value: str(v)! } });
    }
  },
};
export default rule;
