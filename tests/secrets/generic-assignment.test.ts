import { describe, expect, it } from 'vitest';
import { looksLikeSecret } from '../../rules/secrets/generic-high-entropy-assignment.js';

describe('secrets/generic-high-entropy-assignment looksLikeSecret', () => {
  it('still takes random literals under a secret name', () => {
    expect(looksLikeSecret('api_token', 'Lq7dzcVoJWsk1CdSXAoZmhFkrrQxeJ6')).toBe(true);
    expect(looksLikeSecret('client_secret', 'cd36eb61-1282-40a5-a5a8-9b4229f8ecd6')).toBe(true);
    expect(looksLikeSecret('DB_PASSWORD', 'q7#Lw2!vTz9@')).toBe(true);
    expect(looksLikeSecret('session_token', 'Zx81Pq0Lm4Rt7Wv2')).toBe(true);
  });

  it('leaves names with a sigil, references to the same name and ARNs', () => {
    for (const v of ['?InterpolatedSlotInMarkup', '_CaseSigningKey', '#ansimagenta', '_builder']) expect(looksLikeSecret('lastToken', v)).toBe(false);
    expect(looksLikeSecret('exports2.Socks4Auth', 'Socks4Auth')).toBe(false);
    expect(looksLikeSecret('privateKeyMatcher', 'ber1Schema.privateKeyMatcher')).toBe(false);
    expect(looksLikeSecret('CaseworkApiKeyReadOnly', 'arn:aws:iam::aws:policy/CaseworkApiKeyReadOnly')).toBe(false);
  });

  it('leaves indexed paths, timestamps, format fields, other scripts and typed runs', () => {
    expect(looksLikeSecret('output_token', 'Runs[-1].RunId')).toBe(false);
    expect(looksLikeSecret('PasswordLastUsed', '2019-07-05T13:48:26Z')).toBe(false);
    expect(looksLikeSecret('token', '{current_word}')).toBe(false);
    expect(looksLikeSecret('Missing_closing_token_2042', '未找到结束标记“{0}”。')).toBe(false);
    for (const v of ['abcd6789', 'ABC12345', 'abcdefg123']) expect(looksLikeSecret('session_token', v)).toBe(false);
  });

  it('leaves key specs, class attributes, signatures, paging and idempotency tokens', () => {
    expect(looksLikeSecret('CustomerMasterKeySpec', 'ECC_SECG_P256K1')).toBe(false);
    expect(looksLikeSecret('oauth2_client_cls', 'CaseOAuth2Client')).toBe(false);
    expect(looksLikeSecret('oauth_signature', 'kR4t9Yq2mP0xZ8wL%3D')).toBe(false);
    for (const name of ['NextToken', 'NextContinuationToken', 'ClientRequestToken', 'ChangeToken', 'ClientToken', 'next_page_token'])
      expect(looksLikeSecret(name, 'Q2FzZXM6cGFnZTo0Mg7x')).toBe(false);
  });

  it('leaves the example tokens of RFC 6749 and RFC 5849', () => {
    expect(looksLikeSecret('access_token', '2YotnFZFEjr1zCsicMWpAA')).toBe(false);
    expect(looksLikeSecret('oauth_token', 'ad180jjd733klru7')).toBe(false);
  });

  it('leaves a short unit typed again and again, and base64 of a stand-in user:password', () => {
    expect(looksLikeSecret('ibm_api_key', 'abcd1234abcd1234abcd1234ABCD1234ABCD1234--__')).toBe(false);
    expect(looksLikeSecret('signing_secret', 'x9Y8x9Y8x9Y8x9Y8x9Y8x9Y8')).toBe(false);
    expect(looksLikeSecret('_auth', Buffer.from('test:test').toString('base64'))).toBe(false);
    expect(looksLikeSecret('_auth', Buffer.from('ci-publisher:DfYPFYc2PKU21PwtE2CE').toString('base64'))).toBe(true);
  });

  it('takes a base64 key holding a slash, not a path of words', () => {
    expect(looksLikeSecret('some_secret_key', 'DcCc9H6oCkGUSp3Rhmsx8NIfVG8kO2T/3jORxuZY')).toBe(true);
    expect(looksLikeSecret('secret_path', 'casework/prod/database')).toBe(false);
    expect(looksLikeSecret('token_source', 'Config/SharedSettings/Production')).toBe(false);
  });
});
