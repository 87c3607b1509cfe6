import type { RuleMeta } from '../model/rule.js';

/** Rules of the engine itself (pack `saltire`): problems with the scan, not with the code scanned. */
export const CORE_PACK = { name: 'saltire', version: '1.0.0' };

const common = {
  references: [] as string[],
  equivalents: {},
  since: '0.1.0',
} as const;

export const PARSE_ERROR: RuleMeta = {
  ...common,
  id: 'saltire/parse-error',
  title: 'File could not be parsed',
  description:
    'The file has a syntax error, so the rules for its kind could not check it, or (for formats whose parser recovers, such as Terraform, YAML and JSON) checked only the parts around the error. A file that cannot be read is not evidence of compliance: until it parses, its checks have not all run.',
  severity: 'high',
  kinds: [],
  messages: {
    default: '{{kind}} file could not be parsed: {{detail}}. Its {{kind}} checks did not run; fix the syntax error.',
    partial: '{{kind}} file has a syntax error: {{detail}}. Its {{kind}} checks ran only on what the parser could read around it, so some may be missing; fix the syntax error.',
  },
  remediation: 'Fix the syntax error at the reported location (the tool that consumes the file would reject it too).',
  standards: { dsss: ['13'], govuk: ['14'], sbd: ['9'] },
};

export const RULE_ERROR: RuleMeta = {
  ...common,
  id: 'saltire/rule-error',
  title: 'A rule failed on this file',
  description: 'A rule threw an error while checking the file, so that check did not run to completion. The scan went on; please report the error.',
  severity: 'high',
  kinds: [],
  messages: { default: 'Rule {{rule}} failed on this file ({{detail}}); its check did not complete. Report this to the rule pack\'s maintainers.' },
  remediation: 'Report the error with the file that triggers it; meanwhile, review the file by hand for what the rule checks.',
  standards: { sbd: ['9'] },
};

export const RULE_TIMEOUT: RuleMeta = {
  ...common,
  id: 'saltire/rule-timeout',
  title: 'A rule ran out of time on this file',
  description:
    'A rule took longer than the per-file time budget (`--rule-timeout`, default 30 s) on this file and was stopped, so that one runaway rule cannot hang the scan. The rule\'s checks of this file are missing; every other rule still ran.',
  severity: 'high',
  kinds: [],
  messages: { default: 'Rule {{rule}} did not finish on this file within {{seconds}} s and was stopped; its check of this file is missing. Report it to the rule pack\'s maintainers, or raise --rule-timeout if the file is legitimately large.' },
  remediation: 'Report the rule and the file that makes it slow; meanwhile review the file by hand for what the rule checks, or raise `--rule-timeout`.',
  standards: { sbd: ['9'] },
};

export const SUPPRESSION_INVALID: RuleMeta = {
  ...common,
  id: 'saltire/suppression-invalid',
  title: 'Suppression without a reason or with a malformed date',
  description: 'Every suppression must say why the finding does not apply, so that an assessor can judge it. A suppression without a reason does not suppress.',
  severity: 'medium',
  kinds: [],
  messages: {
    'missing-reason': 'This suppression has no reason, so it does not apply: write `saltire-ignore <rule-id> -- <why it does not apply>`.',
    'bad-date': 'This suppression\'s expiry date is not a date: write `until YYYY-MM-DD`.',
  },
  remediation: 'Add ` -- <reason>` after the rule id (and optionally ` until YYYY-MM-DD`).',
  standards: { sbd: ['9'], dsss: ['8'] },
};

export const SUPPRESSION_EXPIRED: RuleMeta = {
  ...common,
  id: 'saltire/suppression-expired',
  title: 'Suppression past its expiry date',
  description: 'A suppression with an `until` date stops applying after that date, so that accepted risks are reviewed.',
  severity: 'medium',
  kinds: [],
  messages: { expired: 'This suppression expired on {{until}}; the finding it covered is reported again. Fix it, or review the risk and set a new date.' },
  remediation: 'Fix the underlying finding, or review the accepted risk and set a new `until` date.',
  standards: { sbd: ['9'], dsss: ['8'] },
};

export const CORE_RULES: RuleMeta[] = [PARSE_ERROR, RULE_ERROR, RULE_TIMEOUT, SUPPRESSION_INVALID, SUPPRESSION_EXPIRED];
