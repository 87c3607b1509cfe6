import { describe, expect, it } from 'vitest';
import { base64UserPassword, standInPassword } from '../../rules/secrets/lib/base64.js';

describe('base64UserPassword', () => {
  it('splits a base64 user:password pair at the first colon', () => {
    expect(base64UserPassword(Buffer.from('deploy:s3cr:et').toString('base64'))).toEqual({ user: 'deploy', password: 's3cr:et', decoded: 'deploy:s3cr:et' });
    expect(base64UserPassword(Buffer.from(':only-password').toString('base64'))?.user).toBe('');
  });
  it('is undefined for text that is not base64 or has no colon', () => {
    expect(base64UserPassword('not base64!')).toBeUndefined();
    expect(base64UserPassword(Buffer.from('no-colon-here').toString('base64'))).toBeUndefined();
  });
});

describe('standInPassword', () => {
  it('is true for words that only say a password belongs there, the user name again and placeholders', () => {
    for (const [user, pw] of [['test', 'test'], ['admin', 'password'], ['ci', 'changeme'], ['builder', 'Builder'], ['deploy', 'xxxxxx'], ['svc', 'your-password-here']]) expect(standInPassword(user, pw)).toBe(true);
  });
  it('is false for a password of its own', () => {
    expect(standInPassword('ci-publisher', 'DfYPFYc2PKU21PwtE2CE')).toBe(false);
    expect(standInPassword('admin', 'admin123x!Q')).toBe(false);
  });
});
