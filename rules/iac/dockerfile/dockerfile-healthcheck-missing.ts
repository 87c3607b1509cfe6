import type { Rule } from '../../../src/model/rule.js';
import { finalStageChain, globalArgs, rangeOf, stagesOf } from './lib.js';

/** Without a HEALTHCHECK, the engine only knows whether the process exists, not whether it works. */
const rule: Rule = {
  meta: {
    id: 'iac/dockerfile-healthcheck-missing',
    title: 'No HEALTHCHECK in the final stage',
    description:
      'A HEALTHCHECK lets Docker, Compose and Swarm see that a service has hung or is failing (not just that its process is alive) and replace it, which supports availability and spotting a compromised or degraded service. The final build stage, including the stages it is built FROM, decides whether the image has one. `HEALTHCHECK NONE` is an explicit choice (e.g. when Kubernetes probes are used) and is not reported.',
    severity: 'low',
    kinds: ['dockerfile'],
    messages: {
      missing: 'The final stage (FROM {{image}}) has no HEALTHCHECK (expected e.g. `HEALTHCHECK CMD wget -qO- http://localhost:8080/health || exit 1`); add one, or `HEALTHCHECK NONE` when the orchestrator probes health.',
    },
    remediation: 'Add `HEALTHCHECK --interval=30s --timeout=3s CMD <command that fails when the service is unhealthy>` to the final stage, or `HEALTHCHECK NONE` with a comment if Kubernetes liveness/readiness probes are used instead.',
    references: [
      'https://docs.docker.com/reference/dockerfile/#healthcheck',
      'https://docs.docker.com/reference/compose-file/services/#healthcheck',
    ],
    standards: { dsss: ['8', '13'], govuk: ['9', '14'], sbd: ['5'], caf: ['B5'] },
    equivalents: { checkov: ['CKV_DOCKER_2'], kics: ['b03a748a-542d-44f4-bb86-9199ab4fd2d5'], trivy: ['AVD-DS-0026'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    if (ctx.document.format !== 'dockerfile') return;
    const df = ctx.document.dockerfile;
    const stages = stagesOf(df);
    if (stages.length === 0) return;
    const chain = finalStageChain(stages, globalArgs(df));
    if (chain.some((s) => s.instructions.some((i) => i.getKeyword() === 'HEALTHCHECK'))) return;
    const last = stages[stages.length - 1];
    ctx.report({ messageId: 'missing', range: rangeOf(last.from), data: { image: last.from.getImage() ?? '' } });
  },
};
export default rule;
