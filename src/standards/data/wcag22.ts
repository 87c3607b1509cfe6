import type { Criterion, StandardDef } from '../types.js';

/**
 * WCAG 2.2 Level A and AA success criteria (w3.org/TR/WCAG22). 4.1.1 Parsing is obsolete and removed
 * in 2.2, so it is not listed. Level AAA criteria are out of scope.
 *
 * automation: 'partial' where a static or rendered check (axe-core, jsx-a11y, HTML analysis) can find
 * failures; no criterion is 'strong', because passing automated checks never shows conformance.
 */

type Row = [id: string, title: string, level: 'A' | 'AA', automation: 'partial' | 'none', questions: string[]];

const PRINCIPLES: Record<string, string> = {
  '1': 'Perceivable',
  '2': 'Operable',
  '3': 'Understandable',
  '4': 'Robust',
};

const ROWS: Row[] = [
  ['1.1.1', 'Non-text Content', 'A', 'partial', [
    'Does every informative image, icon and control have a text alternative that serves the same purpose?',
    'Are decorative images hidden from assistive technology?',
  ]],
  ['1.2.1', 'Audio-only and Video-only (Prerecorded)', 'A', 'none', [
    'Does each prerecorded audio-only or video-only item have a transcript or equivalent alternative?',
    'Does the alternative convey all the information in the media?',
  ]],
  ['1.2.2', 'Captions (Prerecorded)', 'A', 'partial', [
    'Do all prerecorded videos with audio have accurate, synchronised captions?',
    'Do captions include speaker identification and meaningful sounds?',
  ]],
  ['1.2.3', 'Audio Description or Media Alternative (Prerecorded)', 'A', 'none', [
    'Is visual-only information in prerecorded video available as audio description or a text alternative?',
    'Has someone checked the alternative against the video?',
  ]],
  ['1.2.4', 'Captions (Live)', 'AA', 'none', [
    'Do live audio broadcasts or streams have real-time captions?',
    'Who produces live captions, and how is their quality checked?',
  ]],
  ['1.2.5', 'Audio Description (Prerecorded)', 'AA', 'none', [
    'Does prerecorded video that shows important visual information have audio description?',
    'Has the description been checked by watching the video without the picture?',
  ]],
  ['1.3.1', 'Info and Relationships', 'A', 'partial', [
    'Are headings, lists, tables and form groups marked up so a screen reader conveys the same structure users see?',
    'Is any information conveyed by visual layout alone?',
  ]],
  ['1.3.2', 'Meaningful Sequence', 'A', 'none', [
    'Does the reading order with a screen reader match the visual order wherever order matters?',
    'Does content still make sense with CSS turned off?',
  ]],
  ['1.3.3', 'Sensory Characteristics', 'A', 'none', [
    'Do instructions rely only on shape, colour, size, position or sound (for example "the button on the right")?',
    'Could a screen reader user follow every instruction?',
  ]],
  ['1.3.4', 'Orientation', 'AA', 'partial', [
    'Does every page work in both portrait and landscape on a mobile device?',
    'If orientation is locked anywhere, is it essential?',
  ]],
  ['1.3.5', 'Identify Input Purpose', 'AA', 'partial', [
    'Do fields that collect the user\u2019s own details use the correct autocomplete values?',
    'Does browser autofill fill them correctly?',
  ]],
  ['1.4.1', 'Use of Color', 'A', 'partial', [
    'Is colour ever the only way information, state or errors are shown?',
    'Are links distinguishable from surrounding text without relying on colour alone?',
  ]],
  ['1.4.2', 'Audio Control', 'A', 'partial', [
    'Does any audio play automatically for more than 3 seconds?',
    'If so, can users pause, stop or mute it independently of the system volume?',
  ]],
  ['1.4.3', 'Contrast (Minimum)', 'AA', 'partial', [
    'Does all text, including text over images and in every state (hover, focus, disabled), meet 4.5:1 (3:1 for large text)?',
    'Has contrast been checked on rendered pages, not only on design tokens?',
  ]],
  ['1.4.4', 'Resize Text', 'AA', 'partial', [
    'Can text be zoomed to 200% without loss of content or function?',
    'Is anything clipped, overlapping or hidden at 200% zoom?',
  ]],
  ['1.4.5', 'Images of Text', 'AA', 'none', [
    'Is any text presented as an image where real text could be used?',
    'Are logos the only images of text?',
  ]],
  ['1.4.10', 'Reflow', 'AA', 'none', [
    'Does content reflow at 320 CSS pixels wide (400% zoom) without horizontal scrolling?',
    'Are tables, maps or diagrams that need two-dimensional scrolling genuinely essential?',
  ]],
  ['1.4.11', 'Non-text Contrast', 'AA', 'none', [
    'Do form field borders, focus indicators, icons and chart elements have at least 3:1 contrast?',
    'Are the states of controls (checked, selected, expanded) visible at 3:1?',
  ]],
  ['1.4.12', 'Text Spacing', 'AA', 'partial', [
    'Does content remain readable when line height, paragraph, letter and word spacing are increased to the WCAG values?',
    'Is any text clipped or overlapping with a text-spacing bookmarklet applied?',
  ]],
  ['1.4.13', 'Content on Hover or Focus', 'AA', 'none', [
    'Can tooltips and pop-ups that appear on hover or focus be dismissed without moving the pointer or focus?',
    'Can users move the pointer over them, and do they stay visible until dismissed?',
  ]],
  ['2.1.1', 'Keyboard', 'A', 'partial', [
    'Can every function be used with the keyboard alone?',
    'Do custom controls (menus, date pickers, drag and drop) have keyboard alternatives?',
  ]],
  ['2.1.2', 'No Keyboard Trap', 'A', 'none', [
    'Can keyboard focus always be moved away from every component, including embedded media and modals?',
    'If a non-standard key is needed to leave a component, are users told?',
  ]],
  ['2.1.4', 'Character Key Shortcuts', 'A', 'none', [
    'Does the service use single-character keyboard shortcuts?',
    'If so, can they be turned off or remapped, or are they active only on focus?',
  ]],
  ['2.2.1', 'Timing Adjustable', 'A', 'partial', [
    'Do any pages or sessions time out, and are users warned and given at least 20 seconds to extend?',
    'Can users turn off or adjust time limits that are not essential?',
  ]],
  ['2.2.2', 'Pause, Stop, Hide', 'A', 'partial', [
    'Can users pause, stop or hide content that moves, blinks, scrolls or auto-updates?',
    'Do carousels or animations start automatically?',
  ]],
  ['2.3.1', 'Three Flashes or Below Threshold', 'A', 'none', [
    'Does any content flash more than three times in any one second?',
    'Has video or animated content been checked for flashing?',
  ]],
  ['2.4.1', 'Bypass Blocks', 'A', 'partial', [
    'Is there a working skip link or landmarks that let users bypass repeated navigation?',
    'Does the skip link become visible on focus and move focus correctly?',
  ]],
  ['2.4.2', 'Page Titled', 'A', 'partial', [
    'Does each page have a unique title that describes its topic or purpose?',
    'Do titles change to reflect errors or steps in a form?',
  ]],
  ['2.4.3', 'Focus Order', 'A', 'none', [
    'Does keyboard focus move in an order that preserves meaning and operability?',
    'When dialogs open or close, where does focus go?',
  ]],
  ['2.4.4', 'Link Purpose (In Context)', 'A', 'partial', [
    'Can the purpose of every link be understood from its text or its context?',
    'Are there links such as "click here" or "read more" without context?',
  ]],
  ['2.4.5', 'Multiple Ways', 'AA', 'none', [
    'Is there more than one way to find pages (for example navigation, search, site map)?',
    'Are pages that are a step in a process the only exceptions?',
  ]],
  ['2.4.6', 'Headings and Labels', 'AA', 'none', [
    'Do headings and labels describe the topic or purpose of the content they introduce?',
    'Are headings used consistently and not repeated without distinction?',
  ]],
  ['2.4.7', 'Focus Visible', 'AA', 'partial', [
    'Is a keyboard focus indicator visible on every focusable element?',
    'Has any CSS removed the default outline without a replacement?',
  ]],
  ['2.4.11', 'Focus Not Obscured (Minimum)', 'AA', 'none', [
    'When an element receives focus, is it at least partly visible and not hidden by sticky headers, footers or banners?',
    'Has this been checked with cookie banners and chat widgets open?',
  ]],
  ['2.5.1', 'Pointer Gestures', 'A', 'none', [
    'Does any function need a multipoint or path-based gesture (pinch, swipe)?',
    'Is there a single-pointer alternative for each one?',
  ]],
  ['2.5.2', 'Pointer Cancellation', 'A', 'none', [
    'Are actions triggered on the up-event, so users can move away to cancel?',
    'Where an action fires on the down-event, can it be undone or is it essential?',
  ]],
  ['2.5.3', 'Label in Name', 'A', 'partial', [
    'Does the accessible name of each control contain its visible label text?',
    'Can speech recognition users activate controls by saying the visible label?',
  ]],
  ['2.5.4', 'Motion Actuation', 'A', 'none', [
    'Can any function be triggered by shaking or tilting the device?',
    'Is there a user interface alternative, and can motion actuation be turned off?',
  ]],
  ['2.5.7', 'Dragging Movements', 'AA', 'none', [
    'Does any function require dragging (sliders, sortable lists, maps, file drop zones)?',
    'Is there a single-pointer alternative without dragging?',
  ]],
  ['2.5.8', 'Target Size (Minimum)', 'AA', 'partial', [
    'Are pointer targets at least 24 by 24 CSS pixels, or spaced so that a 24 pixel circle around them does not overlap another target?',
    'Have small inline icons and close buttons been checked?',
  ]],
  ['3.1.1', 'Language of Page', 'A', 'partial', [
    'Does each page declare the correct default language?',
    'Do screen readers pronounce the content in that language?',
  ]],
  ['3.1.2', 'Language of Parts', 'AA', 'partial', [
    'Are passages in other languages (for example Gaelic or Welsh) marked with their language?',
    'Are the language codes valid?',
  ]],
  ['3.2.1', 'On Focus', 'A', 'none', [
    'Does moving focus to any element cause an unexpected change of context (new page, submission, pop-up)?',
    'Has this been tested by tabbing through every page?',
  ]],
  ['3.2.2', 'On Input', 'A', 'none', [
    'Does changing a form control (for example a select) submit the form or move the user without warning?',
    'If so, are users told beforehand?',
  ]],
  ['3.2.3', 'Consistent Navigation', 'AA', 'none', [
    'Is repeated navigation in the same relative order on every page?',
    'Do headers and footers differ between sections of the service?',
  ]],
  ['3.2.4', 'Consistent Identification', 'AA', 'none', [
    'Are components with the same function labelled and shown consistently across pages?',
    'Do icons keep the same meaning throughout?',
  ]],
  ['3.2.6', 'Consistent Help', 'A', 'none', [
    'Where help (contact details, chat, FAQs) is offered on several pages, is it in the same relative place?',
    'Is the help mechanism the same throughout the journey?',
  ]],
  ['3.3.1', 'Error Identification', 'A', 'none', [
    'When input errors are detected, is the field identified and the error described in text?',
    'Are errors announced to screen reader users, for example with an error summary?',
  ]],
  ['3.3.2', 'Labels or Instructions', 'A', 'partial', [
    'Does every field have a visible label and any instructions about format needed?',
    'Are required fields and expected formats explained before submission?',
  ]],
  ['3.3.3', 'Error Suggestion', 'AA', 'none', [
    'When an error is detected and a correction is known, does the message suggest it?',
    'Are error messages specific rather than generic?',
  ]],
  ['3.3.4', 'Error Prevention (Legal, Financial, Data)', 'AA', 'none', [
    'For submissions with legal or financial effect or that change user data, can users check, correct or reverse them?',
    'Is there a check-your-answers step before final submission?',
  ]],
  ['3.3.7', 'Redundant Entry', 'A', 'none', [
    'Are users asked to re-enter information they already gave in the same process?',
    'Where they are, is it auto-populated or selectable, or essential (for example for security)?',
  ]],
  ['3.3.8', 'Accessible Authentication (Minimum)', 'AA', 'none', [
    'Does any sign-in step rely on a cognitive function test (remembering a password, solving a puzzle, transcribing a code)?',
    'Is there an alternative, and do password managers and copy-paste work on every authentication field?',
  ]],
  ['4.1.2', 'Name, Role, Value', 'A', 'partial', [
    'Do custom components expose the correct name, role, state and value to assistive technology?',
    'Are changes of state (expanded, selected, checked) announced?',
  ]],
  ['4.1.3', 'Status Messages', 'AA', 'none', [
    'Are status messages (search results counts, saved confirmations, errors) announced without moving focus?',
    'Has this been tested with a screen reader?',
  ]],
];

/** The fragment the W3C Recommendation uses for a success criterion, e.g. "contrast-minimum". */
export const wcagSlug = (title: string): string =>
  title
    .toLowerCase()
    .replace(/[(),]/g, '')
    .trim()
    .replace(/\s+/g, '-');

export const WCAG_22: StandardDef = {
  id: 'wcag22',
  key: 'wcag',
  title: 'Web Content Accessibility Guidelines 2.2 (Level A and AA)',
  shortName: 'WCAG 2.2',
  version: '2.2',
  organisation: 'W3C',
  url: 'https://www.w3.org/TR/WCAG22/',
  criteria: ROWS.map(
    ([id, title, level, automation, questions]): Criterion => ({
      id,
      title,
      theme: PRINCIPLES[id.split('.')[0]],
      level,
      url: `https://www.w3.org/TR/WCAG22/#${wcagSlug(title)}`,
      automation,
      questions,
    }),
  ),
};
