import { describe, expect, it } from 'vitest';
import { contextRefs, expressionsInRange, isUntrustedPath, tokenize, untrustedRefs } from '../../rules/iac/github-actions/workflow.js';

describe('github-actions expression helpers', () => {
  it('normalises bracket and wildcard paths', () => {
    const paths = tokenize("github.event['pull_request'].title == github.event.commits[0].message").filter((t) => t.t === 'path').map((t) => t.v);
    expect(paths).toEqual(['github.event.pull_request.title', 'github.event.commits.*.message']);
  });

  it('reads a computed index that holds its own brackets as one "any" index', () => {
    const paths = tokenize("github.event.pages[github.event.pages[0].action == ']' && 0 || 1].page_name").filter((t) => t.t === 'path').map((t) => t.v);
    expect(paths).toEqual(['github.event.pages.*.page_name']);
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

  it('applies a field selected from a parenthesised group to each path in it', () => {
    expect(contextRefs(' (github.event.pull_request || github.event.issue).number ').map((r) => r.path)).toEqual(['github.event.pull_request.number', 'github.event.issue.number']);
    expect(untrustedRefs(' (github.event.pull_request || github.event.issue).number ')).toEqual([]);
    expect(untrustedRefs(' (github.event.pull_request || github.event.issue).title ')).toEqual(['github.event.pull_request.title', 'github.event.issue.title']);
    expect(untrustedRefs(' ((github.event.pull_request).head || github.event.workflow_run).sha ')).toEqual([]);
    // a function call's result is not a group: its arguments keep their own paths
    expect(untrustedRefs(' fromJSON(github.event.issue.body).number ')).toEqual(['github.event.issue.body']);
    // without a selected field the group is the objects themselves
    expect(untrustedRefs(' (github.event.issue || github.event.pull_request) ')).toEqual(['github.event.issue', 'github.event.pull_request']);
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
