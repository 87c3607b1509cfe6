import type { Rule } from '../../../src/model/rule.js';
import { get } from '../../../src/parsers/data/tree.js';
import { listItems, onceReporter, servicesOf } from './lib.js';

const UNCONFINED: { re: RegExp; what: string }[] = [
  { re: /^seccomp[:=]\s*unconfined$/i, what: 'the seccomp system-call filter' },
  { re: /^apparmor[:=]\s*unconfined$/i, what: 'the AppArmor profile' },
  { re: /^label[:=]\s*disable$/i, what: 'SELinux labelling (separation)' },
  { re: /^label[:=]\s*type:spc_t$/i, what: 'SELinux confinement (spc_t is the unconfined "super privileged container" type)' },
  { re: /^systempaths[:=]\s*unconfined$/i, what: 'the masking of /proc and /sys paths' },
];

/** Switching off seccomp, AppArmor or SELinux removes kernel-level guard rails. */
const rule: Rule = {
  meta: {
    id: 'iac/compose-security-opt-disabled',
    title: 'Compose service disables seccomp, AppArmor or SELinux',
    description:
      'Docker confines every container with a seccomp profile (blocking dangerous system calls), AppArmor or SELinux labels, and masked /proc and /sys paths. `security_opt` values such as `seccomp:unconfined`, `apparmor:unconfined`, `label:disable` and `systempaths=unconfined` turn those defences off, so a kernel bug or a misconfiguration is much easier to exploit for an escape.',
    severity: 'high',
    kinds: ['docker-compose'],
    messages: {
      unconfined: 'Service {{service}} sets `security_opt: {{value}}`, disabling {{what}} (expected the default profile, or a custom profile that allows just the extra calls needed); remove it.',
    },
    remediation: 'Remove the option. If the workload needs a blocked system call, write a custom seccomp or AppArmor profile that allows just that call (`seccomp:./profile.json`).',
    references: [
      'https://docs.docker.com/reference/compose-file/services/#security_opt',
      'https://docs.docker.com/engine/security/seccomp/',
      'https://docs.docker.com/engine/security/apparmor/',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['8'], caf: ['B4'], cwe: ['CWE-693'] },
    equivalents: {
      kics: ['404fde2c-bc4b-4371-9747-7054132ac953'],
      semgrep: [
        'yaml.docker-compose.security.seccomp-confinement-disabled.seccomp-confinement-disabled',
        'yaml.docker-compose.security.selinux-separation-disabled.selinux-separation-disabled',
      ],
    },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    const report = onceReporter(ctx);
    for (const s of servicesOf(ctx)) {
      for (const item of listItems(get(s.node, 'security_opt'))) {
        const value = String(item.value ?? '').trim();
        const hit = UNCONFINED.find((u) => u.re.test(value));
        if (hit) report(item, { messageId: 'unconfined', data: { service: s.name, value, what: hit.what } });
      }
    }
  },
};
export default rule;
