import { describe, expect, it } from 'vitest';
import { redactMessage } from '../../src/engine/file-check.js';

describe('redactMessage', () => {
  const template = 'Service {{service}} puts a password in the {{name}} connection URL ({{why}}).';

  it('keeps the template words a secret happens to equal (a password `password`)', () => {
    const m = redactMessage(template, { service: 'db', name: 'DATABASE_URL', why: 'a well-known default' }, ['password']);
    expect(m).toBe('Service db puts a password in the DATABASE_URL connection URL (a well-known default).');
  });

  it('still removes such a secret from the values filled in', () => {
    const m = redactMessage(template, { service: 'db', name: 'DATABASE_URL', why: 'user password reused' }, ['password']);
    expect(m).toBe('Service db puts a password in the DATABASE_URL connection URL (user [REDACTED] reused).');
  });

  it('removes other secrets from the whole message, even split across placeholders', () => {
    const m = redactMessage('{{a}}{{b}} leaked', { a: 'Xk29-vQp', b: '81LmzA' }, ['Xk29-vQp81LmzA']);
    expect(m).toBe('[REDACTED] leaked');
  });
});
