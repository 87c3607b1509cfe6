import type { Rule } from '../../../src/model/rule.js';
import { copySources, instructionsWithTriggers, rangeOf, REMOTE_SOURCE } from './lib.js';

/**
 * Names ADD may unpack. Docker recognises a tar archive by its content, uncompressed or compressed
 * with gzip, bzip2, xz or zstd, so a bare `.gz`/`.bz2`/`.xz`/`.zst` may be a tarball ADD extracts.
 */
const ARCHIVE = /\.(tar|tgz|tbz2?|txz|tzst|tar\.(gz|bz2|xz|zst|lz|lzma|z)|gz|bz2|xz|zst)$/i;

/** ADD of local, non-archive files: COPY does the same with fewer surprises. */
const rule: Rule = {
  meta: {
    id: 'iac/dockerfile-add-instead-of-copy',
    title: 'ADD used where COPY suffices',
    description:
      'ADD does more than copy: it unpacks local tar archives and fetches URLs. Used for ordinary local files it hides that behaviour from reviewers, and a file that later becomes (or is replaced by) an archive is silently extracted into the image. COPY copies exactly what it is given. Local tar archives (including single compressed files such as `.gz` or `.xz`, which may be tarballs), which ADD extracts on purpose, are not reported; remote URLs are reported by iac/dockerfile-add-remote-url.',
    severity: 'low',
    kinds: ['dockerfile'],
    messages: {
      useCopy: '`ADD {{sources}}` copies local files (expected COPY, since nothing is extracted or downloaded); replace ADD with COPY.',
    },
    remediation: 'Replace `ADD` with `COPY` for local files and directories; keep ADD only to extract a local tar archive.',
    references: [
      'https://docs.docker.com/build/building/best-practices/#add-or-copy',
      'https://github.com/hadolint/hadolint/wiki/DL3020',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['7'], caf: ['B4'] },
    equivalents: { hadolint: ['DL3020'], checkov: ['CKV_DOCKER_4'], kics: ['9513a694-aa0d-41d8-be61-3271e056f36b'], trivy: ['AVD-DS-0005'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    if (ctx.document.format !== 'dockerfile') return;
    for (const inst of instructionsWithTriggers(ctx.document.dockerfile)) {
      if (inst.getKeyword() !== 'ADD') continue;
      const { sources } = copySources(inst);
      if (sources.length === 0) continue;
      // Any remote, archive or variable source: ADD may be doing its extra work (or we cannot tell).
      if (sources.some((s) => REMOTE_SOURCE.test(s) || ARCHIVE.test(s) || s.includes('$') || /\*$/.test(s))) continue;
      ctx.report({ messageId: 'useCopy', range: rangeOf(inst), data: { sources: sources.join(' ') } });
    }
  },
};
export default rule;
