import type { Rule } from '../../../../src/model/rule.js';

export const azureRules: Rule[] = [];
