import type { Rule } from '../../../src/model/rule.js';
import { get, isScalar, type DataNode } from '../../../src/parsers/data/tree.js';
import { expressionsIn, GHA_STANDARDS, isUntrustedPath, jobs, stepHosts, steps, tokenize, workflows, WORKFLOW_SYNTAX } from './workflow.js';

/**
 * Contexts whose value someone other than a maintainer can choose, or that anyone with push access
 * can set to any name: the ref (a new branch or tag), the actor (a new account name), the pull
 * request's head branch, and their default environment variables.
 */
const CHOSEN = new Set([
  'github.ref',
  'github.ref_name',
  'github.head_ref',
  'github.actor',
  'github.triggering_actor',
  'github.event.sender.login',
  'github.event.pull_request.user.login',
  'github.event.issue.user.login',
  'github.event.comment.user.login',
  'github.event.review.user.login',
  'env.github_ref',
  'env.github_ref_name',
  'env.github_head_ref',
  'env.github_actor',
  'env.github_triggering_actor',
]);

function chosen(path: string): boolean {
  const p = path.toLowerCase();
  return CHOSEN.has(p) || isUntrustedPath(p);
}

/** A `contains('<string>', <context>)` found in an expression: offsets in the body, and its parts. */
interface Hit {
  start: number;
  end: number;
  haystack: string;
  context: string;
}

/** `contains()` calls whose first argument is a string literal and second an attacker-chosen context. */
function unsoundContains(body: string): Hit[] {
  const toks = tokenize(body);
  const out: Hit[] = [];
  for (let k = 0; k + 5 < toks.length; k++) {
    const [fn, lp, hay, comma, needle, rp] = toks.slice(k, k + 6);
    if (fn.t !== 'path' || fn.v.toLowerCase() !== 'contains' || lp.t !== 'lp' || hay.t !== 'str' || comma.t !== 'comma' || needle.t !== 'path' || rp.t !== 'rp') continue;
    if (!chosen(needle.v)) continue;
    out.push({ start: fn.start, end: rp.end, haystack: hay.v, context: needle.v });
  }
  return out;
}

/** `contains('main develop', github.ref)` in a job or step condition: a substring test, passed by part of any listed name. */
const rule: Rule = {
  meta: {
    id: 'iac/gha-unsound-contains',
    title: 'Condition tests a ref or actor with contains() on a string',
    description:
      'With a string as its first argument, `contains()` tests for a substring, not for membership in a list: `contains(\'refs/heads/main refs/heads/develop\', github.ref)` is also true for a branch named `mai`, `dev` or `main refs/heads/d`, and `contains(\'octocat hubot\', github.actor)` for an account named `cat`. Whoever can push a branch or tag, open a pull request from a branch they name, or register an account can then pass a condition meant to restrict a deployment, a release or a secret to named branches or people. Reported for job and step `if:` conditions (workflows and composite actions) whose `contains()` takes a string literal and then `github.ref`, `github.ref_name`, `github.head_ref`, `github.actor`, `github.triggering_actor`, an event author\'s login, their `env.GITHUB_*` variables, or other attacker-controlled event text. `contains(fromJSON(\'[…]\'), …)`, an array, tests membership and is not reported.',
    severity: 'medium',
    kinds: ['github-workflow', 'github-action'],
    messages: {
      substring:
        '`{{call}}` is true whenever `{{context}}` is any substring of {{haystack}}, so a branch, tag or account named after part of it passes; test membership in a list instead: `contains(fromJSON(\'[{{list}}]\'), {{context}})`, or compare with `==`.',
    },
    remediation:
      'Compare against a list with `contains(fromJSON(\'["refs/heads/main", "refs/heads/develop"]\'), github.ref)`, or with `==` joined by `||`; never pass a space- or comma-separated string as the first argument of `contains()`.',
    references: [
      'https://docs.zizmor.sh/audits/#unsound-contains',
      'https://docs.github.com/en/actions/reference/workflows-and-actions/expressions#contains',
      `${WORKFLOW_SYNTAX}#jobsjob_idif`,
    ],
    standards: { ...GHA_STANDARDS, cwe: ['CWE-697', 'CWE-863'] },
    equivalents: { zizmor: ['unsound-contains'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    const text = ctx.file.text;
    const inspect = (cond: DataNode | undefined) => {
      if (!isScalar(cond) || typeof cond.value !== 'string') return;
      const exprs = expressionsIn(text, cond);
      // a condition without `${{ }}` is an expression already: a plain scalar's source is its value
      const quoted = /^["']/.test(text.slice(cond.start, cond.start + 1));
      const bodies = exprs.length
        ? exprs.map((e) => ({ body: e.body, offset: e.start + 3, exact: true }))
        : [{ body: quoted ? cond.value : text.slice(cond.start, cond.end), offset: cond.start, exact: !quoted }];
      for (const { body, offset, exact } of bodies) {
        for (const hit of unsoundContains(body)) {
          const list = hit.haystack
            .slice(1, -1)
            .split(/[\s,;|]+/)
            .filter(Boolean)
            .map((x) => `"${x}"`)
            .join(', ');
          ctx.report({
            messageId: 'substring',
            offsets: exact ? [offset + hit.start, offset + hit.end] : [cond.start, cond.end],
            data: { call: body.slice(hit.start, hit.end), context: hit.context, haystack: hit.haystack, list },
          });
        }
      }
    };
    for (const wf of workflows(ctx)) for (const job of jobs(wf)) inspect(get(job.node, 'if'));
    for (const { job } of stepHosts(ctx)) for (const step of steps(job)) inspect(get(step, 'if'));
  },
};
export default rule;
