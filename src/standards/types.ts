import type { StandardsRefs } from '../model/standards.js';

/** The standards Saltire catalogues. A new version of a standard gets a new id (e.g. a future 'dsss-2025'). */
export type StandardId = 'dsss-2021' | 'govuk' | 'sbd' | 'caf' | 'tcop' | 'wcag22';

/** The `StandardsRefs` keys that have a catalogue behind them (act and cwe are open-ended id spaces). */
export type CatalogueKey = Exclude<keyof StandardsRefs, 'act' | 'cwe'>;

/** What a repository scan can evidence for a criterion. */
export type Automation = 'strong' | 'partial' | 'none';

export interface Criterion {
  /** The id as the standard numbers it: "8", "B3", "1.1.1". */
  id: string;
  /** The published title. */
  title: string;
  /** The theme, objective or principle the criterion sits under. */
  theme?: string;
  /** WCAG conformance level. */
  level?: 'A' | 'AA' | 'AAA';
  url?: string;
  /** What a repository scan can evidence: 'strong' | 'partial' | 'none'. */
  automation: Automation;
  /** For criteria needing human judgement: the questions an assessor should ask (2–4 each). */
  questions?: string[];
}

export interface StandardDef {
  id: StandardId;
  /** The rule-metadata key (`StandardsRefs`) whose ids are this standard's criterion ids. */
  key: CatalogueKey;
  title: string;
  shortName: string;
  version: string;
  organisation: string;
  url: string;
  criteria: Criterion[];
}
