import type { Rule } from '../../../src/model/rule.js';
import { get, isMap, isScalar, isSeq, str, type DataNode } from '../../../src/parsers/data/tree.js';
import { interpolate, listItems, onceReporter, servicesOf } from './lib.js';

/** Host devices that expose the host's memory, disks or all of its devices. */
const SENSITIVE: { re: RegExp; what: string }[] = [
  { re: /^\/dev\/?$/, what: 'every host device' },
  { re: /^\/dev\/(mem|kmem|port)$/, what: 'physical or kernel memory and I/O ports' },
  { re: /^\/dev\/(sd[a-z]+|hd[a-z]+|vd[a-z]+|xvd[a-z]+|nvme\d+(n\d+)?)(p?\d+)?$/, what: 'a host disk (its raw blocks, bypassing file permissions)' },
  { re: /^\/dev\/(mapper\/.+|dm-\d+|md\d+|loop\d+|disk\/.+)$/, what: 'a host block device (its raw blocks, bypassing file permissions)' },
];

/** The host side of a `devices:` entry: short `host[:container[:perms]]` or long `{source: …}` syntax. */
function hostDevice(item: DataNode): { path: string; node: DataNode } | undefined {
  if (isScalar(item) && typeof item.value === 'string') {
    const v = interpolate(item.value);
    if (v.unresolved) return undefined;
    return { path: v.value.split(':')[0].trim(), node: item };
  }
  if (isMap(item)) {
    const source = get(item, 'source');
    const v = interpolate(str(source) ?? '');
    if (!source || v.unresolved) return undefined;
    return { path: v.value.trim(), node: source };
  }
  return undefined;
}

/** Host memory, disks or a catch-all device rule mapped into a container. */
const rule: Rule = {
  meta: {
    id: 'iac/compose-host-devices',
    title: 'Compose service maps host memory or disk devices',
    description:
      '`devices:` passes host device nodes into the container. `/dev/mem`, `/dev/kmem` and `/dev/port` give access to physical memory and I/O ports; a host disk or partition (`/dev/sda`, `/dev/nvme0n1p1`, `/dev/mapper/…`) gives its raw blocks, so the container can read every file on it (keys, other containers\' data) or write to it, whatever the file permissions say. `device_cgroup_rules` that allow every device (`a *:* rwm`) let it create and use any device node. Each is a route out of the container. Devices a workload commonly needs (GPUs, `/dev/fuse`, `/dev/net/tun`, serial ports, `/dev/kvm`) are not reported.',
    severity: 'high',
    kinds: ['docker-compose'],
    messages: {
      device: 'Service {{service}} maps the host device {{device}} ({{what}}) (expected only the specific devices the workload needs); remove it, or mount the data it needs as a volume instead.',
      cgroupRule: 'Service {{service}} allows every device through `device_cgroup_rules: {{value}}` (expected rules naming the device type, major and minor numbers it needs); narrow the rule.',
    },
    remediation: 'Remove the device mapping; give the service the files it needs through a volume, and map only narrowly scoped devices (a GPU, `/dev/fuse`) where the workload needs them. Write `device_cgroup_rules` for specific device numbers (`c 10:200 rwm`), never `a *:* rwm`.',
    references: [
      'https://docs.docker.com/reference/compose-file/services/#devices',
      'https://docs.docker.com/reference/compose-file/services/#device_cgroup_rules',
      'https://docs.docker.com/reference/cli/docker/container/run/#device',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['7', '8'], caf: ['B4'], cwe: ['CWE-250', 'CWE-668'] },
    equivalents: {},
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    const report = onceReporter(ctx);
    for (const s of servicesOf(ctx)) {
      const devices = get(s.node, 'devices');
      for (const item of isSeq(devices) ? devices.items : []) {
        const d = hostDevice(item);
        if (!d) continue;
        const path = d.path.length > 1 ? d.path.replace(/\/+$/, '') : d.path;
        const hit = SENSITIVE.find((x) => x.re.test(path));
        if (hit) report(d.node, { messageId: 'device', data: { service: s.name, device: path, what: hit.what } });
      }
      for (const item of listItems(get(s.node, 'device_cgroup_rules'))) {
        const value = String(item.value ?? '').trim();
        if (/^a(\s+\*:\*)?(\s+[rwm]+)?$/i.test(value)) report(item, { messageId: 'cgroupRule', data: { service: s.name, value } });
      }
    }
  },
};
export default rule;
