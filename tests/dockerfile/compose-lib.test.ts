import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/parsers/data/yaml.js';
import { LineIndex } from '../../src/model/location.js';
import { get, isMap, type DataMap } from '../../src/parsers/data/tree.js';
import { composeBool, composeString, interpolate, isLoopback, limitSettings, localBindVolumes, mountsOf, portsOf } from '../../rules/iac/compose/lib.js';

function root(yaml: string): DataMap {
  const { roots } = parseYaml(yaml, new LineIndex(yaml));
  if (!isMap(roots[0])) throw new Error('no document');
  return roots[0];
}

function service(yaml: string): DataMap {
  const { roots } = parseYaml(yaml, new LineIndex(yaml));
  const s = get(get(roots[0], 'services'), 'x');
  if (!isMap(s)) throw new Error('no service x');
  return s;
}

describe('compose lib', () => {
  it('interpolates like Compose', () => {
    expect(interpolate('${A:-a}-${B-b}-$$C')).toEqual({ value: 'a-b-$C', unresolved: false, interpolated: true });
    expect(interpolate('${A}:x').unresolved).toBe(true);
    expect(interpolate('${A:?required}').unresolved).toBe(true);
    expect(interpolate('plain').interpolated).toBe(false);
  });

  it('reads short and long volume syntax', () => {
    const s = service(`services:
  x:
    volumes:
      - /var/run/docker.sock:/var/run/docker.sock:ro
      - data:/data
      - /anon
      - ./rel:/rel
      - C:\\data:/data
      - type: bind
        source: /etc
        target: /host/etc
        read_only: true
      - source: named
        target: /n
`);
    expect(mountsOf(s).map((m) => [m.type, m.source, m.target, m.readOnly])).toEqual([
      ['bind', '/var/run/docker.sock', '/var/run/docker.sock', true],
      ['volume', 'data', '/data', false],
      ['volume', '', '/anon', false],
      ['bind', './rel', '/rel', false],
      ['bind', 'C:\\data', '/data', false],
      ['bind', '/etc', '/host/etc', true],
      ['volume', 'named', '/n', false],
    ]);
  });

  it('reads short and long port syntax', () => {
    const s = service(`services:
  x:
    ports:
      - "5432:5432"
      - 6379
      - "127.0.0.1:8080:80/tcp"
      - "[::1]:9000:9000"
      - "\${IP}:1:1"
      - "9000-9002:9000-9002"
      - target: 27017
        host_ip: 0.0.0.0
`);
    expect(portsOf(s).map((p) => [p.hostIp.replace('\u0000', '?'), p.containerPorts.join(','), p.hostIpUnknown])).toEqual([
      ['', '5432', false],
      ['', '6379', false],
      ['127.0.0.1', '80', false],
      ['::1', '9000', false],
      ['?', '1', true],
      ['', '9000,9001,9002', false],
      ['0.0.0.0', '27017', false],
    ]);
    expect(portsOf(s).map((p) => p.protocol)).toEqual(['tcp', 'tcp', 'tcp', 'tcp', 'tcp', 'tcp', 'tcp']);
    const u = service(`services:
  x:
    ports:
      - "53:53/UDP"
      - target: 5060
        protocol: sctp
`);
    expect(portsOf(u).map((p) => p.protocol)).toEqual(['udp', 'sctp']);
    expect(['127.0.0.1', '::1', 'localhost'].every(isLoopback)).toBe(true);
    expect(isLoopback('0.0.0.0')).toBe(false);
  });

  it('reads booleans and strings the way Compose does after interpolation', () => {
    const s = service(`services:
  x:
    a: yes
    b: "On"
    c: \${V:-true}
    d: "no"
    e: off
    f: \${V:-False}
    g: \${V}
    h: maybe
    i: true
    j: \${NET:-host}
`);
    expect(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].map((k) => composeBool(get(s, k)))).toEqual([true, true, true, false, false, false, undefined, undefined, true]);
    expect(composeString(get(s, 'j'))).toBe('host');
    expect(composeString(get(s, 'g'))).toBeUndefined();
  });

  it('treats a long-syntax read_only: yes as read-only', () => {
    const s = service(`services:
  x:
    volumes:
      - type: bind
        source: /etc
        target: /e
        read_only: yes
`);
    expect(mountsOf(s)[0].readOnly).toBe(true);
  });

  it('resolves named volumes that bind a host directory through the local driver', () => {
    const doc = root(`services:
  x:
    volumes:
      - etc:/e
      - nfs:/n
      - plain:/p
      - /srv:/srv
volumes:
  etc:
    driver_opts: { type: none, o: bind, device: /etc }
  nfs:
    driver: local
    driver_opts: { type: nfs, o: "addr=10.0.0.1,rw", device: ":/x" }
  plain: {}
`);
    expect([...localBindVolumes(doc)]).toEqual([['etc', '/etc']]);
    const s = get(get(doc, 'services'), 'x') as DataMap;
    expect(mountsOf(s, doc).map((m) => [m.type, m.source, m.via])).toEqual([
      ['bind', '/etc', 'etc'],
      ['volume', 'nfs', undefined],
      ['volume', 'plain', undefined],
      ['bind', '/srv', undefined],
    ]);
  });

  it('reads resource limits from service keys and deploy.resources.limits, 0 and -1 meaning unlimited', () => {
    const s = service(`services:
  x:
    mem_limit: 0
    pids_limit: -1
    cpus: \${CPUS}
    deploy:
      resources:
        limits:
          memory: 512M
          pids: "0"
`);
    expect(limitSettings(s, ['mem_limit'], 'memory').map((l) => [l.key, l.unlimited])).toEqual([
      ['mem_limit', true],
      ['deploy.resources.limits.memory', false],
    ]);
    expect(limitSettings(s, ['pids_limit'], 'pids').map((l) => l.unlimited)).toEqual([true, true]);
    // an unset variable is unknown, not unlimited
    expect(limitSettings(s, ['cpus'], 'cpus').map((l) => l.unlimited)).toEqual([false]);
    expect(limitSettings(service('services:\n  x:\n    image: a\n'), ['mem_limit'], 'memory')).toEqual([]);
  });
});
