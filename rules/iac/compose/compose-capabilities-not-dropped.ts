import type { Rule } from '../../../src/model/rule.js';
import { get } from '../../../src/parsers/data/tree.js';
import { isCompleteService, listItems, onceReporter, servicesOf } from './lib.js';

/** Docker's default capability set is broader than most services need. */
const rule: Rule = {
  meta: {
    id: 'iac/compose-capabilities-not-dropped',
    title: 'Compose service keeps Docker\'s default capabilities',
    description:
      'Docker starts containers with a default set of Linux capabilities (CHOWN, DAC_OVERRIDE, FOWNER, SETUID, SETGID, NET_RAW, MKNOD, KILL and others) that most application processes never use, but that an attacker with code execution can: NET_RAW for ARP and DNS spoofing on the container network, SETUID/SETGID and DAC_OVERRIDE to move between users and bypass file permissions. `cap_drop: [ALL]`, with `cap_add` for the few a service needs, removes them. A service with no `cap_drop` at all is reported; one that drops a list of its own choosing is not. Partial service definitions (no `image` or `build`, or using `extends`), as in override files, are not checked.',
    severity: 'low',
    kinds: ['docker-compose'],
    messages: {
      missing: 'Service {{service}} does not drop any Linux capabilities (expected `cap_drop: [ALL]`, adding back only what it needs with `cap_add`); add `cap_drop: [ALL]`.',
    },
    remediation: 'Add `cap_drop: [ALL]` to the service and `cap_add:` only the capabilities it needs (e.g. NET_BIND_SERVICE to listen below port 1024; CHOWN, SETUID and SETGID for images whose entrypoint switches user).',
    references: [
      'https://docs.docker.com/reference/compose-file/services/#cap_drop',
      'https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities',
      'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['7', '8'], caf: ['B4'], cwe: ['CWE-250'] },
    equivalents: { kics: ['ce76b7d0-9e77-464d-b86f-c5c48e03e22d'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    const report = onceReporter(ctx);
    for (const s of servicesOf(ctx)) {
      if (!isCompleteService(s)) continue;
      const drop = get(s.node, 'cap_drop');
      // an empty `cap_drop: []` drops nothing
      if (drop !== undefined && listItems(drop).some((i) => String(i.value ?? '').trim() !== '')) continue;
      report(s.key, { messageId: 'missing', data: { service: s.name } });
    }
  },
};
export default rule;
