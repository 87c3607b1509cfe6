import type { ScanResult } from '../model/finding.js';
import { getStandard, isStandardId, type StandardId } from '../standards/catalogue.js';
import { rollUp, type CriterionResult, type CriterionStatus } from '../standards/rollup.js';
import type { ReportContext } from './types.js';

export const DEFAULT_STANDARD: StandardId = 'dsss-2021';

export const STATUS_LABEL: Record<CriterionStatus, string> = {
  pass: 'Passed',
  fail: 'Failed',
  partial: 'Partly evidenced',
  manual: 'Needs an assessor',
  'not-applicable': 'Not checked',
  error: 'Error',
};

/** The result's criteria roll-up (computed when the result does not carry one). */
export function criteriaOf(result: ScanResult, ctx: ReportContext): { standard: StandardId; criteria: CriterionResult[] } {
  const standard = result.standard && isStandardId(result.standard) ? result.standard : DEFAULT_STANDARD;
  return { standard, criteria: result.criteria ?? rollUp(result, standard, ctx.rules) };
}

export function standardTitle(id: StandardId): string {
  const s = getStandard(id);
  return `${s.title} (${s.version})`;
}
