import type { Rule } from '../../../../src/model/rule.js';
import { gkeRules } from './gke.js';
import { gkeExtraRules } from './gke-extra.js';
import { iamExtraRules } from './iam-extra.js';
import { identityRules } from './identity.js';
import { networkExtraRules } from './network-extra.js';
import { networkSqlComputeRules } from './network-sql-compute.js';
import { servicesExtraRules } from './services-extra.js';
import { sqlExtraRules } from './sql-extra.js';
import { sqlPgLoggingRules } from './sql-pg-logging.js';
import { storageIamRules } from './storage-iam.js';

export const gcpRules: Rule[] = [
  ...storageIamRules,
  ...networkSqlComputeRules,
  ...gkeRules,
  ...networkExtraRules,
  ...sqlExtraRules,
  ...sqlPgLoggingRules,
  ...iamExtraRules,
  ...gkeExtraRules,
  ...identityRules,
  ...servicesExtraRules,
];
