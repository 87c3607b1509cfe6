import type { Range } from './location.js';
import type { Severity } from './severity.js';
import type { StandardsRefs } from './standards.js';
import type { CriterionResult } from '../standards/rollup.js';

export interface Finding {
  ruleId: string;
  pack: string;
  severity: Severity;
  message: string;
  messageId: string;
  file: string;
  range: Range;
  fingerprint: string;
  standards: StandardsRefs;
  /** A short excerpt of the source (secrets redacted). */
  evidence: string;
  /** URL of the rule's documentation. */
  help: string;
  properties?: Record<string, unknown>;
}

export interface SuppressedFinding extends Finding {
  suppression: {
    kind: 'inline' | 'external' | 'baseline' | 'config';
    /** The marker that suppressed it, e.g. `saltire-ignore`, `checkov:skip`, `gitleaks:allow`. */
    marker: string;
    reason: string;
    until?: string;
    line?: number;
  };
}

export interface Notice {
  level: 'info' | 'warning' | 'error';
  message: string;
  file?: string;
  ruleId?: string;
}

export interface SkippedFile {
  file: string;
  reason: string;
}

export interface ScanStats {
  filesScanned: number;
  filesByKind: Record<string, number>;
  filesSkipped: SkippedFile[];
  durationMs: number;
  baselined: number;
  /** Files whose results came from the result cache (absent when the cache was off). */
  cached?: number;
  /** Pages loaded in headless Chromium and checked (absent without --render). */
  pagesRendered?: number;
}

export interface ScanResult {
  schemaVersion: string;
  tool: { name: string; version: string };
  packs: { name: string; version: string }[];
  target: string;
  source?: { type: string; revision?: string; url?: string };
  startedAt: string;
  config?: { path?: string; hash: string };
  findings: Finding[];
  suppressed: SuppressedFinding[];
  notices: Notice[];
  stats: ScanStats;
  /** Rules that ran (ids), with how many files of their kinds were scanned. */
  rulesRun: { id: string; files: number }[];
  /** The standard the criteria roll-up is framed in (e.g. `dsss-2021`). */
  standard?: string;
  /** One entry per criterion of `standard`: what the automated evidence shows. */
  criteria?: CriterionResult[];
  /** For merged results: one entry per input result (repository or shard). */
  parts?: { target: string; source?: ScanResult['source']; findings: number; filesScanned: number; startedAt: string }[];
}
