import type { Rule } from '../../../src/model/rule.js';
import { get, isFalse, isScalar, type DataMap, type DataNode } from '../../../src/parsers/data/tree.js';
import { actionRepo, GHA_STANDARDS, isCheckout, stepHosts, steps, usesOf } from './workflow.js';

/** `git push` in a shell script (also `git -C dir push`, `git push --tags`), not in a comment. */
const GIT_PUSH = /(^|[\s;&|(`])git(\s+-{1,2}[A-Za-z-]+(?:[ =][^\s;&|-][^\s;&|]*)?)*\s+push\b/;
/** Actions that commit and push through the credentials checkout left in `.git/config`. */
const PUSHING_ACTIONS = new Set(['stefanzweifel/git-auto-commit-action', 'endbug/add-and-commit']);

/** A step that pushes with git, so it needs the credentials checkout persisted. */
function pushesWithGit(step: DataMap): boolean {
  const run = get(step, 'run');
  if (isScalar(run) && typeof run.value === 'string' && run.value.split('\n').some((line) => GIT_PUSH.test(line.replace(/(^|\s)#.*$/, '')))) return true;
  const repo = actionRepo(usesOf(step) ?? '');
  return repo !== undefined && PUSHING_ACTIONS.has(repo.toLowerCase());
}

/** actions/checkout leaves the token in .git/config unless told not to. */
const rule: Rule = {
  meta: {
    id: 'iac/gha-checkout-persist-credentials',
    title: 'actions/checkout persists the token in .git/config',
    description:
      'By default `actions/checkout` writes the GITHUB_TOKEN (or the given token) into the checked-out repository\'s `.git/config`, where every later step can read it and where it is easily swept into an uploaded artifact or a published image ("ArtiPACKED"). Steps that do not push with git do not need it; a checkout followed in the same job by a `git push` (or an action that commits and pushes) is not reported, since that push relies on the persisted token. A composite action\'s steps (`action.yml`) are checked too; there only the action\'s own later steps are seen.',
    severity: 'low',
    kinds: ['github-workflow', 'github-action'],
    messages: {
      persist: '`{{uses}}` leaves the token in `.git/config` for every later step (and any artifact of the workspace); add `with: persist-credentials: false` unless a later step pushes with git.',
    },
    remediation: 'Add `persist-credentials: false` under the checkout step\'s `with:`; give a push step its token explicitly when one is needed.',
    references: ['https://github.com/actions/checkout#usage', 'https://docs.zizmor.sh/audits/#artipacked', 'https://unit42.paloaltonetworks.com/github-repo-artifacts-leak-tokens/'],
    standards: { ...GHA_STANDARDS, cwe: ['CWE-522'] },
    equivalents: { zizmor: ['artipacked'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    for (const { job } of stepHosts(ctx)) {
      const all = steps(job);
      for (const [i, step] of all.entries()) {
        const uses = usesOf(step);
        if (!isCheckout(uses)) continue;
        const persist = get(get(step, 'with'), 'persist-credentials');
        if (isFalse(persist)) continue;
        if (persist && String((persist as { value?: unknown }).value ?? '').includes('${{')) continue;
        // the credentials are what a later `git push` in this job uses: the advice does not apply
        if (all.slice(i + 1).some(pushesWithGit)) continue;
        const node = get(step, 'uses') as DataNode;
        ctx.report({ messageId: 'persist', offsets: [node.start, node.end], data: { uses: uses! } });
      }
    }
  },
};
export default rule;
