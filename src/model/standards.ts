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

/**
 * Tools whose check ids a rule may record as `equivalents`. Notes on the less obvious ones:
 * `htmlcs` is HTML_CodeSniffer (pa11y's default runner) message codes, e.g.
 * WCAG2AA.Principle1.Guideline1_1.1_1_1.H37; `bearer` is Bearer's rule ids (bearer/bearer-rules),
 * e.g. javascript_lang_eval_user_input; `kics` is KICS query UUIDs; `detect-secrets` is Yelp/detect-secrets
 * plugin class names, e.g. AWSKeyDetector, KeywordDetector; `sonarjs` is SonarSource's JavaScript rule keys, e.g. S5852;
 * `html-validate` is html-validate's rule ids, e.g. input-missing-label, wcag/h37; `trufflehog` is TruffleHog's
 * detector package names (pkg/detectors/<name>), e.g. cloudflareapitoken, azure_openai.
 */
export const EQUIVALENT_TOOL_NAMES = [
  'checkov', 'kics', 'tfsec', 'trivy', 'gitleaks', 'secretlint', 'kingfisher', 'axe', 'jsx-a11y', 'htmlcs', 'spectral', 'scorecard',
  'hadolint', 'kubescape', 'kube-linter', 'kubesec', 'zizmor', 'actionlint', 'octoscan', 'semgrep', 'eslint', 'bearer',
  'detect-secrets', 'trufflehog', 'polaris',
  'codeql', 'sonarjs', 'html-validate',
] as const;
export type EquivalentTool = (typeof EQUIVALENT_TOOL_NAMES)[number];

/** Ids of the same check in other tools, so users can migrate and compare. */
export type Equivalents = { [tool in EquivalentTool]?: string[] };
