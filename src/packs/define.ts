import type { Pack, Rule } from '../model/rule.js';

/** The Saltire pack API version; packs declare the range they support (`saltire: "^1"`). */
export const PACK_API_VERSION = '1.0.0';

export function definePack(pack: Omit<Pack, 'saltire'> & { saltire?: string }): Pack {
  return { saltire: '^1', ...pack };
}

export function defineRule(rule: Rule): Rule {
  return rule;
}
