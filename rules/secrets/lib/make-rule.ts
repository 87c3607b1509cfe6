import type { Rule, RuleMeta } from '../../../src/model/rule.js';
import type { StandardsRefs } from '../../../src/model/standards.js';
import type { Detector } from './types.js';
import { detect, prepared, registerDetectors, toReport } from './scanner.js';
import { DETECT_SECRETS, SECRETLINT, TRUFFLEHOG } from './equivalents.js';

export const SECRET_STANDARDS: StandardsRefs = { dsss: ['8', '11'], govuk: ['9', '12'], sbd: ['8', '10'], caf: ['B3'], cwe: ['CWE-798', 'CWE-522'] };

const unique = (xs: string[]) => [...new Set(xs)].sort();

/** The message of one detector: names the format, never the value. */
export function messageFor(d: Detector): string {
  return `{{format}} found{{note}}. Treat it as compromised: revoke or rotate it with ${d.vendor}, remove it from the code (and its history), and load it at run time from a secret store or environment variable.`;
}

export interface FamilyRuleSpec extends Omit<RuleMeta, 'messages' | 'kinds' | 'equivalents' | 'standards' | 'security' | 'since'> {
  detectors: Detector[];
  standards?: StandardsRefs;
}

/** A `text` rule running one family's detector table, one finding per secret. */
export function familyRule(spec: FamilyRuleSpec): Rule & { detectors: Detector[] } {
  const { detectors, standards, ...meta } = spec;
  const ids = new Set<string>();
  for (const d of detectors) {
    if (ids.has(d.id)) throw new Error(`duplicate detector id ${d.id} in ${meta.id}`);
    ids.add(d.id);
    if (!d.regex.global) throw new Error(`detector ${d.id} regex must be global`);
  }
  registerDetectors(detectors);
  const gitleaks = unique(detectors.flatMap((d) => d.gitleaks ?? []));
  const secretlint = unique(detectors.flatMap((d) => [...(d.secretlint ?? []), ...(SECRETLINT[d.id] ?? [])]));
  const kingfisher = unique(detectors.flatMap((d) => d.kingfisher ?? []));
  const detectSecrets = unique(detectors.flatMap((d) => [...(d.detectSecrets ?? []), ...(DETECT_SECRETS[d.id] ?? [])]));
  const trufflehog = unique(detectors.flatMap((d) => TRUFFLEHOG[d.id] ?? []));
  return {
    detectors,
    meta: {
      ...meta,
      kinds: ['text'],
      messages: Object.fromEntries(detectors.map((d) => [d.id, messageFor(d)])),
      standards: standards ?? SECRET_STANDARDS,
      equivalents: { ...(gitleaks.length ? { gitleaks } : {}), ...(secretlint.length ? { secretlint } : {}), ...(kingfisher.length ? { kingfisher } : {}), ...(detectSecrets.length ? { 'detect-secrets': detectSecrets } : {}), ...(trufflehog.length ? { trufflehog } : {}) },
      security: true,
      since: '0.1.0',
    },
    check(ctx) {
      const p = prepared(ctx);
      for (const c of detect(p, detectors)) ctx.report(toReport(ctx.file, c));
    },
  };
}
