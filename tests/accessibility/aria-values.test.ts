import { describe, expect, it } from 'vitest';
import { ariaValueProblem } from '../../rules/accessibility/aria.js';

describe('ariaValueProblem: integer lower bounds', () => {
  it('refuses levels and positions below 1', () => {
    expect(ariaValueProblem('aria-level', '0')).toBe('an integer of at least 1');
    expect(ariaValueProblem('aria-posinset', '-2')).toBe('an integer of at least 1');
    expect(ariaValueProblem('aria-colindex', '0')).toBe('an integer of at least 1');
  });
  it('accepts -1 for unknown sizes and counts, but nothing lower', () => {
    expect(ariaValueProblem('aria-setsize', '-1')).toBeUndefined();
    expect(ariaValueProblem('aria-rowcount', '-1')).toBeUndefined();
    expect(ariaValueProblem('aria-setsize', '-22')).toBe('an integer of at least -1');
  });
  it('keeps accepting signed in-range integers and reports non-integers as before', () => {
    expect(ariaValueProblem('aria-level', '+3')).toBeUndefined();
    expect(ariaValueProblem('aria-rowspan', '0')).toBeUndefined();
    expect(ariaValueProblem('aria-level', 'two')).toBe('an integer of at least 1');
    expect(ariaValueProblem('aria-valuenow', '-5')).toBeUndefined();
  });
});
