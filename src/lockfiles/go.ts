/**
 * go.mod (https://go.dev/ref/mod#go-mod-file): `require` lines and blocks (`// indirect` marks a
 * module needed only by other modules), and `replace` directives. A module replaced by a local
 * path is a link (never matched against advisories); one replaced by another module version is
 * matched as that module and version.
 */
import { emptyResult, splitLines, type LockfileResult, type LockPackage } from './types.js';

function unquoteGo(s: string): string {
  if (s.startsWith('"') && s.endsWith('"')) {
    try {
      return JSON.parse(s) as string;
    } catch {
      return s.slice(1, -1);
    }
  }
  if (s.startsWith('`') && s.endsWith('`')) return s.slice(1, -1);
  return s;
}

/** Tokens of a go.mod line (comment removed), and whether it carried `// indirect`. */
function tokens(line: string): { toks: string[]; indirect: boolean } {
  const c = line.indexOf('//');
  const comment = c >= 0 ? line.slice(c + 2).trim() : '';
  const body = c >= 0 ? line.slice(0, c) : line;
  // parentheses are tokens of their own (`require ()` is an empty block)
  return { toks: (body.match(/"(?:[^"\\]|\\.)*"|`[^`]*`|[()]|[^\s()]+/g) ?? []).map(unquoteGo), indirect: /^indirect\b/.test(comment) || /;\s*indirect\b/.test(comment) };
}

const VERBS = new Set(['module', 'go', 'toolchain', 'godebug', 'require', 'replace', 'exclude', 'retract', 'tool', 'ignore']);

export function parseGoMod(text: string): LockfileResult {
  const res = emptyResult('go.mod');
  const lines = splitLines(text);
  const requires: LockPackage[] = [];
  const replaces: { from: string; fromVersion?: string; to: string; toVersion?: string }[] = [];
  let block: string | undefined;
  let sawModule = false;
  for (let i = 0; i < lines.length; i++) {
    const { toks, indirect } = tokens(lines[i]);
    if (toks.length === 0) continue;
    let verb: string;
    let args: string[];
    if (block) {
      if (toks[0] === ')') {
        block = undefined;
        continue;
      }
      verb = block;
      args = toks;
    } else {
      verb = toks[0];
      if (!VERBS.has(verb)) {
        res.problems.push({ line: i + 1, message: `unknown go.mod directive "${verb}"` });
        continue;
      }
      if (toks[1] === '(') {
        if (toks[toks.length - 1] !== ')') block = verb;
        continue;
      }
      args = toks.slice(1);
    }
    if (verb === 'module') sawModule = true;
    if (verb === 'require') {
      if (args.length < 2) {
        res.problems.push({ line: i + 1, message: 'a require needs a module path and a version' });
        continue;
      }
      requires.push({ ecosystem: 'Go', name: args[0], version: args[1], line: i + 1, ...(indirect ? { indirect: true } : {}) });
    } else if (verb === 'replace') {
      const arrow = args.indexOf('=>');
      if (arrow < 1) {
        res.problems.push({ line: i + 1, message: 'a replace needs "=>"' });
        continue;
      }
      const left = args.slice(0, arrow);
      const right = args.slice(arrow + 1);
      replaces.push({ from: left[0], fromVersion: left[1], to: right[0], toVersion: right[1] });
    }
  }
  for (const r of requires) {
    // a replacement naming the version applies to that version only and wins over one without a version
    const rep = replaces.find((x) => x.from === r.name && x.fromVersion === r.version) ?? replaces.find((x) => x.from === r.name && !x.fromVersion);
    if (rep) {
      if (!rep.toVersion || /^(\.{1,2}\/|\/|\.{1,2}$)/.test(rep.to)) r.link = true;
      else {
        r.name = rep.to;
        r.version = rep.toVersion;
      }
    }
    res.packages.push(r);
  }
  if (requires.length === 0 && sawModule) res.rootOnly = true;
  if (!sawModule && requires.length === 0) res.unrecognised = true;
  return res;
}
