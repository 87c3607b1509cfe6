import { beforeAll, describe, expect, it } from 'vitest';
import { loadShellParser } from '../../src/parsers/shell.js';
import { DockerfileParser } from 'dockerfile-ast';
import {
  baseImageOf,
  copySources,
  finalStageChain,
  findOption,
  globalArgs,
  instructionsWithTriggers,
  invocation,
  isLiteralSecretValue,
  isLocalOrDynamicPackage,
  packageInstall,
  isSecretName,
  joinContinuations,
  parseImageRef,
  parseShell,
  runPipelines,
  runScript,
  stagesOf,
  substitute,
  unquoteWord,
  CURL_SHORT_WITH_VALUE,
} from '../../rules/iac/dockerfile/lib.js';
import { secretFileKind } from '../../rules/iac/dockerfile/dockerfile-secret-file-copied.js';
import { worldWritableMode } from '../../rules/iac/dockerfile/dockerfile-chmod-world-writable.js';

beforeAll(() => loadShellParser());

const words = (script: string) => parseShell(script).map((p) => p.map((c) => c.words.join(' ')));

describe('dockerfile lib: shell parsing', () => {
  it('splits pipelines and commands, honouring quotes', () => {
    expect(words('curl -fsSL "https://x/a b" | sh && echo \'a|b\'; ls')).toEqual([['curl -fsSL https://x/a b', 'sh'], ['echo a|b'], ['ls']]);
  });
  it('drops redirections and their targets', () => {
    expect(words('curl -s https://x 2>/dev/null > out.sh && cat <in 2>&1')).toEqual([['curl -s https://x'], ['cat']]);
  });
  it('opens command substitution and process substitution as their own commands', () => {
    expect(words('echo $(id -u)')).toEqual([['echo'], ['id -u']]);
    expect(words('bash <(curl -s https://x)')).toEqual([['bash'], ['curl -s https://x']]);
  });
  it('reads the commands inside compound commands (if, loops, case, braces, functions)', () => {
    expect(words('for p in a b; do pip install "$p==1.0"; done')).toEqual([['pip install $p==1.0']]);
    expect(words('if [ -f x ]; then apk add curl; else yum install -y curl; fi')).toEqual([['apk add curl'], ['yum install -y curl']]);
    expect(words('cd /app && { npm install; npm run build; } 2>&1 | tee log')).toEqual([['cd /app'], ['npm install'], ['npm run build', 'tee log']]);
    expect(words('case "$X" in a) apt-get install -y a;; *) yum install -y b;; esac')).toEqual([['apt-get install -y a'], ['yum install -y b']]);
  });
  it('keeps a substitution joined to other text in its word, and never throws on broken scripts', () => {
    expect(words('echo "root:$(cat /run/secrets/pw)" | chpasswd')).toEqual([['echo root:$(cat /run/secrets/pw)', 'chpasswd'], ['cat /run/secrets/pw']]);
    expect(() => parseShell('echo "unterminated && curl x | (sh')).not.toThrow();
    expect(parseShell('echo "unterminated && curl x | (sh').flat().length).toBeGreaterThan(0);
  });
  it('finds programs past assignments and wrappers', () => {
    const inv = invocation({ words: ['DEBIAN_FRONTEND=noninteractive', 'sudo', '-E', 'apt-get', 'install', '-y', 'curl'] });
    expect(inv).toMatchObject({ program: 'apt-get', args: ['install', '-y', 'curl'], assignments: ['DEBIAN_FRONTEND=noninteractive'], wrappers: ['sudo'] });
    expect(invocation({ words: ['sudo', '-u', 'app', '/usr/bin/env', 'X=1', 'node'] })).toMatchObject({ program: 'node', wrappers: ['sudo', 'env'] });
  });
  it('reads short-option clusters', () => {
    expect(findOption(['-fsSLk', 'https://x'], { short: 'k', shortWithValue: CURL_SHORT_WITH_VALUE }).found).toBe(true);
    // -H takes a value: the k in "-Hkey" is not an option.
    expect(findOption(['-Hkey: v', 'https://x'], { short: 'k', shortWithValue: CURL_SHORT_WITH_VALUE }).found).toBe(false);
    expect(findOption(['-fsSLo', '/tmp/x'], { short: 'o', takesValue: true, shortWithValue: CURL_SHORT_WITH_VALUE })).toEqual({ found: true, value: '/tmp/x' });
  });
});

describe('dockerfile lib: RUN scripts', () => {
  const df = DockerfileParser.parse(
    [
      'FROM alpine:3.20',
      'RUN apk add curl \\',
      '    # a comment inside the continuation',
      '    && curl -s https://x | sh',
      'RUN ["/bin/sh", "-c", "wget -qO- https://x | bash"]',
      'RUN ["curl", "-k", "https://x"]',
      'RUN <<EOF',
      'set -e',
      'curl https://x | sh',
      'EOF',
      'RUN python3 <<EOF',
      'import os; os.system("sudo ls")',
      'EOF',
    ].join('\n'),
  );
  const runs = df.getInstructions().filter((i) => i.getKeyword() === 'RUN');
  it('joins continuations and drops comment lines', () => {
    expect(runScript(runs[0], '\\')?.script).toBe('apk add curl     && curl -s https://x | sh');
  });
  it('reads the script of JSON-form shells and keeps exec form apart', () => {
    expect(runScript(runs[1], '\\')).toEqual({ script: 'wget -qO- https://x | bash', exec: false });
    expect(runScript(runs[2], '\\')).toEqual({ script: 'curl -k https://x', exec: true });
  });
  it('runs heredoc bodies as shell only when the shell reads them', () => {
    expect(runScript(runs[3], '\\')?.script).toBe('set -e\ncurl https://x | sh');
    expect(runScript(runs[4], '\\')?.script).toBe('python3');
    expect(runPipelines(runs[4], '\\')?.pipelines.flat().map((i) => i.program)).toEqual(['python3']);
  });
  it('honours the backtick escape directive', () => {
    expect(joinContinuations('a `\n  b', '`')).toBe('a   b');
  });
});

describe('dockerfile lib: images and stages', () => {
  it('parses references', () => {
    expect(parseImageRef('localhost:5000/a/b:1.2@sha256:ff')).toEqual({ name: 'localhost:5000/a/b', tag: '1.2', digest: 'sha256:ff' });
    expect(parseImageRef('localhost:5000/app')).toEqual({ name: 'localhost:5000/app', tag: undefined, digest: undefined });
  });
  it('substitutes ARG values and defaults', () => {
    const vars = new Map<string, string | null>([['A', '1'], ['B', null]]);
    expect(substitute('x${A}-${B:-d}-$A-${C:+y}', vars)).toEqual({ value: 'x1-d-1-', unresolved: true });
  });
  it('resolves FROM through global ARGs and stage names', () => {
    const df = DockerfileParser.parse('ARG BASE=python:3.12\nARG TAG\nARG REG\nFROM ${BASE} AS build\nFROM build\nFROM node:${TAG}\nFROM ${REG}/ubuntu\nFROM alpine$TAG\n');
    const args = globalArgs(df);
    const stages = stagesOf(df);
    const seen = new Set<string>();
    const kinds = stages.map((s) => {
      const b = baseImageOf(s.from, args, seen);
      if (s.alias) seen.add(s.alias);
      return b.kind === 'image' ? `${b.ref.name}:${b.ref.tag ?? '-'}` : b.kind;
    });
    expect(kinds).toEqual(['python:3.12', 'stage', 'unknown', '…/ubuntu:-', 'unknown']);
    expect(finalStageChain(stages.slice(0, 2), args).map((s) => s.index)).toEqual([1, 0]);
  });
  it('reads COPY sources in both forms', () => {
    const df = DockerfileParser.parse('FROM a:1\nCOPY --chown=1:1 .env *.pem /app/\nCOPY ["id_rsa", "/root/.ssh/"]\nCOPY <<EOF /x\nhi\nEOF\n');
    const [, c1, c2, c3] = df.getInstructions();
    expect(copySources(c1)).toMatchObject({ sources: ['.env', '*.pem'], dest: '/app/' });
    expect(copySources(c2)).toMatchObject({ sources: ['id_rsa'], dest: '/root/.ssh/' });
    expect(copySources(c3).sources).toEqual([]);
  });
  it('removes shell quotes from each whitespace-separated COPY/ADD word, as Docker does', () => {
    const df = DockerfileParser.parse('FROM a:1\nADD "https://example.org/x.tgz" \'/opt/tools/\'\n');
    expect(copySources(df.getInstructions()[1])).toMatchObject({ sources: ['https://example.org/x.tgz'], dest: '/opt/tools/' });
    expect(unquoteWord('pre"fix"\'ed\'')).toBe('prefixed');
  });
  it('replaces ONBUILD with the instruction it triggers', () => {
    const df = DockerfileParser.parse('FROM a:1\nONBUILD RUN sudo make\nONBUILD\nRUN make\n');
    const list = instructionsWithTriggers(df);
    expect(list.map((i) => i.getKeyword())).toEqual(['FROM', 'RUN', 'RUN']);
    expect(list[1].getRange().start).toEqual({ line: 1, character: 8 });
    expect(runScript(list[1], '\\')?.script).toBe('sudo make');
  });
});

describe('dockerfile lib: secrets and modes', () => {
  it('recognises secret names but not their pointers or settings', () => {
    for (const n of ['DB_PASSWORD', 'PASSWORD', 'API_KEY', 'GITHUB_TOKEN', 'SECRET_KEY_BASE', 'AWS_SECRET_ACCESS_KEY', 'PRIVATE_KEY', 'AWS_ACCESS_KEY_ID', 'npm_token']) expect(isSecretName(n), n).toBe(true);
    for (const n of ['PASSWORD_FILE', 'TOKEN_URL', 'SECRET_PATH', 'MYSQL_ALLOW_EMPTY_PASSWORD', 'JWT_TOKEN_EXPIRY', 'NODE_ENV', 'KEYCLOAK_CLIENT_ID', 'PASSWORD_MIN_LENGTH']) expect(isSecretName(n), n).toBe(false);
  });
  it('recognises literal values', () => {
    for (const v of ['s3cr3t', '"hunter2"', 'postgres://u:p@h/db']) expect(isLiteralSecretValue(v), v).toBe(true);
    for (const v of ['', '$TOKEN', '${TOKEN}', 'true', '/run/secrets/db', '<your-token>']) expect(isLiteralSecretValue(v), v).toBe(false);
  });
  it('classifies credential files', () => {
    expect(secretFileKind('.env')?.severity).toBe('high');
    expect(secretFileKind('config/.env.production')).toBeDefined();
    expect(secretFileKind('.env.example')).toBeUndefined();
    expect(secretFileKind('certs/server.key')).toBeDefined();
    expect(secretFileKind('rds-combined-ca-bundle.pem')).toBeUndefined();
    expect(secretFileKind('tls/private.pem')).toBeDefined();
    expect(secretFileKind('.npmrc')?.severity).toBe('medium');
    expect(secretFileKind('id_rsa.pub')).toBeUndefined();
    expect(secretFileKind('package.json')).toBeUndefined();
  });
  it('recognises world-writable modes', () => {
    for (const m of ['777', '0777', '666', '0666', 'o+w', 'a+rwx', 'u+x,o+w', 'ugo=rwx']) expect(worldWritableMode(m), m).toBe(true);
    for (const m of ['755', '0644', '750', '1777', 'u+x', '+x', 'g+w', 'o-w', 'a+rX', 'a+rwxt']) expect(worldWritableMode(m), m).toBe(false);
  });
});

describe('dockerfile lib: package manager installs', () => {
  const install = (script: string) => {
    const inv = invocation(parseShell(script)[0][0]);
    return inv ? packageInstall(inv) : null;
  };
  it('separates options, option values and packages', () => {
    expect(install('apk --no-cache add --virtual .build-deps gcc musl-dev=1.2.5-r0')).toMatchObject({ manager: 'apk', subcommand: 'add', packages: ['gcc', 'musl-dev=1.2.5-r0'] });
    expect(install('dnf -y --enablerepo crb install python3-devel')).toMatchObject({ manager: 'dnf', packages: ['python3-devel'] });
    expect(install('zypper --non-interactive in -r oss curl')).toMatchObject({ manager: 'zypper', subcommand: 'in', packages: ['curl'] });
    expect(install('python3 -m pip install --no-cache-dir -r req.txt flask')?.packages).toEqual(['flask']);
    expect(install('pip install -r req.txt')?.values.get('-r')).toBe('req.txt');
    expect(install('npm install --omit dev')?.packages).toEqual([]);
    expect(install('gem install grpc -v 1.64.0')?.values.get('-v')).toBe('1.64.0');
  });
  it('ignores other subcommands and programs', () => {
    expect(install('apk del curl')).toBeNull();
    expect(install('npm ci')).toBeNull();
    expect(install('yum update -y')).toBeNull();
    expect(install('python3 app.py install')).toBeNull();
  });
  it('tells registry packages from paths, URLs, variables and npm scopes', () => {
    for (const p of ['.', './dist/app.whl', '.[dev]', '/tmp/x.rpm', 'git+https://github.com/a/b.git', '$PKGS', 'file:../lib']) expect(isLocalOrDynamicPackage(p), p).toBe(true);
    for (const p of ['flask', '@angular/cli', 'python3-devel', 'httpd']) expect(isLocalOrDynamicPackage(p), p).toBe(false);
  });
});
