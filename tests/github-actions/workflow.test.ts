import { describe, expect, it } from 'vitest';
import { contextRefs, expressionsInRange, isUntrustedPath, tokenize, untrustedRefs } from '../../rules/iac/github-actions/workflow.js';

describe('github-actions expression helpers', () => {
  it('normalises bracket and wildcard paths', () => {
    const paths = tokenize("github.event['pull_request'].title == github.event.commits[0].message").filter((t) => t.t === 'path').map((t) => t.v);
    expect(paths).toEqual(['github.event.pull_request.title', 'github.event.commits.*.message']);
  });

  it('knows untrusted fields, their parent objects, and safe siblings', () => {
    expect(isUntrustedPath('github.event.issue.title')).toBe(true);
    expect(isUntrustedPath('github.event.pages.*.page_name')).toBe(true);
    expect(isUntrustedPath('github.event')).toBe(true);
    expect(isUntrustedPath('github.event.issue.number')).toBe(false);
    expect(isUntrustedPath('github.event.pull_request.head.sha')).toBe(false);
    expect(isUntrustedPath('inputs.name')).toBe(false);
  });

  it('treats compared and tested values as safe', () => {
    expect(untrustedRefs(" contains(github.event.issue.title, 'x') ")).toEqual([]);
    expect(untrustedRefs(" github.head_ref == 'main' && 'a' || 'b' ")).toEqual([]);
    expect(untrustedRefs(" !github.event.issue.body ")).toEqual([]);
    expect(untrustedRefs(" format('{0}', github.head_ref) ")).toEqual(['github.head_ref']);
    expect(untrustedRefs(" github.head_ref || 'x' ")).toEqual(['github.head_ref']);
  });

  it('resolves env and matrix indirection', () => {
    const lookup = (p: string) => (p === 'env.T' ? 'github.event.issue.title' : p === 'matrix.ref' ? 'github.head_ref' : undefined);
    expect(untrustedRefs(' env.T ', lookup)).toEqual(['env.T (= github.event.issue.title)']);
    expect(untrustedRefs(' matrix.ref ', lookup)).toEqual(['matrix.ref (= github.head_ref)']);
    expect(untrustedRefs(' env.OTHER || matrix.os ', lookup)).toEqual([]);
  });

  it('finds expressions with exact offsets, skipping }} inside strings', () => {
    const text = "run: |\n  echo \"${{ format('}}', github.head_ref) }}\" ${{x}}\n";
    const ex = expressionsInRange(text, 5, text.length);
    expect(ex.map((e) => text.slice(e.start, e.end))).toEqual(["${{ format('}}', github.head_ref) }}", '${{x}}']);
    expect(contextRefs(ex[0].body).map((r) => r.path)).toEqual(['github.head_ref']);
  });
});
