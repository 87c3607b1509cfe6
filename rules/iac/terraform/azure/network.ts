import type { Rule } from '../../../../src/model/rule.js';
import type { AttrResult, BlockView, ResourceInstance } from '../../../../src/terraform/index.js';
import { ADMIN_PORTS, DB_PORTS, STD, allPorts, get, isAnySource, lower, portNames, portRange, portsIn, strings, tfRule, type Reporter } from './common.js';

interface OpenRule {
  /** The source attribute that lets in the whole internet. */
  source: AttrResult;
  sourceText: string;
  ranges: [number, number][];
  protocol: string;
}

/** An inbound Allow rule from anywhere, with the port ranges it opens (known values only). */
export function openInboundRule(v: BlockView): OpenRule | undefined {
  const direction = lower(get(v, 'direction')?.value);
  const access = lower(get(v, 'access')?.value);
  const protocol = lower(get(v, 'protocol')?.value);
  if (direction !== 'inbound' || access !== 'allow') return undefined;
  if (protocol !== 'tcp' && protocol !== '*' && protocol !== 'udp') return undefined;
  let source: AttrResult | undefined;
  let sourceText = '';
  for (const name of ['source_address_prefix', 'source_address_prefixes']) {
    const a = get(v, name);
    const open = strings(a?.value).find(isAnySource);
    if (a && open !== undefined) {
      source = a;
      sourceText = open;
      break;
    }
  }
  if (!source) return undefined;
  const ranges: [number, number][] = [];
  for (const name of ['destination_port_range', 'destination_port_ranges']) {
    for (const s of strings(get(v, name)?.value)) {
      const r = portRange(s);
      if (r) ranges.push(r);
    }
  }
  if (ranges.length === 0) return undefined;
  return { source, sourceText, ranges, protocol };
}

/** The rule views of an NSG resource: the standalone rule, or each inline `security_rule`. */
function ruleViews(inst: ResourceInstance): BlockView[] {
  return inst.resourceType === 'azurerm_network_security_rule' ? [inst] : inst.blocks('security_rule');
}

const NSG_TYPES = ['azurerm_network_security_rule', 'azurerm_network_security_group'];
const NSG_DOCS = 'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/network_security_rule';

const adminPorts = tfRule(
  {
    id: 'iac/azure-nsg-admin-port-open',
    title: 'Azure NSG allows SSH, RDP, Telnet or all ports from the internet',
    description:
      'A network security group rule that allows inbound SSH (22), RDP (3389), Telnet (23) or every port from `*`, `Internet`, `Any` or `0.0.0.0/0` exposes remote administration to the whole internet, where it is brute-forced and exploited within minutes of being reachable; Telnet also sends the password in clear. Administration should go through Azure Bastion, a VPN or just-in-time access from known ranges.',
    severity: 'high',
    messages: {
      admin: '{{address}} allows inbound {{ports}} from {{actual}}{{from}}; restrict the source to known address ranges or use Azure Bastion / just-in-time access.',
      all: '{{address}} allows inbound traffic on every port from {{actual}}{{from}}; allow only the ports the service needs, from known address ranges.',
    },
    remediation: 'Set `source_address_prefix(es)` to the specific ranges that need access (or a service tag such as `AzureLoadBalancer`), and reach VMs through Azure Bastion, a VPN or just-in-time VM access rather than opening 22/3389 (or Telnet\'s 23) to the internet.',
    references: [NSG_DOCS, 'https://learn.microsoft.com/en-us/azure/virtual-network/network-security-groups-overview', 'https://learn.microsoft.com/en-us/azure/bastion/bastion-overview'],
    standards: STD.network(['CWE-284']),
    equivalents: { checkov: ['CKV_AZURE_9', 'CKV_AZURE_10'], tfsec: ['azure-network-disable-rdp-from-internet', 'azure-network-ssh-blocked-from-internet'], trivy: ['AVD-AZU-0048', 'AVD-AZU-0050'], kics: ['3e3c175e-aadf-4e2b-a464-3fdac5748d24', 'efbf6449-5ec5-4cfe-8f15-acc51e0d787c'] },
  },
  NSG_TYPES,
  (inst, r: Reporter) => {
    for (const v of ruleViews(inst)) {
      const open = openInboundRule(v);
      if (!open) continue;
      if (allPorts(open.ranges)) {
        r.bad(inst, open.source, 'all');
        continue;
      }
      const ports = portsIn(open.ranges, ADMIN_PORTS).filter((p) => open.protocol !== 'udp' || p === 3389);
      if (ports.length) r.bad(inst, open.source, 'admin', { ports: portNames(ports, ADMIN_PORTS) });
    }
  },
);

const dbPorts = tfRule(
  {
    id: 'iac/azure-nsg-database-port-open',
    title: 'Azure NSG allows database ports from the internet',
    description:
      'A network security group rule that allows database ports (SQL Server 1433, MySQL 3306, PostgreSQL 5432, Oracle 1521, MongoDB 27017, Redis 6379, Elasticsearch 9200 and others) from the whole internet puts the data store one weak or leaked password away from compromise. Databases should be reachable only from the application tier or through private endpoints.',
    severity: 'high',
    messages: {
      db: '{{address}} allows inbound {{ports}} from {{actual}}{{from}}; allow database ports only from the application subnets or use private endpoints.',
    },
    remediation: 'Restrict the rule\'s `source_address_prefix(es)` to the subnets or service tags of the clients that need the database, or remove the rule and use a private endpoint.',
    references: [NSG_DOCS, 'https://learn.microsoft.com/en-us/azure/virtual-network/network-security-groups-overview'],
    standards: STD.network(['CWE-284']),
    equivalents: {},
  },
  NSG_TYPES,
  (inst, r: Reporter) => {
    for (const v of ruleViews(inst)) {
      const open = openInboundRule(v);
      if (!open || open.protocol === 'udp') continue;
      if (allPorts(open.ranges)) {
        r.bad(inst, open.source, 'db', { ports: 'every port, including the database ports' });
        continue;
      }
      const ports = portsIn(open.ranges, DB_PORTS);
      if (ports.length) r.bad(inst, open.source, 'db', { ports: portNames(ports, DB_PORTS) });
    }
  },
);

export const networkRules: Rule[] = [adminPorts, dbPorts];
