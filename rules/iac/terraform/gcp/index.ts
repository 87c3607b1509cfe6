import type { Rule } from '../../../../src/model/rule.js';
import { gkeRules } from './gke.js';
import { networkSqlComputeRules } from './network-sql-compute.js';
import { storageIamRules } from './storage-iam.js';

export const gcpRules: Rule[] = [...storageIamRules, ...networkSqlComputeRules, ...gkeRules];
