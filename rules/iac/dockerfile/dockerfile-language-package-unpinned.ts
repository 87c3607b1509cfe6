import type { Rule } from '../../../src/model/rule.js';
import { firstFive, headRange, isLocalOrDynamicPackage, type PackageCommand, packageInstall, runInstructions } from './lib.js';

/** pip requirement specifiers with a version (`==`, `~=`, `>=`, `<`, `!=`, `===`; a lone `=` is a pip error, not an unpinned install). */
const PIP_VERSION = /[=<>]/;

function unpinnedPip(cmd: PackageCommand): string[] {
  const out: string[] = [];
  const ps = cmd.packages;
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i];
    if (ps[i + 1] === '@' || p.includes(' @ ') || /^[\w.[\],-]+@\S*:\/\//.test(p)) {
      // `name @ https://…` (PEP 508 direct reference): pinned to that artefact
      i += ps[i + 1] === '@' ? 2 : 0;
      continue;
    }
    if (isLocalOrDynamicPackage(p) || PIP_VERSION.test(p)) continue;
    out.push(p);
  }
  return out;
}

function unpinnedNpm(cmd: PackageCommand): string[] {
  return cmd.packages.filter((p) => {
    if (isLocalOrDynamicPackage(p) || /^(npm|github|git|file|link):/.test(p)) return false;
    const at = p.indexOf('@', 1);
    if (at < 0) return true;
    const version = p.slice(at + 1);
    // a dist-tag (`@latest`) counts as chosen, as hadolint and KICS treat it
    return version === '';
  });
}

function unpinnedGem(cmd: PackageCommand): string[] {
  const gems = cmd.packages.filter((p) => !isLocalOrDynamicPackage(p));
  // `-v`/`--version` pins the one gem it is given with (RubyGems refuses it with several)
  if ((cmd.values.has('-v') || cmd.values.has('--version')) && gems.length <= 1) return [];
  return gems.filter((p) => !/:\S/.test(p));
}

const EXAMPLE: Record<string, string> = { pip: '{{name}}==<version>', npm: '{{name}}@<version>', gem: '{{name}}:<version>' };

/** `pip install flask`, `npm install -g typescript`, `gem install bundler` with no version. */
const rule: Rule = {
  meta: {
    id: 'iac/dockerfile-language-package-unpinned',
    title: 'pip, npm or gem install without version pins',
    description:
      'Packages named on the command line without a version (`pip install flask`, `npm install -g typescript`, `gem install bundler`) are whatever the registry serves at build time: rebuilding gives a different image, and a hijacked or typo-squatted release is pulled in unreviewed. Pinning the version (or installing from a lock or requirements file) makes changes explicit. Requirements and constraints files, lockfile installs (`npm ci`, `npm install` without names), local paths, URLs and variables are not reported.',
    severity: 'low',
    kinds: ['dockerfile'],
    messages: {
      unpinned: '`{{tool}} {{subcommand}}` installs {{packages}} without versions (expected e.g. `{{example}}`); pin the versions or install from a lock/requirements file.',
    },
    remediation: 'Pin each package (`pip install flask==3.0.3`, `npm install -g typescript@5.4.5`, `gem install bundler:2.5.9` or `-v 2.5.9`), or install from a requirements file with hashes, `npm ci` with package-lock.json, or a Gemfile.lock.',
    references: [
      'https://github.com/hadolint/hadolint/wiki/DL3013',
      'https://github.com/hadolint/hadolint/wiki/DL3016',
      'https://github.com/hadolint/hadolint/wiki/DL3028',
      'https://pip.pypa.io/en/stable/topics/repeatable-installs/',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['10'], caf: ['A4', 'B4'], cwe: ['CWE-829'] },
    equivalents: {
      hadolint: ['DL3013', 'DL3016', 'DL3028'],
      kics: ['02d9c71f-3ee8-4986-9c27-1a20d0d19bfc', 'e36d8880-3f78-4546-b9a1-12f0745ca0d5', '22cd11f7-9c6c-4f6e-84c0-02058120b341'],
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
        if (!cmd) continue;
        const bad = cmd.manager === 'pip' ? unpinnedPip(cmd) : cmd.manager === 'npm' ? unpinnedNpm(cmd) : cmd.manager === 'gem' ? unpinnedGem(cmd) : [];
        if (bad.length === 0) continue;
        const shown = firstFive(bad);
        const tool = inv.program === 'python' || /^python[0-9.]*$/.test(inv.program) ? `${inv.program} -m pip` : inv.program === 'uv' ? 'uv pip' : inv.program;
        ctx.report({ messageId: 'unpinned', range: headRange(inst), data: { tool, subcommand: cmd.subcommand, packages: shown, example: EXAMPLE[cmd.manager].replace('{{name}}', bad[0].replace(/@$/, '')) } });
        break;
      }
    }
  },
};
export default rule;
