import type { Rule } from '../../../src/model/rule.js';
import { get, isMap, isScalar, isSeq } from '../../../src/parsers/data/tree.js';
import { composeBool, onceReporter, servicesOf } from './lib.js';

/** Turning the health check off hides a hung service from Docker, Compose and orchestrators. */
const rule: Rule = {
  meta: {
    id: 'iac/compose-healthcheck-disabled',
    title: 'Compose service disables its health check',
    description:
      '`healthcheck: {disable: true}` or `test: ["NONE"]` switches off the health check the image defines (its HEALTHCHECK instruction). Docker then reports the container as running while it hangs or fails to serve, `depends_on: {condition: service_healthy}` cannot wait for it, and Swarm does not replace it. A service with no `healthcheck:` key is not reported: the image may define one.',
    severity: 'low',
    kinds: ['docker-compose'],
    messages: {
      disabled: 'Service {{service}} disables its health check ({{how}}) (expected a `healthcheck:` with a `test:` that checks the service answers); define one instead.',
    },
    remediation: 'Remove `disable: true` / `test: ["NONE"]` and give the service a real check, e.g. `healthcheck: {test: ["CMD", "curl", "-f", "http://localhost:8080/health"], interval: 30s, retries: 3}`.',
    references: ['https://docs.docker.com/reference/compose-file/services/#healthcheck', 'https://docs.docker.com/reference/dockerfile/#healthcheck'],
    standards: { dsss: ['8', '13'], govuk: ['9', '14'], sbd: ['8'], caf: ['B5'], cwe: ['CWE-693'] },
    equivalents: { kics: ['698ed579-b239-4f8f-a388-baa4bcb13ef8'] },
    security: false,
    since: '0.1.0',
  },
  check(ctx) {
    const report = onceReporter(ctx);
    for (const s of servicesOf(ctx)) {
      const hc = get(s.node, 'healthcheck');
      if (!isMap(hc)) continue;
      const disable = get(hc, 'disable');
      if (composeBool(disable) === true) {
        report(disable!, { messageId: 'disabled', data: { service: s.name, how: '`disable: true`' } });
        continue;
      }
      const test = get(hc, 'test');
      const first = isSeq(test) ? test.items[0] : undefined;
      if (isScalar(first) && typeof first.value === 'string' && first.value.trim().toUpperCase() === 'NONE') report(first, { messageId: 'disabled', data: { service: s.name, how: '`test: ["NONE"]`' } });
    }
  },
};
export default rule;
