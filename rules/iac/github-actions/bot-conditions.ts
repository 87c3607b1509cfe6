import type { Rule } from '../../../src/model/rule.js';
import { get, isScalar, type DataNode } from '../../../src/parsers/data/tree.js';
import { GHA_STANDARDS, jobs, onlyOtherEvents, PRIVILEGED_UNTRUSTED_TRIGGERS, steps, workflows } from './workflow.js';

/** `github.actor`, `github.triggering_actor` or `github.actor_id`, in dot or index form (`github['actor']`). */
const ACTOR = String.raw`\bgithub(?:\.(?:actor|triggering_actor)\b|\[\s*'(?:actor|triggering_actor)'\s*\])`;
const ACTOR_ID = String.raw`\bgithub(?:\.actor_id\b|\[\s*'actor_id'\s*\])`;
/** User ids of bot accounts that workflows gate on: dependabot[bot], renovate[bot], github-actions[bot]. */
const BOT_IDS = String.raw`'?(?:49699333|29139614|41898282)'?(?![\w'])`;
const ACTOR_BOT = new RegExp(
  [String.raw`${ACTOR}\s*==\s*'[^']*\[bot\]'`, String.raw`'[^']*\[bot\]'\s*==\s*${ACTOR}`, String.raw`${ACTOR_ID}\s*==\s*${BOT_IDS}`, String.raw`${BOT_IDS}\s*==\s*${ACTOR_ID}`].join('|'),
  'i',
);
/**
 * The same condition also requiring the pull request's (or comment's, or review's) author to be the
 * bot: with `&&` and no `||`, that author check is what decides, and it cannot be spoofed.
 */
const AUTHOR_IS_BOT = /\bgithub\.event\.(?:pull_request|issue|comment|review)\.user\.login\s*==\s*'[^']*\[bot\]'|'[^']*\[bot\]'\s*==\s*github\.event\.(?:pull_request|issue|comment|review)\.user\.login\b/i;

/** `if: github.actor == 'dependabot[bot]'` as a gate in a privileged workflow. */
const rule: Rule = {
  meta: {
    id: 'iac/gha-spoofable-bot-check',
    title: 'Privileged job gated on a spoofable bot actor check',
    description:
      '`github.actor` is whoever caused the latest event, not who wrote the code: an attacker can make a bot (e.g. Dependabot) the actor of a run on their pull request, for example by getting it to rebase or by comment commands, and so pass an `if: github.actor == \'dependabot[bot]\'` gate in a `pull_request_target` or `workflow_run` workflow that then auto-merges or runs with write permissions and secrets. A job or step whose condition also requires `github.event_name` to be an unprivileged event (such as `pull_request`, whose fork runs get a read-only token and no secrets), or also requires (with `&&`, no `||`) the pull request\'s author to be the bot (`github.event.pull_request.user.login`), is not reported. The index form (`github[\'actor\']`) and `github.actor_id` compared with a well-known bot\'s user id are read too.',
    severity: 'high',
    kinds: ['github-workflow'],
    messages: {
      actor: '`{{condition}}` trusts `{{field}}` in a `{{trigger}}` workflow, which an attacker can arrange to be the bot; check the pull request\'s author instead (`github.event.pull_request.user.login == \'dependabot[bot]\'`).',
    },
    remediation: 'Gate on the pull request author (`github.event.pull_request.user.login`) and, for Dependabot, use `dependabot/fetch-metadata` on the `pull_request` event rather than `github.actor`.',
    references: ['https://docs.zizmor.sh/audits/#bot-conditions', 'https://securitylab.github.com/resources/github-actions-preventing-pwn-requests/'],
    standards: { ...GHA_STANDARDS, cwe: ['CWE-290'] },
    equivalents: { zizmor: ['bot-conditions'], octoscan: ['bot-check'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    for (const wf of workflows(ctx)) {
      const trigger = [...PRIVILEGED_UNTRUSTED_TRIGGERS].find((t) => wf.triggers.has(t));
      if (!trigger) continue;
      const inspect = (cond: DataNode | undefined) => {
        if (!isScalar(cond) || typeof cond.value !== 'string' || onlyOtherEvents(cond, PRIVILEGED_UNTRUSTED_TRIGGERS)) return;
        const m = ACTOR_BOT.exec(cond.value);
        if (!m) return;
        if (!cond.value.includes('||') && AUTHOR_IS_BOT.test(cond.value)) return;
        const raw = ctx.file.text.slice(cond.start, cond.end);
        const at = raw.indexOf(m[0]);
        const start = at >= 0 ? cond.start + at : cond.start;
        const field = /triggering_actor/i.test(m[0]) ? 'github.triggering_actor' : /actor_id/i.test(m[0]) ? 'github.actor_id' : 'github.actor';
        ctx.report({ messageId: 'actor', offsets: [start, at >= 0 ? start + m[0].length : cond.end], data: { condition: m[0], trigger, field } });
      };
      for (const job of jobs(wf)) {
        // a job that runs only on unprivileged events (e.g. the pull_request half of a workflow that also has workflow_run)
        if (onlyOtherEvents(get(job.node, 'if'), PRIVILEGED_UNTRUSTED_TRIGGERS)) continue;
        inspect(get(job.node, 'if'));
        for (const step of steps(job)) inspect(get(step, 'if'));
      }
    }
  },
};
export default rule;
