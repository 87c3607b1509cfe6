/**
 * poetry.lock and Cargo.lock through smol-toml: TOML forms a line-oriented reader gets wrong
 * (multi-line arrays, inline tables, quoted and dotted keys, CRLF, strings that look like headers),
 * package lines from the `[[package]]` headers, and broken documents.
 */
import { describe, expect, it } from 'vitest';
import { parseCargoLock } from '../../src/lockfiles/cargo.js';
import { parsePoetryLock } from '../../src/lockfiles/python.js';
import { tomlLayout } from '../../src/lockfiles/toml.js';
import type { LockfileResult } from '../../src/lockfiles/types.js';

const brief = (r: LockfileResult) => r.packages.map((p) => `${p.line} ${p.name}@${p.version}${p.dev ? ' dev' : ''}${p.link ? ' link' : ''}${p.workspace ? ' workspace' : ''}${p.git ? ` git:${p.git.ref ?? ''}@${p.git.line}` : ''}${p.foreign ? ' foreign' : ''}`);
const lines = (...l: string[]) => l.join('\n') + '\n';

describe('poetry.lock via smol-toml', () => {
  it('groups as a multi-line array', () => {
    const r = parsePoetryLock(lines('[[package]]', 'name = "black"', 'version = "24.1.0"', 'groups = [', '    "dev",', '    "lint",', ']', '', '[[package]]', 'name = "django"', 'version = "4.2.0"', 'groups = [', '  "main",  # runtime', '  "dev",', ']'));
    expect(brief(r)).toEqual(['1 black@24.1.0 dev', '9 django@4.2.0']);
    expect(r.problems).toEqual([]);
  });

  it('a source as an inline table, as a sub-table, and as dotted keys', () => {
    const r = parsePoetryLock(
      lines(
        '[[package]]',
        'name = "inline"',
        'version = "1.0.0"',
        'source = { type = "git", url = "https://github.com/o/inline.git", reference = "main", resolved_reference = "0123456789abcdef0123456789abcdef01234567" }',
        '',
        '[[package]]',
        'name = "table"',
        'version = "2.0.0"',
        '',
        '[ package . "source" ]',
        'type = "git"',
        'url = "https://github.com/o/table.git"',
        'reference = "v2"',
        '',
        '[[package]]',
        'name = "dotted"',
        'version = "3.0.0"',
        'source.type = "legacy"',
        'source.url = "http://pypi.internal/simple"',
      ),
    );
    expect(brief(r)).toEqual(['1 inline@1.0.0 git:0123456789abcdef0123456789abcdef01234567@4', '6 table@2.0.0 git:v2@12', '15 dotted@3.0.0']);
    expect(r.urls).toEqual([{ url: 'http://pypi.internal/simple', line: 19, column: 15, role: 'registry', package: 'dotted' }]);
  });

  it('quoted keys and literal strings', () => {
    const r = parsePoetryLock(lines('[["package"]]', '"name" = \'quoted\'', "'version' = \"1.2.3\"", 'category = "dev"'));
    expect(brief(r)).toEqual(['1 quoted@1.2.3 dev']);
  });

  it('multi-line strings and arrays that contain header-like and key-like lines', () => {
    const text = lines(
      '[[package]]',
      'name = "real"',
      'version = "1.0"',
      'description = """',
      '[[package]]',
      'name = "fake"',
      'version = "9.9"',
      '"""',
      "notes = '''",
      '[[package]]',
      "'''",
      'files = [',
      '  {file = "real-1.0.tar.gz", hash = "sha256:00"},  # [[package]]',
      '  "[[package]]",',
      ']',
      'summary = "brackets [ { and # are text here"',
      '',
      '[[package]]',
      'name = "second"',
      'version = "2.0"',
    );
    const r = parsePoetryLock(text);
    expect(brief(r)).toEqual(['1 real@1.0', '18 second@2.0']);
    expect(r.problems).toEqual([]);
  });

  it('CRLF line endings keep lines and columns', () => {
    const text = ['[[package]]', 'name = "a"', 'version = "1.0"', '', '[package.source]', 'type = "legacy"', 'url = "http://mirror.example/simple"', '', '[metadata]', 'lock-version = "2.0"', ''].join('\r\n');
    const r = parsePoetryLock(text);
    expect(brief(r)).toEqual(['1 a@1.0']);
    expect(r.urls).toEqual([{ url: 'http://mirror.example/simple', line: 7, column: 8, role: 'registry', package: 'a' }]);
  });

  it('a broken entry is a problem at its line; the other packages are still read', () => {
    const r = parsePoetryLock(lines('[[package]]', 'name = "good"', 'version = "1.0"', '', '[[package]]', 'name = "bad"', 'version = 1.0.0', '', '[[package]]', 'name = "also-good"', 'version = "2.0"'));
    expect(brief(r)).toEqual(['1 good@1.0', '9 also-good@2.0']);
    expect(r.problems.map((p) => p.line)).toEqual([7]);
    expect(r.problems[0].message).toMatch(/^not valid TOML/);
  });

  it('a missing version is a problem at the package header; metadata only is a project without dependencies', () => {
    expect(parsePoetryLock(lines('[[package]]', 'name = "x"')).problems).toEqual([{ line: 1, message: '[[package]] without a name and version' }]);
    const meta = parsePoetryLock(lines('[metadata]', 'lock-version = "2.0"'));
    expect(meta.rootOnly).toBe(true);
    expect(meta.packages).toEqual([]);
  });
});

describe('Cargo.lock via smol-toml', () => {
  it('dependencies as multi-line arrays, sources with registry URL columns', () => {
    const text = lines(
      'version = 4',
      '',
      '[[package]]',
      'name = "app"',
      'version = "0.1.0"',
      'dependencies = [',
      ' "serde",',
      ' "private 1.0.0 (sparse+http://crates.internal/)",',
      ']',
      '',
      '[[package]]',
      'name = "private"',
      'version = "1.0.0"',
      'source = "sparse+http://crates.internal/"',
      '',
      '[[package]]',
      'name = "serde"',
      'version = "1.0.200"',
      'source = "sparse+https://index.crates.io/"',
    );
    const r = parseCargoLock(text);
    expect(brief(r)).toEqual(['3 app@0.1.0 link workspace', '11 private@1.0.0 foreign', '16 serde@1.0.200']);
    expect(r.urls).toEqual([{ url: 'http://crates.internal/', line: 14, column: 18, role: 'registry', package: 'private' }]);
    expect(r.rootOnly).toBe(false);
  });

  it('CRLF and a git source', () => {
    const r = parseCargoLock(['[[package]]', 'name = "x"', 'version = "1.0.0"', 'source = "git+https://github.com/o/x?rev=abc#0123456789abcdef0123456789abcdef01234567"', ''].join('\r\n'));
    expect(brief(r)).toEqual(['1 x@1.0.0 git:0123456789abcdef0123456789abcdef01234567@4']);
  });

  it('not TOML at all is a problem; an empty file is not a lockfile', () => {
    expect(parseCargoLock('[[package]\nname = "x"\n').problems.length).toBeGreaterThan(0);
    expect(parseCargoLock('').unrecognised).toBe(true);
  });
});

describe('TOML layout', () => {
  it('finds headers and keys, with value columns, skipping strings, arrays and comments', () => {
    const layout = tomlLayout(lines('top = 1 # c', '[a."b.c"]', 'k = "v"', "d.e = 'w'", 'm = """x', '[not]', '"""', 'arr = [', ' [1, 2], # ]', ' "]",', ']', '[[t]]', 'i = { x = 1, y = "z" }'));
    expect(layout.headers.map((h) => `${h.line} ${h.array ? 'array ' : ''}${h.path.join('|')}`)).toEqual(['2 a|b.c', '12 array t']);
    expect(layout.keys.map((k) => `${k.line}:${k.column} ${k.path.join('|')}`)).toEqual(['1:7 top', '3:6 a|b.c|k', '4:8 a|b.c|d|e', '5:5 a|b.c|m', '8:7 a|b.c|arr', '13:5 t|i', '13:11 t|i|x', '13:19 t|i|y']);
  });
});
