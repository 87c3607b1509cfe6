/**
 * Shell scripts (a Dockerfile's RUN lines) as pipelines of simple commands, read with tree-sitter's
 * Bash grammar (`tree-sitter-bash`, on the same `web-tree-sitter` runtime as HCL). The grammar is
 * loaded once, asynchronously, by the parse of a file that needs it (`loadShellParser`); after that,
 * `splitShell` is synchronous so that rules can call it.
 *
 * What rules see: each pipeline (commands joined by `|`) in the order written; `&&`, `||`, `;`,
 * newlines and compound commands (`if`, loops, `{ }`, `( )`, functions) separate pipelines. Words
 * have their quotes and escapes removed; redirections are dropped; the commands of a command or
 * process substitution (`$(…)`, backticks, `<(…)`) follow as pipelines of their own, and the
 * substitution stays in its word as written unless it is the whole word (`echo $(id -u)` is `echo`). A script with syntax errors still yields the commands tree-sitter recovered.
 */
import { createRequire } from 'node:module';
import { Language, Parser, type Node } from 'web-tree-sitter';

export interface SimpleCommand {
  /** Words with quotes removed (redirections dropped). */
  words: string[];
}

/** A script as pipelines (commands joined by `|`) of simple commands. */
export type Pipeline = SimpleCommand[];

let parser: Parser | undefined;
let loading: Promise<void> | undefined;

/** Load the Bash grammar (once per process); resolves when `splitShell` can be called. */
export function loadShellParser(): Promise<void> {
  loading ??= (async () => {
    await Parser.init();
    const wasm = createRequire(import.meta.url).resolve('tree-sitter-bash/tree-sitter-bash.wasm');
    const language = await Language.load(wasm);
    const p = new Parser();
    p.setLanguage(language);
    parser = p;
  })();
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

/** Split a shell script into pipelines of simple commands. Call `loadShellParser` first. */
export function splitShell(script: string): Pipeline[] {
  if (!parser) throw new Error('the shell grammar is not loaded (loadShellParser)');
  const tree = parser.parse(script);
  if (!tree) return [];
  try {
    const { mains, nested } = statement(tree.rootNode);
    return [...mains, ...nested];
  } finally {
    tree.delete();
  }
}

/** A statement's pipelines, and those of the substitutions inside it (which run before it, and are listed after). */
interface Converted {
  mains: Pipeline[];
  nested: Pipeline[];
}

const REDIRECTS = new Set(['file_redirect', 'heredoc_redirect', 'herestring_redirect']);
const SUBSTITUTIONS = new Set(['command_substitution', 'process_substitution']);
/** Nodes that hold words or tests rather than commands: only the substitutions inside them run. */
const WORDY = new Set(['word', 'string', 'raw_string', 'ansi_c_string', 'translated_string', 'concatenation', 'number', 'simple_expansion', 'expansion', 'arithmetic_expansion', 'brace_expression', 'variable_name', 'heredoc_body', 'heredoc_start', 'heredoc_end', 'regex', 'extglob_pattern', 'test_operator', 'test_command']);

function statement(node: Node): Converted {
  switch (node.type) {
    case 'comment':
      return { mains: [], nested: [] };
    case 'command':
    case 'declaration_command':
    case 'unset_command':
      return command(node);
    case 'variable_assignment':
    case 'variable_assignments': {
      const nested: Pipeline[] = [];
      const words = node.type === 'variable_assignment' ? [assignment(node, nested)] : node.namedChildren.filter((c) => c?.type === 'variable_assignment').map((c) => assignment(c!, nested));
      return { mains: [[{ words }]], nested };
    }
    case 'redirected_statement': {
      const body = node.childForFieldName('body');
      const out = body ? statement(body) : { mains: [], nested: [] };
      for (const c of node.namedChildren) if (c && REDIRECTS.has(c.type)) substitutionsIn(c, out.nested);
      return out;
    }
    case 'pipeline': {
      // `a && b | c` is `a && (b | c)`: the last pipeline of one element continues into the next
      const mains: Pipeline[] = [];
      const nested: Pipeline[] = [];
      let joinNext = false;
      for (const c of node.namedChildren) {
        if (!c || c.type === 'comment') continue;
        const part = statement(c);
        nested.push(...part.nested);
        if (part.mains.length === 0) continue;
        if (joinNext && mains.length) {
          mains[mains.length - 1] = [...mains[mains.length - 1], ...part.mains[0]];
          mains.push(...part.mains.slice(1));
        } else mains.push(...part.mains);
        joinNext = true;
      }
      return { mains, nested };
    }
    default: {
      if (WORDY.has(node.type) || SUBSTITUTIONS.has(node.type)) return { mains: [], nested: substitutionsIn(node, []) };
      // program, lists, compound commands, ERROR: each statement inside in turn
      const mains: Pipeline[] = [];
      for (const c of node.namedChildren) {
        if (!c) continue;
        const part = statement(c);
        mains.push(...part.mains, ...part.nested);
      }
      return { mains, nested: [] };
    }
  }
}

/** A simple command: its words (assignments first), its substitutions as pipelines of their own. */
function command(node: Node): Converted {
  const words: string[] = [];
  const nested: Pipeline[] = [];
  for (const c of node.children) {
    if (!c || c.type === 'comment') continue;
    if (REDIRECTS.has(c.type)) {
      substitutionsIn(c, nested);
      continue;
    }
    if (c.type === 'variable_assignment') {
      words.push(assignment(c, nested));
      continue;
    }
    if (c.type === 'command_name') {
      const w = c.namedChildren[0] ? word(c.namedChildren[0], nested) : c.text;
      if (w !== undefined) words.push(w);
      continue;
    }
    if (!c.isNamed) {
      // the keyword of `export`, `local`, `declare`, `readonly`, `unset`
      if (/^[a-z]+$/.test(c.type) && node.type !== 'command') words.push(c.text);
      continue;
    }
    const w = word(c, nested);
    if (w !== undefined) words.push(w);
  }
  return { mains: words.length ? [[{ words }]] : [], nested };
}

/** `NAME=value` with the value unquoted. */
function assignment(node: Node, nested: Pipeline[]): string {
  const name = node.childForFieldName('name')?.text ?? '';
  const value = node.childForFieldName('value');
  const op = node.text.slice(name.length).startsWith('+=') ? '+=' : '=';
  return `${name}${op}${value ? (word(value, nested) ?? '') : ''}`;
}

/**
 * A word as the shell passes it, quotes and escapes removed, expansions and substitutions left as
 * written (`$HOME`, `$(cat pw)`; a substitution's commands are added to `nested`). Undefined when the
 * word is nothing but a substitution.
 */
function word(node: Node, nested: Pipeline[]): string | undefined {
  if (SUBSTITUTIONS.has(node.type)) {
    substitute(node, nested);
    return undefined;
  }
  switch (node.type) {
    case 'raw_string':
      return node.text.slice(1, -1);
    case 'ansi_c_string':
      return node.text.slice(2, -1);
    case 'string':
    case 'translated_string': {
      const text = textWithSubstitutions(node, nested);
      const inner = text.replace(/^\$?"/, '').replace(/"$/, '');
      return inner.replace(/\\([\\"$`\n])/g, (_, c: string) => (c === '\n' ? '' : c));
    }
    case 'concatenation': {
      let out = '';
      let any = false;
      for (const c of node.children) {
        if (!c) continue;
        // a substitution joined to other text stays in the word as written (`root:$(cat pw)`)
        const part = SUBSTITUTIONS.has(c.type) ? (substitute(c, nested), c.text) : word(c, nested);
        if (part !== undefined) {
          out += part;
          any = true;
        }
      }
      return any ? out : undefined;
    }
    case 'word':
      return node.text.replace(/\\\n/g, '').replace(/\\(.)/gs, '$1');
    default:
      return textWithSubstitutions(node, nested);
  }
}

/** The node's text as written; the commands of substitutions inside it are added to `nested`. */
function textWithSubstitutions(node: Node, nested: Pipeline[]): string {
  substitutionsIn(node, nested);
  return node.text;
}

function collect(node: Node, out: Node[]): void {
  for (const c of node.namedChildren) {
    if (!c) continue;
    if (SUBSTITUTIONS.has(c.type)) out.push(c);
    else collect(c, out);
  }
}

/** The commands of a substitution, as pipelines added to `nested`. */
function substitute(node: Node, nested: Pipeline[]): void {
  for (const c of node.namedChildren) {
    if (!c) continue;
    const part = statement(c);
    nested.push(...part.mains, ...part.nested);
  }
}

/** The commands of every substitution inside a node that is not itself a command. */
function substitutionsIn(node: Node, nested: Pipeline[]): Pipeline[] {
  const subs: Node[] = [];
  if (SUBSTITUTIONS.has(node.type)) subs.push(node);
  else collect(node, subs);
  for (const s of subs) substitute(s, nested);
  return nested;
}
