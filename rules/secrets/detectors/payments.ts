import type { Detector } from '../lib/types.js';
import { L, R, RD, UUID, contextual, lowWhen, prefixed, re } from './helpers.js';

/** Payment providers and commerce platforms. */
export const PAYMENT_DETECTORS: Detector[] = [
  prefixed('stripe-secret-key', 'Stripe secret key', 'Stripe', ['sk_live_', 'sk_test_'], `${L}(sk_(?:live|test)_[0-9A-Za-z]{24,247})${R}`, {
    kingfisher: ['kingfisher.stripe.1', 'kingfisher.stripe.2'],
    validate: lowWhen(/^sk_test_/, 'test mode: no live charges, but it reads and writes your test data'),
    reference: 'https://docs.stripe.com/keys',
    gitleaks: ['stripe-access-token'],
  }),
  prefixed('stripe-restricted-key', 'Stripe restricted key', 'Stripe', ['rk_live_', 'rk_test_'], `${L}(rk_(?:live|test)_[0-9A-Za-z]{24,247})${R}`, {
    validate: lowWhen(/^rk_test_/, 'test mode'),
    reference: 'https://docs.stripe.com/keys#limit-access',
    gitleaks: ['stripe-access-token'],
  }),
  prefixed('stripe-webhook-secret', 'Stripe webhook signing secret', 'Stripe', ['whsec_'], `${L}(whsec_[A-Za-z0-9+/]{32,64}={0,2})`, {
    severity: 'high',
    reference: 'https://docs.stripe.com/webhooks#verify-events',
  }),
  prefixed('square-access-token', 'Square access token', 'Square', ['sq0atp-', 'eaaa'], `${L}((?:sq0atp-[0-9A-Za-z_-]{22}|EAAA[A-Za-z0-9_-]{60}))${RD}`, {
    kingfisher: ['kingfisher.square.1', 'kingfisher.square.2'],
    minEntropy: 3.5,
    reference: 'https://developer.squareup.com/docs/build-basics/access-tokens',
    gitleaks: ['square-access-token'],
  }),
  prefixed('square-oauth-secret', 'Square OAuth application secret', 'Square', ['sq0csp-'], `${L}(sq0csp-[0-9A-Za-z_-]{43})${RD}`, { kingfisher: ['kingfisher.square.3'], gitleaks: ['square-access-token'] }),
  prefixed('braintree-access-token', 'PayPal Braintree access token', 'PayPal Braintree', ['access_token$'], `(access_token\\$(?:production|sandbox)\\$[0-9a-z]{16}\\$[0-9a-f]{32})${R}`, {
    validate: lowWhen(/\$sandbox\$/, 'sandbox'),
    reference: 'https://developer.paypal.com/braintree/docs/guides/authorization/access-token',
    gitleaks: ['braintree-access-token'],
  }),
  contextual('paypal-client-secret', 'PayPal REST client secret', 'PayPal', ['paypal'], 'paypal[\\w.-]{0,20}(?:client_?)?secret', '[A-Za-z0-9_-]{80}', { kingfisher: ['kingfisher.paypal.2'], severity: 'high', minEntropy: 4 }),
  // Chargebee API keys are `live_`/`test_` and 32 to 34 characters, the site name beside them
  contextual('chargebee-api-key', 'Chargebee API key', 'Chargebee', ['chargebee'], 'chargebee[\\w.-]{0,20}(?:key|token|secret)', '(?:live|test)_[A-Za-z0-9]{32,34}', {
    severity: 'high',
    minEntropy: 3.5,
    validate: lowWhen(/^test_/, 'test site'),
    reference: 'https://apidocs.chargebee.com/docs/api/#api_authentication',
    gitleaks: ['chargebee-access-token'],
  }),
  // Freemius (WordPress plugin licensing and payments): the SDK's init array carries `'secret_key' => 'sk_…'`
  {
    id: 'freemius-secret-key',
    name: 'Freemius secret key',
    vendor: 'Freemius',
    keywords: ['secret_key'],
    keywordContext: 'the `secret_key` entry is only Freemius\'s in a file that calls its SDK (`fs_dynamic_init`) or names Freemius',
    regex: /["']secret_key["']\s{0,8}=>\s{0,8}["'](sk_[^\s"']{29})["']/g,
    severity: 'critical',
    minEntropy: 3.5,
    validate: (_s, _m, text) => /fs_dynamic_init|freemius/i.test(text),
    reference: 'https://freemius.com/help/documentation/wordpress-sdk/integrating-freemius-sdk/',
    gitleaks: ['freemius-secret-key'],
  },
  prefixed('shopify-access-token', 'Shopify Admin API access token', 'Shopify', ['shpat_'], `${L}(shpat_[a-fA-F0-9]{32})${R}`, { kingfisher: ['kingfisher.shopify.1'], gitleaks: ['shopify-access-token'] }),
  prefixed('shopify-custom-app-token', 'Shopify custom app access token', 'Shopify', ['shpca_'], `${L}(shpca_[a-fA-F0-9]{32})${R}`, { kingfisher: ['kingfisher.shopify.1'], gitleaks: ['shopify-custom-access-token'] }),
  prefixed('shopify-private-app-password', 'Shopify private app password', 'Shopify', ['shppa_'], `${L}(shppa_[a-fA-F0-9]{32})${R}`, { kingfisher: ['kingfisher.shopify.1'], gitleaks: ['shopify-private-app-access-token'] }),
  prefixed('shopify-shared-secret', 'Shopify app shared secret', 'Shopify', ['shpss_'], `${L}(shpss_[a-fA-F0-9]{32})${R}`, { kingfisher: ['kingfisher.shopify.1'], gitleaks: ['shopify-shared-secret'] }),
  prefixed('flutterwave-secret-key', 'Flutterwave secret key', 'Flutterwave', ['flwseck'], `${L}(FLWSECK(?:_TEST)?-[a-hA-H0-9]{32}-X)${R}`, {
    validate: lowWhen(/_TEST-/, 'test mode'),
    gitleaks: ['flutterwave-secret-key'],
  }),
  prefixed('flutterwave-encryption-key', 'Flutterwave encryption key', 'Flutterwave', ['flwseck'], `${L}(FLWSECK(?:_TEST)?[a-hA-H0-9]{12})${R}`, {
    validate: lowWhen(/_TEST/, 'test mode'),
    severity: 'high',
    gitleaks: ['flutterwave-encryption-key'],
  }),
  prefixed('plaid-access-token', 'Plaid access token', 'Plaid', ['access-production-', 'access-development-', 'access-sandbox-'], `${L}(access-(?:production|development|sandbox)-${UUID})${R}`, {
    validate: lowWhen(/^access-sandbox-/, 'sandbox'),
    gitleaks: ['plaid-api-token'],
  }),
  contextual('plaid-secret', 'Plaid secret', 'Plaid', ['plaid'], 'plaid[\\w.-]{0,20}secret', '[a-f0-9]{30}', { severity: 'high', gitleaks: ['plaid-secret-key'] }),
  {
    id: 'gocardless-access-token',
    name: 'GoCardless access token',
    vendor: 'GoCardless',
    keywords: ['gocardless'],
    keywordContext: '`live_`/`sandbox_` and 40 base64url characters: only in a file that mentions GoCardless (client libraries take it as a plain `access_token`)',
    regex: re(`(?<![A-Za-z0-9_-])((?:live|sandbox)_[A-Za-z0-9_-]{40})${RD}`),
    severity: 'critical',
    minEntropy: 3.5,
    validate: lowWhen(/^sandbox_/, 'sandbox'),
    reference: 'https://developer.gocardless.com/getting-started/api/making-your-first-request/',
    gitleaks: ['gocardless-api-token'],
    kingfisher: ['kingfisher.gocardless.1'],
  },
  prefixed('paddle-api-key', 'Paddle API key', 'Paddle', ['pdl_live_', 'pdl_sdbx_'], `${L}(pdl_(?:live|sdbx)_apikey_[a-z0-9]{26}_[A-Za-z0-9]{22}_[A-Za-z0-9]{3})${R}`, {
    validate: lowWhen(/^pdl_sdbx_/, 'sandbox'),
  }),
  contextual('razorpay-key-secret', 'Razorpay key secret', 'Razorpay', ['razorpay'], 'razorpay[\\w.-]{0,20}(?:key_?)?secret', '[A-Za-z0-9]{24}', { severity: 'critical', minEntropy: 3.5, reference: 'https://razorpay.com/docs/api/authentication/' }),
  prefixed('easypost-api-key', 'EasyPost API key', 'EasyPost', ['ezak', 'eztk'], `${L}((?:EZAK|EZTK)[A-Za-z0-9]{54})${R}`, {
    validate: lowWhen(/^EZTK/, 'test mode'),
    gitleaks: ['easypost-api-token', 'easypost-test-api-token'],
  }),
  prefixed('shippo-api-token', 'Shippo API token', 'Shippo', ['shippo_'], `${L}(shippo_(?:live|test)_[a-fA-F0-9]{40})${R}`, {
    kingfisher: ['kingfisher.shippo.1'],
    validate: lowWhen(/_test_/, 'test mode'),
    gitleaks: ['shippo-api-token'],
  }),
  prefixed('duffel-api-token', 'Duffel API token', 'Duffel', ['duffel_'], `${L}(duffel_(?:test|live)_[A-Za-z0-9_=-]{43})${RD}`, {
    validate: lowWhen(/_test_/, 'test mode'),
    gitleaks: ['duffel-api-token'],
  }),
  contextual('adyen-api-key', 'Adyen API key', 'Adyen', ['adyen'], 'adyen[\\w.-]{0,20}(?:key|token|secret)', 'AQE[A-Za-z0-9+/=.-]{60,200}', { severity: 'critical', minEntropy: 4, gitleaks: ['adyen-api-key'] }),
  contextual('coinbase-access-token', 'Coinbase access token', 'Coinbase', ['coinbase'], 'coinbase[\\w.-]{0,20}(?:token|key)', '[A-Za-z0-9_-]{64}', { severity: 'high', minEntropy: 4, gitleaks: ['coinbase-access-token'] }),
  // a Kraken API private key is 64 random bytes in base64
  contextual('kraken-private-key', 'Kraken API private key', 'Kraken', ['kraken'], 'kraken[\\w.-]{0,20}(?:secret|key|token)', '[A-Za-z0-9+/]{86}==', { severity: 'critical', minEntropy: 4, gitleaks: ['kraken-access-token'] }),
  // KuCoin API secrets are UUIDs (the 24-hex API key beside them is its public identifier)
  contextual('kucoin-api-secret', 'KuCoin API secret', 'KuCoin', ['kucoin'], 'kucoin[\\w.-]{0,20}(?:secret|token)', UUID, { severity: 'critical', gitleaks: ['kucoin-secret-key'] }),
  contextual('finicity-app-key', 'Finicity (Mastercard Open Banking) app key', 'Finicity', ['finicity'], 'finicity[\\w.-]{0,20}(?:key|token)', '[a-f0-9]{32}', { severity: 'high', gitleaks: ['finicity-api-token'] }),
  contextual('finicity-partner-secret', 'Finicity (Mastercard Open Banking) partner secret', 'Finicity', ['finicity'], 'finicity[\\w.-]{0,20}(?:secret|token)', '[A-Za-z0-9]{20}', { severity: 'high', minEntropy: 3.5, gitleaks: ['finicity-client-secret'] }),
];
