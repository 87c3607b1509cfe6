import type { Rule } from '../../../../src/model/rule.js';
import { asString, type BlockView, type ResourceInstance, type TerraformModule, type Value } from '../../../../src/terraform/index.js';
import { awsRule, boolState, firstBlock, isUnknownMarker, jsonFromExpr, linkedResources, reportPublicAllows, stringList } from './util.js';

const LOGGING = { sbd: ['5', '7'], caf: ['C1'], cwe: ['CWE-778'] };
const EXPOSURE = { sbd: ['7', '8'], caf: ['B3', 'B4'], cwe: ['CWE-284'] };

/** True when `v` (or a list / map item in it) refers to the resource `inst`. */
function mentions(v: Value, inst: ResourceInstance): boolean {
  if (v.kind === 'reference') return v.resource === inst.resourceAddress;
  if (v.kind === 'list') return v.items.some((x) => mentions(x, inst));
  if (v.kind === 'map') return Object.values(v.entries).some((x) => mentions(x, inst));
  return false;
}

/**
 * True when a call of a module whose code we do not read (registry, git), in the resource's module
 * or one of its callers, is given a reference to it: that module may configure what the rule looks for.
 */
function passedToOpaqueModule(inst: ResourceInstance): boolean {
  for (let m: TerraformModule | undefined = inst.module; m; m = m.parent) {
    for (const call of m.moduleCalls) {
      if (call.dir !== undefined && call.instances.length > 0) continue;
      for (const a of Object.values(call.block.attributes)) if (mentions(m.evaluate(a.expr), inst)) return true;
    }
  }
  return false;
}

/**
 * Companion resources of `type` naming `target` in `attribute` (see linkedResources, matched by
 * reference only). Undefined when it cannot be told: one names its target by a value we cannot
 * match, or the target is handed to a module whose code we cannot read.
 */
function companionsOf(target: ResourceInstance, type: string, attribute: string): ResourceInstance[] | undefined {
  const found = linkedResources(target, type, attribute, []);
  if (found === undefined || found.length > 0) return found;
  return passedToOpaqueModule(target) ? undefined : found;
}

// ---------------------------------------------------------------- Cognito

const cognitoMfa = awsRule({
  name: 'cognito-user-pool-mfa',
  title: 'Cognito user pool does not offer multi-factor authentication',
  description:
    'With `mfa_configuration = "OFF"` — the default when the attribute is omitted — users of a Cognito user pool sign in with a password alone, so a phished, reused or guessed password is enough to take over an account. `"ON"` requires a second factor (TOTP, SMS or email one-time code) from every user; `"OPTIONAL"` lets each user enrol one. Pools whose `sign_in_policy` does not allow `PASSWORD` as a first factor (passkeys or one-time codes only) are not checked.',
  severity: 'medium',
  messages: {
    missing: '{{address}} does not set mfa_configuration (defaults to "OFF"), so users sign in with a password alone; set mfa_configuration = "ON" (or "OPTIONAL") and enable software_token_mfa_configuration.',
    off: 'mfa_configuration is {{actual}}{{from}} in {{address}}, so users sign in with a password alone; set it to "ON" (or "OPTIONAL") and enable software_token_mfa_configuration.',
  },
  remediation: 'Set `mfa_configuration = "ON"` (or `"OPTIONAL"` while users enrol) with `software_token_mfa_configuration { enabled = true }` (and/or `sms_configuration`), and consider `user_pool_add_ons { advanced_security_mode = "ENFORCED" }`.',
  references: ['https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html', 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cognito_user_pool#mfa_configuration'],
  standards: { sbd: ['7', '8'], caf: ['B2'], cwe: ['CWE-308'] },
  equivalents: { kics: ['ec28bf61-a474-4dbe-b414-6dd3a067d6f0'] },
  resources: ['aws_cognito_user_pool'],
  check(inst, r) {
    // passwordless-only pools (passkeys, one-time codes as the first factor) are out of scope
    const sip = inst.blocks('sign_in_policy');
    if (sip.some((b) => !b.expansionKnown)) return;
    const factors = sip[0]?.get('allowed_first_auth_factors');
    if (factors && factors.value.kind !== 'null') {
      const list = stringList(factors.value);
      if (!list || !list.includes('PASSWORD')) return;
    }
    const a = inst.get('mfa_configuration');
    if (!a || a.value.kind === 'null') return r.missing(inst, 'missing');
    if (asString(a.value)?.toUpperCase() === 'OFF') r.attr(inst, a, 'off');
  },
});

// ---------------------------------------------------------------- MemoryDB

const memorydbTls = awsRule({
  name: 'memorydb-tls-disabled',
  title: 'MemoryDB cluster does not encrypt connections in transit',
  description:
    'MemoryDB clusters use TLS unless created with `tls_enabled = false` (the provider default is true). Without TLS, Redis/Valkey commands, the data they return and the users\' passwords cross the network in clear, and the cluster must use the `open-access` ACL, so any client that can reach it has full access.',
  severity: 'high',
  messages: {
    disabled: 'tls_enabled is {{actual}}{{from}} in {{address}}, so connections are not encrypted and the cluster must use the open-access ACL; remove it or set it to true (the cluster is replaced).',
  },
  remediation: 'Remove `tls_enabled = false` (or set it to true) — this replaces the cluster — and give it an ACL with users that have passwords or IAM authentication instead of `open-access`.',
  references: ['https://docs.aws.amazon.com/memorydb/latest/devguide/in-transit-encryption.html', 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/memorydb_cluster#tls_enabled'],
  standards: { sbd: ['7'], caf: ['B3'], cwe: ['CWE-319'] },
  equivalents: { checkov: ['CKV_AWS_202'] },
  resources: ['aws_memorydb_cluster', 'aws_memorydb_multi_region_cluster'],
  check(inst, r) {
    const a = inst.get('tls_enabled');
    if (boolState(a) === 'false') r.attr(inst, a!, 'disabled');
  },
});

// ---------------------------------------------------------------- MWAA

const mwaaPublic = awsRule({
  name: 'mwaa-public-webserver',
  title: 'MWAA environment\'s Airflow web server is reachable from the internet',
  description:
    'With `webserver_access_mode = "PUBLIC_ONLY"` the Apache Airflow UI of an Amazon MWAA environment gets a public endpoint: anyone on the internet can reach its sign-in flow, and any user allowed `airflow:CreateWebLoginToken` can use it from anywhere. The UI triggers DAGs, reads variables and connections (often credentials) and shows task logs. The default, `"PRIVATE_ONLY"`, serves it only inside the VPC.',
  severity: 'medium',
  messages: {
    public: 'webserver_access_mode is {{actual}}{{from}} in {{address}}, so the Airflow UI has an internet endpoint; use "PRIVATE_ONLY" and reach it through the VPC (VPN, bastion or a load balancer with authentication).',
  },
  remediation: 'Set `webserver_access_mode = "PRIVATE_ONLY"` (the default) and reach the Airflow UI through the VPC — a VPN, AWS Client VPN, or a bastion — and limit `airflow:CreateWebLoginToken` to the operators who need it.',
  references: ['https://docs.aws.amazon.com/mwaa/latest/userguide/configuring-networking.html', 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/mwaa_environment#webserver_access_mode'],
  standards: EXPOSURE,
  resources: ['aws_mwaa_environment'],
  check(inst, r) {
    const a = inst.get('webserver_access_mode');
    if (a && asString(a.value) === 'PUBLIC_ONLY') r.attr(inst, a, 'public');
  },
});

// ---------------------------------------------------------------- Batch

/** Names of the privileged containers in a Batch container / ECS-style container JSON list. */
function privilegedIn(items: unknown[], out: string[]): void {
  for (const c of items) {
    if (!c || typeof c !== 'object' || Array.isArray(c)) continue;
    const cd = c as Record<string, unknown>;
    if (cd.privileged !== true && cd.privileged !== 'true') continue;
    out.push(typeof cd.name === 'string' && !isUnknownMarker(cd.name) ? `container ${JSON.stringify(cd.name)}` : 'a container');
  }
}

function objects(x: unknown): Record<string, unknown>[] {
  return (Array.isArray(x) ? x : [x]).filter((o): o is Record<string, unknown> => !!o && typeof o === 'object' && !Array.isArray(o));
}

const batchPrivileged = awsRule({
  name: 'batch-job-privileged-container',
  title: 'Batch job definition runs a privileged container',
  description:
    'A Batch job definition whose container has `privileged: true` runs it with every capability and access to the devices of the compute environment\'s host — much like root on the instance. Code in the job (often third-party images or user-supplied parameters) can escape to the host and reach other jobs, the ECS agent and the instance role. Read from `container_properties`, `node_properties` (multi-node jobs), `ecs_properties` and `eks_properties`.',
  severity: 'high',
  messages: {
    privileged: '{{address}} runs {{names}} privileged ({{where}}); remove privileged and grant only the Linux capabilities the job needs.',
  },
  remediation: 'Remove `"privileged": true` from the job\'s container properties (or `security_context { privileged = true }` for EKS jobs); if the job needs a kernel capability, add just that one through `linuxParameters` / the security context, and prefer Fargate compute environments, which refuse privileged containers.',
  references: ['https://docs.aws.amazon.com/batch/latest/APIReference/API_ContainerProperties.html', 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/batch_job_definition'],
  standards: { sbd: ['7', '8'], caf: ['B4'], cwe: ['CWE-250'] },
  equivalents: { checkov: ['CKV_AWS_210'] },
  resources: ['aws_batch_job_definition'],
  check(inst, r) {
    const json = (name: string, pick: (doc: unknown) => unknown[]) => {
      const a = inst.get(name);
      if (!a?.attribute) return;
      const doc = jsonFromExpr(a.attribute.expr, inst.ctx, inst.module);
      if (doc === undefined) return;
      const names: string[] = [];
      privilegedIn(pick(doc), names);
      if (names.length) r.attr(inst, a, 'privileged', { names: names.join(', '), where: name, from: '' });
    };
    json('container_properties', (d) => objects(d));
    json('node_properties', (d) => objects(d).flatMap((n) => objects(n.nodeRangeProperties)).flatMap((p) => objects(p.container)));
    json('ecs_properties', (d) => objects(d).flatMap((e) => objects(e.taskProperties)).flatMap((t) => objects(t.containers)));
    const pod = firstBlock(inst, 'eks_properties.pod_properties');
    if (pod?.expansionKnown) {
      for (const c of [...pod.blocks('containers'), ...pod.blocks('init_containers')]) {
        if (!c.expansionKnown) continue;
        const sc = c.blocks('security_context')[0];
        if (!sc?.expansionKnown) continue;
        const p = sc.get('privileged');
        if (boolState(p) !== 'true') continue;
        const n = asString(c.get('name')?.value);
        r.attr(inst, p!, 'privileged', { names: n ? `container ${JSON.stringify(n)}` : 'a container', where: 'eks_properties' });
      }
    }
  },
});

// ---------------------------------------------------------------- Default security group

const RULE_TYPES = ['aws_security_group_rule', 'aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule'];

/** True when the value names a VPC's default security group. */
function isDefaultSg(v: Value | undefined): boolean {
  if (!v || v.kind !== 'reference' || v.mode !== 'managed') return false;
  return v.type === 'aws_default_security_group' || (v.type === 'aws_vpc' && v.attribute === 'default_security_group_id');
}

const defaultSg = awsRule({
  name: 'default-sg-allows-traffic',
  title: 'VPC default security group allows traffic',
  description:
    'Every VPC has a default security group that resources join when no other group is given. CIS AWS Foundations asks that it allow no traffic at all, so nothing is reachable by accident and every allowed flow is in a purpose-made group. A Terraform-managed `aws_default_security_group` keeps exactly the rules written in it (none when it has no `ingress`/`egress`); this rule reports the rules given to it — in the resource, or as separate rule resources attached to it.',
  severity: 'low',
  messages: {
    rule: '{{address}} gives the VPC\'s default security group an {{direction}} rule; leave the default group without rules and put this traffic in a dedicated security group.',
  },
  remediation: 'Declare `aws_default_security_group` with only `vpc_id` (no `ingress` or `egress`), which removes every rule from the default group, and move the allowed traffic to security groups created for the resources that need it.',
  references: ['https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html', 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/default_security_group'],
  standards: { sbd: ['7', '8'], caf: ['B4'], cwe: ['CWE-284'] },
  equivalents: { checkov: ['CKV2_AWS_12'], trivy: ['AVD-AWS-0173'] },
  resources: ['aws_default_security_group', ...RULE_TYPES],
  check(inst, r) {
    if (inst.resourceType === 'aws_default_security_group') {
      for (const direction of ['ingress', 'egress']) {
        const b = inst.blocks(direction).find((x) => x.expansionKnown);
        if (b) r.block(inst, b, 'rule', { direction });
      }
      return;
    }
    const sg = inst.get('security_group_id');
    if (!sg || !isDefaultSg(sg.value)) return;
    const direction = inst.resourceType === 'aws_vpc_security_group_egress_rule' ? 'egress' : inst.resourceType === 'aws_vpc_security_group_ingress_rule' ? 'ingress' : asString(inst.get('type')?.value);
    if (direction !== 'ingress' && direction !== 'egress') return;
    r.attr(inst, sg, 'rule', { direction });
  },
});

// ---------------------------------------------------------------- KMS key policy

const kmsPublic = awsRule({
  name: 'kms-key-public-policy',
  title: 'KMS key policy allows any principal',
  description:
    'A key policy statement that allows `Principal: "*"` (or `{"AWS": "*"}`) without a Condition lets any AWS account use the granted key operations — decrypt data encrypted under the key, create grants, or change the policy when `kms:*` is allowed. Statements with a Condition that narrows the callers (such as `kms:CallerAccount` with `kms:ViaService`, `aws:PrincipalOrgID` or `aws:SourceAccount`) are not reported; `aws:SecureTransport`, an `aws:SourceIp` of 0.0.0.0/0, an ARN pattern matching any account, or `ForAllValues:`/`...IfExists` on a single-valued key does not narrow them.',
  severity: 'high',
  messages: {
    public: '{{address}} has a key policy statement allowing {{actions}} to Principal "*" with {{condition}}{{from}}; name the account root, roles or services that use the key, or add a Condition (kms:CallerAccount, aws:PrincipalOrgID).',
  },
  remediation: 'Replace `Principal: "*"` with the account (`arn:aws:iam::<account>:root`), the roles that use the key, or a service principal; to share the key through a service, keep `"*"` only with `kms:CallerAccount` and `kms:ViaService` conditions.',
  references: ['https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html', 'https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html'],
  standards: { sbd: ['7', '8'], caf: ['B2', 'B3'], cwe: ['CWE-284', 'CWE-732'] },
  equivalents: { checkov: ['CKV_AWS_33'] },
  resources: ['aws_kms_key', 'aws_kms_key_policy', 'aws_kms_replica_key', 'aws_kms_external_key'],
  check(inst, r, ctx) {
    reportPublicAllows(inst, r, ctx);
  },
});

// ---------------------------------------------------------------- ECS public IP

const ecsPublicIp = awsRule({
  name: 'ecs-service-public-ip',
  title: 'ECS service assigns public IP addresses to its tasks',
  description:
    'With `network_configuration { assign_public_ip = true }` every task of an `awsvpc` ECS service (or task set) gets a public IP address, so its containers are reachable from the internet wherever the security groups allow, and a mistake in those groups exposes them. Tasks in private subnets reach the internet through a NAT gateway and receive traffic through a load balancer. The default is false.',
  severity: 'medium',
  messages: {
    public: 'assign_public_ip is {{actual}}{{from}} in {{address}}, giving every task a public IP address; set it to false, run the tasks in private subnets, and put a load balancer in front.',
  },
  remediation: 'Set `assign_public_ip = false` (the default), place the tasks in private subnets with a NAT gateway or VPC endpoints for outbound traffic (ECR, CloudWatch Logs, Secrets Manager), and expose the service through a load balancer.',
  references: ['https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-2', 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ecs_service#assign_public_ip'],
  standards: EXPOSURE,
  equivalents: { checkov: ['CKV_AWS_333'] },
  resources: ['aws_ecs_service', 'aws_ecs_task_set'],
  check(inst, r) {
    for (const nc of inst.blocks('network_configuration')) {
      if (!nc.expansionKnown) continue;
      const a = nc.get('assign_public_ip');
      if (boolState(a) === 'true') r.attr(inst, a!, 'public');
    }
  },
});

// ---------------------------------------------------------------- Route 53 query logging

/** True when a hosted zone is private (has a `vpc` block); undefined when that cannot be told. */
function isPrivateZone(zone: BlockView): boolean | undefined {
  const vpcs = zone.blocks('vpc');
  if (vpcs.some((v) => !v.expansionKnown)) return undefined;
  if (vpcs.length > 0) return true;
  const a = zone.get('vpc');
  return a && a.value.kind !== 'null' ? undefined : false;
}

const route53Logging = awsRule({
  name: 'route53-query-logging',
  title: 'Route 53 public hosted zone has no DNS query logging',
  description:
    'Query logging records every DNS query Route 53 answers for a public hosted zone (name, type, response code, resolver edge location and client subnet). Without it there is no record of reconnaissance against the domain, of subdomain takeover or DNS-based exfiltration attempts, or of which names are actually used. It needs an `aws_route53_query_log` for the zone (with a CloudWatch Logs group in us-east-1). Private hosted zones, which use Resolver query logging instead, are not checked.',
  severity: 'low',
  messages: {
    missing: 'No aws_route53_query_log in this configuration refers to {{address}}; add one (zone_id = this zone) with a CloudWatch Logs group in us-east-1.',
  },
  remediation: 'Create an `aws_cloudwatch_log_group` in us-east-1, allow `route53.amazonaws.com` to write to it (`aws_cloudwatch_log_resource_policy`), and add `aws_route53_query_log { zone_id = aws_route53_zone.x.zone_id, cloudwatch_log_group_arn = ... }`.',
  references: ['https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/query-logs.html', 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/route53_query_log'],
  standards: LOGGING,
  equivalents: { checkov: ['CKV2_AWS_39'] },
  resources: ['aws_route53_zone'],
  check(inst, r) {
    if (isPrivateZone(inst) !== false) return;
    const logs = companionsOf(inst, 'aws_route53_query_log', 'zone_id');
    if (logs && logs.length === 0) r.missing(inst, 'missing');
  },
});

// ---------------------------------------------------------------- WAFv2 logging

const wafLogging = awsRule({
  name: 'wafv2-logging',
  title: 'WAFv2 web ACL has no logging configuration',
  description:
    'Without a logging configuration a WAFv2 web ACL keeps only sampled requests and metrics: there is no record of which requests it blocked or let through, by which rule, from where. That record is what shows an attack in progress, a rule blocking legitimate users, or a bypass. Logging needs an `aws_wafv2_web_acl_logging_configuration` whose `resource_arn` is the web ACL\'s ARN, sending to CloudWatch Logs, S3 or Firehose.',
  severity: 'low',
  messages: {
    missing: 'No aws_wafv2_web_acl_logging_configuration in this configuration refers to {{address}}; add one (resource_arn = this web ACL\'s arn) sending to a log group, bucket or Firehose stream named aws-waf-logs-*.',
  },
  remediation: 'Add `aws_wafv2_web_acl_logging_configuration { resource_arn = aws_wafv2_web_acl.x.arn, log_destination_configs = [aws_cloudwatch_log_group.waf.arn] }` with a destination whose name starts with `aws-waf-logs-`, and `redacted_fields` for headers that carry credentials.',
  references: ['https://docs.aws.amazon.com/waf/latest/developerguide/logging.html', 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/wafv2_web_acl_logging_configuration'],
  standards: LOGGING,
  equivalents: { checkov: ['CKV2_AWS_31'] },
  resources: ['aws_wafv2_web_acl'],
  check(inst, r) {
    const logs = companionsOf(inst, 'aws_wafv2_web_acl_logging_configuration', 'resource_arn');
    if (logs && logs.length === 0) r.missing(inst, 'missing');
  },
});

const cognitoGuests = awsRule({
  name: 'cognito-identity-pool-guest-access',
  title: 'Cognito identity pool gives AWS credentials to unauthenticated guests',
  description:
    'With `allow_unauthenticated_identities = true` anyone on the internet who knows the identity pool id — it ships in the web or mobile app — can call `GetId` and `GetCredentialsForIdentity` without signing in and receive temporary AWS credentials for the pool\'s unauthenticated role. Whatever that role allows (often more than the app needs) is open to the world. The default is false.',
  severity: 'medium',
  messages: {
    guests: 'allow_unauthenticated_identities is {{actual}}{{from}} in {{address}}, so anyone with the pool id gets credentials for its unauthenticated role; set it to false, or keep that role limited to the few actions guests need.',
  },
  remediation: 'Set `allow_unauthenticated_identities = false` (the default). If the app needs guest access, give the unauthenticated role in `aws_cognito_identity_pool_roles_attachment` only the actions and resources guests must use, and keep the basic (classic) auth flow disabled (`allow_classic_flow = false`).',
  references: ['https://docs.aws.amazon.com/cognito/latest/developerguide/identity-pools.html#enable-or-disable-unauthenticated-identities', 'https://docs.aws.amazon.com/cognito/latest/developerguide/iam-roles.html', 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cognito_identity_pool#allow_unauthenticated_identities'],
  standards: { sbd: ['7', '8'], caf: ['B2'], cwe: ['CWE-306'] },
  equivalents: { checkov: ['CKV_AWS_366'] },
  resources: ['aws_cognito_identity_pool'],
  check(inst, r) {
    const a = inst.get('allow_unauthenticated_identities');
    if (boolState(a) === 'true') r.attr(inst, a!, 'guests');
  },
});

// ---------------------------------------------------------------- SageMaker

const sagemakerRoot = awsRule({
  name: 'sagemaker-notebook-root-access',
  title: 'SageMaker notebook instance gives its users root access',
  description:
    'Root access on a SageMaker notebook instance is `"Enabled"` unless `root_access = "Disabled"`. Every user who can open the notebook then becomes root on the instance: they can change its software and network settings, read other users\' files and tamper with what later sessions run, all with the instance\'s execution role. Lifecycle configurations still run as root when it is disabled.',
  severity: 'low',
  messages: {
    missing: '{{address}} does not set root_access (defaults to "Enabled"), so every notebook user is root on the instance; set root_access = "Disabled".',
    enabled: 'root_access is {{actual}}{{from}} in {{address}}, so every notebook user is root on the instance; set it to "Disabled" and install system software through a lifecycle configuration.',
  },
  remediation: 'Set `root_access = "Disabled"` and do the setup that needs root (packages, agents) in an `aws_sagemaker_notebook_instance_lifecycle_configuration`, which still runs as root.',
  references: ['https://docs.aws.amazon.com/sagemaker/latest/dg/nbi-root-access.html', 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/sagemaker_notebook_instance#root_access'],
  standards: { sbd: ['7', '8'], caf: ['B2', 'B4'], cwe: ['CWE-250'] },
  equivalents: { checkov: ['CKV_AWS_307'] },
  resources: ['aws_sagemaker_notebook_instance'],
  check(inst, r) {
    const a = inst.get('root_access');
    if (!a || a.value.kind === 'null') return r.missing(inst, 'missing');
    if (asString(a.value) === 'Enabled') r.attr(inst, a, 'enabled');
  },
});

// ---------------------------------------------------------------- EKS node group SSH

const eksNodeSsh = awsRule({
  name: 'eks-node-group-ssh-open',
  title: 'EKS managed node group opens SSH to the internet',
  description:
    'When an `aws_eks_node_group` has `remote_access { ec2_ssh_key = ... }` without `source_security_group_ids`, EKS opens port 22 on every worker node to 0.0.0.0/0. Nodes in public subnets are then reachable over SSH from anywhere, and a leaked or weak key gives a shell next to the kubelet, the node\'s IAM role and every pod on it.',
  severity: 'high',
  messages: {
    open: '{{address}} gives remote_access an ec2_ssh_key without source_security_group_ids, so EKS opens port 22 on the nodes to 0.0.0.0/0; list the security groups allowed to connect, or drop remote_access and use SSM Session Manager.',
  },
  remediation: 'Set `source_security_group_ids` in `remote_access` to the security groups of the bastion or admin hosts, or remove `remote_access` altogether and reach nodes with AWS Systems Manager Session Manager.',
  references: ['https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/eks_node_group#remote_access', 'https://docs.aws.amazon.com/eks/latest/APIReference/API_RemoteAccessConfig.html'],
  standards: { sbd: ['7', '8'], caf: ['B4'], cwe: ['CWE-284'] },
  equivalents: { checkov: ['CKV_AWS_100'] },
  resources: ['aws_eks_node_group'],
  check(inst, r) {
    const ra = inst.blocks('remote_access');
    if (ra.length === 0 || !ra[0].expansionKnown) return;
    const key = ra[0].get('ec2_ssh_key')?.value;
    const hasKey = !!key && ((key.kind === 'string' && key.value !== '') || key.kind === 'reference');
    if (!hasKey) return;
    const sgs = ra[0].get('source_security_group_ids');
    if (sgs && sgs.value.kind !== 'null') {
      const list = stringList(sgs.value);
      // references and unknown items may name groups
      if (!list || list.length > 0) return;
    }
    r.block(inst, ra[0], 'open');
  },
});

// ---------------------------------------------------------------- Transit gateway

const tgwAutoAccept = awsRule({
  name: 'transit-gateway-auto-accept',
  title: 'Transit gateway accepts shared attachments automatically',
  description:
    'With `auto_accept_shared_attachments = "enable"` any account the transit gateway is shared with (through AWS RAM, often a whole organisation or OU) can attach its VPCs or VPNs without the owner approving them, joining the routing domain and — with default route table association and propagation — reaching the networks behind it. The default is `"disable"`, which leaves each attachment pending until accepted.',
  severity: 'medium',
  messages: {
    autoAccept: 'auto_accept_shared_attachments is {{actual}}{{from}} in {{address}}, so accounts it is shared with attach without approval; set it to "disable" and accept attachments with aws_ec2_transit_gateway_vpc_attachment_accepter.',
  },
  remediation: 'Set `auto_accept_shared_attachments = "disable"` (the default), accept expected attachments with `aws_ec2_transit_gateway_vpc_attachment_accepter`, and consider turning off `default_route_table_association` / `default_route_table_propagation` so new attachments get only the routes you give them.',
  references: ['https://docs.aws.amazon.com/vpc/latest/tgw/tgw-transit-gateways.html', 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ec2_transit_gateway#auto_accept_shared_attachments'],
  standards: { sbd: ['7', '8'], caf: ['B4'], cwe: ['CWE-284'] },
  equivalents: { checkov: ['CKV_AWS_331'] },
  resources: ['aws_ec2_transit_gateway'],
  check(inst, r) {
    const a = inst.get('auto_accept_shared_attachments');
    if (a && asString(a.value) === 'enable') r.attr(inst, a, 'autoAccept');
  },
});

export const exposureRules: Rule[] = [eksNodeSsh, tgwAutoAccept, cognitoMfa, cognitoGuests, sagemakerRoot, memorydbTls, mwaaPublic, batchPrivileged, defaultSg, kmsPublic, ecsPublicIp, route53Logging, wafLogging];
