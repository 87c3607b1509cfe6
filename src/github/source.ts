import type { Finding, Notice, ScanResult } from '../model/finding.js';
import { fingerprintOf } from '../engine/fingerprint.js';
import { downloadRepository, type DownloadedRepository, type DownloadOptions } from './download.js';
import { REMOTE_CHECK_BY_ID, type RemoteCheckResult } from './remote-checks.js';
import type { GithubRepoTarget } from './target.js';

/** `ScanResult.source` for a scan of a downloaded GitHub repository. */
export function githubSource(checkout: Pick<DownloadedRepository, 'sha' | 'url'>): NonNullable<ScanResult['source']> {
  return { type: 'github', revision: checkout.sha, url: checkout.url };
}

/** Download a repository, run `fn` on the checkout, and always remove the checkout afterwards. */
export async function withGithubRepository<T>(target: GithubRepoTarget | string, opts: DownloadOptions, fn: (checkout: DownloadedRepository, source: NonNullable<ScanResult['source']>) => Promise<T>): Promise<T> {
  const checkout = await downloadRepository(target, opts);
  try {
    return await fn(checkout, githubSource(checkout));
  } finally {
    await checkout.cleanup();
  }
}

/**
 * Remote check results as report entries: each `fail` becomes a Finding of the `repository` pack at line 1
 * of `file` (the root README, or '.' for the repository as a whole); each `inconclusive` becomes a warning
 * notice naming the permission; passes produce nothing. `repo` (`owner/name`) keys the fingerprints.
 */
export function remoteFindings(results: readonly RemoteCheckResult[], repo: string, file = '.'): { findings: Finding[]; notices: Notice[] } {
  const findings: Finding[] = [];
  const notices: Notice[] = [];
  for (const r of results) {
    const meta = REMOTE_CHECK_BY_ID.get(r.ruleId);
    if (r.status === 'inconclusive') {
      notices.push({ level: 'warning', ruleId: r.ruleId, message: r.message });
      continue;
    }
    if (r.status !== 'fail' || !meta) continue;
    findings.push({
      ruleId: r.ruleId,
      pack: 'repository',
      severity: r.severity,
      message: r.message,
      messageId: 'default',
      file,
      range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
      fingerprint: fingerprintOf(r.ruleId, file, `github:${repo}`, 0),
      standards: meta.standards,
      evidence: '',
      help: `saltire explain ${r.ruleId}`,
      properties: { remote: true, status: r.status, ...(r.properties ?? {}) },
    });
  }
  return { findings, notices };
}
