import type { Detector } from '../lib/types.js';
import { validBase62Crc } from '../lib/checksums.js';
import { shannonEntropy } from '../lib/entropy.js';
import { L, R, RB, RD, contextual, prefixed, re } from './helpers.js';

/** A made-up token: the word `Token` in it, or six or more zeros at its end (a real one's checksum would rarely end so). */
const MADE_UP = /Token|0{6,}$/;
const GH_REF = 'https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/';

function github(prefix: string, id: string, name: string, gitleaks: string): Detector {
  return prefixed(id, name, 'GitHub', [`${prefix}_`], `${L}(${prefix}_[A-Za-z0-9]{36})${R}`, {
    // the last 6 characters are the base62 CRC-32 of the 30 before them: a typo or made-up value fails the
    // check, and is still reported (it may be a real token mangled in copying), at low severity
    validate: (s) =>
      validBase62Crc(s.slice(4))
        ? { properties: { checksum: 'valid' } }
        : // a documentation value spelled out in words and padded with zeros (`ghp_PersonalAccessToken0124…00000000`) is not a mangled token
          !MADE_UP.test(s) && { severity: 'low', note: 'its checksum does not match: mistyped, truncated or made up?', properties: { checksum: 'invalid' } },
    checksum: 'crc32-base62',
    minEntropy: 0,
    reference: GH_REF,
    gitleaks: [gitleaks],
    secretlint: ['@secretlint/secretlint-rule-github'],
  });
}

/** Source hosting: GitHub, GitLab, Bitbucket and Atlassian, Azure DevOps, Gitea. */
export const VCS_DETECTORS: Detector[] = [
  github('ghp', 'github-pat', 'GitHub personal access token (classic)', 'github-pat'),
  github('gho', 'github-oauth-token', 'GitHub OAuth access token', 'github-oauth'),
  github('ghu', 'github-user-to-server-token', 'GitHub App user-to-server token', 'github-app-token'),
  github('ghs', 'github-server-to-server-token', 'GitHub App installation (server-to-server) token', 'github-app-token'),
  {
    ...github('ghr', 'github-refresh-token', 'GitHub App refresh token', 'github-refresh-token'),
    // GitHub App user refresh tokens as GitHub documents them are 76 characters after `ghr_`, with no published checksum
    regex: re(`(ghr_(?:[A-Za-z0-9]{76}|[A-Za-z0-9]{36}))${R}`),
    validate: (s) =>
      s.length === 40
        ? validBase62Crc(s.slice(4))
          ? { properties: { checksum: 'valid' } }
          : { severity: 'low', note: 'its checksum does not match: mistyped, truncated or made up?', properties: { checksum: 'invalid' } }
        : shannonEntropy(s) >= 4,
    reference: 'https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/refreshing-user-access-tokens',
  },
  prefixed('github-fine-grained-pat', 'GitHub fine-grained personal access token', 'GitHub', ['github_pat_'], `${L}(github_pat_[A-Za-z0-9_]{82})${R}`, {
    minEntropy: 4,
    reference: GH_REF,
    gitleaks: ['github-fine-grained-pat'],
    secretlint: ['@secretlint/secretlint-rule-github'],
  }),
  // OAuth app client secrets, and classic tokens made before the ghp_ prefix (2021): 40 hex, only next to a GitHub name
  contextual('github-client-secret', 'GitHub OAuth app client secret or pre-2021 token (40 hex)', 'GitHub', ['github'], 'github[\\w.-]{0,20}(?:secret|token|pat(?![a-z]))', '[a-f0-9]{40}', {
    severity: 'high',
    reference: 'https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps',
    kingfisher: ['kingfisher.github.6'],
  }),
  prefixed('gitlab-pat', 'GitLab personal/project/group access token', 'GitLab', ['glpat-'], `${L}(glpat-[A-Za-z0-9_-]{20,300}(?:\\.[0-9a-z]{2}\\.[0-9a-z]{9})?)${RD}`, { kingfisher: ['kingfisher.gitlab.1'],
    reference: 'https://docs.gitlab.com/security/tokens/',
    gitleaks: ['gitlab-pat', 'gitlab-pat-routable'],
  }),
  prefixed('gitlab-deploy-token', 'GitLab deploy token', 'GitLab', ['gldt-'], `${L}(gldt-[A-Za-z0-9_-]{20,})${RD}`, { gitleaks: ['gitlab-deploy-token'] }),
  prefixed('gitlab-runner-auth-token', 'GitLab runner authentication token', 'GitLab', ['glrt-'], `${L}(glrt-[A-Za-z0-9_-]{20,300}(?:\\.[0-9a-z]{2}\\.[0-9a-z]{9})?)${RD}`, { gitleaks: ['gitlab-runner-authentication-token', 'gitlab-runner-authentication-token-routable'] }),
  prefixed('gitlab-runner-registration-token', 'GitLab runner registration token', 'GitLab', ['gr1348941'], `${L}(GR1348941[A-Za-z0-9_-]{20})${RD}`, { kingfisher: ['kingfisher.gitlab.2'], gitleaks: ['gitlab-rrt'] }),
  prefixed('gitlab-pipeline-trigger-token', 'GitLab pipeline trigger token', 'GitLab', ['glptt-'], `${L}(glptt-[0-9a-f]{40})${R}`, { kingfisher: ['kingfisher.gitlab.3'], gitleaks: ['gitlab-ptt'] }),
  prefixed('gitlab-ci-build-token', 'GitLab CI/CD job token', 'GitLab', ['glcbt-'], `${L}(glcbt-[0-9a-f]{1,5}_[A-Za-z0-9_-]{20})${RD}`, { severity: 'high', gitleaks: ['gitlab-cicd-job-token'] }),
  prefixed('gitlab-incoming-mail-token', 'GitLab incoming mail token', 'GitLab', ['glimt-'], `${L}(glimt-[A-Za-z0-9_-]{25})${RD}`, { severity: 'high', gitleaks: ['gitlab-incoming-mail-token'] }),
  prefixed('gitlab-feed-token', 'GitLab feed token', 'GitLab', ['glft-'], `${L}(glft-[A-Za-z0-9_-]{20})${RD}`, { severity: 'medium', gitleaks: ['gitlab-feed-token'] }),
  prefixed('gitlab-scim-token', 'GitLab SCIM token', 'GitLab', ['glsoat-'], `${L}(glsoat-[A-Za-z0-9_-]{20})${RD}`, { gitleaks: ['gitlab-scim-token'] }),
  prefixed('gitlab-oauth-app-secret', 'GitLab OAuth application secret', 'GitLab', ['gloas-'], `${L}(gloas-[A-Za-z0-9_-]{64})${RD}`, { gitleaks: ['gitlab-oauth-app-secret'] }),
  prefixed('gitlab-kubernetes-agent-token', 'GitLab agent for Kubernetes token', 'GitLab', ['glagent-'], `${L}(glagent-[A-Za-z0-9_-]{50})${RD}`, { gitleaks: ['gitlab-kubernetes-agent-token'] }),
  prefixed('gitlab-feature-flag-token', 'GitLab feature flags client token', 'GitLab', ['glffct-'], `${L}(glffct-[A-Za-z0-9_-]{20})${RD}`, { severity: 'medium', gitleaks: ['gitlab-feature-flag-client-token'] }),
  prefixed('bitbucket-app-password', 'Bitbucket app password', 'Atlassian Bitbucket', ['atbb'], `${L}(ATBB[A-Za-z0-9_=.-]{28,32})${RD}`, {
    minEntropy: 3.5,
    reference: 'https://support.atlassian.com/bitbucket-cloud/docs/app-passwords/',
  }),
  prefixed('bitbucket-access-token', 'Bitbucket repository/workspace access token', 'Atlassian Bitbucket', ['atctt3'], `${L}(ATCTT3[A-Za-z0-9_=+-]{150,250})${RD}`, { minEntropy: 3.5 }),
  // Bitbucket Data Center / Server HTTP access tokens: `BBDC-` and base64 of `<numeric id>:<random bytes>`
  prefixed('bitbucket-dc-http-access-token', 'Bitbucket Data Center HTTP access token', 'Atlassian Bitbucket Data Center', ['bbdc-'], `${L}(BBDC-[A-Za-z0-9+/]{44})${RB}`, {
    minEntropy: 4,
    validate: (s) => /^\d{6,20}:/.test(Buffer.from(s.slice(5), 'base64').toString('latin1')),
    reference: 'https://confluence.atlassian.com/bitbucketserver/http-access-tokens-939515499.html',
  }),
  // Jira, Confluence, Bamboo and Bitbucket Data Center personal access tokens: base64 of `<numeric id>:<random bytes>`
  // (44 characters, so they start with M, N or O), only next to a product name
  contextual('atlassian-dc-personal-access-token', 'Jira/Confluence/Bamboo Data Center personal access token', 'Atlassian Data Center', ['jira', 'confluence', 'wiki', 'bitbucket', 'atlassian', 'bamboo'], '(?:jira|confluence|wiki|bitbucket|atlassian|bamboo)[\\w.-]{0,20}(?:pat|token)', '[MNO][A-Za-z0-9+/]{43}', {
    severity: 'high',
    minEntropy: 4,
    validate: (s) => /^\d{6,20}:/.test(Buffer.from(s, 'base64').toString('latin1')),
    reference: 'https://confluence.atlassian.com/enterprise/using-personal-access-tokens-1026032365.html',
    kingfisher: ['kingfisher.bamboo.1'],
  }),
  prefixed('atlassian-api-token', 'Atlassian API token', 'Atlassian', ['atatt3'], `${L}(ATATT3[A-Za-z0-9_=+-]{150,250})${RD}`, {
    minEntropy: 3.5,
    reference: 'https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/',
    gitleaks: ['atlassian-api-token'],
  }),
  prefixed('azure-devops-pat', 'Azure DevOps personal access token', 'Microsoft Azure DevOps', ['azdo'], `${L}([A-Za-z0-9]{52}JQQJ9[9DH][A-Za-z0-9][A-L][A-Za-z0-9]{16}AZDO[A-Za-z0-9]{4})${R}`, { kingfisher: ['kingfisher.azure.devops.1'],
    minEntropy: 4,
    reference: 'https://learn.microsoft.com/en-us/azure/devops/organizations/accounts/use-personal-access-tokens-to-authenticate',
  }),
  // 52 base32 characters: after an Azure DevOps name, or after a personal-access-token name (`personalAccessToken` in
  // Microsoft's client library samples), which no other vendor's token of this alphabet and length is given
  contextual(
    'azure-devops-pat-legacy',
    'Azure DevOps personal access token (52-character)',
    'Microsoft Azure DevOps',
    ['azure_devops', 'azuredevops', 'ado_', 'devops_pat', 'system_accesstoken', 'azure-devops', 'personal'],
    'azure[_-]?devops[\\w.-]{0,20}(?:pat|token)|ado_(?:pat|token)|devops_pat|system_accesstoken|personal[_-]?access[_-]?token',
    '[a-z2-7]{52}',
    { severity: 'high', minEntropy: 3.5, kingfisher: ['kingfisher.azure.3'] },
  ),
  contextual('gitea-token', 'Gitea/Forgejo access token', 'Gitea', ['gitea', 'forgejo'], '(?:gitea|forgejo)[\\w.-]{0,20}token', '[a-f0-9]{40}', { severity: 'high' }),
  // `sgp_<16 hex instance id | local>_<40 hex>`, and the older `sgp_<40 hex>`
  prefixed('sourcegraph-access-token', 'Sourcegraph access token', 'Sourcegraph', ['sgp_'], `${L}(sgp_(?:(?:[a-f0-9]{16}|local)_)?[a-f0-9]{40})${R}`, {
    reference: 'https://sourcegraph.com/docs/cli/how-tos/creating_an_access_token',
    gitleaks: ['sourcegraph-access-token'],
    kingfisher: ['kingfisher.sourcegraph.1', 'kingfisher.sourcegraph.2'],
  }),
  // Cody Gateway access tokens (`slk_` and 64 hex), sent as a bearer token to cody-gateway.sourcegraph.com
  prefixed('sourcegraph-cody-gateway-token', 'Sourcegraph Cody Gateway access token', 'Sourcegraph', ['slk_'], `${L}(slk_[a-f0-9]{64})${R}`, { severity: 'high', kingfisher: ['kingfisher.sourcegraph.3'] }),
  prefixed('gitlab-session-cookie', 'GitLab session cookie', 'GitLab', ['_gitlab_session='], `_gitlab_session=([0-9a-f]{32})${R}`, { severity: 'high', gitleaks: ['gitlab-session-cookie'] }),
  contextual('bitbucket-oauth-consumer-secret', 'Bitbucket OAuth consumer secret', 'Atlassian Bitbucket', ['bitbucket'], 'bitbucket[\\w.-]{0,20}(?:client|consumer|oauth)_?secret', '[A-Za-z0-9]{32}|[A-Za-z0-9_=-]{64}', {
    severity: 'high',
    minEntropy: 3.5,
    gitleaks: ['bitbucket-client-secret'],
  }),
  // API tokens made before the ATATT3 format: 24 alphanumerics, only next to an Atlassian, Jira or Confluence name. Jira and
  // Confluence Cloud take the API token where basic auth wants a password, so `JIRA_PASSWORD` too, when the value has
  // upper case, lower case and digits as a generated token does
  contextual('atlassian-api-token-legacy', 'Atlassian API token (legacy 24-character)', 'Atlassian', ['atlassian', 'jira', 'confluence'], '(?:atlassian|jira|confluence)[\\w.-]{0,20}(?:api_?)?token|atlassian[\\w.-]{0,20}(?:api_?)?key|(?:jira|confluence)[\\w.-]{0,20}pass(?:word)?', '[A-Za-z0-9]{24}', {
    kingfisher: ['kingfisher.atlassian.1', 'kingfisher.jira.2'],
    severity: 'high',
    minEntropy: 3.5,
    validate: (s, m) => /token|key/i.test(m[0].slice(0, m[0].lastIndexOf(s))) || (/[A-Z]/.test(s) && /[a-z]/.test(s) && /[0-9]/.test(s)),
    reference: 'https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/',
    gitleaks: ['atlassian-api-token'],
  }),
];
