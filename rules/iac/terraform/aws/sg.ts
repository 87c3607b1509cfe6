import type { Rule } from '../../../../src/model/rule.js';
import { asNumber, asString, type AttrResult, type BlockView, type ResourceInstance } from '../../../../src/terraform/index.js';
import { asList, asMap } from '../../../../src/terraform/index.js';
import { awsRule, isWorldCidr, knownStrings, tamSource, type AwsReporter, type ModuleCheck, type RegistryCall, type Reportable } from './util.js';

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

function reportPorts(inst: Reportable, entries: Ingress[], r: AwsReporter, ports: Record<number, string>, messageId: string): void {
  // several dynamic expansions can share one attribute: one finding per attribute, ports merged
  const byPlace = new Map<string, { e: Ingress; names: string[] }>();
  for (const e of entries) {
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

// ---------------------------------------------------------------- terraform-aws-modules/security-group

/** Named rules of terraform-aws-modules/security-group: [from, to, protocol]. */
const MODULE_RULES: Record<string, [number, number, string]> = {
  'ssh-tcp': [22, 22, 'tcp'],
  'rdp-tcp': [3389, 3389, 'tcp'],
  'rdp-udp': [3389, 3389, 'udp'],
  'mysql-tcp': [3306, 3306, 'tcp'],
  'postgresql-tcp': [5432, 5432, 'tcp'],
  'mssql-tcp': [1433, 1433, 'tcp'],
  'oracle-db-tcp': [1521, 1521, 'tcp'],
  'mongodb-27017-tcp': [27017, 27017, 'tcp'],
  'mongodb-27018-tcp': [27018, 27018, 'tcp'],
  'redis-tcp': [6379, 6379, 'tcp'],
  'memcached-tcp': [11211, 11211, 'tcp'],
  'elasticsearch-rest-tcp': [9200, 9200, 'tcp'],
  'elasticsearch-java-tcp': [9300, 9300, 'tcp'],
  'kibana-tcp': [5601, 5601, 'tcp'],
  'cassandra-clients-tcp': [9042, 9042, 'tcp'],
  'kafka-broker-tcp': [9092, 9092, 'tcp'],
  'redshift-tcp': [5439, 5439, 'tcp'],
  'winrm-http-tcp': [5985, 5985, 'tcp'],
  'winrm-https-tcp': [5986, 5986, 'tcp'],
  'all-all': [-1, -1, '-1'],
  'all-tcp': [0, 65535, 'tcp'],
  'all-udp': [0, 65535, 'udp'],
};

/** Preset submodules (`//modules/ssh`) and the rules they open by default. */
const SUBMODULES: Record<string, string[]> = {
  ssh: ['ssh-tcp'],
  rdp: ['rdp-tcp', 'rdp-udp'],
  mysql: ['mysql-tcp'],
  postgresql: ['postgresql-tcp'],
  mssql: ['mssql-tcp'],
  'oracle-db': ['oracle-db-tcp'],
  mongodb: ['mongodb-27017-tcp', 'mongodb-27018-tcp'],
  redis: ['redis-tcp'],
  memcached: ['memcached-tcp'],
  elasticsearch: ['elasticsearch-rest-tcp', 'elasticsearch-java-tcp'],
  kibana: ['kibana-tcp'],
  redshift: ['redshift-tcp'],
  winrm: ['winrm-http-tcp', 'winrm-https-tcp'],
};

function ruleEntry(name: string, world: AttrResult, cidr: string): Ingress | undefined {
  const r = MODULE_RULES[name];
  if (!r) return undefined;
  const proto = protocolOf(r[2])!;
  return { from: r[0], to: r[1], allProtocols: proto.all, ported: proto.ported, world, cidr };
}

/** World-open ingress of a terraform-aws-modules/security-group call. */
function moduleIngress(call: RegistryCall, defaultRules: string[]): Ingress[] {
  const out: Ingress[] = [];
  const worldIn = (name: string) => {
    const a = call.get(name);
    const hit = a ? knownStrings(a.value).find(isWorldCidr) : undefined;
    return a && hit ? { a, hit } : undefined;
  };
  // submodules open their preset rules (auto_ingress_rules) plus any ingress_rules
  const auto = call.get('auto_ingress_rules');
  const extra = call.get('ingress_rules');
  const rules = [...(auto ? knownStrings(auto.value) : defaultRules), ...(extra ? knownStrings(extra.value) : [])];
  for (const cidrs of ['ingress_cidr_blocks', 'ingress_ipv6_cidr_blocks']) {
    const w = worldIn(cidrs);
    if (!w) continue;
    for (const name of rules) {
      const e = ruleEntry(name, w.a, w.hit);
      if (e) out.push(e);
    }
  }
  for (const kind of ['ingress_with_cidr_blocks', 'ingress_with_ipv6_cidr_blocks']) {
    const a = call.get(kind);
    const items = a ? asList(a.value) : undefined;
    if (!a || !items) continue;
    const fallback = worldIn(kind === 'ingress_with_cidr_blocks' ? 'ingress_cidr_blocks' : 'ingress_ipv6_cidr_blocks');
    for (const item of items) {
      const m = asMap(item);
      if (!m) continue;
      const cidrValue = m[kind === 'ingress_with_cidr_blocks' ? 'cidr_blocks' : 'ipv6_cidr_blocks'];
      const cidrs = cidrValue ? knownStrings(cidrValue).flatMap((c) => c.split(',')) : fallback ? [fallback.hit] : [];
      const hit = cidrs.find(isWorldCidr);
      if (!hit) continue;
      const rule = m['rule'] ? asString(m['rule']) : undefined;
      if (rule) {
        const e = ruleEntry(rule, a, hit.trim());
        if (e) out.push(e);
        continue;
      }
      const proto = protocolOf(m['protocol'] ? asString(m['protocol']) : undefined);
      if (!proto) continue;
      out.push({ from: asNumber(m['from_port']), to: asNumber(m['to_port']), allProtocols: proto.all, ported: proto.ported, world: a, cidr: hit.trim() });
    }
  }
  return out;
}

function sgModuleChecks(report: (call: RegistryCall, entries: Ingress[], r: AwsReporter) => void): ModuleCheck[] {
  return [
    { source: tamSource('security-group'), check: (call, r) => report(call, moduleIngress(call, []), r) },
    ...Object.entries(SUBMODULES).map(([sub, rules]) => ({ source: tamSource('security-group', sub), check: (call: RegistryCall, r: AwsReporter) => report(call, moduleIngress(call, rules), r) })),
  ];
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
    modules: sgModuleChecks((call, entries, r) => reportPorts(call, entries, r, ports, 'open')),
    check(inst, r) {
      reportPorts(inst, worldIngress(inst), r, ports, 'open');
    },
  });
}

const ssh = portRule(
  'sg-ssh-open',
  'Security group allows SSH from the internet',
  'SSH (port 22) gives shell access to servers.',
  { 22: 'SSH' },
  'high',
  { checkov: ['CKV_AWS_24'], tfsec: ['aws-ec2-no-public-ingress-sgr'], trivy: ['AVD-AWS-0107'], kics: ['65905cec-d691-4320-b320-2000436cb696'] },
);

const rdp = portRule(
  'sg-rdp-open',
  'Security group allows RDP from the internet',
  'RDP (port 3389) gives remote desktop access to Windows servers and is a leading ransomware entry point.',
  { 3389: 'RDP' },
  'high',
  { checkov: ['CKV_AWS_25'], tfsec: ['aws-ec2-no-public-ingress-sgr'], trivy: ['AVD-AWS-0107'], kics: ['151187cb-0efc-481c-babd-ad24e3c9bc22'] },
);

const remoteAdmin = portRule(
  'sg-remote-admin-port-open',
  'Security group allows Telnet or WinRM from the internet',
  'Telnet (port 23) is a remote shell that sends passwords in clear; WinRM (5985 over HTTP, 5986 over HTTPS) runs PowerShell remotely on Windows servers.',
  { 23: 'Telnet', 5985: 'WinRM', 5986: 'WinRM' },
  'high',
  { tfsec: ['aws-ec2-no-public-ingress-sgr'], trivy: ['AVD-AWS-0107'] },
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
  modules: sgModuleChecks((call, entries, r) => {
    for (const e of entries) if (coversAll(e)) r.attr(call, e.world, 'open', { cidr: e.cidr, range: range(e) });
  }),
  check(inst, r) {
    for (const e of worldIngress(inst)) if (coversAll(e)) r.attr(inst, e.world, 'open', { cidr: e.cidr, range: range(e) });
  },
});

export const sgRules: Rule[] = [ssh, rdp, remoteAdmin, db, allPorts];
