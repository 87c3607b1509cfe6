import type { Rule } from '../../../src/model/rule.js';
import { aptInstall, findOption, headRange, type Invocation, joinContinuations, packageInstall, runInstructions } from './lib.js';

/** Does this apt-get/apt install answer its confirmation prompt itself? */
function aptAssumesYes(args: string[]): boolean {
  if (findOption(args, { short: 'y', long: ['--yes', '--assume-yes'], shortWithValue: 'oct' }).found) return true;
  // `-qq` (quiet level 2) implies -y; so does an Assume-Yes option.
  return args.some((a) => a === '-qq' || /^(-q=2|--quiet=2)$/.test(a) || /APT::Get::Assume-Yes=(true|1|yes)/i.test(a));
}

/** The install that would stop at a confirmation prompt, as `tool subcommand`, or undefined. */
function promptingInstall(inv: Invocation, pipedYes: boolean): string | undefined {
  if (pipedYes) return undefined;
  const apt = aptInstall(inv);
  if (apt) return aptAssumesYes(inv.args) ? undefined : `${inv.program} install`;
  const pkg = packageInstall(inv);
  if (!pkg) return undefined;
  if (pkg.manager === 'yum' || pkg.manager === 'dnf' || pkg.manager === 'tdnf') {
    const yes = findOption(pkg.options, { short: 'y', long: ['--assumeyes'] }).found || pkg.options.some((o) => /^--setopt=assumeyes=(1|true|yes)$/i.test(o));
    return yes ? undefined : `${inv.program} ${pkg.subcommand}`;
  }
  if (pkg.manager === 'zypper') {
    const yes = findOption(pkg.options, { short: 'yn', long: ['--non-interactive', '--no-confirm'] }).found;
    return yes ? undefined : `zypper ${pkg.subcommand}`;
  }
  return undefined;
}

/** `apt-get install curl` asks "Do you want to continue? [Y/n]"; a build has nobody to answer. */
const rule: Rule = {
  meta: {
    id: 'iac/dockerfile-install-missing-yes',
    title: 'Package install without the non-interactive switch',
    description:
      'apt-get, yum, dnf and zypper ask for confirmation before installing when more than the named packages are involved. A `docker build` has no terminal to answer, so the install aborts (or waits) depending on the package set of the day, and the build fails unpredictably. `-y` (`--non-interactive` for zypper) makes the answer part of the Dockerfile.',
    severity: 'low',
    kinds: ['dockerfile'],
    messages: {
      prompt: '`{{command}}` runs without `{{flag}}`, so it stops at a confirmation prompt the build cannot answer (expected `{{expected}}`); add the switch.',
    },
    remediation: 'Add the switch: `apt-get install -y`, `yum install -y`, `dnf install -y`, `zypper --non-interactive install` (or `zypper install -y`).',
    references: [
      'https://github.com/hadolint/hadolint/wiki/DL3014',
      'https://github.com/hadolint/hadolint/wiki/DL3030',
      'https://github.com/hadolint/hadolint/wiki/DL3034',
      'https://github.com/hadolint/hadolint/wiki/DL3038',
      'https://docs.docker.com/build/building/best-practices/#apt-get',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['10'], caf: ['B4'] },
    equivalents: {
      hadolint: ['DL3014', 'DL3030', 'DL3034', 'DL3038'],
      trivy: ['AVD-DS-0021'],
      kics: ['77783205-c4ca-4f80-bb80-c777f267c547', '6e19193a-8753-436d-8a09-76dcff91bb03', '7ebd323c-31b7-4e5b-b26f-de5e9e477af8', '45e1fca5-f90e-465d-825f-c2cb63fa3944'],
    },
    since: '0.1.0',
  },
  check(ctx) {
    if (ctx.document.format !== 'dockerfile') return;
    const df = ctx.document.dockerfile;
    const escape = df.getEscapeCharacter();
    // A global configuration (`APT::Get::Assume-Yes "true";`, `assumeyes=1` in yum.conf/dnf.conf) answers for every later install.
    const text = joinContinuations(ctx.file.text, escape);
    const aptGlobal = /APT::Get::Assume-Yes\s+\\?["']?(true|1|yes)\b/i.test(text);
    const rpmGlobal = /assumeyes\s*=\s*(1|true|yes)/i.test(text);
    for (const { inst, parsed } of runInstructions(df)) {
      for (const pipeline of parsed.pipelines) {
        let hit: string | undefined;
        for (let i = 0; i < pipeline.length && !hit; i++) {
          const inv = pipeline[i];
          const pipedYes = pipeline.slice(0, i).some((p) => p.program === 'yes' || (p.program === 'echo' && /^y(es)?$/i.test(p.args[p.args.length - 1] ?? '')));
          hit = promptingInstall(inv, pipedYes);
          if (hit && (inv.program === 'apt-get' || inv.program === 'apt') && aptGlobal) hit = undefined;
          if (hit && /^(yum|dnf|dnf5|tdnf)$/.test(inv.program) && rpmGlobal) hit = undefined;
        }
        if (hit) {
          const zypper = hit.startsWith('zypper');
          ctx.report({ messageId: 'prompt', range: headRange(inst), data: { command: hit, flag: zypper ? '--non-interactive' : '-y', expected: zypper ? 'zypper --non-interactive install' : hit.replace(/ (\S+)$/, ' $1 -y') } });
          break;
        }
      }
    }
  },
};
export default rule;
