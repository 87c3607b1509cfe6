import { definePack } from '../../src/packs/define.js';
import vulnerablePackage from './vulnerable-package.js';
import maliciousPackage from './malicious-package.js';
import lockfileEmpty from './lockfile-empty.js';
import lockfileUnparsable from './lockfile-unparsable.js';
import unpinnedRequirement from './unpinned-requirement.js';
import registryNotHttps from './registry-not-https.js';
import gitDependency from './git-dependency.js';
import vulnerableVendoredLibrary from './vulnerable-vendored-library.js';

export default definePack({
  name: 'dependencies',
  version: '0.1.0',
  description: 'Vulnerable and risky dependencies from lockfiles and copied-in JavaScript libraries, checked offline against OSV advisories.',
  rules: [vulnerablePackage, vulnerableVendoredLibrary, maliciousPackage, lockfileEmpty, lockfileUnparsable, unpinnedRequirement, registryNotHttps, gitDependency],
});
