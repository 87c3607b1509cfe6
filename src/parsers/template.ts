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
  const spans = templateSpans(text);
  if (spans.length === 0) return { masked: text, spans };
  const out: string[] = [];
  let last = 0;
  for (const [start, end] of spans) {
    const fill = text.startsWith('{{', start) ? TEMPLATE_MASK : ' ';
    out.push(text.slice(last, start), text.slice(start, end).replace(/[^\r\n]/g, fill));
    last = end;
  }
  out.push(text.slice(last));
  return { masked: out.join(''), spans };
}

const CLOSERS: Record<string, string> = { '{{': '}}', '{%': '%}', '{#': '#}' };

/**
 * The `{{ … }}`, `{% … %}` and `{# … #}` spans, leftmost first, each ending at the first closing mark
 * after it: what the regex `/\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|\{#[\s\S]*?#\}/g` matches, found in
 * linear time (the regex rescans the rest of the file for every opening mark that is never closed).
 */
export function templateSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  // per closing mark: where it next occurs at or after `from` (-1: nowhere), searched again only when passed
  const next = new Map<string, { from: number; at: number }>();
  const closerAfter = (close: string, from: number): number => {
    const known = next.get(close);
    if (known && (known.at === -1 || (known.from <= from && known.at >= from))) return known.at;
    const at = text.indexOf(close, from);
    next.set(close, { from, at });
    return at;
  };
  let i = text.indexOf('{');
  while (i >= 0 && i < text.length - 1) {
    const close = CLOSERS[text.slice(i, i + 2)];
    const end = close ? closerAfter(close, i + 2) : -1;
    if (end >= 0) {
      spans.push([i, end + 2]);
      i = text.indexOf('{', end + 2);
    } else i = text.indexOf('{', i + 1);
  }
  return spans;
}
