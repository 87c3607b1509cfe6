import type { Rule } from '../../../../src/model/rule.js';
import { appServiceExtraRules } from './appservice-extra.js';
import { appServiceMiscRules } from './appservice-misc.js';
import { databaseLoggingRules } from './database-logging.js';
import { databaseRules } from './database.js';
import { keyvaultAksRules } from './keyvault-aks.js';
import { monitoringRules } from './monitoring.js';
import { networkRules } from './network.js';
import { redisRules } from './redis.js';
import { secretsStorageRules } from './secrets-storage.js';
import { servicesRules } from './services.js';
import { storageRules } from './storage.js';

export const azureRules: Rule[] = [
  ...storageRules,
  ...networkRules,
  ...databaseRules,
  ...keyvaultAksRules,
  ...appServiceMiscRules,
  ...redisRules,
  ...databaseLoggingRules,
  ...monitoringRules,
  ...secretsStorageRules,
  ...appServiceExtraRules,
  ...servicesRules,
];
