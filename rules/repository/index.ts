import { definePack } from '../../src/packs/define.js';
import readmeMissing from './readme-missing.js';
import licenceMissing from './licence-missing.js';
import licenceNotOpenSource from './licence-not-open-source.js';
import securityPolicyMissing from './security-policy-missing.js';
import codeownersMissing from './codeowners-missing.js';
import contributingMissing from './contributing-missing.js';
import dependencyUpdateToolMissing from './dependency-update-tool-missing.js';
import ciMissing from './ci-missing.js';
import binaryArtifact from './binary-artifact.js';
import envFileCommitted from './env-file-committed.js';
import privateKeyCommitted from './private-key-committed.js';
import credentialsFileCommitted from './credentials-file-committed.js';
import terraformStateCommitted from './terraform-state-committed.js';
import gitignoreSecrets from './gitignore-secrets.js';
import publiccodeMissing from './publiccode-missing.js';
import accessibilityStatementMissing from './accessibility-statement-missing.js';

/**
 * Repository posture from the files of a checkout (no token needed). Findings about a missing file land
 * on line 1 of the root README (or the first file scanned); see lib.ts for the conventions.
 * Checks that need the GitHub API (branch protection, secret scanning, reviews) are in src/github/.
 */
export default definePack({
  name: 'repository',
  version: '0.1.0',
  description: 'Repository posture: open source essentials, security policy, ownership and dependency updates.',
  rules: [
    readmeMissing,
    licenceMissing,
    licenceNotOpenSource,
    securityPolicyMissing,
    codeownersMissing,
    contributingMissing,
    dependencyUpdateToolMissing,
    ciMissing,
    binaryArtifact,
    envFileCommitted,
    privateKeyCommitted,
    credentialsFileCommitted,
    terraformStateCommitted,
    gitignoreSecrets,
    publiccodeMissing,
    accessibilityStatementMissing,
  ],
});
