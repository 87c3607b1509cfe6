import type { Rule } from '../../../src/model/rule.js';
import { headRange, runInstructions } from './lib.js';

/** `RUN cd /app && npm install`: the directory change lasts one RUN and hides where later steps run. */
const rule: Rule = {
  meta: {
    id: 'iac/dockerfile-run-cd',
    title: 'RUN cd instead of WORKDIR',
    description:
      'A `cd` inside RUN lasts only for that instruction, so the Dockerfile\'s working directory is no longer visible from its instructions and every later RUN has to repeat it. WORKDIR sets it once, for RUN, CMD, ENTRYPOINT, COPY and ADD alike. Reported when a RUN starts by changing directory, or later changes to a fixed absolute directory; a later relative `cd` (into something the RUN just unpacked), `cd /`, `cd /tmp` and `cd $VAR` are not reported.',
    severity: 'info',
    kinds: ['dockerfile'],
    messages: {
      cd: 'RUN changes directory with `cd {{dir}}` (expected `WORKDIR {{dir}}` before the RUN); use WORKDIR.',
    },
    remediation: 'Replace `RUN cd /app && make` with `WORKDIR /app` followed by `RUN make`.',
    references: [
      'https://docs.docker.com/build/building/best-practices/#workdir',
      'https://github.com/hadolint/hadolint/wiki/DL3003',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['10'], caf: ['B4'] },
    equivalents: { hadolint: ['DL3003'], kics: ['f4a6bcd3-e231-4acf-993c-aa027be50d2e'], trivy: ['AVD-DS-0013'] },
    since: '0.1.0',
  },
  check(ctx) {
    if (ctx.document.format !== 'dockerfile') return;
    const df = ctx.document.dockerfile;
    for (const { inst, parsed } of runInstructions(df)) {
      if (parsed.script.exec) continue;
      const all = parsed.pipelines.flat();
      for (let i = 0; i < all.length; i++) {
        const inv = all[i];
        if (inv.program !== 'cd') continue;
        const dir = inv.args.filter((a) => !/^-[LPe@]+$/.test(a))[0];
        if (dir === undefined || dir === '-' || dir.includes('$') || dir.startsWith('~')) continue;
        const first = i === 0 || all.slice(0, i).every((p) => p.program === 'set');
        if (!first && !dir.startsWith('/')) continue;
        // `cd /` or `cd /tmp` to leave a directory the RUN worked in, then clean up: not a WORKDIR candidate.
        if (!first && (dir === '/' || /^\/tmp\/?$/.test(dir))) continue;
        ctx.report({ messageId: 'cd', range: headRange(inst), data: { dir } });
        break;
      }
    }
  },
};
export default rule;
