/**
 * HCL / Terraform parsing into the plain model of `./model.ts`.
 *
 * - Native syntax (`.tf`, `.tfvars`): tree-sitter (`web-tree-sitter` + the tree-sitter-hcl
 *   Terraform grammar). Syntax errors become problems with their exact range; the rest of the file
 *   still yields what it can.
 * - JSON syntax (`.tf.json`, `.tfvars.json`): `jsonc-parser`, mapped onto the same model; string
 *   values holding `${...}` / `%{...}` are parsed as templates.
 *
 * Neither function throws.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { Language, Parser, type Node } from 'web-tree-sitter';
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { ParseProblem } from '../../model/document.js';
import { LineIndex, type Range } from '../../model/location.js';
import {
  newRecord,
  type HclAttribute,
  type HclBlock,
  type HclExpr,
  type HclFile,
  type HclObjectItem,
  type HclTemplatePart,
  type HclTraversalStep,
} from './model.js';

export interface HclParseResult {
  hcl: HclFile;
  problems: ParseProblem[];
}

let parserPromise: Promise<Parser> | undefined;

/** The shared tree-sitter parser for the Terraform grammar (initialised once, lazily). */
function getParser(): Promise<Parser> {
  parserPromise ??= (async () => {
    await Parser.init();
    const require = createRequire(import.meta.url);
    const pkg = require.resolve('@tree-sitter-grammars/tree-sitter-hcl/package.json');
    const language = await Language.load(path.join(path.dirname(pkg), 'tree-sitter-terraform.wasm'));
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  parserPromise.catch(() => {
    parserPromise = undefined;
  });
  return parserPromise;
}

function emptyFile(): HclFile {
  return { blocks: [], attributes: [] };
}

/** Parse native HCL syntax (`.tf`, `.tfvars`). Never throws. */
export async function parseHcl(text: string, lines: LineIndex): Promise<HclParseResult> {
  let parser: Parser;
  try {
    parser = await getParser();
  } catch (e) {
    return {
      hcl: emptyFile(),
      problems: [{ message: `HCL parser unavailable: ${(e as Error).message}`, range: lines.range(0, 0) }],
    };
  }
  let tree;
  try {
    tree = parser.parse(text);
  } catch (e) {
    return { hcl: emptyFile(), problems: [{ message: `HCL parse failed: ${(e as Error).message}`, range: lines.range(0, 0) }] };
  }
  if (!tree) return { hcl: emptyFile(), problems: [{ message: 'HCL parse failed', range: lines.range(0, 0) }] };
  try {
    const conv = new Converter(text, lines);
    const root = tree.rootNode;
    const hcl = emptyFile();
    conv.container(root, hcl.blocks, hcl.attributes, true);
    if (root.hasError) conv.collectProblems(root);
    else {
      // a variable definitions file's top-level arguments
      const seen = new Map<string, HclAttribute>();
      for (const a of hcl.attributes) {
        const first = seen.get(a.name);
        if (first) conv.redefined(a, first);
        else seen.set(a.name, a);
      }
    }
    return { hcl, problems: conv.problems };
  } catch (e) {
    return { hcl: emptyFile(), problems: [{ message: `HCL parse failed: ${(e as Error).message}`, range: lines.range(0, 0) }] };
  } finally {
    tree.delete();
  }
}

/** Parse a Terraform file choosing the syntax by its name (`.json` → JSON syntax). */
export async function parseTerraformFile(filePath: string, text: string, lines: LineIndex): Promise<HclParseResult> {
  const lower = filePath.toLowerCase();
  if (lower.endsWith('.json')) {
    return parseTerraformJson(text, lines, { tfvars: lower.endsWith('.tfvars.json') });
  }
  return parseHcl(text, lines);
}

// ---------------------------------------------------------------------------------------------
// Native syntax

const TOP_LEVEL_LABELS: Record<string, number> = {
  resource: 2,
  data: 2,
  module: 1,
  variable: 1,
  output: 1,
  provider: 1,
  locals: 0,
  terraform: 0,
  moved: 0,
  import: 0,
  removed: 0,
  check: 1,
};

const BINARY_OPS = new Set(['+', '-', '*', '/', '%', '==', '!=', '<', '>', '<=', '>=', '&&', '||']);

function named(n: Node): Node[] {
  const out: Node[] = [];
  for (const c of n.namedChildren) if (c && c.type !== 'comment') out.push(c);
  return out;
}

function unescapeQuoted(s: string): string {
  if (!s.includes('\\') && !s.includes('$${') && !s.includes('%%{')) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length) {
      const d = s[++i];
      switch (d) {
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case 'u':
        case 'U': {
          const len = d === 'u' ? 4 : 8;
          const hex = s.slice(i + 1, i + 1 + len);
          const cp = /^[0-9a-fA-F]+$/.test(hex) && hex.length === len ? parseInt(hex, 16) : NaN;
          if (Number.isFinite(cp) && cp <= 0x10ffff) {
            out += String.fromCodePoint(cp);
            i += len;
          } else out += '\\' + d;
          break;
        }
        default: out += '\\' + d;
      }
    } else if ((c === '$' || c === '%') && s[i + 1] === c && s[i + 2] === '{') {
      out += c + '{';
      i += 2;
    } else out += c;
  }
  return out;
}

function unescapeHeredoc(s: string): string {
  return s.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}

class Converter {
  readonly problems: ParseProblem[] = [];
  /** When set, every range is replaced by this one (templates embedded in JSON strings). */
  fixedRange?: Range;

  constructor(
    readonly text: string,
    readonly lines: LineIndex,
  ) {}

  r(start: number, end: number): Range {
    return this.fixedRange ?? this.lines.range(start, end);
  }

  nr(n: Node): Range {
    return this.r(n.startIndex, n.endIndex);
  }

  /** Walk a config_file / body / ERROR node collecting blocks and attributes. */
  container(n: Node, blocks: HclBlock[], attributes: HclAttribute[], topLevel: boolean): void {
    for (const c of n.namedChildren) {
      if (!c) continue;
      switch (c.type) {
        case 'body':
        case 'ERROR':
          this.container(c, blocks, attributes, topLevel);
          break;
        case 'block': {
          const b = this.block(c);
          if (!b) break;
          blocks.push(b);
          if (topLevel && c.hasError) hoist(b, blocks);
          break;
        }
        case 'attribute': {
          const a = this.attribute(c);
          if (a) attributes.push(a);
          break;
        }
        default:
          break;
      }
    }
  }

  block(n: Node): HclBlock | undefined {
    const kids = named(n);
    const typeNode = kids[0];
    if (!typeNode || typeNode.type !== 'identifier') return undefined;
    const labels: string[] = [];
    const labelRanges: Range[] = [];
    const blocks: HclBlock[] = [];
    const attrList: HclAttribute[] = [];
    for (let i = 1; i < kids.length; i++) {
      const k = kids[i];
      if (k.type === 'string_lit') {
        labels.push(this.stringLit(k));
        labelRanges.push(this.nr(k));
      } else if (k.type === 'identifier') {
        labels.push(k.text);
        labelRanges.push(this.nr(k));
      } else if (k.type === 'body' || k.type === 'ERROR') {
        this.container(k, blocks, attrList, false);
      }
    }
    const attributes = newRecord<HclAttribute>();
    for (const a of attrList) {
      // after a syntax error the parser's recovery may repeat a line: only a well-formed block's repeats are the author's
      if (attributes[a.name] && !n.hasError) this.redefined(a, attributes[a.name]);
      attributes[a.name] = a;
    }
    return { type: typeNode.text, labels, labelRanges, range: this.nr(n), typeRange: this.nr(typeNode), attributes, blocks };
  }

  /** HCL rejects an argument set twice in one body (Terraform: "Attribute redefined"); the model keeps the last. */
  redefined(a: HclAttribute, first: HclAttribute): void {
    this.problems.push({ message: `Attribute redefined: "${a.name}" was already set on line ${first.nameRange.start.line}; Terraform rejects the file`, range: a.nameRange });
  }

  attribute(n: Node): HclAttribute | undefined {
    const kids = named(n);
    const nameNode = kids[0];
    if (!nameNode || nameNode.type !== 'identifier') return undefined;
    const exprNode = kids.find((k, i) => i > 0 && k.type === 'expression');
    const expr: HclExpr = exprNode
      ? this.expr(exprNode)
      : { kind: 'other', text: '', range: this.r(n.endIndex, n.endIndex) };
    return { name: nameNode.text, range: this.nr(n), nameRange: this.nr(nameNode), expr };
  }

  /** The unescaped content of a `string_lit` (label or literal). */
  stringLit(n: Node): string {
    const kids = n.children;
    const first = kids[0];
    const last = kids[kids.length - 1];
    const start = first && first.type === 'quoted_template_start' ? first.endIndex : n.startIndex;
    const end = last && last.type === 'quoted_template_end' ? last.startIndex : n.endIndex;
    return unescapeQuoted(this.text.slice(start, end));
  }

  expr(n: Node): HclExpr {
    switch (n.type) {
      case 'expression':
        return this.term(named(n), n);
      case 'literal_value': {
        const c = named(n)[0];
        return c ? this.expr(c) : this.other(n);
      }
      case 'numeric_lit':
        return { kind: 'literal', value: Number(n.text), range: this.nr(n), text: n.text };
      case 'bool_lit':
        return { kind: 'literal', value: n.text === 'true', range: this.nr(n), text: n.text };
      case 'null_lit':
        return { kind: 'literal', value: null, range: this.nr(n), text: n.text };
      case 'string_lit':
        return { kind: 'literal', value: this.stringLit(n), range: this.nr(n), text: n.text };
      case 'template_expr': {
        const c = named(n)[0];
        return c ? this.expr(c) : this.other(n);
      }
      case 'quoted_template':
        return this.quotedTemplate(n);
      case 'heredoc_template':
        return this.heredoc(n);
      case 'collection_value': {
        const c = named(n)[0];
        return c ? this.expr(c) : this.other(n);
      }
      case 'tuple': {
        const items = named(n)
          .filter((k) => k.type === 'expression')
          .map((k) => this.expr(k));
        return { kind: 'tuple', items, range: this.nr(n), text: n.text };
      }
      case 'object':
        return this.object(n);
      case 'function_call':
        return this.call(n);
      case 'for_expr': {
        const c = named(n)[0];
        return c ? this.forExpr(c, n) : this.other(n);
      }
      case 'operation': {
        const c = named(n)[0];
        return c ? this.expr(c) : this.other(n);
      }
      case 'binary_operation':
        return this.binary(n);
      case 'unary_operation': {
        const op = n.child(0)?.type ?? '';
        return { kind: 'unary', op, operand: this.term(named(n), n), range: this.nr(n), text: n.text };
      }
      case 'conditional': {
        const parts = named(n).filter((k) => k.type === 'expression');
        if (parts.length !== 3) return this.other(n);
        return {
          kind: 'conditional',
          cond: this.expr(parts[0]),
          then: this.expr(parts[1]),
          else: this.expr(parts[2]),
          range: this.nr(n),
          text: n.text,
        };
      }
      case 'variable_expr':
        return { kind: 'traversal', root: n.text, steps: [], range: this.nr(n), text: n.text };
      default:
        return this.other(n);
    }
  }

  other(n: Node): HclExpr {
    return { kind: 'other', range: this.nr(n), text: n.text };
  }

  /** A base term followed by postfix get_attr / index / splat nodes. */
  term(nodes: Node[], whole?: Node): HclExpr {
    if (nodes.length === 0) return whole ? this.other(whole) : { kind: 'other', text: '', range: this.r(0, 0) };
    const base = nodes[0];
    const start = base.startIndex;
    const end = nodes[nodes.length - 1].endIndex;
    const steps: HclTraversalStep[] = [];
    for (let i = 1; i < nodes.length; i++) this.steps(nodes[i], steps);
    const text = this.text.slice(start, end);
    if (base.type === 'variable_expr') {
      return { kind: 'traversal', root: base.text, steps, range: this.r(start, end), text };
    }
    const source = this.expr(base);
    if (steps.length === 0) return source;
    return { kind: 'relative', source, steps, range: this.r(start, end), text };
  }

  steps(n: Node, out: HclTraversalStep[]): void {
    switch (n.type) {
      case 'get_attr': {
        const id = named(n).find((k) => k.type === 'identifier');
        if (id) out.push({ kind: 'attr', name: id.text, range: this.nr(n) });
        break;
      }
      case 'index': {
        const c = named(n)[0];
        if (!c) break;
        if (c.type === 'new_index') {
          const e = named(c).find((k) => k.type === 'expression');
          if (e) out.push({ kind: 'index', key: this.expr(e), range: this.nr(n) });
        } else if (c.type === 'legacy_index') {
          const digits = c.text.replace(/^\./, '');
          out.push({
            kind: 'index',
            key: { kind: 'literal', value: Number(digits), range: this.nr(c), text: digits },
            range: this.nr(n),
          });
        }
        break;
      }
      case 'splat': {
        const c = named(n)[0];
        if (!c) break;
        out.push({ kind: 'splat', full: c.type === 'full_splat', range: this.nr(n) });
        for (const k of named(c)) this.steps(k, out);
        break;
      }
      default:
        break;
    }
  }

  binary(n: Node): HclExpr {
    const left: Node[] = [];
    const right: Node[] = [];
    let op = '';
    for (const c of n.children) {
      if (!c || c.type === 'comment') continue;
      if (!op && !c.isNamed && BINARY_OPS.has(c.type)) {
        op = c.type;
        continue;
      }
      if (!c.isNamed) continue;
      (op ? right : left).push(c);
    }
    if (!op) return this.other(n);
    return { kind: 'binary', op, left: this.term(left, n), right: this.term(right, n), range: this.nr(n), text: n.text };
  }

  object(n: Node): HclExpr {
    const items: HclObjectItem[] = [];
    for (const el of named(n)) {
      if (el.type !== 'object_elem') continue;
      const k = el.childForFieldName('key');
      const v = el.childForFieldName('val');
      if (!k || !v) continue;
      const key = this.expr(k);
      let keyName: string | undefined;
      if (key.kind === 'traversal' && key.steps.length === 0) keyName = key.root;
      else if (key.kind === 'literal' && key.value !== null) keyName = String(key.value);
      items.push({ key, keyName, value: this.expr(v) });
    }
    return { kind: 'object', items, range: this.nr(n), text: n.text };
  }

  call(n: Node): HclExpr {
    const kids = named(n);
    const name = kids[0]?.type === 'identifier' ? kids[0].text : '';
    const args: HclExpr[] = [];
    let expandFinal = false;
    const argsNode = kids.find((k) => k.type === 'function_arguments');
    if (argsNode) {
      for (const a of named(argsNode)) {
        if (a.type === 'expression') args.push(this.expr(a));
        else if (a.type === 'ellipsis') expandFinal = true;
      }
    }
    // provider-defined functions: provider::ns::name
    let fname = name;
    const m = /^\s*([\w:]+)\s*\(/.exec(n.text);
    if (m && m[1].includes('::')) fname = m[1];
    return { kind: 'call', name: fname, args, expandFinal, range: this.nr(n), text: n.text };
  }

  forExpr(n: Node, whole: Node): HclExpr {
    const kids = named(n);
    const intro = kids.find((k) => k.type === 'for_intro');
    if (!intro) return this.other(whole);
    const ids = named(intro).filter((k) => k.type === 'identifier');
    const collNode = named(intro).find((k) => k.type === 'expression');
    if (!collNode || ids.length === 0) return this.other(whole);
    const exprs = kids.filter((k) => k.type === 'expression');
    const condNode = kids.find((k) => k.type === 'for_cond');
    const condExpr = condNode ? named(condNode).find((k) => k.type === 'expression') : undefined;
    const object = n.type === 'for_object_expr';
    const base = {
      kind: 'for' as const,
      object,
      keyVar: ids.length > 1 ? ids[0].text : undefined,
      valueVar: ids[ids.length - 1].text,
      collection: this.expr(collNode),
      cond: condExpr ? this.expr(condExpr) : undefined,
      grouping: kids.some((k) => k.type === 'ellipsis'),
      range: this.nr(whole),
      text: whole.text,
    };
    if (object) {
      if (exprs.length < 2) return this.other(whole);
      return { ...base, keyExpr: this.expr(exprs[0]), valueExpr: this.expr(exprs[1]) };
    }
    if (exprs.length < 1) return this.other(whole);
    return { ...base, valueExpr: this.expr(exprs[0]) };
  }

  quotedTemplate(n: Node): HclExpr {
    const kids = n.children.filter((k): k is Node => !!k);
    const first = kids[0];
    const last = kids[kids.length - 1];
    const start = first?.type === 'quoted_template_start' ? first.endIndex : n.startIndex;
    const end = last?.type === 'quoted_template_end' ? last.startIndex : n.endIndex;
    const parts = this.parts(kids, start, end, unescapeQuoted);
    return this.templateResult(parts, n, false);
  }

  heredoc(n: Node): HclExpr {
    const kids = n.children.filter((k): k is Node => !!k);
    const startNode = kids.find((k) => k.type === 'heredoc_start');
    const idents = kids.filter((k) => k.type === 'heredoc_identifier');
    const flush = startNode?.text.includes('-') ?? false;
    const open = idents[0];
    const close = idents.length > 1 ? idents[idents.length - 1] : undefined;
    let start = open ? open.endIndex : n.startIndex;
    const nl = this.text.indexOf('\n', start);
    start = nl >= 0 && nl < n.endIndex ? nl + 1 : start;
    let end = close ? close.startIndex : n.endIndex;
    while (end > start && (this.text[end - 1] === ' ' || this.text[end - 1] === '\t')) end--;
    if (end < start) end = start;
    const inner = kids.filter((k) => k !== open && k !== close);
    let parts = this.parts(inner, start, end, unescapeHeredoc);
    if (flush) parts = this.flushParts(parts, start, end);
    return this.templateResult(parts, n, true);
  }

  /** `<<-`: remove the smallest common leading whitespace from each line. */
  flushParts(parts: HclTemplatePart[], start: number, end: number): HclTemplatePart[] {
    const raw = this.text.slice(start, end);
    let min = Infinity;
    for (const line of raw.split('\n')) {
      if (line.replace(/\r$/, '').trim() === '') continue;
      const m = /^[ \t]*/.exec(line);
      min = Math.min(min, m ? m[0].length : 0);
    }
    if (!Number.isFinite(min) || min === 0) return parts;
    const strip = (s: string, atLineStart: boolean): string => {
      const segs = s.split('\n');
      return segs
        .map((seg, i) => {
          if (i === 0 && !atLineStart) return seg;
          let k = 0;
          while (k < min && k < seg.length && (seg[k] === ' ' || seg[k] === '\t')) k++;
          return seg.slice(k);
        })
        .join('\n');
    };
    const out: HclTemplatePart[] = [];
    let atLineStart = true;
    for (const p of parts) {
      if (p.kind === 'literal') {
        out.push({ kind: 'literal', value: strip(p.value, atLineStart) });
        atLineStart = p.value.endsWith('\n');
      } else {
        out.push(p);
        atLineStart = false;
      }
    }
    return out;
  }

  templateResult(parts: HclTemplatePart[], n: Node, heredoc: boolean): HclExpr {
    if (parts.every((p) => p.kind === 'literal')) {
      return { kind: 'literal', value: parts.map((p) => (p as { value: string }).value).join(''), range: this.nr(n), text: n.text };
    }
    return { kind: 'template', parts, heredoc, range: this.nr(n), text: n.text };
  }

  /** Template parts between offsets; literal text is taken from the gaps between the other nodes. */
  parts(kids: Node[], start: number, end: number, unescape: (s: string) => string): HclTemplatePart[] {
    const out: HclTemplatePart[] = [];
    let cursor = start;
    const literal = (to: number) => {
      if (to > cursor) {
        const v = unescape(this.text.slice(cursor, to));
        const prev = out[out.length - 1];
        if (prev && prev.kind === 'literal') prev.value += v;
        else out.push({ kind: 'literal', value: v });
      }
    };
    for (const k of kids) {
      if (k.type !== 'template_interpolation' && k.type !== 'template_directive') continue;
      if (k.startIndex < cursor || k.endIndex > end) continue;
      literal(k.startIndex);
      cursor = k.endIndex;
      if (k.type === 'template_interpolation') {
        const e = named(k).find((c) => c.type === 'expression');
        if (e) out.push({ kind: 'interpolation', expr: this.expr(e) });
      } else {
        const d = named(k)[0];
        if (d?.type === 'template_if') out.push(this.templateIf(d, unescape));
        else if (d?.type === 'template_for') out.push(this.templateFor(d, unescape));
      }
    }
    literal(end);
    return out;
  }

  templateIf(n: Node, unescape: (s: string) => string): HclTemplatePart {
    const kids = n.children.filter((k): k is Node => !!k);
    const intro = kids.find((k) => k.type === 'template_if_intro');
    const elseIntro = kids.find((k) => k.type === 'template_else_intro');
    const endNode = kids.find((k) => k.type === 'template_if_end');
    const condNode = intro ? named(intro).find((k) => k.type === 'expression') : undefined;
    const cond: HclExpr = condNode ? this.expr(condNode) : this.other(n);
    const thenStart = intro ? intro.endIndex : n.startIndex;
    const thenEnd = (elseIntro ?? endNode)?.startIndex ?? n.endIndex;
    const then = this.parts(kids, thenStart, thenEnd, unescape);
    const els = elseIntro ? this.parts(kids, elseIntro.endIndex, endNode?.startIndex ?? n.endIndex, unescape) : [];
    return { kind: 'if', cond, then, else: els };
  }

  templateFor(n: Node, unescape: (s: string) => string): HclTemplatePart {
    const kids = n.children.filter((k): k is Node => !!k);
    const startNode = kids.find((k) => k.type === 'template_for_start');
    const endNode = kids.find((k) => k.type === 'template_for_end');
    const ids = startNode ? named(startNode).filter((k) => k.type === 'identifier') : [];
    const coll = startNode ? named(startNode).find((k) => k.type === 'expression') : undefined;
    const body = this.parts(kids, startNode?.endIndex ?? n.startIndex, endNode?.startIndex ?? n.endIndex, unescape);
    return {
      kind: 'for',
      keyVar: ids.length > 1 ? ids[0].text : undefined,
      valueVar: ids[ids.length - 1]?.text ?? '_',
      collection: coll ? this.expr(coll) : this.other(n),
      body,
    };
  }

  collectProblems(n: Node): void {
    if (n.isMissing) {
      const what = n.isNamed ? n.type : `'${n.type}'`;
      // A brace missing at the end of the file says nothing about where the unclosed block is: name
      // the line the block opens on, as `terraform validate` does ("Unclosed configuration block").
      let opened = n.type === '}' ? n.parent : null;
      if (opened && opened.type.endsWith('_end')) opened = opened.parent; // the grammar wraps the brace in block_end / object_end
      const where = opened && (opened.type === 'block' || opened.type === 'object') && opened.startPosition.row < n.startPosition.row ? ` to close the ${opened.type === 'block' ? 'block' : 'object'} that opens on line ${opened.startPosition.row + 1}` : '';
      this.problems.push({ message: `Syntax error: missing ${what}${where}`, range: this.nr(n) });
      return;
    }
    if (n.isError) {
      let snippet = n.text.trim().split(/\r?\n|\r/)[0] ?? '';
      if (snippet.length > 40) snippet = snippet.slice(0, 40) + '…';
      this.problems.push({
        message: snippet ? `Syntax error: unexpected ${JSON.stringify(snippet)}` : 'Syntax error: unexpected input',
        range: this.nr(n),
      });
      // MISSING nodes inside an ERROR are part of the same problem.
      return;
    }
    if (!n.hasError) return;
    for (const c of n.children) if (c) this.collectProblems(c);
  }
}

/** After a syntax error, tree-sitter may nest following top-level blocks inside the broken one. */
function hoist(parent: HclBlock, out: HclBlock[]): void {
  const keep: HclBlock[] = [];
  const lifted: HclBlock[] = [];
  for (const b of parent.blocks) {
    const want = TOP_LEVEL_LABELS[b.type];
    if (want !== undefined && b.labels.length === want && !(b.type === 'data' && parent.type === 'check')) lifted.push(b);
    else keep.push(b);
  }
  if (lifted.length === 0) return;
  parent.blocks = keep;
  for (const b of lifted) {
    out.push(b);
    hoist(b, out);
  }
}

// ---------------------------------------------------------------------------------------------
// JSON syntax

const JSON_NESTED_BLOCKS: Record<string, number> = {
  lifecycle: 0,
  dynamic: 1,
  content: 0,
  provisioner: 1,
  connection: 0,
  validation: 0,
  precondition: 0,
  postcondition: 0,
  required_providers: 0,
  backend: 1,
  cloud: 0,
};

/**
 * Parse Terraform JSON syntax (`.tf.json`; with `tfvars: true`, a `.tfvars.json` file whose
 * top-level properties are attributes). Never throws.
 */
export async function parseTerraformJson(
  text: string,
  lines: LineIndex,
  options: { tfvars?: boolean } = {},
): Promise<HclParseResult> {
  const problems: ParseProblem[] = [];
  const errors: ParseError[] = [];
  let root: JsonNode | undefined;
  try {
    root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  } catch (e) {
    return { hcl: emptyFile(), problems: [{ message: `JSON parse failed: ${(e as Error).message}`, range: lines.range(0, 0) }] };
  }
  for (const e of errors) {
    problems.push({ message: `Syntax error: ${printParseErrorCode(e.error)}`, range: lines.range(e.offset, e.offset + e.length) });
  }
  const hcl = emptyFile();
  if (!root) return { hcl, problems };
  if (root.type !== 'object') {
    if (text.trim() !== '') problems.push({ message: 'Terraform JSON must be an object at the top level', range: lines.range(root.offset, root.offset + root.length) });
    return { hcl, problems };
  }
  const jc = new JsonConverter(text, lines);
  try {
    if (options.tfvars) {
      for (const prop of root.children ?? []) {
        const a = await jc.attribute(prop, true);
        if (a) hcl.attributes.push(a);
      }
    } else {
      for (const prop of root.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (!k || !v || typeof k.value !== 'string' || k.value === '//') continue;
        const want = TOP_LEVEL_LABELS[k.value] ?? 0;
        await jc.blocks(k.value, want, v, [], [], k, prop, hcl.blocks);
      }
    }
  } catch (e) {
    problems.push({ message: `Terraform JSON conversion failed: ${(e as Error).message}`, range: lines.range(0, 0) });
  }
  return { hcl, problems };
}

class JsonConverter {
  constructor(
    readonly text: string,
    readonly lines: LineIndex,
  ) {}

  r(n: JsonNode): Range {
    return this.lines.range(n.offset, n.offset + n.length);
  }

  async blocks(
    type: string,
    labelsWanted: number,
    value: JsonNode,
    labels: string[],
    labelRanges: Range[],
    typeKey: JsonNode,
    outerProp: JsonNode,
    out: HclBlock[],
  ): Promise<void> {
    if (labelsWanted > 0) {
      if (value.type === 'array') {
        for (const el of value.children ?? []) await this.blocks(type, labelsWanted, el, labels, labelRanges, typeKey, outerProp, out);
        return;
      }
      if (value.type !== 'object') return;
      for (const prop of value.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (!k || !v || typeof k.value !== 'string' || k.value === '//') continue;
        await this.blocks(type, labelsWanted - 1, v, [...labels, k.value], [...labelRanges, this.r(k)], typeKey, outerProp, out);
      }
      return;
    }
    const bodies = value.type === 'array' ? (value.children ?? []).filter((c) => c.type === 'object') : value.type === 'object' ? [value] : [];
    for (const body of bodies) {
      const block: HclBlock = {
        type,
        labels,
        labelRanges,
        range: bodies.length > 1 || labels.length > 0 ? this.r(body) : this.r(outerProp),
        typeRange: this.r(typeKey),
        attributes: newRecord<HclAttribute>(),
        blocks: [],
      };
      for (const prop of body.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (!k || !v || typeof k.value !== 'string' || k.value === '//') continue;
        const nested = JSON_NESTED_BLOCKS[k.value];
        if (nested !== undefined && (v.type === 'object' || v.type === 'array') && type !== 'locals') {
          await this.blocks(k.value, nested, v, [], [], k, prop, block.blocks);
          continue;
        }
        const a = await this.attribute(prop, type !== 'variable' || k.value !== 'default');
        if (a) block.attributes[a.name] = a;
      }
      out.push(block);
    }
  }

  async attribute(prop: JsonNode, templates: boolean): Promise<HclAttribute | undefined> {
    const [k, v] = prop.children ?? [];
    if (!k || !v || typeof k.value !== 'string') return undefined;
    return { name: k.value, range: this.r(prop), nameRange: this.r(k), expr: await this.expr(v, templates) };
  }

  async expr(n: JsonNode, templates: boolean): Promise<HclExpr> {
    const range = this.r(n);
    const text = this.text.slice(n.offset, n.offset + n.length);
    switch (n.type) {
      case 'string': {
        const s = String(n.value);
        if (templates && (s.includes('${') || s.includes('%{'))) return this.template(s, range, text);
        return { kind: 'literal', value: templates ? unescapeHeredoc(s) : s, range, text };
      }
      case 'number':
        return { kind: 'literal', value: Number(n.value), range, text };
      case 'boolean':
        return { kind: 'literal', value: Boolean(n.value), range, text };
      case 'null':
        return { kind: 'literal', value: null, range, text };
      case 'array': {
        const items: HclExpr[] = [];
        for (const c of n.children ?? []) items.push(await this.expr(c, templates));
        return { kind: 'tuple', items, range, text };
      }
      case 'object': {
        const items: HclObjectItem[] = [];
        for (const prop of n.children ?? []) {
          const [k, v] = prop.children ?? [];
          if (!k || !v || typeof k.value !== 'string' || k.value === '//') continue;
          const kr = this.r(k);
          items.push({
            key: { kind: 'literal', value: k.value, range: kr, text: this.text.slice(k.offset, k.offset + k.length) },
            keyName: k.value,
            value: await this.expr(v, templates),
          });
        }
        return { kind: 'object', items, range, text };
      }
      default:
        return { kind: 'other', range, text };
    }
  }

  /** A JSON string with interpolations: parsed as a heredoc by tree-sitter; every range is the string's. */
  async template(s: string, range: Range, text: string): Promise<HclExpr> {
    const marker = 'SALTIRE_JSON_TEMPLATE_EOT';
    const src = `x = <<${marker}\n${s}\n${marker}\n`;
    const parsed = await parseHclFixed(src, range);
    const a = parsed?.attributes[0];
    if (!parsed || parsed.problems > 0 || !a) return { kind: 'other', range, text };
    let e = a.expr;
    // strip the newline the heredoc adds
    if (e.kind === 'literal' && typeof e.value === 'string') e = { ...e, value: e.value.replace(/\n$/, '') };
    else if (e.kind === 'template') {
      const last = e.parts[e.parts.length - 1];
      if (last && last.kind === 'literal') {
        last.value = last.value.replace(/\n$/, '');
        if (last.value === '') e.parts.pop();
      }
    }
    return withText(e, range, text);
  }
}

function withText(e: HclExpr, range: Range, text: string): HclExpr {
  return { ...e, range, text };
}

async function parseHclFixed(src: string, range: Range): Promise<{ attributes: HclAttribute[]; problems: number } | undefined> {
  let parser: Parser;
  try {
    parser = await getParser();
  } catch {
    return undefined;
  }
  const tree = parser.parse(src);
  if (!tree) return undefined;
  try {
    const conv = new Converter(src, new LineIndex(src));
    conv.fixedRange = range;
    const blocks: HclBlock[] = [];
    const attributes: HclAttribute[] = [];
    conv.container(tree.rootNode, blocks, attributes, true);
    return { attributes, problems: tree.rootNode.hasError ? 1 : 0 };
  } finally {
    tree.delete();
  }
}
