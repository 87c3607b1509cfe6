import type { Detector, Verdict } from '../lib/types.js';

/** Left boundary: not preceded by a token character. */
export const L = '(?<![A-Za-z0-9_])';
/** Right boundary for alphanumeric tokens. */
export const R = '(?![A-Za-z0-9_])';
/** Right boundary for tokens whose alphabet includes `-`. */
export const RD = '(?![A-Za-z0-9_-])';
/** Right boundary for base64 tokens. */
export const RB = '(?![A-Za-z0-9+/=])';
export const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/**
 * An assignment operator between a key and a value, with optional quotes around both (also escaped
 * quotes, `\"key\":\"value\"`, as in JSON inside a string), or a Terraform variable's default
 * (`variable "okta_api_token" {` … `default = "…"`).
 */
export const ASSIGN = `(?:(?:\\\\?["'\`])?\\s{0,4}(?:=|:|:=|=>|\\?=|,)\\s{0,4}(?:\\\\?["'\`])?|"\\s{0,4}\\{[^{}]{0,300}?\\bdefault\\s{0,8}=\\s{0,4}")`;

export function re(source: string, flags = 'g'): RegExp {
  return new RegExp(source, flags.includes('g') ? flags : `${flags}g`);
}

type Opts = Partial<Omit<Detector, 'id' | 'name' | 'vendor' | 'keywords' | 'regex'>>;

/** A detector whose secret starts with a fixed vendor prefix. */
export function prefixed(id: string, name: string, vendor: string, keywords: string[], source: string, opts: Opts = {}): Detector {
  // A leading lookbehind stops the regex engine from skipping ahead to the literal prefix: check
  // the left boundary in code instead (scanner.ts), which keeps these regexes at memchr speed.
  if (source.startsWith(L)) return { id, name, vendor, keywords, regex: re(source.slice(L.length)), leftBoundary: true, prefixed: true, ...opts };
  return { id, name, vendor, keywords, regex: re(source), prefixed: true, ...opts };
}

/**
 * A detector for a value without a distinctive prefix: only next to a key naming the vendor
 * (`DATADOG_API_KEY=…`, `"okta_token": "…"`). `names` is a regex alternation, case-insensitive.
 */
export function contextual(id: string, name: string, vendor: string, keywords: string[], names: string, value: string, opts: Opts = {}): Detector {
  return {
    id,
    name,
    vendor,
    keywords,
    regex: re(`(?:${names})[\\w.-]{0,24}${ASSIGN}(${value})(?![A-Za-z0-9_+/-])`, 'gi'),
    severity: 'medium',
    minEntropy: 3,
    ...opts,
  };
}

/** Test-mode variants are still secrets, but low: `sk_test_…`. */
export function lowWhen(re: RegExp, note: string): (secret: string) => Verdict {
  return (secret) => (re.test(secret) ? { severity: 'low', note } : true);
}

/**
 * A contextual detector that also takes its value bare (`okta token - '00…'` in notes, tickets and
 * runbooks, with no assignment), but only when `check(secret, text)` holds: the vendor named in the
 * file (its keywords are then required context, `why`) and the value's own shape (mixed case, entropy,
 * a second part of the credential nearby).
 */
export function orBare(d: Detector, bare: string, check: (secret: string, text: string, index: number) => boolean, why: string): Detector {
  const own = d.validate;
  return {
    ...d,
    keywordContext: why,
    regex: re(`${d.regex.source}|(?<![A-Za-z0-9_+/-])(${bare})(?![A-Za-z0-9_+/-])`, d.regex.flags),
    validate: (secret, m, text) => {
      if (m[m.length - 1] !== undefined && !check(secret, text, m.index)) return false;
      return own ? own(secret, m, text) : true;
    },
  };
}
