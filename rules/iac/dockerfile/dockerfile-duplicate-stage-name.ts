import type { Rule } from '../../../src/model/rule.js';
import { rangeOf, stagesOf } from './lib.js';

/** Two stages called `build`: `COPY --from=build` and `--target build` can only mean one of them. */
const rule: Rule = {
  meta: {
    id: 'iac/dockerfile-duplicate-stage-name',
    title: 'Two build stages with the same name',
    description:
      'Stage names (`FROM … AS name`) are how COPY --from, FROM and `docker build --target` refer to a stage. BuildKit rejects a Dockerfile where two stages share a name, and older builders silently use one of them, so files may be copied from a stage other than the one the author meant. Names are compared case-insensitively, as the builder does.',
    severity: 'low',
    kinds: ['dockerfile'],
    messages: {
      duplicate: 'Stage name `{{name}}` is already used by the stage on line {{line}} (expected unique stage names); rename one of the stages.',
    },
    remediation: 'Give every stage its own name (`FROM node:20 AS deps`, `FROM node:20 AS build`) and update the COPY --from references.',
    references: [
      'https://docs.docker.com/build/building/multi-stage/#name-your-build-stages',
      'https://github.com/hadolint/hadolint/wiki/DL3024',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['10'], caf: ['B4'] },
    equivalents: { hadolint: ['DL3024'], checkov: ['CKV_DOCKER_11'], kics: ['f2daed12-c802-49cd-afed-fe41d0b82fed'], trivy: ['AVD-DS-0012'] },
    since: '0.1.0',
  },
  check(ctx) {
    if (ctx.document.format !== 'dockerfile') return;
    const seen = new Map<string, number>();
    for (const stage of stagesOf(ctx.document.dockerfile)) {
      if (!stage.alias) continue;
      const line = stage.from.getRange().start.line + 1;
      const prev = seen.get(stage.alias);
      if (prev !== undefined) {
        const r = stage.from.getBuildStageRange();
        ctx.report({ messageId: 'duplicate', range: r ? rangeOf({ getRange: () => r }) : rangeOf(stage.from), data: { name: stage.from.getBuildStage() ?? stage.alias, line: String(prev) } });
        continue;
      }
      seen.set(stage.alias, line);
    }
  },
};
export default rule;
