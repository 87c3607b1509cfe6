import type { Rule } from '../../../src/model/rule.js';
import { headRange, runInstructions } from './lib.js';

const SH = /^\/(usr\/)?bin\/sh$/;

/** `RUN ln -sf /bin/bash /bin/sh` replaces the system shell for every program in the image, not just the build. */
const rule: Rule = {
  meta: {
    id: 'iac/dockerfile-default-shell-changed',
    title: 'RUN replaces /bin/sh instead of using SHELL',
    description:
      'Relinking `/bin/sh` (`RUN ln -sf /bin/bash /bin/sh`) changes the shell of every script and program in the image, at build time and at run time, including package maintainer scripts written for the distribution\'s shell, and hides the change from readers of the Dockerfile. The SHELL instruction changes the shell for the Dockerfile\'s RUN, CMD and ENTRYPOINT only, visibly.',
    severity: 'low',
    kinds: ['dockerfile'],
    messages: {
      relink: 'RUN relinks /bin/sh to `{{target}}`, changing the shell for everything in the image (expected `SHELL ["{{target}}", "-c"]`); use the SHELL instruction.',
    },
    remediation: 'Remove the `ln` and add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before the RUN instructions that need bash.',
    references: [
      'https://docs.docker.com/reference/dockerfile/#shell',
      'https://github.com/hadolint/hadolint/wiki/DL4005',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['10'], caf: ['B4'] },
    equivalents: { hadolint: ['DL4005'], kics: ['8a301064-c291-4b20-adcb-403fe7fd95fd'] },
    since: '0.1.0',
  },
  check(ctx) {
    if (ctx.document.format !== 'dockerfile') return;
    const df = ctx.document.dockerfile;
    for (const { inst, parsed } of runInstructions(df)) {
      for (const inv of parsed.pipelines.flat()) {
        if (inv.program !== 'ln') continue;
        const opts = inv.args.filter((a) => a.startsWith('-'));
        if (!opts.some((o) => o === '--symbolic' || (/^-[a-zA-Z]+$/.test(o) && o.includes('s')))) continue;
        const operands = inv.args.filter((a) => !a.startsWith('-'));
        if (operands.length !== 2 || !SH.test(operands[1])) continue;
        if (SH.test(operands[0]) || /^(\/(usr\/)?bin\/)?(dash|busybox)$/.test(operands[0])) continue;
        ctx.report({ messageId: 'relink', range: headRange(inst), data: { target: operands[0] } });
        break;
      }
    }
  },
};
export default rule;
