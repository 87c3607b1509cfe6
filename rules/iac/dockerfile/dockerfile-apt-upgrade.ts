import type { Rule } from '../../../src/model/rule.js';
import { headRange, runInstructions } from './lib.js';

const UPGRADES = new Set(['upgrade', 'dist-upgrade', 'full-upgrade']);

/** In-image distribution upgrades make builds unreproducible and hide what the base image should provide. */
const rule: Rule = {
  meta: {
    id: 'iac/dockerfile-apt-upgrade',
    title: 'apt-get upgrade or dist-upgrade in a Dockerfile',
    description:
      '`apt-get upgrade` / `dist-upgrade` inside a build upgrades every package to whatever the mirror has that day: the image content is unpinned and unreproducible, and a dist-upgrade can change the distribution underneath the application. Security fixes belong in a newer, pinned base image (rebuilt regularly), plus explicit pinned upgrades of specific packages when needed.',
    severity: 'low',
    kinds: ['dockerfile'],
    messages: {
      upgrade: 'RUN runs `{{tool}} {{command}}`, upgrading every package to an unpinned version (expected a current pinned base image, or `apt-get install --only-upgrade <package>=<version>` for a specific fix); remove the blanket upgrade.',
    },
    remediation: 'Rebuild on a newer, pinned base image instead of upgrading in place; if one package needs a fix now, upgrade just that package to a pinned version.',
    references: [
      'https://docs.docker.com/build/building/best-practices/#apt-get',
      'https://github.com/hadolint/hadolint/wiki/DL3005',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['10'], caf: ['B4'] },
    equivalents: { hadolint: ['DL3005'], kics: ['682fe378-c180-4bd5-8a14-95fc285fb269'], trivy: ['AVD-DS-0024'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    if (ctx.document.format !== 'dockerfile') return;
    const df = ctx.document.dockerfile;
    for (const { inst, parsed } of runInstructions(df)) {
      for (const inv of parsed.pipelines.flat()) {
        if (inv.program !== 'apt-get' && inv.program !== 'apt') continue;
        const sub = inv.args.find((a) => !a.startsWith('-'));
        if (sub && UPGRADES.has(sub)) {
          ctx.report({ messageId: 'upgrade', range: headRange(inst), data: { tool: inv.program, command: sub } });
          break;
        }
      }
    }
  },
};
export default rule;
