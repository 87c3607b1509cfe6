import type { Rule } from '../../../src/model/rule.js';
import { baselineRules } from './pss-baseline.js';
import { restrictedRules } from './pss-restricted.js';
import { hardeningRules } from './hardening.js';
import { networkRules, rbacRules } from './network-rbac.js';
import { controlPlaneRules } from './control-plane.js';
import { workloadHygieneRules } from './workload-hygiene.js';

/** The Kubernetes family of the iac pack (kinds `kubernetes` and `helm`). */
export const kubernetesRules: Rule[] = [...baselineRules, ...restrictedRules, ...hardeningRules, ...networkRules, ...rbacRules, ...controlPlaneRules, ...workloadHygieneRules];
