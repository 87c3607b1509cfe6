import type { ScanResult } from '../model/finding.js';
import type { RuleMeta } from '../model/rule.js';
import type { Severity } from '../model/severity.js';

export interface RuleInfo {
  meta: RuleMeta;
  pack: string;
}

export interface ReportContext {
  /** Metadata of every rule that can appear in the result, by id. */
  rules: Map<string, RuleInfo>;
  /** Colour for terminal output. */
  color: boolean;
  failOn: Severity | 'none';
  /** Absolute path of the scan base (SARIF's SRCROOT). */
  baseDir?: string;
}

export interface Reporter {
  /** Render a result to the text written to stdout or a file. */
  render(result: ScanResult, ctx: ReportContext): string;
  /** The same text in pieces, for formats whose text grows with the findings (written as it comes). */
  pieces?(result: ScanResult, ctx: ReportContext): Iterable<string>;
}
