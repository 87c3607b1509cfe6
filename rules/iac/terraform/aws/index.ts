import type { Rule } from '../../../../src/model/rule.js';
import { s3Rules } from './s3.js';
import { sgRules } from './sg.js';
import { rdsRules } from './rds.js';
import { iamRules } from './iam.js';
import { storageRules } from './storage.js';
import { webRules } from './web.js';
import { computeRules } from './compute.js';
import { secretRules } from './secrets.js';
import { serviceRules } from './services.js';
import { analyticsRules } from './analytics.js';
import { containerRules } from './containers.js';
import { databaseRules } from './databases.js';
import { messagingRules } from './messaging.js';
import { sharingRules } from './sharing.js';
import { keyRules } from './keys.js';
import { pipelineRules } from './pipelines.js';

export const awsRules: Rule[] = [...s3Rules, ...sgRules, ...rdsRules, ...iamRules, ...storageRules, ...webRules, ...computeRules, ...secretRules, ...serviceRules, ...analyticsRules, ...containerRules, ...databaseRules, ...messagingRules, ...sharingRules, ...keyRules, ...pipelineRules];
