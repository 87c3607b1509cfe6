import type { Rule } from '../../../src/model/rule.js';
import { get, str } from '../../../src/parsers/data/tree.js';
import { composeBool, isCompleteService, onceReporter, servicesOf } from './lib.js';

/** A writable root filesystem lets an attacker persist tools and modify the application. */
const rule: Rule = {
  meta: {
    id: 'iac/compose-read-only-missing',
    title: 'Compose service root filesystem is writable',
    description:
      'Without `read_only: true` the container can write anywhere in its filesystem: an attacker who gets code execution can drop tools, modify the application\'s own code or configuration, and persist until the container is recreated. A read-only root filesystem, with `tmpfs` or volumes for the few paths that need writes, removes that foothold. Partial service definitions (no `image` or `build`, or using `extends`), as in override files, are only checked for an explicit `read_only: false`.',
    severity: 'low',
    kinds: ['docker-compose'],
    messages: {
      missing: 'Service {{service}} does not set `read_only: true` (expected a read-only root filesystem, with `tmpfs:` or volumes for paths that need writes); add it.',
      disabled: 'Service {{service}} sets `read_only: {{value}}` (expected true, with `tmpfs:` or volumes for paths that need writes); make the root filesystem read-only.',
    },
    remediation: 'Add `read_only: true` to the service and give writable paths their own mounts: `tmpfs: [/tmp, /run]` or named volumes for data.',
    references: [
      'https://docs.docker.com/reference/compose-file/services/#read_only',
      'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['7', '8'], caf: ['B4'], cwe: ['CWE-732'] },
    equivalents: { semgrep: ['yaml.docker-compose.security.writable-filesystem-service.writable-filesystem-service'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    const report = onceReporter(ctx);
    for (const s of servicesOf(ctx)) {
      const v = get(s.node, 'read_only');
      if (v === undefined) {
        // A partial definition (an override file's, or one that `extends` another) may get read_only elsewhere.
        if (isCompleteService(s)) report(s.key, { messageId: 'missing', data: { service: s.name } });
      }
      // yes/on are true to Compose; an unset variable or a value Compose rejects says nothing
      else if (composeBool(v) === false) report(v, { messageId: 'disabled', data: { service: s.name, value: str(v) ?? '' } });
    }
  },
};
export default rule;
