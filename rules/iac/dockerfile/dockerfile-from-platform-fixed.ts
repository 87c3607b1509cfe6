import type { Rule } from '../../../src/model/rule.js';
import { rangeOf, stagesOf } from './lib.js';

/** `FROM --platform=linux/amd64 …` forces one architecture whatever the build is for. */
const rule: Rule = {
  meta: {
    id: 'iac/dockerfile-from-platform-fixed',
    title: 'FROM pinned to a fixed platform',
    description:
      'A literal `FROM --platform=linux/amd64` makes the stage that architecture whatever `docker build --platform` asks for: on arm64 machines (Apple silicon, Graviton) it runs under emulation, slowly, or produces an image for the wrong architecture, and multi-platform builds silently ship the same binaries for every platform. Leave the platform to the build, or use the BuildKit variables (`--platform=$BUILDPLATFORM` for cross-compiling stages).',
    severity: 'info',
    kinds: ['dockerfile'],
    messages: {
      platform: 'FROM --platform={{platform}} fixes the stage to one platform (expected no --platform, or `--platform=$BUILDPLATFORM`/`$TARGETPLATFORM`); let the build choose the platform.',
    },
    remediation: 'Remove `--platform=…` and pass `docker build --platform …` when a specific platform is needed, or use `FROM --platform=$BUILDPLATFORM` in cross-compiling stages.',
    references: [
      'https://docs.docker.com/reference/dockerfile/#from',
      'https://docs.docker.com/build/building/multi-platform/',
      'https://github.com/hadolint/hadolint/wiki/DL3029',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['10'], caf: ['B4'] },
    equivalents: { hadolint: ['DL3029'], kics: ['b16e8501-ef3c-44e1-a543-a093238099c9'] },
    since: '0.1.0',
  },
  check(ctx) {
    if (ctx.document.format !== 'dockerfile') return;
    for (const stage of stagesOf(ctx.document.dockerfile)) {
      const flag = stage.from.getFlags().find((f) => f.getName().toLowerCase() === 'platform');
      if (!flag) continue;
      const value = (flag.getValue() ?? '').replace(/^["']|["']$/g, '');
      if (value === '' || value.includes('$')) continue;
      ctx.report({ messageId: 'platform', range: rangeOf(flag), data: { platform: value } });
    }
  },
};
export default rule;
