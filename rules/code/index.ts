import { definePack } from '../../src/packs/define.js';

export default definePack({
  name: 'code',
  version: '0.1.0',
  description: 'Insecure patterns in JavaScript and TypeScript source.',
  rules: [],
});
