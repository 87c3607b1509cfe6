import { createHash } from 'node:crypto';
import type { Detector } from '../lib/types.js';
import { base62, crc32, decodeBase64Text } from '../lib/checksums.js';
import { base64Json } from '../lib/base64.js';
import { ASSIGN, L, R, RB, RD, UUID, contextual, prefixed, re } from './helpers.js';

/** The storage emulator's (Azurite's) well-known account key, published in Microsoft's documentation: not a secret. */
const AZURITE_ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
/** A file about Azure storage: the context an account key needs under a name other than `AccountKey`. */
const AZURE_CONTEXT = /azure|windows\.net|azurite|devstoreaccount|account[_-]?name/i;
/** An Akamai EdgeGrid client token, access token or API host: `akab-` and two groups of letters and digits. */
const AKAMAI_CREDENTIAL = /akab-[a-z0-9]{8,40}-[a-z0-9]{8,40}/;
/** The client secret of the sample .edgerc in Akamai's documentation. */
const AKAMAI_DOCS_SECRET = 'C113nt53KR3TN6N90yVuAgICxIRwsObLi0E67/N8eRN=';

const AWS_EXAMPLE_SECRET = /EXAMPLE/;

/**
 * API keys published in the Firebase Android SDK repository's tests and samples and vendored into many apps (gitleaks
 * allowlists them): public, reported at low severity. Kept as SHA-256 prefixes so this file carries no key.
 */
const FIREBASE_SDK_SAMPLE_KEYS = new Set([
  '2037abcaffb2b777', '3f370c9dd8225c63', 'e4a5542bb7fd7b67', 'a19f89ab3555eac1', '0b476bdf9acf2123', 'eb540d2b6ee2a0a4',
  '37f8f09bdf12c2f2', '8731261cb72d8626', '49f777db995e8260', '27a9a42931dff7eb', 'dc0fcf046c61640c', '4c98242dcadc8b29',
  'ea9bb1082cf95663', '3a8b61d0f636b007', 'a6c814bc555ae62c',
]);

/** Cloud platforms: AWS, Google Cloud, Azure, Alibaba, Tencent, DigitalOcean, Heroku, … */
/** Text just before the `key=` value of a Google Chat incoming-webhook URL. */
const CHAT_WEBHOOK_KEY = /chat\.googleapis\.com\/v1\/spaces\/[^\s"'/?]+\/messages\?(?:[^\s"'&#]*&)*key=$/;

export const CLOUD_DETECTORS: Detector[] = [
  prefixed('aws-access-key-id', 'AWS access key ID', 'AWS IAM', ['akia', 'asia', 'abia', 'acca', 'a3t'], `${L}((?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16})${R}`, { kingfisher: ['kingfisher.aws.1'],
    // AKIAIOSFODNN7EXAMPLE is AWS's documentation example: not reported (the placeholder filter drops it).
    validate: (s) => (s.startsWith('ASIA') ? { note: 'temporary STS credentials', properties: { keyType: 'temporary' } } : true),
    reference: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids',
    gitleaks: ['aws-access-token'],
    secretlint: ['@secretlint/secretlint-rule-aws'],
  }),
  {
    id: 'aws-secret-access-key',
    kingfisher: ['kingfisher.aws.2'],
    name: 'AWS secret access key',
    vendor: 'AWS IAM',
    keywords: ['secret_access_key', 'secretaccesskey', 'secretaccess_key', 'secret_accesskey', 'secret-access-key', 'aws_secret', 'awssecret', 'aws.secret', 'aws-secret', 'secret_key'],
    // Only next to an access-key context: 40 base64 characters are otherwise indistinguishable.
    regex: re(`(aws[_.-]?secret[_.-]?(?:access[_.-]?)?key|secret_?access_?key|aws[_.-]?secret|secret-access-key|(?<![A-Za-z0-9_])secret_key)${ASSIGN}([A-Za-z0-9/+]{40})${RB}`, 'gi'),
    group: 2,
    minEntropy: 4,
    validate: (s, m, text) => {
      if (AWS_EXAMPLE_SECRET.test(s) || !/[A-Z]/.test(s) || !/[a-z]/.test(s) || !/[0-9]/.test(s)) return false;
      // a bare `secret_key` only inside an AWS context (a provider "aws" block, next to an access key id)
      if (/^secret_key$/i.test(m[1])) return /\baws\b|AKIA|ASIA|amazonaws/i.test(text.slice(Math.max(0, m.index - 1500), m.index + 500));
      return true;
    },
    reference: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
    gitleaks: ['aws-access-token'],
    secretlint: ['@secretlint/secretlint-rule-aws'],
  },
  prefixed('aws-session-token', 'AWS session token', 'AWS STS', ['iqojb3jpz2lux2vj', 'fwogzxivyxdz'], `${L}((?:IQoJb3JpZ2luX2Vj|FwoGZXIvYXdz)[A-Za-z0-9/+]{100,1400}={0,2})${RB}`, {
    severity: 'high',
    reference: 'https://docs.aws.amazon.com/STS/latest/APIReference/API_Credentials.html',
  }),
  prefixed('aws-mws-key', 'Amazon MWS auth token', 'Amazon Marketplace Web Service', ['amzn.mws.'], `(amzn\\.mws\\.${UUID})${R}`, { minEntropy: 0 }),
  prefixed('aws-bedrock-api-key', 'Amazon Bedrock API key', 'AWS Bedrock', ['absk'], `${L}(ABSKQmVkcm9ja0FQSUtleS[A-Za-z0-9+/]{100,200}={0,2})${RB}`, {
    reference: 'https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys.html',
    gitleaks: ['aws-amazon-bedrock-api-key-long-lived'],
  }),
  // A short-term Bedrock API key (aws-bedrock-token-generator, the console's "short-term key"): `bedrock-api-key-` and the
  // base64 of a SigV4-presigned `bedrock.amazonaws.com/?Action=CallWithBearerToken&…&Version=1` URL. Valid for at most 12 hours,
  // but it carries the signing session's key id and token; judged by the signature in the decoded URL, so truncated doc examples pass
  prefixed('aws-bedrock-short-term-api-key', 'Amazon Bedrock short-term API key', 'AWS Bedrock', ['bedrock-api-key-'], `${L}(bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/]{100,8000}={0,2})${RB}`, {
    validate: (s) => {
      const url = decodeBase64Text(s.slice('bedrock-api-key-'.length)) ?? '';
      if (!/Action=CallWithBearerToken/.test(url) || !/X-Amz-Signature=[0-9a-f]{64}/.test(url)) return false;
      const signed = /X-Amz-Date=(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z/.exec(url);
      const expires = /X-Amz-Expires=(\d{1,6})/.exec(url);
      if (signed && expires) {
        const [, y, mo, d, h, mi, se] = signed.map(Number);
        const end = Date.UTC(y, mo - 1, d, h, mi, se) + Number(expires[1]) * 1000;
        if (end < Date.now()) return { severity: 'low', note: `a short-term key that expired on ${new Date(end).toISOString().slice(0, 10)}` };
      }
      return { note: 'a short-term key, valid for 12 hours at most' };
    },
    reference: 'https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-generate.html',
    gitleaks: ['aws-amazon-bedrock-api-key-short-lived'],
  }),
  {
    id: 'gcp-service-account-key',
    name: 'Google Cloud service-account key (JSON)',
    vendor: 'Google Cloud IAM',
    keywords: ['service_account'],
    regex: re(`"type"\\s*:\\s*"service_account"[\\s\\S]{0,3000}?"private_key"\\s*:\\s*"(-----BEGIN [A-Z ]{0,12}PRIVATE KEY-----[A-Za-z0-9+/=\\\\ ]{100,})`),
    minEntropy: 0,
    prefixed: true,
    validate: (_s, m) => ({ offsets: [m.index, m.index + m[0].indexOf('"service_account"') + 17] }),
    reference: 'https://cloud.google.com/iam/docs/keys-create-delete',
    gitleaks: ['gcp-service-account'],
    secretlint: ['@secretlint/secretlint-rule-gcp'],
  },
  prefixed('google-api-key', 'Google API key', 'Google Cloud', ['aiza'], `${L}(AIza[0-9A-Za-z_-]{35})${RD}`, {
    severity: 'high',
    // keys published in the Firebase Android SDK's own tests and samples, vendored into many apps: public, reported low
    validate: (s, m, text) => {
      // the key in a Google Chat webhook URL is Google's own shared one; google-chat-webhook-url reports the URL
      if (CHAT_WEBHOOK_KEY.test(text.slice(Math.max(0, text.lastIndexOf('\n', m.index) + 1, m.index - 300), m.index))) return false;
      return FIREBASE_SDK_SAMPLE_KEYS.has(createHash('sha256').update(s).digest('hex').slice(0, 16)) ? { severity: 'low', note: 'a key published in the Firebase SDK\'s test code' } : true;
    },
    reference: 'https://cloud.google.com/docs/authentication/api-keys',
    gitleaks: ['gcp-api-key'],
  }),
  prefixed('google-oauth-client-secret', 'Google OAuth client secret', 'Google Cloud', ['gocspx-'], `${L}(GOCSPX-[A-Za-z0-9_-]{28})${RD}`, {
    reference: 'https://developers.google.com/identity/protocols/oauth2',
  }),
  // Secrets issued before the GOCSPX- prefix (2021) are 24 base64url characters: only as a client secret
  // next to a Google name, or in a file that holds a `<number>-<32>.apps.googleusercontent.com` client id
  {
    ...contextual('google-oauth-client-secret-legacy', 'Google OAuth client secret (24-character, before GOCSPX-)', 'Google Cloud', ['googleusercontent', 'google'], 'client_?secret', '[A-Za-z0-9_-]{24}', {
      severity: 'high',
      minEntropy: 3.5,
      reference: 'https://developers.google.com/identity/protocols/oauth2',
      kingfisher: ['kingfisher.google.3', 'kingfisher.google.6'],
    }),
    keywordContext: 'a client_secret is generic: only next to a google name or in a file with a Google OAuth client id',
    regex: re(`((?:google[\\w.-]{0,20})?client_?secret)[\\w.-]{0,24}${ASSIGN}([A-Za-z0-9_-]{24})(?![A-Za-z0-9_+/-])`, 'gi'),
    group: 2,
    validate: (_s, m, text) =>
      /google/i.test(m[1] ?? '') || /\d{6,}-[a-z0-9]{32}\.apps\.googleusercontent\.com/.test(text.slice(Math.max(0, m.index - 1000), m.index + 1000)),
  },
  prefixed('google-oauth-refresh-token', 'Google OAuth refresh token', 'Google', ['1//0'], `(?<![\\w/:])(1//0[A-Za-z0-9_-]{60,120})${RD}`, { severity: 'high' }),
  prefixed('google-oauth-access-token', 'Google OAuth access token', 'Google', ['ya29.'], `${L}(ya29\\.[0-9A-Za-z_-]{50,})${RD}`, { severity: 'medium' }),
  {
    id: 'azure-storage-account-key',
    kingfisher: ['kingfisher.azure.1', 'kingfisher.azurestorage.key.1'],
    name: 'Azure storage account key',
    vendor: 'Microsoft Azure',
    keywords: ['accountkey', 'account_key', 'account-key', 'account.key', 'storagekey', 'storage_key', 'storage-key', 'storage.key'],
    // in a connection string (`;AccountKey=…;`), or as a setting of its own (`AccountKey="…"`, `"AccountKey": "…"`); or, in a
    // file that names Azure, under another account-key or storage-key name: `account_key: '…'`, `<account_key>…<`, `{ "AccountKey", "…" }`,
    // `DEFAULT_ACCOUNT_KEY =` on the next line, `-storagekey …` on a command line
    regex: re(`(?:AccountKey["']?\\s*[=:]\\s*["']?|(?:account|storage(?:[_.-]?account)?)[_.-]?key["'\`]?(?:\\s{0,20}(?:=>|=|:|,|\\|\\||\\{)\\s{0,20}|>\\s{0,4}|[ \\t]{1,4})["'\`]?)([A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])`, 'gi'),
    minEntropy: 4,
    prefixed: true,
    validate: (s, m, text) => {
      // an identifiable key (`+ASt` signature) is reported once, as azure-storage-identifiable-key; the storage emulator's key is public
      if (s.slice(76, 80) === '+ASt' || s === AZURITE_ACCOUNT_KEY) return false;
      return /AccountKey["']?\s*[=:]/i.test(m[0]) || AZURE_CONTEXT.test(text);
    },
    reference: 'https://learn.microsoft.com/en-us/azure/storage/common/storage-configure-connection-string',
    secretlint: ['@secretlint/secretlint-rule-azure'],
  },
  {
    id: 'azure-shared-access-key',
    kingfisher: ['kingfisher.azure.1'],
    name: 'Azure Service Bus / Event Hubs shared access key',
    vendor: 'Microsoft Azure',
    keywords: ['sharedaccesskey'],
    regex: re(`SharedAccessKey\\s*=\\s*([A-Za-z0-9+/]{43}=)`, 'gi'),
    minEntropy: 4,
    prefixed: true,
    reference: 'https://learn.microsoft.com/en-us/azure/service-bus-messaging/service-bus-sas',
  },
  {
    id: 'azure-sas-token',
    name: 'Azure shared access signature (SAS)',
    vendor: 'Microsoft Azure',
    keywords: ['sig='],
    regex: re(`[?&;]sv=\\d{4}-\\d{2}-\\d{2}&[^\\s"'<>]{0,400}?&sig=([A-Za-z0-9%+/]{40,90}(?:%3D|=){0,2})`),
    minEntropy: 3.5,
    severity: 'high',
    reference: 'https://learn.microsoft.com/en-us/azure/storage/common/storage-sas-overview',
  },
  prefixed('azure-ad-client-secret', 'Microsoft Entra ID (Azure AD) client secret', 'Microsoft Entra ID', ['q~'], `(?<![A-Za-z0-9_~.-])([A-Za-z0-9_~.-]{3}\\dQ~[A-Za-z0-9_~.-]{31,34})(?![A-Za-z0-9_~.-])`, {
    minEntropy: 3.5,
    reference: 'https://learn.microsoft.com/en-us/entra/identity-platform/how-to-add-credentials',
    gitleaks: ['azure-ad-client-secret'],
  }),
  // Microsoft "identifiable" keys carry a fixed platform signature at a fixed offset.
  prefixed('azure-storage-identifiable-key', 'Azure storage identifiable key', 'Microsoft Azure Storage', ['+ast'], `${L}([A-Za-z0-9+/]{76}\\+ASt[A-Za-z0-9+/]{5}[AQgw]==)`, { minEntropy: 4 }),
  prefixed('azure-cosmosdb-identifiable-key', 'Azure Cosmos DB identifiable key', 'Microsoft Azure Cosmos DB', ['acdb'], `${L}([A-Za-z0-9+/]{76}ACDb[A-Za-z0-9+/]{5}[AQgw]==)`, { minEntropy: 4 }),
  prefixed('azure-apim-identifiable-key', 'Azure API Management identifiable key', 'Microsoft Azure API Management', ['apim'], `${L}([A-Za-z0-9]{76}APIM[A-Za-z0-9]{5}[AQgw]==)`, { minEntropy: 4 }),
  // API Management subscription keys of the older 32-hex form, next to Azure's own header name or an APIM name
  contextual('azure-apim-subscription-key', 'Azure API Management subscription key', 'Microsoft Azure API Management', ['ocp-apim-subscription-key', 'apim'], 'ocp-apim-subscription-key|apim[\\w.-]{0,20}subscription[_.-]?key', '[a-f0-9]{32}', {
    minEntropy: 3.2,
    reference: 'https://learn.microsoft.com/en-us/azure/api-management/api-management-subscriptions',
    kingfisher: ['kingfisher.azureapim.1'],
  }),
  prefixed('azure-function-identifiable-key', 'Azure Functions identifiable key', 'Microsoft Azure Functions', ['azfu'], `${L}([A-Za-z0-9_-]{44}AzFu[A-Za-z0-9_-]{5}[AQgw]==)`, { minEntropy: 4 }),
  prefixed('azure-search-identifiable-key', 'Azure AI Search identifiable key', 'Microsoft Azure AI Search', ['azse'], `${L}([A-Za-z0-9]{42}AzSe[A-D][A-Za-z0-9]{5})${R}`, { kingfisher: ['kingfisher.azuresearch.key.1'], minEntropy: 4 }),
  prefixed('azure-servicebus-identifiable-key', 'Azure Service Bus identifiable key', 'Microsoft Azure Service Bus', ['+asb'], `${L}([A-Za-z0-9+/]{33}\\+ASb[A-Za-z0-9+/]{5}=)`, { minEntropy: 4 }),
  prefixed('azure-eventhub-identifiable-key', 'Azure Event Hubs identifiable key', 'Microsoft Azure Event Hubs', ['+aeh'], `${L}([A-Za-z0-9+/]{33}\\+AEh[A-Za-z0-9+/]{5}=)`, { minEntropy: 4 }),
  prefixed('azure-relay-identifiable-key', 'Azure Relay identifiable key', 'Microsoft Azure Relay', ['+arm'], `${L}([A-Za-z0-9+/]{33}\\+ARm[A-Za-z0-9+/]{5}=)`, { minEntropy: 4 }),
  prefixed('azure-iot-identifiable-key', 'Azure IoT Hub identifiable key', 'Microsoft Azure IoT Hub', ['aiot'], `${L}([A-Za-z0-9+/]{33}AIoT[A-Za-z0-9+/]{5}=)`, { minEntropy: 4 }),
  prefixed('azure-container-registry-key', 'Azure Container Registry identifiable key', 'Microsoft Azure Container Registry', ['+acr'], `${L}([A-Za-z0-9+/]{42}\\+ACR[A-D][A-Za-z0-9]{5})${R}`, { minEntropy: 4 }),
  prefixed('azure-redis-identifiable-key', 'Azure Cache for Redis identifiable key', 'Microsoft Azure Cache for Redis', ['azca'], `${L}([A-Za-z0-9]{33}AzCa[A-P][A-Za-z0-9]{5}=)`, { minEntropy: 4 }),
  prefixed('azure-eventgrid-identifiable-key', 'Azure Event Grid identifiable key', 'Microsoft Azure Event Grid', ['azeg'], `${L}([A-Za-z0-9]{52}JQQJ9[9DH][A-Za-z0-9][A-L][A-Za-z0-9]{16}AZEG[A-Za-z0-9]{4})${R}`, { minEntropy: 4 }),
  prefixed('alibaba-access-key-id', 'Alibaba Cloud AccessKey ID', 'Alibaba Cloud', ['ltai'], `${L}(LTAI[A-Za-z0-9]{12,20})${R}`, { kingfisher: ['kingfisher.alibabacloud.1'],
    minEntropy: 3.3,
    reference: 'https://www.alibabacloud.com/help/en/ram/user-guide/create-an-accesskey-pair',
    gitleaks: ['alibaba-access-key-id'],
  }),
  contextual('alibaba-access-key-secret', 'Alibaba Cloud AccessKey secret', 'Alibaba Cloud', ['alibaba', 'aliyun', 'access_key_secret', 'accesskeysecret', 'accesskey_secret', 'access_keysecret'], 'alibaba[\\w.-]{0,20}secret|aliyun[\\w.-]{0,20}secret|access_?key_?secret', '[A-Za-z0-9]{30}', { kingfisher: ['kingfisher.alibabacloud.2'], severity: 'critical', minEntropy: 4, gitleaks: ['alibaba-secret-key'] }),
  prefixed('tencent-secret-id', 'Tencent Cloud SecretId', 'Tencent Cloud', ['akid'], `${L}(AKID[A-Za-z0-9]{32})${R}`, { minEntropy: 3.5, reference: 'https://www.tencentcloud.com/document/product/598/32675' }),
  contextual('ibm-cloud-api-key', 'IBM Cloud API key', 'IBM Cloud', ['ibm'], 'ibm[\\w.-]{0,20}key', '[A-Za-z0-9_-]{44}', { severity: 'high', minEntropy: 4, kingfisher: ['kingfisher.ibm.1'] }),
  prefixed('digitalocean-pat', 'DigitalOcean personal access token', 'DigitalOcean', ['dop_v1_'], `${L}(dop_v1_[a-f0-9]{64})${R}`, { kingfisher: ['kingfisher.digitalocean.1', 'kingfisher.digitalocean.3'], reference: 'https://docs.digitalocean.com/reference/api/create-personal-access-token/', gitleaks: ['digitalocean-pat'] }),
  prefixed('digitalocean-oauth-token', 'DigitalOcean OAuth access token', 'DigitalOcean', ['doo_v1_'], `${L}(doo_v1_[a-f0-9]{64})${R}`, { kingfisher: ['kingfisher.digitalocean.3'], gitleaks: ['digitalocean-access-token'] }),
  prefixed('digitalocean-refresh-token', 'DigitalOcean OAuth refresh token', 'DigitalOcean', ['dor_v1_'], `${L}(dor_v1_[a-f0-9]{64})${R}`, { kingfisher: ['kingfisher.digitalocean.2'], gitleaks: ['digitalocean-refresh-token'] }),
  prefixed('digitalocean-spaces-key', 'DigitalOcean Spaces access key', 'DigitalOcean', ['do00'], `${L}(DO00[A-Z0-9]{16})${R}`, { severity: 'high', minEntropy: 3 }),
  prefixed('heroku-api-key-v2', 'Heroku API key', 'Heroku', ['hrku-'], `${L}(HRKU-AA[0-9A-Za-z_-]{58})${RD}`, { reference: 'https://devcenter.heroku.com/articles/authentication', gitleaks: ['heroku-api-key-v2'] }),
  contextual('heroku-api-key', 'Heroku API key (UUID)', 'Heroku', ['heroku'], 'heroku[\\w.-]{0,20}(?:api_?key|token|key)', UUID, { kingfisher: ['kingfisher.heroku.1'], severity: 'high', gitleaks: ['heroku-api-key'] }),
  prefixed('cloudflare-origin-ca-key', 'Cloudflare Origin CA key', 'Cloudflare', ['v1.0-'], `${L}(v1\\.0-[a-f0-9]{24}-[a-f0-9]{146})${R}`, { kingfisher: ['kingfisher.cloudflare.2'], gitleaks: ['cloudflare-origin-ca-key'] }),
  // `cfk_` (global API key), `cfut_` (user API token), `cfat_` (account API token): 40 alphanumerics and an 8-hex checksum
  prefixed('cloudflare-api-token-scannable', 'Cloudflare API token or key (scannable format)', 'Cloudflare', ['cfk_', 'cfut_', 'cfat_'], `${L}((?:cfk|cfut|cfat)_[A-Za-z0-9]{40}[a-f0-9]{8})${R}`, {
    minEntropy: 3.5,
    severity: 'critical',
    validate: (s) => (s.startsWith('cfk_') ? { note: 'a global API key: full access to the account' } : true),
    reference: 'https://developers.cloudflare.com/fundamentals/api/get-started/token-formats/',
  }),
  contextual('cloudflare-api-token', 'Cloudflare API token', 'Cloudflare', ['cloudflare', 'cf_api', 'cf_token'], 'cloudflare[\\w.-]{0,20}(?:token|key)|cf_api_(?:token|key)', '[A-Za-z0-9_-]{40}', { kingfisher: ['kingfisher.cloudflare.1'], severity: 'high', gitleaks: ['cloudflare-api-key'] }),
  // a function key in an HTTP-triggered function's URL (`?code=`) or `x-functions-key` header: whoever has it can call the function
  {
    id: 'azure-function-key',
    name: 'Azure Functions access key',
    vendor: 'Microsoft Azure Functions',
    keywords: ['.azurewebsites.net/api/', 'x-functions-key'],
    regex: re(`(?:https://[a-z0-9-]{2,60}\\.azurewebsites\\.net/api/[A-Za-z0-9_/-]{1,100}\\?(?:[^\\s"'<>#]{0,200}&)?code=|x-functions-key["']?\\s{0,4}[:=]\\s{0,4}["']?)([A-Za-z0-9_/+%-]{40,100}(?:={1,2}|%3D){0,2})(?![A-Za-z0-9_/+%=-])`, 'gi'),
    minEntropy: 4,
    severity: 'high',
    reference: 'https://learn.microsoft.com/en-us/azure/azure-functions/function-keys-how-to',
  },
  // SignalR Service and Web PubSub connection strings carry the resource's access key (base64, 32 bytes)
  {
    id: 'azure-signalr-access-key',
    name: 'Azure SignalR / Web PubSub access key',
    vendor: 'Microsoft Azure SignalR Service',
    keywords: ['.service.signalr.net', '.webpubsub.azure.com'],
    regex: re(`Endpoint=https://[a-z0-9-]{1,63}\\.(?:service\\.signalr\\.net|webpubsub\\.azure\\.com)/?;(?:[A-Za-z]{2,20}=[^;\\s"'=]{0,100};){0,3}AccessKey=([A-Za-z0-9+/]{40,88}={0,2})(?![A-Za-z0-9+/=])`, 'gi'),
    minEntropy: 4,
    prefixed: true,
    reference: 'https://learn.microsoft.com/en-us/azure/azure-signalr/concept-connection-string',
    kingfisher: ['kingfisher.azuresignalr.1', 'kingfisher.azurewebpubsub.1'],
  },
  // App Configuration connection strings: `Endpoint=https://<store>.azconfig.io;Id=<credential id>;Secret=<base64, 32 bytes>`
  {
    id: 'azure-app-configuration-secret',
    name: 'Azure App Configuration access key',
    vendor: 'Microsoft Azure App Configuration',
    keywords: ['.azconfig.io;'],
    regex: re(`https://[a-z0-9-]{1,63}\\.azconfig\\.io;Id=[A-Za-z0-9:+/-]{4,60};Secret=([A-Za-z0-9+/]{43}=)`, 'gi'),
    minEntropy: 4,
    prefixed: true,
    reference: 'https://learn.microsoft.com/en-us/azure/azure-app-configuration/howto-disable-access-key-authentication',
    kingfisher: ['kingfisher.azure.2'],
  },
  // Logic Apps and Power Automate HTTP-request triggers: the `sig` query parameter is the workflow's SAS
  // signature, so the URL alone lets anyone start the workflow
  {
    id: 'azure-logic-apps-trigger-url',
    name: 'Azure Logic Apps / Power Automate trigger URL with signature',
    vendor: 'Microsoft Azure Logic Apps',
    keywords: ['.logic.azure.com'],
    regex: re(`https://[a-z0-9-]{1,40}(?:\\.[a-z0-9-]{1,40}){0,3}\\.logic\\.azure\\.com(?::\\d{1,5})?/workflows/[A-Za-z0-9]{10,40}/triggers/[A-Za-z0-9_.-]{1,80}/paths/invoke[^\\s"'<>]{0,300}?[?&]sig=([A-Za-z0-9_-]{30,90})(?![A-Za-z0-9_-])`, 'gi'),
    minEntropy: 3.5,
    severity: 'high',
    prefixed: true,
    reference: 'https://learn.microsoft.com/en-us/azure/logic-apps/logic-apps-securing-a-logic-app#generate-shared-access-signatures-sas',
    kingfisher: ['kingfisher.azurelogicapps.1'],
  },
  // an Azure Data Factory self-hosted integration runtime key: `IR@<guid>@<factory>@<region>@<base64 key>`; it registers a runtime node with the factory
  prefixed('azure-datafactory-shir-key', 'Azure Data Factory self-hosted integration runtime key', 'Microsoft Azure Data Factory', ['ir@'], `${L}(IR@[0-9a-fA-F-]{36}@[A-Za-z0-9_.-]{1,80}@[A-Za-z0-9-]{1,40}@[A-Za-z0-9+/]{43}=)(?![A-Za-z0-9+/=])`, {
    severity: 'high',
    reference: 'https://learn.microsoft.com/en-us/azure/data-factory/create-self-hosted-integration-runtime',
    gitleaks: ['datafactory-shir-token'],
  }),
  prefixed('yandex-api-key', 'Yandex Cloud API key', 'Yandex Cloud', ['aqvn'], `${L}(AQVN[A-Za-z0-9_-]{35,38})${RD}`, { gitleaks: ['yandex-api-key'] }),
  prefixed('yandex-iam-token', 'Yandex Cloud IAM token', 'Yandex Cloud', ['t1.'], `${L}(t1\\.[A-Z0-9a-z_-]+={0,2}\\.[A-Z0-9a-z_-]{86}={0,2})${RD}`, { severity: 'high', gitleaks: ['yandex-access-token'] }),
  // a static access key's secret (the AWS-compatible pair for Object Storage): `YC` and 38 characters, named as Yandex's
  contextual('yandex-static-key-secret', 'Yandex Cloud static access key secret', 'Yandex Cloud', ['yandex'], 'yandex[\\w.-]{0,24}(?:secret|token|key)', 'YC[A-Za-z0-9_-]{38}', {
    severity: 'high',
    minEntropy: 3.5,
    reference: 'https://yandex.cloud/en/docs/iam/concepts/authorization/access-key',
    gitleaks: ['yandex-aws-access-token'],
  }),
  prefixed('flyio-access-token', 'Fly.io access token', 'Fly.io', ['fo1_', 'fm1', 'fm2_'], `${L}((?:fo1_[\\w-]{43}|fm1[ar]_[A-Za-z0-9+/]{100,}={0,3}|fm2_[A-Za-z0-9+/]{100,}={0,3}))`, { gitleaks: ['flyio-access-token'] }),
  prefixed('netlify-pat', 'Netlify personal access token', 'Netlify', ['nfp_'], `${L}(nfp_[A-Za-z0-9]{36,40})${R}`, { gitleaks: ['netlify-access-token'] }),
  // older tokens: 43–45 base64url characters or 64 hex, only after a Netlify token/key/secret name
  contextual('netlify-legacy-token', 'Netlify access token (unprefixed)', 'Netlify', ['netlify'], 'netlify[\\w.-]{0,20}(?:auth_?|access_?|api_?)?(?:token|key|secret)', '[A-Za-z0-9_-]{43,45}|[a-f0-9]{64}', { severity: 'high', minEntropy: 3.5, gitleaks: ['netlify-access-token'], kingfisher: ['kingfisher.netlify.1', 'kingfisher.netlify.2'] }),
  // Defined Networking (managed Nebula overlay networks) API keys: `dnkey-`, 26 characters, `-`, 52 characters
  prefixed('defined-networking-api-key', 'Defined Networking API key', 'Defined Networking', ['dnkey-'], `${L}(dnkey-[A-Za-z0-9_=-]{26}-[A-Za-z0-9_=-]{52})${RD}`, {
    severity: 'high',
    minEntropy: 3.5,
    reference: 'https://docs.defined.net/guides/automating-host-creation/',
    gitleaks: ['defined-networking-api-token'],
  }),
  // CAST AI (Kubernetes cost automation) API keys: `castai_v1_`, 64 characters, `_`, 8 characters
  prefixed('castai-api-key', 'CAST AI API key', 'CAST AI', ['castai_v1_'], `${L}(castai_v1_[A-Za-z0-9]{64}_[A-Za-z0-9]{8})${R}`, {
    severity: 'high',
    reference: 'https://docs.cast.ai/docs/authentication',
    gitleaks: ['castai-api-key'],
  }),
  prefixed('supabase-access-token', 'Supabase personal access token', 'Supabase', ['sbp_'], `${L}(sbp_[a-f0-9]{40})${R}`, { kingfisher: ['kingfisher.supabase.1'] }),
  prefixed('supabase-secret-key', 'Supabase secret API key', 'Supabase', ['sb_secret_'], `${L}(sb_secret_[A-Za-z0-9_-]{20,64})${RD}`, { kingfisher: ['kingfisher.supabase.2'] }),
  prefixed('planetscale-token', 'PlanetScale API token', 'PlanetScale', ['pscale_tkn_'], `${L}(pscale_tkn_[\\w=.-]{32,64})${RD}`, { kingfisher: ['kingfisher.planetscale.1'], gitleaks: ['planetscale-api-token'] }),
  prefixed('planetscale-password', 'PlanetScale database password', 'PlanetScale', ['pscale_pw_'], `${L}(pscale_pw_[\\w=.-]{32,64})${RD}`, { gitleaks: ['planetscale-password'] }),
  prefixed('planetscale-oauth-token', 'PlanetScale OAuth token', 'PlanetScale', ['pscale_oauth_'], `${L}(pscale_oauth_[\\w=.-]{32,64})${RD}`, { gitleaks: ['planetscale-oauth-token'] }),
  prefixed('render-api-key', 'Render API key', 'Render', ['rnd_'], `${L}(rnd_[A-Za-z0-9]{32})${R}`),
  // Atlas service-account client secrets carry a fixed prefix; programmatic API keys are a public key and a UUID private key
  prefixed('mongodb-atlas-service-account-secret', 'MongoDB Atlas service account client secret', 'MongoDB Atlas', ['mdb_sa_sk_'], `${L}(mdb_sa_sk_[A-Za-z0-9_-]{40})${RD}`, {
    kingfisher: ['kingfisher.mongodb.4'],
    minEntropy: 3.5,
    reference: 'https://www.mongodb.com/docs/atlas/api/service-accounts-overview/',
  }),
  contextual('mongodb-atlas-private-key', 'MongoDB Atlas programmatic API private key', 'MongoDB Atlas', ['atlas', 'mongodb'], '(?:mongodb[_.-]?)?atlas[_.-]?(?:api[_.-]?)?private[_.-]?key|mongodb[_.-]?(?:atlas[_.-]?)?(?:api[_.-]?)?private[_.-]?key', UUID, {
    kingfisher: ['kingfisher.mongodb.1'],
    severity: 'critical',
    reference: 'https://www.mongodb.com/docs/atlas/configure-api-access/',
  }),
  prefixed('databricks-token', 'Databricks personal access token', 'Databricks', ['dapi'], `${L}(dapi[a-f0-9]{32}(?:-\\d)?)${R}`, { kingfisher: ['kingfisher.databricks.1', 'kingfisher.databricks.2'], reference: 'https://docs.databricks.com/en/dev-tools/auth/pat.html', gitleaks: ['databricks-api-token'] }),
  prefixed('databricks-oauth-secret', 'Databricks OAuth secret', 'Databricks', ['dose'], `${L}(dose[a-f0-9]{32})${R}`),
  prefixed('scaleway-secret-key', 'Scaleway API secret key', 'Scaleway', ['scw'], `(?:scw|SCW)_?SECRET_?KEY${ASSIGN}(${UUID})`, { prefixed: false, severity: 'high' }),
  contextual('linode-token', 'Linode (Akamai) API token', 'Akamai Linode', ['linode'], 'linode[\\w.-]{0,20}(?:token|key)', '[a-f0-9]{64}', { severity: 'high' }),
  contextual('vultr-api-key', 'Vultr API key', 'Vultr', ['vultr'], 'vultr[\\w.-]{0,20}(?:api_?key|token)', '[A-Z0-9]{36}', { severity: 'high' }),
  prefixed('openshift-user-token', 'OpenShift OAuth user token', 'Red Hat OpenShift', ['sha256~'], `${L}(sha256~[A-Za-z0-9_-]{43})${RD}`, {
    minEntropy: 3.5,
    reference: 'https://docs.openshift.com/container-platform/latest/authentication/configuring-oauth-clients.html',
    gitleaks: ['openshift-user-token'],
  }),
  prefixed('scalingo-api-token', 'Scalingo API token', 'Scalingo', ['tk-us-'], `${L}(tk-us-[A-Za-z0-9_-]{48})${RD}`, { gitleaks: ['scalingo-api-token'] }),
  // `4b1d` + 38 alphanumerics: too short a prefix to trust alone, so only in a file that names ClickHouse
  prefixed('clickhouse-cloud-api-secret', 'ClickHouse Cloud API key secret', 'ClickHouse', ['clickhouse'], `${L}(4b1d[A-Za-z0-9]{38})${R}`, {
    prefixed: false,
    minEntropy: 4,
    keywordContext: 'the `4b1d` prefix is short and occurs in hashes: only in a file that mentions ClickHouse',
    gitleaks: ['clickhouse-cloud-api-secret-key'],
  }),
  contextual('cloudflare-global-api-key', 'Cloudflare global API key', 'Cloudflare', ['cloudflare', 'cf_api_key', 'cf_key', 'cf_global'], 'cloudflare[\\w.-]{0,20}key|cf_(?:global_)?(?:api_)?key', '[a-f0-9]{37}', {
    severity: 'critical',
    reference: 'https://developers.cloudflare.com/fundamentals/api/get-started/keys/',
    gitleaks: ['cloudflare-global-api-key'],
  }),
  contextual('confluent-cloud-api-secret', 'Confluent Cloud API secret', 'Confluent', ['confluent'], 'confluent[\\w.-]{0,20}secret', '[A-Za-z0-9+/]{64}', { kingfisher: ['kingfisher.confluent.2'],
    severity: 'high',
    minEntropy: 4,
    gitleaks: ['confluent-secret-key'],
  }),
  contextual('cisco-meraki-api-key', 'Cisco Meraki Dashboard API key', 'Cisco Meraki', ['meraki'], 'meraki[\\w.-]{0,20}(?:api_?)?key', '[a-f0-9]{40}', {
    severity: 'high',
    reference: 'https://developer.cisco.com/meraki/api-v1/authorization/',
    gitleaks: ['cisco-meraki-api-key'],
  }),
  // `vcp_` personal, `vci_` integration, `vca_`/`vcr_` app access/refresh tokens, `vck_` AI Gateway keys: 50 characters,
  // then the base62 CRC-32 of those 50 (6 characters)
  prefixed('vercel-token', 'Vercel token', 'Vercel', ['vcp_', 'vci_', 'vca_', 'vcr_', 'vck_'], `${L}(vc[pikar]_[A-Za-z0-9_-]{50}[A-Za-z0-9]{6})${RD}`, {
    minEntropy: 0,
    validate: (s) => (base62(crc32(s.slice(4, 54))) === s.slice(54) ? { properties: { checksum: 'valid' } } : { severity: 'low', note: 'its checksum does not match: mistyped, truncated or made up?', properties: { checksum: 'invalid' } }),
    reference: 'https://vercel.com/changelog/new-token-formats-and-secret-scanning',
  }),
  contextual('vercel-access-token', 'Vercel access token', 'Vercel', ['vercel'], 'vercel[\\w.-]{0,20}token', '[A-Za-z0-9]{24}', { kingfisher: ['kingfisher.vercel.1'], severity: 'high', minEntropy: 3.5 }),
  prefixed('cockroachdb-cloud-api-key', 'CockroachDB Cloud service account API key', 'Cockroach Labs', ['ccdb1_'], `${L}(CCDB1_[A-Za-z0-9]{22}_[A-Za-z0-9]{40})${R}`, {
    minEntropy: 3.5,
    reference: 'https://www.cockroachlabs.com/docs/cockroachcloud/managing-access#api-access',
    kingfisher: ['kingfisher.cockroachlabs.1'],
  }),
  // Aiven API tokens are long base64 strings (about 370 characters) sent as `Authorization: aivenv1 <token>`
  contextual('aiven-api-token', 'Aiven API token', 'Aiven', ['aiven'], 'aiven[\\w.-]{0,20}(?:token|key)', '[A-Za-z0-9+/]{300,400}={0,2}', {
    minEntropy: 4.5,
    reference: 'https://aiven.io/docs/platform/concepts/authentication-tokens',
    kingfisher: ['kingfisher.aiven.1'],
  }),

  // Exoscale IAM API keys: `EXO` and 24 hex digits (the key); its 43-character secret only next to an Exoscale secret name
  prefixed('exoscale-api-key', 'Exoscale API key', 'Exoscale', ['exo'], `${L}(EXO[a-f0-9]{24})${R}`, {
    severity: 'high',
    reference: 'https://community.exoscale.com/product/iam/',
  }),
  contextual('exoscale-api-secret', 'Exoscale API secret', 'Exoscale', ['exoscale'], 'exoscale[\\w.-]{0,20}(?:api_?)?secret(?:_?key)?', '[A-Za-z0-9_-]{43}', {
    severity: 'critical',
    minEntropy: 4,
    reference: 'https://community.exoscale.com/product/iam/',
  }),
  // Cloudflare Tunnel (cloudflared) connector tokens: base64 of `{"a":"<account tag>","t":"<tunnel id>","s":"<tunnel secret>"}`,
  // so they all start `eyJhIjoi`; whoever has one runs a connector for the tunnel and receives its traffic
  prefixed('cloudflare-tunnel-token', 'Cloudflare Tunnel token', 'Cloudflare', ['eyjhijoi'], `${L}(eyJhIjoi[A-Za-z0-9+/]{80,400}={0,2})${RB}`, {
    severity: 'high',
    validate: (s) => {
      const json = base64Json(s);
      return json !== undefined && typeof json.a === 'string' && typeof json.t === 'string' && typeof json.s === 'string' && json.s.length >= 16;
    },
    reference: 'https://developers.cloudflare.com/cloudflare-one/connections/connect-networks/configure-tunnels/remote-tunnel-permissions/',
  }),
  // Akamai EdgeGrid (.edgerc) client secrets: 44 base64 characters, only in a file that holds the client token or host (`akab-…`)
  {
    id: 'akamai-edgegrid-client-secret',
    name: 'Akamai EdgeGrid client secret',
    vendor: 'Akamai',
    keywords: ['akab-'],
    keywordContext: 'a `client_secret` is only an Akamai one in a file that holds an EdgeGrid client token, access token or host (`akab-…`)',
    regex: re(`client_secret${ASSIGN}([A-Za-z0-9+/]{43}=)(?![A-Za-z0-9+/=])`, 'gi'),
    severity: 'critical',
    minEntropy: 4,
    validate: (s, _m, text) => AKAMAI_CREDENTIAL.test(text) && s !== AKAMAI_DOCS_SECRET,
    reference: 'https://techdocs.akamai.com/developer/docs/set-up-authentication-credentials',
  },
];
