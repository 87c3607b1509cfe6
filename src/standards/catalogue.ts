/**
 * The standards catalogue: each standard Saltire reports against, as versioned data, with what a
 * repository scan can evidence for each criterion and the questions an assessor should ask for the rest.
 * Facts and sources: shared/reference/standards.md.
 */
import type { StandardsRefs } from '../model/standards.js';
import type { CatalogueKey, Criterion, StandardDef, StandardId } from './types.js';
import { DSSS_VERSIONS, CURRENT_DSSS_VERSION } from './data/dsss.js';
import { GOVUK_SERVICE_STANDARD } from './data/govuk.js';
import { SECURE_BY_DESIGN } from './data/sbd.js';
import { CYBER_ASSESSMENT_FRAMEWORK, CAF_OBJECTIVES } from './data/caf.js';
import { TECHNOLOGY_CODE_OF_PRACTICE } from './data/tcop.js';
import { WCAG_22 } from './data/wcag22.js';

export type { Automation, CatalogueKey, Criterion, StandardDef, StandardId } from './types.js';
export { DSSS_VERSIONS, CURRENT_DSSS_VERSION, CAF_OBJECTIVES };
export type { DsssVersion } from './data/dsss.js';

/** Standard ids in report order. */
export const STANDARD_IDS = ['dsss-2021', 'govuk', 'sbd', 'caf', 'tcop', 'wcag22'] as const satisfies readonly StandardId[];

export const STANDARDS: Record<StandardId, StandardDef> = {
  'dsss-2021': DSSS_VERSIONS['2021'],
  govuk: GOVUK_SERVICE_STANDARD,
  sbd: SECURE_BY_DESIGN,
  caf: CYBER_ASSESSMENT_FRAMEWORK,
  tcop: TECHNOLOGY_CODE_OF_PRACTICE,
  wcag22: WCAG_22,
};

/** Which catalogued standard each rule-metadata key refers to. `dsss` means the current DSSS edition. */
const KEY_TO_STANDARD: Record<CatalogueKey, StandardId> = {
  dsss: DSSS_VERSIONS[CURRENT_DSSS_VERSION].id,
  govuk: 'govuk',
  sbd: 'sbd',
  caf: 'caf',
  tcop: 'tcop',
  wcag: 'wcag22',
};

const CRITERION_INDEX = new Map<StandardId, Map<string, Criterion>>(
  STANDARD_IDS.map((id) => [id, new Map(STANDARDS[id].criteria.map((c) => [c.id, c]))]),
);

const CWE_ID = /^CWE-[1-9]\d*$/;
const ACT_ID = /^[0-9a-z]{6}$/;

export function isStandardId(value: string): value is StandardId {
  return (STANDARD_IDS as readonly string[]).includes(value);
}

export function isCatalogueKey(key: string): key is CatalogueKey {
  return Object.prototype.hasOwnProperty.call(KEY_TO_STANDARD, key);
}

export function getStandard(id: StandardId): StandardDef;
export function getStandard(id: string): StandardDef | undefined;
export function getStandard(id: string): StandardDef | undefined {
  return isStandardId(id) ? STANDARDS[id] : undefined;
}

/** The standard whose criterion ids a `StandardsRefs` key holds; undefined for `act` and `cwe`, which have no catalogue. */
export function standardForKey(key: CatalogueKey): StandardDef;
export function standardForKey(key: keyof StandardsRefs): StandardDef | undefined;
export function standardForKey(key: keyof StandardsRefs): StandardDef | undefined {
  return isCatalogueKey(key) ? STANDARDS[KEY_TO_STANDARD[key]] : undefined;
}

/** A criterion of a standard, by standard id. */
export function getCriterion(standardId: StandardId, criterionId: string): Criterion | undefined {
  return CRITERION_INDEX.get(standardId)?.get(criterionId);
}

/** The published title of a criterion referenced by a rule; undefined when unknown (and for `act`/`cwe`). */
export function criterionTitle(key: keyof StandardsRefs, id: string): string | undefined {
  if (!isCatalogueKey(key)) return undefined;
  return getCriterion(KEY_TO_STANDARD[key], id)?.title;
}

/**
 * Whether a rule may reference this id under this key: a catalogued criterion, or for `cwe` any
 * `CWE-<n>` and for `act` any 6-hex-digit (lower-case) ACT rule id.
 */
export function isKnownCriterion(key: keyof StandardsRefs, id: string): boolean {
  if (key === 'cwe') return CWE_ID.test(id);
  if (key === 'act') return ACT_ID.test(id);
  if (!isCatalogueKey(key)) return false;
  return getCriterion(KEY_TO_STANDARD[key], id) !== undefined;
}

/** The `StandardsRefs` key whose ids belong to a standard. */
export function keyForStandard(id: StandardId): CatalogueKey {
  return STANDARDS[id].key;
}
