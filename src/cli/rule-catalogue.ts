import type { Pack } from '../model/rule.js';
import { CORE_PACK, CORE_RULES } from '../engine/core-rules.js';
import type { RuleInfo } from '../reporters/types.js';
import { REMOTE_CHECKS } from '../github/remote-checks.js';

/** Every rule's metadata by id: the core rules and the loaded packs'. */
export function ruleCatalogue(packs: readonly Pack[]): Map<string, RuleInfo> {
  const m = new Map<string, RuleInfo>();
  for (const meta of CORE_RULES) m.set(meta.id, { meta, pack: CORE_PACK.name });
  for (const p of packs) for (const r of p.rules) m.set(r.meta.id, { meta: r.meta, pack: p.name });
  // checks through the GitHub API (github: targets) report as the repository pack
  for (const meta of REMOTE_CHECKS) if (!m.has(meta.id)) m.set(meta.id, { meta, pack: 'repository' });
  return m;
}

export function docsPathFor(ruleId: string): string {
  const [pack, ...rest] = ruleId.split('/');
  return `docs/rules/${pack}/${rest.join('/')}.md`;
}
