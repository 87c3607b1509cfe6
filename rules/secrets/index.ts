import { definePack } from '../../src/packs/define.js';
import { FAMILY_RULES } from './families.js';
import genericHighEntropyAssignment from './generic-high-entropy-assignment.js';

export default definePack({
  name: 'secrets',
  version: '0.1.0',
  description: 'Credentials committed to the repository: cloud keys, tokens, private keys, connection strings.',
  rules: [...FAMILY_RULES, genericHighEntropyAssignment],
});
