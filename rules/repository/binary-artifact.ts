import { closeSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import type { Rule } from '../../src/model/rule.js';
import type { ProjectContext } from '../../src/engine/project.js';
import { basename, extname, formatSize, isAnchor, lineOne, readText, sizeOf, TEST_DIR } from './lib.js';

/** Compiled or executable code: nobody can review what it does. */
const EXECUTABLE = new Set([
  '.exe', '.dll', '.so', '.dylib', '.jar', '.war', '.ear', '.class', '.pyc', '.pyo', '.msi', '.apk', '.aab', '.ipa', '.deb', '.rpm', '.elf', '.o', '.a', '.wasm',
  // Windows static libraries, ActiveX controls and drivers, EFI executables, Android Dalvik code, Chrome extensions, macOS bundles, Perl/Python archives
  '.lib', '.ocx', '.drv', '.efi', '.dex', '.dey', '.crx', '.bundle', '.par',
]);
/** Archives: opaque bundles that may hold anything. */
const ARCHIVE = new Set(['.zip', '.tar', '.gz', '.tgz', '.bz2', '.xz', '.7z', '.rar', '.iso', '.dmg', '.whl', '.egg', '.nupkg', '.gem', '.crate']);

export function artefactKind(path: string): 'executable' | 'archive' | undefined {
  const ext = extname(path);
  if (EXECUTABLE.has(ext)) return 'executable';
  if (ARCHIVE.has(ext)) return 'archive';
  // versioned shared objects: libfoo.so.1.2
  if (/\.so(\.\d+)+$/.test(basename(path))) return 'executable';
  return undefined;
}

/** Executable formats by their first bytes: ELF, Mach-O (32/64-bit, either byte order, universal) and PE/DOS. */
export function executableMagic(head: Uint8Array): boolean {
  if (head.length < 4) return false;
  const word = ((head[0] << 24) | (head[1] << 16) | (head[2] << 8) | head[3]) >>> 0;
  if (word === 0x7f454c46) return true; // \x7fELF
  if ([0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe].includes(word)) return true;
  return head[0] === 0x4d && head[1] === 0x5a; // MZ
}

/** The first bytes of a file, read from disk: call binaryContent() first, whose project.readFile() records the dependency for the result cache. */
function firstBytes(root: string, file: string): Uint8Array {
  const buf = new Uint8Array(4);
  let fd: number | undefined;
  try {
    fd = openSync(path.join(root, file), 'r');
    return buf.subarray(0, readSync(fd, buf, 0, 4, 0));
  } catch {
    return new Uint8Array(0);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A Git LFS pointer: the binary is still part of the repository, stored outside Git. */
const LFS_POINTER = /^version https:\/\/git-lfs\.github\.com\/spec\//;

/**
 * Whether a file of the scan is binary: the engine does not read it as text (or it is a Git LFS pointer).
 * A text file with a binary's extension (a `.so` linker script, a `.lib` makefile fragment) can be reviewed.
 */
function binaryContent(project: ProjectContext, file: string): boolean {
  const text = project.readFile(file)?.text;
  return text === undefined || LFS_POINTER.test(text);
}

/** Workflows that check the Gradle wrapper's checksum: the wrapper-validation actions, and setup-gradle from v4 (on by default). */
const WRAPPER_VALIDATION = /uses:\s*["']?gradle\/(wrapper-validation-action|actions\/wrapper-validation)@/;
const SETUP_GRADLE_V4 = /uses:\s*["']?gradle\/actions\/setup-gradle@v?([4-9]|\d{2,})\b/;

function gradleWrapperValidated(project: ProjectContext): boolean {
  return project.files.some((f) => {
    if (!/^\.github\/workflows\/[^/]+\.ya?ml$/.test(f.path)) return false;
    const text = readText(project, f.path) ?? '';
    return WRAPPER_VALIDATION.test(text) || (SETUP_GRADLE_V4.test(text) && !/validate-wrappers:\s*["']?false/.test(text));
  });
}

/** Binaries and archives in source control cannot be reviewed and may be tampered with. */
const rule: Rule = {
  meta: {
    id: 'repository/binary-artifact',
    title: 'Binary or archive committed to the repository',
    description:
      'Executables, libraries, compiled classes and archives in a repository cannot be reviewed like source code: nobody can see what they do, whether they match the source they claim to come from, or whether someone swapped them for a malicious build. They also bypass dependency scanning and licence checks. Build artefacts belong in a package registry or release, built reproducibly from reviewed source; third-party binaries should come from their publisher through a package manager with checksums. A file is reported by its extension when its content is binary (a text file named `.so` or `.lib`, such as a linker script, can be reviewed), or by its executable header (ELF, Mach-O, PE) when it has no extension; a Gradle wrapper JAR is not reported when a workflow validates it (gradle/actions/wrapper-validation, or setup-gradle from v4, which validates by default).',
    severity: 'medium',
    kinds: ['text'],
    messages: {
      executable: 'Committed binary {{file}} ({{size}}): compiled code cannot be reviewed; build it from source in CI and publish it as a release or package, or fetch it with a package manager and a checksum.',
      archive: 'Committed archive {{file}} ({{size}}): its contents cannot be reviewed or scanned; commit the source files instead, or fetch the archive at build time with a pinned checksum.',
      wrapper: 'Committed Gradle wrapper {{file}} ({{size}}): keep it only if CI validates it (gradle/actions/wrapper-validation), as a swapped wrapper runs arbitrary code in every build.',
    },
    remediation: 'Remove the binary from the repository (and its history if it was never meant to be public); build it in CI from source and publish it as a release or package, or download it at build time with a pinned checksum.',
    references: [
      'https://github.com/ossf/scorecard/blob/main/docs/checks.md#binary-artifacts',
      'https://www.ncsc.gov.uk/collection/developers-collection/principles/secure-the-build-and-deployment-pipeline',
      'https://slsa.dev/spec/v1.0/requirements',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['2', '10'], caf: ['A4', 'B4'], cwe: ['CWE-506'] },
    equivalents: { scorecard: ['Binary-Artifacts'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    if (!isAnchor(ctx)) return;
    const project = ctx.project;
    for (const f of project.files) {
      // by extension when the content is binary; files without one by their executable header
      let kind = artefactKind(f.path);
      if (kind && !binaryContent(project, f.path)) continue;
      if (!kind && !extname(f.path) && binaryContent(project, f.path) && executableMagic(firstBytes(project.root, f.path))) kind = 'executable';
      if (!kind) continue;
      const data = { file: f.path, size: formatSize(sizeOf(project, f)) };
      if (/(^|\/)gradle-wrapper\.jar$/.test(f.path)) {
        if (project.memo('repository:gradle-wrapper-validated', () => gradleWrapperValidated(project))) continue;
        ctx.report({ messageId: 'wrapper', range: lineOne(ctx), data, severity: 'low', properties: { artefact: f.path } });
        continue;
      }
      // executables are medium; archives, and anything in test data folders, low
      const severity = kind === 'archive' || TEST_DIR.test(f.path) ? 'low' : undefined;
      ctx.report({ messageId: kind, range: lineOne(ctx), data, ...(severity ? { severity } : {}), properties: { artefact: f.path } });
    }
  },
};
export default rule;
