import type { DocumentKind } from './kinds.js';
import type { Range } from './location.js';
import type { Severity } from './severity.js';
import type { Equivalents, StandardsRefs } from './standards.js';
import type { ParsedDocument, SourceFile } from './document.js';
import type { ProjectContext } from '../engine/project.js';

export interface RuleMeta {
  /** `<pack>/<name>`, kebab-case. */
  id: string;
  title: string;
  /** Why it matters: the rationale, a paragraph. */
  description: string;
  severity: Severity;
  /** Document kinds the rule runs on. `text` means every readable text file. */
  kinds: DocumentKind[];
  /** Message templates by id; `{{name}}` placeholders are filled from the report's data. */
  messages: Record<string, string>;
  /** How to fix, in a sentence or two (Markdown allowed). */
  remediation: string;
  references: string[];
  standards: StandardsRefs;
  equivalents: Equivalents;
  /** Version of the pack the rule first shipped in. */
  since?: string;
  /** True for rules whose findings are security issues (SARIF security-severity, gating). */
  security?: boolean;
  /**
   * The name of a boolean option that switches the rule on (e.g. `render`). While it is not true the
   * rule does not run and does not count as a check that ran, so the roll-up never reads its silence
   * as a pass.
   */
  enabledBy?: string;
  /** Default options, overridable in config per rule. */
  defaultOptions?: Record<string, unknown>;
}

export interface ReportDescriptor {
  messageId: string;
  data?: Record<string, string | number | boolean>;
  /** Where: a 1-based range, or a [start, end) offset pair in the file's text. */
  range?: Range;
  offsets?: [number, number];
  /** Override the rule's severity for this finding (e.g. a lower-confidence variant). */
  severity?: Severity;
  /** Secret values in this finding: removed from the message and evidence of every finding in the file. */
  secrets?: string[];
  /** Extra machine-readable facts for the JSON report (expected/actual, advisory ids, …). */
  properties?: Record<string, unknown>;
}

export interface RuleContext {
  readonly file: SourceFile;
  readonly document: ParsedDocument;
  readonly options: Record<string, unknown>;
  readonly project: ProjectContext;
  /** The scan's date (YYYY-MM-DD, UTC): use it, not the clock, for anything date-dependent. */
  readonly today: string;
  report(descriptor: ReportDescriptor): void;
  /**
   * A notice for the run (not a finding): e.g. "template not rendered". Warnings show in every report.
   * `scope: 'scan'` for one about the whole scan (e.g. the advisory database's date): it names no
   * file and is given once however many files (or threads) say it.
   */
  notice(message: string, level?: 'info' | 'warning', scope?: 'file' | 'scan'): void;
  /**
   * A value computed once per file and shared by every rule that asks with the same key: a pack's own
   * analysis of the file (the secrets pack's keyword index, the code pack's scopes). `--timing` counts
   * the computation under `shared:<key>`, not against the rule that happened to ask first.
   */
  shared<T>(key: string, compute: () => T): T;
}

/** Listener map for the shared walk of a tree. Keys are node types of the document's format. */
export type Visitors = Record<string, (node: never) => void>;

export interface Rule {
  meta: RuleMeta;
  /** Called once per matching document (whole-document checks). */
  check?(ctx: RuleContext): void | Promise<void>;
  /**
   * Node listeners merged with every other rule's into one walk of the file's tree:
   * estree node types (`CallExpression`), HTML tag names (`img`, `*` for any element).
   */
  visitors?(ctx: RuleContext): Record<string, (node: any) => void>;
  /**
   * Features of a document without one of which the rule finds nothing (see engine/triggers.ts),
   * e.g. `resource:aws_s3_bucket`: the engine does not call the rule on a file that has none of them.
   * Only a skip the rule would make itself, earlier: results never depend on it.
   */
  triggers?: readonly string[];
}

export interface Pack {
  name: string;
  version: string;
  /** The Saltire pack API range the pack supports (semver range), e.g. "^1". */
  saltire: string;
  description: string;
  rules: Rule[];
}
