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
 * Whether a file has an ERB/EJS `<% … %>` span (Express views kept as `.html` with `app.engine('html', ejs)`).
 * Linear, like hasTemplateSyntax.
 */
export function hasEmbeddedSyntax(text: string): boolean {
  return embeddedSpans(text).length > 0;
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

// ---------------------------------------------------------------- dialects

/**
 * Template dialects read as the HTML they produce. `jinja` is the `{{ }}`/`{% %}`/`{# #}` family
 * (Nunjucks, Jinja2, Django, Twig, Liquid, Handlebars/Mustache); `erb` (Ruby, Rails views) and `ejs`
 * (Express) embed code between `<%` and `%>`.
 */
export type TemplateDialect = 'jinja' | 'erb' | 'ejs';

/** What a template span does: outputs a value (unknown), runs code, or is a comment (both output nothing). */
export type SpanRole = 'output' | 'code' | 'comment';

/**
 * The `<% … %>` spans of an ERB or EJS template, leftmost first, each ending at the first `%>` after
 * its opening (a `%>` inside a Ruby or JavaScript string ends it early: accepted, the rest is read as
 * markup). `<%%` is a literal `<%` in both, not a span. Trimming marks (`<%-`, `-%>`, EJS `<%_`/`_%>`)
 * are part of the span.
 */
export function embeddedSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  let i = text.indexOf('<%');
  while (i >= 0) {
    if (text[i + 2] === '%') {
      i = text.indexOf('<%', i + 3);
      continue;
    }
    const end = text.indexOf('%>', i + 2);
    if (end < 0) break;
    spans.push([i, end + 2]);
    i = text.indexOf('<%', end + 2);
  }
  return spans;
}

/** The role of the span starting at `start` (ERB `<%-` trims and runs code; EJS `<%-` outputs unescaped). */
export function spanRole(text: string, start: number, dialect: TemplateDialect): SpanRole {
  if (dialect === 'jinja') return text.startsWith('{{', start) ? 'output' : text.startsWith('{#', start) ? 'comment' : 'code';
  const c = text[start + 2];
  if (c === '#') return 'comment';
  if (c === '=' || (c === '-' && dialect === 'ejs')) return 'output';
  return 'code';
}

/** The spans of a template of any dialect. */
export function dialectSpans(text: string, dialect: TemplateDialect): [number, number][] {
  return dialect === 'jinja' ? templateSpans(text) : embeddedSpans(text);
}

/**
 * Mask a template so it parses as the HTML it would produce: output (`{{ … }}`, `<%= … %>`) becomes a
 * run of TEMPLATE_MASK characters (an unknown value), code and comments (`{% … %}`, `{# … #}`,
 * `<% … %>`) become spaces. Lengths and line breaks are kept, so every offset still points at the
 * original text. ERB/EJS's `<%%` literal is left as written.
 */
export function maskDialect(text: string, dialect: TemplateDialect): { masked: string; spans: [number, number][] } {
  const spans = dialectSpans(text, dialect);
  if (spans.length === 0) return { masked: text, spans };
  const out: string[] = [];
  let last = 0;
  for (const [start, end] of spans) {
    const fill = spanRole(text, start, dialect) === 'output' ? TEMPLATE_MASK : ' ';
    out.push(text.slice(last, start), text.slice(start, end).replace(/[^\r\n]/g, fill));
    last = end;
  }
  out.push(text.slice(last));
  return { masked: out.join(''), spans };
}

/**
 * Template statements that output nothing themselves: control flow, assignments, imports, macro
 * definitions, block ends. Any other statement (`{% block %}`, `{% include %}`, `{% call %}`,
 * `{% trans "…" %}`, `{% url … %}`, custom tags) may insert content.
 */
const SILENT_STATEMENTS = new Set([
  'if', 'elif', 'elseif', 'else', 'endif', 'for', 'empty', 'endfor', 'set', 'endset', 'macro', 'endmacro', 'from', 'import', 'extends',
  'raw', 'endraw', 'verbatim', 'endverbatim', 'comment', 'endcomment', 'load', 'with', 'endwith', 'spaceless', 'endspaceless',
  'autoescape', 'endautoescape', 'endblock', 'endcall', 'endfilter', 'endtrans', 'endblocktrans', 'endblocktranslate', 'pluralize', 'plural',
  'switch', 'case', 'default', 'endswitch', 'do', 'break', 'continue', 'endembed', 'endapply', 'endunless', 'unless',
  'elsif', 'when', 'endcase', 'assign', 'capture', 'endcapture',
]);

/**
 * Whether a statement span (not output, which is masked) may insert content where it stands. Only
 * Jinja-family statements do (`{% block %}`, `{% include %}`); ERB/EJS code outputs nothing (ERB
 * `<%= form_with … do %>` blocks are output spans, masked).
 */
export function statementInsertsContent(text: string, start: number, dialect: TemplateDialect): boolean {
  if (dialect !== 'jinja') return false;
  const m = /^\{%-?\s*([A-Za-z_]\w*)/.exec(text.slice(start, start + 40));
  return m !== null && !SILENT_STATEMENTS.has(m[1]);
}

/**
 * Code that may switch which markup renders (a conditional, loop, macro, block or `case` boundary):
 * elements on either side of one may never be in the page together.
 */
const BRANCHES: Record<TemplateDialect, RegExp> = {
  jinja: /\{%-?\s*(if|elif|elseif|else|endif|macro|endmacro|call|case|default|block|endblock|set|raw)\b/,
  // Ruby: if/unless/else/elsif/case/when/end, blocks (`do |x|`, `{ |x|`), `content_for`
  erb: /<%(?![=#%])-?\s*(?:if|unless|else|elsif|case|when|end|content_for)\b|<%(?![#%])[^%]*?\b(?:do|then)\b|<%(?![#%])[^%]*?\s(?:if|unless)\s/,
  // JavaScript: any brace in code (`if (…) {`, `} else {`, `forEach(function (x) {`, `}`)
  ejs: /<%(?![=#%-])[^%]*?[{}]/,
};

export function hasBranchBoundary(between: string, dialect: TemplateDialect): boolean {
  return BRANCHES[dialect].test(between);
}

/**
 * Whether a template may add a page part (a `<title>`, `<main>`) that is not written in it: Jinja blocks,
 * includes, imports and macros, or any output (ERB `<%= render "head" %>`, `<%= yield %>`, EJS
 * `<%- include("head") %>`).
 */
export function mayAddMarkup(text: string, dialect: TemplateDialect): boolean {
  if (dialect === 'jinja') return /\{%-?\s*(block|include|import|from|call|macro|set)\b/.test(text) || /\{\{/.test(text);
  return /<%(?:=|-)/.test(text);
}

/** The dialect a file's name says (ERB: `.erb`; EJS: `.ejs`); every other template is of the Jinja family. */
export function dialectOfPath(path: string): TemplateDialect {
  const lower = path.toLowerCase();
  if (lower.endsWith('.erb')) return 'erb';
  if (lower.endsWith('.ejs')) return 'ejs';
  return 'jinja';
}

/**
 * Regions whose markup the template passes to code that may wrap it in markup of its own, or renders
 * elsewhere: Jinja-family `{% macro %}…{% endmacro %}` and `{% call %}…{% endcall %}` bodies, ERB blocks
 * given to a helper that outputs (`<%= link_to path do %>…<% end %>`, `<%= tag.ul do %>`,
 * `<%= form_with … do |f| %>`). An element at the top of one has an unknown parent.
 */
export function wrapRegions(text: string, spans: readonly [number, number][], dialect: TemplateDialect): [number, number][] {
  const out: [number, number][] = [];
  const stack: { wrap: boolean; end: number }[] = [];
  for (const [s, e] of spans) {
    const role = spanRole(text, s, dialect);
    if (role === 'comment') continue;
    const body = dialect === 'jinja' ? text.slice(s + 2, e - 2).replace(/^-|-$/g, '').trim() : text.slice(s + 2, e - 2).replace(/^[=\-_]+|[-_]+$/g, '').trim();
    if (dialect === 'jinja') {
      if (role !== 'code') continue;
      const word = /^([A-Za-z_]\w*)/.exec(body)?.[1];
      if (word === 'macro' || word === 'call') stack.push({ wrap: true, end: e });
      else if ((word === 'endmacro' || word === 'endcall') && stack.length > 0) {
        const open = stack.pop()!;
        out.push([open.end, s]);
      }
      continue;
    }
    if (dialect !== 'erb') continue;
    // Ruby blocks and statements closed by `end`
    if (/^end\b/.test(body)) {
      const open = stack.pop();
      if (open?.wrap) out.push([open.end, s]);
      continue;
    }
    const opensBlock = /\bdo\s*(\|[^|]*\|)?$/.test(body);
    const opensStatement = role === 'code' && /^(if|unless|case|while|until|begin|for)\b/.test(body);
    // a helper's block (`<%= link_to … do %>`) or one rendered elsewhere (`<% content_for :head do %>`); a loop's stays in place
    if (opensBlock || opensStatement) stack.push({ wrap: opensBlock && (role === 'output' || /^(content_for|provide)\b/.test(body)), end: e });
  }
  return out.sort((a, b) => a[0] - b[0]);
}
