import type { DocumentKind } from '../model/kinds.js';

const LOCKFILES = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lock',
  'poetry.lock',
  'pipfile.lock',
  'uv.lock',
  'pdm.lock',
  'go.mod',
  'cargo.lock',
  'gemfile.lock',
  'composer.lock',
  'gradle.lockfile',
  'buildscript-gradle.lockfile',
  'pom.xml',
  'packages.lock.json',
]);

/** Gradle 4.8–5's dependency locking: one `gradle/dependency-locks/<configuration>.lockfile` per configuration. */
const LEGACY_GRADLE_LOCK = /(^|\/)gradle\/dependency-locks\/[^/]+\.lockfile$/;
/** .NET manifests read like lockfiles: packages.config (or `packages.<project>.config`) and SDK-style project files. */
const DOTNET_MANIFEST = /^packages(?:\.[\w-][\w.-]*)?\.config$|\.(?:cs|fs|vb)proj$/;

const SCRIPT_EXT = /\.(js|mjs|cjs|jsx|ts|mts|cts|tsx)$/;

function basename(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? path : path.slice(i + 1);
}

/** The kind a file's name alone decides, or undefined when its content must say. */
export function kindFromName(path: string, inHelmChart: boolean): DocumentKind | 'data-yaml' | 'data-json' | MarkupTemplate | undefined {
  const name = basename(path);
  const lower = name.toLowerCase();
  const lowerPath = path.toLowerCase();
  if (/\.tf$|\.tf\.json$|\.tfvars$|\.tfvars\.json$/.test(lower)) return 'terraform';
  if (lower === 'dockerfile' || lower === 'containerfile' || lower.endsWith('.dockerfile') || lower.startsWith('dockerfile.') || lower.startsWith('containerfile.')) return 'dockerfile';
  if (LOCKFILES.has(lower) || /^requirements([-_.][\w.-]*)?\.txt$/.test(lower) || /^pylock\.([^.]+\.)?toml$/.test(lower) || LEGACY_GRADLE_LOCK.test(lowerPath) || DOTNET_MANIFEST.test(lower)) return 'lockfile';
  if (lower === 'security.txt') return 'security-txt';
  if (lower === 'publiccode.yml' || lower === 'publiccode.yaml') return 'publiccode';
  if (lower.endsWith('.njk') || lower.endsWith('.nunjucks')) return 'nunjucks';
  const template = templateKindFromName(lower);
  if (template) return template;
  if (lower.endsWith('.html') || lower.endsWith('.htm')) return 'html';
  if (SCRIPT_EXT.test(lower) && !lower.endsWith('.d.ts') && !/\.min\.js$/.test(lower)) return 'javascript';
  if (lower.endsWith('.csv') || lower.endsWith('.tsv')) return 'csv';
  const yaml = lower.endsWith('.yml') || lower.endsWith('.yaml');
  if (yaml && /(^|\/)\.github\/workflows\/[^/]+$/.test(lowerPath)) return 'github-workflow';
  if (yaml && /^(docker-)?compose([.-][\w.-]+)?\.ya?ml$/.test(lower)) return 'docker-compose';
  if (inHelmChart && /(^|\/)templates\//.test(path) && (yaml || lower.endsWith('.tpl'))) return 'helm';
  if (yaml) return 'data-yaml';
  // JSON-LD (DCAT, schema.org) and GeoJSON are JSON too
  if (/\.(json|jsonld|geojson)$/.test(lower) || lower.endsWith('.template')) return 'data-json';
  return undefined;
}

/**
 * Server-side templates other than Nunjucks. `.html.erb`, `.html.j2`, `.html.twig` (an HTML inner
 * extension) are HTML templates; a bare `.erb`, `.ejs`, `.jinja`, `.jinja2`, `.j2`, `.twig`, `.liquid`,
 * `.hbs`, `.handlebars` is one when its content has HTML markup (`markup-<kind>`: an Ansible `.j2`
 * config or a Liquid JSON feed is not a page); any other inner extension (`.js.erb`, `.text.erb`,
 * `.json.liquid`, `nginx.conf.j2`) is not HTML. Jinja2, Twig, Liquid and Handlebars share Nunjucks's
 * `{{ }}`/`{% %}` syntax and are read as `nunjucks`; ERB and EJS embed code in `<% %>`.
 */
export type MarkupTemplate = 'markup-nunjucks' | 'markup-erb' | 'markup-ejs';
const TEMPLATE_EXT = /\.(erb|ejs|jinja2?|j2|twig|liquid|hbs|handlebars)$/;
const TEMPLATE_KIND: Record<string, 'nunjucks' | 'erb' | 'ejs'> = { erb: 'erb', ejs: 'ejs' };

function templateKindFromName(lower: string): DocumentKind | MarkupTemplate | undefined {
  const m = TEMPLATE_EXT.exec(lower);
  if (!m) return undefined;
  const kind = TEMPLATE_KIND[m[1]] ?? 'nunjucks';
  const inner = /\.([a-z0-9_]+)$/.exec(lower.slice(0, m.index))?.[1];
  if (inner === 'html' || inner === 'htm' || inner === 'xhtml') return kind;
  // a name's other dots are not an extension when what follows them is not one (`govuk.template.erb`, `_form.v2.ejs`)
  if (inner === undefined || inner === 'turbo_stream' || !KNOWN_INNER.test(inner)) return `markup-${kind}`;
  return undefined;
}

/** Inner extensions that say a template produces something other than HTML. */
const KNOWN_INNER = /^(js|mjs|json|text|txt|rb|py|yml|yaml|toml|ini|cfg|conf|css|scss|sass|less|xml|rss|atom|csv|tsv|md|markdown|sh|bash|ps1|sql|ics|vcf|svg|j2|env|properties|tf|hcl|service|plist|gradle|java|ts|go|php|erb|ejs|jinja|jinja2|liquid|twig|hbs)$/;

/**
 * HTML markup in a template's text: a doctype or a common element's start tag (lower case, as HTML is
 * written; Apache's `<VirtualHost>`, XML's `<configuration>` are not).
 */
const MARKUP = /<!doctype html|<(?:html|head|body|div|span|p|a|form|input|label|img|table|tr|td|ul|ol|li|h[1-6]|section|main|nav|header|footer|button|select|textarea|fieldset|details|dl|br|strong|em|article|aside|iframe|option)[\s>\/]/i;

export function looksLikeMarkup(text: string): boolean {
  return MARKUP.test(text.length > 65536 ? text.slice(0, 65536) : text);
}

/** Decide a YAML or JSON file's kind from its content (cheap sniffing, before parsing). */
export function kindFromData(text: string, json: boolean): DocumentKind {
  const head = text.length > 65536 ? text.slice(0, 65536) : text;
  if (json) {
    if (/"AWSTemplateFormatVersion"\s*:/.test(head) || (/"Resources"\s*:/.test(head) && /"Type"\s*:\s*"AWS::/.test(head))) return 'cloudformation';
    if (/^\s*\{\s*"(openapi|swagger)"\s*:/.test(head) || /\n\s{0,4}"(openapi|swagger)"\s*:\s*"\d/.test(head)) return 'openapi';
    if (/"apiVersion"\s*:/.test(head) && /"kind"\s*:/.test(head) && /^\s*\{\s*[\s\S]{0,400}"(apiVersion|kind)"/.test(head)) return 'kubernetes';
    return 'json';
  }
  if (/^AWSTemplateFormatVersion\s*:/m.test(head) || (/^Resources\s*:/m.test(head) && /^\s+Type\s*:\s*['"]?AWS::/m.test(head))) return 'cloudformation';
  if (/^(openapi|swagger)\s*:/m.test(head)) return 'openapi';
  if (/^apiVersion\s*:/m.test(head) && /^kind\s*:/m.test(head)) return 'kubernetes';
  if (looksLikeCompose(head)) return 'docker-compose';
  return 'yaml';
}

/**
 * A Compose file under another name (`stack.yml`, `app.yaml`): a top-level `services:` map (not
 * GitLab CI's list) whose services name an `image:` or `build:`.
 */
function looksLikeCompose(head: string): boolean {
  const m = /^services[ \t]*:[ \t]*(?:#.*)?\r?\n(?:[ \t]*(?:#.*)?\r?\n)*([ \t]+)(?!-)(?:"[^"\n]+"|'[^'\n]+'|[^\s:#][^:\n]*)[ \t]*:[ \t]*(?:[&#].*)?$/m.exec(head);
  if (!m) return false;
  const rest = head.slice(m.index);
  const serviceIndent = m[1].length;
  return new RegExp(`^[ \\t]{${serviceIndent + 1},}(image|build)[ \\t]*:`, 'm').test(rest);
}

/**
 * GitHub Action metadata (`action.yml`/`action.yaml`, at a repository's root or in any folder): a
 * top-level `runs:` map with a `using:` (composite, docker or node). Any other file of that name is
 * plain YAML.
 */
export function isActionMetadata(path: string, text: string): boolean {
  if (!/^action\.ya?ml$/i.test(basename(path))) return false;
  const head = text.length > 65536 ? text.slice(0, 65536) : text;
  // block style: `using:` on a line indented under `runs:` (comments and blank lines between; each
  // line matches one way only, so a long `runs:` without `using:` fails in linear time)
  const block = /^runs[ \t]*:[ \t]*(?:#.*)?\r?\n(?:[ \t]*(?:#.*)?\r?\n|[ \t]+(?!using[ \t]*:)[^\s#].*\r?\n)*[ \t]+using[ \t]*:/m;
  // flow style: `runs: { using: composite, … }`
  const flow = /^runs[ \t]*:[ \t]*\{[^}]*?[{,\s]using[ \t]*:/m;
  return block.test(head) || flow.test(head);
}

export function classify(path: string, text: string, inHelmChart: boolean): DocumentKind {
  const byName = kindFromName(path, inHelmChart);
  if (byName === 'data-yaml') return isActionMetadata(path, text) ? 'github-action' : kindFromData(text, false);
  if (byName === 'data-json') {
    const k = kindFromData(text, true);
    // `.template` is CloudFormation's own extension; other .template files are plain text.
    return path.toLowerCase().endsWith('.template') && k === 'json' ? 'text' : k;
  }
  if (byName === 'markup-nunjucks' || byName === 'markup-erb' || byName === 'markup-ejs') return looksLikeMarkup(text) ? (byName.slice(7) as DocumentKind) : 'text';
  return byName ?? 'text';
}

/** Folders that contain a Chart.yaml (Helm charts), so their templates/ are Helm templates. */
export function helmChartDirs(paths: readonly string[]): string[] {
  return paths.filter((p) => basename(p) === 'Chart.yaml').map((p) => p.slice(0, Math.max(0, p.lastIndexOf('/'))));
}

export function isInHelmChart(path: string, chartDirs: readonly string[]): boolean {
  return chartDirs.some((d) => (d === '' ? path.startsWith('templates/') : path.startsWith(`${d}/templates/`)));
}
