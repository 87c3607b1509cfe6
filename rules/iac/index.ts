import { definePack } from '../../src/packs/define.js';
import { cloudformationRules } from './cloudformation/index.js';
import { composeRules } from './compose/index.js';
import { dockerfileRules } from './dockerfile/index.js';
import { githubActionsRules } from './github-actions/index.js';
// Dependabot's configuration (kind yaml): registered beside the workflow rules, not among them
import dependabotExecution from './github-actions/dependabot-execution.js';
import { helmRules } from './helm/index.js';
import { kubernetesRules } from './kubernetes/index.js';
import { jmxRemoteUnauthenticated } from './runtime/jmx-remote-unauthenticated.js';
import { terraformRules } from './terraform/index.js';

export default definePack({
  name: 'iac',
  version: '0.1.0',
  description: 'Security baselines for infrastructure as code: Terraform (AWS, Azure, GCP), Kubernetes, Helm, Dockerfiles, docker-compose, CloudFormation and GitHub Actions (workflows and action metadata), and runtime flags wherever they are written (remote JMX without authentication).',
  rules: [...terraformRules, ...kubernetesRules, ...helmRules, ...dockerfileRules, ...composeRules, ...cloudformationRules, ...githubActionsRules, dependabotExecution, jmxRemoteUnauthenticated],
});
