import { afterEach, describe, expect, it } from 'vitest';
import net from 'node:net';
import tls from 'node:tls';
import dns from 'node:dns';
import { scan } from '../../src/engine/scan.js';
import { loadPacks, BUILTIN_PACK_NAMES } from '../../src/packs/load.js';
import { EXAMPLE } from '../support/cli.js';

const originals = { connect: net.Socket.prototype.connect, tlsConnect: tls.connect, lookup: dns.lookup };

afterEach(() => {
  net.Socket.prototype.connect = originals.connect;
  (tls as { connect: typeof tls.connect }).connect = originals.tlsConnect;
  (dns as { lookup: typeof dns.lookup }).lookup = originals.lookup;
});

describe('offline guarantee', () => {
  it('a full scan of every pack opens no socket and resolves no name', async () => {
    const attempts: string[] = [];
    net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
      attempts.push(`connect ${JSON.stringify(args[0])}`);
      throw new Error('network blocked by test');
    } as typeof net.Socket.prototype.connect;
    (tls as { connect: unknown }).connect = (...args: unknown[]) => {
      attempts.push(`tls ${JSON.stringify(args[0])}`);
      throw new Error('network blocked by test');
    };
    (dns as { lookup: unknown }).lookup = (host: string) => {
      attempts.push(`dns ${host}`);
      throw new Error('network blocked by test');
    };
    const packs = await loadPacks(BUILTIN_PACK_NAMES, process.cwd());
    const result = await scan({ targets: [EXAMPLE], cwd: EXAMPLE, packs, config: { config: {}, hash: 'x' }, gitignore: true, maxFileSize: 5 * 1024 * 1024 });
    expect(result.findings.length).toBeGreaterThan(0);
    expect(result.findings.filter((f) => f.ruleId === 'saltire/rule-error')).toEqual([]);
    expect(attempts).toEqual([]);
  });
});
