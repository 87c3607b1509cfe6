/**
 * Lockfile parsers. JSON lockfiles and pnpm-lock.yaml arrive as the engine's data tree; the other
 * formats are read from the file's text.
 */
import type { ParsedDocument, SourceFile } from '../model/document.js';
import { parsePackageLock } from './npm.js';
import { parseYarnLock } from './yarn.js';
import { parsePnpmDocuments } from './pnpm.js';
import { parseBunLock } from './bun.js';
import { parsePipfileLock, parsePoetryLock, parseRequirements } from './python.js';
import { parsePdmLock, parsePylock, parseUvLock } from './python-toml.js';
import { parseGoMod } from './go.js';
import { parseGradleLockfile, parsePom } from './maven.js';
import { parseNugetLock } from './nuget.js';
import { parsePackagesConfig, parseProjectFile } from './dotnet.js';
import { parseCargoLock } from './cargo.js';
import { parseGemfileLock } from './ruby.js';
import { parseComposerLock } from './composer.js';
import { emptyResult, type LockfileResult } from './types.js';

export * from './types.js';

export type LockfileFormat = 'package-lock' | 'yarn' | 'pnpm' | 'bun' | 'requirements' | 'poetry' | 'pipfile' | 'uv' | 'pdm' | 'pylock' | 'go.mod' | 'cargo' | 'gemfile' | 'composer' | 'gradle' | 'pom' | 'nuget' | 'packages-config' | 'msbuild';

/** An SDK-style .NET project file (C#, F#, Visual Basic): a manifest of PackageReferences. */
export const MSBUILD_PROJECT = /\.(?:cs|fs|vb)proj$/i;
/** NuGet's packages.config, or `packages.<project name>.config` for a project sharing its folder. */
const PACKAGES_CONFIG = /^packages(?:\.[\w-][\w.-]*)?\.config$/;

/** Gradle 4.8–5's dependency locking: one `gradle/dependency-locks/<configuration>.lockfile` per configuration. */
const LEGACY_GRADLE_LOCK = /(^|\/)gradle\/dependency-locks\/[^/]+\.lockfile$/;

/** PEP 751: `pylock.toml`, or `pylock.<name>.toml` for a named lock. */
const PYLOCK = /^pylock\.([^.]+\.)?toml$/;

export function lockfileFormat(path: string): LockfileFormat | undefined {
  const name = (path.split('/').pop() ?? path).toLowerCase();
  switch (name) {
    case 'package-lock.json':
    case 'npm-shrinkwrap.json':
      return 'package-lock';
    case 'yarn.lock':
      return 'yarn';
    case 'pnpm-lock.yaml':
      return 'pnpm';
    case 'bun.lock':
      return 'bun';
    case 'poetry.lock':
      return 'poetry';
    case 'pipfile.lock':
      return 'pipfile';
    case 'uv.lock':
      return 'uv';
    case 'pdm.lock':
      return 'pdm';
    case 'go.mod':
      return 'go.mod';
    case 'cargo.lock':
      return 'cargo';
    case 'gemfile.lock':
      return 'gemfile';
    case 'composer.lock':
      return 'composer';
    case 'gradle.lockfile':
    case 'buildscript-gradle.lockfile':
      return 'gradle';
    case 'pom.xml':
      return 'pom';
    case 'packages.lock.json':
      return 'nuget';
  }
  if (PACKAGES_CONFIG.test(name)) return 'packages-config';
  if (MSBUILD_PROJECT.test(name)) return 'msbuild';
  if (/^requirements([-_.][\w.-]*)?\.txt$/.test(name)) return 'requirements';
  if (LEGACY_GRADLE_LOCK.test(path.toLowerCase())) return 'gradle';
  if (PYLOCK.test(name)) return 'pylock';
  return undefined;
}

/** Parse a lockfile of any supported format; never throws. */
export function parseLockfile(file: Pick<SourceFile, 'path' | 'text' | 'lines'>, document: ParsedDocument): LockfileResult {
  const format = lockfileFormat(file.path);
  const root = document.format === 'data' ? document.roots[0] ?? null : null;
  switch (format) {
    case 'package-lock':
      return parsePackageLock(root, file.lines);
    case 'pnpm':
      return parsePnpmDocuments(document.format === 'data' ? document.roots : [], file.lines);
    case 'bun':
      return parseBunLock(root, file.lines);
    case 'pipfile':
      return parsePipfileLock(root, file.lines);
    case 'composer':
      return parseComposerLock(root, file.lines);
    case 'yarn':
      return parseYarnLock(file.text);
    case 'requirements':
      return parseRequirements(file.text);
    case 'poetry':
      return parsePoetryLock(file.text);
    case 'uv':
      return parseUvLock(file.text);
    case 'pdm':
      return parsePdmLock(file.text);
    case 'pylock':
      return parsePylock(file.text);
    case 'go.mod':
      return parseGoMod(file.text);
    case 'cargo':
      return parseCargoLock(file.text);
    case 'gemfile':
      return parseGemfileLock(file.text);
    case 'gradle': {
      // a legacy per-configuration lock file lists bare coordinates; its name is the configuration
      const legacy = LEGACY_GRADLE_LOCK.test(file.path.toLowerCase()) ? /([^/]+)\.lockfile$/i.exec(file.path)?.[1] : undefined;
      return parseGradleLockfile(file.text, legacy, /(^|\/)buildscript-gradle\.lockfile$/i.test(file.path));
    }
    case 'pom':
      return parsePom(file.text);
    case 'nuget':
      return parseNugetLock(root, file.lines);
    case 'packages-config':
      return parsePackagesConfig(file.text);
    case 'msbuild':
      // without the project's context: no Directory.Packages.props (the dependencies rules supply it)
      return parseProjectFile(file.text);
    default:
      return { ...emptyResult('unknown'), unrecognised: true };
  }
}
