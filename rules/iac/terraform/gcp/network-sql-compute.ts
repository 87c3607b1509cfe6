import type { Rule } from '../../../../src/model/rule.js';
import type { AttrResult, BlockView, ResourceInstance } from '../../../../src/terraform/index.js';
import { ADMIN_PORTS, DB_PORTS, STD, allPorts, get, isAnySource, isOff, isOn, lower, portNames, portRange, portsIn, strings, tfRule, type Reporter } from '../azure/common.js';

const REG = 'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/';

// ------------------------------------------------------------------ Firewall

interface OpenFirewall {
  /** The attribute that opens it to the internet, or undefined when no source is given (GCP then uses 0.0.0.0/0). */
  source?: AttrResult;
  ranges: [number, number][];
}

/** An enabled INGRESS allow rule from anywhere, with the TCP port ranges it opens. */
export function openFirewall(inst: ResourceInstance): OpenFirewall | undefined {
  const direction = get(inst, 'direction');
  if (direction && lower(direction.value) !== 'ingress') return undefined;
  const disabled = get(inst, 'disabled');
  if (disabled && !isOff(disabled.value)) return undefined;
  const src = get(inst, 'source_ranges');
  let source: AttrResult | undefined;
  if (src) {
    if (!strings(src.value).some(isAnySource)) return undefined;
    source = src;
  } else if (get(inst, 'source_tags') || get(inst, 'source_service_accounts')) {
    return undefined;
  }
  const ranges: [number, number][] = [];
  for (const allow of inst.blocks('allow')) {
    const proto = lower(get(allow, 'protocol')?.value);
    if (proto !== 'tcp' && proto !== 'all' && proto !== '6') continue;
    const ports = get(allow, 'ports');
    if (!ports || proto === 'all' || (ports.known && ports.value.kind === 'list' && ports.value.items.length === 0)) {
      ranges.push([0, 65535]);
      continue;
    }
    for (const s of strings(ports.value)) {
      const r = portRange(s);
      if (r) ranges.push(r);
    }
  }
  if (ranges.length === 0) return undefined;
  return { source, ranges };
}

function reportFirewall(inst: ResourceInstance, r: Reporter, open: OpenFirewall, id: string, data: Record<string, string> = {}): void {
  if (open.source) r.bad(inst, open.source, id, data);
  else r.missing(inst, id, { ...data, actual: 'no source (defaults to 0.0.0.0/0)', from: '' });
}

const FW_DOCS = REG + 'compute_firewall';

const fwAdmin = tfRule(
  {
    id: 'iac/gcp-firewall-admin-port-open',
    title: 'GCP firewall allows SSH, RDP, Telnet or all ports from the internet',
    description:
      'An ingress firewall rule that allows SSH (22), RDP (3389), Telnet (23) or every port from 0.0.0.0/0 exposes remote administration of every matching VM to the whole internet, where it is scanned and brute-forced constantly (and Telnet sends the password in clear). Administration should go through Identity-Aware Proxy TCP forwarding (35.235.240.0/20), a bastion or a VPN.',
    severity: 'high',
    messages: {
      admin: '{{address}} allows {{ports}} from {{actual}}{{from}}; restrict `source_ranges` to known ranges (e.g. IAP 35.235.240.0/20).',
      all: '{{address}} allows every TCP port from {{actual}}{{from}}; allow only the ports the service needs, from known ranges.',
    },
    remediation: 'Restrict `source_ranges` to the ranges that need access — for administration, Identity-Aware Proxy\'s 35.235.240.0/20 — and allow only the needed ports.',
    references: [FW_DOCS, 'https://cloud.google.com/iap/docs/using-tcp-forwarding', 'https://cloud.google.com/firewall/docs/firewalls'],
    standards: STD.network(),
    equivalents: { checkov: ['CKV_GCP_2', 'CKV_GCP_3'], kics: ['c4dcdcdf-10dd-4bf4-b4a0-8f6239e6aaa0', '678fd659-96f2-454a-a2a0-c2571f83a4a3'] },
  },
  ['google_compute_firewall'],
  (inst, r) => {
    const open = openFirewall(inst);
    if (!open) return;
    if (allPorts(open.ranges)) return reportFirewall(inst, r, open, 'all');
    const ports = portsIn(open.ranges, ADMIN_PORTS);
    if (ports.length) reportFirewall(inst, r, open, 'admin', { ports: portNames(ports, ADMIN_PORTS) });
  },
);

const fwDb = tfRule(
  {
    id: 'iac/gcp-firewall-database-port-open',
    title: 'GCP firewall allows database ports from the internet',
    description:
      'An ingress firewall rule that allows database ports (MySQL 3306, PostgreSQL 5432, SQL Server 1433, MongoDB 27017, Redis 6379, Elasticsearch 9200 and others) from 0.0.0.0/0 puts self-managed data stores one weak password away from compromise. Databases should be reachable only from the application tier.',
    severity: 'high',
    messages: {
      db: '{{address}} allows {{ports}} from {{actual}}{{from}}; allow database ports only from the application\'s ranges, tags or service accounts.',
    },
    remediation: 'Replace `source_ranges = ["0.0.0.0/0"]` with the application\'s subnet ranges, `source_tags` or `source_service_accounts`.',
    references: [FW_DOCS, 'https://cloud.google.com/firewall/docs/firewalls'],
    standards: STD.network(),
    equivalents: { checkov: ['CKV_GCP_88'] },
  },
  ['google_compute_firewall'],
  (inst, r) => {
    const open = openFirewall(inst);
    if (!open) return;
    if (allPorts(open.ranges)) return reportFirewall(inst, r, open, 'db', { ports: 'every port, including the database ports' });
    const ports = portsIn(open.ranges, DB_PORTS);
    if (ports.length) reportFirewall(inst, r, open, 'db', { ports: portNames(ports, DB_PORTS) });
  },
);

// ------------------------------------------------------------------ Cloud SQL

const SQL = ['google_sql_database_instance'];
const SQL_DOCS = REG + 'sql_database_instance';

function ipConfigs(inst: ResourceInstance): BlockView[] {
  return inst.blocks('settings').flatMap((s) => s.blocks('ip_configuration'));
}

function isReplica(inst: ResourceInstance): boolean {
  return !!get(inst, 'master_instance_name') || inst.blocks('replica_configuration').length > 0;
}

const sqlPublic = tfRule(
  {
    id: 'iac/gcp-sql-public-access',
    title: 'Cloud SQL instance authorises 0.0.0.0/0',
    description:
      'A Cloud SQL instance with a public IP and an authorised network of 0.0.0.0/0 accepts database connections from any address on the internet, leaving only the database password to protect the data.',
    severity: 'high',
    messages: {
      open: '{{address}} authorises {{actual}}{{from}} on its public IP; authorise only specific client ranges, or use private IP and the Cloud SQL Auth Proxy.',
    },
    remediation: 'Remove the 0.0.0.0/0 `authorized_networks` entry; connect through private IP (`ipv4_enabled = false`, `private_network`) or the Cloud SQL Auth Proxy / connectors.',
    references: [SQL_DOCS + '#authorized_networks', 'https://cloud.google.com/sql/docs/mysql/authorize-networks'],
    standards: STD.network(),
    equivalents: { checkov: ['CKV_GCP_11'], kics: ['b187edca-b81e-4fdc-aff4-aab57db45edb'] },
  },
  SQL,
  (inst, r) => {
    for (const ip of ipConfigs(inst)) {
      const v4 = get(ip, 'ipv4_enabled');
      if (v4 && isOff(v4.value)) continue;
      for (const net of ip.blocks('authorized_networks')) {
        const a = get(net, 'value');
        if (a && strings(a.value).some(isAnySource)) r.bad(inst, a, 'open');
      }
    }
  },
);

const SECURE_SSL = new Set(['encrypted_only', 'trusted_client_certificate_required']);

const sqlSsl = tfRule(
  {
    id: 'iac/gcp-sql-require-ssl',
    title: 'Cloud SQL instance accepts unencrypted connections',
    description:
      'Unless SSL/TLS is required, clients can connect to Cloud SQL without encryption and credentials and query results cross the network in clear text. Google provider 5.x/6.x use `ssl_mode` (ENCRYPTED_ONLY or TRUSTED_CLIENT_CERTIFICATE_REQUIRED); older configurations use `require_ssl`.',
    severity: 'medium',
    messages: {
      missing: '{{address}} does not require TLS (`settings.ip_configuration.ssl_mode` is not set, default ALLOW_UNENCRYPTED_AND_ENCRYPTED); set `ssl_mode = "ENCRYPTED_ONLY"`.',
      mode: '{{address}} sets `ssl_mode` to {{actual}}{{from}}; expected "ENCRYPTED_ONLY" or "TRUSTED_CLIENT_CERTIFICATE_REQUIRED".',
      requireSsl: '{{address}} sets `require_ssl` to {{actual}}{{from}}; set `ssl_mode = "ENCRYPTED_ONLY"` (or require_ssl = true on old providers).',
    },
    remediation: 'Set `settings { ip_configuration { ssl_mode = "ENCRYPTED_ONLY" } }` (or "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"); on google provider < 5 set `require_ssl = true`.',
    references: [SQL_DOCS + '#ssl_mode', 'https://cloud.google.com/sql/docs/postgres/configure-ssl-instance'],
    standards: STD.transit(),
    equivalents: { checkov: ['CKV_GCP_6'], tfsec: ['google-sql-encrypt-in-transit-data'], trivy: ['AVD-GCP-0015'], kics: ['02474449-71aa-40a1-87ae-e14497747b00'] },
  },
  SQL,
  (inst, r) => {
    const settings = inst.blocks('settings');
    if (settings.length === 0 || settings.some((s) => !s.expansionKnown)) return;
    const ips = ipConfigs(inst);
    if (ips.some((ip) => !ip.expansionKnown)) return;
    for (const ip of ips) {
      const mode = get(ip, 'ssl_mode');
      const req = get(ip, 'require_ssl');
      if (mode) {
        if (mode.known && mode.value.kind === 'string' && !SECURE_SSL.has(mode.value.value.toLowerCase())) r.bad(inst, mode, 'mode');
        return;
      }
      if (req) {
        if (isOff(req.value)) r.bad(inst, req, 'requireSsl');
        return;
      }
    }
    r.missing(inst, 'missing');
  },
);

const sqlBackup = tfRule(
  {
    id: 'iac/gcp-sql-backups',
    title: 'Cloud SQL instance without automated backups',
    description:
      'Without automated backups a Cloud SQL instance cannot be restored after accidental deletion of data, corruption or a ransomware-style attack, and point-in-time recovery is impossible.',
    severity: 'medium',
    messages: {
      missing: '{{address}} has no `settings.backup_configuration` with `enabled = true`; enable automated backups.',
      disabled: '{{address}} sets `backup_configuration.enabled` to {{actual}}{{from}}; expected true.',
    },
    remediation: 'Add `settings { backup_configuration { enabled = true, point_in_time_recovery_enabled = true } }` (binary_log_enabled for MySQL).',
    references: [SQL_DOCS + '#backup_configuration', 'https://cloud.google.com/sql/docs/postgres/backup-recovery/backups'],
    standards: STD.resilience(),
    equivalents: { checkov: ['CKV_GCP_14'], tfsec: ['google-sql-enable-backup'], trivy: ['AVD-GCP-0024'], kics: ['cf3c7631-cd1e-42f3-8801-a561214a6e79'] },
  },
  SQL,
  (inst, r) => {
    if (isReplica(inst)) return;
    const settings = inst.blocks('settings');
    if (settings.length === 0 || settings.some((s) => !s.expansionKnown)) return;
    const backups = settings.flatMap((s) => s.blocks('backup_configuration'));
    if (backups.some((b) => !b.expansionKnown)) return;
    for (const b of backups) {
      const a = get(b, 'enabled');
      if (a && isOff(a.value)) return r.bad(inst, a, 'disabled');
      if (a) return;
    }
    r.missing(inst, 'missing');
  },
);

const sqlDeletion = tfRule(
  {
    id: 'iac/gcp-sql-deletion-protection',
    title: 'Cloud SQL instance without deletion protection',
    description:
      'With `deletion_protection = false`, a `terraform destroy` or a change that forces replacement deletes the instance and its data (and, by default, its backups) without any further safeguard.',
    severity: 'low',
    messages: {
      disabled: '{{address}} sets `deletion_protection` to {{actual}}{{from}}; keep it true (the default) for instances holding data, and consider `settings.deletion_protection_enabled = true`.',
    },
    remediation: 'Remove `deletion_protection = false` (true is the default) and set `settings { deletion_protection_enabled = true }` to protect against deletion outside Terraform too.',
    references: [SQL_DOCS + '#deletion_protection', 'https://cloud.google.com/sql/docs/mysql/deletion-protection'],
    standards: STD.resilience(),
    equivalents: {},
  },
  SQL,
  (inst, r) => {
    const a = get(inst, 'deletion_protection');
    if (a && isOff(a.value)) r.bad(inst, a, 'disabled');
  },
);

// ------------------------------------------------------------------ Compute Engine

const INSTANCES = ['google_compute_instance', 'google_compute_instance_template', 'google_compute_region_instance_template', 'google_compute_instance_from_template'];
const COMPUTE_DOCS = REG + 'compute_instance';

/** A metadata key's value: from `metadata = { key = ... }`. */
function metadataEntry(inst: ResourceInstance, key: string): AttrResult | undefined {
  return get(inst, ['metadata', key]);
}

const serialPort = tfRule(
  {
    id: 'iac/gcp-compute-serial-port',
    title: 'GCE interactive serial console is enabled',
    description:
      'The interactive serial console accepts connections from any IP address (it is not subject to VPC firewall rules), so enabling it with `serial-port-enable` adds a network path to the VM that bypasses the firewall.',
    severity: 'medium',
    messages: {
      enabled: '{{address}} sets metadata `serial-port-enable` to {{actual}}{{from}}; remove it or set it to false.',
    },
    remediation: 'Remove `serial-port-enable` from instance, template and project metadata (or set it to "false"); enforce `compute.disableSerialPortAccess` as an organisation policy.',
    references: [COMPUTE_DOCS + '#metadata', 'https://cloud.google.com/compute/docs/troubleshooting/troubleshooting-using-serial-console'],
    standards: STD.network(),
    equivalents: { checkov: ['CKV_GCP_35'], tfsec: ['google-compute-no-serial-port'], trivy: ['AVD-GCP-0032'], kics: ['97fa667a-d05b-4f16-9071-58b939f34751'] },
  },
  [...INSTANCES, 'google_compute_project_metadata', 'google_compute_project_metadata_item'],
  (inst, r) => {
    if (inst.resourceType === 'google_compute_project_metadata_item') {
      if (lower(get(inst, 'key')?.value) !== 'serial-port-enable') return;
      const v = get(inst, 'value');
      if (v && truthyMeta(v)) r.bad(inst, v, 'enabled');
      return;
    }
    const a = metadataEntry(inst, 'serial-port-enable');
    if (a && truthyMeta(a)) r.entry(inst, a, 'enabled');
  },
);

function truthyMeta(a: AttrResult): boolean {
  const v = lower(a.value);
  return v === 'true' || v === '1';
}

const projectSsh = tfRule(
  {
    id: 'iac/gcp-compute-project-ssh-keys',
    title: 'GCE instance accepts project-wide SSH keys',
    description:
      'Project-wide SSH keys work on every instance in the project: one leaked key opens all of them. Blocking project-wide keys on an instance (or using OS Login) limits SSH access to keys granted for that instance.',
    severity: 'low',
    messages: {
      missing: '{{address}} does not set metadata `block-project-ssh-keys = true` (and OS Login is not enabled), so project-wide SSH keys work on it.',
      disabled: '{{address}} sets metadata `block-project-ssh-keys` to {{actual}}{{from}}; expected true.',
    },
    remediation: 'Add `block-project-ssh-keys = true` to the instance metadata, or enable OS Login (`enable-oslogin = "TRUE"`).',
    references: [COMPUTE_DOCS + '#metadata', 'https://cloud.google.com/compute/docs/connect/restrict-ssh-keys'],
    standards: STD.access(['CWE-284']),
    equivalents: { checkov: ['CKV_GCP_32'], tfsec: ['google-compute-no-project-wide-ssh-keys'], trivy: ['AVD-GCP-0030'], kics: ['3e4d5ce6-3280-4027-8010-c26eeea1ec01'] },
  },
  INSTANCES,
  (inst, r) => {
    if (inst.resourceType === 'google_compute_instance_from_template') return;
    const meta = get(inst, 'metadata');
    if (meta && !meta.known) return;
    const oslogin = metadataEntry(inst, 'enable-oslogin');
    if (oslogin && lower(oslogin.value) === 'true') return;
    const a = metadataEntry(inst, 'block-project-ssh-keys');
    if (!a) r.missing(inst, 'missing');
    else if (lower(a.value) === 'false') r.entry(inst, a, 'disabled');
  },
);

function falsyMeta(a: AttrResult): boolean {
  const v = lower(a.value);
  return v === 'false' || v === '0';
}

const osLogin = tfRule(
  {
    id: 'iac/gcp-compute-os-login-disabled',
    title: 'GCE OS Login turned off',
    description:
      'OS Login ties SSH access to VMs to IAM: access is granted and revoked with roles, can require 2-step verification, and every login is attributed to a Google identity. Setting the `enable-oslogin` metadata key to false on an instance or template overrides a project-wide OS Login setting, and on the project turns it off for every instance, so SSH falls back to keys pasted into metadata that nobody revokes.',
    severity: 'medium',
    messages: {
      disabled: '{{address}} sets metadata `enable-oslogin` to {{actual}}{{from}}: SSH access falls back to metadata keys outside IAM. Remove it (or set it to "TRUE") and grant access with the OS Login roles.',
    },
    remediation: 'Remove `enable-oslogin = "FALSE"` from instance and template metadata, set `enable-oslogin = "TRUE"` in project metadata (or enforce the `compute.requireOsLogin` organisation policy), and grant `roles/compute.osLogin` or `roles/compute.osAdminLogin` to the people who need SSH.',
    references: [REG + 'compute_project_metadata', 'https://cloud.google.com/compute/docs/oslogin/set-up-oslogin'],
    standards: STD.access(['CWE-284']),
    equivalents: {
      checkov: ['CKV_GCP_34', 'CKV_GCP_33'],
      tfsec: ['google-compute-no-oslogin-override'],
      trivy: ['AVD-GCP-0036'],
      kics: ['d0b4d550-c001-46c3-bbdb-d5d75d33f05f', '32ecd6eb-0711-421f-9627-1a28d9eff217'],
    },
  },
  [...INSTANCES, 'google_compute_project_metadata', 'google_compute_project_metadata_item'],
  (inst, r) => {
    if (inst.resourceType === 'google_compute_project_metadata_item') {
      if (lower(get(inst, 'key')?.value) !== 'enable-oslogin') return;
      const v = get(inst, 'value');
      if (v && falsyMeta(v)) r.bad(inst, v, 'disabled');
      return;
    }
    const a = metadataEntry(inst, 'enable-oslogin');
    if (a && falsyMeta(a)) r.entry(inst, a, 'disabled');
  },
);

const ipForward = tfRule(
  {
    id: 'iac/gcp-compute-ip-forward',
    title: 'GCE instance can forward IP packets',
    description:
      'With `can_ip_forward = true` an instance may send and receive packets for addresses other than its own, so a compromised VM can route or spoof traffic inside the VPC. Only NAT gateways, routers and similar appliances need it.',
    severity: 'low',
    messages: {
      enabled: '{{address}} sets `can_ip_forward` to {{actual}}{{from}}; remove it unless the instance is a router or NAT appliance.',
    },
    remediation: 'Remove `can_ip_forward = true` (false is the default) except on instances that route traffic.',
    references: [COMPUTE_DOCS + '#can_ip_forward', 'https://cloud.google.com/vpc/docs/using-routes#canipforward'],
    standards: STD.network(),
    equivalents: { checkov: ['CKV_GCP_36'], tfsec: ['google-compute-no-ip-forwarding'], trivy: ['AVD-GCP-0043'], kics: ['f34c0c25-47b4-41eb-9c79-249b4dd47b89'] },
  },
  INSTANCES,
  (inst, r) => {
    const a = get(inst, 'can_ip_forward');
    if (a && isOn(a.value)) r.bad(inst, a, 'enabled');
  },
);

const CLOUD_PLATFORM = new Set(['cloud-platform', 'https://www.googleapis.com/auth/cloud-platform']);

/** No email (the default account), "default", `<n>-compute@developer...`, or the data source for it. */
function isDefaultServiceAccount(email: AttrResult | undefined): boolean {
  if (!email) return true;
  const v = email.value;
  if (v.kind === 'reference') return v.type === 'google_compute_default_service_account';
  if (v.kind !== 'string') return false;
  return v.value === 'default' || /-compute@developer\.gserviceaccount\.com$/i.test(v.value);
}

const defaultSa = tfRule(
  {
    id: 'iac/gcp-compute-default-sa-full-access',
    title: 'GCE instance uses the default service account with full API access',
    description:
      'The Compute Engine default service account has the Editor role on the project in most organisations; with the `cloud-platform` scope, anything running on the VM (or anyone who compromises it) can use Editor across every Google Cloud API in the project.',
    severity: 'high',
    messages: {
      full: '{{address}} gives the default Compute Engine service account the cloud-platform scope{{from}}; use a dedicated service account with only the roles the workload needs.',
    },
    remediation: 'Create a dedicated `google_service_account` with narrowly scoped roles and set `service_account { email = google_service_account.app.email, scopes = ["cloud-platform"] }`.',
    references: [COMPUTE_DOCS + '#service_account', 'https://cloud.google.com/compute/docs/access/service-accounts#default_service_account'],
    standards: STD.access(['CWE-250']),
    equivalents: { checkov: ['CKV_GCP_31'], kics: ['bc280331-27b9-4acb-a010-018e8098aa5d'] },
  },
  INSTANCES,
  (inst, r) => {
    for (const sa of inst.blocks('service_account')) {
      if (!isDefaultServiceAccount(get(sa, 'email'))) continue;
      const scopes = get(sa, 'scopes');
      if (scopes && strings(scopes.value).some((s) => CLOUD_PLATFORM.has(s.trim().toLowerCase()))) r.bad(inst, scopes, 'full');
    }
  },
);

const shieldedVm = tfRule(
  {
    id: 'iac/gcp-compute-shielded-vm',
    title: 'GCE Shielded VM protections turned off',
    description:
      'Shielded VM\'s virtual TPM and integrity monitoring detect boot-level and kernel-level tampering (rootkits, bootkits). Turning them off removes that detection for the instance. Compute Engine instances and templates, and Vertex AI Workbench instances (`google_notebooks_instance`, `google_workbench_instance`), are checked.',
    severity: 'low',
    messages: {
      disabled: '{{address}} sets `shielded_instance_config.{{setting}}` to {{actual}}{{from}}; expected true.',
    },
    remediation: 'Remove the `false` settings from `shielded_instance_config` (vTPM and integrity monitoring are on by default for Shielded VM images) and consider `enable_secure_boot = true`.',
    references: [COMPUTE_DOCS + '#shielded_instance_config', 'https://cloud.google.com/compute/shielded-vm/docs/shielded-vm'],
    standards: STD.system(),
    equivalents: { checkov: ['CKV_GCP_39', 'CKV_GCP_126', 'CKV_GCP_127'], kics: ['1b44e234-3d73-41a8-9954-0b154135280e'] },
  },
  [...INSTANCES, 'google_notebooks_instance', 'google_workbench_instance'],
  (inst, r) => {
    const configs = inst.resourceType === 'google_workbench_instance' ? inst.blocks('gce_setup').flatMap((g) => g.blocks('shielded_instance_config')) : inst.blocks('shielded_instance_config');
    for (const b of configs) {
      for (const setting of ['enable_vtpm', 'enable_integrity_monitoring']) {
        const a = get(b, setting);
        if (a && isOff(a.value)) r.bad(inst, a, 'disabled', { setting });
      }
    }
  },
);

const publicIp = tfRule(
  {
    id: 'iac/gcp-compute-public-ip',
    title: 'GCE instance has an external IP address',
    description:
      'An `access_config` block gives the instance an external IP address, making it directly reachable from the internet wherever firewall rules allow. Instances behind load balancers, IAP and Cloud NAT do not need one.',
    severity: 'low',
    messages: {
      external: '{{address}} has an `access_config` block, giving it an external IP address; remove it and use Cloud NAT for egress and IAP or a load balancer for ingress.',
    },
    remediation: 'Remove `access_config` from `network_interface`; use Cloud NAT for outbound traffic, IAP TCP forwarding for administration and a load balancer for inbound traffic. Enforce `compute.vmExternalIpAccess`.',
    references: [COMPUTE_DOCS + '#access_config', 'https://cloud.google.com/compute/docs/ip-addresses/reserve-static-external-ip-address'],
    standards: STD.network(),
    equivalents: { checkov: ['CKV_GCP_40'], tfsec: ['google-compute-no-public-ip'], trivy: ['AVD-GCP-0031'] },
  },
  INSTANCES,
  (inst, r) => {
    for (const ni of inst.blocks('network_interface')) {
      for (const ac of ni.blocks('access_config')) {
        if (ac.expansionKnown) r.block(inst, ac, 'external');
      }
    }
  },
);

export const networkSqlComputeRules: Rule[] = [fwAdmin, fwDb, sqlPublic, sqlSsl, sqlBackup, sqlDeletion, serialPort, projectSsh, osLogin, ipForward, defaultSa, shieldedVm, publicIp];
