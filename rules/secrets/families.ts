import { familyRule, SECRET_STANDARDS } from './lib/make-rule.js';
import { CLOUD_DETECTORS } from './detectors/cloud.js';
import { VCS_DETECTORS } from './detectors/vcs.js';
import { CI_DETECTORS } from './detectors/ci.js';
import { PAYMENT_DETECTORS } from './detectors/payments.js';
import { MESSAGING_DETECTORS } from './detectors/messaging.js';
import { AI_DETECTORS } from './detectors/ai.js';
import { SAAS_DETECTORS } from './detectors/saas.js';
import { DATABASE_DETECTORS } from './detectors/databases.js';
import { PRIVATE_KEY_DETECTORS } from './detectors/private-keys.js';
import { PUBLIC_SECTOR_DETECTORS } from './detectors/public-sector.js';
import { TOKEN_DETECTORS } from './detectors/tokens.js';

const ROTATE = 'Revoke or rotate the credential with its issuer first (it is already exposed to everyone with a copy of the repository), then remove it from the code and from git history, and load it at run time from a secret store or environment variable (e.g. GitHub Actions secrets, AWS Secrets Manager, Azure Key Vault, Kubernetes secrets).';

export const cloudCredentials = familyRule({
  id: 'secrets/cloud-credentials',
  title: 'Cloud platform credential committed',
  description:
    'A cloud platform credential (AWS access keys and session tokens, Google Cloud service-account keys and API keys, Azure storage keys, SAS tokens and Entra ID client secrets, Azure Functions keys, Azure SignalR/Web PubSub and App Configuration access keys, API Management subscription keys next to the Ocp-Apim-Subscription-Key header, Logic Apps and Power Automate trigger URLs with their signature, Alibaba, Tencent, DigitalOcean, Heroku, Cloudflare, Vercel, Netlify, OpenShift, Databricks, MongoDB Atlas, Confluent Cloud, ClickHouse Cloud, CockroachDB Cloud, Aiven, Cisco Meraki, Yandex Cloud static keys, Azure Data Factory integration runtime keys, Defined Networking, CAST AI, Exoscale, Cloudflare Tunnel connector tokens, Akamai EdgeGrid client secrets, …) is in the repository. Anyone with read access to the code, its forks, clones or CI logs can use it to reach the cloud account: read data, run workloads at your cost, or change infrastructure. Formats are matched on their documented prefixes, alphabets and lengths; bare 40-character AWS secret keys only next to an access-key name. AWS\'s documentation example keys (AKIAIOSFODNN7EXAMPLE, wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY) are deliberately not reported.',
  severity: 'critical',
  remediation: ROTATE,
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
    'https://cloud.google.com/iam/docs/best-practices-for-managing-service-account-keys',
    'https://learn.microsoft.com/en-us/azure/key-vault/general/overview',
    'https://www.ncsc.gov.uk/collection/cloud/using-cloud-services-securely/using-a-cloud-platform-securely',
  ],
  detectors: CLOUD_DETECTORS,
});

export const sourceControlTokens = familyRule({
  id: 'secrets/source-control-tokens',
  title: 'Source control token committed',
  description:
    'A GitHub, GitLab, Bitbucket, Atlassian (cloud and Jira/Confluence/Bamboo/Bitbucket Data Center), Azure DevOps, Gitea or Sourcegraph token (including Cody Gateway tokens; or a GitLab session cookie) is in the repository. These tokens can read private code and often push to it, change CI pipelines and releases: a supply-chain compromise. GitHub classic tokens carry a CRC-32 checksum, so only well-formed tokens are reported.',
  severity: 'critical',
  remediation: ROTATE,
  references: [
    'https://docs.github.com/en/code-security/secret-scanning/introduction/about-secret-scanning',
    'https://docs.gitlab.com/security/tokens/',
    'https://www.ncsc.gov.uk/collection/developers-collection/principles/protect-your-code-repository',
  ],
  standards: { ...SECRET_STANDARDS, caf: ['B3', 'A4'] },
  detectors: VCS_DETECTORS,
});

export const ciCdTokens = familyRule({
  id: 'secrets/ci-cd-tokens',
  title: 'CI/CD, package registry or infrastructure tool token committed',
  description:
    'A token for a build, release or infrastructure service (npm (also legacy UUID tokens next to an npm token name or a quoted `"_authToken"` key, and `_authToken` lines in .npmrc), Sonatype Nexus `NpmToken.` tokens, PyPI, RubyGems, NuGet and NuGet.config feed passwords, Docker Hub, JFrog, Sidekiq Pro gem servers, CircleCI, Buildkite, Travis CI, Drone, Terraform Cloud, HashiCorp Vault, Pulumi, Doppler, StackHawk, Docker Swarm join tokens and unlock keys, Vault unseal keys, SonarQube, Grafana, New Relic, Sentry, Sumo Logic, Splunk, Opsgenie, Rootly, Rollbar, UptimeRobot, Sauce Labs, Portainer, Jenkins, PostHog personal and secure keys, Cypress Cloud record keys, ConfigCat SDK keys, Axiom, Honeycomb ingest keys, Rancher API tokens, Bitwarden Secrets Manager access tokens, Flagsmith server-side keys, Deno Deploy tokens, kubeadm bootstrap tokens, TeamCity access tokens, TrueNAS API keys (next to a TrueNAS name or its login_with_api_key call), New Relic license keys from before the NRAL suffix (40 hex under a license-key name next to a New Relic name), …) is in the repository. With it an attacker can publish packages under your name, change deployments, read other secrets from the vault or exfiltrate telemetry: a supply-chain risk as well as a data one. A PyPI token that does not end in its macaroon signature (cut short or made up) and an npm token whose checksum does not match are reported at low severity; an npm `_auth` whose password is a stand-in (`test:test`, `admin:password`) is not reported.',
  severity: 'high',
  remediation: ROTATE,
  references: [
    'https://www.ncsc.gov.uk/collection/supply-chain-security',
    'https://docs.npmjs.com/about-access-tokens',
    'https://developer.hashicorp.com/vault/docs/concepts/tokens',
  ],
  standards: { ...SECRET_STANDARDS, caf: ['B3', 'A4'] },
  detectors: CI_DETECTORS,
});

export const paymentCredentials = familyRule({
  id: 'secrets/payment-credentials',
  title: 'Payment provider secret key committed',
  description:
    'A payment provider secret (Stripe, Square, PayPal Braintree, Shopify, Flutterwave, Plaid, GoCardless, Paddle, Razorpay, Finicity, Freemius, Chargebee, crypto exchanges such as Coinbase, Kraken and KuCoin, …) is in the repository. Live keys can take or refund payments, read customer and card-holder data and change payouts. Test-mode and sandbox keys are reported at low severity: they cannot move money but still expose test data and account settings.',
  severity: 'critical',
  remediation: ROTATE,
  references: ['https://docs.stripe.com/keys-best-practices', 'https://www.pcisecuritystandards.org/document_library/'],
  detectors: PAYMENT_DETECTORS,
});

export const messagingCredentials = familyRule({
  id: 'secrets/messaging-credentials',
  title: 'Messaging, email or chat credential committed',
  description:
    'A Slack (including browser-session tokens and cookies), Discord, Telegram, Microsoft Teams, Mattermost, Firebase Cloud Messaging, Twilio, SendGrid, Mailgun, SparkPost, Mailchimp, MailerSend, Gitter, Sendbird, MessageBird, Resend, OneSignal, PubNub secret keys, Tines, Google Chat, IFTTT and Make webhook URLs (Teams incoming webhooks also in the outlook.office.com form retired in 2021, at medium) or similar credential is in the repository. Chat tokens read and post in workspaces; webhooks post as your service; email and SMS keys send messages that recipients trust as yours (phishing from your domain) and read delivery data containing personal information.',
  severity: 'high',
  remediation: ROTATE,
  references: ['https://api.slack.com/authentication/best-practices', 'https://www.twilio.com/docs/usage/security'],
  detectors: MESSAGING_DETECTORS,
});

export const aiApiKeys = familyRule({
  id: 'secrets/ai-api-keys',
  title: 'AI platform API key committed',
  description:
    'An API key for an AI or machine-learning platform (OpenAI, Anthropic, Hugging Face, Replicate, Groq, Perplexity, xAI, OpenRouter, LangSmith, Pinecone, Jina AI, Tavily, NVIDIA NIM, DeepL, Deepgram, Voiceflow, Langfuse, Neptune.ai, Cerebras, Fireworks AI, Firecrawl, Kagi, …) is in the repository. Leaked AI keys are harvested within minutes and used to run up large bills, and can read stored prompts, files, fine-tuned models and vector data.',
  severity: 'high',
  remediation: ROTATE,
  references: ['https://help.openai.com/en/articles/5112595-best-practices-for-api-key-safety', 'https://docs.anthropic.com/en/api/getting-started'],
  detectors: AI_DETECTORS,
});

export const saasApiTokens = familyRule({
  id: 'secrets/saas-api-tokens',
  title: 'Software-as-a-service API token committed',
  description:
    'A token for a productivity, CRM, identity, social or other SaaS API (Linear, Notion, Pastebin, Asana, Airtable, Figma, Dropbox, HubSpot, Okta, Auth0, Salesforce access and refresh tokens, Zoho, Segment, Atlassian Statuspage, Zulip, OneLogin, Nightfall, Meta, X, Mapbox, Adobe, MaxMind, RapidAPI, Adafruit IO, Ubidots, Twitch stream keys, Authress, Chief Tools, Etsy, FreshBooks, Looker, Squarespace, Apify, Ory Network, Ghost Admin, WooCommerce, Blynk device tokens and ThingsBoard Cloud device tokens in their API URLs, …) is in the repository. These reach your organisation\'s documents, customers and identities; identity-provider tokens (Okta, Auth0) can create users and change sign-in policy.',
  severity: 'high',
  remediation: ROTATE,
  references: ['https://www.ncsc.gov.uk/collection/saas-security'],
  detectors: SAAS_DETECTORS,
});

export const databaseCredentials = familyRule({
  id: 'secrets/database-credentials',
  title: 'Connection string or URL with a password committed',
  description:
    'A database, broker, directory, file-transfer or web URL carries a literal password (postgres://user:password@host, mongodb+srv://…, redis://:password@…, amqp://…, JDBC password= and ADO.NET Password= connection strings, libpq `host=… password=…` strings given to pg_connect/psycopg, https://user:password@host), literal passwords handed to database drivers (PHP mysqli_connect/new PDO, Perl and Ruby DBI connect, Python driver connect(password=…)), and HTTP credentials on command lines and in headers (`curl -u user:password`, `--user`, `wget --http-password=…`, `Authorization: Basic` whose base64 decodes to a user and a real password, `Authorization: Bearer` or `Token` with a literal random-looking token), `.netrc` entries (`machine host login user password …`), Windows account passwords on PsExec command lines (`psexec \\\\host -u DOMAIN\\user -p …`, not `%VAR%`/`$var` references or stand-ins), and network device configurations (Cisco IOS `enable password`, `username … password`, TACACS+/RADIUS/PAC keys in clear or reversible type 7, SNMP read-write communities; hashed `secret 5|8|9` lines are not read). Anyone with the code can connect as that user. Environment references and placeholders (${DB_PASSWORD}, <password>, changeme, ***) are ignored; local hosts and well-known default passwords are reported at low severity.',
  severity: 'high',
  remediation: 'Change the password on the server, remove it from the string, and build the connection string at run time from a secret store or environment variables (e.g. `DATABASE_URL` injected by the platform), or use IAM/managed-identity authentication.',
  references: [
    'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html',
    'https://www.postgresql.org/docs/current/libpq-pgpass.html',
  ],
  standards: { ...SECRET_STANDARDS, cwe: ['CWE-798', 'CWE-522', 'CWE-259'] },
  detectors: DATABASE_DETECTORS,
});

export const privateKeys = familyRule({
  id: 'secrets/private-keys',
  title: 'Private key committed',
  description:
    'A private key is in the repository: a PEM RSA/DSA/EC/PKCS#8 key (also the one-line form with escaped \\n inside JSON or environment strings, the bare base64 DER without the PEM armour, and a whole PEM file base64-encoded again, as in Kubernetes Secret `data:` values), an OpenSSH, SSH2 or PuTTY key, a PGP private key block, an age or Nostr secret key, or a WireGuard private key. Whoever holds it can impersonate the server or user, decrypt traffic or data, and sign as you. The finding is on the BEGIN line; truncated and placeholder bodies are ignored, and passphrase-encrypted keys are reported at medium.',
  severity: 'critical',
  remediation: 'Treat the key as compromised: revoke its certificate or remove its public key from every authorized_keys/trust store, generate a new key pair outside the repository, and mount it at run time from a secret store (e.g. Kubernetes secret, Key Vault, Secrets Manager).',
  references: ['https://datatracker.ietf.org/doc/html/rfc7468', 'https://www.ncsc.gov.uk/collection/developers-collection/principles/protect-your-code-repository'],
  standards: { ...SECRET_STANDARDS, cwe: ['CWE-798', 'CWE-321', 'CWE-522'] },
  detectors: PRIVATE_KEY_DETECTORS,
});

export const publicSectorKeys = familyRule({
  id: 'secrets/public-sector-keys',
  title: 'UK public-sector platform API key committed',
  description:
    'An API key for a UK government platform is in the repository: GOV.UK Notify (`<key name>-<service id>-<secret>`, two UUIDs after the name) can send email, text messages and letters that citizens trust as official; GOV.UK Pay live keys (`api_live_…`) take and refund payments; Companies House and OS Data Hub keys are rate-limited in your name. GOV.UK Pay test keys are reported at low severity.',
  severity: 'high',
  remediation: 'Revoke the key in the platform\'s admin tool (GOV.UK Notify: API integration → API keys; GOV.UK Pay: Settings → API keys), create a new one and inject it at run time from your secret store or platform environment.',
  references: [
    'https://docs.notifications.service.gov.uk/rest-api.html#api-keys',
    'https://docs.payments.service.gov.uk/security/#securing-your-developer-keys',
    'https://www.gov.uk/service-manual/technology/managing-software-dependencies',
  ],
  detectors: PUBLIC_SECTOR_DETECTORS,
});

export const jsonWebToken = familyRule({
  id: 'secrets/json-web-token',
  title: 'JSON Web Token committed',
  description:
    'A JSON Web Token (three base64url parts whose header decodes to JSON with an "alg") is in the repository. A bearer token grants whatever its claims say to whoever presents it until it expires; long-lived service tokens are common. Unsigned tokens ("alg": "none") are flagged as such, expired tokens and HMAC tokens signed with a published placeholder key (`secret`, jwt.io\'s `your-256-bit-secret`, which anyone can mint: test data, or a server key that must be replaced) are reported at low severity, and public Supabase-style "anon" keys are ignored. A token base64-encoded once more (`ZXlK…`, as in Kubernetes Secret data) is decoded and judged the same way.',
  severity: 'medium',
  remediation: 'Revoke the token (or rotate the signing key if it cannot be revoked), remove it from the code and mint tokens at run time. Tests should build tokens with a throw-away key rather than commit real ones.',
  references: ['https://datatracker.ietf.org/doc/html/rfc7519', 'https://cheatsheetseries.owasp.org/cheatsheets/JSON_Web_Token_for_Java_Cheat_Sheet.html'],
  detectors: TOKEN_DETECTORS,
});

export const FAMILY_RULES = [
  cloudCredentials,
  sourceControlTokens,
  ciCdTokens,
  paymentCredentials,
  messagingCredentials,
  aiApiKeys,
  saasApiTokens,
  databaseCredentials,
  privateKeys,
  publicSectorKeys,
  jsonWebToken,
];

/** Every detector of every family rule. */
export const ALL_DETECTORS = FAMILY_RULES.flatMap((r) => r.detectors);
