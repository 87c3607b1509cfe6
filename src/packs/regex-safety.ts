/**
 * Catastrophic (exponential) backtracking in regular expressions, decided by maintained analysers:
 * scslre (the engine of eslint-plugin-regexp's no-super-linear-backtracking) for quantifiers that can
 * match the same text in several ways (`(a+)+$`, `^(\w+\s?)*$`), and refa's automata for repeated
 * alternations whose alternatives overlap (`^(a|a)*$`, `^(\w|\d)+$`), which scslre does not look at.
 * Both treat the pattern as used as written, so `(a+)+` alone (nothing after it can fail) is safe.
 * Polynomial (quadratic) cases are accepted: most unanchored patterns are quadratic in the worst
 * case, and the per-file time budget stops a slow one. The analysers load on first use (~0.2 s).
 */
import { createRequire } from 'node:module';
import type { AST } from '@eslint-community/regexpp';
import type * as Refa from 'refa';
import type * as Analysis from 'regexp-ast-analysis';
import type * as Scslre from 'scslre';

const require = createRequire(import.meta.url);
let libs: { scslre: typeof Scslre; refa: typeof Refa; analysis: typeof Analysis } | undefined;
const load = () =>
  (libs ??= { scslre: require('scslre') as typeof Scslre, refa: require('refa') as typeof Refa, analysis: require('regexp-ast-analysis') as typeof Analysis });

export interface BacktrackingHazard {
  /** Offsets of the repeated part in the pattern source, end exclusive. */
  start: number;
  end: number;
  /** The repeated part as written, e.g. `(\w+\s?)*`. */
  quantifier: string;
  /** What makes it ambiguous, for a message: "`\w+` inside it", "alternatives `\w` and `\d` overlap". */
  cause: string;
}

const cache = new Map<string, BacktrackingHazard | null>();

/**
 * The first exponential-backtracking hazard of `source` with `flags`, or undefined. Throws a
 * SyntaxError on an invalid pattern that has a repeated group (others are not looked at).
 */
export function findCatastrophicBacktracking(source: string, flags = ''): BacktrackingHazard | undefined {
  // Exponential backtracking needs a repeated group; skip the analysers when there is none, and for
  // generated patterns of many kilobytes (Unicode tables), whose automata would cost more than they tell.
  if (!/\)(?:[*+]|\{)/.test(source) || source.length > MAX_ANALYSED) return undefined;
  new RegExp(source, flags); // a SyntaxError for the caller
  const key = `${flags}/${source}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit ?? undefined;
  const hazard = analyse(source, flags);
  cache.set(key, hazard ?? null);
  return hazard;
}

const MAX_ANALYSED = 5000;

function analyse(source: string, flags: string): BacktrackingHazard | undefined {
  const { scslre, refa } = load();
  const literal = { source, flags: flags.replace(/[gy]/g, '') };
  let result: Scslre.AnalysisResult;
  try {
    result = scslre.analyse(literal, { reportTypes: { Move: false } });
  } catch {
    return undefined; // a pattern the analyser cannot read (e.g. newer syntax): V8 compiled it, so let it be
  }
  const exponential = result.reports.filter((r): r is Scslre.SelfReport | Scslre.TradeReport => r.exponential);
  const self = exponential.find((r): r is Scslre.SelfReport => r.type === 'Self');
  if (self) return { start: self.parentQuant.start, end: self.parentQuant.end, quantifier: self.parentQuant.raw, cause: `\`${self.quant.raw}\` inside it can match the same text in more than one way` };
  const trade = exponential.find((r): r is Scslre.TradeReport => r.type === 'Trade');
  if (trade) {
    const [start, end] = [Math.min(trade.startQuant.start, trade.endQuant.start), Math.max(trade.startQuant.end, trade.endQuant.end)];
    return { start, end, quantifier: source.slice(start, end), cause: `\`${trade.startQuant.raw}\` and \`${trade.endQuant.raw}\` can split the same text in more than one way` };
  }
  return overlappingAlternation(refa, result.parsed);
}

/**
 * `(A|B)*` where one repetition can match some text in two ways: two alternatives overlap
 * (`(a|a?)+`, `(\w|\d)+`), or one alternative matches what several repetitions match (`(a|aa)+`,
 * `(a|b|ab)*`); and something that can fail follows, forcing the engine to try every split.
 */
function overlappingAlternation(refa: typeof Refa, parsed: Scslre.ParsedLiteral): BacktrackingHazard | undefined {
  let parser: Refa.JS.Parser;
  try {
    parser = refa.JS.Parser.fromAst({ pattern: parsed.pattern, flags: parsed.flags });
  } catch {
    return undefined;
  }
  const quantifiers: AST.Quantifier[] = [];
  const walk = (node: AST.Node): void => {
    if (node.type === 'Quantifier') quantifiers.push(node);
    for (const child of children(node)) walk(child);
  };
  walk(parsed.pattern);
  for (const q of quantifiers) {
    // a repetition bounded to a few rounds multiplies the work by a constant at most
    if (q.max <= 8 || (q.element.type !== 'Group' && q.element.type !== 'CapturingGroup')) continue;
    const alts = q.element.alternatives;
    if (alts.length < 2 || !suffixRejects(libs!.analysis, q, parsed.flags)) continue;
    const hazard = (cause: string) => ({ start: q.start, end: q.end, quantifier: q.raw, cause });
    try {
      const automata = alts.map((a) => toNfa(refa, parser, a));
      for (let i = 0; i < alts.length; i++) {
        for (let j = i + 1; j < alts.length; j++) {
          const [a, b] = [automata[i], automata[j]];
          if (a && b && !refa.isDisjointWith(a, b, LIMIT)) return hazard(`its alternatives \`${alts[i].raw}\` and \`${alts[j].raw}\` can match the same text`);
        }
      }
      const body = toNfa(refa, parser, q.element);
      if (!body) continue;
      body.withoutEmptyWord(); // V8 stops a repetition that matched nothing, so empty iterations add no ways
      const twoOrMore = body.copy(new refa.NFA.LimitedNodeFactory(LIMIT));
      twoOrMore.quantify(2, Infinity, new refa.NFA.LimitedNodeFactory(LIMIT));
      for (let i = 0; i < alts.length; i++) {
        const a = automata[i];
        if (!a) continue;
        a.withoutEmptyWord();
        if (!refa.isDisjointWith(a, twoOrMore, LIMIT)) return hazard(`its alternative \`${alts[i].raw}\` matches what several repetitions match`);
      }
    } catch {
      continue; // automata too large to decide
    }
  }
  return undefined;
}

const LIMIT = 10_000;

function toNfa(refa: typeof Refa, parser: Refa.JS.Parser, element: AST.Alternative | AST.Group | AST.CapturingGroup): Refa.NFA | undefined {
  try {
    const { expression, maxCharacter } = parser.parseElement(element, { backreferences: 'disable', assertions: 'disable', maxNodes: LIMIT });
    return refa.NFA.fromRegex(expression, { maxCharacter }, {}, new refa.NFA.LimitedNodeFactory(LIMIT));
  } catch {
    return undefined;
  }
}

/**
 * Whether an input of repeated ambiguous text can make everything after the quantifier fail at every
 * split, which forces the engine to try them all: something that must consume or assert characters
 * follows (`$`, `\b`, `x`; an optional tail such as `(\*\/)?` cannot fail, so the first split wins),
 * and what it accepts first cannot occur inside the repeated text (`(?=\))` after a repetition that
 * can contain `)` succeeds at the first `)`). A repetition inside a lookaround counts as followed.
 */
function suffixRejects(analysis: typeof Analysis, q: AST.Quantifier, flags: AST.Flags): boolean {
  let node: AST.Node = q;
  let follows = false;
  for (let parent: AST.Node | null = q.parent; parent && !follows; node = parent, parent = parent.parent) {
    if (parent.type === 'Alternative') {
      const elements = parent.elements;
      follows = elements.slice(elements.indexOf(node as AST.Element) + 1).some((e) => !analysis.isPotentiallyEmpty(e, flags));
    }
    if (parent.type === 'Pattern') break;
    if (parent.type === 'Assertion') return true;
  }
  if (!follows) return false;
  const after = analysis.getFirstConsumedCharAfter(q, 'ltr', flags);
  const next = after.empty ? after.look.char : after.char;
  return next.isDisjointWith(analysis.getConsumedChars(q.element, flags).chars);
}

function children(node: AST.Node): AST.Node[] {
  switch (node.type) {
    case 'Pattern':
    case 'Group':
    case 'CapturingGroup':
      return node.alternatives;
    case 'Alternative':
      return node.elements;
    case 'Quantifier':
      return [node.element];
    case 'Assertion':
      return 'alternatives' in node ? node.alternatives : [];
    default:
      return [];
  }
}

/** For packs: the reason a pattern may not be used, or undefined when it is safe. */
export function checkRegexSafety(pattern: string, flags = ''): string | undefined {
  if (pattern.length > 2000) return 'is longer than 2000 characters';
  let hazard: BacktrackingHazard | undefined;
  try {
    new RegExp(pattern, flags);
    hazard = findCatastrophicBacktracking(pattern, flags);
  } catch (e) {
    return `does not compile: ${(e as Error).message}`;
  }
  return hazard && `can backtrack catastrophically (exponential time): in \`${hazard.quantifier}\`, ${hazard.cause}`;
}
