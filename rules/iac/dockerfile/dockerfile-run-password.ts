import type { Rule } from '../../../src/model/rule.js';
import { findOption, headRange, type Invocation, runInstructions } from './lib.js';

/** A literal value: no `$VARIABLE` in it, or a crypt(3) hash (`$6$salt$…`, `$y$…`). */
function literal(v: string): boolean {
  return v !== '' && (!/\$\{?[A-Za-z_]/.test(v) || /^\$(1|2[aby]?|5|6|7|y|gy)\$/.test(v));
}

/** The `user:password` lines an echo/printf feeds into chpasswd. */
function fedPairs(producer: Invocation): string[] {
  const text = producer.args.filter((a) => !/^-[neE]+$/.test(a)).join(' ').replace(/\\n/g, '\n');
  return text.split('\n').map((l) => l.trim()).filter((l) => l.includes(':'));
}

/** `echo 'root:secret' | chpasswd`, `useradd -p <hash>`, `passwd -d root`: credentials set in a layer. */
const rule: Rule = {
  meta: {
    id: 'iac/dockerfile-run-password',
    title: 'RUN sets or removes an account password',
    description:
      'Setting a password in a RUN (`echo "root:secret" | chpasswd`, `useradd -p <hash>`, `echo secret | passwd --stdin app`) writes the credential into the Dockerfile and, with the value, into the image history (`docker history` shows RUN commands and the build arguments they use), where anyone who can pull the image reads it; every container from the image shares it. `passwd -d` leaves an account that logs in without any password. Containers rarely need local passwords at all.',
    severity: 'medium',
    kinds: ['dockerfile'],
    messages: {
      literal: 'RUN sets a hard-coded password for `{{user}}` with `{{tool}}`; it is stored in the Dockerfile and the image history (expected no local password, or one set at runtime from a secret); remove it.',
      variable: 'RUN sets a password for `{{user}}` with `{{tool}}` from a build variable or a file, which the image keeps (`docker history` records build variables, a copied file stays in its layer) (expected no local password, or a BuildKit secret mount / runtime secret); remove it.',
      removed: 'RUN removes the password of `{{user}}` with `passwd -d`, so the account logs in without one (expected a locked account: `passwd -l {{user}}`); lock the account instead.',
    },
    remediation: 'Do not give container accounts passwords: run as a non-root USER and use `sudo`-less images. If a password is unavoidable, set it at container start from a mounted secret, or during the build from `RUN --mount=type=secret,id=pw`; lock unused accounts with `passwd -l`.',
    references: [
      'https://docs.docker.com/build/building/secrets/',
      'https://docs.docker.com/reference/cli/docker/image/history/',
      'https://docs.prismacloud.io/en/enterprise-edition/policy-reference/docker-policies/docker-policy-index/ensure-that-chpasswd-is-not-used-to-set-or-remove-passwords',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['8'], caf: ['B2', 'B3'], cwe: ['CWE-798', 'CWE-259'] },
    equivalents: { checkov: ['CKV2_DOCKER_17'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    if (ctx.document.format !== 'dockerfile') return;
    const df = ctx.document.dockerfile;
    for (const { inst, parsed } of runInstructions(df)) {
      let reported = false;
      for (const pipeline of parsed.pipelines) {
        if (reported) break;
        for (let i = 0; i < pipeline.length && !reported; i++) {
          const inv = pipeline[i];
          const producer = i > 0 && (pipeline[i - 1].program === 'echo' || pipeline[i - 1].program === 'printf') ? pipeline[i - 1] : undefined;
          const report = (user: string, tool: string, value: string | undefined) => {
            const lit = value !== undefined && literal(value);
            ctx.report({ messageId: lit ? 'literal' : 'variable', range: headRange(inst), data: { user, tool }, secrets: lit ? [value] : undefined, severity: lit ? 'medium' : 'low' });
            reported = true;
          };
          if (inv.program === 'chpasswd') {
            const pairs = producer ? fedPairs(producer) : [];
            const pair = pairs[0];
            if (pair) {
              const user = pair.slice(0, pair.indexOf(':'));
              report(user.includes('$') ? 'a user' : user, 'chpasswd', pair.slice(pair.indexOf(':') + 1));
            } else {
              report('accounts', 'chpasswd', undefined);
            }
          } else if (inv.program === 'passwd') {
            const del = findOption(inv.args, { short: 'd', long: ['--delete'] }).found;
            const user = inv.args.filter((a) => !a.startsWith('-')).pop() ?? 'root';
            if (del) {
              ctx.report({ messageId: 'removed', range: headRange(inst), data: { user } });
              reported = true;
            } else if (producer && inv.args.includes('--stdin')) {
              report(user, 'passwd --stdin', producer.args.filter((a) => !/^-[neE]+$/.test(a)).join(' '));
            }
          } else if (inv.program === 'useradd' || inv.program === 'usermod') {
            const pw = findOption(inv.args, { short: 'p', long: ['--password'], takesValue: true, shortWithValue: 'bcdefgGkKpRsuPZ' });
            if (!pw.found || pw.value === undefined) continue;
            // `-p '*'` / `-p '!'` lock the account; that is the safe choice.
            if (/^[*!]+$/.test(pw.value)) continue;
            const user = inv.args.filter((a) => !a.startsWith('-')).pop() ?? 'a user';
            report(user, `${inv.program} -p`, pw.value);
          }
        }
      }
    }
  },
};
export default rule;
