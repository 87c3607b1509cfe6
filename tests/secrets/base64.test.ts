import { describe, expect, it } from 'vitest';
import { base64UserPassword } from '../../rules/secrets/lib/base64.js';

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
