import type { Rule } from '../../../src/model/rule.js';
import { firstFive, headRange, isLocalOrDynamicPackage, type PackageCommand, packageInstall, runInstructions } from './lib.js';

/** Is this operand pinned to a version in its manager's syntax? */
function pinned(manager: string, p: string): boolean {
  if (manager === 'apk') return /[=~<>]/.test(p);
  if (manager === 'zypper') return /[=<>]/.test(p);
  // rpm: name-version[-release] (`httpd-2.4.57`, `openssl-1:3.0.7-25.el9`); a group (`@core`) is a set, not a package.
  return /-\d/.test(p) || /-\d*:\d/.test(p) || p.startsWith('@');
}

function unpinnedOf(cmd: PackageCommand): string[] {
  return cmd.packages.filter((p) => !isLocalOrDynamicPackage(p) && !pinned(cmd.manager, p));
}

const EXAMPLES: Record<string, string> = { apk: '{{name}}=<version>', zypper: '{{name}}=<version>' };

/** `apk add curl`, `yum install -y httpd`: whatever the repository serves on build day. */
const rule: Rule = {
  meta: {
    id: 'iac/dockerfile-os-package-unpinned',
    title: 'apk, yum, dnf or zypper install without version pins',
    description:
      'OS packages installed without a version (`apk add curl`, `yum install -y httpd`, `dnf install nginx`, `zypper install git`) are whatever the repository serves at build time, so the same Dockerfile builds different images and a changed or compromised package enters unreviewed. Pinning (`curl=8.5.0-r0` for apk, `httpd-2.4.57` for yum/dnf, `git=2.43.0` for zypper) makes each change an explicit, reviewable edit. Local files, URLs, variables and rpm groups are not reported.',
    severity: 'low',
    kinds: ['dockerfile'],
    messages: {
      unpinned: '`{{tool}} {{subcommand}}` installs {{packages}} without versions (expected e.g. `{{example}}`); pin package versions.',
    },
    remediation: 'Pin each package in the manager\'s syntax: `apk add curl=8.5.0-r0`, `yum install -y httpd-2.4.57`, `dnf install -y nginx-1.24.0`, `zypper install -y git=2.43.0`; let Renovate or a scheduled rebuild bump the pins.',
    references: [
      'https://github.com/hadolint/hadolint/wiki/DL3018',
      'https://github.com/hadolint/hadolint/wiki/DL3033',
      'https://github.com/hadolint/hadolint/wiki/DL3041',
      'https://github.com/hadolint/hadolint/wiki/DL3037',
      'https://docs.docker.com/build/building/best-practices/#apt-get',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['10'], caf: ['A4', 'B4'], cwe: ['CWE-829'] },
    equivalents: {
      hadolint: ['DL3018', 'DL3033', 'DL3041', 'DL3037'],
      kics: ['d3499f6d-1651-41bb-a9a7-de925fea487b', '6452c424-1d92-4deb-bb18-a03e95d579c4', '93d88cf7-f078-46a8-8ddc-178e03aeacf1', '562952e4-0348-4dea-9826-44f3a2c6117b'],
    },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    if (ctx.document.format !== 'dockerfile') return;
    const df = ctx.document.dockerfile;
    for (const { inst, parsed } of runInstructions(df)) {
      for (const inv of parsed.pipelines.flat()) {
        const cmd = packageInstall(inv);
        if (!cmd || !['apk', 'yum', 'dnf', 'microdnf', 'tdnf', 'zypper'].includes(cmd.manager)) continue;
        const bad = unpinnedOf(cmd);
        if (bad.length === 0) continue;
        const shown = firstFive(bad);
        const example = (EXAMPLES[cmd.manager] ?? '{{name}}-<version>').replace('{{name}}', bad[0]);
        ctx.report({ messageId: 'unpinned', range: headRange(inst), data: { tool: inv.program, subcommand: cmd.subcommand, packages: shown, example } });
        break;
      }
    }
  },
};
export default rule;
