import type { Rule } from '../../../../src/model/rule.js';
import { appServiceMiscRules } from './appservice-misc.js';
import { databaseRules } from './database.js';
import { keyvaultAksRules } from './keyvault-aks.js';
import { networkRules } from './network.js';
import { storageRules } from './storage.js';

export const azureRules: Rule[] = [...storageRules, ...networkRules, ...databaseRules, ...keyvaultAksRules, ...appServiceMiscRules];
