import type { Rule } from '../../../src/model/rule.js';
import { aptInstall, headRange, joinContinuations, runInstructions } from './lib.js';

/** Recommended packages bloat the image and widen its attack surface. */
const rule: Rule = {
  meta: {
    id: 'iac/dockerfile-apt-no-install-recommends',
    title: 'apt-get install without --no-install-recommends',
    description:
      'By default apt also installs every "recommended" package, which can add dozens of packages nobody asked for: more code to patch, more CVEs in image scans and more tools for an attacker inside the container. `--no-install-recommends` installs only what was named and its hard dependencies. Not reported when the Dockerfile configures `APT::Install-Recommends` globally.',
    severity: 'info',
    kinds: ['dockerfile'],
    messages: {
      recommends: '`{{tool}} install` runs without `--no-install-recommends` (expected `{{tool}} install --no-install-recommends …`), so recommended packages are installed too; add the flag.',
    },
    remediation: 'Add `--no-install-recommends` to every `apt-get install` (or set `APT::Install-Recommends "false";` in /etc/apt/apt.conf.d once), and install extra packages explicitly.',
    references: [
      'https://docs.docker.com/build/building/best-practices/#apt-get',
      'https://github.com/hadolint/hadolint/wiki/DL3015',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['7'], caf: ['B4'] },
    equivalents: { hadolint: ['DL3015'], kics: ['7384dfb2-fcd1-4fbf-91cd-6c44c318c33c'], trivy: ['AVD-DS-0029'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    if (ctx.document.format !== 'dockerfile') return;
    const df = ctx.document.dockerfile;
    const escape = df.getEscapeCharacter();
    // A global apt configuration turns recommends off for every later install.
    if (/Install-Recommends\W+(["']?)(false|0|no)\1/i.test(joinContinuations(ctx.file.text, escape))) return;
    for (const { inst, parsed } of runInstructions(df)) {
      for (const inv of parsed.pipelines.flat()) {
        const apt = aptInstall(inv);
        if (!apt || apt.packages.length === 0) continue;
        const ok = apt.options.some((o) => o === '--no-install-recommends' || /^(-o)?APT::Install-Recommends=(false|0|no)$/i.test(o));
        if (!ok) {
          ctx.report({ messageId: 'recommends', range: headRange(inst), data: { tool: inv.program } });
          break;
        }
      }
    }
  },
};
export default rule;
