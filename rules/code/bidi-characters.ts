/** Trojan Source (CVE-2021-42574): invisible bidirectional controls that reorder how source code reads. */
import type { Rule } from '../../src/model/rule.js';

/** Source files of the languages a repository commonly holds (by extension), plus Dockerfiles and Terraform. */
const SOURCE = /\.(?:[cm]?[jt]sx?|vue|svelte|astro|py|pyw|rb|go|rs|java|kt|kts|scala|groovy|gradle|c|h|cc|cpp|cxx|hh|hpp|hxx|cs|fs|vb|php|swift|m|mm|sh|bash|zsh|ps1|psm1|pl|pm|lua|r|dart|ex|exs|erl|hs|clj|cljs|sql|tf|hcl|njk|erb|ejs)$|(?:^|\/)Dockerfile(?:\.[\w.-]+)?$/i;

/** LRE, RLE, PDF, LRO, RLO (U+202A–U+202E) and LRI, RLI, FSI, PDI (U+2066–U+2069). */
const BIDI = /[\u202A-\u202E\u2066-\u2069]/g;

const NAMES: Record<string, string> = {
  '\u202A': 'U+202A LEFT-TO-RIGHT EMBEDDING',
  '\u202B': 'U+202B RIGHT-TO-LEFT EMBEDDING',
  '\u202C': 'U+202C POP DIRECTIONAL FORMATTING',
  '\u202D': 'U+202D LEFT-TO-RIGHT OVERRIDE',
  '\u202E': 'U+202E RIGHT-TO-LEFT OVERRIDE',
  '\u2066': 'U+2066 LEFT-TO-RIGHT ISOLATE',
  '\u2067': 'U+2067 RIGHT-TO-LEFT ISOLATE',
  '\u2068': 'U+2068 FIRST STRONG ISOLATE',
  '\u2069': 'U+2069 POP DIRECTIONAL ISOLATE',
};

export const bidiCharacters: Rule = {
  meta: {
    id: 'code/bidi-control-characters',
    title: 'Invisible bidirectional control characters in source code (Trojan Source)',
    description:
      'CVE-2021-42574 ("Trojan Source"). Unicode\'s bidirectional override and isolate characters (U+202A–U+202E, U+2066–U+2069) are invisible, but they reorder how the text around them is displayed. Placed in a comment or a string, they make code look different in an editor or a code review from what the compiler or interpreter runs: a check that appears to be commented out still runs, a return that appears inside a string ends the function. Source code has no need for them; text in right-to-left languages uses the visible marks U+200E and U+200F, or escapes. Source files of common languages, Dockerfiles and Terraform are checked; prose (Markdown, HTML pages, YAML, JSON) is not.',
    severity: 'medium',
    kinds: ['text'],
    messages: {
      found: 'This line holds {{count}} invisible bidirectional control character(s) ({{names}}), which can make the code read differently from how it runs (Trojan Source); remove them, or write them as escapes (`\\u202E`) where a string needs them.',
    },
    remediation: 'Remove the characters (most editors show them only with "render control characters" on), or write them as escape sequences in strings. Review where they came from: a contribution that hides code this way is an attack.',
    references: ['https://trojansource.codes/', 'https://nvd.nist.gov/vuln/detail/CVE-2021-42574', 'https://www.unicode.org/reports/tr9/', 'https://cwe.mitre.org/data/definitions/451.html'],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['8', '10'], caf: ['B4'], cwe: ['CWE-451', 'CWE-1007'] },
    equivalents: { eslint: ['security/detect-bidi-characters'], semgrep: ['generic.unicode.security.bidi.contains-bidirectional-characters'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    if (!SOURCE.test(ctx.file.path)) return;
    const text = ctx.file.text;
    BIDI.lastIndex = 0;
    if (!BIDI.test(text)) return;
    BIDI.lastIndex = 0;
    // one finding per line, at its first control character
    const byLine = new Map<number, { first: number; chars: string[] }>();
    for (const m of text.matchAll(BIDI)) {
      const line = ctx.file.lines.position(m.index).line;
      const entry = byLine.get(line);
      if (entry) entry.chars.push(m[0]);
      else byLine.set(line, { first: m.index, chars: [m[0]] });
    }
    for (const { first, chars } of byLine.values()) {
      const names = [...new Set(chars)].map((c) => NAMES[c]).join(', ');
      ctx.report({ messageId: 'found', offsets: [first, first + 1], data: { count: chars.length, names } });
    }
  },
};
