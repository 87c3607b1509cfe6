/**
 * A conservative check for regular expressions that can backtrack catastrophically (nested
 * quantifiers such as `(a+)+`, `(a*)*`, `(a|a)*`, and quantified groups containing quantifiers),
 * applied to every pattern a pack declares. Returns the reason, or undefined when it looks safe.
 */
export function checkRegexSafety(pattern: string): string | undefined {
  try {
    new RegExp(pattern);
  } catch (e) {
    return `does not compile: ${(e as Error).message}`;
  }
  if (pattern.length > 2000) return 'is longer than 2000 characters';
  // Find groups that contain a quantifier and are themselves quantified: star height > 1.
  const stack: { hasQuant: boolean; alternation: boolean }[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') {
      // skip a character class
      i++;
      if (pattern[i] === '^') i++;
      if (pattern[i] === ']') i++;
      while (i < pattern.length && pattern[i] !== ']') {
        if (pattern[i] === '\\') i++;
        i++;
      }
      continue;
    }
    if (c === '(') {
      stack.push({ hasQuant: false, alternation: false });
      continue;
    }
    if (c === '|' && stack.length) stack[stack.length - 1].alternation = true;
    const isQuant = c === '*' || c === '+' || (c === '{' && /^\{\d+(,\d*)?\}/.test(pattern.slice(i)));
    if (c === ')') {
      const g = stack.pop();
      const next = pattern[i + 1];
      const quantified = next === '*' || next === '+' || (next === '{' && /^\{\d+,\d*\}/.test(pattern.slice(i + 1)));
      if (g && quantified && g.hasQuant) return 'has nested quantifiers (catastrophic backtracking)';
      if (g && quantified && g.alternation && /\((?:\?:)?([^()|]+)\|\1\)/.test(pattern)) return 'repeats an ambiguous alternation (catastrophic backtracking)';
      if (g?.hasQuant && stack.length) stack[stack.length - 1].hasQuant = true;
      continue;
    }
    if (isQuant && stack.length) stack[stack.length - 1].hasQuant = true;
  }
  return undefined;
}
