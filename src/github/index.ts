/** GitHub as a scan source: targets, download, organisation listing and remote posture checks. */
export { createGithubClient, GithubError, makeScrubber, tokenFromEnv, apiUrlFromEnv, DEFAULT_API_URL, type GithubClient, type GithubClientOptions, type GithubErrorCode } from './client.js';
export { parseGithubTarget, formatGithubTarget, isValidRef, type GithubTarget, type GithubRepoTarget, type GithubOrgTarget } from './target.js';
export { downloadRepository, type DownloadOptions, type DownloadedRepository } from './download.js';
export { listOrganisationRepositories, type ListOrgOptions, type OrgRepository } from './org.js';
export { mapWithConcurrency } from '../concurrency.js';
export { remotePostureChecks, type PostureOptions } from './posture.js';
export { REMOTE_CHECKS, type RemoteCheckResult, type RemoteStatus } from './remote-checks.js';
export { TarExtractor, TarError, safeEntryPath, type TarExtractOptions, type TarExtractResult } from './tar.js';
export { githubSource, withGithubRepository, remoteFindings } from './source.js';
