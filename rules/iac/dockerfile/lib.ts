/**
 * Helpers shared by the Dockerfile rules: build stages, ARG resolution for FROM, image references,
 * RUN scripts (shell form with continuations and comment lines, JSON form, heredocs) and a small
 * shell tokenizer that splits a script into pipelines of simple commands.
 */
import type { Dockerfile, Instruction, From, Arg, Onbuild, Property, PropertyInstruction } from 'dockerfile-ast';
import type { Range } from '../../../src/model/location.js';
import { fromLspRange } from '../../../src/parsers/dockerfile.js';
import { DEFAULT_PASSWORD, namesItsVariable } from '../../secrets/lib/defaults.js';
import { splitShell, type Pipeline, type SimpleCommand } from '../../../src/parsers/shell.js';

export { fromLspRange };

export function rangeOf(i: { getRange(): Parameters<typeof fromLspRange>[0] }): Range {
  return fromLspRange(i.getRange());
}

/** A range covering only the first line of an instruction (multi-line RUNs point at their keyword). */
export function headRange(i: Instruction): Range {
  const r = i.getRange();
  if (r.start.line === r.end.line) return fromLspRange(r);
  const text = i.getTextContent().split(/\r?\n/)[0] ?? '';
  return fromLspRange({ start: r.start, end: { line: r.start.line, character: r.start.character + text.length } });
}

export interface Stage {
  index: number;
  from: From;
  /** The stage's alias (`AS name`), lower-cased, if any. */
  alias?: string;
  /** Instructions after FROM up to the next FROM. */
  instructions: Instruction[];
}

export function stagesOf(df: Dockerfile): Stage[] {
  const out: Stage[] = [];
  for (const inst of df.getInstructions()) {
    if (inst.getKeyword() === 'FROM') {
      const from = inst as From;
      const alias = from.getBuildStage()?.toLowerCase() ?? undefined;
      out.push({ index: out.length, from, alias, instructions: [] });
    } else if (out.length > 0) {
      out[out.length - 1].instructions.push(inst);
    }
  }
  return out;
}

/** Global ARGs (declared before the first FROM): the only variables a FROM line can use. Last wins. */
export function globalArgs(df: Dockerfile): Map<string, string | null> {
  const m = new Map<string, string | null>();
  for (const a of df.getInitialARGs() as Arg[]) {
    const p = a.getProperty();
    if (p) m.set(p.getName(), p.getValue());
  }
  return m;
}

export interface Substituted {
  value: string;
  /** True when a variable had no value (the result is then partly unknown). */
  unresolved: boolean;
}

const VAR_RE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/** Expand `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:+alt}` with the given values. */
export function substitute(text: string, vars: Map<string, string | null>): Substituted {
  let unresolved = false;
  const value = text.replace(VAR_RE, (_m, braced: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare ?? '';
    const v = vars.get(name);
    const set = v !== undefined && v !== null;
    if (op === ':-' || op === '-') {
      if (set && (op === '-' || v !== '')) return v;
      return word ?? '';
    }
    if (op === ':+' || op === '+') {
      if (set && (op === '+' || v !== '')) return word ?? '';
      if (v === undefined || v === null) unresolved = true;
      return '';
    }
    if (!set) {
      unresolved = true;
      return '\u0000';
    }
    return v;
  });
  return { value, unresolved };
}

export interface ImageRef {
  /** Repository including registry, e.g. `docker.io/library/node`. */
  name: string;
  tag?: string;
  digest?: string;
}

/** Split `registry:port/path/name:tag@sha256:...`. */
export function parseImageRef(ref: string): ImageRef {
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  let tag: string | undefined;
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { name: rest, tag, digest };
}

export type BaseImage =
  | { kind: 'scratch' }
  | { kind: 'stage'; stage: string }
  /** The reference could not be resolved (an ARG without a default in the way). */
  | { kind: 'unknown'; text: string }
  | { kind: 'image'; text: string; ref: ImageRef; fromArg: boolean };

/** What a FROM line builds on, with global ARG defaults resolved. */
export function baseImageOf(from: From, args: Map<string, string | null>, earlierAliases: Set<string>): BaseImage {
  const raw = from.getImage() ?? '';
  if (!raw) return { kind: 'unknown', text: raw };
  const fromArg = raw.includes('$');
  const sub = fromArg ? substitute(raw, args) : { value: raw, unresolved: false };
  const text = sub.value.replace(/^["']|["']$/g, '');
  const lower = text.toLowerCase();
  if (lower === 'scratch') return { kind: 'scratch' };
  if (!text.includes('\u0000') && earlierAliases.has(lower)) return { kind: 'stage', stage: lower };
  if (text.includes('\u0000')) {
    const ref = parseImageRef(text);
    const shown = (x: string) => x.replace(/\u0000/g, '…');
    if (ref.digest !== undefined) return ref.digest.includes('\u0000') ? { kind: 'unknown', text: raw } : { kind: 'image', text: shown(text), ref: { ...ref, name: shown(ref.name) }, fromArg };
    if (ref.tag !== undefined) return ref.tag.includes('\u0000') ? { kind: 'unknown', text: raw } : { kind: 'image', text: shown(text), ref: { ...ref, name: shown(ref.name) }, fromArg };
    // A variable in the last path segment may carry the tag (`alpine$TAG`, `${IMAGE}`): cannot tell.
    if (ref.name.slice(ref.name.lastIndexOf('/') + 1).includes('\u0000')) return { kind: 'unknown', text: raw };
    return { kind: 'image', text: shown(text), ref: { name: shown(ref.name) }, fromArg };
  }
  return { kind: 'image', text, ref: parseImageRef(text), fromArg };
}

/** The stages the final stage inherits from (itself first), following `FROM <earlier stage>`. */
export function finalStageChain(stages: Stage[], args: Map<string, string | null>): Stage[] {
  const chain: Stage[] = [];
  let cur: Stage | undefined = stages[stages.length - 1];
  const seen = new Set<number>();
  while (cur && !seen.has(cur.index)) {
    seen.add(cur.index);
    chain.push(cur);
    const aliases = new Set(stages.slice(0, cur.index).map((s) => s.alias).filter((a): a is string => !!a));
    const base = baseImageOf(cur.from, args, aliases);
    if (base.kind !== 'stage') break;
    const target: string = base.stage;
    cur = stages.slice(0, cur.index).reverse().find((s) => s.alias === target) ?? (/^\d+$/.test(target) ? stages[Number(target)] : undefined);
  }
  return chain;
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh', 'busybox', 'pwsh', 'powershell', 'cmd']);

export function basename(p: string): string {
  const s = p.replace(/\\/g, '/');
  return s.slice(s.lastIndexOf('/') + 1);
}

export interface RunScript {
  /** The shell script the instruction runs (continuations joined, comment lines dropped). */
  script: string;
  /** Exec (JSON) form without a shell: no pipes or expansions apply. */
  exec: boolean;
}

/** Join shell-form continuation lines the way the Dockerfile parser does. */
export function joinContinuations(raw: string, escape: string): string {
  const lines = raw.replace(/\r/g, '').split('\n');
  let out = '';
  let continuing = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (continuing && (/^\s*#/.test(line) || line.trim() === '')) continue;
    const m = new RegExp(`${escape === '`' ? '`' : '\\\\'}\\s*$`).exec(line);
    if (m && !line.endsWith(escape + escape)) {
      out += line.slice(0, m.index);
      continuing = true;
    } else {
      out += line;
      continuing = false;
      if (i < lines.length - 1) out += '\n';
    }
  }
  return out;
}

const HEREDOC_MARK = /<<-?\s*(["']?)([A-Za-z_][\w.-]*)\1/g;

/** The script a RUN instruction executes, or null when it has no arguments. */
export function runScript(inst: Instruction, escape: string): RunScript | null {
  const raw = inst.getRawArgumentsContent();
  if (raw === null) return null;
  const trimmed = raw.trim();
  if (trimmed.startsWith('[')) {
    try {
      const arr = JSON.parse(joinContinuations(trimmed, escape)) as unknown;
      if (Array.isArray(arr) && arr.every((x) => typeof x === 'string')) {
        const words = arr as string[];
        const c = words.indexOf('-c');
        if (words.length > 0 && SHELLS.has(basename(words[0]).replace(/\.exe$/i, '')) && c >= 0 && c + 1 < words.length) {
          return { script: words[c + 1], exec: false };
        }
        return { script: words.map(shellQuote).join(' '), exec: true };
      }
    } catch {
      // Not valid JSON: Docker runs it in the shell form.
    }
  }
  const heredocs = 'getHeredocs' in inst ? (inst as unknown as { getHeredocs(): { getContentRange(): { start: { line: number }; end: { line: number } } | null }[] }).getHeredocs() : [];
  if (heredocs.length > 0) {
    const lines = inst.getTextContent().replace(/\r/g, '').split('\n');
    const first = joinContinuations(raw.replace(/\r/g, '').split('\n')[0] ?? '', escape);
    const command = first.replace(HEREDOC_MARK, '').trim();
    const startLine = inst.getRange().start.line;
    const bodies = heredocs.map((h) => {
      const r = h.getContentRange();
      return r ? lines.slice(r.start.line - startLine, r.end.line - startLine + 1).join('\n') : '';
    });
    // `RUN <<EOF` (or `RUN bash <<EOF`) runs the body as a script; `RUN python3 <<EOF` or
    // `RUN cat <<EOF > file` feed it as data, so only the command line is shell.
    const shellOnly = command === '' || /^(\/(usr\/)?bin\/)?(ba|da|z|k)?sh(\s+-[a-z]+)*$/.test(command);
    return { script: shellOnly ? [command, ...bodies].filter(Boolean).join('\n') : command, exec: false };
  }
  return { script: joinContinuations(raw, escape), exec: false };
}

function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export type { Pipeline, SimpleCommand } from '../../../src/parsers/shell.js';

/**
 * Split a shell script into pipelines of simple commands, with tree-sitter's Bash grammar (see
 * src/parsers/shell.ts); the Dockerfile parser has loaded it before any rule runs.
 */
export function parseShell(script: string): Pipeline[] {
  return splitShell(script);
}

const WRAPPERS = new Set(['sudo', 'env', 'exec', 'nohup', 'time', 'command', 'nice', 'stdbuf', 'doas', 'su-exec', 'gosu']);
const SUDO_OPTS_WITH_VALUE = new Set(['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-T', '-U']);

export interface Invocation {
  /** The program's base name (`apt-get`, `curl`), lower-cased. */
  program: string;
  args: string[];
  /** `NAME=value` assignments placed before the command (or given to `env`). */
  assignments: string[];
  /** Wrapper commands in front of it (`sudo`, `env`, ...). */
  wrappers: string[];
}

/** The program a simple command runs, past leading assignments and wrappers such as `sudo`/`env`. */
export function invocation(cmd: SimpleCommand): Invocation | null {
  const w = cmd.words;
  const assignments: string[] = [];
  const wrappers: string[] = [];
  let i = 0;
  while (i < w.length) {
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w[i])) {
      assignments.push(w[i]);
      i++;
      continue;
    }
    const b = basename(w[i]);
    if (WRAPPERS.has(b)) {
      wrappers.push(b);
      i++;
      if (b === 'gosu' || b === 'su-exec') i++; // user argument
      while (i < w.length && w[i].startsWith('-')) {
        if (b === 'sudo' && SUDO_OPTS_WITH_VALUE.has(w[i])) i++;
        i++;
      }
      continue;
    }
    break;
  }
  if (i >= w.length) return assignments.length || wrappers.length ? { program: '', args: [], assignments, wrappers } : null;
  return { program: basename(w[i]).toLowerCase(), args: w.slice(i + 1), assignments, wrappers };
}

/** RUN instructions' parsed scripts: the parsed Dockerfile is shared by every rule, so each script is split once per file. */
const PIPELINES = new WeakMap<Instruction, { pipelines: Invocation[][]; script: RunScript } | null>();

/** Every simple command of a RUN instruction as invocations, grouped by pipeline (computed once per instruction). */
export function runPipelines(inst: Instruction, escape: string): { pipelines: Invocation[][]; script: RunScript } | null {
  const known = PIPELINES.get(inst);
  if (known !== undefined) return known;
  const script = runScript(inst, escape);
  const result = script ? { pipelines: parseShell(script.script).map((p) => p.map(invocation).filter((x): x is Invocation => x !== null)), script } : null;
  PIPELINES.set(inst, result);
  return result;
}

/** Package names for a message: the first five, then how many more (`a, b, c, d, e and 3 more`). */
export function firstFive(names: readonly string[]): string {
  return names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ');
}

/** Every RUN instruction (ONBUILD triggers included) that has a script, with its script split into pipelines. */
export function* runInstructions(df: Dockerfile): Generator<{ inst: Instruction; parsed: { pipelines: Invocation[][]; script: RunScript } }> {
  const escape = df.getEscapeCharacter();
  for (const inst of instructionsWithTriggers(df)) {
    if (inst.getKeyword() !== 'RUN') continue;
    const parsed = runPipelines(inst, escape);
    if (parsed) yield { inst, parsed };
  }
}

/** Package names after `install` for apt-get/apt, skipping options and their values. */
export function aptInstall(inv: Invocation): { packages: string[]; options: string[] } | null {
  if (inv.program !== 'apt-get' && inv.program !== 'apt') return null;
  const options: string[] = [];
  const rest: string[] = [];
  const withValue = new Set(['-o', '-t', '-c', '--option', '--target-release', '--default-release', '--config-file']);
  for (let i = 0; i < inv.args.length; i++) {
    const a = inv.args[i];
    if (a.startsWith('-')) {
      options.push(a);
      if (withValue.has(a) && i + 1 < inv.args.length) {
        options.push(inv.args[i + 1]);
        i++;
      }
      continue;
    }
    rest.push(a);
  }
  if (rest[0] !== 'install') return null;
  return { packages: rest.slice(1), options };
}

/**
 * The instructions of every stage in file order, with each `ONBUILD <instruction>` replaced by the
 * instruction it registers: a trigger such as `ONBUILD RUN sudo …` runs in every image built FROM
 * this one, so it is checked like the instruction itself (its range is the trigger's, after ONBUILD).
 */
export function instructionsWithTriggers(df: Dockerfile): Instruction[] {
  const out: Instruction[] = [];
  for (const inst of df.getInstructions()) {
    if (inst.getKeyword() === 'ONBUILD') {
      const trigger = (inst as Onbuild).getTriggerInstruction();
      if (trigger) out.push(trigger);
      continue;
    }
    out.push(inst);
  }
  return out;
}

/** Source and destination arguments of COPY/ADD (shell or JSON form), flags excluded. */
export function copySources(inst: Instruction): { sources: string[]; dest?: string; flags: Map<string, string | null> } {
  const flags = new Map<string, string | null>();
  const withFlags = inst as unknown as { getFlags?(): { getName(): string; getValue(): string | null }[] };
  for (const f of withFlags.getFlags?.() ?? []) flags.set(f.getName().toLowerCase(), f.getValue());
  const raw = (inst.getRawArgumentsContent() ?? '').trim();
  let words: string[] | undefined;
  if (raw.startsWith('[')) {
    try {
      const arr = JSON.parse(raw.replace(/\\\r?\n/g, '')) as unknown;
      if (Array.isArray(arr) && arr.every((x) => typeof x === 'string')) words = arr as string[];
    } catch {
      words = undefined;
    }
  }
  if (!words) {
    const firstLine = raw.split(/\r?\n/)[0];
    // Heredoc sources (`COPY <<EOF /dest`) are inline content, not files.
    // Docker removes shell quotes from COPY/ADD words (`ADD "app.tgz" /opt/`).
    words = inst.getArguments().map((a) => unquoteWord(a.getValue())).filter((w) => !/^<<-?/.test(w));
    if (/<<-?\s*["']?\w/.test(firstLine)) return { sources: [], dest: words[words.length - 1], flags };
  }
  if (words.length < 2) return { sources: [], dest: words[0], flags };
  return { sources: words.slice(0, -1), dest: words[words.length - 1], flags };
}

/** A word with its shell quoting removed: `"a b"` → `a b`, `'x'` → `x`, `pre"fix"` → `prefix`. */
export function unquoteWord(word: string): string {
  return word.replace(/"([^"]*)"|'([^']*)'/g, (_m, dq: string | undefined, sq: string | undefined) => dq ?? sq ?? '');
}

export const REMOTE_SOURCE = /^(https?|ftp):\/\/|^git@|^ssh:\/\/|\.git(#.*)?$/i;

/** Short-option clusters: does `-abc` (or `--long`) set one of `letters`/`longs`? Returns the option's value when it takes one. */
export function findOption(
  args: string[],
  opt: { short?: string; long?: string[]; takesValue?: boolean; shortWithValue?: string },
): { found: boolean; value?: string } {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') break;
    if (a.startsWith('--')) {
      const [name, v] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
      if (opt.long?.includes(name)) return { found: true, value: v ?? (opt.takesValue ? args[i + 1] : undefined) };
      continue;
    }
    if (a.startsWith('-') && a.length > 1 && opt.short) {
      for (let k = 1; k < a.length; k++) {
        const ch = a[k];
        if (opt.short.includes(ch)) {
          if (!opt.takesValue) return { found: true };
          const rest = a.slice(k + 1);
          return { found: true, value: rest !== '' ? rest : args[i + 1] };
        }
        // Another option that takes a value ends the cluster (the rest is its value).
        if (opt.shortWithValue?.includes(ch)) break;
      }
    }
  }
  return { found: false };
}

/** curl's short options that take a value (the rest of a cluster after them is the value). */
export const CURL_SHORT_WITH_VALUE = 'AbcCdDeEFHKmoOPQrtTuUwxXyYz';
/** wget's short options that take a value. */
export const WGET_SHORT_WITH_VALUE = 'aAbBDeiIlOopPQRtTUwXY';

/** NAME=value properties of an ENV, ARG or LABEL instruction. */
export function propertiesOf(inst: Instruction): Property[] {
  const pi = inst as unknown as Partial<PropertyInstruction>;
  return typeof pi.getProperties === 'function' ? pi.getProperties.call(inst) : [];
}

/**
 * Variable names that hold credentials: PASSWORD, SECRET, TOKEN, API_KEY, PRIVATE_KEY, ACCESS_KEY,
 * CLIENT_SECRET, CREDENTIALS… Names that point at a credential (`*_FILE`, `*_PATH`), describe one
 * (`*_LENGTH`, `*_EXPIRY`) or are public identifiers are excluded.
 */
const SECRET_NAME = /(^|[_.-])(PASS(WORD|WD)?|PWD|SECRET(_?KEY)?|TOKEN|API_?KEY|APIKEY|PRIVATE_?KEY|ACCESS_?KEY(_ID)?|SECRET_ACCESS_KEY|CLIENT_SECRET|AUTH_?TOKEN|CREDENTIALS?|CONNECTION_?STRING|ENCRYPTION_?KEY|SIGNING_?KEY|MASTER_?KEY|SESSION_?KEY|DB_?PASS)([_.-]|$)|PASSWORD|PASSWD|SECRET|TOKEN$|APIKEY$|API_KEY$/i;
const NOT_SECRET_NAME = /(_FILE|_PATH|_DIR|_LENGTH|_LEN|_MIN_LENGTH|_EXPIRY|_EXPIRES?(_IN)?|_TTL|_TIMEOUT|_LIFETIME|_URL|_URI|_ENDPOINT|_HEADER|_NAME|_TYPE|_ALGORITHM|_ALG|_FORMAT|_ENABLED|_REQUIRED|_POLICY|_REGEX|_PATTERN|_COST|_ROUNDS|_SALT_ROUNDS|_HOST|_PORT|_USER(NAME)?|_ID|_MODE|_VERSION|_PROVIDER|_ISSUER|_AUDIENCE|_SCOPES?|_PREFIX|_FIELD|_PARAM|_COOKIE_NAME|_LOCATION|_MOUNT|_REF|_ARN|_KEY_ID)$|^(ALLOW_EMPTY_PASSWORD|MYSQL_ALLOW_EMPTY_PASSWORD|MYSQL_RANDOM_ROOT_PASSWORD|MARIADB_ALLOW_EMPTY_(ROOT_)?PASSWORD|MARIADB_RANDOM_ROOT_PASSWORD|POSTGRES_HOST_AUTH_METHOD|PGPASSFILE|GNUPGHOME)$/i;
/** The AWS key id, also under a bundler's public prefix (`VITE_AWS_ACCESS_KEY_ID`, `REACT_APP_AWS_ACCESS_KEY_ID`). */
const SECRET_ID_NAME = /(^|_)AWS_ACCESS_KEY_ID$/i;

export function isSecretName(name: string): boolean {
  if (SECRET_ID_NAME.test(name)) return true;
  return SECRET_NAME.test(name) && !NOT_SECRET_NAME.test(name);
}

/** A literal value that could be a credential (not empty, not a variable, not a flag or a path). */
export function isLiteralSecretValue(value: string): boolean {
  const v = value.trim().replace(/^(["'])(.*)\1$/, '$2');
  if (v === '') return false;
  if (/^\$(\{[^}]*\}|[A-Za-z_][A-Za-z0-9_]*)$/.test(v)) return false;
  if (/^(true|false|yes|no|on|off|none|null|nil|undefined|0|1|-|changeme_in_runtime)$/i.test(v)) return false;
  if (/^(\/|\.\/|~\/)[^\s]*$/.test(v) && !/[:@]/.test(v)) return false;
  if (/^<[^>]*>$|^\{\{.*\}\}$|^%\(.*\)s$/.test(v)) return false;
  return true;
}

/**
 * A local-development word in a words-only value (`developmentpassword`, `localsecret`, `devtoken`), or
 * a value that names what it stands for (`somesecretvalue`, `supersecret`, `adminpassword`).
 */
const LOCAL_WORD = /dev|local|docker|compose|test|example|sample|dummy|fake|secret|passw|token/i;

/**
 * A value that reads as a local development default rather than a kept secret: a well-known default
 * password (`postgres`, `root`), or lower-case words only naming a local stand-in (`developmentpassword`,
 * `somesecretvalue`, `clientsecret` under AUTH_CODE_CLIENT_SECRET), or one word repeated to pad a
 * length requirement (`cookiecookiecookiecookie`). Still a committed credential; findings about it are low.
 */
export function isLocalDefaultSecret(name: string, value: string): boolean {
  const v = value.trim().replace(/^(["'])(.*)\1$/, '$2');
  if (DEFAULT_PASSWORD.test(v)) return true;
  if (!/^[a-z]+(?:[-_][a-z]+)*$/.test(v)) return false;
  // or the variable's own name, or its last words (`clientsecret` under AUTH_CODE_CLIENT_SECRET),
  // or one word typed over and over to reach a minimum length (`cookiecookiecookie…` under COOKIE_PASSWORD)
  return LOCAL_WORD.test(v) || namesItsVariable(name, v) || REPEATED_WORD.test(v);
}

/** One lower-case word of 3 to 12 letters written three or more times in a row, nothing else. */
const REPEATED_WORD = /^([a-z]{3,12})\1{2,}$/;

const STAND_IN_WORD = /test|dummy|fake|placeholder|example|sample|throwaway|not[-_ ]?(?:set|used|needed|required|real|a[-_ ]?secret)|unused|unneeded|override|replace[-_ ]?(?:me|this|at|with)|your[-_ ]?own/i;

/**
 * Words only (no digits or symbols) that name a stand-in, as a Dockerfile sets to let a build step
 * start (`TestKey`, `dummyvalue`, `required-to-run-but-not-used`, `unneeded`), or a note that the deployment
 * overrides it (`override_this_value`, `REPLACE_ME`); the real value comes at runtime.
 */
export function isStandInValue(value: string): boolean {
  const v = value.trim().replace(/^(["'])(.*)\1$/, '$2');
  return /^[A-Za-z]+(?:[-_ .][A-Za-z]+)*$/.test(v) && STAND_IN_WORD.test(v);
}

/** Options of each package manager that take a value as the next word (so the value is not a package). */
const PM_VALUE_OPTIONS: Record<string, Set<string>> = {
  apk: new Set(['-t', '--virtual', '-X', '--repository', '-p', '--root', '--arch', '--cache-dir', '--keys-dir', '--repositories-file', '--cache-max-age']),
  rpm: new Set(['-c', '--config', '--installroot', '--releasever', '--enablerepo', '--disablerepo', '--repo', '--repoid', '-x', '--exclude', '--setopt', '-d', '--debuglevel', '-e', '--errorlevel', '--rpmverbosity', '--downloaddir', '--destdir', '--forcearch', '--color', '--disableplugin', '--enableplugin', '--repofrompath', '--comment', '--advisory', '--advisories', '--bz', '--cve', '--sec-severity', '--secseverity', '--skip-broken-limit']),
  zypper: new Set(['-r', '--repo', '--from', '-t', '--type', '-R', '--root', '--installroot', '-D', '--reposd-dir', '-C', '--cache-dir', '--raw-cache-dir', '--solv-cache-dir', '--pkg-cache-dir', '-c', '--config', '--userdata']),
  pip: new Set(['-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '-t', '--target', '--prefix', '--root', '--platform', '--python-version', '--implementation', '--abi', '--src', '--upgrade-strategy', '--progress-bar', '--trusted-host', '--cert', '--client-cert', '--cache-dir', '--log', '--proxy', '--retries', '--timeout', '--exists-action', '--global-option', '--install-option', '-C', '--config-settings', '--no-binary', '--only-binary', '--report', '--python', '--root-user-action', '--keyring-provider', '--use-feature', '--use-deprecated', '--dry-run-report']),
  npm: new Set(['--prefix', '--registry', '--cache', '--tag', '--omit', '--include', '--install-strategy', '--loglevel', '-w', '--workspace', '--userconfig', '--location', '--before', '--script-shell']),
  gem: new Set(['-v', '--version', '-i', '--install-dir', '-n', '--bindir', '--document', '-s', '--source', '-p', '--http-proxy', '--platform', '-g', '--file', '--build-root', '--target-rbconfig']),
};

/** What a package-manager invocation installs. */
export interface PackageCommand {
  /** `apk`, `yum`, `dnf`, `microdnf`, `tdnf`, `zypper`, `pip`, `npm`, `gem`. */
  manager: string;
  /** The subcommand as written (`install`, `in`, `add`, `i`). */
  subcommand: string;
  /** Operands after the subcommand (packages, paths, specs), options and their values removed. */
  packages: string[];
  /** Every option word, before or after the subcommand. */
  options: string[];
  /** Values given to options that take one (`--virtual .build-deps`, `-r requirements.txt`), by option name. */
  values: Map<string, string>;
}

const INSTALL_SUBCOMMANDS: Record<string, Set<string>> = {
  apk: new Set(['add']),
  yum: new Set(['install', 'groupinstall', 'localinstall', 'reinstall']),
  dnf: new Set(['install', 'in', 'groupinstall', 'localinstall', 'reinstall']),
  microdnf: new Set(['install']),
  tdnf: new Set(['install']),
  zypper: new Set(['install', 'in']),
  pip: new Set(['install']),
  npm: new Set(['install', 'i', 'add', 'isntall', 'in', 'ins', 'inst', 'insta', 'instal', 'isnt', 'isnta', 'isntal']),
  gem: new Set(['install', 'i']),
};

/** The package manager an invocation runs: `pip3.11` and `python -m pip` are pip, `dnf5` is dnf. */
export function packageManagerOf(inv: Invocation): { manager: string; args: string[] } | null {
  const p = inv.program;
  if (/^pip[0-9.]*$/.test(p)) return { manager: 'pip', args: inv.args };
  if (/^python[0-9.]*$/.test(p)) {
    const m = inv.args.indexOf('-m');
    if (m >= 0 && /^pip[0-9.]*$/.test(inv.args[m + 1] ?? '')) return { manager: 'pip', args: inv.args.slice(m + 2) };
    return null;
  }
  if (p === 'uv' && inv.args[0] === 'pip') return { manager: 'pip', args: inv.args.slice(1) };
  if (p === 'dnf5' || p === 'dnf') return { manager: 'dnf', args: inv.args };
  if (['apk', 'yum', 'microdnf', 'tdnf', 'zypper', 'npm', 'gem'].includes(p)) return { manager: p, args: inv.args };
  return null;
}

/** An install by apk, yum, dnf, microdnf, tdnf, zypper, pip, npm or gem, or null. */
export function packageInstall(inv: Invocation): PackageCommand | null {
  const pm = packageManagerOf(inv);
  if (!pm) return null;
  const { manager, args } = pm;
  const valueOpts = PM_VALUE_OPTIONS[manager === 'yum' || manager === 'dnf' || manager === 'microdnf' || manager === 'tdnf' ? 'rpm' : manager] ?? new Set<string>();
  const options: string[] = [];
  const values = new Map<string, string>();
  const operands: string[] = [];
  let subcommand: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('-') && a.length > 1) {
      options.push(a);
      const eq = a.indexOf('=');
      if (a.startsWith('--') && eq > 0) {
        values.set(a.slice(0, eq), a.slice(eq + 1));
        continue;
      }
      if (valueOpts.has(a) && i + 1 < args.length) {
        values.set(a, args[i + 1]);
        i++;
      }
      continue;
    }
    if (subcommand === undefined) subcommand = a;
    else operands.push(a);
  }
  if (subcommand === undefined || !INSTALL_SUBCOMMANDS[manager]?.has(subcommand)) return null;
  return { manager, subcommand, packages: operands, options, values };
}

/** A package operand that names no registry package: a path, URL, archive, variable or group. */
export function isLocalOrDynamicPackage(p: string): boolean {
  const name = p.replace(/^@[\w.-]+\//, ''); // an npm scope is not a path
  return p.includes('$') || p.includes('*') || p.startsWith('.') || name.includes('/') || p.includes('\\') || p === '.' || p === '..' || /\.(rpm|apk|deb|whl|tar\.gz|tgz|zip|gem)$/i.test(p) || p.includes('://') || /^(file|git(\+\w+)?|github|gitlab|bitbucket|npm|link|workspace):/i.test(name);
}

/** Is this RUN given a BuildKit cache mount (`RUN --mount=type=cache,target=…`) on a path matching `target`? */
export function hasCacheMount(inst: Instruction, target: RegExp): boolean {
  const withFlags = inst as unknown as { getFlags?(): { getName(): string; getValue(): string | null }[] };
  for (const f of withFlags.getFlags?.() ?? []) {
    if (f.getName().toLowerCase() !== 'mount') continue;
    const v = f.getValue() ?? '';
    if (/(^|,)type=cache(,|$)/.test(v)) {
      const t = /(?:^|,)(?:target|dst|destination)=([^,]+)/.exec(v);
      if (t && target.test(t[1].replace(/^["']|["']$/g, ''))) return true;
    }
  }
  return false;
}

/** The stage each instruction belongs to (triggers of ONBUILD excluded), in file order. */
export function stageOfInstruction(stages: Stage[]): Map<Instruction, Stage> {
  const m = new Map<Instruction, Stage>();
  for (const s of stages) for (const i of s.instructions) m.set(i, s);
  return m;
}
