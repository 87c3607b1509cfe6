import type { Rule } from '../../../src/model/rule.js';
import { headRange, stagesOf } from './lib.js';

const KEYWORDS = new Set(['CMD', 'ENTRYPOINT', 'HEALTHCHECK']);

/** Only the last CMD, ENTRYPOINT or HEALTHCHECK of a stage takes effect; the earlier ones are dead code. */
const rule: Rule = {
  meta: {
    id: 'iac/dockerfile-multiple-cmd',
    title: 'More than one CMD, ENTRYPOINT or HEALTHCHECK in a stage',
    description:
      'A stage has one default command, one entrypoint and one health check: each later CMD, ENTRYPOINT or HEALTHCHECK silently replaces the earlier one. Several in one stage usually mean a reader (or a reviewer) believes a command or health check is in force that is not.',
    severity: 'low',
    kinds: ['dockerfile'],
    messages: {
      duplicate: '{{keyword}} on line {{line}} is replaced by this {{keyword}}, so only this one takes effect (expected one {{keyword}} per stage); remove the earlier one.',
    },
    remediation: 'Keep one CMD, one ENTRYPOINT and one HEALTHCHECK per stage; combine commands in a script if several are needed.',
    references: [
      'https://docs.docker.com/reference/dockerfile/#cmd',
      'https://github.com/hadolint/hadolint/wiki/DL4003',
      'https://github.com/hadolint/hadolint/wiki/DL4004',
      'https://github.com/hadolint/hadolint/wiki/DL3012',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['10'], caf: ['B4'] },
    equivalents: {
      hadolint: ['DL4003', 'DL4004', 'DL3012'],
      kics: ['41c195f4-fc31-4a5c-8a1b-90605538d49f', '6938958b-3f1a-451c-909b-baeee14bdc97'],
      trivy: ['AVD-DS-0016', 'AVD-DS-0007', 'AVD-DS-0023'],
    },
    since: '0.1.0',
  },
  check(ctx) {
    if (ctx.document.format !== 'dockerfile') return;
    for (const stage of stagesOf(ctx.document.dockerfile)) {
      const seen = new Map<string, number>();
      for (const inst of stage.instructions) {
        const k = inst.getKeyword();
        if (!KEYWORDS.has(k)) continue;
        const line = inst.getRange().start.line + 1;
        const prev = seen.get(k);
        if (prev !== undefined) ctx.report({ messageId: 'duplicate', range: headRange(inst), data: { keyword: k, line: String(prev) } });
        seen.set(k, line);
      }
    }
  },
};
export default rule;
