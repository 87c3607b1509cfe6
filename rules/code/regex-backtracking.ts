/** Regular expressions written in the code that backtrack exponentially on a crafted input (ReDoS). */
import { findCatastrophicBacktracking } from '../../src/packs/regex-safety.js';
import { staticString, type N } from './lib/analysis.js';
import { codeRule } from './lib/kit.js';

const shorten = (s: string, max = 60) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

export const regexCatastrophicBacktracking = codeRule(
  {
    id: 'code/regex-catastrophic-backtracking',
    title: 'Regular expression that backtracks exponentially (ReDoS)',
    description:
      "OWASP A05:2021 / A04:2021. JavaScript's regular-expression engine backtracks: when a repeated part can match the same text in more than one way (`(a+)+`, `(\\w+\\s?)*`, `(\\w|\\d)+`, `(a|aa)+`) and something after it can fail, an input that almost matches makes it try every way of splitting the text, which doubles with each character. Thirty characters then take seconds, and since Node runs one event loop, one request blocks every user. Each regular-expression literal and `RegExp` built from a constant string is analysed with scslre (the analyser of eslint-plugin-regexp) for ambiguous nested repetition and with refa automata for repeated alternatives that overlap; the finding points at the repeated part. Only exponential cases are reported: quadratic patterns (most unanchored `\\s*x\\s*`) are left alone, and so is a repetition that nothing after it can make fail (`(a+)+` alone). Patterns built from input are `code/regexp-injection`'s concern.",
    severity: 'medium',
    messages: {
      exponential:
        'In /{{pattern}}/, `{{quantifier}}` can backtrack exponentially: {{cause}}, so a long input that almost matches blocks the event loop. Make each character matchable one way only (e.g. `(\\w+\\s?)*` → `\\w+(?:\\s\\w+)*`, alternatives that cannot overlap), or cap the input length before matching.',
    },
    remediation:
      'Rewrite the repetition so each character can be matched in only one way: take the separator out of the optional part (`^\\w+(?:\\s\\w+)*$` for `^(\\w+\\s?)*$`), make alternatives disjoint (`\\w` instead of `(\\w|\\d)`, since `\\w` already holds the digits), or drop the inner quantifier. Where that is hard, limit the input length first, or use a linear-time engine (RE2 via `re2`).',
    references: [
      'https://cwe.mitre.org/data/definitions/1333.html',
      'https://owasp.org/www-community/attacks/Regular_expression_Denial_of_Service_-_ReDoS',
      'https://ota-meshi.github.io/eslint-plugin-regexp/rules/no-super-linear-backtracking.html',
    ],
    cwe: ['CWE-1333', 'CWE-400'],
    equivalents: {
      codeql: ['js/redos'],
      eslint: ['regexp/no-super-linear-backtracking', 'security/detect-unsafe-regex'],
      sonarjs: ['S5852'],
    },
  },
  (r) => {
    const check = (node: N, pattern: string, flags: string, offsetOf?: (i: number) => number) => {
      let hazard;
      try {
        hazard = findCatastrophicBacktracking(pattern, flags);
      } catch {
        return; // does not compile: the engine throws at run time, not a ReDoS
      }
      if (!hazard) return;
      const data = { pattern: shorten(pattern), quantifier: shorten(hazard.quantifier, 40), cause: hazard.cause };
      if (!offsetOf) return r.at(node, 'exponential', data);
      r.ctx.report({ messageId: 'exponential', offsets: [offsetOf(hazard.start), offsetOf(hazard.end)], data });
    };
    const construct = (node: N) => {
      const c = node.callee;
      if (c.type !== 'Identifier' || c.name !== 'RegExp' || r.a.binding(c)) return;
      const [source, flagsArg] = node.arguments as N[];
      if (!source || source.type === 'SpreadElement') return;
      const pattern = staticString(r.a, source);
      const flags = flagsArg ? staticString(r.a, flagsArg) : '';
      if (pattern === undefined || flags === undefined) return;
      // a plain string literal maps pattern offsets to the source when it has no escapes
      const raw = source.type === 'Literal' ? r.ctx.file.text.slice(source.range[0] + 1, source.range[1] - 1) : undefined;
      check(source, pattern, flags, raw === pattern ? (i) => source.range[0] + 1 + i : undefined);
    };
    return {
      Literal(node) {
        const regex = (node as { regex?: { pattern: string; flags: string } }).regex;
        if (regex) check(node, regex.pattern, regex.flags, (i) => node.range[0] + 1 + i);
      },
      NewExpression: construct,
      CallExpression: construct,
    };
  },
);
