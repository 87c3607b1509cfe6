/**
 * Which build of the tool is running: a digest of its code's content (compiled modules, generated
 * validators, declarative rule files) by relative path, so it is the same wherever the package is
 * installed. The result cache keys on it and the pack catalogue is stamped with it.
 *
 * `npm run build` records it in dist/generated/build.json; a run uses the record while no code file
 * is newer than it and their number is the one recorded (checked by their times only), and otherwise
 * reads the files and computes it again (a bare `tsc` after the build, a copied tree). npm installs
 * give every file the same time, which keeps the record valid.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fromRoot } from '../paths.js';

export const BUILD_MANIFEST = fromRoot('dist', 'generated', 'build.json');

/** The folders (from the package root) whose files make up the code, and which of their files count. */
const CODE: readonly (readonly [dir: string, file: RegExp])[] = [
  [path.join('dist', 'src'), /\.js$/],
  [path.join('dist', 'rules'), /\.js$/],
  [path.join('dist', 'generated'), /\.cjs$/],
  ['rules', /\.rule\.ya?ml$/],
];

/** Every code file, by path from the package root (POSIX separators), sorted. */
function codeFiles(): string[] {
  const out: string[] = [];
  const visit = (rel: string, pattern: RegExp): void => {
    let entries;
    try {
      entries = readdirSync(fromRoot(rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(rel, e.name);
      if (e.isDirectory()) visit(p, pattern);
      else if (pattern.test(e.name)) out.push(p.split(path.sep).join('/'));
    }
  };
  for (const [dir, pattern] of CODE) visit(dir, pattern);
  return out.sort();
}

function contentDigest(files: readonly string[]): string {
  const h = createHash('sha256');
  for (const f of files) h.update(f).update('\0').update(readFileSync(fromRoot(f))).update('\n');
  return h.digest('hex');
}

/** Build step: record the code's digest (after everything it covers is written). */
export function writeBuildManifest(): void {
  const files = codeFiles();
  writeFileSync(BUILD_MANIFEST, `${JSON.stringify({ digest: contentDigest(files), files: files.length })}\n`);
}

/** The running code's digest and where it came from (the build's record, or the files' content read now). */
export function codeDigestNow(): { digest: string; from: 'record' | 'content' } {
  const files = codeFiles();
  try {
    const recorded = JSON.parse(readFileSync(BUILD_MANIFEST, 'utf8')) as { digest?: unknown; files?: unknown };
    const at = statSync(BUILD_MANIFEST).mtimeMs;
    if (typeof recorded.digest === 'string' && recorded.files === files.length && files.every((f) => statSync(fromRoot(f)).mtimeMs <= at)) return { digest: recorded.digest, from: 'record' };
  } catch {
    // no record (not built by npm run build), or a file vanished: compute it
  }
  return { digest: contentDigest(files), from: 'content' };
}

let current: string | undefined;

/** The running code's digest (once per process). */
export function builtCodeDigest(): string {
  return (current ??= codeDigestNow().digest);
}
