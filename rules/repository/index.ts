import { definePack } from '../../src/packs/define.js';

export default definePack({
  name: 'repository',
  version: '0.1.0',
  description: 'Repository posture: open source essentials, security policy, ownership and dependency updates.',
  rules: [],
});
