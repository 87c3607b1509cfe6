import type { Rule } from '../../../src/model/rule.js';
import { get } from '../../../src/parsers/data/tree.js';
import { listItems, onceReporter, servicesOf } from './lib.js';

const DANGEROUS: Record<string, string> = {
  ALL: 'every capability, as much as privileged mode short of devices',
  SYS_ADMIN: 'mount, namespace and many other admin operations (a known container-escape path)',
  NET_ADMIN: 'reconfiguring interfaces, routes and firewall rules',
  SYS_PTRACE: 'tracing and injecting code into other processes',
  SYS_MODULE: 'loading kernel modules',
  SYS_RAWIO: 'raw I/O to devices and memory',
  DAC_READ_SEARCH: 'bypassing file read permission checks (open_by_handle_at escapes)',
  SYS_BOOT: 'rebooting the host',
  BPF: 'loading BPF programs into the kernel',
  MAC_ADMIN: 'changing mandatory access control policy',
  MAC_OVERRIDE: 'overriding mandatory access control',
};

/** Capabilities that amount to (or lead straight to) root on the host. */
const rule: Rule = {
  meta: {
    id: 'iac/compose-dangerous-capabilities',
    title: 'Compose service adds dangerous Linux capabilities',
    description:
      'Linux capabilities split root\'s powers. `cap_add: [ALL]` restores all of them, and SYS_ADMIN, NET_ADMIN, SYS_PTRACE, SYS_MODULE, DAC_READ_SEARCH and similar give a compromised process the means to escape the container, tamper with networking or read other processes\' memory.',
    severity: 'high',
    kinds: ['docker-compose'],
    messages: {
      cap: 'Service {{service}} adds capability {{cap}}, which allows {{what}} (expected only narrow capabilities such as NET_BIND_SERVICE, after `cap_drop: [ALL]`); remove it or justify it.',
    },
    remediation: 'Start from `cap_drop: [ALL]` and add back only narrow capabilities the process needs (e.g. NET_BIND_SERVICE, CHOWN). Replace SYS_ADMIN/NET_ADMIN uses with a purpose-built sidecar or host-level configuration.',
    references: [
      'https://docs.docker.com/reference/compose-file/services/#cap_add',
      'https://man7.org/linux/man-pages/man7/capabilities.7.html',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['7', '8'], caf: ['B4'], cwe: ['CWE-250'] },
    equivalents: {},
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    const report = onceReporter(ctx);
    for (const s of servicesOf(ctx)) {
      for (const item of listItems(get(s.node, 'cap_add'))) {
        const cap = String(item.value ?? '').trim().toUpperCase().replace(/^CAP_/, '');
        const what = DANGEROUS[cap];
        if (what) report(item, { messageId: 'cap', data: { service: s.name, cap, what } });
      }
    }
  },
};
export default rule;
