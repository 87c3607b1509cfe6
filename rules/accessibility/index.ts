import { definePack } from '../../src/packs/define.js';

export default definePack({
  name: 'accessibility',
  version: '0.1.0',
  description: 'WCAG 2.2 AA checks on HTML, Nunjucks and JSX/TSX.',
  rules: [],
});
