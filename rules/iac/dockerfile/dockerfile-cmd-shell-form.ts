import type { Rule } from '../../../src/model/rule.js';
import { headRange, instructionsWithTriggers, joinContinuations } from './lib.js';

/** Is this the exec (JSON array of strings) form? */
function isExecForm(raw: string, escape: string): boolean {
  const t = joinContinuations(raw.trim(), escape);
  if (!t.startsWith('[')) return false;
  try {
    const v = JSON.parse(t) as unknown;
    return Array.isArray(v) && v.every((x) => typeof x === 'string');
  } catch {
    return false;
  }
}

/** `CMD node server.js` runs `/bin/sh -c`, which becomes PID 1 and does not pass on SIGTERM. */
const rule: Rule = {
  meta: {
    id: 'iac/dockerfile-cmd-shell-form',
    title: 'CMD or ENTRYPOINT in shell form',
    description:
      'In shell form (`CMD node server.js`) Docker runs the command as `/bin/sh -c "…"`: the shell is PID 1 and does not forward SIGTERM, so `docker stop` and Kubernetes wait for the grace period and then kill the application without a clean shutdown (lost in-flight requests, unflushed writes). A shell-form ENTRYPOINT also ignores CMD and `docker run` arguments. The JSON exec form runs the program directly. A JSON array written with single quotes is not valid JSON and falls back to shell form.',
    severity: 'low',
    kinds: ['dockerfile'],
    messages: {
      shell: '{{keyword}} is in shell form, so `/bin/sh -c` becomes PID 1 and does not pass signals on (expected the JSON form, e.g. `{{keyword}} {{example}}`); use the exec form.',
      badJson: '{{keyword}} looks like a JSON array but is not valid JSON (double quotes are required), so Docker runs it through `/bin/sh -c` as text (expected `{{keyword}} {{example}}`); fix the quoting.',
    },
    remediation: 'Write `CMD ["node", "server.js"]` / `ENTRYPOINT ["/app/entrypoint.sh"]`. If shell features are needed, use a script that ends with `exec "$@"`, or `CMD ["sh", "-c", "exec node server.js"]`.',
    references: [
      'https://docs.docker.com/reference/dockerfile/#shell-and-exec-form',
      'https://github.com/hadolint/hadolint/wiki/DL3025',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['5'], caf: ['B5'] },
    equivalents: { hadolint: ['DL3025'], kics: ['b86987e1-6397-4619-81d5-8807f2387c79'] },
    since: '0.1.0',
  },
  check(ctx) {
    if (ctx.document.format !== 'dockerfile') return;
    const df = ctx.document.dockerfile;
    const escape = df.getEscapeCharacter();
    for (const inst of instructionsWithTriggers(df)) {
      const k = inst.getKeyword();
      if (k !== 'CMD' && k !== 'ENTRYPOINT') continue;
      const raw = inst.getRawArgumentsContent();
      if (raw === null || raw.trim() === '' || isExecForm(raw, escape)) continue;
      const trimmed = joinContinuations(raw.trim(), escape);
      if (trimmed.startsWith('[')) {
        const words = trimmed.replace(/^\[|\]$/g, '').split(',').map((w) => w.trim().replace(/^['"]|['"]$/g, '')).filter(Boolean);
        ctx.report({ messageId: 'badJson', range: headRange(inst), data: { keyword: k, example: JSON.stringify(words).replace(/","/g, '", "') } });
        continue;
      }
      // `CMD exec node server.js`: the shell replaces itself with the program, which then receives signals.
      if (/^exec\s/.test(trimmed)) continue;
      const words = trimmed.split(/\s+/).filter(Boolean).slice(0, 4);
      ctx.report({ messageId: 'shell', range: headRange(inst), data: { keyword: k, example: JSON.stringify(words).replace(/","/g, '", "') } });
    }
  },
};
export default rule;
