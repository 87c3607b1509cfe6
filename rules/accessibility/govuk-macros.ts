/** GOV.UK Frontend (and NHS.UK frontend) macro calls in Nunjucks (and Jinja) templates: labels, legends, button text. */
import type { Rule } from '../../src/model/rule.js';
import { findMacroCalls, insideFieldset, macroNamesFor, prop, provided, type MVal } from '../../src/a11y/govuk.js';

const STANDARDS = { dsss: ['5'], govuk: ['5'], tcop: ['2'] };
const MACRO_NOTE =
  ' NHS.UK frontend\'s macros of the same components (`input`, `select`, `radios`, `button`… imported from its `components/<name>/macro.njk`, under any alias) take the same parameters and are checked the same way. The macro\'s argument is read from the template source; values that are variables, filters or other template expressions count as provided ("cannot tell"), so only literal objects that clearly lack the text are reported.';

/** Any GOV.UK name, or an import of a GOV.UK / NHS.UK component macro. */
const MAY_CALL = /govuk[A-Z]|macro\.njk/;

/** Whether a `{ text | html }` object provides text: true, false or null (unknown). */
function hasText(v: MVal | undefined): boolean | null {
  if (v === undefined) return false;
  if (v.kind === 'unknown') return null;
  if (v.kind !== 'obj') return provided(v);
  const t = provided(prop(v, 'text'));
  const h = provided(prop(v, 'html'));
  if (t || h) return true;
  if (t === null || h === null) return null;
  return false;
}

export const govukMacroLabel: Rule = {
  meta: {
    id: 'accessibility/govuk-macro-label',
    title: 'GOV.UK form macro has no label',
    description:
      'govukInput, govukTextarea, govukSelect, govukFileUpload, govukCharacterCount and govukPasswordInput render a `<label>` only from `label.text` or `label.html`. Without it the field has no accessible name, so screen reader and voice control users cannot tell what to enter. Use `label.classes: "govuk-visually-hidden"` or `isPageHeading` rather than omitting the label.' + MACRO_NOTE,
    severity: 'high',
    kinds: ['nunjucks', 'html'],
    messages: {
      missing: '{{macro}} is called without a label; add `label: { text: "…" }` describing the field.',
      empty: '{{macro}} has a label without text; set `label.text` (or `label.html`).',
    },
    remediation: 'Pass `label: { text: "What is your name?" }` (optionally `classes: "govuk-label--l"`, `isPageHeading: true`) to the macro.',
    references: ['https://design-system.service.gov.uk/components/text-input/', 'https://design-system.service.gov.uk/components/select/'],
    standards: { ...STANDARDS, wcag: ['1.3.1', '3.3.2', '4.1.2'] },
    equivalents: { axe: ['label'] },
    since: '0.1.0',
  },
  check(ctx) {
    if (!MAY_CALL.test(ctx.file.text)) return;
    for (const call of findMacroCalls(ctx.file.text, [...macroNamesFor(ctx.file.text, 'labelled').keys()])) {
      if (call.arg.kind !== 'obj') continue;
      const label = prop(call.arg, 'label');
      const has = hasText(label);
      if (has !== false) continue;
      // some services label fields with aria-labelledby through `attributes`
      const attrs = prop(call.arg, 'attributes');
      if (attrs && (attrs.kind === 'unknown' || provided(prop(attrs, 'aria-label')) !== false || provided(prop(attrs, 'aria-labelledby')) !== false)) continue;
      ctx.report({ messageId: label === undefined ? 'missing' : 'empty', offsets: [call.start, call.end], data: { macro: call.name } });
    }
  },
};

export const govukMacroFieldset: Rule = {
  meta: {
    id: 'accessibility/govuk-macro-fieldset',
    title: 'GOV.UK radios, checkboxes or date input without a legend',
    description:
      'govukRadios, govukCheckboxes and govukDateInput group several inputs under one question, which GOV.UK Frontend renders as a `<fieldset>` with a `<legend>` only when `fieldset.legend` is given. Without it screen readers announce the options (or Day/Month/Year) without the question. A single checkbox, and calls inside a `{% call govukFieldset(…) %}` block, need no fieldset of their own.' + MACRO_NOTE,
    severity: 'high',
    kinds: ['nunjucks', 'html'],
    messages: {
      missing: '{{macro}} is called without `fieldset.legend`; add `fieldset: { legend: { text: "…question…" } }` so the options are announced with their question.',
      noLegend: '{{macro}} has a fieldset without legend text; set `fieldset.legend.text` to the question.',
    },
    remediation: 'Pass `fieldset: { legend: { text: "Where do you live?", isPageHeading: true, classes: "govuk-fieldset__legend--l" } }`.',
    references: ['https://design-system.service.gov.uk/components/radios/', 'https://design-system.service.gov.uk/components/checkboxes/', 'https://design-system.service.gov.uk/components/date-input/'],
    standards: { ...STANDARDS, wcag: ['1.3.1', '3.3.2'] },
    equivalents: { axe: ['radiogroup'] },
    since: '0.1.0',
  },
  check(ctx) {
    if (!MAY_CALL.test(ctx.file.text)) return;
    const names = macroNamesFor(ctx.file.text, 'grouped');
    for (const call of findMacroCalls(ctx.file.text, [...names.keys()])) {
      if (call.arg.kind !== 'obj') continue;
      if (insideFieldset(ctx.file.text, call.start)) continue;
      const items = prop(call.arg, 'items');
      const component = names.get(call.name);
      if (component === 'checkboxes' && (!items || items.kind !== 'arr' || items.items.length < 2)) continue;
      if (component === 'radios' && items?.kind === 'arr' && items.items.length < 2) continue;
      const fieldset = prop(call.arg, 'fieldset');
      if (fieldset === undefined) {
        ctx.report({ messageId: 'missing', offsets: [call.start, call.end], data: { macro: call.name } });
        continue;
      }
      if (fieldset.kind !== 'obj') continue;
      const has = hasText(prop(fieldset, 'legend'));
      if (has === false) ctx.report({ messageId: 'noLegend', offsets: [call.start, call.end], data: { macro: call.name } });
    }
  },
};

export const govukButtonText: Rule = {
  meta: {
    id: 'accessibility/govuk-button-text',
    title: 'GOV.UK button macro has no text',
    description:
      'govukButton renders its content from `text` or `html`; without either the button (or link styled as a button) has no accessible name and is announced only as "button".' + MACRO_NOTE,
    severity: 'high',
    kinds: ['nunjucks', 'html'],
    messages: { missing: '{{macro}} is called without `text` or `html`; add `text: "…"` naming the action (e.g. "Continue").' },
    remediation: 'Pass `text: "Save and continue"` (or `html`) to `govukButton`.',
    references: ['https://design-system.service.gov.uk/components/button/'],
    standards: { ...STANDARDS, wcag: ['4.1.2'] },
    equivalents: { axe: ['button-name'] },
    since: '0.1.0',
  },
  check(ctx) {
    if (!MAY_CALL.test(ctx.file.text)) return;
    for (const call of findMacroCalls(ctx.file.text, [...macroNamesFor(ctx.file.text, 'button').keys()])) {
      if (call.arg.kind !== 'obj') continue;
      const t = provided(prop(call.arg, 'text'));
      const h = provided(prop(call.arg, 'html'));
      if (t === false && h === false) {
        const attrs = prop(call.arg, 'attributes');
        if (attrs && (attrs.kind === 'unknown' || provided(prop(attrs, 'aria-label')) !== false)) continue;
        // NHS.UK's button takes its accessible name from `ariaLabel` too (an icon-only search button)
        if (!call.name.startsWith('govuk') && provided(prop(call.arg, 'ariaLabel')) !== false) continue;
        ctx.report({ messageId: 'missing', offsets: [call.start, call.end], data: { macro: call.name } });
      }
    }
  },
};

export const GOVUK_RULES = [govukMacroLabel, govukMacroFieldset, govukButtonText];
