import type { Rule } from '../../../src/model/rule.js';
import { awsRules } from './aws/index.js';
import { azureRules } from './azure/index.js';
import { gcpRules } from './gcp/index.js';
import { terraformModuleUnpinned } from './modules.js';

export const terraformRules: Rule[] = [...awsRules, ...azureRules, ...gcpRules, terraformModuleUnpinned];
