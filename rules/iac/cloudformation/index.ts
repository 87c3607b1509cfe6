import type { Rule } from '../../../src/model/rule.js';
import { computeRules } from './compute.js';
import { dataRules } from './data.js';
import { edgeRules } from './edge.js';
import { iamRules } from './iam.js';
import { networkRules } from './network.js';
import { oidcTrustRules } from './oidc-trust.js';
import { operationsRules } from './operations.js';
import { parameterRules } from './parameters.js';
import { policyRules } from './policies.js';
import { s3Rules } from './s3.js';
import { serviceRules } from './services.js';
import { workloadRules } from './workloads.js';

export const cloudformationRules: Rule[] = [...s3Rules, ...networkRules, ...dataRules, ...iamRules, ...computeRules, ...parameterRules, ...serviceRules, ...edgeRules, ...policyRules, ...operationsRules, ...workloadRules, ...oidcTrustRules];
