import type { Rule } from '../../../src/model/rule.js';
import { get, isMap, isScalar, items, str } from '../../../src/parsers/data/tree.js';
import { GHA_SUPPLY_CHAIN_STANDARDS } from './workflow.js';

const DEPENDABOT = /(^|\/)\.github\/dependabot\.ya?ml$/i;

/** Dependabot allowed to run code from the manifests it updates. */
const rule: Rule = {
  meta: {
    id: 'iac/gha-dependabot-execution',
    title: 'Dependabot may run code from the dependencies it updates',
    description:
      'For some ecosystems (Bundler, Mix, pip) resolving an update means evaluating manifest code: a gemspec, a mix.exs, a setup.py. Dependabot refuses to do that unless an `updates` entry sets `insecure-external-code-execution: allow`; with it, a compromised or malicious dependency runs code inside Dependabot\'s update job, which holds the credentials of the private registries configured for that entry and writes the update pull request. Only `.github/dependabot.yml` (or `.yaml`) is read.',
    severity: 'medium',
    kinds: ['yaml'],
    messages: {
      allow: 'The `{{ecosystem}}` update entry sets `insecure-external-code-execution: allow`, letting dependency manifests run code in Dependabot\'s update job with its registry credentials (expected `deny` or the key absent); remove it.',
    },
    remediation: 'Remove `insecure-external-code-execution: allow` (or set it to `deny`). If an update cannot be resolved without running manifest code, update that dependency by hand or in a workflow without registry secrets.',
    references: [
      'https://docs.github.com/en/code-security/dependabot/working-with-dependabot/dependabot-options-reference#insecure-external-code-execution--',
      'https://docs.zizmor.sh/audits/#dependabot-execution',
    ],
    standards: { ...GHA_SUPPLY_CHAIN_STANDARDS, cwe: ['CWE-829'] },
    equivalents: { zizmor: ['dependabot-execution'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    if (ctx.document.format !== 'data' || !DEPENDABOT.test(ctx.file.path)) return;
    for (const root of ctx.document.roots) {
      for (const u of items(get(root, 'updates'))) {
        if (!isMap(u)) continue;
        const v = get(u, 'insecure-external-code-execution');
        if (isScalar(v) && String(v.value).trim().toLowerCase() === 'allow') {
          ctx.report({ messageId: 'allow', offsets: [v.start, v.end], data: { ecosystem: str(get(u, 'package-ecosystem')) ?? 'unnamed' } });
        }
      }
    }
  },
};
export default rule;
