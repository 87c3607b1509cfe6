import { RENDERED_RULES } from './rendered.js';
import { definePack } from '../../src/packs/define.js';
import { NAME_RULES } from './names.js';
import { ARIA_RULES } from './aria.js';
import { PAGE_RULES } from './page.js';
import { STRUCTURE_RULES } from './structure.js';
import { GOVUK_RULES } from './govuk-macros.js';
import { MARKUP_RULES } from './markup.js';
import { LIST_RULES } from './lists.js';
import { OBSOLETE_RULES } from './obsolete.js';
import { TEXT_SPACING_RULES } from './text-spacing.js';
import { LABEL_IN_NAME_RULES } from './label-in-name.js';
import { MEDIA_RULES } from './media.js';
import { FRAME_RULES } from './frames.js';
import { ORIENTATION_RULES } from './orientation.js';
import { KEYBOARD_RULES } from './keyboard.js';

export default definePack({
  name: 'accessibility',
  version: '0.1.0',
  description: 'WCAG 2.2 AA checks on HTML, Nunjucks and JSX/TSX.',
  rules: [...NAME_RULES, ...ARIA_RULES, ...PAGE_RULES, ...STRUCTURE_RULES, ...KEYBOARD_RULES, ...LIST_RULES, ...OBSOLETE_RULES, ...TEXT_SPACING_RULES, ...LABEL_IN_NAME_RULES, ...MEDIA_RULES, ...FRAME_RULES, ...ORIENTATION_RULES, ...GOVUK_RULES, ...MARKUP_RULES, ...RENDERED_RULES],
});
