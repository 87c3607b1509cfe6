import type { Rule, RuleMeta } from '../../../src/model/rule.js';
import { isCompleteService, limitSettings, onceReporter, servicesOf } from './lib.js';

const RESILIENCE = { dsss: ['8', '13'], govuk: ['9', '14'], sbd: ['8'], caf: ['B5'], cwe: ['CWE-770'] };
const RESOURCES_REF = 'https://docs.docker.com/reference/compose-file/deploy/#resources';
const LOCAL_DEV =
  ' Partial service definitions (no `image` or `build`, or using `extends`), as in override files, are only checked for an explicit unlimited value. A Compose file used only for local development commonly sets no limits, hence the low rating.';

interface LimitRuleSpec {
  meta: Omit<RuleMeta, 'kinds' | 'messages' | 'standards' | 'security' | 'since'>;
  serviceKeys: string[];
  limitKey: string;
  what: string;
  example: string;
}

/** A rule reporting services that set no limit on one resource (memory, CPU, process count). */
function limitRule(spec: LimitRuleSpec): Rule {
  return {
    meta: {
      ...spec.meta,
      kinds: ['docker-compose'],
      messages: {
        missing: `Service {{service}} sets no ${spec.what} limit (expected \`${spec.example}\`, or \`deploy.resources.limits.${spec.limitKey}\`); add one so a runaway or compromised process cannot exhaust the host.`,
        unlimited: `Service {{service}} sets \`{{key}}: {{value}}\`, which means no ${spec.what} limit (expected a positive limit such as \`${spec.example}\`); set a real limit.`,
      },
      standards: RESILIENCE,
      security: true,
      since: '0.1.0',
    },
    check(ctx) {
      const report = onceReporter(ctx);
      for (const s of servicesOf(ctx)) {
        const settings = limitSettings(s.node, spec.serviceKeys, spec.limitKey);
        if (settings.length === 0) {
          if (isCompleteService(s)) report(s.key, { messageId: 'missing', data: { service: s.name } });
          continue;
        }
        // any real (or unknown) limit is a limit; report an explicit "unlimited" only when nothing else limits it
        if (settings.some((x) => !x.unlimited)) continue;
        const x = settings[0];
        report(x.node, { messageId: 'unlimited', data: { service: s.name, key: x.key, value: ctx.file.text.slice(x.node.start, x.node.end) } });
      }
    },
  };
}

export const composeMemoryNotLimited = limitRule({
  meta: {
    id: 'iac/compose-memory-not-limited',
    title: 'Compose service has no memory limit',
    description:
      'Without `mem_limit` (or `deploy.resources.limits.memory`) a container may use all of the host\'s memory: a leak, a flood of requests or a compromised process can get other containers, or the Docker daemon itself, killed by the kernel\'s out-of-memory killer. A limit contains the damage to the one container. A value of 0 or -1 means no limit.' + LOCAL_DEV,
    severity: 'low',
    remediation: 'Set `mem_limit: 512m` on the service (or `deploy: {resources: {limits: {memory: 512M}}}`), sized from the service\'s observed use.',
    references: [RESOURCES_REF, 'https://docs.docker.com/reference/compose-file/services/#mem_limit', 'https://docs.docker.com/engine/containers/resource_constraints/'],
    equivalents: { kics: ['bb9ac4f7-e13b-423d-a010-c74a1bfbe492'] },
  },
  serviceKeys: ['mem_limit'],
  limitKey: 'memory',
  what: 'memory',
  example: 'mem_limit: 512m',
});

export const composeCpusNotLimited = limitRule({
  meta: {
    id: 'iac/compose-cpus-not-limited',
    title: 'Compose service has no CPU limit',
    description:
      'Without `cpus` (or `cpu_quota`, or `deploy.resources.limits.cpus`) a container may take every CPU of the host, starving the other containers (a runaway loop, a denial-of-service, or crypto-mining after a compromise). `cpu_shares` is only a relative weight, not a limit. A value of 0 means no limit. CPU starvation slows neighbours rather than killing them, so this is informational.' + LOCAL_DEV,
    severity: 'info',
    remediation: 'Set `cpus: "0.5"` on the service (or `deploy: {resources: {limits: {cpus: "0.5"}}}`), sized from the service\'s observed use.',
    references: [RESOURCES_REF, 'https://docs.docker.com/reference/compose-file/services/#cpus', 'https://docs.docker.com/engine/containers/resource_constraints/'],
    equivalents: { kics: ['6b610c50-99fb-4ef0-a5f3-e312fd945bc3'] },
  },
  serviceKeys: ['cpus', 'cpu_quota', 'cpu_count'],
  limitKey: 'cpus',
  what: 'CPU',
  example: 'cpus: "0.5"',
});

export const composePidsLimitMissing = limitRule({
  meta: {
    id: 'iac/compose-pids-limit-missing',
    title: 'Compose service has no process-count limit',
    description:
      'Without `pids_limit` (or `deploy.resources.limits.pids`) a container can create processes until the host\'s process table is full: a fork bomb, or a bug that spawns without bound, then stops every container and the host from starting new processes. -1 and 0 mean no limit.' + LOCAL_DEV,
    severity: 'low',
    remediation: 'Set `pids_limit: 100` (or `deploy: {resources: {limits: {pids: 100}}}`), above the service\'s normal process and thread count.',
    references: ['https://docs.docker.com/reference/compose-file/services/#pids_limit', RESOURCES_REF],
    equivalents: { kics: ['221e0658-cb2a-44e3-b08a-db96a341d6fa'] },
  },
  serviceKeys: ['pids_limit'],
  limitKey: 'pids',
  what: 'process-count',
  example: 'pids_limit: 100',
});
