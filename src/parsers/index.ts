import type { ParsedDocument, ParseProblem, SourceFile } from '../model/document.js';

// Parsers (YAML, JSON, TypeScript, tree-sitter, parse5, dockerfile-ast) load only when a file needs them.
const yamlParser = () => import('./data/yaml.js');
const jsonParser = () => import('./data/json.js');
const dockerfileParser = () => import('./dockerfile.js');
const shellParser = () => import('./shell.js');
const htmlParser = () => import('./html.js');
const scriptParser = () => import('./script.js');
const hclParser = () => import('./hcl/parse.js');

export interface ParseOutcome {
  document: ParsedDocument;
  problems: ParseProblem[];
}

const TEXT: ParsedDocument = { format: 'text' };

/** Kinds whose files are YAML or JSON data. */
const DATA_KINDS = new Set(['kubernetes', 'github-workflow', 'github-action', 'docker-compose', 'cloudformation', 'openapi', 'publiccode', 'json', 'yaml']);
/** Lockfiles written as JSON or YAML (the rest are their own text formats). */
const JSON_LOCKFILES = /(^|\/)(package-lock\.json|npm-shrinkwrap\.json|composer\.lock|pipfile\.lock|packages\.lock\.json)$/i;
const YAML_LOCKFILES = /(^|\/)pnpm-lock\.yaml$/i;
/** bun.lock is JSONC: trailing commas throughout. */
const JSONC_LOCKFILES = /(^|\/)bun\.lock$/i;

function looksLikeJson(path: string, text: string): boolean {
  if (/\.(json|jsonld|geojson)$/i.test(path)) return true;
  if (/\.ya?ml$/i.test(path)) return false;
  return /^\s*[{[]/.test(text);
}

/** Parse a file once into the view its kind's rules share. Never throws. */
export async function parseDocument(file: SourceFile): Promise<ParseOutcome> {
  try {
    return await parseByKind(file);
  } catch (e) {
    return {
      document: TEXT,
      problems: [{ message: `The ${file.kind} parser failed: ${(e as Error).message}`, range: file.lines.range(0, 0) }],
    };
  }
}

async function parseData(file: SourceFile, json: boolean, jsonc = false): Promise<ParseOutcome> {
  if (json) {
    const { root, problems } = (await jsonParser()).parseJson(file.text, file.lines, jsonc ? { allowComments: true, allowTrailingComma: true } : {});
    return { document: { format: 'data', roots: [root] }, problems };
  }
  const { roots, problems } = (await yamlParser()).parseYaml(file.text, file.lines);
  return { document: { format: 'data', roots }, problems };
}

async function parseByKind(file: SourceFile): Promise<ParseOutcome> {
  const { text, lines, kind, path } = file;
  if (DATA_KINDS.has(kind)) return parseData(file, looksLikeJson(path, text));
  switch (kind) {
    case 'lockfile':
      if (JSON_LOCKFILES.test(path)) return parseData(file, true);
      if (JSONC_LOCKFILES.test(path)) return parseData(file, true, true);
      if (YAML_LOCKFILES.test(path)) return parseData(file, false);
      return { document: TEXT, problems: [] };
    case 'terraform': {
      const { hcl, problems } = await (await hclParser()).parseTerraformFile(path, text, lines);
      return { document: { format: 'hcl', hcl }, problems };
    }
    case 'dockerfile': {
      // RUN scripts are split by the rules with the Bash grammar, loaded here once so they can call it synchronously
      let problems: ParseOutcome['problems'] = [];
      try {
        await (await shellParser()).loadShellParser();
      } catch (e) {
        problems = [{ message: `Shell grammar unavailable, RUN scripts cannot be read: ${(e as Error).message}`, range: lines.range(0, 0) }];
      }
      return { document: (await dockerfileParser()).parseDockerfile(text), problems };
    }
    case 'html':
      return { document: (await htmlParser()).parseHtmlFile(text), problems: [] };
    case 'nunjucks':
      return { document: (await htmlParser()).parseNunjucks(text), problems: [] };
    case 'erb':
    case 'ejs':
      return { document: (await htmlParser()).parseTemplate(text, kind), problems: [] };
    case 'javascript': {
      const { document, problems } = (await scriptParser()).parseScript(text, path, lines);
      return { document: document ?? TEXT, problems };
    }
    default:
      return { document: TEXT, problems: [] };
  }
}
