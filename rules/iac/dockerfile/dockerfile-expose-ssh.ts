import type { Rule } from '../../../src/model/rule.js';
import { rangeOf } from './lib.js';

/** Does an EXPOSE argument (`22`, `22/tcp`, `20-25`) include port 22 over TCP? */
function exposes22(arg: string): boolean {
  const m = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i.exec(arg);
  if (!m || (m[3] && m[3].toLowerCase() !== 'tcp')) return false;
  const lo = Number(m[1]);
  const hi = m[2] ? Number(m[2]) : lo;
  return lo <= 22 && 22 <= hi;
}

/** An SSH port in an image means an SSH daemon, keys and another way in. */
const rule: Rule = {
  meta: {
    id: 'iac/dockerfile-expose-ssh',
    title: 'Image exposes SSH (port 22)',
    description:
      'EXPOSE 22 signals an SSH daemon inside the container: another network service to patch, credentials or keys baked into or managed inside the image, and interactive access that bypasses the platform\'s audited access path. Containers are debugged with `docker exec` / `kubectl exec` and configured by rebuilding, not by logging in.',
    severity: 'medium',
    kinds: ['dockerfile'],
    messages: {
      ssh: 'EXPOSE {{port}} publishes the SSH port (expected no SSH daemon in the container); remove the SSH server and use `docker exec`/`kubectl exec` for debugging.',
    },
    remediation: 'Remove `EXPOSE 22` and the SSH server from the image; use the orchestrator\'s exec/attach (with its access control and audit) for debugging.',
    references: [
      'https://docs.docker.com/reference/dockerfile/#expose',
      'https://docs.docker.com/reference/cli/docker/container/exec/',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['7'], caf: ['B4'], cwe: ['CWE-668'] },
    equivalents: { checkov: ['CKV_DOCKER_1'], kics: ['5907595b-5b6d-4142-b173-dbb0e73fbff8'], trivy: ['AVD-DS-0004'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    if (ctx.document.format !== 'dockerfile') return;
    const df = ctx.document.dockerfile;
    for (const inst of df.getInstructions()) {
      if (inst.getKeyword() !== 'EXPOSE') continue;
      const line = inst.getRange().start.line;
      for (const a of inst.getArguments()) {
        let v = a.getValue();
        const ref = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?(\/\w+)?$/.exec(v);
        if (ref) v = (df.resolveVariable(ref[1], line) ?? '') + (ref[2] ?? '');
        if (exposes22(v)) {
          ctx.report({ messageId: 'ssh', range: rangeOf(inst), data: { port: a.getValue() } });
          break;
        }
      }
    }
  },
};
export default rule;
