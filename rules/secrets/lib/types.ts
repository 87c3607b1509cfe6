import type { Severity } from '../../../src/model/severity.js';

/** What a detector's validator decided about one candidate. */
export type Verdict =
  | boolean
  | {
      /** Severity of this finding (e.g. `low` for test-mode keys, expired tokens, local defaults). */
      severity?: Severity;
      /** A short note appended to the message (never the secret itself). */
      note?: string;
      /** Facts for the JSON report (never the secret itself). */
      properties?: Record<string, string | number | boolean>;
      /** Report this offset span instead of the secret's (e.g. the BEGIN line of a key block). */
      offsets?: [number, number];
      /** The full secret when it extends beyond the regex match (with its start offset). */
      secret?: { value: string; start: number };
    };

/** One credential format, as data. */
export interface Detector {
  /** Kebab-case id, also the finding's messageId. */
  id: string;
  /** Human name of the format, e.g. "GitHub personal access token (classic)". */
  name: string;
  vendor: string;
  /**
   * Lowercase ASCII literals, at least one of which must occur in the text (case-insensitively) for
   * the regex to run at all. An empty list means "always run" (keep those regexes cheap). Every
   * match of the regex must contain one of them (tests/secrets/prefilter.test.ts proves it from the
   * regex), unless `keywordContext` says why they are required context instead.
   */
  keywords: string[];
  /**
   * The keywords are required context, not only a pre-filter: one must occur somewhere in the text,
   * not necessarily in the match (a Discord bot token only in a file that mentions Discord). Why.
   */
  keywordContext?: string;
  /** A global (`g`) regex; group `group` (default 1) is the secret. No exponential backtracking (tests/packs/builtin-regex-safety.test.ts). */
  regex: RegExp;
  group?: number;
  /** Minimum Shannon entropy (bits per character) of the secret; default 3. 0 disables the check. */
  minEntropy?: number;
  /** Structural check (checksums, decodable parts, context). False drops the candidate. */
  validate?(secret: string, match: RegExpExecArray, text: string): Verdict;
  /** Default severity of this detector's findings when not the rule's. */
  severity?: Severity;
  /**
   * The regex starts with a fixed vendor prefix, so it is precise even on minified lines longer
   * than 10,000 characters (other detectors skip those lines).
   */
  prefixed?: boolean;
  /** The secret must not follow a token character (`[A-Za-z0-9_]`); checked in code, not by the regex. */
  leftBoundary?: boolean;
  /** Do not apply the shared placeholder filter (the detector does its own). */
  ownPlaceholderCheck?: boolean;
  /** Vendor documentation of the format. */
  reference?: string;
  /** Equivalent rule ids in other scanners. */
  gitleaks?: string[];
  secretlint?: string[];
  /** Kingfisher (mongodb/kingfisher) rule ids for the same format. */
  kingfisher?: string[];
  /** detect-secrets (Yelp/detect-secrets) plugin class names for the same format (also lib/equivalents.ts, by id). */
  detectSecrets?: string[];
  /** Well-formed samples for tests are produced by this generator (checksum formats). */
  checksum?: 'crc32-base62' | 'crc32-hex' | 'bech32' | 'luhn';
}
