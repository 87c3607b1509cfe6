import type { Detector } from '../lib/types.js';
import { shannonEntropy } from '../lib/entropy.js';
import { ASSIGN, L, R, RB, RD, contextual, orBare, prefixed } from './helpers.js';

const SLACK_REF = 'https://api.slack.com/concepts/token-types';
const slack = { reference: SLACK_REF, secretlint: ['@secretlint/secretlint-rule-slack'] };

/** The value of a hash-named key on its line (`file_checksum: …`, `content_hash = "…"`, `md5:`): 32 hex digits there are an MD5, not a Twilio auth token. */
const HASH_KEY_BEFORE = /(?:hash|checksum|digest|md5|sha\d*|etag|fingerprint|integrity)[\w.-]*["'`]?[ \t]{0,4}(?:=|:|:=|=>)[ \t]{0,4}["'`]?$/i;

/** Chat, email and SMS providers: Slack, Discord, Telegram, Teams, Twilio, SendGrid, Mailgun, … */
/**
 * A legacy Slack token as documentation writes one: ids of two to five digits (`xoxp-1234-1234-1234-…`;
 * real team and user ids are longer, the one-digit group is a version) or a masked tail (`…-####`).
 */
function legacyPlaceholder(token: string): boolean {
  return /-\d{2,5}(?=-)/.test(token) || token.endsWith('-');
}

export const MESSAGING_DETECTORS: Detector[] = [
  // current bot tokens are `xoxb-<team>-<bot user>-<24>`; older ones `xoxb-<id>-<18 to 26>`
  prefixed('slack-bot-token', 'Slack bot token', 'Slack', ['xoxb-'], `${L}(xoxb-[0-9]{8,14}-(?:[0-9]{8,14}-)?[A-Za-z0-9]{18,48})${R}`, { kingfisher: ['kingfisher.slack.2'], ...slack, minEntropy: 2.5, gitleaks: ['slack-bot-token', 'slack-legacy-bot-token'] }),
  prefixed('slack-user-token', 'Slack user token', 'Slack', ['xoxp-', 'xoxe-'], `${L}(xox[pe](?:-[0-9]{10,13}){3}-[A-Za-z0-9]{28,34})${R}`, { ...slack, minEntropy: 2.5, gitleaks: ['slack-user-token'] }),
  prefixed('slack-app-token', 'Slack app-level token', 'Slack', ['xapp-'], `${L}(xapp-\\d-[A-Z0-9]+-\\d+-[a-z0-9]+)${R}`, { kingfisher: ['kingfisher.slack.1'], ...slack, gitleaks: ['slack-app-token'] }),
  prefixed('slack-config-token', 'Slack configuration access token', 'Slack', ['xoxe.'], `${L}(xoxe\\.xox[bp]-\\d-[A-Za-z0-9]{155,170})${R}`, { kingfisher: ['kingfisher.slack.2'], ...slack, gitleaks: ['slack-config-access-token'] }),
  prefixed('slack-config-refresh-token', 'Slack configuration refresh token', 'Slack', ['xoxe-'], `${L}(xoxe-\\d-[A-Za-z0-9]{120,170})${R}`, { kingfisher: ['kingfisher.slack.2'], ...slack, gitleaks: ['slack-config-refresh-token'] }),
  // older user tokens (`xoxp-` with shorter numeric ids) too; the current xoxp- format is slack-user-token's
  prefixed('slack-legacy-token', 'Slack legacy token', 'Slack', ['xoxa-', 'xoxo-', 'xoxp-', 'xoxr-', 'xoxs-'], `${L}(xox[aoprs]-\\d+-[0-9a-zA-Z-]{10,100})${R}`, { kingfisher: ['kingfisher.slack.2'], ...slack, minEntropy: 2.5, validate: (s, m, text) => !/^xoxp(?:-[0-9]{10,13}){3}-[A-Za-z0-9]{28,34}$/.test(s) && !text.slice(Math.max(0, m.index - 5), m.index).endsWith('xoxe.') && !legacyPlaceholder(s), gitleaks: ['slack-legacy-token', 'slack-legacy-workspace-token'] }),
  // a signed-in browser session: `xoxc-` client tokens (used with the `d` cookie) and the `d` cookie itself (`xoxd-`, URL-encoded base64)
  prefixed('slack-client-token', 'Slack client (browser session) token', 'Slack', ['xoxc-'], `${L}(xoxc-\\d{8,15}-\\d{8,15}-\\d{8,15}-[a-f0-9]{64})${R}`, { ...slack, severity: 'high', reference: 'https://slack.engineering/catching-compromised-cookies/' }),
  prefixed('slack-session-cookie', 'Slack session cookie (d=xoxd-…)', 'Slack', ['xoxd-'], `${L}(xoxd-[A-Za-z0-9%/+_-]{100,600}={0,2})(?![A-Za-z0-9%/+=_-])`, {
    ...slack,
    severity: 'high',
    minEntropy: 4,
    reference: 'https://slack.engineering/catching-compromised-cookies/',
  }),
  prefixed('slack-webhook-url', 'Slack incoming webhook URL', 'Slack', ['hooks.slack.com'], `(https?://hooks\\.slack\\.com/(?:services|workflows|triggers)/T[A-Z0-9]{6,12}/[A-Z0-9]{6,14}/[A-Za-z0-9]{20,48})`, {
    kingfisher: ['kingfisher.slack.4'],
    severity: 'high',
    ...slack,
    gitleaks: ['slack-webhook-url'],
  }),
  prefixed('discord-webhook-url', 'Discord webhook URL', 'Discord', ['/api/webhooks/'], `(https://(?:ptb\\.|canary\\.)?discord(?:app)?\\.com/api/webhooks/\\d{17,20}/[A-Za-z0-9_-]{60,68})${RD}`, { kingfisher: ['kingfisher.discord.1'], severity: 'high', gitleaks: ['discord-webhook'] }),
  {
    id: 'discord-bot-token',
    kingfisher: ['kingfisher.discord.2'],
    name: 'Discord bot token',
    vendor: 'Discord',
    keywords: ['discord'],
    keywordContext: 'the token alphabet is generic base64url: only in a file that mentions Discord',
    // base64 of the bot's numeric id, a timestamp, an HMAC
    regex: /(?<![A-Za-z0-9_.-])([MNO][A-Za-z0-9_-]{23,25}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38})(?![A-Za-z0-9_.-])/g,
    minEntropy: 4,
    validate: (s) => /^\d{17,20}$/.test(Buffer.from(s.split('.')[0], 'base64').toString('latin1')),
    reference: 'https://discord.com/developers/docs/reference#authentication',
    gitleaks: ['discord-api-token'],
  },
  // `<bot id>:AA…` anywhere (also after `bot` in the Bot API's URLs, `https://api.telegram.org/bot<token>/sendMessage`); any 35-character secret part after a Telegram key name or in an Apprise `tgram://` URL
  prefixed('telegram-bot-token', 'Telegram bot token', 'Telegram', [':aa', 'telegram', 'tgram://'], `(?:(?<![\\w:])|(?<=(?<![A-Za-z0-9_])bot))(\\d{8,10}:AA[A-Za-z0-9_-]{33})${RD}|(?:\\btgram://|(?<![A-Za-z0-9])[Tt][Ee][Ll][Ee][Gg][Rr][Aa][Mm][\\w.-]{0,24}${ASSIGN})(\\d{8,10}:[A-Za-z0-9_-]{35})${RD}`, {
    reference: 'https://core.telegram.org/bots/api#authorizing-your-bot',
    gitleaks: ['telegram-bot-api-token'],
    kingfisher: ['kingfisher.telegram.1'],
  }),
  // the current `<tenant>.webhook.office.com/webhookb2/…` form, and the form used until April 2021, `outlook.office.com/webhook/…`
  // with the same group@tenant, connector id and owner parts: it no longer posts itself, but its parts may still name a
  // live connector under the new host, so it is reported at medium
  prefixed('teams-webhook-url', 'Microsoft Teams incoming webhook URL', 'Microsoft Teams', ['webhook.office.com', 'outlook.office', 'logic.azure.com'], `(https://(?:[a-z0-9-]+\\.webhook\\.office\\.com/webhookb2|(outlook\\.office(?:365)?\\.com/webhook))/[a-z0-9-]{36}@[a-z0-9-]{36}/IncomingWebhook/[a-z0-9]{32}/[a-z0-9-]{36}(?:/[A-Za-z0-9_-]{40,60})?)`, {
    severity: 'high',
    minEntropy: 0,
    validate: (_s, m) => (m[2] ? { severity: 'medium', note: 'the outlook.office.com form retired in April 2021; the connector it names may still be live under webhook.office.com' } : true),
    reference: 'https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook',
    gitleaks: ['microsoft-teams-webhook'],
  }),
  prefixed('twilio-api-key', 'Twilio API key', 'Twilio', ['sk'], `${L}(SK[0-9a-fA-F]{32})${R}`, { kingfisher: ['kingfisher.twilio.1'], severity: 'high', reference: 'https://www.twilio.com/docs/iam/api-keys', gitleaks: ['twilio-api-key'] }),
  // after an auth-token name, as `AC…:token`, or bare ("twilio token - '…'") within a few lines of the account SID
  orBare(
    {
      id: 'twilio-auth-token',
      name: 'Twilio account SID with auth token',
      vendor: 'Twilio',
      keywords: ['twilio', 'auth_token', 'authtoken'],
      keywordContext: 'an `AC…:…` SID/token pair only in a file that mentions Twilio or an auth token',
      regex: /(?:twilio[\w.-]{0,20}(?:auth)?_?token|auth_?token)["'`]?\s{0,4}(?:=|:|:=|=>)\s{0,4}["'`]?([a-f0-9]{32})(?![A-Za-z0-9])|(?<![A-Za-z0-9])AC[a-f0-9]{32}:([a-f0-9]{32})(?![A-Za-z0-9])/gi,
      minEntropy: 3,
      severity: 'high',
      validate: (_s, m, text) => !!m[2] || /twilio|\bAC[a-f0-9]{32}\b/i.test(text.slice(Math.max(0, m.index - 2000), m.index + 2000)),
      kingfisher: ['kingfisher.twilio.2'],
      reference: 'https://www.twilio.com/docs/iam/credentials/api',
    },
    '[a-f0-9]{32}',
    (s, text, i) =>
      /[a-f]/i.test(s) &&
      /[0-9]/.test(s) &&
      /twilio/i.test(text) &&
      !HASH_KEY_BEFORE.test(text.slice(Math.max(0, i - 80), i)) &&
      /(?<![A-Za-z0-9])AC[a-f0-9]{32}(?![A-Za-z0-9])/i.test(text.slice(Math.max(0, i - 200), i + 200)),
    'an `AC…:…` pair or an auth-token name only in a file that mentions Twilio or an auth token; a bare 32-hex token only in a file that mentions Twilio, within a few lines of an `AC…` account SID, and not the value of a hash or checksum key',
  ),
  prefixed('sendgrid-api-key', 'SendGrid API key', 'Twilio SendGrid', ['sg.'], `${L}(SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43})${RD}`, {
    kingfisher: ['kingfisher.sendgrid.1'],
    reference: 'https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys',
    gitleaks: ['sendgrid-api-token'],
    secretlint: ['@secretlint/secretlint-rule-sendgrid'],
  }),
  prefixed('mailgun-api-key', 'Mailgun private API key', 'Mailgun', ['mailgun'], `${L}(key-[0-9a-z]{32}|[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8})${R}`, { kingfisher: ['kingfisher.mailgun.2'],
    prefixed: false,
    keywordContext: 'the newer key format is generic hex: only in a file that mentions Mailgun',
    severity: 'high',
    reference: 'https://documentation.mailgun.com/docs/mailgun/user-manual/get-started/#api-keys',
    gitleaks: ['mailgun-private-api-token'],
  }),
  contextual('sparkpost-api-key', 'SparkPost API key', 'SparkPost', ['sparkpost'], 'sparkpost[\\w.-]{0,20}(?:api_?)?key', '[a-f0-9]{40}', { kingfisher: ['kingfisher.sparkpost.1'], severity: 'high', reference: 'https://developers.sparkpost.com/api/#header-authentication' }),
  contextual('mailgun-webhook-signing-key', 'Mailgun webhook signing key', 'Mailgun', ['mailgun'], 'mailgun[\\w.-]{0,30}(?:signing|webhook)', '[a-h0-9]{32}-[a-h0-9]{8}-[a-h0-9]{8}', { severity: 'medium', gitleaks: ['mailgun-signing-key'] }),
  prefixed('mailchimp-api-key', 'Mailchimp API key', 'Mailchimp', ['-us'], `${L}([0-9a-f]{32}-us\\d{1,2})${R}`, { kingfisher: ['kingfisher.mailchimp.1'], severity: 'high', reference: 'https://mailchimp.com/developer/marketing/guides/quick-start/', gitleaks: ['mailchimp-api-key'] }),
  contextual('mandrill-api-key', 'Mandrill (Mailchimp Transactional) API key', 'Mailchimp Transactional', ['mandrill'], 'mandrill[\\w.-]{0,20}(?:api_?key|key)', 'md-[A-Za-z0-9_-]{22}', { severity: 'high' }),
  prefixed('brevo-api-key', 'Brevo (Sendinblue) API key', 'Brevo', ['xkeysib-'], `${L}(xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16})${R}`, { kingfisher: ['kingfisher.sendinblue.1'], severity: 'high', gitleaks: ['sendinblue-api-token'] }),
  prefixed('brevo-smtp-key', 'Brevo (Sendinblue) SMTP key', 'Brevo', ['xsmtpsib-'], `${L}(xsmtpsib-[a-f0-9]{64}-[A-Za-z0-9]{16})${R}`, { severity: 'high' }),
  contextual('postmark-server-token', 'Postmark server token', 'Postmark', ['postmark'], 'postmark[\\w.-]{0,20}(?:token|key)', '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', { kingfisher: ['kingfisher.postmark.1'], severity: 'high' }),
  contextual('mailjet-secret-key', 'Mailjet API secret key', 'Mailjet', ['mailjet', 'mj_apikey'], 'mailjet[\\w.-]{0,20}secret|mj_apikey_private', '[a-f0-9]{32}', { severity: 'high' }),
  contextual('vonage-api-secret', 'Vonage (Nexmo) API secret', 'Vonage', ['vonage', 'nexmo'], '(?:vonage|nexmo)[\\w.-]{0,20}secret', '[A-Za-z0-9]{16}', { severity: 'high', minEntropy: 3.3 }),
  contextual('messagebird-api-key', 'MessageBird (Bird) API access key', 'MessageBird', ['messagebird', 'message_bird', 'message-bird'], 'message[_-]?bird[\\w.-]{0,20}(?:key|token|secret)', '[A-Za-z0-9]{25}', { severity: 'high', minEntropy: 3.5, gitleaks: ['messagebird-api-token'] }),
  contextual('pusher-secret', 'Pusher Channels app secret', 'Pusher', ['pusher'], 'pusher[\\w.-]{0,20}secret', '[a-f0-9]{20}', { severity: 'high' }),
  prefixed('zapier-webhook-url', 'Zapier webhook URL', 'Zapier', ['hooks.zapier.com'], `(https://hooks\\.zapier\\.com/hooks/catch/\\d{5,12}/[a-z0-9]{6,12})${R}`, { severity: 'medium', minEntropy: 0 }),
  // Tines webhook actions: whoever has the URL (its path carries the secret) triggers the story
  prefixed('tines-webhook-url', 'Tines webhook URL', 'Tines', ['.tines.com/webhook/'], `(https://[a-z0-9-]{1,63}\\.tines\\.com/webhook/[a-z0-9]{32}/[a-z0-9]{32})${R}`, { severity: 'high', minEntropy: 0, reference: 'https://www.tines.com/docs/actions/types/webhook/' }),
  prefixed('fcm-legacy-server-key', 'Firebase Cloud Messaging legacy server key', 'Google Firebase', [':apa91b'], `${L}(AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{134})${RD}`, {
    prefixed: false,
    severity: 'high',
    reference: 'https://firebase.google.com/docs/cloud-messaging/auth-server#authorize-legacy-protocol-send-requests',
  }),
  contextual('mattermost-access-token', 'Mattermost access token', 'Mattermost', ['mattermost'], 'mattermost[\\w.-]{0,20}(?:access_?)?token', '[a-z0-9]{26}', { severity: 'high', minEntropy: 3.5, gitleaks: ['mattermost-access-token'] }),
  contextual('gitter-access-token', 'Gitter access token', 'Gitter', ['gitter'], 'gitter[\\w.-]{0,20}(?:token|key|secret)', '[a-z0-9_-]{40}', { severity: 'high', minEntropy: 3.5, gitleaks: ['gitter-access-token'] }),
  contextual('sendbird-api-token', 'Sendbird API token', 'Sendbird', ['sendbird'], 'sendbird[\\w.-]{0,20}(?:token|key|secret)', '[a-f0-9]{40}', { severity: 'high', gitleaks: ['sendbird-access-token'] }),
  contextual('discord-client-secret', 'Discord OAuth2 client secret', 'Discord', ['discord'], 'discord[\\w.-]{0,20}client_?secret', '[A-Za-z0-9_-]{32}', { severity: 'high', minEntropy: 3.5, gitleaks: ['discord-client-secret'] }),
  prefixed('mailersend-api-token', 'MailerSend API token', 'MailerSend', ['mlsn.'], `${L}(mlsn\\.[A-Za-z0-9]{30,100})${R}`, {
    minEntropy: 3.5,
    reference: 'https://developers.mailersend.com/general.html#authentication',
    kingfisher: ['kingfisher.mailersend.1'],
  }),

  // OneSignal App and Organization API keys (2024 format): `os_v2_app_` / `os_v2_org_` and about a hundred base32 characters
  prefixed('onesignal-api-key', 'OneSignal REST API key', 'OneSignal', ['os_v2_app_', 'os_v2_org_'], `${L}(os_v2_(?:app|org)_[a-z2-7]{90,120})${R}`, {
    severity: 'high',
    minEntropy: 3.5,
    validate: (s) => (s.startsWith('os_v2_org_') ? { note: 'an Organization API key: it creates apps and manages their keys' } : true),
    reference: 'https://documentation.onesignal.com/docs/keys-and-ids',
  }),
  // PubNub secret keys: `sec-c-` and the base64 of a UUID (48 characters); they sign Access Manager grants and admin calls
  prefixed('pubnub-secret-key', 'PubNub secret key', 'PubNub', ['sec-c-'], `${L}(sec-c-[A-Za-z0-9+/]{48})${RB}`, {
    severity: 'high',
    minEntropy: 3.5,
    validate: (s) => (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(Buffer.from(s.slice(6), 'base64').toString('latin1')) ? true : { severity: 'low', note: 'it does not decode to a UUID as PubNub keys do: edited by hand or made up?' }),
    reference: 'https://www.pubnub.com/docs/general/basics/initialize-pubnub',
  }),
  // Google Chat incoming webhooks: the space's URL with the shared `key=AIza…` and a per-webhook `token=` that authorises posting
  prefixed('google-chat-webhook-url', 'Google Chat incoming webhook URL', 'Google Chat', ['chat.googleapis.com/v1/spaces/'], `(https://chat\\.googleapis\\.com/v1/spaces/[A-Za-z0-9_-]{8,20}/messages\\?key=AIza[0-9A-Za-z_-]{35}&(?:amp;)?token=[A-Za-z0-9_-]{40,48}(?:%3D|=)?)(?![A-Za-z0-9_%=-])`, {
    severity: 'high',
    minEntropy: 0,
    reference: 'https://developers.google.com/workspace/chat/quickstart/webhooks',
  }),
  // IFTTT Webhooks service key (22 characters): in a maker.ifttt.com trigger URL it fires any applet of the account
  prefixed('ifttt-webhook-key', 'IFTTT Webhooks key', 'IFTTT', ['maker.ifttt.com/'], `maker\\.ifttt\\.com/(?:trigger/[A-Za-z0-9_.{}-]{1,80}/(?:json/)?with/key|use)/([A-Za-z0-9_-]{22})${RD}`, {
    severity: 'medium',
    minEntropy: 3.5,
    reference: 'https://help.ifttt.com/hc/en-us/articles/115010230347-Webhooks-service-FAQ',
  }),
  // Make (formerly Integromat) custom webhooks: the 32-character path is the only credential of the scenario's trigger
  prefixed('make-webhook-url', 'Make (Integromat) webhook URL', 'Make', ['.make.com/', 'hook.integromat.com/'], `(https://hook\\.(?:(?:eu|us)[12]\\.make\\.com|integromat\\.com)/[a-z0-9]{32})${R}`, {
    severity: 'medium',
    minEntropy: 0,
    validate: (s) => shannonEntropy(s.slice(-32)) >= 3.5,
    reference: 'https://www.make.com/en/help/tools/webhooks',
  }),

  // Resend (email API) keys: `re_`, an 8-character key id, `_` and a 24-character secret; the prefix is short, so only in a
  // file that mentions Resend, and only a secret part that mixes upper case, lower case and digits like a generated one
  prefixed('resend-api-key', 'Resend API key', 'Resend', ['resend'], `${L}(re_[A-Za-z0-9]{8}_[A-Za-z0-9]{24})${R}`, {
    prefixed: false,
    severity: 'high',
    minEntropy: 3.8,
    keywordContext: 'the `re_` prefix is short: only in a file that mentions Resend (its SDK, RESEND_API_KEY)',
    validate: (s) => /[A-Z]/.test(s.slice(12)) && /[a-z]/.test(s.slice(12)) && /[0-9]/.test(s),
    reference: 'https://resend.com/docs/dashboard/api-keys/introduction',
  }),
];
