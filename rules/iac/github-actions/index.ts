import type { Rule } from '../../../src/model/rule.js';
import alwaysTrueCondition from './always-true-condition.js';
import botConditions from './bot-conditions.js';
import checkoutPersistCredentials from './checkout-persist-credentials.js';
import containerCredentials from './container-credentials.js';
import curlPipeShell from './curl-pipe-shell.js';
import excessivePermissions from './excessive-permissions.js';
import githubEnvInjection from './github-env-injection.js';
import missingPermissions from './missing-permissions.js';
import secretExposure from './secret-exposure.js';
import secretsInherit from './secrets-inherit.js';
import selfHostedRunner from './self-hosted-runner.js';
import templateInjection from './template-injection.js';
import unpinnedAction from './unpinned-action.js';
import unpinnedContainer from './unpinned-container.js';
import unsecureCommands from './unsecure-commands.js';
import untrustedArtifact from './untrusted-artifact.js';
import untrustedCheckout from './untrusted-checkout.js';
import cachePoisoning from './cache-poisoning.js';
import unsoundContains from './unsound-contains.js';
import reverseShell from './reverse-shell.js';
import useTrustedPublishing from './use-trusted-publishing.js';
import obfuscation from './obfuscation.js';
import archivedAction from './archived-action.js';
import knownVulnerableAction from './known-vulnerable-action.js';
import dangerousTriggers from './dangerous-triggers.js';

export const githubActionsRules: Rule[] = [
  templateInjection,
  untrustedCheckout,
  untrustedArtifact,
  githubEnvInjection,
  missingPermissions,
  excessivePermissions,
  unpinnedAction,
  unpinnedContainer,
  checkoutPersistCredentials,
  secretExposure,
  unsecureCommands,
  selfHostedRunner,
  curlPipeShell,
  secretsInherit,
  containerCredentials,
  botConditions,
  alwaysTrueCondition,
  cachePoisoning,
  unsoundContains,
  reverseShell,
  useTrustedPublishing,
  obfuscation,
  archivedAction,
  knownVulnerableAction,
  dangerousTriggers,
];
