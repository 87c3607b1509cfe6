import { definePack } from '../../src/packs/define.js';

export default definePack({
  name: 'dependencies',
  version: '0.1.0',
  description: 'Vulnerable and risky dependencies from lockfiles, checked offline against OSV advisories.',
  rules: [],
});
