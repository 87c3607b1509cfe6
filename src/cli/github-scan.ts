import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import type { ScanResult } from '../model/finding.js';
import {
  formatGithubTarget,
  GithubError,
  listOrganisationRepositories,
  mapWithConcurrency,
  parseGithubTarget,
  remoteFindings,
  remotePostureChecks,
  tokenFromEnv,
  withGithubRepository,
  type GithubRepoTarget,
  type GithubTarget,
} from '../github/index.js';
import { rollUp } from '../standards/rollup.js';
import { isStandardId } from '../standards/catalogue.js';
import { mergeResults } from './result-commands.js';
import { parseFormatOption } from '../reporters/index.js';
import { exitCodeFor, parseShard, printTiming, runScan, writeReports, type PreparedScan, type ScanCliOptions } from './scan-command.js';
import { sha256 } from '../engine/fingerprint.js';

export interface GithubScanOptions extends ScanCliOptions {
  include?: string;
  exclude?: string;
  archived?: boolean;
  outputDir?: string;
  concurrency?: string;
}

/** `github:<owner>/<repo>[@ref]` or `github-org:<org>`, or undefined for a local target. Bad specs are usage errors. */
export function githubTargetOf(targets: string[]): GithubTarget | undefined {
  const remote = targets.filter((t) => t.startsWith('github:') || t.startsWith('github-org:'));
  if (remote.length === 0) return undefined;
  if (targets.length > 1) throw new UsageError('scan one GitHub target at a time (github:<owner>/<repo> or github-org:<org>), without local folders');
  try {
    return parseGithubTarget(remote[0]);
  } catch (e) {
    throw new UsageError((e as Error).message, { cause: e });
  }
}

/** Download one repository at its ref, scan it like a local folder, add the remote posture checks. */
async function scanRepository(target: GithubRepoTarget, opts: ScanCliOptions): Promise<PreparedScan> {
  return withGithubRepository(target, {}, async (checkout, source) => {
    const prepared = await runScan([checkout.dir], { ...opts, changedSince: undefined, cache: false }, true, source);
    const { result } = prepared;
    result.target = formatGithubTarget(target);
    if (tokenFromEnv()) {
      const remote = remoteFindings(await remotePostureChecks(target.owner, target.repo), `${target.owner}/${target.repo}`, 'README.md');
      result.findings.push(...remote.findings);
      result.notices.push(...remote.notices);
      if (result.standard && isStandardId(result.standard)) result.criteria = rollUp(result, result.standard, prepared.rules);
    } else {
      result.notices.push({ level: 'info', message: 'GITHUB_TOKEN is not set: remote posture checks (branch protection, secret scanning, Dependabot alerts, reviews) did not run' });
    }
    return { ...prepared, baseDir: checkout.dir };
  });
}

function githubFailure(e: unknown): never {
  if (e instanceof GithubError) throw new UsageError(e.message, { cause: e });
  throw e;
}

export async function githubScanCommand(target: GithubTarget, opts: GithubScanOptions): Promise<number> {
  if (target.kind === 'repo') {
    const prepared = await scanRepository(target, opts).catch(githubFailure);
    const reportsFrom = performance.now();
    await writeReports(prepared.result, prepared.formats, { rules: prepared.rules, failOn: prepared.failOn, color: opts.color, quiet: opts.quiet });
    printTiming(prepared.timing, prepared.result, reportsFrom);
    return exitCodeFor(prepared.result, prepared.failOn);
  }
  const split = (s?: string) => s?.split(',').map((x) => x.trim()).filter(Boolean);
  let repos = await listOrganisationRepositories(target.org, { include: split(opts.include), exclude: split(opts.exclude), archived: opts.archived }).catch(githubFailure);
  // --shard on an organisation shares out whole repositories (each is downloaded by one shard only)
  const shard = parseShard(opts.shard);
  if (shard) repos = repos.filter((r) => parseInt(sha256(r.fullName).slice(0, 8), 16) % shard.count === shard.index - 1);
  opts = { ...opts, shard: undefined };
  if (repos.length === 0) throw new UsageError(`no repositories of ${target.org} match the filters${shard ? ' in this shard' : ''}`);
  const failures: { repo: string; reason: string }[] = [];
  let last: PreparedScan | undefined;
  const limit = Math.max(1, Math.min(8, Number(opts.concurrency ?? 3) || 3));
  const results = await mapWithConcurrency(repos, limit, async (repo) => {
    try {
      const prepared = await scanRepository({ kind: 'repo', owner: repo.owner, repo: repo.name }, { ...opts, format: ['json'] });
      last = prepared;
      if (opts.outputDir) {
        mkdirSync(opts.outputDir, { recursive: true });
        writeFileSync(path.join(opts.outputDir, `${repo.owner}__${repo.name}.json`), `${JSON.stringify(prepared.result, null, 2)}\n`);
      }
      return prepared.result;
    } catch (e) {
      // one repository failing never stops the others: it is listed with its reason
      failures.push({ repo: repo.fullName, reason: (e as Error).message.split('\n')[0] });
      return undefined;
    }
  });
  const ok = results.filter((r): r is ScanResult => r !== undefined);
  if (ok.length === 0 || !last) throw new UsageError(`every repository of ${target.org} failed: ${failures.map((f) => `${f.repo}: ${f.reason}`).join('; ')}`);
  const merged = mergeResults(ok);
  merged.target = formatGithubTarget(target);
  for (const f of failures.sort((a, b) => (a.repo < b.repo ? -1 : 1))) merged.notices.push({ level: 'error', message: `${f.repo} was not scanned: ${f.reason}` });
  const standard = merged.standard && isStandardId(merged.standard) ? merged.standard : 'dsss-2021';
  merged.criteria = rollUp(merged, standard, last.rules);
  const formats = (opts.format?.length ? opts.format : ['text']).map(parseFormatOption);
  await writeReports(merged, formats, { rules: last.rules, failOn: last.failOn, color: opts.color, quiet: opts.quiet });
  return exitCodeFor(merged, last.failOn);
}
