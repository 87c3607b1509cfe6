/** Obsolete elements and attributes that still harm users: moving text, server-side image maps. */
import { a11yRule, describe } from '../../src/a11y/rule-kit.js';
import { isHidden } from '../../src/a11y/semantics.js';
import { attr } from '../../src/a11y/tree.js';

export const movingText = a11yRule(
  {
    id: 'accessibility/blink-marquee',
    title: 'Moving or blinking text (<marquee>, <blink>)',
    description:
      '`<marquee>` scrolls its content and `<blink>` flashes it (where browsers still honour it), with no way for the user to pause, stop or hide the movement. Moving text is hard or impossible to read for people with low vision, dyslexia or attention difficulties, and distracts from the rest of the page. Both elements are obsolete in HTML; WCAG 2.2.2 requires a way to pause, stop or hide any movement that starts automatically and lasts more than five seconds.',
    severity: 'high',
    messages: { moving: '`{{tag}}` makes its content {{how}} with no way to pause or stop it; show the text statically (and if it must move, use CSS or script with a visible pause control).' },
    remediation: 'Replace the element with static text. If movement is essential, animate it with CSS or script that stops after five seconds or has a visible pause/stop control, and respect `prefers-reduced-motion`.',
    references: ['https://www.w3.org/WAI/WCAG22/Understanding/pause-stop-hide.html', 'https://html.spec.whatwg.org/multipage/obsolete.html#the-marquee-element'],
    wcag: ['2.2.2'],
    equivalents: { axe: ['marquee', 'blink'], htmlcs: ['WCAG2AA.Principle2.Guideline2_2.2_2_2.F47'] },
  },
  (tree, r) => {
    for (const el of tree.all) {
      if (!el.intrinsic || el.ns !== 'html' || el.inert || (el.tag !== 'marquee' && el.tag !== 'blink')) continue;
      if (isHidden(el) === true) continue;
      r.at(el, 'moving', { tag: describe(el, tree.text), how: el.tag === 'marquee' ? 'scroll' : 'blink' });
    }
  },
);

export const serverSideImageMap = a11yRule(
  {
    id: 'accessibility/server-side-image-map',
    title: 'Server-side image map',
    description:
      'An `<img ismap>` inside a link sends the coordinates of a mouse click to the server, which decides where to go. Its regions cannot be reached with a keyboard, have no names for screen readers, and cannot be activated by voice control or switch users. A client-side image map (`<map>` with `<area alt="…">`) or ordinary links do the same job accessibly.',
    severity: 'medium',
    messages: { ismap: '`{{tag}}` is a server-side image map: its regions can only be chosen with a mouse; use a client-side `<map>` with named `<area>`s, or separate links.' },
    remediation: 'Remove `ismap` and give each destination its own link (or a `<map>` with `<area href alt>` for each region).',
    references: ['https://www.w3.org/WAI/WCAG22/Techniques/failures/F54', 'https://www.w3.org/WAI/WCAG22/Understanding/keyboard.html'],
    wcag: ['2.1.1'],
    equivalents: { axe: ['server-side-image-map'] },
  },
  (tree, r) => {
    for (const el of tree.all) {
      if (!el.intrinsic || el.ns !== 'html' || el.inert || el.tag !== 'img') continue;
      const ismap = attr(el, 'ismap');
      if (ismap.kind !== 'static' || isHidden(el) === true) continue;
      r.atAttr(ismap.attr, 'ismap', { tag: describe(el, tree.text) });
    }
  },
);

export const OBSOLETE_RULES = [movingText, serverSideImageMap];
