import { describe, expect, it } from 'vitest';
import { constantExpression } from '../../rules/iac/github-actions/obfuscation.js';

describe('constant expressions (iac/gha-obfuscation)', () => {
  it('finds expressions that reduce to a constant', () => {
    for (const body of [" 'a' ", ' true ', ' true || false ', ' 1 > 2 || true ', " format('{0}', 'abc') ", " startsWith('abc', 'a') ", " format('{0} {1}', 'a', format('{0}', 'b')) ", " '' "]) {
      expect(constantExpression(body), body).toBe('constant');
    }
  });

  it('finds literal-only calls inside an expression that reads a context', () => {
    expect(constantExpression(" format('{0} {1}', github.sha, format('{0}', 'abc')) ")).toBe('call');
    expect(constantExpression(" foo[format('{0}', 'event')] ")).toBe('call');
  });

  it('leaves expressions that read contexts or call other functions', () => {
    for (const body of [' github.sha ', " format('{0}', github.ref) ", " fromJSON('[1, 2]') ", " hashFiles('**/lock') ", " contains(github.event.pull_request.labels.*.name, 'ok') ", ' matrix.os ', ' always() ', ' -1 ']) {
      expect(constantExpression(body), body).toBeUndefined();
    }
  });
});
