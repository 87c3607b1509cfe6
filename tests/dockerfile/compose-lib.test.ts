import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/parsers/data/yaml.js';
import { LineIndex } from '../../src/model/location.js';
import { get, isMap, type DataMap } from '../../src/parsers/data/tree.js';
import { interpolate, isLoopback, mountsOf, portsOf } from '../../rules/iac/compose/lib.js';

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
    expect(['127.0.0.1', '::1', 'localhost'].every(isLoopback)).toBe(true);
    expect(isLoopback('0.0.0.0')).toBe(false);
  });
});
