import type { Rule } from '../../../../src/model/rule.js';
import { asString, type AttrResult, type BlockView } from '../../../../src/terraform/index.js';
import { awsRule, boolState, firstBlock, linkedResources, mustBeTrue } from './util.js';

const TRANSIT = { sbd: ['7'], caf: ['B3'], cwe: ['CWE-319'] };
const LOGGING = { sbd: ['5', '7'], caf: ['C1'], cwe: ['CWE-778'] };

/** The text of a parameter value (`"false"`, `false`, `0`), or undefined when not known. */
function paramText(a: AttrResult | undefined): string | undefined {
  if (!a) return undefined;
  const v = a.value;
  if (v.kind === 'bool' || v.kind === 'number') return String(v.value);
  return asString(v);
}

/** `parameter { name, value }` blocks of a parameter group named `name` (case-insensitive). */
function parameters(inst: BlockView, block: string, nameAttr: string, valueAttr: string, name: string): AttrResult[] {
  const out: AttrResult[] = [];
  for (const p of inst.blocks(block)) {
    if (!p.expansionKnown) continue;
    if (paramText(p.get(nameAttr))?.toLowerCase() !== name) continue;
    const v = p.get(valueAttr);
    if (v) out.push(v);
  }
  return out;
}

// ---------------------------------------------------------------- Redshift

const redshiftAudit = awsRule({
  name: 'redshift-audit-logging',
  title: 'Redshift cluster does not export audit logs',
  description:
    'Redshift audit logging records connection attempts, user changes and (with `enable_user_activity_logging`) every query run. It is off unless the cluster has `logging { enable = true }` (deprecated since AWS provider v5) or an `aws_redshift_logging` resource for it. Without it there is no record of who read or changed the warehouse\'s data.',
  severity: 'low',
  messages: {
    missing: 'No aws_redshift_logging in this configuration refers to {{address}} and it has no logging block; add aws_redshift_logging { cluster_identifier = ..., log_destination_type = "cloudwatch" (or "s3") }.',
    disabled: 'enable is {{actual}}{{from}} in the logging block of {{address}}; enable audit logging (preferably with an aws_redshift_logging resource).',
  },
  remediation: 'Add `aws_redshift_logging { cluster_identifier = aws_redshift_cluster.x.id, log_destination_type = "cloudwatch", log_exports = ["connectionlog", "userlog", "useractivitylog"] }` (or an S3 bucket), and set `enable_user_activity_logging = "true"` in the cluster parameter group.',
  references: ['https://docs.aws.amazon.com/redshift/latest/mgmt/db-auditing.html', 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/redshift_logging'],
  standards: LOGGING,
  equivalents: { checkov: ['CKV_AWS_71'] },
  resources: ['aws_redshift_cluster'],
  check(inst, r) {
    const lb = inst.blocks('logging');
    if (lb.length) {
      if (lb.some((b) => !b.expansionKnown)) return;
      const e = lb[0].get('enable');
      const st = boolState(e);
      if (st === 'true' || st === 'unknown' || st === 'other') return;
      if (st === 'false') {
        // a separate aws_redshift_logging may still turn it on
        const cs = linkedResources(inst, 'aws_redshift_logging', 'cluster_identifier', ['cluster_identifier']);
        if (cs && cs.length === 0) r.attr(inst, e!, 'disabled');
        return;
      }
    }
    const cs = linkedResources(inst, 'aws_redshift_logging', 'cluster_identifier', ['cluster_identifier']);
    if (cs && cs.length === 0) r.missing(inst, 'missing');
  },
});

const redshiftSsl = awsRule({
  name: 'redshift-require-ssl',
  title: 'Redshift parameter group allows connections without TLS',
  description:
    'The `require_ssl` parameter decides whether Redshift refuses client connections that do not use TLS. With it set to false, SQL clients and BI tools may connect in clear, sending database credentials and query results readable on the network path.',
  severity: 'medium',
  messages: {
    insecure: 'require_ssl is {{actual}}{{from}} in {{address}}, so clients may connect without TLS; set it to "true".',
  },
  remediation: 'Set `parameter { name = "require_ssl", value = "true" }` in the `aws_redshift_parameter_group` (reboot the clusters using it), or `config_parameter { parameter_key = "require_ssl", parameter_value = "true" }` in a Redshift Serverless workgroup.',
  references: ['https://docs.aws.amazon.com/redshift/latest/mgmt/connecting-ssl-support.html', 'https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-parameter-groups.html'],
  standards: TRANSIT,
  equivalents: { checkov: ['CKV_AWS_105'] },
  resources: ['aws_redshift_parameter_group', 'aws_redshiftserverless_workgroup'],
  check(inst, r) {
    const found = inst.resourceType === 'aws_redshift_parameter_group'
      ? parameters(inst, 'parameter', 'name', 'value', 'require_ssl')
      : parameters(inst, 'config_parameter', 'parameter_key', 'parameter_value', 'require_ssl');
    for (const a of found) if (paramText(a)?.toLowerCase() === 'false') r.attr(inst, a, 'insecure');
  },
});

// ---------------------------------------------------------------- DocumentDB

const docdbTls = awsRule({
  name: 'docdb-tls-disabled',
  title: 'DocumentDB cluster parameter group turns TLS off',
  description:
    'DocumentDB requires TLS for client connections by default. A cluster parameter group with `tls = "disabled"` lets the clusters using it accept unencrypted connections, so credentials and documents cross the network in clear.',
  severity: 'medium',
  messages: {
    disabled: 'The tls parameter is {{actual}}{{from}} in {{address}}; set it to "enabled" (or "tls1.2+" / "tls1.3+").',
  },
  remediation: 'Remove the `tls` parameter or set `parameter { name = "tls", value = "tls1.2+" }` (the clusters need a reboot), and connect with the Amazon RDS CA bundle.',
  references: ['https://docs.aws.amazon.com/documentdb/latest/developerguide/security.encryption.ssl.html'],
  standards: TRANSIT,
  equivalents: { checkov: ['CKV_AWS_90'] },
  resources: ['aws_docdb_cluster_parameter_group'],
  check(inst, r) {
    for (const a of parameters(inst, 'parameter', 'name', 'value', 'tls')) if (paramText(a)?.toLowerCase() === 'disabled') r.attr(inst, a, 'disabled');
  },
});

// ---------------------------------------------------------------- Neptune

const neptuneIam = mustBeTrue({
  name: 'neptune-iam-auth',
  title: 'Neptune cluster does not use IAM database authentication',
  description:
    'Neptune has no database users of its own: without IAM database authentication any client that can reach the cluster endpoint on the network can query and change the graph. With `iam_database_authentication_enabled = true` every request must be signed with IAM credentials allowed `neptune-db:*` on the cluster. The provider default is false.',
  severity: 'medium',
  resources: ['aws_neptune_cluster'],
  path: 'iam_database_authentication_enabled',
  defaultFalse: true,
  what: 'require SigV4-signed requests from IAM principals allowed neptune-db actions',
  remediation: 'Set `iam_database_authentication_enabled = true` and grant `neptune-db:connect` (or the finer data actions) to the roles of the applications that use the graph.',
  references: ['https://docs.aws.amazon.com/neptune/latest/userguide/iam-auth.html', 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/neptune_cluster#iam_database_authentication_enabled'],
  standards: { sbd: ['7', '8'], caf: ['B2'], cwe: ['CWE-306'] },
  equivalents: { checkov: ['CKV_AWS_359'] },
});

// ---------------------------------------------------------------- MSK

const mskPublic = awsRule({
  name: 'msk-public-access',
  title: 'MSK cluster brokers are reachable from the internet',
  description:
    'With `connectivity_info { public_access { type = "SERVICE_PROVIDED_EIPS" } }` every broker of an MSK cluster gets a public IP address, and its Kafka listeners are reachable from the internet wherever the security groups allow. Topics often carry the organisation\'s event streams; keep brokers private and reach them through the VPC, PrivateLink or multi-VPC connectivity.',
  severity: 'medium',
  messages: {
    public: 'public_access type is {{actual}}{{from}} in {{address}}, giving the brokers public IP addresses; set type = "DISABLED" and connect through the VPC or PrivateLink.',
  },
  remediation: 'Set `public_access { type = "DISABLED" }` (the default) and give clients private connectivity (VPC peering, Transit Gateway, MSK multi-VPC private connectivity).',
  references: ['https://docs.aws.amazon.com/msk/latest/developerguide/public-access.html', 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/msk_cluster#public_access'],
  standards: { sbd: ['7', '8'], caf: ['B3', 'B4'], cwe: ['CWE-284'] },
  equivalents: { checkov: ['CKV_AWS_291'] },
  resources: ['aws_msk_cluster'],
  check(inst, r) {
    const pa = firstBlock(inst, 'broker_node_group_info.connectivity_info.public_access');
    if (!pa?.expansionKnown) return;
    const a = pa.get('type');
    if (a && asString(a.value) === 'SERVICE_PROVIDED_EIPS') r.attr(inst, a, 'public');
  },
});

export const clusterRules: Rule[] = [redshiftAudit, redshiftSsl, docdbTls, neptuneIam, mskPublic];
