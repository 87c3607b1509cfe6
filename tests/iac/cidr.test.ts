import { describe, expect, it } from 'vitest';
import { coversAllAddresses } from '../../rules/iac/cidr.js';

describe('coversAllAddresses', () => {
  it('is true for any spelling of a /0 block', () => {
    for (const c of ['0.0.0.0/0', '::/0', ' 0.0.0.0/0 ', '0000:0000:0000:0000:0000:0000:0000:0000/0', '0::0/0', '::0/0', '0.0.0.0/00', '10.0.0.0/0']) {
      expect(coversAllAddresses(c), c).toBe(true);
    }
  });
  it('is false for narrower blocks, bare addresses and non-addresses', () => {
    for (const c of ['0.0.0.0/1', '0.0.0.0/32', '::/128', '10.0.0.0/8', '0.0.0.0', '::', '*', 'any', 'sg-123/0', '300.0.0.0/0', '']) {
      expect(coversAllAddresses(c), c).toBe(false);
    }
  });
});
