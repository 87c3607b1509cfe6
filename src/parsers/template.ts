/** Nunjucks/Jinja templates as the HTML they produce (no HTML parser needed: rules import this freely). */

/** Character that stands in for template expressions (private use area, never in real content). */
export const TEMPLATE_MASK = '\uE000';

/**
 * Whether an HTML file is really a template (Jinja, Django, Nunjucks views kept as `.html`, as the GOV.UK
 * Prototype Kit does; Liquid; Handlebars/Mustache; Angular/Vue interpolation): it has a `{{ … }}` or
 * `{% … %}` span. Such files are masked as Nunjucks templates are, so template syntax inside a start tag
 * (`<select {% if label %}aria-label="{{ label }}"{% endif %}>`, `<iframe {{ attrs }}>`) is read as
 * "unknown" rather than as attribute names.
 */
export function hasTemplateSyntax(text: string): boolean {
  // a span exists exactly when a closing mark follows the first opening one (linear, whatever the file)
  const closes = (open: string, close: string) => {
    const at = text.indexOf(open);
    return at >= 0 && text.indexOf(close, at + 2) >= 0;
  };
  return closes('{{', '}}') || closes('{%', '%}');
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
