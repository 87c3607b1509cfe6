import type { Rule } from '../../../src/model/rule.js';
import dockerfileRootUser from './dockerfile-root-user.js';

export const dockerfileRules: Rule[] = [dockerfileRootUser];
