import type { Rule } from '../../../../src/model/rule.js';
import { asList, asString, type BlockView } from '../../../../src/terraform/index.js';
import { awsRule, boolState, isPlaceholder, isWorldCidr, knownStrings, looksSecretName, stringList, strAt, reportPublicAllows, decodedUserData, userDataSecret } from './util.js';

const AWS_KEY_ID = /^(AKIA|ASIA)[A-Z0-9]{16}$/;
const SECRETS = { sbd: ['7', '8'], caf: ['B2', 'B3'], cwe: ['CWE-798', 'CWE-312'] };

// ---------------------------------------------------------------- EC2

const imds = awsRule({
  name: 'ec2-imdsv2',
  title: 'EC2 instance metadata service allows IMDSv1',
  description:
    'IMDSv1 answers any HTTP GET to 169.254.169.254, so a server-side request forgery (SSRF) bug in the application is enough to steal the instance role\'s credentials (the Capital One breach). Requiring IMDSv2 session tokens (`http_tokens = "required"`) blocks this.',
  severity: 'medium',
  messages: {
    missing: '{{address}} has no metadata_options, so IMDSv1 is allowed (http_tokens defaults to "optional"); add metadata_options { http_tokens = "required" }.',
    tokensMissing: 'metadata_options of {{address}} does not set http_tokens (defaults to "optional"); set http_tokens = "required".',
    optional: 'http_tokens is {{actual}}{{from}} in {{address}}; expected "required" (IMDSv2 only).',
  },
  remediation: 'Add `metadata_options { http_endpoint = "enabled", http_tokens = "required", http_put_response_hop_limit = 1 }` (or disable the endpoint).',
  references: ['https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html', 'https://aws.amazon.com/blogs/security/defense-in-depth-open-firewalls-reverse-proxies-ssrf-vulnerabilities-ec2-instance-metadata-service/'],
  standards: { sbd: ['7', '8'], caf: ['B4'], cwe: ['CWE-918', 'CWE-1188'] },
  equivalents: { checkov: ['CKV_AWS_79'], tfsec: ['aws-ec2-enforce-http-token-imds', 'aws-ec2-enforce-launch-config-http-token-imds'], trivy: ['AVD-AWS-0028', 'AVD-AWS-0130'] },
  resources: ['aws_instance', 'aws_launch_template', 'aws_launch_configuration'],
  check(inst, r) {
    const mo = inst.blocks('metadata_options')[0];
    if (!mo) {
      // an instance launched from a template takes the template's metadata options
      if (inst.resourceType === 'aws_instance' && inst.blocks('launch_template').length) return;
      return r.missing(inst, 'missing');
    }
    if (!mo.expansionKnown || strAt(mo, 'http_endpoint') === 'disabled') return;
    const a = mo.get('http_tokens');
    if (!a) return r.block(inst, mo, 'tokensMissing');
    if (asString(a.value) === 'optional') r.attr(inst, a, 'optional');
  },
});

const publicIp = awsRule({
  name: 'ec2-public-ip',
  title: 'EC2 instance or subnet assigns public IP addresses',
  description:
    'Instances with public IP addresses are directly reachable from the internet whenever a security group rule allows it. Workloads are safer in private subnets behind load balancers, with NAT for outbound traffic.',
  severity: 'low',
  messages: {
    public: '{{attribute}} is {{actual}}{{from}} in {{address}}; keep instances in private subnets and expose them through a load balancer.',
  },
  remediation: 'Remove `associate_public_ip_address = true` / `map_public_ip_on_launch = true`, place instances in private subnets, and use a load balancer, NAT gateway and SSM Session Manager.',
  references: ['https://docs.aws.amazon.com/vpc/latest/userguide/vpc-ip-addressing.html', 'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-9'],
  standards: { sbd: ['7', '8'], caf: ['B4', 'B5'], cwe: ['CWE-284'] },
  equivalents: { checkov: ['CKV_AWS_88', 'CKV_AWS_130'], trivy: ['AVD-AWS-0009', 'AVD-AWS-0164'] },
  resources: ['aws_instance', 'aws_launch_template', 'aws_launch_configuration', 'aws_subnet'],
  check(inst, r) {
    const holders: BlockView[] = inst.resourceType === 'aws_launch_template' ? inst.blocks('network_interfaces') : [inst];
    const name = inst.resourceType === 'aws_subnet' ? 'map_public_ip_on_launch' : 'associate_public_ip_address';
    for (const h of holders) {
      const a = h.get(name);
      if (boolState(a) === 'true') r.attr(inst, a!, 'public', { attribute: name });
    }
  },
});

const userDataSecrets = awsRule({
  name: 'ec2-user-data-secrets',
  title: 'EC2 user data contains a secret',
  description:
    'User data is readable by anyone who can describe the instance or launch template, by every process on the instance through the metadata service, and is stored in Terraform state. Secrets written into it (keys, passwords, tokens) leak through all of those.',
  severity: 'low',
  messages: {
    secret: '{{attribute}} of {{address}} contains {{what}}; fetch secrets at boot from Secrets Manager or SSM Parameter Store using the instance role.',
  },
  remediation: 'Store the secret in AWS Secrets Manager or SSM Parameter Store (SecureString) and read it at boot with the instance role; rotate the exposed value.',
  references: ['https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/user-data.html', 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets.html'],
  standards: SECRETS,
  equivalents: { checkov: ['CKV_AWS_46'], tfsec: ['aws-ec2-no-secrets-in-user-data'], trivy: ['AVD-AWS-0029', 'AVD-AWS-0129'] },
  resources: ['aws_instance', 'aws_launch_template', 'aws_launch_configuration'],
  check(inst, r) {
    for (const name of ['user_data', 'user_data_base64']) {
      const a = inst.get(name);
      if (!a?.attribute) continue;
      const texts = [a.attribute.expr.text];
      const v = asString(a.value);
      if (v !== undefined) texts.push((name === 'user_data_base64' ? decodedUserData(v) : undefined) ?? v);
      const found = userDataSecret(texts);
      if (found) r.attr(inst, a, 'secret', { attribute: name, what: found.what }, { secrets: [found.secret] });
    }
  },
});

// ---------------------------------------------------------------- Lambda environment

const lambdaEnvSecrets = awsRule({
  name: 'lambda-env-secrets',
  title: 'Lambda environment variable holds a hard-coded secret',
  description:
    'Environment variables of a Lambda function are visible to anyone who can read the function configuration, appear in Terraform state and in the repository when written as literals. Secrets belong in Secrets Manager or SSM Parameter Store, fetched at run time.',
  severity: 'high',
  messages: {
    secret: 'Environment variable {{name}} of {{address}} is set to a literal value{{from}}; store it in Secrets Manager / SSM Parameter Store and pass its ARN or name instead.',
  },
  remediation: 'Move the value to Secrets Manager or SSM Parameter Store (SecureString), grant the function role read access, read it at run time (e.g. the Parameters and Secrets Lambda extension) and rotate the exposed secret.',
  references: ['https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-encryption', 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html'],
  standards: SECRETS,
  equivalents: { checkov: ['CKV_AWS_45'], kics: ['1402afd8-a95c-4e84-8b0b-6fb43758e6ce'] },
  resources: ['aws_lambda_function'],
  check(inst, r, ctx) {
    const env = inst.blocks('environment')[0];
    const vars = env?.get('variables');
    if (!env || !vars || vars.value.kind !== 'map') return;
    for (const name of Object.keys(vars.value.entries)) {
      const a = env.get(['variables', name]);
      const s = a ? asString(a.value) : undefined;
      if (!a || a.value.kind !== 'string' || s === undefined) continue;
      // an AWS access key id is a secret whatever the variable is called
      if (!AWS_KEY_ID.test(s.trim()) && (!looksSecretName(name) || isPlaceholder(s) || /^\/[\w\-./]+$/.test(s) || /^(true|false|\d{1,6})$/i.test(s))) continue;
      const expr = vars.attribute?.expr;
      const item = expr?.kind === 'object' ? expr.items.find((i) => i.keyName === name) : undefined;
      if (item && env.file === ctx.file.path) {
        const elsewhere = a.file !== env.file || a.range.start.line !== item.value.range.start.line;
        r.at({ start: item.key.range.start, end: item.value.range.end }, 'secret', { address: inst.address, name, from: elsewhere ? ` (from ${a.file}:${a.range.start.line})` : '' }, { secrets: [s] });
      } else r.attr(inst, a, 'secret', { name }, { secrets: [s] });
    }
  },
});

// ---------------------------------------------------------------- ECR

const ecrScan = awsRule({
  name: 'ecr-scan-on-push',
  title: 'ECR repository does not scan images on push',
  description: 'Scanning on push reports known vulnerabilities (CVEs) in each image as it is pushed, before it is deployed. Without it (and without registry-level scanning) vulnerable images go unnoticed.',
  severity: 'low',
  messages: {
    missing: '{{address}} has no image_scanning_configuration; set scan_on_push = true (or configure registry-level enhanced scanning).',
    disabled: 'scan_on_push is {{actual}}{{from}} in {{address}}; expected true.',
  },
  remediation: 'Add `image_scanning_configuration { scan_on_push = true }` or an `aws_ecr_registry_scanning_configuration` with enhanced scanning.',
  references: ['https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html'],
  standards: { sbd: ['6', '7'], caf: ['B4'], cwe: ['CWE-1104'] },
  equivalents: { checkov: ['CKV_AWS_163'], tfsec: ['aws-ecr-enable-image-scans'], trivy: ['AVD-AWS-0030'], kics: ['9630336b-3fed-4096-8173-b9afdfe346a7'] },
  resources: ['aws_ecr_repository'],
  check(inst, r) {
    if (inst.module.root.resources('aws_ecr_registry_scanning_configuration').length) return;
    const c = inst.blocks('image_scanning_configuration')[0];
    if (!c) return r.missing(inst, 'missing');
    const a = c.get('scan_on_push');
    if (!a) r.block(inst, c, 'missing');
    else if (boolState(a) === 'false') r.attr(inst, a, 'disabled');
  },
});

const ecrMutable = awsRule({
  name: 'ecr-tag-mutability',
  title: 'ECR repository allows image tags to be overwritten',
  description: 'With mutable tags, pushing an image with an existing tag (e.g. `v1.2.0`) silently replaces what deployments pull; a compromised pipeline can swap a trusted image. Immutable tags make a tag always mean the same image.',
  severity: 'low',
  messages: {
    missing: '{{address}} does not set image_tag_mutability (defaults to MUTABLE); set image_tag_mutability = "IMMUTABLE".',
    mutable: 'image_tag_mutability is {{actual}}{{from}} in {{address}}; expected "IMMUTABLE".',
  },
  remediation: 'Set `image_tag_mutability = "IMMUTABLE"` (or `IMMUTABLE_WITH_EXCLUSION` for a `latest`-style exception) and deploy by digest.',
  references: ['https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html'],
  standards: { sbd: ['6', '10'], caf: ['B4'], cwe: ['CWE-494'] },
  equivalents: { checkov: ['CKV_AWS_51'], tfsec: ['aws-ecr-enforce-immutable-repository'], trivy: ['AVD-AWS-0031'], kics: ['d1846b12-20c5-4d45-8798-fc35b79268eb'] },
  resources: ['aws_ecr_repository'],
  check(inst, r) {
    const a = inst.get('image_tag_mutability');
    if (!a) return r.missing(inst, 'missing');
    if (asString(a.value) === 'MUTABLE') r.attr(inst, a, 'mutable');
  },
});

const ecrPublic = awsRule({
  name: 'ecr-public-policy',
  title: 'ECR repository policy allows any principal',
  description: 'A repository policy statement allowing `Principal: "*"` without a Condition that narrows the callers (an `aws:SecureTransport` test, an any-account ARN pattern or `ForAllValues:`/`...IfExists` on `aws:PrincipalOrgID` does not) lets every AWS account pull (or, with write actions, push) images — exposing proprietary code and baked-in configuration, or enabling image tampering.',
  severity: 'high',
  messages: { public: '{{address}} allows {{actions}} to Principal "*" with {{condition}}{{from}}; name the accounts or add a StringEquals aws:PrincipalOrgID condition.' },
  remediation: 'List the account or role ARNs that need access, or add `Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-..." } }`.',
  references: ['https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policies.html'],
  standards: { sbd: ['7', '8'], caf: ['B2', 'B3'], cwe: ['CWE-284'] },
  equivalents: { checkov: ['CKV_AWS_32'], tfsec: ['aws-ecr-no-public-access'], trivy: ['AVD-AWS-0032'], kics: ['e86e26fc-489e-44f0-9bcd-97305e4ba69a'] },
  resources: ['aws_ecr_repository_policy'],
  check(inst, r, ctx) {
    reportPublicAllows(inst, r, ctx);
  },
});

// ---------------------------------------------------------------- EKS

const eksPublic = awsRule({
  name: 'eks-public-endpoint',
  title: 'EKS API endpoint is open to the internet',
  description:
    'The Kubernetes API endpoint of an EKS cluster is public by default (`endpoint_public_access = true`) and reachable from 0.0.0.0/0 unless `public_access_cidrs` restricts it. An internet-facing control plane is exposed to credential attacks and API server vulnerabilities.',
  severity: 'medium',
  messages: {
    defaultPublic: '{{address}} leaves the API endpoint public (endpoint_public_access defaults to true) with no public_access_cidrs; set endpoint_public_access = false or restrict public_access_cidrs.',
    public: 'endpoint_public_access is {{actual}}{{from}} in {{address}} with no public_access_cidrs, so the API is open to 0.0.0.0/0; disable it or restrict the CIDRs.',
    world: 'public_access_cidrs of {{address}} includes {{cidr}}{{from}}; restrict it to your office/VPN ranges or disable public access.',
    emptyCidrs: 'public_access_cidrs of {{address}} is empty{{from}}, which leaves the default 0.0.0.0/0 on a public endpoint; list your office/VPN ranges or disable public access.',
  },
  remediation: 'Set `endpoint_private_access = true` and `endpoint_public_access = false`, or restrict `public_access_cidrs` to known ranges.',
  references: ['https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html'],
  standards: { sbd: ['7', '8'], caf: ['B4', 'B5'], cwe: ['CWE-284'] },
  equivalents: { checkov: ['CKV_AWS_39', 'CKV_AWS_38'], tfsec: ['aws-eks-no-public-cluster-access', 'aws-eks-no-public-cluster-access-to-cidr'], trivy: ['AVD-AWS-0040', 'AVD-AWS-0041'], kics: ['42f4b905-3736-4213-bfe9-c0660518cda8', '61cf9883-1752-4768-b18c-0d57f2737709'] },
  resources: ['aws_eks_cluster'],
  check(inst, r) {
    const vc = inst.blocks('vpc_config')[0];
    if (!vc || !vc.expansionKnown) return;
    const pub = vc.get('endpoint_public_access');
    const st = boolState(pub);
    if (st === 'false' || st === 'unknown' || st === 'other') return;
    const cidrs = vc.get('public_access_cidrs');
    if (!cidrs) {
      if (pub) r.attr(inst, pub, 'public');
      else r.block(inst, vc, 'defaultPublic');
      return;
    }
    // an empty list is the same as leaving it out: EKS applies its default, 0.0.0.0/0
    const items = asList(cidrs.value);
    if (items && items.length === 0) return r.attr(inst, cidrs, 'emptyCidrs');
    const hit = knownStrings(cidrs.value).find(isWorldCidr);
    if (hit) r.attr(inst, cidrs, 'world', { cidr: hit });
  },
});

const eksSecrets = awsRule({
  name: 'eks-secrets-encryption',
  title: 'EKS cluster does not encrypt Kubernetes secrets with KMS',
  description: 'Without envelope encryption (`encryption_config` with `resources = ["secrets"]`), Kubernetes Secrets are protected only by the EBS encryption of etcd. KMS envelope encryption adds a key you control and audit.',
  severity: 'medium',
  messages: {
    missing: '{{address}} has no encryption_config; encrypt Kubernetes secrets with a KMS key (resources = ["secrets"]).',
    noSecrets: 'encryption_config.resources is {{actual}}{{from}} in {{address}}; include "secrets".',
  },
  remediation: 'Add `encryption_config { resources = ["secrets"], provider { key_arn = aws_kms_key.eks.arn } }`.',
  references: ['https://docs.aws.amazon.com/eks/latest/userguide/envelope-encryption.html'],
  standards: { sbd: ['7'], caf: ['B3'], cwe: ['CWE-311'] },
  equivalents: { checkov: ['CKV_AWS_58'], tfsec: ['aws-eks-encrypt-secrets'], trivy: ['AVD-AWS-0039'] },
  resources: ['aws_eks_cluster'],
  check(inst, r) {
    const ec = inst.blocks('encryption_config');
    if (!ec.length) return r.missing(inst, 'missing');
    for (const b of ec) {
      const a = b.get('resources');
      const list = a ? stringList(a.value) : undefined;
      if (a && list && !list.includes('secrets')) r.attr(inst, a, 'noSecrets');
    }
  },
});

const EKS_LOGS = ['api', 'audit', 'authenticator'];

const eksLogging = awsRule({
  name: 'eks-control-plane-logging',
  title: 'EKS control plane audit logging is not enabled',
  description: 'EKS control plane logs (API server, audit, authenticator) record who did what in the cluster. Without them, misuse of Kubernetes credentials and changes to workloads or RBAC cannot be investigated.',
  severity: 'low',
  messages: {
    missing: '{{address}} does not set enabled_cluster_log_types; enable at least "api", "audit" and "authenticator".',
    partial: 'enabled_cluster_log_types of {{address}} is {{actual}}{{from}}, missing {{missing}}; enable "api", "audit" and "authenticator".',
  },
  remediation: 'Set `enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]`.',
  references: ['https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html'],
  standards: { sbd: ['5', '7'], caf: ['C1'], cwe: ['CWE-778'] },
  equivalents: { checkov: ['CKV_AWS_37'], tfsec: ['aws-eks-enable-control-plane-logging'], trivy: ['AVD-AWS-0038'], kics: ['66f130d9-b81d-4e8e-9b08-da74b9c891df'] },
  resources: ['aws_eks_cluster'],
  check(inst, r) {
    const a = inst.get('enabled_cluster_log_types');
    if (!a) return r.missing(inst, 'missing');
    const list = stringList(a.value);
    if (!list) return;
    const missing = EKS_LOGS.filter((l) => !list.includes(l));
    if (missing.length) r.attr(inst, a, 'partial', { missing: missing.join(', ') });
  },
});

// ---------------------------------------------------------------- SageMaker

const sagemakerInternet = awsRule({
  name: 'sagemaker-notebook-internet',
  title: 'SageMaker notebook has direct internet access',
  description: 'Notebook instances get direct internet access by default. That bypasses VPC controls: data can be exfiltrated and packages pulled from anywhere. In a VPC subnet with direct access disabled, traffic goes through your controls.',
  severity: 'low',
  messages: {
    missing: '{{address}} does not set direct_internet_access (defaults to "Enabled"); set it to "Disabled" with a VPC subnet_id.',
    enabled: 'direct_internet_access is {{actual}}{{from}} in {{address}}; expected "Disabled".',
  },
  remediation: 'Set `direct_internet_access = "Disabled"` and `subnet_id` / `security_groups` in a VPC with controlled egress.',
  references: ['https://docs.aws.amazon.com/sagemaker/latest/dg/appendix-notebook-and-internet-access.html'],
  standards: { sbd: ['7'], caf: ['B4', 'B5'], cwe: ['CWE-284'] },
  equivalents: { checkov: ['CKV_AWS_122'] },
  resources: ['aws_sagemaker_notebook_instance'],
  check(inst, r) {
    const a = inst.get('direct_internet_access');
    if (!a) return r.missing(inst, 'missing');
    if (asString(a.value) === 'Enabled') r.attr(inst, a, 'enabled');
  },
});

export const computeRules: Rule[] = [imds, publicIp, userDataSecrets, lambdaEnvSecrets, ecrScan, ecrMutable, ecrPublic, eksPublic, eksSecrets, eksLogging, sagemakerInternet];
