import type { Rule } from '../../../src/model/rule.js';
import { get, str } from '../../../src/parsers/data/tree.js';
import { composeString, onceReporter, servicesOf } from './lib.js';

/** An explicit `user: root` overrides whatever non-root user the image chose. */
const rule: Rule = {
  meta: {
    id: 'iac/compose-root-user',
    title: 'Compose service explicitly runs as root',
    description:
      '`user: root` (or `0`, `0:0`, `root:<group>`, or a `${VAR:-0}` default) makes the service run as root inside the container, overriding a non-root USER set by the image. A compromised process then has root\'s powers over the container and its mounts, and a container escape lands as root. Services without `user:` follow the image and are covered by iac/dockerfile-root-user.',
    severity: 'low',
    kinds: ['docker-compose'],
    messages: {
      root: 'Service {{service}} sets `user: {{user}}`, running as root (expected a non-root user or UID such as `user: "10001:10001"`); remove it or use a non-root user.',
    },
    remediation: 'Remove `user: root` so the image\'s non-root USER applies, or set `user: "<uid>:<gid>"` of an unprivileged user; fix volume ownership instead of running as root.',
    references: [
      'https://docs.docker.com/reference/compose-file/services/#user',
      'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['7', '8'], caf: ['B4'], cwe: ['CWE-250'] },
    equivalents: { semgrep: ['yaml.docker-compose.security.service-runs-as-root.service-runs-as-root'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    const report = onceReporter(ctx);
    for (const s of servicesOf(ctx)) {
      const node = get(s.node, 'user');
      // `${APP_UID:-0}` defaults to root; a value that depends on an unset variable is unknown
      const user = composeString(node)?.trim();
      if (!node || !user) continue;
      if (/^(root|0)(:.*)?$/i.test(user)) report(node, { messageId: 'root', data: { service: s.name, user: str(node)!.trim() } });
    }
  },
};
export default rule;
