import type { Detector } from '../lib/types.js';
import { shannonEntropy } from '../lib/entropy.js';
import { ASSIGN, L, R, RD, UUID, contextual, orBare, prefixed, re } from './helpers.js';

/** An Okta org's domain (okta.com, oktapreview.com, okta-emea.com, okta-gov.com, okta.mil; not okta-dnssec.com, a DNS target). */
const OKTA_DOMAIN = /[a-z0-9-]\.(?:okta|oktapreview|okta-emea|okta-gov)\.com(?![A-Za-z0-9-])|[a-z0-9-]\.okta\.mil(?![A-Za-z0-9-])/i;
/** Letters of both cases and entropy of a random token (not a word, an id or a hash). */
const mixedRandom = (s: string, minEntropy = 3.8) => /[A-Z]/.test(s) && /[a-z]/.test(s) && shannonEntropy(s) >= minEntropy;
/** An Okta OAuth client ID: `0oa` and 17 letters or digits. */
const OKTA_CLIENT_ID = /(?<![A-Za-z0-9])0oa[A-Za-z0-9]{17}(?![A-Za-z0-9])/;

/** Productivity, CRM, social and other software-as-a-service APIs. */
export const SAAS_DETECTORS: Detector[] = [
  prefixed('linear-api-key', 'Linear API key', 'Linear', ['lin_api_'], `${L}(lin_api_[A-Za-z0-9]{40})${R}`, { kingfisher: ['kingfisher.linear.1'], gitleaks: ['linear-api-key'] }),
  prefixed('notion-integration-token', 'Notion integration token', 'Notion', ['secret_', 'ntn_'], `${L}((?:secret_[A-Za-z0-9]{43}|ntn_[0-9]{11}[A-Za-z0-9]{35}))${R}`, {
    kingfisher: ['kingfisher.notion.1'],
    minEntropy: 4,
    reference: 'https://developers.notion.com/docs/authorization',
    gitleaks: ['notion-api-token'],
  }),
  prefixed('asana-pat', 'Asana personal access token', 'Asana', ['/1', '/12', '2/'], `${L}((?:[0-9]/[0-9]{16}:[A-Za-z0-9]{32}|2/[0-9]{10,20}/[0-9]{10,20}:[a-f0-9]{32}))${R}`, { kingfisher: ['kingfisher.asana.3'],
    keywordContext: 'legacy tokens are `<digit>/<user id>:<hex>`; user ids start with 1, so a `/1` must occur',
  }),
  prefixed('airtable-pat', 'Airtable personal access token', 'Airtable', ['pat'], `${L}(pat[A-Za-z0-9]{14}\\.[a-f0-9]{64})${R}`, { kingfisher: ['kingfisher.airtable.1'], gitleaks: ['airtable-personnal-access-token'] }),
  prefixed('adafruit-io-key', 'Adafruit IO key', 'Adafruit IO', ['aio_'], `${L}(aio_[A-Za-z0-9]{28})${R}`, { kingfisher: ['kingfisher.adafruitio.1'], minEntropy: 3.5, reference: 'https://io.adafruit.com/api/docs/#authentication' }),
  // Ubidots (IoT) account tokens: `BBFF-` and 30 letters/digits
  prefixed('ubidots-token', 'Ubidots API token', 'Ubidots', ['bbff-'], `${L}(BBFF-[A-Za-z0-9]{30})${R}`, { minEntropy: 3.5, reference: 'https://docs.ubidots.com/reference/authentication' }),
  // `live_<channel id>_<key>`: what OBS and other encoders send to Twitch's ingest; whoever has it streams as the channel
  // keys from before the `aio_` prefix: 32 characters, only next to an Adafruit name
  contextual('adafruit-io-legacy-key', 'Adafruit IO key (legacy, unprefixed)', 'Adafruit IO', ['adafruit'], 'adafruit[\\w.-]{0,20}(?:key|token)', '[a-z0-9_-]{32}', { minEntropy: 3.5, gitleaks: ['adafruit-api-key'] }),
  prefixed('twitch-stream-key', 'Twitch stream key', 'Twitch', ['live_'], `${L}(live_[0-9]{8,12}_[A-Za-z0-9]{30,36})${R}`, { severity: 'medium', minEntropy: 3.5, reference: 'https://help.twitch.tv/s/article/twitch-stream-key-faq' }),
  prefixed('figma-pat', 'Figma personal access token', 'Figma', ['figd_'], `${L}(figd_[A-Za-z0-9_-]{40})${RD}`),
  // tokens made before the figd_ prefix: `<numeric id>-<UUID>`, as the X-Figma-Token header or a Figma-named setting
  contextual('figma-legacy-pat', 'Figma personal access token (legacy, before figd_)', 'Figma', ['figma'], 'figma[\\w.-]{0,20}(?:token|key|pat(?![a-z]))', `\\d{2,8}-${UUID}`, {
    severity: 'high',
    reference: 'https://www.figma.com/developers/api#access-tokens',
    kingfisher: ['kingfisher.figma.2'],
  }),
  prefixed('contentful-pat', 'Contentful personal access token', 'Contentful', ['cfpat-'], `${L}(CFPAT-[A-Za-z0-9_-]{43})${RD}`, { kingfisher: ['kingfisher.contentful.1'] }),
  prefixed('dropbox-access-token', 'Dropbox short-lived access token', 'Dropbox', ['sl.'], `${L}(sl\\.(?:u\\.)?[A-Za-z0-9_-]{130,1400})${RD}`, { kingfisher: ['kingfisher.dropbox.1'], severity: 'high', gitleaks: ['dropbox-short-lived-api-token'] }),
  contextual('dropbox-long-lived-token', 'Dropbox long-lived access token', 'Dropbox', ['dropbox'], 'dropbox[\\w.-]{0,20}(?:token|key)', '[A-Za-z0-9]{11}AAAAAAAAAA[A-Za-z0-9_=-]{43}', { severity: 'critical', gitleaks: ['dropbox-long-lived-api-token'] }),
  contextual('dropbox-app-secret', 'Dropbox app secret', 'Dropbox', ['dropbox'], 'dropbox[\\w.-]{0,20}(?:app_?)?secret', '[a-z0-9]{15}', { severity: 'high', minEntropy: 3.3, gitleaks: ['dropbox-api-token'] }),
  prefixed('typeform-pat', 'Typeform personal access token', 'Typeform', ['tfp_'], `${L}(tfp_[A-Za-z0-9_.=-]{59})${RD}`, { gitleaks: ['typeform-api-token'], kingfisher: ['kingfisher.typeform.1'] }),
  prefixed('frameio-token', 'Frame.io API token', 'Frame.io', ['fio-u-'], `${L}(fio-u-[A-Za-z0-9_=-]{64})${RD}`, { gitleaks: ['frameio-api-token'] }),
  prefixed('hubspot-private-app-token', 'HubSpot private app access token', 'HubSpot', ['pat-na1-', 'pat-eu1-'], `${L}(pat-(?:na|eu)1-${UUID})${R}`, { kingfisher: ['kingfisher.hubspot.1'] }),
  prefixed('clickup-pat', 'ClickUp personal API token', 'ClickUp', ['pk_'], `${L}(pk_[0-9]{6,10}_[0-9A-Z]{32})${R}`, { kingfisher: ['kingfisher.clickup.1'] }),
  prefixed('twitter-bearer-token', 'X (Twitter) app bearer token', 'X (Twitter)', ['aaaaaaaaaaaaaaaaaaaaa'], `${L}(A{22}[A-Za-z0-9%]{80,120})${R}`, { severity: 'high', gitleaks: ['twitter-bearer-token'] }),
  prefixed('facebook-access-token', 'Facebook/Meta access token', 'Meta', ['eaa'], `${L}(EAA[BCGIMQ][A-Za-z0-9]{100,400})${R}`, { severity: 'high', minEntropy: 4, gitleaks: ['facebook-page-access-token'] }),
  contextual('facebook-app-secret', 'Facebook/Meta app secret', 'Meta', ['facebook', 'fb_app_secret', 'meta_app_secret'], '(?:facebook|fb|meta)[\\w.-]{0,20}(?:app_?)?secret', '[a-f0-9]{32}', {
    severity: 'high',
    keywordContext: '`fb_…secret` and `meta_…secret` names only in a file that mentions Facebook or an app secret',
    gitleaks: ['facebook-secret'],
  }),
  // an app access token is the app id and its secret joined by `|` (`%7C` in a URL): it carries the secret itself
  {
    id: 'facebook-app-access-token',
    name: 'Facebook/Meta app access token (app id|app secret)',
    vendor: 'Meta',
    keywords: ['facebook', 'fb_', 'graph.'],
    keywordContext: 'the `<app id>|<secret>` pair is only a Meta token in a file that mentions Facebook or the Graph API',
    regex: /(?<![\w|%-])([0-9]{15,16}(?:\||%7C)[A-Za-z0-9_-]{27,40})(?![\w|-])/gi,
    severity: 'high',
    minEntropy: 3.5,
    reference: 'https://developers.facebook.com/docs/facebook-login/guides/access-tokens/#apptokens',
    gitleaks: ['facebook-access-token'],
  },
  prefixed('salesforce-access-token', 'Salesforce access/session token', 'Salesforce', ['00d'], `${L}(00D[A-Za-z0-9]{12,15}![A-Za-z0-9._]{80,110})`, { severity: 'high', kingfisher: ['kingfisher.salesforce.1'] }),
  // OAuth refresh tokens: `5Aep861` and 80 or more characters; with the connected app's key and secret they mint access tokens for as long as the token lives
  prefixed('salesforce-refresh-token', 'Salesforce OAuth refresh token', 'Salesforce', ['5aep861'], `${L}(5Aep861[A-Za-z0-9._]{70,200})(?![A-Za-z0-9._])`, {
    severity: 'high',
    minEntropy: 4,
    reference: 'https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_refresh_token_flow.htm',
  }),
  prefixed('mapbox-secret-token', 'Mapbox secret access token', 'Mapbox', ['sk.eyj'], `${L}(sk\\.eyJ[A-Za-z0-9_-]{20,200}\\.[A-Za-z0-9_-]{20,40})${RD}`, { kingfisher: ['kingfisher.mapbox.2'], severity: 'high', gitleaks: ['mapbox-api-token'] }),
  // `tk.` tokens are minted from a secret token for at most an hour (Mapbox's token format page): low, as they have expired by the time anyone reads them
  prefixed('mapbox-temporary-token', 'Mapbox temporary access token', 'Mapbox', ['tk.eyj'], `${L}(tk\\.eyJ[A-Za-z0-9_-]{20,200}\\.[A-Za-z0-9_-]{20,40})${RD}`, {
    severity: 'low',
    validate: () => ({ note: 'temporary: valid for at most an hour after it was created' }),
    reference: 'https://docs.mapbox.com/api/accounts/tokens/#token-format',
    kingfisher: ['kingfisher.mapbox.3'],
  }),
  prefixed('segment-public-api-token', 'Segment Public API token', 'Twilio Segment', ['sgp_'], `${L}(sgp_[A-Za-z0-9]{64})${R}`, { kingfisher: ['kingfisher.segment.1'], severity: 'high' }),
  // Older Segment Config API access tokens: two 43-character base64url halves joined by a dot (no prefix, so only next to a Segment token name)
  contextual('segment-config-api-token', 'Segment Config API access token', 'Twilio Segment', ['segment'], 'segment[\\w.-]{0,20}(?:api_?|access_?|config_?)?token', '[A-Za-z0-9_-]{43}\\.[A-Za-z0-9_-]{43}', { kingfisher: ['kingfisher.segment.2'], severity: 'high', minEntropy: 4 }),
  // after an Okta key name, or bare when the file names the org's domain
  orBare(
    contextual('okta-api-token', 'Okta API token', 'Okta', ['okta'], 'okta[\\w.-]{0,20}(?:api_?)?(?:token|key|secret)', '00[A-Za-z0-9_-]{40}', {
      severity: 'critical',
      reference: 'https://developer.okta.com/docs/guides/create-an-api-token/main/',
      gitleaks: ['okta-access-token'],
      kingfisher: ['kingfisher.okta.1'],
    }),
    '00[A-Za-z0-9_-]{40}',
    (s, text) => mixedRandom(s) && OKTA_DOMAIN.test(text),
    'a bare `00…` token (no Okta key name before it) only in a file that names an Okta org domain',
  ),
  {
    id: 'okta-client-secret',
    name: 'Okta OAuth client secret',
    vendor: 'Okta',
    keywords: ['okta'],
    keywordContext: 'a 40-character `client_secret` only near an Okta client ID (`0oa…`) in a file that names an Okta org domain',
    regex: re(`client[_-]?secret${ASSIGN}([A-Za-z0-9_-]{40,41})(?![A-Za-z0-9_+/-])`, 'gi'),
    minEntropy: 3.5,
    severity: 'high',
    validate: (_s, m, text) => OKTA_CLIENT_ID.test(text.slice(Math.max(0, m.index - 1000), m.index + 1000)) && OKTA_DOMAIN.test(text),
    reference: 'https://developer.okta.com/docs/guides/implement-grant-type/clientcreds/main/',
  },
  contextual('auth0-client-secret', 'Auth0 client secret', 'Auth0', ['auth0'], 'auth0[\\w.-]{0,20}(?:client_?)?secret', '[A-Za-z0-9_-]{64}', { kingfisher: ['kingfisher.auth0.2'], severity: 'high', minEntropy: 4 }),
  contextual('onelogin-client-secret', 'OneLogin API client secret', 'OneLogin', ['onelogin'], 'onelogin[\\w.-]{0,20}(?:client_?)?secret', '[a-f0-9]{64}', { severity: 'high', reference: 'https://developers.onelogin.com/api-docs/2/getting-started/working-with-api-credentials' }),
  // Nightfall (DLP) API keys: `NF-` and 32 letters and digits; the prefix is short, so only in a file that names Nightfall
  prefixed('nightfall-api-key', 'Nightfall API key', 'Nightfall', ['nightfall'], `${L}(NF-[A-Za-z0-9]{32})${R}`, {
    prefixed: false,
    severity: 'high',
    minEntropy: 4,
    keywordContext: 'the `NF-` prefix is short: only in a file that mentions Nightfall',
    reference: 'https://docs.nightfall.ai/docs/authentication-and-security',
  }),
  // Authress service client keys: `<client id>.<key id>.acc_<account id>.<private signing key>`
  prefixed('authress-service-client-key', 'Authress service client access key', 'Authress', ['.acc_', '.acc-'], `${L}((?:sc|ext|scauth|authress)_[A-Za-z0-9]{5,30}\\.[A-Za-z0-9]{4,6}\\.acc[_-][A-Za-z0-9-]{10,32}\\.[A-Za-z0-9+/_=-]{30,120})(?![A-Za-z0-9+/_=-])`, {
    prefixed: false,
    severity: 'high',
    minEntropy: 3.5,
    reference: 'https://authress.io/knowledge-base/docs/authorization/service-clients/secrets-scanning',
    gitleaks: ['authress-service-client-access-key'],
  }),
  // the 42 network's intranet API (42 School): application secrets are `s-s4t2ud-` (or `s-s4t2af-`) and 64 hex digits
  prefixed('intra42-client-secret', '42 intranet (Intra) API client secret', '42 School', ['s-s4t2ud-', 's-s4t2af-'], `${L}(s-s4t2(?:ud|af)-[a-f0-9]{64})${R}`, {
    severity: 'high',
    reference: 'https://api.intra.42.fr/apidoc/guides/getting_started',
    gitleaks: ['intra42-client-secret'],
  }),
  // SettleMint (blockchain platform) personal, application and service access tokens
  prefixed('settlemint-access-token', 'SettleMint access token', 'SettleMint', ['sm_pat_', 'sm_aat_', 'sm_sat_'], `${L}(sm_(?:pat|aat|sat)_[A-Za-z0-9]{16,64})${R}`, {
    severity: 'high',
    reference: 'https://console.settlemint.com/documentation/platform-components/security-and-authentication/personal-access-tokens',
    gitleaks: ['settlemint-personal-access-token', 'settlemint-application-access-token', 'settlemint-service-access-token'],
  }),
  // Chief Tools (Account Chief) personal, OAuth access and refresh tokens
  prefixed('chieftools-token', 'Chief Tools token', 'Chief Tools', ['ctp_', 'cto_', 'ctr_'], `${L}(ct[por]_[A-Za-z0-9]{30,248})${R}`, {
    severity: 'high',
    minEntropy: 3.5,
    reference: 'https://docs.chief.tools/accountchief/tokens',
    gitleaks: ['chieftools-pat', 'chieftools-access-token', 'chieftools-refresh-token'],
  }),
  // a Looker API3 client secret is 24 characters (the 20-character client id beside it is not secret)
  contextual('looker-client-secret', 'Looker API client secret', 'Looker', ['looker'], 'looker[\\w.-]{0,20}(?:client_?)?secret', '[A-Za-z0-9]{24}', { severity: 'high', minEntropy: 3.5, gitleaks: ['looker-client-secret'] }),
  contextual('beamer-api-key', 'Beamer API key', 'Beamer', ['beamer'], 'beamer[\\w.-]{0,20}(?:key|token)', 'b_[A-Za-z0-9_=-]{44}', { severity: 'high', minEntropy: 3.5, gitleaks: ['beamer-api-token'] }),
  contextual('algolia-admin-key', 'Algolia admin API key', 'Algolia', ['algolia'], 'algolia[\\w.-]{0,20}(?:admin|write)[\\w.-]{0,10}key', '[a-f0-9]{32}', { kingfisher: ['kingfisher.algolia.1'], severity: 'high', gitleaks: ['algolia-api-key'] }),
  prefixed('cloudinary-url', 'Cloudinary URL with API secret', 'Cloudinary', ['cloudinary://'], `cloudinary://\\d{6,20}:([A-Za-z0-9_-]{20,40})@[a-z0-9_-]+`, { severity: 'high' }),
  // base64 of `tok:` and a UUID (`tok:<uuid, _ for ->:1:0`): `dG9rOj` when the UUID starts with a digit, `dG9rOm` with a-f
  contextual('intercom-access-token', 'Intercom access token', 'Intercom', ['intercom'], 'intercom[\\w.-]{0,20}(?:token|key)', 'dG9rO[jm][A-Za-z0-9+/=_-]{40,80}', {
    kingfisher: ['kingfisher.intercom.1'],
    severity: 'high',
    validate: (s) => /^tok:[0-9a-f]/.test(Buffer.from(s.slice(0, 8), 'base64').toString('latin1')),
    gitleaks: ['intercom-api-key'],
  }),
  contextual('zendesk-api-token', 'Zendesk API token', 'Zendesk', ['zendesk'], 'zendesk[\\w.-]{0,20}(?:token|key)', '[A-Za-z0-9]{40}', { kingfisher: ['kingfisher.zendesk.3'], severity: 'high', minEntropy: 4, gitleaks: ['zendesk-secret-key'] }),
  // Zoho OAuth access and refresh tokens: `1000.` then two 32-hex parts
  prefixed('zoho-oauth-token', 'Zoho OAuth access/refresh token', 'Zoho', ['1000.'], `${L}(1000\\.[a-f0-9]{32}\\.[a-f0-9]{32})${R}`, { severity: 'high', reference: 'https://www.zoho.com/accounts/protocol/oauth/web-server-applications.html' }),
  contextual('statuspage-api-key', 'Atlassian Statuspage API key', 'Atlassian Statuspage', ['statuspage'], 'statuspage[\\w.-]{0,20}(?:api_?)?(?:key|token)', UUID, { severity: 'high', reference: 'https://developer.statuspage.io/#section/Authentication' }),
  contextual('zulip-api-key', 'Zulip API key', 'Zulip', ['zulip'], 'zulip[\\w.-]{0,20}(?:api_?)?key', '[A-Za-z0-9]{32}', { severity: 'high', minEntropy: 3.5, reference: 'https://zulip.com/api/api-keys' }),
  contextual('squarespace-api-key', 'Squarespace API key', 'Squarespace', ['squarespace'], 'squarespace[\\w.-]{0,20}(?:key|token|secret)', UUID, { severity: 'high', gitleaks: ['squarespace-access-token'] }),
  contextual('etsy-api-key', 'Etsy API keystring', 'Etsy', ['etsy'], 'etsy[\\w.-]{0,20}(?:key|token|secret)', '[a-z0-9]{24}', { minEntropy: 3.5, gitleaks: ['etsy-access-token'] }),
  contextual('freshbooks-access-token', 'FreshBooks access token', 'FreshBooks', ['freshbooks'], 'freshbooks[\\w.-]{0,20}(?:token|key|secret)', '[a-z0-9]{64}', { severity: 'high', minEntropy: 3.5, gitleaks: ['freshbooks-access-token'] }),
  contextual('flickr-api-key', 'Flickr API key', 'Flickr', ['flickr'], 'flickr[\\w.-]{0,20}(?:key|token|secret)', '[a-f0-9]{32}', { gitleaks: ['flickr-access-token'] }),
  contextual('finnhub-api-key', 'Finnhub API key', 'Finnhub', ['finnhub'], 'finnhub[\\w.-]{0,20}(?:key|token)', '[a-z0-9]{20}', { minEntropy: 3.3, gitleaks: ['finnhub-access-token'] }),
  contextual('nytimes-api-key', 'New York Times API key', 'The New York Times', ['nytimes', 'york'], '(?:nytimes|new[_-]?york[_-]?times)[\\w.-]{0,20}(?:key|token|secret)', '[A-Za-z0-9_=-]{32}', { minEntropy: 3.5, gitleaks: ['nytimes-access-token'] }),
  contextual('privateai-api-key', 'Private AI API key', 'Private AI', ['privateai', 'private_ai', 'private-ai'], 'private[_-]?ai[\\w.-]{0,20}(?:key|token)', '[a-z0-9]{32}', { severity: 'high', minEntropy: 3.5, gitleaks: ['privateai-api-token'] }),
  // Pastebin's developer key and user session key (32 characters): after a Pastebin key name, or as the
  // API's own `api_dev_key` / `api_user_key` parameters in a file that mentions Pastebin
  contextual('pastebin-api-key', 'Pastebin API key', 'Pastebin', ['pastebin'], 'pastebin[\\w.-]{0,20}(?:key|token)|api_(?:dev|user)_key', '[A-Za-z0-9_-]{32}', {
    minEntropy: 3.5,
    // generated keys mix upper case, lower case and digits; words joined by underscores are placeholders
    validate: (s) => mixedRandom(s, 3.5) && /[0-9]/.test(s),
    keywordContext: 'the `api_dev_key` / `api_user_key` parameter names only in a file that mentions Pastebin',
    reference: 'https://pastebin.com/doc_api',
    kingfisher: ['kingfisher.pastebin.1'],
  }),
  contextual('trello-api-token', 'Trello API token', 'Atlassian Trello', ['trello'], 'trello[\\w.-]{0,20}token', '(?:ATTA)?[a-f0-9]{64}(?:[A-F0-9]{8})?', { severity: 'high', gitleaks: ['trello-access-token'] }),
  // after a PagerDuty key name; a user token (`u+…`) also bare in a file that mentions PagerDuty
  orBare(
    contextual('pagerduty-api-key', 'PagerDuty API key', 'PagerDuty', ['pagerduty'], 'pagerduty[\\w.-]{0,20}(?:token|key)', 'u\\+[A-Za-z0-9_+-]{18}|[A-Za-z0-9_+-]{20}', { severity: 'high', minEntropy: 3.5, kingfisher: ['kingfisher.pagerduty.1'] }),
    'u\\+[A-Za-z0-9_+-]{18}',
    (s) => mixedRandom(s.slice(2), 3.3),
    'a bare `u+…` user token only in a file that mentions PagerDuty',
  ),
  contextual('lob-api-key', 'Lob API key', 'Lob', ['lob'], 'lob[\\w.-]{0,20}(?:api_?)?key', '(?:live|test)_[a-f0-9]{35}', { severity: 'high', gitleaks: ['lob-api-key'] }),
  contextual('twitch-client-secret', 'Twitch client secret', 'Twitch', ['twitch'], 'twitch[\\w.-]{0,20}secret', '[a-z0-9]{30}', { severity: 'high', gitleaks: ['twitch-api-token'] }),
  contextual('spotify-client-secret', 'Spotify client secret', 'Spotify', ['spotify'], 'spotify[\\w.-]{0,20}secret', '[a-f0-9]{32}', { severity: 'high' }),
  contextual('linkedin-client-secret', 'LinkedIn client secret', 'LinkedIn', ['linkedin'], 'linkedin[\\w.-]{0,20}secret', '[A-Za-z0-9]{16}', { severity: 'high', minEntropy: 3.3, gitleaks: ['linkedin-client-secret'] }),
  contextual('zoom-client-secret', 'Zoom client secret', 'Zoom', ['zoom'], 'zoom[\\w.-]{0,20}(?:client_?)?secret', '[A-Za-z0-9]{32}', { severity: 'high', minEntropy: 4 }),
  // 32 base64url characters after p8e- (Adobe's own secrets include `_` and `-`)
  prefixed('adobe-client-secret', 'Adobe Developer Console client secret', 'Adobe', ['p8e-'], `${L}(p8e-[A-Za-z0-9_-]{32})${RD}`, { severity: 'high', minEntropy: 3.5, gitleaks: ['adobe-client-secret'], kingfisher: ['kingfisher.adobe.3'] }),
  prefixed('maxmind-license-key', 'MaxMind license key', 'MaxMind', ['_mmk'], `${L}([A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk)${R}`, {
    prefixed: false,
    severity: 'medium',
    minEntropy: 3.5,
    reference: 'https://dev.maxmind.com/license-keys',
    gitleaks: ['maxmind-license-key'],
  }),
  contextual('twitter-api-secret', 'X (Twitter) API key secret', 'X (Twitter)', ['twitter'], 'twitter[\\w.-]{0,20}(?:consumer|api)_?(?:key_?)?secret', '[A-Za-z0-9]{50}', { kingfisher: ['kingfisher.twitter.2'], severity: 'high', minEntropy: 4, gitleaks: ['twitter-api-secret'] }),
  contextual('twitter-access-token', 'X (Twitter) user access token', 'X (Twitter)', ['twitter'], 'twitter[\\w.-]{0,20}access_?token', '[0-9]{1,20}-[A-Za-z0-9]{20,40}', { severity: 'high', gitleaks: ['twitter-access-token'] }),
  contextual('twitter-access-token-secret', 'X (Twitter) access token secret', 'X (Twitter)', ['twitter'], 'twitter[\\w.-]{0,20}access_?(?:token_?)?secret', '[A-Za-z0-9]{45}', { severity: 'high', minEntropy: 4, gitleaks: ['twitter-access-secret'] }),
  contextual('hubspot-legacy-api-key', 'HubSpot legacy API key (hapikey)', 'HubSpot', ['hubspot', 'hapikey'], 'hubspot[\\w.-]{0,20}(?:api_?)?key|hapikey', UUID, { severity: 'high', gitleaks: ['hubspot-api-key'] }),
  contextual('contentful-delivery-token', 'Contentful Delivery/Preview API token', 'Contentful', ['contentful'], 'contentful[\\w.-]{0,20}(?:delivery|preview|access|cda|cpa)[\\w.-]{0,12}token', '[A-Za-z0-9_-]{43}', {
    minEntropy: 4,
    gitleaks: ['contentful-delivery-api-token'],
  }),
  contextual('linear-oauth-client-secret', 'Linear OAuth client secret', 'Linear', ['linear'], 'linear[\\w.-]{0,20}client_?secret', '[a-f0-9]{32}', { severity: 'high', gitleaks: ['linear-client-secret'] }),
  contextual('asana-client-secret', 'Asana OAuth client secret', 'Asana', ['asana'], 'asana[\\w.-]{0,20}client_?secret', '[A-Za-z0-9]{32}', { kingfisher: ['kingfisher.asana.2'], severity: 'high', minEntropy: 3.5, gitleaks: ['asana-client-secret'] }),
  contextual('rapidapi-key', 'RapidAPI application key', 'RapidAPI', ['rapidapi'], 'rapidapi[\\w.-]{0,20}key', '[A-Za-z0-9_-]{50}', { severity: 'high', minEntropy: 4, gitleaks: ['rapidapi-access-token'], kingfisher: ['kingfisher.rapidapi.1'] }),

  // Apify API tokens: `apify_api_` and 36 letters and digits; one token reaches every actor, dataset and proxy of the account
  prefixed('apify-api-token', 'Apify API token', 'Apify', ['apify_api_'], `${L}(apify_api_[A-Za-z0-9]{30,40})${R}`, { kingfisher: ['kingfisher.apify.1'], severity: 'high', minEntropy: 3.5, reference: 'https://docs.apify.com/platform/integrations/api' }),
  // Ory Network project API keys (`ory_pat_`, `ory_apikey_`) and workspace API keys (`ory_wak_`): admin access to identities and sessions
  prefixed('ory-api-key', 'Ory Network API key', 'Ory', ['ory_pat_', 'ory_apikey_', 'ory_wak_'], `${L}(ory_(?:pat|apikey|wak)_[A-Za-z0-9]{32,64})${R}`, {
    severity: 'critical',
    minEntropy: 3.5,
    reference: 'https://www.ory.sh/docs/concepts/personal-access-token',
  }),
  // Ghost Admin API keys: a 24-hex key id and a 64-hex secret joined by `:`, next to a Ghost key name
  contextual('ghost-admin-api-key', 'Ghost Admin API key', 'Ghost', ['ghost'], 'ghost[\\w.-]{0,20}(?:admin[\\w.-]{0,10})?(?:api_?)?key', '[a-f0-9]{24}:[a-f0-9]{64}', {
    severity: 'high',
    reference: 'https://ghost.org/docs/admin-api/#token-authentication',
  }),
  // WooCommerce REST API consumer secrets: `cs_` and 40 hex digits (the `ck_` consumer key is the other half); the prefix
  // is short, so only in a file that mentions WooCommerce or its REST API path
  prefixed('woocommerce-consumer-secret', 'WooCommerce REST API consumer secret', 'WooCommerce', ['woocommerce', 'wc/v3', 'wc/v2', 'wc-api'], `${L}(cs_[a-f0-9]{40})${R}`, {
    prefixed: false,
    severity: 'high',
    keywordContext: 'the `cs_` prefix is short: only in a file that mentions WooCommerce or its `wc/v3` REST API',
    reference: 'https://woocommerce.github.io/woocommerce-rest-api-docs/#authentication',
  }),
  // Blynk device auth tokens (32 characters) in the device HTTPS API's `token=` query parameter on blynk.cloud or a regional server
  prefixed('blynk-device-token', 'Blynk device auth token', 'Blynk', ['blynk.cloud/external/api/'], `blynk\\.cloud/external/api/[A-Za-z0-9/]{0,60}\\?(?:[^\\s"'&#]{0,100}&){0,5}token=([A-Za-z0-9_-]{32})(?![A-Za-z0-9_-])`, {
    severity: 'high',
    minEntropy: 3.5,
    reference: 'https://docs.blynk.io/en/blynk.cloud/device-https-api',
  }),
  // ThingsBoard Cloud device access tokens: the path part after `/api/v1/` of the device HTTP and CoAP APIs (20 characters by default)
  prefixed('thingsboard-device-token', 'ThingsBoard Cloud device access token', 'ThingsBoard', ['thingsboard.cloud/api/v1/'], `thingsboard\\.cloud/api/v1/([A-Za-z0-9]{20})/`, {
    severity: 'medium',
    validate: (s) => /[0-9]/.test(s) && /[a-z]/i.test(s),
    reference: 'https://thingsboard.io/docs/paas/reference/http-api/',
  }),
];
