import type { Rule } from '../../../src/model/rule.js';
import { computeRules } from './compute.js';
import { dataRules } from './data.js';
import { iamRules } from './iam.js';
import { networkRules } from './network.js';
import { parameterRules } from './parameters.js';
import { s3Rules } from './s3.js';

export const cloudformationRules: Rule[] = [...s3Rules, ...networkRules, ...dataRules, ...iamRules, ...computeRules, ...parameterRules];
