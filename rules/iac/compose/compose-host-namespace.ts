import type { Rule } from '../../../src/model/rule.js';
import { get } from '../../../src/parsers/data/tree.js';
import { composeString, onceReporter, servicesOf } from './lib.js';

const NAMESPACES: Record<string, string> = {
  network_mode: 'the host network stack (every host port and interface, services on localhost)',
  pid: 'the host process table (it can see and signal host processes)',
  ipc: 'host shared memory and IPC objects',
  userns_mode: 'the host user namespace (no user remapping)',
  uts: 'the host hostname and domain name',
  cgroup: 'the host cgroup namespace',
};

/** Sharing a host namespace removes one of the walls between container and host. */
const rule: Rule = {
  meta: {
    id: 'iac/compose-host-namespace',
    title: 'Compose service shares a host namespace',
    description:
      '`network_mode: host`, `pid: host`, `ipc: host` (and `userns_mode`, `uts`, `cgroup: host`) put the container in the host\'s namespace instead of its own: it can bind host ports and reach services listening only on the host\'s localhost, see and signal host processes, or read host shared memory. A compromise of the container becomes a compromise of much of the host.',
    severity: 'high',
    kinds: ['docker-compose'],
    messages: {
      host: 'Service {{service}} sets `{{key}}: host`, sharing {{what}} (expected the container\'s own namespace); remove it and publish only the ports the service needs.',
    },
    remediation: 'Remove the `host` setting. Publish the needed ports with `ports:` (bound to 127.0.0.1 where possible) and connect services over a user-defined network.',
    references: [
      'https://docs.docker.com/reference/compose-file/services/#network_mode',
      'https://docs.docker.com/reference/compose-file/services/#pid',
      'https://docs.docker.com/reference/compose-file/services/#ipc',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['7', '8'], caf: ['B4', 'B5'], cwe: ['CWE-668'] },
    equivalents: { kics: ['071a71ff-f868-47a4-ac0b-3c59e4ab5443', 'baa3890f-bed7-46f5-ab8f-1da8fc91c729', '4f31dd9f-2cc3-4751-9b53-67e4af83dac0', '8af7162d-6c98-482f-868e-0d33fb675ca8'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    const report = onceReporter(ctx);
    for (const s of servicesOf(ctx)) {
      for (const [key, what] of Object.entries(NAMESPACES)) {
        const v = get(s.node, key);
        if (composeString(v)?.trim().toLowerCase() === 'host') report(v!, { messageId: 'host', data: { service: s.name, key, what } });
      }
    }
  },
};
export default rule;
