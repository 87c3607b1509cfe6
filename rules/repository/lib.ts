import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { RuleContext } from '../../src/model/rule.js';
import type { ProjectContext, ProjectFile } from '../../src/engine/project.js';

/**
 * Repository-level checks look at the set of files in the scan (`ctx.project.files`) rather than at
 * one file's content. Conventions shared by every rule of the pack:
 *
 * - A check about a file that exists reports on that file (a LICENSE that is not open source: on the
 *   LICENSE; a committed `.env`: on the `.env`).
 * - A check about a file that is missing (no SECURITY.md, no CI configuration, …) reports at line 1 of
 *   the *anchor*: the repository's root README when there is one, otherwise the first file of the scan
 *   the rule runs on (files are checked in path order). The message names the missing file.
 * - A check about a file the engine cannot read as text (a committed `.exe`, a `.p12` keystore) reports
 *   on the anchor too, naming the file.
 * - The scan target is taken to be the repository root. When it is a sub-folder of a Git working tree
 *   (an ancestor folder has `.git`, and the target has none of `.git`, a README, a LICENSE, a
 *   `.gitignore` or `.github/`), the repository rules do not run: their answers would be about the
 *   folder, not the repository.
 */

export const ROOT_README = /^readme(\.(md|markdown|mdown|rst|txt|adoc|asciidoc|org|textile|rdoc|pod|creole|wiki|mediawiki|html?))?$/i;

/** Folders GitHub reads community health files from, in its order of precedence. */
export const HEALTH_DIRS = ['.github/', '', 'docs/'] as const;

export function basename(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? p : p.slice(i + 1);
}

export function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

export function extname(p: string): string {
  const b = basename(p);
  const i = b.lastIndexOf('.');
  return i <= 0 ? '' : b.slice(i).toLowerCase();
}

/** Files whose folder is one of `dirs` ('' = root) and whose name matches. */
export function filesIn(files: readonly ProjectFile[], dirs: readonly string[], name: RegExp): ProjectFile[] {
  return files.filter((f) => {
    const d = dirname(f.path);
    return dirs.some((x) => (x === '' ? d === '' : d === x.replace(/\/$/, ''))) && name.test(basename(f.path));
  });
}

export function rootReadme(files: readonly ProjectFile[]): ProjectFile | undefined {
  return files.find((f) => !f.path.includes('/') && ROOT_README.test(f.path));
}

/** Size in bytes of a file of the scan (the engine's entry carries it; else stat it). */
export function sizeOf(project: ProjectContext, file: ProjectFile): number | undefined {
  const s = (file as ProjectFile & { size?: unknown }).size;
  if (typeof s === 'number') return s;
  try {
    return statSync(path.join(project.root, file.path)).size;
  } catch {
    return undefined;
  }
}

export function formatSize(bytes: number | undefined): string {
  if (bytes === undefined) return 'unknown size';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * A file of the scan as text, or undefined when too big or unreadable. Read through the project (not
 * the disk) so the result cache knows the check depends on it.
 */
export function readText(project: ProjectContext, file: string, maxBytes = 1024 * 1024): string | undefined {
  const f = project.readFile(file);
  return f && f.size <= maxBytes ? f.text : undefined;
}

function isRepositoryRoot(root: string, files: readonly ProjectFile[]): boolean {
  if (existsSync(path.join(root, '.git'))) return true;
  if (files.some((f) => !f.path.includes('/') && (ROOT_README.test(f.path) || /^(licen[cs]e|copying)([.-].*)?$/i.test(f.path) || f.path === '.gitignore'))) return true;
  if (files.some((f) => f.path.startsWith('.github/'))) return true;
  // Not obviously a repository root: a sub-folder of a Git working tree is not a repository.
  let dir = path.dirname(root);
  for (let i = 0; i < 64; i++) {
    if (existsSync(path.join(dir, '.git'))) return false;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return true;
}

/** True when repository-level rules apply to this scan (see the conventions above); notes it once when not. */
export function repositoryScan(ctx: RuleContext): boolean {
  const ok = ctx.project.memo('repository:is-root', () => isRepositoryRoot(ctx.project.root, ctx.project.files));
  // said once (a scan-wide notice), from the scan's first file, whichever thread checks it
  if (!ok && ctx.file.path === ctx.project.files[0]?.path) {
    ctx.notice('The scan target is a sub-folder of a Git repository, so the repository pack\'s checks (README, LICENSE, SECURITY.md, …) did not run; scan the repository root for them.', 'info', 'scan');
  }
  return ok;
}

/**
 * True when `ctx.file` is where repository-level findings about missing files are reported: the root
 * README when there is one, else the first file of the scan (in path order) that the engine can read.
 * It depends only on the file list, so every thread, shard and cached run picks the same anchor.
 */
export function isAnchor(ctx: RuleContext): boolean {
  if (!repositoryScan(ctx)) return false;
  const readme = ctx.project.memo('repository:root-readme', () => rootReadme(ctx.project.files));
  if (readme) return ctx.file.path === readme.path;
  const project = ctx.project;
  const anchor = project.memo('repository:anchor', () => project.files.find((f) => project.readFile(f.path))?.path);
  return anchor === ctx.file.path;
}

/** Line 1 of the current file, for findings about the repository as a whole. */
export function lineOne(ctx: RuleContext) {
  return ctx.file.lines.lineRange(1);
}

/** Whether the engine reads this file as text (so a rule can report on it directly). */
export function readableByEngine(ctx: RuleContext, file: string): boolean {
  return ctx.project.readFile(file) !== undefined;
}

/** Folders that usually hold test data: findings there are lower confidence. */
export const TEST_DIR = /(^|\/)(tests?|spec|specs|__tests__|testdata|test-data|fixtures?|__fixtures__|mocks?|__mocks__|examples?|samples?)(\/|$)/i;

/** Files that mark a code base (so CI and dependency-update checks apply). */
export const SOURCE_EXT = /\.(js|mjs|cjs|jsx|ts|mts|cts|tsx|py|go|java|kt|kts|scala|rb|php|cs|fs|vb|rs|swift|c|cc|cpp|h|hpp|m|ex|exs|erl|clj|dart|lua|pl|r|sh|bash|ps1|tf|tfvars|njk|vue|svelte|erb|sql|groovy)$/i;
