import type { Detector, Verdict } from '../lib/types.js';
import { endsInMacaroonSignature, validBase62Crc, validGrafanaSa } from '../lib/checksums.js';
import { base64UserPassword, standInPassword } from '../lib/base64.js';
import { shannonEntropy } from '../lib/entropy.js';
import { ASSIGN, L, R, RB, RD, UUID, contextual, orBare, prefixed, re } from './helpers.js';

/** A Sumo Logic access ID: `su` and 12 letters and digits of mixed case. */
/** The access token id of the example token in Bitwarden's own documentation. */
const BITWARDEN_DOCS_TOKEN_ID = '48c78342-1635-48a6-accd-afbe01336365';

/** Bootstrap tokens printed in the Kubernetes and kubeadm documentation. */
const K8S_DOCS_BOOTSTRAP_TOKENS = new Set(['abcdef.0123456789abcdef', '07401b.f395accd246ae52d', '783bde.3f89s0fje9f38fhf', '5emitj.kq4gihvszzgn1p0r']);

const SUMO_ACCESS_ID = /(?<![A-Za-z0-9])su(?=[A-Za-z0-9]{0,11}[A-Z])(?=[A-Za-z0-9]{0,11}[a-z])[A-Za-z0-9]{12}(?![A-Za-z0-9])/;

/** A PyPI token is a macaroon ending in its signature; one without (truncated, redacted by hand, made up) is reported low. */
const macaroonSigned = (s: string): Verdict =>
  endsInMacaroonSignature(s.slice(5)) ? { properties: { signature: 'present' } } : { severity: 'low', note: 'it does not end in a macaroon signature: truncated, shortened by hand or made up?', properties: { signature: 'missing' } };

/** Example passwords from Microsoft's nuget.config reference page. */
const NUGET_DOC_SAMPLES = new Set(['33f!!lloppa', 'hal+9ooo_da!sY']);

/** CI/CD, package registries, infrastructure tooling and observability: tokens that can change what ships. */
export const CI_DETECTORS: Detector[] = [
  prefixed('npm-access-token', 'npm access token', 'npm', ['npm_'], `${L}(npm_[A-Za-z0-9]{36})${R}`, {
    kingfisher: ['kingfisher.npm.1'],
    // like GitHub's: the last 6 characters are the base62 CRC-32 of the 30 before them
    validate: (s) => (validBase62Crc(s.slice(4)) ? { properties: { checksum: 'valid' } } : { severity: 'low', note: 'its checksum does not match: mistyped, truncated or made up?', properties: { checksum: 'invalid' } }),
    checksum: 'crc32-base62',
    minEntropy: 0,
    reference: 'https://github.blog/changelog/2021-09-23-npm-has-a-new-access-token-format/',
    gitleaks: ['npm-access-token'],
    secretlint: ['@secretlint/secretlint-rule-npm'],
  }),
  {
    id: 'npmrc-auth-token',
    name: 'npm registry _authToken in .npmrc',
    vendor: 'the npm registry',
    keywords: ['_authtoken'],
    // scoped to a registry (`//host/path/:_authToken=`) or, in older files, the top-level `_authToken=` line
    regex: /(?:^[ \t]*|:)_authToken\s*=\s*([A-Za-z0-9_.\-+/=]{20,})/gm,
    // legacy tokens are UUIDs (16 hex digits and dashes: less entropy than other tokens); others need 3.5 bits a character
    minEntropy: 0,
    validate: (s) => {
      if (s.startsWith('npm_') || /^NpmToken\./i.test(s)) return false; // reported as npm-access-token / nexus-npm-token
      // words joined by `_` or `-` (`token_with_underscores`, `my-npm-token`): a stand-in naming what belongs there
      if (/^[A-Za-z]+(?:[_-][A-Za-z]+)*$/.test(s)) return false;
      return new RegExp(`^${UUID}$`, 'i').test(s) || shannonEntropy(s) >= 3.5;
    },
    reference: 'https://docs.npmjs.com/cli/v10/configuring-npm/npmrc#auth-related-configuration',
    secretlint: ['@secretlint/secretlint-rule-npm'],
  },
  // Sonatype Nexus Repository's npm bearer tokens: `NpmToken.` and a UUID (what `npm login` against Nexus writes to .npmrc)
  prefixed('nexus-npm-token', 'Sonatype Nexus npm token', 'Sonatype Nexus', ['npmtoken.'], `${L}(NpmToken\\.[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})${R}`, {
    severity: 'high',
    reference: 'https://help.sonatype.com/en/npm-security.html',
  }),
  // Legacy npm tokens (before the `npm_` format, 2021) are bare UUIDs: only next to an npm token name or a quoted
  // `"_authToken"` key (JSON, YAML); the unquoted .npmrc line `:_authToken=…` is npmrc-auth-token's
  contextual('npm-legacy-token', 'npm access token (legacy UUID)', 'npm', ['npm', '_authtoken'], 'npm[\\w.-]{0,20}(?:auth_?)?token|["\'`]_authToken', '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}', {
    kingfisher: ['kingfisher.npm.2'],
    severity: 'high',
    reference: 'https://docs.npmjs.com/about-access-tokens',
  }),
  {
    id: 'npmrc-basic-auth',
    name: 'npm registry _auth (base64 user:password) in .npmrc',
    vendor: 'the npm registry',
    keywords: [':_auth'],
    // `//registry.example/path/:_auth=<base64 of user:password>`, the legacy Basic form Artifactory and Nexus still hand out
    regex: /:_auth\s*=\s*["']?([A-Za-z0-9+/]{12,400}={0,2})(?![A-Za-z0-9+/=])/g,
    minEntropy: 3,
    validate: (s) => {
      const pair = base64UserPassword(s);
      if (!pair || pair.user.length === 0 || pair.password.length < 4 || /[\u0000-\u001f\u007f\ufffd]/.test(pair.decoded)) return false;
      // `test:test`, `admin:password`, `user:changeme`: a documentation stand-in, not a registry's credential
      return !standInPassword(pair.user, pair.password);
    },
    reference: 'https://docs.npmjs.com/cli/v10/configuring-npm/npmrc#auth-related-configuration',
  },
  prefixed('pypi-upload-token', 'PyPI API token', 'PyPI', ['pypi-ageicHlwaS5vcmc'.toLowerCase()], `${L}(pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,})${RD}`, {
    kingfisher: ['kingfisher.pypi.1'],
    validate: macaroonSigned,
    reference: 'https://pypi.org/help/#apitoken',
    gitleaks: ['pypi-upload-token'],
  }),
  prefixed('testpypi-upload-token', 'TestPyPI API token', 'TestPyPI', ['pypi-agendgvzdc5wexbplm9yzw'], `${L}(pypi-AgENdGVzdC5weXBpLm9yZw[A-Za-z0-9_-]{50,})${RD}`, { severity: 'medium', validate: macaroonSigned }),
  prefixed('rubygems-api-key', 'RubyGems API key', 'RubyGems', ['rubygems_'], `${L}(rubygems_[a-f0-9]{48})${R}`, { kingfisher: ['kingfisher.rubygems.1'], gitleaks: ['rubygems-api-token'] }),
  prefixed('nuget-api-key', 'NuGet API key', 'NuGet', ['oy2'], `${L}(oy2[a-z0-9]{43})${R}`, { kingfisher: ['kingfisher.nuget.1'], minEntropy: 3.5 }),
  prefixed('clojars-token', 'Clojars deploy token', 'Clojars', ['clojars_'], `${L}(CLOJARS_[a-z0-9]{60})${R}`, { gitleaks: ['clojars-api-token'] }),
  prefixed('crates-io-token', 'crates.io API token', 'crates.io', ['cio'], `${L}(cio[A-Za-z0-9]{32})${R}`, { minEntropy: 3.8 }),
  prefixed('docker-hub-pat', 'Docker Hub personal access token', 'Docker', ['dckr_pat_'], `${L}(dckr_pat_[A-Za-z0-9_-]{27})${RD}`, { reference: 'https://docs.docker.com/security/for-developers/access-tokens/' }),
  prefixed('docker-hub-oat', 'Docker Hub organisation access token', 'Docker', ['dckr_oat_'], `${L}(dckr_oat_[A-Za-z0-9_-]{32})${RD}`),
  {
    id: 'docker-config-auth',
    name: 'Docker registry credentials in config.json',
    vendor: 'the container registry',
    keywords: ['"auths"'],
    keywordContext: 'an "auth" value is a registry credential only inside a Docker config ("auths" map)',
    regex: /"auth"\s*:\s*"([A-Za-z0-9+/]{8,}={0,2})"/g,
    minEntropy: 3,
    validate: (s) => {
      const decoded = Buffer.from(s, 'base64').toString('utf8');
      const i = decoded.indexOf(':');
      return i > 0 && i < decoded.length - 3 && !/[\u0000-\u001f]/.test(decoded);
    },
    reference: 'https://docs.docker.com/reference/cli/docker/login/#credential-stores',
  },
  prefixed('jfrog-api-key', 'JFrog Artifactory API key', 'JFrog', ['akcp'], `${L}(AKCp[A-Za-z0-9]{69})${R}`, { kingfisher: ['kingfisher.artifactory.1'], gitleaks: ['jfrog-api-key', 'artifactory-api-key'] }),
  prefixed('jfrog-reference-token', 'JFrog reference token', 'JFrog', ['cmvmdgtu'], `${L}(cmVmdGtuOjAxOj[A-Za-z0-9]{50,})${R}`, { gitleaks: ['jfrog-identity-token', 'artifactory-reference-token'] }),
  prefixed('circleci-pat', 'CircleCI personal API token', 'CircleCI', ['ccipat_'], `${L}(CCIPAT_[A-Za-z0-9]{22}_[a-f0-9]{40})${R}`, { kingfisher: ['kingfisher.circleci.1'] }),
  // personal and project tokens made before the CCIPAT_/CCIPRJ_ prefixes: 40 hex characters, only next to a CircleCI name
  contextual('circleci-legacy-token', 'CircleCI API token (unprefixed)', 'CircleCI', ['circle'], 'circle[_.-]?(?:ci)?[\\w.-]{0,20}(?:token|key|secret)', '[a-f0-9]{40}', {
    kingfisher: ['kingfisher.circleci.2'],
    severity: 'high',
    reference: 'https://circleci.com/docs/managing-api-tokens/',
  }),
  // `docker swarm join-token` prints `SWMTKN-1-<50>-<25>` (base 36); whoever has it joins the swarm as a worker or manager
  prefixed('docker-swarm-join-token', 'Docker Swarm join token', 'Docker Swarm', ['swmtkn-1-'], `${L}(SWMTKN-1-[a-z0-9]{50}-[a-z0-9]{25})${R}`, {
    severity: 'high',
    minEntropy: 3.5,
    reference: 'https://docs.docker.com/reference/cli/docker/swarm/join-token/',
  }),
  prefixed('docker-swarm-unlock-key', 'Docker Swarm unlock key', 'Docker Swarm', ['swmkey-1-'], `${L}(SWMKEY-1-[A-Za-z0-9+/]{43})${RB}`, {
    severity: 'high',
    minEntropy: 4,
    reference: 'https://docs.docker.com/engine/swarm/swarm_manager_locking/',
  }),
  prefixed('circleci-project-token', 'CircleCI project API token', 'CircleCI', ['cciprj_'], `${L}(CCIPRJ_[A-Za-z0-9]{22}_[a-f0-9]{40})${R}`),
  prefixed('buildkite-api-token', 'Buildkite API access token', 'Buildkite', ['bkua_'], `${L}(bkua_[a-f0-9]{40})${R}`, { kingfisher: ['kingfisher.buildkite.1'] }),
  prefixed('octopus-deploy-api-key', 'Octopus Deploy API key', 'Octopus Deploy', ['api-'], `${L}(API-[A-Z0-9]{26})${R}`, { severity: 'high', minEntropy: 3.5, gitleaks: ['octopus-deploy-api-key'] }),
  prefixed('terraform-cloud-token', 'Terraform Cloud / HCP Terraform API token', 'HashiCorp', ['.atlasv1.'], `${L}([A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_=-]{60,70})${RD}`, {
    reference: 'https://developer.hashicorp.com/terraform/cloud-docs/users-teams-organizations/api-tokens',
    gitleaks: ['hashicorp-tf-api-token'],
  }),
  prefixed('vault-service-token', 'HashiCorp Vault service token', 'HashiCorp Vault', ['hvs.'], `${L}(hvs\\.[A-Za-z0-9_-]{24,120})${RD}`, { kingfisher: ['kingfisher.hashicorp.4'], reference: 'https://developer.hashicorp.com/vault/docs/concepts/tokens#token-prefixes', gitleaks: ['vault-service-token'] }),
  prefixed('vault-batch-token', 'HashiCorp Vault batch token', 'HashiCorp Vault', ['hvb.'], `${L}(hvb\\.[A-Za-z0-9_-]{138,300})${RD}`, { gitleaks: ['vault-batch-token'], kingfisher: ['kingfisher.hashicorp.5'] }),
  prefixed('vault-recovery-token', 'HashiCorp Vault recovery token', 'HashiCorp Vault', ['hvr.'], `${L}(hvr\\.[A-Za-z0-9_-]{24,120})${RD}`, { minEntropy: 3.5, kingfisher: ['kingfisher.hashicorp.6'] }),
  // before Vault 1.10 tokens were `s.` (service), `b.` (batch) and `r.` (recovery) and 24+ characters: only as a Vault token's value
  contextual('vault-legacy-token', 'HashiCorp Vault token (before 1.10)', 'HashiCorp Vault', ['vault'], 'vault[\\w.-]{0,20}token', '[sbr]\\.[A-Za-z0-9_.-]{24,400}', {
    severity: 'high',
    minEntropy: 3.5,
    reference: 'https://developer.hashicorp.com/vault/docs/concepts/tokens#token-prefixes',
    kingfisher: ['kingfisher.hashicorp.1', 'kingfisher.hashicorp.2', 'kingfisher.hashicorp.3'],
  }),
  {
    id: 'vault-unseal-key',
    name: 'HashiCorp Vault unseal key',
    vendor: 'HashiCorp Vault',
    keywords: ['unseal'],
    // `vault operator init` prints `Unseal Key 1: <base64>`; `vault operator unseal <key>` takes one share
    regex: re(`(?:Unseal Key \\d{1,2}:|operator unseal(?:[ \\t]+-[\\w=-]{1,40})?)[ \\t]+([A-Za-z0-9+/]{44}|[A-Za-z0-9+/]{43}=)(?![A-Za-z0-9+/=])`, 'gi'),
    minEntropy: 4,
    severity: 'critical',
    reference: 'https://developer.hashicorp.com/vault/docs/commands/operator/init',
    kingfisher: ['kingfisher.hashicorp.7'],
  },
  prefixed('pulumi-access-token', 'Pulumi access token', 'Pulumi', ['pul-'], `${L}(pul-[a-f0-9]{40})${R}`, { kingfisher: ['kingfisher.pulumi.1'], gitleaks: ['pulumi-api-token'] }),
  prefixed('doppler-personal-token', 'Doppler personal token', 'Doppler', ['dp.pt.'], `${L}(dp\\.pt\\.[A-Za-z0-9]{43})${R}`, { kingfisher: ['kingfisher.doppler.2'], gitleaks: ['doppler-api-token'] }),
  prefixed('doppler-service-token', 'Doppler service token', 'Doppler', ['dp.st.'], `${L}(dp\\.st\\.(?:[a-z0-9_-]{2,35}\\.)?[A-Za-z0-9]{40,44})${R}`, { kingfisher: ['kingfisher.doppler.3'] }),
  prefixed('doppler-service-account-token', 'Doppler service account token', 'Doppler', ['dp.sa.'], `${L}(dp\\.sa\\.[A-Za-z0-9]{40,44})${R}`, { kingfisher: ['kingfisher.doppler.4'] }),
  prefixed('doppler-cli-token', 'Doppler CLI token', 'Doppler', ['dp.ct.'], `${L}(dp\\.ct\\.[A-Za-z0-9]{40,44})${R}`, { kingfisher: ['kingfisher.doppler.1'] }),
  prefixed('doppler-scim-token', 'Doppler SCIM token', 'Doppler', ['dp.scim.'], `${L}(dp\\.scim\\.[A-Za-z0-9]{40,44})${R}`, { kingfisher: ['kingfisher.doppler.5'] }),
  prefixed('doppler-audit-token', 'Doppler audit token', 'Doppler', ['dp.audit.'], `${L}(dp\\.audit\\.[A-Za-z0-9]{40,44})${R}`, { kingfisher: ['kingfisher.doppler.6'], reference: 'https://docs.doppler.com/reference/auth-token-formats' }),
  // SonarQube tokens before 9.5 had no prefix: 40 hex characters, passed as `sonar.login` (or `sonar.token`)
  contextual('sonarqube-legacy-token', 'SonarQube token (unprefixed, before 9.5)', 'SonarSource', ['sonar'], 'sonar[._-]?(?:login|token)|sonarlogin', '[a-f0-9]{40}', {
    kingfisher: ['kingfisher.sonarqube.3'],
    severity: 'high',
    reference: 'https://docs.sonarsource.com/sonarqube-server/latest/user-guide/managing-tokens/',
  }),
  prefixed('dependency-track-api-key', 'Dependency-Track API key', 'Dependency-Track', ['odt_'], `${L}(odt_[A-Za-z0-9]{32,64})${R}`, { minEntropy: 3.5, reference: 'https://docs.dependencytrack.org/integrations/rest-api/' }),
  prefixed('sonarqube-token', 'SonarQube/SonarCloud token', 'SonarSource', ['sqp_', 'sqa_', 'squ_'], `${L}(sq[pau]_[a-f0-9]{40})${R}`, { kingfisher: ['kingfisher.sonarqube.1'], reference: 'https://docs.sonarsource.com/sonarqube-server/latest/user-guide/managing-tokens/', gitleaks: ['sonar-api-token'] }),
  contextual('snyk-token', 'Snyk API token', 'Snyk', ['snyk'], 'snyk[\\w.-]{0,20}(?:token|key)', UUID, { severity: 'high', gitleaks: ['snyk-api-token'], kingfisher: ['kingfisher.snyk.1'] }),
  contextual('codecov-token', 'Codecov upload token', 'Codecov', ['codecov'], 'codecov[\\w.-]{0,20}token', UUID, { severity: 'medium', gitleaks: ['codecov-access-token'] }),
  prefixed('infracost-api-key', 'Infracost API key', 'Infracost', ['ico-'], `${L}(ico-[A-Za-z0-9]{32})${R}`, { severity: 'medium', gitleaks: ['infracost-api-token'] }),
  prefixed('postman-api-key', 'Postman API key', 'Postman', ['pmak-'], `${L}(PMAK-[a-f0-9]{24}-[a-f0-9]{34})${R}`, { kingfisher: ['kingfisher.postman.1'], gitleaks: ['postman-api-token'] }),
  prefixed('harness-api-key', 'Harness API key', 'Harness', ['pat.', 'sat.'], `${L}((?:pat|sat)\\.[A-Za-z0-9_-]{22}\\.[0-9a-f]{24}\\.[A-Za-z0-9]{20})${R}`, { gitleaks: ['harness-api-key'] }),
  prefixed('onepassword-service-account-token', '1Password service account token', '1Password', ['ops_eyj'], `${L}(ops_eyJ[A-Za-z0-9+/]{250,}={0,3})${RB}`, { gitleaks: ['1password-service-account-token'] }),
  prefixed('onepassword-secret-key', '1Password account secret key', '1Password', ['a3-'], `${L}(A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5})${R}`, { gitleaks: ['1password-secret-key'] }),
  prefixed('tailscale-key', 'Tailscale auth/API key', 'Tailscale', ['tskey-'], `${L}(tskey-(?:api|auth|client|scim|webhook)-[A-Za-z0-9]{8,20}-[A-Za-z0-9]{20,40})${R}`, { kingfisher: ['kingfisher.tailscale.1'] }),
  prefixed('grafana-service-account-token', 'Grafana service account token', 'Grafana', ['glsa_'], `${L}(glsa_[A-Za-z0-9]{32}_[0-9a-f]{8})${R}`, { kingfisher: ['kingfisher.grafana.3'],
    validate: (s) => (validGrafanaSa(s) ? { properties: { checksum: 'valid' } } : false),
    checksum: 'crc32-hex',
    gitleaks: ['grafana-service-account-token'],
  }),
  prefixed('grafana-cloud-token', 'Grafana Cloud access policy token', 'Grafana Labs', ['glc_'], `${L}(glc_[A-Za-z0-9+/]{32,400}={0,2})${RB}`, { kingfisher: ['kingfisher.grafana.2'], minEntropy: 4, gitleaks: ['grafana-cloud-api-token'] }),
  prefixed('grafana-api-key', 'Grafana API key (legacy)', 'Grafana', ['eyjrijoi'], `${L}(eyJrIjoi[A-Za-z0-9]{70,400}={0,2})${RB}`, { kingfisher: ['kingfisher.grafana.1'],
    // base64 of `{"k":"…","n":"<key name>","id":<org>}`; Power BI's public report links (`view?r=eyJrIjoi…`)
    // encode `{"k":"<uuid>","t":"<tenant id>","c":…}` and start the same way: a UUID as the key and no name is Power BI
    validate: (s) => {
      const json = Buffer.from(s, 'base64').toString('latin1');
      return /"n"\s*:/.test(json) || !/^\{"k":"[0-9a-f]{8}-[0-9a-f]{4}-/.test(json);
    },
    gitleaks: ['grafana-api-key'],
  }),
  prefixed('newrelic-user-api-key', 'New Relic user API key', 'New Relic', ['nrak-'], `${L}(NRAK-[A-Z0-9]{27})${R}`, { gitleaks: ['new-relic-user-api-key'] }),
  prefixed('newrelic-insert-key', 'New Relic insert key', 'New Relic', ['nrii-'], `${L}(NRII-[A-Za-z0-9_-]{32})${RD}`, { severity: 'high', gitleaks: ['new-relic-insert-key'] }),
  prefixed('newrelic-rest-api-key', 'New Relic REST API key', 'New Relic', ['nrra-'], `${L}(NRRA-[a-f0-9]{42})${R}`, {}),
  // EU-region license keys start `eu01xx` (https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys/#license-key)
  prefixed('newrelic-license-key', 'New Relic ingest license key', 'New Relic', ['nral'], `${L}((?:eu01xx[a-f0-9]{30}|[a-f0-9]{36})NRAL)${R}`, { severity: 'high' }),
  // license keys made before the NRAL suffix: 40 hex under a license-key name (the agent's newrelic.yml `license_key:`,
  // NEW_RELIC_LICENSE_KEY, NRIA_LICENSE_KEY), with New Relic in the name or in the 400 characters before it
  {
    ...contextual('newrelic-license-key-legacy', 'New Relic ingest license key (40 hex, before the NRAL suffix)', 'New Relic', ['new relic', 'newrelic', 'new_relic', 'new-relic', 'nria_'], '(?:new[_.-]?relic[\\w.-]{0,20}|nria_)?license[_.-]?key', '[a-f0-9]{40}'),
    severity: 'high',
    keywordContext: 'a bare `license_key` is only a New Relic key next to a New Relic name or comment',
    validate: (_s, m, text) => /relic|nria/i.test(m[0]) || /new[ _.-]?relic/i.test(text.slice(Math.max(0, m.index - 400), m.index)),
    reference: 'https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys/#license-key',
  },
  // TeamCity access tokens: three dot-separated base64url parts, the first always `{"typ": "TCV2"}` encoded (the payload is not
  // JSON, so the JWT rule does not read it)
  prefixed('teamcity-access-token', 'TeamCity access token', 'JetBrains TeamCity', ['eyj0exaioiaivenwmij9'], `${L}(eyJ0eXAiOiAiVENWMiJ9\\.[A-Za-z0-9_-]{36}\\.[A-Za-z0-9_-]{48})${RD}`, {
    severity: 'high',
    reference: 'https://www.jetbrains.com/help/teamcity/configuring-your-user-profile.html#Managing+Access+Tokens',
  }),
  // TrueNAS API keys: `<key id>-<64 letters and digits>`, given to the WebSocket API's auth.login_with_api_key or as a REST
  // `Bearer`; no prefix, so only in a file that names TrueNAS (FreeNAS) or that login method
  {
    id: 'truenas-api-key',
    name: 'TrueNAS API key',
    vendor: 'iXsystems TrueNAS',
    keywords: ['truenas', 'freenas', 'login_with_api_key'],
    keywordContext: 'the `<id>-<64 characters>` shape has no prefix: only in a file that names TrueNAS, FreeNAS or auth.login_with_api_key',
    regex: /(?<![\w-])(\d{1,6}-[A-Za-z0-9]{64})(?![\w-])/g,
    severity: 'high',
    minEntropy: 4.5,
    validate: (s) => /[A-Z]/.test(s) && /[a-z]/.test(s.slice(s.indexOf('-'))),
    reference: 'https://www.truenas.com/docs/scale/scaletutorials/toptoolbar/managingapikeys/',
  },
  prefixed('newrelic-admin-key', 'New Relic admin API key', 'New Relic', ['nraa-'], `${L}(NRAA-[a-f0-9]{27})${R}`, { severity: 'high', reference: 'https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys/' }),
  prefixed('newrelic-insights-query-key', 'New Relic Insights query key', 'New Relic', ['nriq-'], `${L}(NRIQ-[A-Za-z0-9_-]{32})${RD}`, { severity: 'medium', reference: 'https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys/' }),
  prefixed('pixie-api-key', 'Pixie (New Relic) API or deploy key', 'Pixie', ['px-api-', 'px-dep-'], `${L}(px-(?:api|dep)-${UUID})${R}`, { minEntropy: 3, reference: 'https://docs.px.dev/reference/admin/api-keys/' }),
  prefixed('newrelic-browser-key', 'New Relic browser API key', 'New Relic', ['nrjs-'], `${L}(NRJS-[a-f0-9]{19})${R}`, { severity: 'low', gitleaks: ['new-relic-browser-api-token'] }),
  prefixed('dynatrace-api-token', 'Dynatrace API token', 'Dynatrace', ['dt0c01.'], `${L}(dt0c01\\.[A-Z0-9]{24}\\.[A-Z0-9]{64})${R}`, { kingfisher: ['kingfisher.dynatrace.1'], gitleaks: ['dynatrace-api-token'] }),
  prefixed('sentry-org-token', 'Sentry organisation auth token', 'Sentry', ['sntrys_'], `${L}(sntrys_eyJpYXQiO[A-Za-z0-9+/]{10,400}={0,2}_[A-Za-z0-9+/]{43})${RB}`, { gitleaks: ['sentry-org-token'], kingfisher: ['kingfisher.sentry.2'] }),
  prefixed('sentry-user-token', 'Sentry user auth token', 'Sentry', ['sntryu_'], `${L}(sntryu_[a-f0-9]{64})${R}`, { gitleaks: ['sentry-user-token'], kingfisher: ['kingfisher.sentry.3'] }),
  contextual('rollbar-access-token', 'Rollbar access token', 'Rollbar', ['rollbar'], 'rollbar[\\w.-]{0,20}(?:access_?|server_?|post_?)?token', '[a-f0-9]{32}', { severity: 'high', reference: 'https://docs.rollbar.com/docs/access-tokens' }),
  contextual('datadog-api-key', 'Datadog API key', 'Datadog', ['datadog', 'dd_api_key', 'dd_app_key', 'dd-api-key', 'dd_api-key', 'dd-api_key'], 'datadog[\\w.-]{0,20}(?:api|app)_?key|dd[_-]api[_-]key|dd_app_key', '[a-f0-9]{32}|[a-f0-9]{40}', { kingfisher: ['kingfisher.datadog.1', 'kingfisher.datadog.2'], severity: 'high', gitleaks: ['datadog-access-token'] }),
  prefixed('prefect-api-key', 'Prefect Cloud API key', 'Prefect', ['pnu_'], `${L}(pnu_[A-Za-z0-9]{36})${R}`, { gitleaks: ['prefect-api-token'], kingfisher: ['kingfisher.prefect.1'] }),
  // StackHawk (DAST in CI) API keys: `hawk.` and two 20-character parts; random, so both cases and a digit
  // (not a `hawk.client.…` call of the Hawk HTTP-auth library)
  prefixed('stackhawk-api-key', 'StackHawk API key', 'StackHawk', ['hawk.'], `${L}(hawk\\.[A-Za-z0-9_-]{20}\\.[A-Za-z0-9_-]{20})${RD}`, {
    minEntropy: 3.5,
    validate: (s) => /[A-Z]/.test(s) && /[a-z]/.test(s.slice(5)) && /[0-9]/.test(s),
    reference: 'https://docs.stackhawk.com/apidocs.html',
    kingfisher: ['kingfisher.stackhawk.1'],
  }),
  prefixed('readme-api-key', 'ReadMe API key', 'ReadMe', ['rdme_'], `${L}(rdme_[a-z0-9]{70})${R}`, { gitleaks: ['readme-api-token'], kingfisher: ['kingfisher.readme.1'] }),
  prefixed('launchdarkly-access-token', 'LaunchDarkly API access token', 'LaunchDarkly', ['api-'], `${L}(api-${UUID})${R}`, {
    prefixed: false,
    severity: 'high',
    validate: (_s, m, text) => /launchdarkly|ld_|LD_/i.test(text.slice(Math.max(0, m.index - 300), m.index + 300)),
    gitleaks: ['launchdarkly-access-token'],
  }),
  // after an ngrok token name, or bare (`ngrok config add-authtoken 2…_…`) in a file that mentions ngrok
  orBare(
    contextual('ngrok-authtoken', 'ngrok authtoken', 'ngrok', ['ngrok'], 'ngrok[\\w.-]{0,20}token', '[0-9][A-Za-z0-9]{26}_[A-Za-z0-9]{21}', { severity: 'high', kingfisher: ['kingfisher.ngrok.1'] }),
    '[12][A-Za-z0-9]{26}_[0-9][A-Za-z0-9]{20}',
    (s) => /[A-Z]/.test(s) && /[a-z]/.test(s),
    'a bare authtoken only in a file that mentions ngrok',
  ),
  contextual('fastly-api-token', 'Fastly API token', 'Fastly', ['fastly'], 'fastly[\\w.-]{0,20}(?:token|key)', '[A-Za-z0-9_-]{32}', { kingfisher: ['kingfisher.fastly.1'], severity: 'high', minEntropy: 3.5, gitleaks: ['fastly-api-token'] }),
  // after a Sumo key name, or after a plain `accessKey` (a `sumologic:` block in Helm values) with a `su…` access ID next to it
  contextual('sumologic-access-key', 'Sumo Logic access key', 'Sumo Logic', ['sumo'], 'sumo(?:_?logic)?[\\w.-]{0,20}(?:access_?)?key|access_?key', '[A-Za-z0-9]{64}', {
    severity: 'high',
    minEntropy: 4,
    keywordContext: 'a plain `accessKey` only in a file that mentions Sumo Logic, with a mixed-case `su…` access ID within a few lines',
    validate: (_s, m, text) => /sumo/i.test(m[0]) || SUMO_ACCESS_ID.test(text.slice(Math.max(0, m.index - 400), m.index + 400)),
    reference: 'https://help.sumologic.com/docs/manage/security/access-keys/',
    gitleaks: ['sumologic-access-token'],
  }),
  contextual('sentry-auth-token-legacy', 'Sentry auth token (legacy hex)', 'Sentry', ['sentry'], 'sentry[\\w.-]{0,20}(?:auth_?)?(?:token|key)', '[a-f0-9]{64}', { severity: 'high', gitleaks: ['sentry-access-token'], kingfisher: ['kingfisher.sentry.1'] }),
  contextual('travis-ci-token', 'Travis CI API token', 'Travis CI', ['travis'], 'travis[\\w.-]{0,20}(?:api_?)?token', '[A-Za-z0-9_-]{22}', { kingfisher: ['kingfisher.travisci.1'], severity: 'high', minEntropy: 3.5, gitleaks: ['travisci-access-token'] }),
  contextual('drone-ci-token', 'Drone CI token', 'Harness Drone', ['drone'], 'drone[\\w.-]{0,20}token', '[A-Za-z0-9]{32}', { severity: 'high', minEntropy: 3.5, gitleaks: ['droneci-access-token'] }),
  contextual('saucelabs-access-key', 'Sauce Labs access key', 'Sauce Labs', ['sauce'], 'sauce(?:_?labs)?[\\w.-]{0,20}access_?key', UUID, { severity: 'high', reference: 'https://docs.saucelabs.com/basics/acct-team-mgmt/managing-user-info/' }),
  // Portainer API access tokens: `ptr_` and a base64 random part; `ptr_` alone is a common identifier prefix in C
  prefixed('portainer-access-token', 'Portainer API access token', 'Portainer', ['portainer'], `${L}(ptr_[A-Za-z0-9+/]{40,46}={0,2})${RB}`, {
    prefixed: false,
    severity: 'high',
    minEntropy: 4,
    keywordContext: '`ptr_` also starts C identifiers: only in a file that mentions Portainer',
    reference: 'https://docs.portainer.io/api/access',
  }),
  {
    id: 'sidekiq-gem-credentials',
    name: 'Sidekiq Pro/Enterprise gem server credentials',
    vendor: 'Contributed Systems',
    keywords: ['bundle_gems__contribsys__com', 'bundle_enterprise__contribsys__com'],
    regex: /BUNDLE_(?:GEMS|ENTERPRISE)__CONTRIBSYS__COM["']?\s{0,4}[:=]\s{0,4}["']?([a-f0-9]{8}:[a-f0-9]{8})(?![A-Za-z0-9_])/gi,
    minEntropy: 2.5,
    severity: 'medium',
    reference: 'https://github.com/sidekiq/sidekiq/wiki/Sidekiq-Pro#installation',
    gitleaks: ['sidekiq-secret'],
  },
  prefixed('sidekiq-gem-url', 'Sidekiq Pro/Enterprise gem server URL with credentials', 'Contributed Systems', ['gems.contribsys.com', 'enterprise.contribsys.com'], `https?://([a-f0-9]{8}:[a-f0-9]{8})@(?:gems|enterprise)\\.contribsys\\.com`, {
    prefixed: false,
    minEntropy: 2.5,
    severity: 'medium',
    gitleaks: ['sidekiq-sensitive-url'],
  }),
  {
    id: 'nuget-config-password',
    name: 'Package source password in NuGet.config',
    vendor: 'the NuGet package source',
    keywords: ['password"'],
    regex: /<add\s+key\s*=\s*"((?:ClearText)?Password)"\s+value\s*=\s*"([^"\s]{8,})"/gi,
    group: 2,
    minEntropy: 2.5,
    // `Password` values are DPAPI-encrypted for the machine and user that wrote them (long base64: a short plain word under
    // `Password` is an app setting, not NuGet's); `ClearTextPassword` is plain. The NuGet docs' own sample values are skipped.
    validate: (s, m) => {
      // a TeamCity access token (TeamCity's own NuGet feed) is reported once, as teamcity-access-token
      if (/^%[^%]+%$/.test(s) || NUGET_DOC_SAMPLES.has(s) || s.startsWith('eyJ0eXAiOiAiVENWMiJ9.')) return false;
      if (!/^password$/i.test(m[1] ?? '')) return true;
      return /^[A-Za-z0-9+/]{40,}={0,2}$/.test(s) && { severity: 'medium', note: 'encrypted with the writer\'s Windows key (DPAPI), but still a credential' };
    },
    reference: 'https://learn.microsoft.com/en-us/nuget/reference/nuget-config-file#packagesourcecredentials',
    gitleaks: ['nuget-config-password'],
  },
  // `11` + 32 hex since Jenkins 2.129 (legacy tokens: 32 hex); often kept as the "password" of HTTP Basic calls
  contextual('jenkins-api-token', 'Jenkins API token', 'Jenkins', ['jenkins'], 'jenkins[\\w.-]{0,20}(?:(?:api_?)?token|passw(?:or)?d|pwd)', '11[a-f0-9]{32}|[a-f0-9]{32}', {
    severity: 'high',
    reference: 'https://www.jenkins.io/doc/book/system-administration/authenticating-scripted-clients/',
  }),
  contextual('splunk-hec-token', 'Splunk HTTP Event Collector token', 'Splunk', ['splunk', 'hec_token', 'hec-token'], 'splunk[\\w.-]{0,20}(?:token|hec)|hec[_-]token', UUID, {
    severity: 'high',
    reference: 'https://docs.splunk.com/Documentation/Splunk/latest/Data/UsetheHTTPEventCollector',
  }),
  contextual('opsgenie-api-key', 'Opsgenie API key', 'Atlassian Opsgenie', ['opsgenie'], 'opsgenie[\\w.-]{0,20}(?:api_?)?(?:key|token)', UUID, { severity: 'high' }),
  prefixed('rootly-api-key', 'Rootly API key', 'Rootly', ['rootly_'], `${L}(rootly_[a-f0-9]{64})${R}`, { severity: 'high', reference: 'https://docs.rootly.com/api-reference/overview' }),
  // UptimeRobot keys: `u` (account), `ur` (read-only) or `m` (monitor), the user or monitor number, `-` and 24 characters
  prefixed('uptimerobot-api-key', 'UptimeRobot API key', 'UptimeRobot', ['uptimerobot', 'uptime_robot', 'uptime-robot'], `${L}((?:ur?|m)[0-9]{6,10}-[A-Za-z0-9]{24})${R}`, {
    prefixed: false,
    severity: 'medium',
    minEntropy: 3.3,
    keywordContext: 'the `u1234567-` shape is short and generic: only in a file that mentions UptimeRobot',
    reference: 'https://uptimerobot.com/api/',
  }),
  // PostHog personal API keys (phx_), feature-flag secure API keys (phs_) and OAuth access/refresh tokens (pha_/phr_):
  // a prefix and a base62 random token. Project API keys (phc_) are public by design and not reported.
  prefixed('posthog-personal-api-key', 'PostHog personal API key', 'PostHog', ['phx_'], `${L}(phx_[A-Za-z0-9]{40,50})${R}`, {
    minEntropy: 4,
    reference: 'https://posthog.com/docs/api#private-endpoint-authentication',
    kingfisher: ['kingfisher.posthog.2'],
  }),
  prefixed('posthog-feature-flags-secure-key', 'PostHog feature flags secure API key', 'PostHog', ['phs_'], `${L}(phs_[A-Za-z0-9]{40,50})${R}`, {
    minEntropy: 4,
    reference: 'https://posthog.com/docs/feature-flags/local-evaluation',
    kingfisher: ['kingfisher.posthog.3'],
  }),
  prefixed('posthog-oauth-token', 'PostHog OAuth token', 'PostHog', ['pha_', 'phr_'], `${L}(ph[ar]_[A-Za-z0-9]{40,45})${R}`, {
    minEntropy: 4,
    validate: (s) => (s.startsWith('phr_') ? { note: 'a refresh token: it mints new access tokens until revoked' } : true),
    reference: 'https://posthog.com/docs/api',
    kingfisher: ['kingfisher.posthog.4', 'kingfisher.posthog.5'],
  }),
  // Cypress Cloud record keys (UUIDs) let anyone record runs to the project; named, or after `cypress run --record --key`
  {
    id: 'cypress-record-key',
    name: 'Cypress Cloud record key',
    vendor: 'Cypress Cloud',
    keywords: ['cypress'],
    regex: re(`(?:cypress[\\w.-]{0,20}record[_.-]?key[\\w.-]{0,24}${ASSIGN}|cypress\\s{1,4}run\\b[^\\n]{0,200}?\\s--key[=\\s]{1,4}["']?)(${UUID})(?![A-Za-z0-9_-])`, 'gi'),
    severity: 'medium',
    reference: 'https://docs.cypress.io/cloud/account-management/projects#Record-key',
    kingfisher: ['kingfisher.cypress.1'],
  },
  // ConfigCat SDK keys in the current format: `configcat-sdk-1/<22>/<22>` (they read every flag and its targeting rules)
  prefixed('configcat-sdk-key', 'ConfigCat SDK key', 'ConfigCat', ['configcat-sdk-1/'], `${L}(configcat-sdk-1/[A-Za-z0-9_-]{22}/[A-Za-z0-9_-]{22})${RD}`, {
    severity: 'medium',
    minEntropy: 3.5,
    reference: 'https://configcat.com/docs/sdk-reference/overview/',
    kingfisher: ['kingfisher.configcat.2'],
  }),

  // Axiom (log and event analytics): API tokens are `xaat-` and personal access tokens `xapt-`, each followed by a UUID
  prefixed('axiom-token', 'Axiom API token / personal access token', 'Axiom', ['xaat-', 'xapt-'], `${L}(xa[ap]t-${UUID})${RD}`, {
    validate: (s) => (s.startsWith('xapt-') ? { note: 'a personal access token: it can do everything its user can in the Axiom organisation' } : true),
    reference: 'https://axiom.co/docs/reference/tokens',
  }),
  // Honeycomb ingest keys: `hc`, a letter (it varies), `ik_` (the keyword: the letter before it varies), then the 26-character key id and its 32-character secret concatenated
  // (the X-Honeycomb-Team header value); `hc?mk_` / `hc?lk_` management and configuration key *ids* are not secrets alone
  prefixed('honeycomb-ingest-key', 'Honeycomb ingest API key', 'Honeycomb', ['ik_'], `${L}(hc[a-z]ik_[A-Za-z0-9]{58})${R}`, {
    minEntropy: 3.3,
    reference: 'https://docs.honeycomb.io/api/key-management/create-an-api-key',
  }),
  // keys without the hc?ik_ prefix: classic keys (32 hex) and environment configuration keys (22 letters and digits), after a
  // Honeycomb key name or as the X-Honeycomb-Team header; the 22-character form must mix letters and digits
  contextual('honeycomb-api-key', 'Honeycomb API key (classic or configuration key)', 'Honeycomb', ['honeycomb'], 'honeycomb[\\w.-]{0,20}(?:key|token)|x-honeycomb-team', '[a-f0-9]{32}|[A-Za-z0-9]{22}', {
    severity: 'high',
    validate: (s) => s.length === 32 || (/[0-9]/.test(s) && /[A-Za-z]/.test(s) && shannonEntropy(s) >= 3.5),
    reference: 'https://docs.honeycomb.io/get-started/configure/environments/manage-api-keys/',
    kingfisher: ['kingfisher.honeycomb.1'],
  }),
  // Rancher API keys as their bearer token: the access key (`token-` and five characters) and the 54-character secret key joined by `:`
  prefixed('rancher-api-token', 'Rancher API bearer token', 'SUSE Rancher', ['token-'], `${L}(token-[a-z0-9]{5}:[a-z0-9]{54})${R}`, {
    severity: 'critical',
    minEntropy: 3.5,
    reference: 'https://ranchermanager.docs.rancher.com/reference-guides/user-settings/api-keys',
  }),
  // Bitwarden Secrets Manager machine-account access tokens: `0.`, the access token's UUID, `.`, a 30-character client
  // secret, `:` and the 16-byte encryption key in base64 (94 characters in all); the one example in Bitwarden's docs is skipped
  prefixed('bitwarden-secrets-manager-token', 'Bitwarden Secrets Manager access token', 'Bitwarden', ['=='], `${L}(0\\.${UUID}\\.[A-Za-z0-9]{30}:[A-Za-z0-9+/]{22}==)${RB}`, {
    severity: 'critical',
    validate: (s) => !s.includes(BITWARDEN_DOCS_TOKEN_ID),
    reference: 'https://bitwarden.com/help/access-tokens/',
  }),
  // Flagsmith server-side environment keys: `ser.` and 22 letters and digits (client-side keys are public environment ids);
  // the prefix is short, so only a value that mixes upper case, lower case and digits like a generated key
  prefixed('flagsmith-server-key', 'Flagsmith server-side environment key', 'Flagsmith', ['ser.'], `${L}(ser\\.[A-Za-z0-9]{22})${R}`, {
    severity: 'medium',
    minEntropy: 3.8,
    validate: (s) => /[A-Z]/.test(s) && /[a-z]/.test(s.slice(4)) && /[0-9]/.test(s),
    reference: 'https://docs.flagsmith.com/clients/server-side',
  }),

  // Deno Deploy access tokens: `ddp_` and 36 letters and digits (DENO_DEPLOY_TOKEN for deployctl)
  prefixed('deno-deploy-token', 'Deno Deploy access token', 'Deno', ['ddp_'], `${L}(ddp_[A-Za-z0-9]{36})${R}`, {
    minEntropy: 3.5,
    reference: 'https://docs.deno.com/deploy/classic/deployctl/',
  }),
  // Kubernetes bootstrap tokens (kubeadm join/init): `<6-character id>.<16-character secret>`, lower case and digits; the shape
  // is common, so only after `--token` or a `token:` key in a file that names kubeadm or bootstrap tokens
  {
    id: 'kubernetes-bootstrap-token',
    name: 'Kubernetes bootstrap token (kubeadm)',
    vendor: 'Kubernetes',
    keywords: ['kubeadm', 'bootstrap.kubernetes.io/token', 'bootstraptoken', 'discovery-token'],
    keywordContext: 'the `<id>.<secret>` shape is only a bootstrap token in a file that names kubeadm, a bootstrap token Secret or discovery tokens',
    regex: re(`(?:--token(?:=|\\s{1,4})["']?|(?<![\\w-])token\\s{0,4}[:=]\\s{0,4}["']?)([a-z0-9]{6}\\.[a-z0-9]{16})(?![A-Za-z0-9._-])`),
    minEntropy: 3.3,
    severity: 'high',
    validate: (s) => !K8S_DOCS_BOOTSTRAP_TOKENS.has(s) && /[0-9]/.test(s) && /[a-z]/.test(s.slice(7)),
    reference: 'https://kubernetes.io/docs/reference/access-authn-authz/bootstrap-tokens/',
  },
];
