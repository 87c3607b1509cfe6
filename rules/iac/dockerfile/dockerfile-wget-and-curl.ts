import type { Rule } from '../../../src/model/rule.js';
import { headRange, runPipelines, stagesOf } from './lib.js';

/** A stage that downloads with both curl and wget ships two tools (and two attack surfaces) for one job. */
const rule: Rule = {
  meta: {
    id: 'iac/dockerfile-wget-and-curl',
    title: 'Both wget and curl used in one stage',
    description:
      'curl and wget do the same job. Using both in one build stage means both must be installed, which enlarges the image and its attack surface (two HTTP clients, two sets of TLS options to get right, two packages to patch). Pick one per stage.',
    severity: 'info',
    kinds: ['dockerfile'],
    messages: {
      both: 'RUN uses `{{second}}` although the stage already downloads with `{{first}}` (line {{line}}) (expected one HTTP client per stage); use {{first}} throughout.',
    },
    remediation: 'Use one tool for every download in the stage (`curl -fsSLo file URL` or `wget -qO file URL`) and install only that one.',
    references: [
      'https://github.com/hadolint/hadolint/wiki/DL4001',
      'https://docs.docker.com/build/building/best-practices/#run',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['7'], caf: ['B4'] },
    equivalents: { hadolint: ['DL4001'], kics: ['fc775e75-fcfb-4c98-b2f2-910c5858b359'], trivy: ['AVD-DS-0014'] },
    since: '0.1.0',
  },
  check(ctx) {
    if (ctx.document.format !== 'dockerfile') return;
    const df = ctx.document.dockerfile;
    const escape = df.getEscapeCharacter();
    for (const stage of stagesOf(df)) {
      let first: { tool: string; line: number } | undefined;
      for (const inst of stage.instructions) {
        if (inst.getKeyword() !== 'RUN') continue;
        const parsed = runPipelines(inst, escape);
        if (!parsed) continue;
        const tools = parsed.pipelines.flat().map((inv) => inv.program).filter((p) => p === 'curl' || p === 'wget');
        if (tools.length === 0) continue;
        if (!first) first = { tool: tools[0], line: inst.getRange().start.line + 1 };
        const other = tools.find((t) => t !== first?.tool);
        if (other) {
          ctx.report({ messageId: 'both', range: headRange(inst), data: { first: first.tool, second: other, line: String(first.line) } });
          break;
        }
      }
    }
  },
};
export default rule;
