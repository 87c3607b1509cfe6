import type { Rule } from '../../../src/model/rule.js';
import { get, isFalse, type DataNode } from '../../../src/parsers/data/tree.js';
import { GHA_STANDARDS, isCheckout, jobs, steps, usesOf, workflows } from './workflow.js';

/** actions/checkout leaves the token in .git/config unless told not to. */
const rule: Rule = {
  meta: {
    id: 'iac/gha-checkout-persist-credentials',
    title: 'actions/checkout persists the token in .git/config',
    description:
      'By default `actions/checkout` writes the GITHUB_TOKEN (or the given token) into the checked-out repository\'s `.git/config`, where every later step can read it and where it is easily swept into an uploaded artifact or a published image ("ArtiPACKED"). Steps that do not push with git do not need it.',
    severity: 'low',
    kinds: ['github-workflow'],
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
    for (const wf of workflows(ctx)) {
      for (const job of jobs(wf)) {
        for (const step of steps(job)) {
          const uses = usesOf(step);
          if (!isCheckout(uses)) continue;
          const persist = get(get(step, 'with'), 'persist-credentials');
          if (isFalse(persist)) continue;
          if (persist && String((persist as { value?: unknown }).value ?? '').includes('${{')) continue;
          const node = get(step, 'uses') as DataNode;
          ctx.report({ messageId: 'persist', offsets: [node.start, node.end], data: { uses: uses! } });
        }
      }
    }
  },
};
export default rule;
