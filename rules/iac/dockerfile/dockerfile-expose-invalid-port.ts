import type { Rule } from '../../../src/model/rule.js';
import { rangeOf } from './lib.js';

/** `EXPOSE 80000`: TCP and UDP ports are 16-bit; the build fails or the metadata is meaningless. */
const rule: Rule = {
  meta: {
    id: 'iac/dockerfile-expose-invalid-port',
    title: 'EXPOSE with a port outside 0-65535',
    description:
      'TCP, UDP and SCTP ports are 16-bit numbers (0 to 65535). An EXPOSE outside that range (often a typo such as `EXPOSE 80800`) makes the build fail or documents a port the service cannot listen on, so the deployment\'s port mapping and firewall rules are written against the wrong number. Variables are resolved from ARG and ENV where they have a value.',
    severity: 'low',
    kinds: ['dockerfile'],
    messages: {
      range: 'EXPOSE {{value}} is outside the valid port range (expected 0-65535); correct the port number.',
    },
    remediation: 'Use the port the service actually listens on, between 0 and 65535 (`EXPOSE 8080`, `EXPOSE 8000-8010/tcp`).',
    references: [
      'https://docs.docker.com/reference/dockerfile/#expose',
      'https://github.com/hadolint/hadolint/wiki/DL3011',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['10'], caf: ['B4'] },
    equivalents: { hadolint: ['DL3011'], kics: ['71bf8cf8-f0a1-42fa-b9d2-d10525e0a38e'], trivy: ['AVD-DS-0008'] },
    since: '0.1.0',
  },
  check(ctx) {
    if (ctx.document.format !== 'dockerfile') return;
    const df = ctx.document.dockerfile;
    for (const inst of df.getInstructions()) {
      if (inst.getKeyword() !== 'EXPOSE') continue;
      const line = inst.getRange().start.line;
      for (const a of inst.getArguments()) {
        const written = a.getValue();
        let v = written.replace(/^["']|["']$/g, '');
        const ref = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?(\/\w+)?$/.exec(v);
        if (ref) {
          const resolved = df.resolveVariable(ref[1], line);
          if (resolved === undefined || resolved === null) continue;
          v = resolved + (ref[2] ?? '');
        }
        const m = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i.exec(v.trim());
        if (!m) continue;
        const bad = [m[1], m[2]].filter((x): x is string => x !== undefined).some((p) => Number(p) > 65535);
        if (bad) ctx.report({ messageId: 'range', range: rangeOf(a), data: { value: written } });
      }
    }
  },
};
export default rule;
