import { describe, expect, it } from 'vitest';
import { LineIndex } from '../../src/model/location.js';
import { parseYaml } from '../../src/parsers/data/yaml.js';
import { parseJson } from '../../src/parsers/data/json.js';
import { get, getPath, str, toValue, walk } from '../../src/parsers/data/tree.js';

const yaml = (t: string) => parseYaml(t, new LineIndex(t));

describe('YAML data trees', () => {
  it('keeps every document of a stream with offsets', () => {
    const text = 'a: 1\n---\nkind: Pod\nspec:\n  x: [1, 2]\n';
    const { roots, problems } = yaml(text);
    expect(problems).toEqual([]);
    expect(roots).toHaveLength(2);
    const spec = getPath(roots[1], ['spec', 'x', 1]);
    expect(toValue(spec)).toBe(2);
    expect(text.slice(spec!.start, spec!.end)).toBe('2');
  });

  it('resolves anchors and merge keys, explicit keys winning', () => {
    const { roots } = yaml('base: &b\n  image: nginx\n  user: root\nsvc:\n  <<: *b\n  user: app\n');
    expect(toValue(get(roots[0], 'svc'))).toEqual({ user: 'app', image: 'nginx' });
  });

  it('keeps CloudFormation short-form tags', () => {
    const { roots, problems } = yaml('Value: !Ref Bucket\nArn: !GetAtt Bucket.Arn\nSub: !Sub "${AWS::Region}"\n');
    expect(problems).toEqual([]);
    expect(get(roots[0], 'Value')?.tag).toBe('!Ref');
    expect(str(get(roots[0], 'Arn'))).toBe('Bucket.Arn');
  });

  it('reports syntax errors with a location and does not judge the broken document', () => {
    const { roots, problems } = yaml('ok: 1\n---\nbad: [1, 2\nnext: x\n');
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0].range.start.line).toBeGreaterThanOrEqual(3);
    expect(roots[0]).not.toBeNull();
    expect(roots[1]).toBeNull();
  });

  it('survives an alias bomb without expanding it', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 0; i < 9; i++) {
      const prev = String.fromCharCode(97 + i);
      const name = String.fromCharCode(98 + i);
      lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const t0 = Date.now();
    const { roots, problems } = yaml(lines.join('\n') + '\n');
    let visits = 0;
    walk(roots[0], () => {
      visits++;
    });
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(visits).toBeLessThanOrEqual(200_000);
    expect(problems.some((p) => /alias/i.test(p.message))).toBe(true);
  });

  it('bounds deep nesting', () => {
    const text = `${'['.repeat(3000)}${']'.repeat(3000)}`;
    const { problems } = yaml(text);
    expect(problems.length).toBeGreaterThan(0);
  });
});

describe('JSON data trees', () => {
  it('parses with offsets', () => {
    const text = '{\n  "a": {"b": [true, null, "x"]}\n}';
    const { root, problems } = parseJson(text, new LineIndex(text));
    expect(problems).toEqual([]);
    const x = getPath(root, ['a', 'b', 2]);
    expect(text.slice(x!.start, x!.end)).toBe('"x"');
  });

  it('reports syntax errors at their position and yields no tree', () => {
    const text = '{\n  "a": 1,\n  "b": \n}';
    const { root, problems } = parseJson(text, new LineIndex(text));
    expect(root).toBeNull();
    expect(problems[0].range.start.line).toBe(4);
  });
});
