/**
 * A plain, serialisable model of an HCL (Terraform) file. Produced from native syntax by tree-sitter
 * (`parseHcl`) and from Terraform JSON syntax (`parseTerraformJson`); rules and the resolver see the
 * same shapes either way. No parser objects are kept: everything is plain data with 1-based ranges.
 */
import type { Range } from '../../model/location.js';

export interface HclFile {
  /** Top-level blocks in source order. */
  blocks: HclBlock[];
  /** Top-level attributes (a `.tfvars` file is only attributes). */
  attributes: HclAttribute[];
}

export interface HclBlock {
  /** Block type keyword, e.g. `resource`, `variable`, `ingress`. */
  type: string;
  /** Label values (quotes removed), e.g. `["aws_s3_bucket", "b"]`. */
  labels: string[];
  labelRanges: Range[];
  /** Whole block, from the type keyword to the closing brace. */
  range: Range;
  /** The type keyword. */
  typeRange: Range;
  /** Attributes by name (a null-prototype record; the last one wins on duplicates). */
  attributes: Record<string, HclAttribute>;
  /** Nested blocks in source order (including `dynamic` blocks, unexpanded). */
  blocks: HclBlock[];
}

export interface HclAttribute {
  name: string;
  /** From the name to the end of the expression. */
  range: Range;
  nameRange: Range;
  expr: HclExpr;
}

interface ExprBase {
  range: Range;
  /** Source text of the expression. */
  text: string;
}

export interface HclLiteral extends ExprBase {
  kind: 'literal';
  value: string | number | boolean | null;
}

export type HclTemplatePart =
  | { kind: 'literal'; value: string }
  | { kind: 'interpolation'; expr: HclExpr }
  | { kind: 'if'; cond: HclExpr; then: HclTemplatePart[]; else: HclTemplatePart[] }
  | { kind: 'for'; keyVar?: string; valueVar: string; collection: HclExpr; body: HclTemplatePart[] };

/** A string with interpolations or directives (quoted or heredoc). */
export interface HclTemplate extends ExprBase {
  kind: 'template';
  parts: HclTemplatePart[];
  heredoc: boolean;
}

export type HclTraversalStep =
  | { kind: 'attr'; name: string; range: Range }
  | { kind: 'index'; key: HclExpr; range: Range }
  /** `[*]` (full) or `.*` (attribute-only, legacy): the following steps apply to each element. */
  | { kind: 'splat'; full: boolean; range: Range };

/** A reference rooted at a name: `var.x`, `local.y`, `aws_s3_bucket.b.id`, `each.value`, `count.index`. */
export interface HclTraversal extends ExprBase {
  kind: 'traversal';
  root: string;
  steps: HclTraversalStep[];
}

/** Steps applied to a computed value, e.g. `f(x).a` or `(local.m)["k"]`. */
export interface HclRelativeTraversal extends ExprBase {
  kind: 'relative';
  source: HclExpr;
  steps: HclTraversalStep[];
}

export interface HclCall extends ExprBase {
  kind: 'call';
  name: string;
  args: HclExpr[];
  /** `f(list...)`: the last argument is expanded. */
  expandFinal: boolean;
}

export interface HclObjectItem {
  key: HclExpr;
  /** The key as a plain name when it is a bare identifier or a literal string. */
  keyName?: string;
  value: HclExpr;
}

export interface HclObject extends ExprBase {
  kind: 'object';
  items: HclObjectItem[];
}

export interface HclTuple extends ExprBase {
  kind: 'tuple';
  items: HclExpr[];
}

export interface HclConditional extends ExprBase {
  kind: 'conditional';
  cond: HclExpr;
  then: HclExpr;
  else: HclExpr;
}

export interface HclBinary extends ExprBase {
  kind: 'binary';
  op: string;
  left: HclExpr;
  right: HclExpr;
}

export interface HclUnary extends ExprBase {
  kind: 'unary';
  op: string;
  operand: HclExpr;
}

export interface HclFor extends ExprBase {
  kind: 'for';
  /** `[for ...]` (false) or `{for ...}` (true). */
  object: boolean;
  keyVar?: string;
  valueVar: string;
  collection: HclExpr;
  /** Object form only. */
  keyExpr?: HclExpr;
  valueExpr: HclExpr;
  cond?: HclExpr;
  /** Object form with `...` (grouping). */
  grouping: boolean;
}

/** Anything not modelled (or unparseable); keep the text. */
export interface HclOther extends ExprBase {
  kind: 'other';
}

export type HclExpr =
  | HclLiteral
  | HclTemplate
  | HclTraversal
  | HclRelativeTraversal
  | HclCall
  | HclObject
  | HclTuple
  | HclConditional
  | HclBinary
  | HclUnary
  | HclFor
  | HclOther;

/** A null-prototype record (safe for keys such as `__proto__`). */
export function newRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
