import type { Rule } from '../../src/model/rule.js';
import { basename, extname, formatSize, isAnchor, lineOne, sizeOf, TEST_DIR } from './lib.js';

/** Compiled or executable code: nobody can review what it does. */
const EXECUTABLE = new Set(['.exe', '.dll', '.so', '.dylib', '.jar', '.war', '.ear', '.class', '.pyc', '.pyo', '.msi', '.apk', '.aab', '.ipa', '.deb', '.rpm', '.elf', '.o', '.a', '.wasm']);
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

/** Binaries and archives in source control cannot be reviewed and may be tampered with. */
const rule: Rule = {
  meta: {
    id: 'repository/binary-artifact',
    title: 'Binary or archive committed to the repository',
    description:
      'Executables, libraries, compiled classes and archives in a repository cannot be reviewed like source code: nobody can see what they do, whether they match the source they claim to come from, or whether someone swapped them for a malicious build. They also bypass dependency scanning and licence checks. Build artefacts belong in a package registry or release, built reproducibly from reviewed source; third-party binaries should come from their publisher through a package manager with checksums.',
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
    for (const f of ctx.project.files) {
      const kind = artefactKind(f.path);
      if (!kind) continue;
      const data = { file: f.path, size: formatSize(sizeOf(ctx.project, f)) };
      if (/(^|\/)gradle-wrapper\.jar$/.test(f.path)) {
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
