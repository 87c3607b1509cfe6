import { describe, expect, it } from 'vitest';
import { compilePath, selectPath } from '../../src/packs/path.js';
import { compileDeclarativeRule, type DeclarativeRuleSpec } from '../../src/packs/declarative.js';
import { checkRegexSafety } from '../../src/packs/regex-safety.js';
import { parseYaml } from '../../src/parsers/data/yaml.js';
import { LineIndex } from '../../src/model/location.js';
import { toValue } from '../../src/parsers/data/tree.js';
import type { ReportDescriptor } from '../../src/model/rule.js';
import type { SourceFile } from '../../src/model/document.js';

const doc = (t: string) => parseYaml(t, new LineIndex(t)).roots[0];

describe('declarative paths', () => {
  const root = doc('spec:\n  containers:\n    - name: a\n      image: x\n    - name: b\n  "odd.key": 1\nlist: [1, 2]\n');
  it.each([
    ['$.spec.containers[*].name', ['a', 'b']],
    ['$.spec.containers[1].name', ['b']],
    ["$.spec['odd.key']", [1]],
    ['$..name', ['a', 'b']],
    ['$.list.*', [1, 2]],
    ['$.missing.x', []],
  ])('%s', (p, values) => {
    expect(selectPath(root, compilePath(p)).map((m) => toValue(m.node))).toEqual(values);
  });
  it('rejects malformed paths', () => {
    expect(() => compilePath('spec.x')).toThrow(/start with \$/);
    expect(() => compilePath('$.a[?(@.b)]')).toThrow();
  });
});

describe('declarative rules', () => {
  const base = { id: 'p/r', title: 'Rule', description: 'd', severity: 'medium', kinds: ['kubernetes'], messages: { default: 'bad {{value}} at {{path}}', missing: 'missing at {{path}}' }, remediation: 'r', references: [], standards: {}, equivalents: {} } as const;
  const run = (spec: Partial<DeclarativeRuleSpec>, text: string) => {
    const rule = compileDeclarativeRule({ ...base, ...spec } as DeclarativeRuleSpec, 'test');
    const reports: ReportDescriptor[] = [];
    const lines = new LineIndex(text);
    const file = { path: 'x.yaml', absPath: 'x.yaml', kind: 'kubernetes', text, lines, size: text.length } as SourceFile;
    rule.check!({ file, document: { format: 'data', roots: parseYaml(text, lines).roots }, options: {}, project: {} as never, today: '2026-01-01', report: (d) => reports.push(d), notice: () => {}, shared: (_key, compute) => compute() });
    return reports.map((r) => ({ id: r.messageId, line: lines.position(r.offsets![0]).line, data: r.data }));
  };

  it('reports failing assertions at the field, with when-filters', () => {
    const text = 'kind: Deployment\nspec:\n  containers:\n    - image: nginx:latest\n      privileged: true\n    - image: nginx:1\n';
    const out = run({ given: '$.spec.containers[*]', when: [{ field: 'image', exists: true }], then: [{ field: 'image', notMatches: ':latest$' }, { field: 'securityContext', exists: true, message: 'missing' }] }, text);
    expect(out).toEqual([
      { id: 'default', line: 4, data: { value: '"nginx:latest"', path: 'spec.containers.0.image', field: 'image' } },
      { id: 'missing', line: 4, data: expect.objectContaining({ path: 'spec.containers.0.securityContext' }) },
      { id: 'missing', line: 6, data: expect.objectContaining({ path: 'spec.containers.1.securityContext' }) },
    ]);
  });

  it('supports equals, in, min/max and type', () => {
    const text = 'a: 5\nb: "x"\nc: true\n';
    expect(run({ given: '$', then: [{ field: 'a', max: 3 }, { field: 'b', in: ['y', 'z'] }, { field: 'c', equals: false }, { field: 'a', type: 'string' }] }, text).map((r) => r.line)).toEqual([1, 2, 3, 1]);
  });

  it.each([
    [{ given: '$', then: [{ field: 'a', bogus: 1 }] }, /unknown assertion key "bogus"/],
    [{ given: '$', then: [{ field: 'a' }] }, /needs one of/],
    [{ given: '$', then: [{ field: 'a', matches: '(a+)+$' }] }, /backtrack catastrophically/],
    [{ given: '$', then: [{ field: 'a', exists: true, message: 'nope' }] }, /message "nope" is not defined/],
    [{ given: '$', kinds: ['terraform'], then: [{ field: 'a', exists: true }] }, /YAML\/JSON kinds only/],
  ])('refuses an invalid rule %#', (spec, message) => {
    expect(() => compileDeclarativeRule({ ...base, ...spec } as unknown as DeclarativeRuleSpec, 'test')).toThrow(message);
  });
});

describe('regex safety', () => {
  // exponential: a repeated group whose repetitions, or whose alternatives, can match the same text, followed by something that can fail
  it.each([
    ['(a+)+$', '`a+` inside it'],
    ['^(\\w+\\s?)*$', '`\\w+` inside it'],
    ['(?:x+y?)+$', '`x+` inside it'],
    ['^(\\d+)*$', '`\\d+` inside it'],
    ['^(a|a)*$', 'alternatives `a` and `a`'],
    ['^(\\w|\\d)+$', 'alternatives `\\w` and `\\d`'],
    ['^(?:\\s|\\t)*x', 'alternatives `\\s` and `\\t`'],
    ['(?<n>a+)+\\k<n>b', '`a+` inside it'],
  ])('flags %s', (re, cause) => expect(checkRegexSafety(re)).toContain(cause));
  // linear or polynomial: nothing after the repetition can fail, the separator disambiguates, or alternatives are disjoint
  it.each(['^ghp_[A-Za-z0-9]{36}$', ':latest$', '[a-z]+(-[a-z]+)?', '(ab)+', '(a+)+', '(a*)*', '(\\w|\\d)+', '^(\\d+\\.)*\\d+$', '^([a-z0-9]+-)*[a-z0-9]+$', '^(a|ab)*c$', '^(?:[a-z]|[0-9])+$', '\\s*=\\s*', '(?<=foo)bar'])(
    'accepts %s',
    (re) => expect(checkRegexSafety(re)).toBeUndefined(),
  );
  it('reports a pattern that does not compile', () => expect(checkRegexSafety('(')).toMatch(/does not compile/));
});
