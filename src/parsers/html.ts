import { parse, parseFragment } from 'parse5';
import type { HtmlDocument } from '../model/document.js';
import { hasTemplateSyntax, maskTemplate } from './template.js';

const FULL_PAGE = /<!doctype\s|<html[\s>]/i;

/** Parse HTML with source locations. parse5 follows the HTML standard, so it never fails. */
export function parseHtml(text: string, templateSpans: [number, number][] = []): HtmlDocument {
  const fullPage = FULL_PAGE.test(text.slice(0, 4096)) || FULL_PAGE.test(text);
  const root = fullPage
    ? parse(text, { sourceCodeLocationInfo: true })
    : parseFragment(text, { sourceCodeLocationInfo: true });
  return { format: 'html', root, fullPage, templateSpans };
}

/** An `.html` file: parsed as it is, or masked as a template when it holds template syntax. */
export function parseHtmlFile(text: string): HtmlDocument {
  return hasTemplateSyntax(text) ? parseNunjucks(text) : parseHtml(text);
}

export function parseNunjucks(text: string): HtmlDocument {
  const { masked, spans } = maskTemplate(text);
  return parseHtml(masked, spans);
}
