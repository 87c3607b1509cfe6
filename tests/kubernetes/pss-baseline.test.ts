import { describe, expect, it } from 'vitest';
import { dottedSysctl } from '../../rules/iac/kubernetes/pss-baseline.js';

describe('dottedSysctl', () => {
  it('keeps a dotted name', () => {
    expect(dottedSysctl(' net.ipv4.tcp_syncookies ')).toBe('net.ipv4.tcp_syncookies');
  });
  it('reads `/` as the separator', () => {
    expect(dottedSysctl('net/ipv4/tcp_syncookies')).toBe('net.ipv4.tcp_syncookies');
    expect(dottedSysctl('kernel/shm_rmid_forced')).toBe('kernel.shm_rmid_forced');
  });
  it('keeps a dot inside a slash-separated component apart from the separators', () => {
    expect(dottedSysctl('net/ipv4/conf/eth0.100/rp_filter')).toBe('net.ipv4.conf.eth0/100.rp_filter');
  });
});
