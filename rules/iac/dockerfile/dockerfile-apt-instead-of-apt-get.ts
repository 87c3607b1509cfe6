import type { Rule } from '../../../src/model/rule.js';
import { headRange, runInstructions } from './lib.js';

/** The subcommand of an apt invocation, past options and the values of `-o`, `-t`, `-c`. */
function subcommandOf(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (['-o', '-t', '-c', '--option', '--target-release', '--config-file'].includes(args[i])) i++;
    else if (!args[i].startsWith('-')) return args[i];
  }
  return undefined;
}

/** `apt` is the interactive front end; its output and behaviour are not a stable interface for scripts. */
const rule: Rule = {
  meta: {
    id: 'iac/dockerfile-apt-instead-of-apt-get',
    title: 'RUN uses apt instead of apt-get',
    description:
      '`apt` is meant for people at a terminal: it warns "apt does not have a stable CLI interface. Use with caution in scripts", its defaults and output change between releases, and it shows progress bars and prompts. `apt-get` and `apt-cache` are the stable interfaces for scripted, repeatable builds.',
    severity: 'info',
    kinds: ['dockerfile'],
    messages: {
      apt: 'RUN uses `apt {{subcommand}}`, whose command-line interface is not stable for scripts (expected `apt-get {{subcommand}}`); use apt-get or apt-cache.',
    },
    remediation: 'Replace `apt` with `apt-get` (install, update, remove, upgrade) or `apt-cache` (search, show, policy).',
    references: [
      'https://github.com/hadolint/hadolint/wiki/DL3027',
      'https://manpages.debian.org/bookworm/apt/apt.8.en.html',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['10'], caf: ['B4'] },
    equivalents: { hadolint: ['DL3027'], checkov: ['CKV_DOCKER_9'], kics: ['b84a0b47-2e99-4c9f-8933-98bcabe2b94d'] },
    since: '0.1.0',
  },
  check(ctx) {
    if (ctx.document.format !== 'dockerfile') return;
    const df = ctx.document.dockerfile;
    for (const { inst, parsed } of runInstructions(df)) {
      const apt = parsed.pipelines.flat().find((inv) => inv.program === 'apt' && subcommandOf(inv.args) !== undefined);
      if (!apt) continue;
      const subcommand = subcommandOf(apt.args) ?? '';
      ctx.report({ messageId: 'apt', range: headRange(inst), data: { subcommand } });
    }
  },
};
export default rule;
