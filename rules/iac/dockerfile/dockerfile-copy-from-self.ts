import type { Rule } from '../../../src/model/rule.js';
import { copySources, rangeOf, stagesOf } from './lib.js';

/** `COPY --from=build` inside the `build` stage: a stage cannot copy from itself. */
const rule: Rule = {
  meta: {
    id: 'iac/dockerfile-copy-from-self',
    title: 'COPY --from refers to its own stage',
    description:
      'COPY --from names the stage (or image) to copy from. Inside the stage of that name it cannot mean the stage itself, which is still being built: the build fails, or with a duplicated or image-like name copies from somewhere else than intended. Usually a stage was renamed or the instruction was pasted into the wrong stage.',
    severity: 'low',
    kinds: ['dockerfile'],
    messages: {
      self: 'COPY --from={{from}} is inside the stage `{{from}}` itself (expected an earlier stage or an image); copy from the stage that builds the files.',
    },
    remediation: 'Point --from at the earlier stage that produces the files, or move the COPY into the stage that needs them.',
    references: [
      'https://docs.docker.com/build/building/multi-stage/',
      'https://github.com/hadolint/hadolint/wiki/DL3023',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['10'], caf: ['B4'] },
    equivalents: { hadolint: ['DL3023'], kics: ['cdddb86f-95f6-4fc4-b5a1-483d9afceb2b'], trivy: ['AVD-DS-0006'] },
    since: '0.1.0',
  },
  check(ctx) {
    if (ctx.document.format !== 'dockerfile') return;
    for (const stage of stagesOf(ctx.document.dockerfile)) {
      for (const inst of stage.instructions) {
        if (inst.getKeyword() !== 'COPY') continue;
        const from = copySources(inst).flags.get('from');
        if (!from) continue;
        const name = from.replace(/^["']|["']$/g, '').toLowerCase();
        if ((stage.alias && name === stage.alias) || name === String(stage.index)) {
          ctx.report({ messageId: 'self', range: rangeOf(inst), data: { from } });
        }
      }
    }
  },
};
export default rule;
