import type { Rule } from '../../../src/model/rule.js';
import { headRange, runInstructions } from './lib.js';

/** sudo in a Dockerfile: unpredictable TTY/signal behaviour and a privilege tool left in the image. */
const rule: Rule = {
  meta: {
    id: 'iac/dockerfile-sudo',
    title: 'RUN uses sudo',
    description:
      'RUN steps already run as the current USER, so `sudo` in a Dockerfile is either unnecessary (the step runs as root) or means the image ships sudo and a sudoers entry that lets the runtime user become root, undoing the point of a non-root USER. sudo also has unpredictable TTY and signal-forwarding behaviour in containers.',
    severity: 'medium',
    kinds: ['dockerfile'],
    messages: {
      sudo: 'RUN runs `sudo {{command}}` (expected the command without sudo: switch with `USER root` for the steps that need it, then back to the unprivileged USER); remove sudo from the image.',
    },
    remediation: 'Drop `sudo`: put steps that need root before the final `USER <non-root>` (or wrap them in `USER root` … `USER app`), and do not install sudo in the image. For entrypoints that must drop privileges use `gosu` or `su-exec`.',
    references: [
      'https://docs.docker.com/build/building/best-practices/#user',
      'https://github.com/hadolint/hadolint/wiki/DL3004',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['7', '8'], caf: ['B4'], cwe: ['CWE-250'] },
    equivalents: { hadolint: ['DL3004'], checkov: ['CKV2_DOCKER_1'], kics: ['8ada6e80-0ade-439e-b176-0b28f6bce35a'], trivy: ['AVD-DS-0010'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    if (ctx.document.format !== 'dockerfile') return;
    const df = ctx.document.dockerfile;
    for (const { inst, parsed } of runInstructions(df)) {
      const hit = parsed?.pipelines.flat().find((inv) => inv.wrappers.includes('sudo'));
      if (hit) ctx.report({ messageId: 'sudo', range: headRange(inst), data: { command: hit.program || '…' } });
    }
  },
};
export default rule;
