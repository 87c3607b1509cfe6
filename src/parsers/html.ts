import { parse, parseFragment } from 'parse5';
import type { HtmlDocument } from '../model/document.js';
import { hasEmbeddedSyntax, hasTemplateSyntax, maskDialect, type TemplateDialect } from './template.js';

const FULL_PAGE = /<!doctype\s|<html[\s>]/i;

/** Parse HTML with source locations. parse5 follows the HTML standard, so it never fails. */
export function parseHtml(text: string, templateSpans: [number, number][] = [], templateDialect?: TemplateDialect): HtmlDocument {
  const fullPage = FULL_PAGE.test(text.slice(0, 4096)) || FULL_PAGE.test(text);
  const root = fullPage
    ? parse(text, { sourceCodeLocationInfo: true })
    : parseFragment(text, { sourceCodeLocationInfo: true });
  return templateDialect ? { format: 'html', root, fullPage, templateSpans, templateDialect } : { format: 'html', root, fullPage, templateSpans };
}

/**
 * An `.html` file: parsed as it is, or masked as a template when it holds template syntax (`{{ }}`/`{% %}`,
 * or else EJS's `<% %>`, whose `<%-` outputs as ERB's `<%==` does).
 */
export function parseHtmlFile(text: string): HtmlDocument {
  if (hasTemplateSyntax(text)) return parseNunjucks(text);
  return hasEmbeddedSyntax(text) ? parseTemplate(text, 'ejs') : parseHtml(text);
}

export function parseNunjucks(text: string): HtmlDocument {
  return parseTemplate(text, 'jinja');
}

/** A template (Nunjucks/Jinja family, ERB, EJS) masked into the HTML it produces, offsets kept. */
export function parseTemplate(text: string, dialect: TemplateDialect): HtmlDocument {
  const { masked, spans } = maskDialect(text, dialect);
  return parseHtml(masked, spans, dialect);
}
