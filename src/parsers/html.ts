import { parse, parseFragment } from 'parse5';
import type { HtmlDocument } from '../model/document.js';

/** Character that stands in for template expressions (private use area, never in real content). */
export const TEMPLATE_MASK = '\uE000';

const FULL_PAGE = /<!doctype\s|<html[\s>]/i;

/** Parse HTML with source locations. parse5 follows the HTML standard, so it never fails. */
export function parseHtml(text: string, templateSpans: [number, number][] = []): HtmlDocument {
  const fullPage = FULL_PAGE.test(text.slice(0, 4096)) || FULL_PAGE.test(text);
  const root = fullPage
    ? parse(text, { sourceCodeLocationInfo: true })
    : parseFragment(text, { sourceCodeLocationInfo: true });
  return { format: 'html', root, fullPage, templateSpans };
}

/**
 * Mask a Nunjucks/Jinja template so it parses as the HTML it would produce: `{{ … }}` becomes a run of
 * TEMPLATE_MASK characters (an unknown value), `{% … %}` and `{# … #}` become spaces. Lengths and line
 * breaks are kept, so every offset still points at the original text.
 */
export function maskTemplate(text: string): { masked: string; spans: [number, number][] } {
  const spans: [number, number][] = [];
  const out = text.replace(/\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|\{#[\s\S]*?#\}/g, (m, offset: number) => {
    spans.push([offset, offset + m.length]);
    const fill = m.startsWith('{{') ? TEMPLATE_MASK : ' ';
    return m.replace(/[^\r\n]/g, fill);
  });
  return { masked: out, spans };
}

export function parseNunjucks(text: string): HtmlDocument {
  const { masked, spans } = maskTemplate(text);
  return parseHtml(masked, spans);
}

/** True when a value (an attribute's or text) contains template output: the rule cannot tell. */
export function hasTemplate(value: string | undefined): boolean {
  return value !== undefined && value.includes(TEMPLATE_MASK);
}
