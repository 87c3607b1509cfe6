import type { Rule } from '../../../src/model/rule.js';
import { instructionsWithTriggers, propertiesOf, rangeOf, substitute, unquoteWord } from './lib.js';

/** `WORKDIR app` resolves against whatever the previous WORKDIR (or the base image's) was. */
const rule: Rule = {
  meta: {
    id: 'iac/dockerfile-workdir-relative',
    title: 'WORKDIR with a relative path',
    description:
      'A relative WORKDIR is resolved against the previous WORKDIR, which may come from the base image and change when the base image does, so files land somewhere other than where COPY, RUN and the entrypoint expect. An absolute path makes the layout independent of the base image.',
    severity: 'low',
    kinds: ['dockerfile'],
    messages: {
      relative: 'WORKDIR {{path}} is relative, so it depends on the previous working directory (expected an absolute path such as `/{{path}}` or `/app`); use an absolute path.',
    },
    remediation: 'Give WORKDIR an absolute path: `WORKDIR /app` (on Windows images, `WORKDIR C:\\app`).',
    references: [
      'https://docs.docker.com/reference/dockerfile/#workdir',
      'https://github.com/hadolint/hadolint/wiki/DL3000',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['10'], caf: ['B4'] },
    equivalents: { hadolint: ['DL3000'], checkov: ['CKV_DOCKER_10'], kics: ['6b376af8-cfe8-49ab-a08d-f32de23661a4'], trivy: ['AVD-DS-0009'] },
    since: '0.1.0',
  },
  check(ctx) {
    if (ctx.document.format !== 'dockerfile') return;
    const df = ctx.document.dockerfile;
    // Values ENV/ARG set earlier in the stage (and global ARGs) may make `$DIR` absolute.
    const vars = new Map<string, string | null>();
    for (const a of df.getInitialARGs()) for (const p of propertiesOf(a)) vars.set(p.getName(), p.getValue());
    for (const inst of instructionsWithTriggers(df)) {
      const k = inst.getKeyword();
      if (k === 'ENV' || k === 'ARG') {
        for (const p of propertiesOf(inst)) vars.set(p.getName(), p.getValue());
        continue;
      }
      if (k !== 'WORKDIR') continue;
      const raw = unquoteWord((inst.getArgumentsContent() ?? '').trim());
      if (raw === '') continue;
      const sub = raw.includes('$') ? substitute(raw, vars) : { value: raw, unresolved: false };
      if (sub.unresolved) continue;
      const path = sub.value;
      if (path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\')) continue;
      ctx.report({ messageId: 'relative', range: rangeOf(inst), data: { path: raw } });
    }
  },
};
export default rule;
