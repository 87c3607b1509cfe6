import type { Rule } from '../../../../src/model/rule.js';
import { asNumber, asString, type AttrResult, type BlockView, type ResourceInstance } from '../../../../src/terraform/index.js';
import { awsRule, isWorldCidr, knownStrings, type AwsReporter } from './util.js';

/** One ingress permission, from whichever resource wrote it. */
interface Ingress {
  /** Undefined when not known. */
  from?: number;
  to?: number;
  /** True for protocol -1 / "all". */
  allProtocols: boolean;
  /** tcp/udp (ports apply), false for icmp and others. */
  ported: boolean;
  /** The CIDR attribute that opens it to the world. */
  world: AttrResult;
  cidr: string;
}

const SG_TYPES = ['aws_security_group', 'aws_default_security_group', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule'];

function protocolOf(v: string | undefined): { all: boolean; ported: boolean } | undefined {
  if (v === undefined) return undefined;
  const p = v.toLowerCase();
  if (p === '-1' || p === 'all') return { all: true, ported: true };
  if (p === 'tcp' || p === '6' || p === 'udp' || p === '17') return { all: false, ported: true };
  return { all: false, ported: false };
}

function worldAttr(view: BlockView, names: string[]): { attr: AttrResult; cidr: string } | undefined {
  for (const n of names) {
    const a = view.get(n);
    if (!a) continue;
    const hit = knownStrings(a.value).find(isWorldCidr);
    if (hit) return { attr: a, cidr: hit };
  }
  return undefined;
}

function entry(view: BlockView, protocolAttr: string, cidrAttrs: string[]): Ingress | undefined {
  if (!view.expansionKnown) return undefined;
  const w = worldAttr(view, cidrAttrs);
  if (!w) return undefined;
  const pa = view.get(protocolAttr);
  const proto = protocolOf(pa ? asString(pa.value) : undefined);
  if (!proto) return undefined;
  const from = asNumber(view.get('from_port')?.value);
  const to = asNumber(view.get('to_port')?.value);
  return { from, to, allProtocols: proto.all, ported: proto.ported, world: w.attr, cidr: w.cidr };
}

/** World-open ingress permissions of a security group resource. */
export function worldIngress(inst: ResourceInstance): Ingress[] {
  switch (inst.resourceType) {
    case 'aws_security_group':
    case 'aws_default_security_group':
      return inst
        .blocks('ingress')
        .map((b) => entry(b, 'protocol', ['cidr_blocks', 'ipv6_cidr_blocks']))
        .filter((x): x is Ingress => !!x);
    case 'aws_security_group_rule': {
      if (asString(inst.get('type')?.value) !== 'ingress') return [];
      const e = entry(inst, 'protocol', ['cidr_blocks', 'ipv6_cidr_blocks']);
      return e ? [e] : [];
    }
    case 'aws_vpc_security_group_ingress_rule': {
      const e = entry(inst, 'ip_protocol', ['cidr_ipv4', 'cidr_ipv6']);
      return e ? [e] : [];
    }
    default:
      return [];
  }
}

function coversAll(e: Ingress): boolean {
  if (e.allProtocols) return true;
  return e.ported && e.from !== undefined && e.to !== undefined && e.from <= 1 && e.to >= 65535;
}

function opens(e: Ingress, port: number): boolean {
  if (e.allProtocols) return true;
  if (!e.ported || e.from === undefined || e.to === undefined) return false;
  // from_port = -1 with a ported protocol is not valid; treat 0..65535 as "all"
  return e.from <= port && port <= e.to;
}

function range(e: Ingress): string {
  if (e.allProtocols) return 'all ports (protocol -1)';
  return e.from === e.to ? `port ${e.from}` : `ports ${e.from}-${e.to}`;
}

function reportPorts(inst: ResourceInstance, r: AwsReporter, ports: Record<number, string>, messageId: string): void {
  // several dynamic expansions can share one attribute: one finding per attribute, ports merged
  const byPlace = new Map<string, { e: Ingress; names: string[] }>();
  for (const e of worldIngress(inst)) {
    const names = Object.entries(ports)
      .filter(([p]) => opens(e, Number(p)))
      .map(([p, n]) => `${n} (${p})`);
    if (!names.length) continue;
    const k = `${e.world.attributeFile}:${e.world.attributeRange.start.line}:${e.world.attributeRange.start.column}`;
    const cur = byPlace.get(k);
    if (cur) cur.names.push(...names.filter((n) => !cur.names.includes(n)));
    else byPlace.set(k, { e, names });
  }
  for (const { e, names } of byPlace.values()) r.attr(inst, e.world, messageId, { cidr: e.cidr, services: names.join(', '), range: range(e) });
}

const STANDARDS = { sbd: ['7', '8'], caf: ['B2', 'B4', 'B5'], cwe: ['CWE-284'] };
const REFS = [
  'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
  'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html',
];

function portRule(name: string, title: string, what: string, ports: Record<number, string>, severity: 'high' | 'critical', equivalents: Rule['meta']['equivalents']): Rule {
  return awsRule({
    name,
    title,
    description: `${what} Opening it to 0.0.0.0/0 or ::/0 exposes the service to continuous internet-wide scanning, credential stuffing and exploitation of any unpatched vulnerability. A port range that contains the port counts.`,
    severity,
    messages: {
      open: '{{address}} allows ingress to {{services}} from {{cidr}}{{from}} ({{range}}); restrict the source to known CIDRs or security groups, or use SSM Session Manager / a VPN.',
    },
    remediation: 'Restrict the ingress source to known address ranges or security groups (for administration, prefer AWS Systems Manager Session Manager or a VPN/bastion with allow-listed addresses).',
    references: REFS,
    standards: STANDARDS,
    equivalents,
    resources: SG_TYPES,
    check(inst, r) {
      reportPorts(inst, r, ports, 'open');
    },
  });
}

const ssh = portRule(
  'sg-ssh-open',
  'Security group allows SSH from the internet',
  'SSH (port 22) gives shell access to servers.',
  { 22: 'SSH' },
  'high',
  { checkov: ['CKV_AWS_24'], tfsec: ['aws-ec2-no-public-ingress-sgr'], trivy: ['AVD-AWS-0107'] },
);

const rdp = portRule(
  'sg-rdp-open',
  'Security group allows RDP from the internet',
  'RDP (port 3389) gives remote desktop access to Windows servers and is a leading ransomware entry point.',
  { 3389: 'RDP' },
  'high',
  { checkov: ['CKV_AWS_25'], tfsec: ['aws-ec2-no-public-ingress-sgr'], trivy: ['AVD-AWS-0107'] },
);

export const DB_PORTS: Record<number, string> = {
  1433: 'SQL Server',
  1521: 'Oracle',
  2379: 'etcd',
  3306: 'MySQL',
  5432: 'PostgreSQL',
  5439: 'Redshift',
  5601: 'Kibana',
  5984: 'CouchDB',
  6379: 'Redis',
  7000: 'Cassandra',
  7001: 'Cassandra',
  8086: 'InfluxDB',
  9042: 'Cassandra',
  9092: 'Kafka',
  9200: 'Elasticsearch',
  9300: 'Elasticsearch',
  11211: 'Memcached',
  27017: 'MongoDB',
  27018: 'MongoDB',
};

const db = portRule(
  'sg-database-port-open',
  'Security group allows a database port from the internet',
  'Database and data-store ports (MySQL, PostgreSQL, SQL Server, Oracle, MongoDB, Redis, Memcached, Elasticsearch/Kibana, Cassandra, Kafka…) should only be reachable from the application tier.',
  DB_PORTS,
  'high',
  { tfsec: ['aws-ec2-no-public-ingress-sgr'], trivy: ['AVD-AWS-0107'] },
);

const allPorts = awsRule({
  name: 'sg-all-ports-open',
  title: 'Security group allows all ports from the internet',
  description:
    'An ingress rule for all protocols (`-1`) or the whole port range from 0.0.0.0/0 or ::/0 exposes every service on the attached instances, including ones never meant to be public. Egress to the world is not covered by this rule.',
  severity: 'critical',
  messages: {
    open: '{{address}} allows ingress on {{range}} from {{cidr}}{{from}}; open only the ports the service needs, to the sources that need them.',
  },
  remediation: 'Replace the rule with rules for the specific ports the service needs (e.g. 443), from known sources where possible.',
  references: REFS,
  standards: STANDARDS,
  equivalents: { checkov: ['CKV_AWS_277'], tfsec: ['aws-ec2-no-public-ingress-sgr'], trivy: ['AVD-AWS-0107'] },
  resources: SG_TYPES,
  check(inst, r) {
    for (const e of worldIngress(inst)) if (coversAll(e)) r.attr(inst, e.world, 'open', { cidr: e.cidr, range: range(e) });
  },
});

export const sgRules: Rule[] = [ssh, rdp, db, allPorts];
