/** The criteria a rule (and so each of its findings) evidences. Ids as the standards number them. */
export interface StandardsRefs {
  /** Digital Scotland Service Standard 2021 criterion numbers, e.g. "8". */
  dsss?: string[];
  /** GOV.UK Service Standard points, e.g. "9". */
  govuk?: string[];
  /** UK Secure by Design principles, e.g. "7". */
  sbd?: string[];
  /** NCSC Cyber Assessment Framework principles, e.g. "B3". */
  caf?: string[];
  /** Technology Code of Practice points. */
  tcop?: string[];
  /** WCAG 2.2 success criteria, e.g. "1.1.1". */
  wcag?: string[];
  /** W3C ACT rule ids, e.g. "23a2a8". */
  act?: string[];
  /** CWE ids, e.g. "CWE-798". */
  cwe?: string[];
}

export const STANDARD_KEYS = ['dsss', 'govuk', 'sbd', 'caf', 'tcop', 'wcag', 'act', 'cwe'] as const;
export type StandardKey = (typeof STANDARD_KEYS)[number];

/** Ids of the same check in other tools, so users can migrate and compare. */
export interface Equivalents {
  checkov?: string[];
  kics?: string[];
  tfsec?: string[];
  trivy?: string[];
  gitleaks?: string[];
  secretlint?: string[];
  kingfisher?: string[];
  axe?: string[];
  'jsx-a11y'?: string[];
  spectral?: string[];
  scorecard?: string[];
  hadolint?: string[];
  kubescape?: string[];
  zizmor?: string[];
  actionlint?: string[];
  octoscan?: string[];
  semgrep?: string[];
  eslint?: string[];
}
