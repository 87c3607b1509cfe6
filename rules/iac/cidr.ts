import { isIP } from 'node:net';

/**
 * True when a CIDR block covers every address of its family: any valid address with prefix length 0
 * (`0.0.0.0/0`, `::/0`, and spellings such as `0000:…:0000/0`, `0::0/0`, `0.0.0.0/00`).
 */
export function coversAllAddresses(cidr: string): boolean {
  const m = /^\s*([^/\s]+)\/(\d{1,3})\s*$/.exec(cidr);
  return !!m && Number(m[2]) === 0 && isIP(m[1]) !== 0;
}
