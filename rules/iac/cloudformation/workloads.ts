/**
 * CloudFormation twins of Terraform AWS rules for workloads and their surroundings (rules/iac/terraform/aws/
 * compute.ts, containers.ts, messaging.ts, analytics.ts, web.ts): EC2 public addresses, Lambda resource
 * permissions, ECS task definitions, Kinesis, Amazon MQ, SageMaker notebooks, API Gateway caches and
 * custom domains, CodeBuild artifacts, CloudWatch log groups, DMS, DAX, WorkSpaces, RDS Performance
 * Insights, and passwords written into resource properties. Unknown values stay silent.
 */
import type { Rule, RuleContext } from '../../../src/model/rule.js';
import { entry, get, isMap, isScalar, type DataEntry, type DataNode } from '../../../src/parsers/data/tree.js';
import { at, bool, CFN_DATA_STANDARDS, CFN_IAM_STANDARDS, CFN_LOGGING_STANDARDS, CFN_STANDARDS, cfnMeta, docs, each, list, propEntry, resolve, string, typeAt, type Template } from './cfn.js';
import { literalSecret } from './compute.js';
import { requireTrue } from './data.js';

type Ctx = Parameters<NonNullable<Rule['check']>>[0];

/** The map items of a list property (each resolved); unknown lists and items are left out. */
function maps(t: Template, node: DataNode | undefined): DataNode[] {
  return (list(t, node) ?? []).map((i) => resolve(t, i)).filter((i): i is DataNode => isMap(i));
}

// ---------------------------------------------------------------- EC2 public addresses

const publicIp: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-ec2-public-ip',
    title: 'EC2 instance or subnet assigns public IP addresses',
    description: 'Instances with a public IP address are reachable from the internet wherever a security group rule allows it, and one permissive rule is then enough to expose them. Workloads are safer in private subnets behind a load balancer, with a NAT gateway for outbound traffic and Session Manager for administration. Reported: `AssociatePublicIpAddress: true` on an instance\'s or launch template\'s network interface or on a launch configuration, and `MapPublicIpOnLaunch: true` on a subnet (every instance launched there gets a public address). Network interfaces that leave the property out take the subnet\'s setting and are not reported.',
    severity: 'low',
    messages: {
      instance: '{{type}} {{name}} sets `AssociatePublicIpAddress: true`, giving its instances a public IP address; place them in a private subnet behind a load balancer and remove the property.',
      subnet: 'Subnet {{name}} sets `MapPublicIpOnLaunch: true`, so every instance launched in it gets a public IP address; keep workloads in private subnets (public subnets only for load balancers and NAT gateways, without this setting).',
    },
    remediation: 'Remove `AssociatePublicIpAddress: true` / `MapPublicIpOnLaunch: true`, run instances in private subnets, expose services through a load balancer, and reach instances with Systems Manager Session Manager.',
    references: [docs('AWS::EC2::Instance'), docs('AWS::EC2::Subnet'), 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-ip-addressing.html'],
    standards: { ...CFN_STANDARDS, cwe: ['CWE-284'] },
    equivalents: { checkov: ['CKV_AWS_88', 'CKV_AWS_130'], trivy: ['AVD-AWS-0009', 'AVD-AWS-0164'] },
  }),
  check(ctx) {
    each(ctx, ['AWS::EC2::Instance', 'AWS::EC2::LaunchTemplate', 'AWS::AutoScaling::LaunchConfiguration'], (r, t) => {
      const data = { type: r.type.replace(/^AWS::/, ''), name: r.name };
      const holders: DataNode[] = r.type === 'AWS::AutoScaling::LaunchConfiguration' ? [r.props]
        : maps(t, get(r.type === 'AWS::EC2::LaunchTemplate' ? resolve(t, get(r.props, 'LaunchTemplateData')) : r.props, 'NetworkInterfaces'));
      for (const h of holders) {
        const e = propEntry(h, 'AssociatePublicIpAddress');
        if (e && bool(t, e.value) === true) ctx.report({ messageId: 'instance', offsets: at(e), data });
      }
    });
    each(ctx, ['AWS::EC2::Subnet'], (r, t) => {
      const e = entry(r.props, 'MapPublicIpOnLaunch');
      if (e && bool(t, e.value) === true) ctx.report({ messageId: 'subnet', offsets: at(e), data: { name: r.name } });
    });
  },
};

// ---------------------------------------------------------------- Lambda permissions

const SERVICE_PRINCIPAL = /^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/;

const lambdaPermission: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-lambda-permission-source-arn',
    title: 'Lambda permission lets any account invoke the function',
    description: 'An `AWS::Lambda::Permission` for a service principal (`s3.amazonaws.com`, `sns.amazonaws.com`, `events.amazonaws.com`, …) without `SourceArn` or `SourceAccount` lets that service invoke the function on behalf of any resource in any AWS account: another account\'s bucket or topic can trigger it (the confused-deputy problem). With `Principal: "*"` and none of `SourceArn`, `SourceAccount` or `PrincipalOrgID`, anyone with AWS credentials can invoke it. Function URL permissions (`FunctionUrlAuthType`) are left to cfn-lambda-url-auth-none.',
    severity: 'medium',
    messages: {
      service: 'Permission {{name}} lets `{{principal}}` invoke the function without `SourceArn` or `SourceAccount`, so the service may invoke it for any account\'s resources; set `SourceArn` to the resource that triggers it (and `SourceAccount` for S3).',
      any: 'Permission {{name}} lets any principal (`Principal: "*"`) invoke the function with no `SourceArn`, `SourceAccount` or `PrincipalOrgID`; name the principal (an account, role or service) and the source that needs it.',
    },
    remediation: 'Set `SourceArn` to the ARN of the bucket, topic, rule, API or log group that invokes the function (with `SourceAccount` for S3, whose bucket ARNs carry no account); replace `Principal: "*"` with the principal that needs access, or restrict it with `PrincipalOrgID`.',
    references: [docs('AWS::Lambda::Permission'), 'https://docs.aws.amazon.com/lambda/latest/dg/permissions-function-services.html', 'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html'],
    standards: { ...CFN_IAM_STANDARDS, sbd: ['7', '8'], cwe: ['CWE-441', 'CWE-284'] },
    equivalents: { checkov: ['CKV_AWS_364'], trivy: ['AVD-AWS-0067'], kics: ['1d6e16f1-5d8a-4379-bfb3-2dadd38ed5a7'] },
  }),
  check(ctx) {
    each(ctx, ['AWS::Lambda::Permission'], (r, t) => {
      const pe = entry(r.props, 'Principal');
      const principal = pe && string(t, pe.value)?.trim();
      if (!pe || !principal) return;
      if (get(r.props, 'SourceArn') || get(r.props, 'SourceAccount')) return;
      if (principal === '*') {
        if (get(r.props, 'PrincipalOrgID') || get(r.props, 'FunctionUrlAuthType')) return;
        return ctx.report({ messageId: 'any', severity: 'high', offsets: at(pe), data: { name: r.name } });
      }
      if (SERVICE_PRINCIPAL.test(principal)) ctx.report({ messageId: 'service', offsets: at(pe), data: { name: r.name, principal } });
    });
  },
};

// ---------------------------------------------------------------- ECS task definitions

const TASK = 'AWS::ECS::TaskDefinition';

/** The container definitions of a task definition with their names (for messages). */
function containers(t: Template, props: DataNode): { name: string; map: DataNode }[] {
  return maps(t, get(props, 'ContainerDefinitions')).map((c) => ({ name: string(t, get(c, 'Name')) ?? '(unnamed)', map: c }));
}

const ecsSecrets: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-ecs-task-plaintext-secrets',
    title: 'ECS container definition holds a secret in a plain environment variable',
    description: 'The `Environment` of an ECS container definition is stored in clear in the task definition: anyone allowed `ecs:DescribeTaskDefinition` reads it, and it sits in the template, in version control and in the stack. Passwords, tokens and keys belong in Secrets Manager or SSM Parameter Store, referenced through the container\'s `Secrets` (`ValueFrom`). Values that are intrinsic functions, dynamic references, ARNs, parameter paths or placeholders are not reported.',
    severity: 'high',
    messages: { secret: 'Container {{container}} of task definition {{name}} sets `{{variable}}` to a literal secret in `Environment`; store it in Secrets Manager or SSM Parameter Store, list it under `Secrets` (`ValueFrom`), and rotate the exposed value.' },
    remediation: 'Move the value to Secrets Manager or SSM Parameter Store (SecureString), reference it in the container\'s `Secrets: [{ Name: DB_PASSWORD, ValueFrom: !Ref DbSecret }]`, allow the task execution role to read it, and rotate the committed value.',
    references: [docs(TASK), 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specifying-sensitive-data.html'],
    standards: { ...CFN_DATA_STANDARDS, caf: ['B2', 'B3'], cwe: ['CWE-798', 'CWE-312'] },
    equivalents: { trivy: ['AVD-AWS-0036'] },
  }),
  check(ctx) {
    each(ctx, [TASK], (r, t) => {
      for (const c of containers(t, r.props)) {
        for (const v of maps(t, get(c.map, 'Environment'))) {
          const variable = string(t, get(v, 'Name'));
          const ve = propEntry(v, 'Value');
          if (!variable || !ve || !isScalar(ve.value) || ve.value.tag || typeof ve.value.value !== 'string') continue;
          if (literalSecret(variable, ve.value.value)) ctx.report({ messageId: 'secret', offsets: at(ve), data: { name: r.name, container: c.name, variable }, secrets: [ve.value.value.trim()] });
        }
      }
    });
  },
};

const ecsPrivileged: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-ecs-privileged-container',
    title: 'ECS container runs privileged',
    description: 'A container definition with `Privileged: true` gets root privileges on the host (all capabilities, every device). A compromise of the container is then a compromise of the EC2 container instance and of every other task on it. Fargate rejects privileged containers; on EC2 they are rarely needed.',
    severity: 'high',
    messages: { privileged: 'Container {{container}} of task definition {{name}} sets `Privileged: true`, giving it root access to the host; remove it and grant only the Linux capabilities it needs (`LinuxParameters.Capabilities.Add`).' },
    remediation: 'Remove `Privileged: true`; add only the specific capabilities needed under `LinuxParameters.Capabilities.Add`, and set `ReadonlyRootFilesystem: true` and a non-root `User` where possible.',
    references: [docs(TASK), 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_security'],
    standards: { ...CFN_STANDARDS, cwe: ['CWE-250'] },
  }),
  check(ctx) {
    each(ctx, [TASK], (r, t) => {
      for (const c of containers(t, r.props)) {
        const e = propEntry(c.map, 'Privileged');
        if (e && bool(t, e.value) === true) ctx.report({ messageId: 'privileged', offsets: at(e), data: { name: r.name, container: c.name } });
      }
    });
  },
};

const ecsEfsTransit: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-ecs-efs-transit-encryption',
    title: 'ECS task mounts an EFS volume without encryption in transit',
    description: 'An ECS task volume with `EFSVolumeConfiguration` sends file data between the task and the EFS file system in clear unless `TransitEncryption` is `ENABLED`; it defaults to `DISABLED`. The files (often application data or uploads) can then be read or altered on the network path.',
    severity: 'medium',
    messages: {
      missing: 'Volume {{volume}} of task definition {{name}} mounts EFS without `TransitEncryption` (default `DISABLED`); set `TransitEncryption: ENABLED`.',
      disabled: 'Volume {{volume}} of task definition {{name}} sets `TransitEncryption: {{value}}`; set it to `ENABLED`.',
    },
    remediation: 'Set `EFSVolumeConfiguration.TransitEncryption: ENABLED` (required for IAM authorisation and access points as well).',
    references: [docs(TASK), 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/efs-volumes.html'],
    standards: { ...CFN_DATA_STANDARDS, cwe: ['CWE-319'] },
    equivalents: { checkov: ['CKV_AWS_97'], trivy: ['AVD-AWS-0035'], kics: ['c1282e03-b285-4637-aee7-eefe3a7bb658'] },
  }),
  check(ctx) {
    each(ctx, [TASK], (r, t) => {
      for (const v of maps(t, get(r.props, 'Volumes'))) {
        const ce = propEntry(v, 'EFSVolumeConfiguration');
        const cfg = ce && resolve(t, ce.value);
        if (!ce || !isMap(cfg)) continue;
        const volume = string(t, get(v, 'Name')) ?? '(unnamed)';
        const te = entry(cfg, 'TransitEncryption');
        if (!te) {
          ctx.report({ messageId: 'missing', offsets: at(ce), data: { name: r.name, volume } });
          continue;
        }
        const value = string(t, te.value);
        if (value && value.toUpperCase() === 'DISABLED') ctx.report({ messageId: 'disabled', offsets: at(te), data: { name: r.name, volume, value } });
      }
    });
  },
};

// ---------------------------------------------------------------- Kinesis, Amazon MQ

const kinesis: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-kinesis-stream-encryption',
    title: 'Kinesis data stream not encrypted at rest',
    description: 'A Kinesis data stream keeps every record for its retention period (24 hours to 365 days). Without `StreamEncryption` (`EncryptionType: KMS`) those records, often events about people and transactions, are stored unencrypted: server-side encryption is not on by default.',
    severity: 'medium',
    messages: {
      missing: 'Stream {{name}} has no `StreamEncryption`, so records are stored unencrypted; set `StreamEncryption: { EncryptionType: KMS, KeyId: alias/aws/kinesis }` (or a customer-managed key).',
      none: 'Stream {{name}} sets `EncryptionType: {{value}}`; set it to `KMS` with a `KeyId`.',
    },
    remediation: 'Set `StreamEncryption: { EncryptionType: KMS, KeyId: <customer-managed key, or alias/aws/kinesis> }`.',
    references: [docs('AWS::Kinesis::Stream'), 'https://docs.aws.amazon.com/streams/latest/dev/server-side-encryption.html'],
    standards: { ...CFN_DATA_STANDARDS, cwe: ['CWE-311'] },
    equivalents: { checkov: ['CKV_AWS_43'], trivy: ['AVD-AWS-0064'], kics: ['7f65be75-90ab-4036-8c2a-410aef7bb650'] },
  }),
  check(ctx) {
    each(ctx, ['AWS::Kinesis::Stream'], (r, t) => {
      const se = entry(r.props, 'StreamEncryption');
      if (!se) return ctx.report({ messageId: 'missing', offsets: typeAt(r), data: { name: r.name } });
      const te = propEntry(resolve(t, se.value), 'EncryptionType');
      const value = te && string(t, te.value);
      if (te && value && value.toUpperCase() === 'NONE') ctx.report({ messageId: 'none', offsets: at(te), data: { name: r.name, value } });
    });
  },
};

const mqPublic: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-mq-broker-public',
    title: 'Amazon MQ broker is publicly accessible',
    description: 'A broker with `PubliclyAccessible: true` gets a public endpoint: its message protocols and web console are reachable from the internet, guarded only by broker user names and passwords. Brokers belong in private subnets, reachable from the applications that use them.',
    severity: 'high',
    messages: { public: 'Broker {{name}} sets `PubliclyAccessible: true`; set it to false and reach the broker from inside the VPC.' },
    remediation: 'Set `PubliclyAccessible: false`, place the broker in private subnets with a security group allowing only the applications that use it.',
    references: [docs('AWS::AmazonMQ::Broker'), 'https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/using-amazon-mq-securely.html'],
    standards: { ...CFN_STANDARDS, cwe: ['CWE-284'] },
    equivalents: { checkov: ['CKV_AWS_69'], trivy: ['AVD-AWS-0072'], kics: ['68b6a789-82f8-4cfd-85de-e95332fe6a61'] },
  }),
  check(ctx) {
    each(ctx, ['AWS::AmazonMQ::Broker'], (r, t) => {
      const e = entry(r.props, 'PubliclyAccessible');
      if (e && bool(t, e.value) === true) ctx.report({ messageId: 'public', offsets: at(e), data: { name: r.name } });
    });
  },
};

// ---------------------------------------------------------------- SageMaker notebooks

const NOTEBOOK = 'AWS::SageMaker::NotebookInstance';

function notebookRule(o: { id: string; title: string; description: string; property: string; what: string; fix: string; remediation: string; ref: string; cwe: string[]; equivalents: Record<string, string[]> }): Rule {
  return {
    meta: cfnMeta({
      id: o.id,
      title: o.title,
      description: o.description,
      severity: 'low',
      messages: {
        missing: `Notebook instance {{name}} does not set \`${o.property}\`, which defaults to \`Enabled\`, so ${o.what}; ${o.fix}`,
        enabled: `Notebook instance {{name}} sets \`${o.property}: Enabled\`, so ${o.what}; ${o.fix}`,
      },
      remediation: o.remediation,
      references: [docs(NOTEBOOK), o.ref],
      standards: { ...CFN_STANDARDS, cwe: o.cwe },
      equivalents: o.equivalents,
    }),
    check(ctx) {
      each(ctx, [NOTEBOOK], (r, t) => {
        const e = entry(r.props, o.property);
        if (!e) return ctx.report({ messageId: 'missing', offsets: typeAt(r), data: { name: r.name } });
        if (string(t, e.value)?.toLowerCase() === 'enabled') ctx.report({ messageId: 'enabled', offsets: at(e), data: { name: r.name } });
      });
    },
  };
}

const notebookInternet = notebookRule({
  id: 'iac/cfn-sagemaker-notebook-internet',
  title: 'SageMaker notebook has direct internet access',
  description: 'Notebook instances get direct internet access unless `DirectInternetAccess` is `Disabled`. Their traffic then bypasses the VPC\'s controls: data can be sent anywhere and code pulled from anywhere. With direct access disabled (which needs a `SubnetId`), traffic goes through the VPC, its endpoints and its egress controls.',
  property: 'DirectInternetAccess',
  what: 'the notebook reaches the internet outside the VPC\'s controls',
  fix: 'set `DirectInternetAccess: Disabled` with a `SubnetId` and `SecurityGroupIds`.',
  remediation: 'Set `DirectInternetAccess: Disabled`, `SubnetId` (a private subnet) and `SecurityGroupIds`, and reach what the notebook needs through VPC endpoints or a NAT gateway with egress filtering.',
  ref: 'https://docs.aws.amazon.com/sagemaker/latest/dg/appendix-notebook-and-internet-access.html',
  cwe: ['CWE-284'],
  equivalents: { checkov: ['CKV_AWS_122'] },
});

const notebookRoot = notebookRule({
  id: 'iac/cfn-sagemaker-notebook-root-access',
  title: 'SageMaker notebook users have root access',
  description: 'Notebook instance users get root access unless `RootAccess` is `Disabled`. As root, anyone using the notebook can change its software and security settings, install tools and read every file on the instance, which defeats the controls set on it. Lifecycle configurations still run as root when it is disabled.',
  property: 'RootAccess',
  what: 'notebook users are root on the instance',
  fix: 'set `RootAccess: Disabled` (lifecycle configurations still run as root).',
  remediation: 'Set `RootAccess: Disabled` and install what the notebook needs through a lifecycle configuration.',
  ref: 'https://docs.aws.amazon.com/sagemaker/latest/dg/nbi-root-access.html',
  cwe: ['CWE-250'],
  equivalents: { checkov: ['CKV_AWS_307'] },
});

// ---------------------------------------------------------------- API Gateway

/**
 * Method settings that cache responses without encrypting the cache: `CachingEnabled: true` with
 * `CacheDataEncrypted` missing (default false) or false.
 */
function unencryptedCaching(ctx: Ctx, t: Template, holder: DataNode | undefined, name: string): void {
  if (!isMap(holder)) return;
  const ce = entry(holder, 'CachingEnabled');
  if (!ce || bool(t, ce.value) !== true) return;
  const de = entry(holder, 'CacheDataEncrypted');
  if (!de) return ctx.report({ messageId: 'missing', offsets: at(ce), data: { name } });
  if (bool(t, de.value) === false) ctx.report({ messageId: 'false', offsets: at(de), data: { name } });
}

const apiCache: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-apigateway-cache-encryption',
    title: 'API Gateway cache is not encrypted',
    description: 'When a REST API stage caches responses (`CachingEnabled: true` in its method settings, or in a deployment\'s `StageDescription`), the cached responses, which can hold personal data and tokens, are stored unencrypted unless `CacheDataEncrypted` is true; it defaults to false. `AWS::ApiGateway::Stage`, `AWS::ApiGateway::Deployment` and SAM `AWS::Serverless::Api` method settings are checked.',
    severity: 'medium',
    messages: {
      missing: '{{name}} enables caching (`CachingEnabled: true`) without `CacheDataEncrypted` (default false); set `CacheDataEncrypted: true` next to it.',
      false: '{{name}} enables caching with `CacheDataEncrypted: false`; set it to true.',
    },
    remediation: 'Set `CacheDataEncrypted: true` in every method setting (and `StageDescription`) that sets `CachingEnabled: true`.',
    references: [docs('AWS::ApiGateway::Stage'), 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html'],
    standards: { ...CFN_DATA_STANDARDS, cwe: ['CWE-311'] },
    equivalents: { trivy: ['AVD-AWS-0002'], kics: ['37cca703-b74c-48ba-ac81-595b53398e9b'] },
  }),
  check(ctx) {
    each(ctx, ['AWS::ApiGateway::Stage', 'AWS::Serverless::Api'], (r, t) => {
      for (const m of maps(t, get(r.props, 'MethodSettings'))) unencryptedCaching(ctx, t, m, `${r.type === 'AWS::Serverless::Api' ? 'Serverless API' : 'Stage'} ${r.name}'s method setting`);
    });
    each(ctx, ['AWS::ApiGateway::Deployment'], (r, t) => {
      const sd = resolve(t, get(r.props, 'StageDescription'));
      unencryptedCaching(ctx, t, sd, `Deployment ${r.name}'s StageDescription`);
      for (const m of maps(t, get(sd, 'MethodSettings'))) unencryptedCaching(ctx, t, m, `Deployment ${r.name}'s method setting`);
    });
  },
};

/** Report `DataTraceEnabled: true` in one method or route setting. */
function dataTrace(ctx: RuleContext, t: Template, holder: DataNode | undefined, name: string): void {
  const e = isMap(holder) ? entry(holder, 'DataTraceEnabled') : undefined;
  if (e && bool(t, e.value) === true) ctx.report({ messageId: 'enabled', offsets: at(e), data: { name } });
}

const apiDataTrace: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-apigateway-data-trace',
    title: 'API Gateway logs full requests and responses (data trace)',
    description: 'Data trace (`DataTraceEnabled: true`, "Log full requests/responses data" in the console) writes whole request and response bodies and headers to CloudWatch Logs: personal data, form submissions and tokens end up in logs that are kept, widely readable and outside the service\'s data retention. AWS recommends not enabling it for production APIs. Method settings of `AWS::ApiGateway::Stage`, SAM `AWS::Serverless::Api` and a deployment\'s `StageDescription`, and the route settings of `AWS::ApiGatewayV2::Stage`, are checked.',
    severity: 'low',
    messages: {
      enabled: '{{name}} sets `DataTraceEnabled: true`, which logs full request and response bodies (personal data, tokens) to CloudWatch; turn it off outside short troubleshooting and use access logging with chosen fields.',
    },
    remediation: 'Remove `DataTraceEnabled` (default false) or set it to false; keep `LoggingLevel: ERROR` or `INFO` for execution logs and use access logs for auditing.',
    references: ['https://docs.aws.amazon.com/apigateway/latest/api/API_MethodSetting.html', 'https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html', docs('AWS::ApiGateway::Stage')],
    standards: { ...CFN_DATA_STANDARDS, cwe: ['CWE-532'] },
  }),
  check(ctx) {
    each(ctx, ['AWS::ApiGateway::Stage', 'AWS::Serverless::Api'], (r, t) => {
      for (const m of maps(t, get(r.props, 'MethodSettings'))) dataTrace(ctx, t, m, `${r.type === 'AWS::Serverless::Api' ? 'Serverless API' : 'Stage'} ${r.name}'s method setting`);
    });
    each(ctx, ['AWS::ApiGateway::Deployment'], (r, t) => {
      const sd = resolve(t, get(r.props, 'StageDescription'));
      dataTrace(ctx, t, sd, `Deployment ${r.name}'s StageDescription`);
      for (const m of maps(t, get(sd, 'MethodSettings'))) dataTrace(ctx, t, m, `Deployment ${r.name}'s method setting`);
    });
    each(ctx, ['AWS::ApiGatewayV2::Stage'], (r, t) => {
      dataTrace(ctx, t, resolve(t, get(r.props, 'DefaultRouteSettings')), `Stage ${r.name}'s DefaultRouteSettings`);
      const routes = resolve(t, get(r.props, 'RouteSettings'));
      if (isMap(routes)) for (const e of routes.entries) dataTrace(ctx, t, resolve(t, e.value), `Stage ${r.name}'s route setting ${String(e.key.value)}`);
    });
  },
};

const apiDomainTls: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-apigateway-domain-tls',
    title: 'API Gateway custom domain allows TLS 1.0',
    description: 'A custom domain with `SecurityPolicy: TLS_1_0` accepts TLS 1.0 and 1.1, deprecated by RFC 8996 and open to downgrade attacks; NCSC guidance is TLS 1.2 or later. `TLS_1_2` (or a TLS 1.3 enhanced policy) limits clients to current protocols. `AWS::ApiGateway::DomainName`, `AWS::ApiGatewayV2::DomainName` and the `Domain` of SAM APIs are checked; only an explicit `TLS_1_0` is reported.',
    severity: 'medium',
    messages: { old: '{{name}} sets `SecurityPolicy: {{value}}`, which accepts TLS 1.0 and 1.1; set `SecurityPolicy: TLS_1_2`.' },
    remediation: 'Set `SecurityPolicy: TLS_1_2` (or a `SecurityPolicy_TLS13_*` enhanced policy) on the custom domain.',
    references: [docs('AWS::ApiGateway::DomainName'), 'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html', 'https://www.ncsc.gov.uk/guidance/using-tls-to-protect-data'],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['8'], caf: ['B3'], cwe: ['CWE-326', 'CWE-327'] },
    equivalents: { checkov: ['CKV_AWS_206'], trivy: ['AVD-AWS-0005'] },
  }),
  check(ctx) {
    const judge = (t: Template, holder: DataNode | undefined, name: string): void => {
      const e = propEntry(holder, 'SecurityPolicy');
      const value = e && string(t, e.value);
      if (e && value && value.trim().toUpperCase() === 'TLS_1_0') ctx.report({ messageId: 'old', offsets: at(e), data: { name, value } });
    };
    each(ctx, ['AWS::ApiGateway::DomainName'], (r, t) => judge(t, r.props, `Domain name ${r.name}`));
    each(ctx, ['AWS::ApiGatewayV2::DomainName'], (r, t) => {
      for (const c of maps(t, get(r.props, 'DomainNameConfigurations'))) judge(t, c, `Domain name ${r.name}`);
    });
    each(ctx, ['AWS::Serverless::Api', 'AWS::Serverless::HttpApi'], (r, t) => judge(t, resolve(t, get(r.props, 'Domain')), `Serverless API ${r.name}'s Domain`));
  },
};

// ---------------------------------------------------------------- CodeBuild, CloudWatch Logs

const codebuild: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-codebuild-artifact-encryption',
    title: 'CodeBuild project disables artifact encryption',
    description: 'CodeBuild encrypts build output with the project\'s KMS key unless the artifacts set `EncryptionDisabled: true`. Build artifacts (packages, compiled code, sometimes configuration and secrets baked into them) are then stored unencrypted in S3.',
    severity: 'medium',
    messages: { disabled: 'CodeBuild project {{name}} sets `EncryptionDisabled: true` on its {{which}}, so they are stored unencrypted; remove it (or set it to false).' },
    remediation: 'Remove `EncryptionDisabled` (or set it to false) in `Artifacts` and `SecondaryArtifacts`; set `EncryptionKey` to a customer-managed KMS key if you need one.',
    references: [docs('AWS::CodeBuild::Project'), 'https://docs.aws.amazon.com/codebuild/latest/userguide/security-encryption.html'],
    standards: { ...CFN_DATA_STANDARDS, cwe: ['CWE-311'] },
    equivalents: { checkov: ['CKV_AWS_78'], trivy: ['AVD-AWS-0018'] },
  }),
  check(ctx) {
    each(ctx, ['AWS::CodeBuild::Project'], (r, t) => {
      const holders: [DataNode | undefined, string][] = [[resolve(t, get(r.props, 'Artifacts')), 'artifacts'], ...maps(t, get(r.props, 'SecondaryArtifacts')).map((m): [DataNode, string] => [m, 'secondary artifacts'])];
      for (const [h, which] of holders) {
        const e: DataEntry | undefined = propEntry(h, 'EncryptionDisabled');
        if (e && bool(t, e.value) === true) ctx.report({ messageId: 'disabled', offsets: at(e), data: { name: r.name, which } });
      }
    });
  },
};

const logGroupKms: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-cloudwatch-log-group-kms',
    title: 'CloudWatch log group not encrypted with a customer-managed KMS key',
    description: 'CloudWatch Logs always encrypts log data, by default with a key AWS manages for the service. Logs often capture personal data, tokens and request bodies; a customer-managed KMS key (`KmsKeyId`) puts reading them under a key policy you control and audit, and lets you revoke access by disabling the key.',
    severity: 'low',
    messages: { missing: 'Log group {{name}} has no `KmsKeyId`, so it is encrypted only with the service-managed key; set `KmsKeyId` to a customer-managed key whose policy allows `logs.<region>.amazonaws.com`.' },
    remediation: 'Create a customer-managed KMS key whose key policy allows the CloudWatch Logs service principal, and set `KmsKeyId: !GetAtt LogKey.Arn` on the log group.',
    references: [docs('AWS::Logs::LogGroup'), 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html'],
    standards: { ...CFN_LOGGING_STANDARDS, sbd: ['5', '8'], caf: ['B3', 'C1'], cwe: ['CWE-311'] },
    equivalents: { checkov: ['CKV_AWS_158'], trivy: ['AVD-AWS-0017'] },
  }),
  check(ctx) {
    each(ctx, ['AWS::Logs::LogGroup'], (r, t) => {
      const e = entry(r.props, 'KmsKeyId');
      if (!e) return ctx.report({ messageId: 'missing', offsets: typeAt(r), data: { name: r.name } });
      if (string(t, e.value)?.trim() === '') ctx.report({ messageId: 'missing', offsets: at(e), data: { name: r.name } });
    });
  },
};

// ---------------------------------------------------------------- DMS, DAX, WorkSpaces, RDS Performance Insights

const dmsPublic: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-dms-replication-instance-public',
    title: 'DMS replication instance is publicly accessible',
    description: 'A Database Migration Service replication instance connects to the source and target databases and holds the data it moves. `PubliclyAccessible` defaults to true, giving it a public IP address reachable from the internet wherever its security group allows. Replication instances belong in private subnets.',
    severity: 'high',
    messages: {
      missing: 'Replication instance {{name}} does not set `PubliclyAccessible`, which defaults to true, so it gets a public IP address; set `PubliclyAccessible: false`.',
      public: 'Replication instance {{name}} sets `PubliclyAccessible: true`; set it to false and keep it in private subnets.',
    },
    remediation: 'Set `PubliclyAccessible: false` and place the instance in private subnets (`ReplicationSubnetGroupIdentifier`), reaching on-premises databases through a VPN or Direct Connect.',
    references: [docs('AWS::DMS::ReplicationInstance'), 'https://docs.aws.amazon.com/dms/latest/userguide/CHAP_ReplicationInstance.PublicPrivate.html'],
    standards: { ...CFN_STANDARDS, cwe: ['CWE-284'] },
    equivalents: { checkov: ['CKV_AWS_89'], kics: ['5864fb39-d719-4182-80e2-89dbe627be63'] },
  }),
  check(ctx) {
    each(ctx, ['AWS::DMS::ReplicationInstance'], (r, t) => {
      const e = entry(r.props, 'PubliclyAccessible');
      if (!e) return ctx.report({ messageId: 'missing', offsets: typeAt(r), data: { name: r.name } });
      if (bool(t, e.value) === true) ctx.report({ messageId: 'public', offsets: at(e), data: { name: r.name } });
    });
  },
};

const dax = requireTrue({
  id: 'iac/cfn-dax-encryption',
  title: 'DAX cluster not encrypted at rest',
  description: 'A DynamoDB Accelerator (DAX) cluster caches table items, often personal data, on its nodes. Encryption at rest is off unless `SSESpecification.SSEEnabled` is true, and it can only be chosen when the cluster is created.',
  severity: 'medium',
  types: ['AWS::DAX::Cluster'],
  path: ['SSESpecification', 'SSEEnabled'],
  what: 'encryption at rest',
  remediation: 'Set `SSESpecification: { SSEEnabled: true }` (and `ClusterEndpointEncryptionType: TLS` for encryption in transit); an existing cluster must be replaced.',
  references: [docs('AWS::DAX::Cluster'), 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAXEncryptionAtRest.html'],
  cwe: ['CWE-311'],
  equivalents: { checkov: ['CKV_AWS_47'], trivy: ['AVD-AWS-0023'], kics: ['e5849a68-bdbe-4b70-97c6-6901f39f8094'] },
});

const workspaces: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-workspaces-volume-encryption',
    title: 'WorkSpaces volume not encrypted',
    description: 'A WorkSpace\'s root volume (the system drive) and user volume (the user\'s profile and documents) are stored unencrypted unless `RootVolumeEncryptionEnabled` and `UserVolumeEncryptionEnabled` are true; both default to false and can only be set when the WorkSpace is created. Desktops hold whatever their users work on, personal data included.',
    severity: 'medium',
    messages: {
      missing: 'WorkSpace {{name}} does not set `{{property}}` (default false), so volume encryption is off; set each to true with a `VolumeEncryptionKey`.',
      false: 'WorkSpace {{name}} sets `{{property}}: false`; set it to true with a `VolumeEncryptionKey`.',
    },
    remediation: 'Set `RootVolumeEncryptionEnabled: true`, `UserVolumeEncryptionEnabled: true` and `VolumeEncryptionKey` (a symmetric KMS key); existing WorkSpaces must be rebuilt.',
    references: [docs('AWS::WorkSpaces::Workspace'), 'https://docs.aws.amazon.com/workspaces/latest/adminguide/encrypt-workspaces.html'],
    standards: { ...CFN_DATA_STANDARDS, cwe: ['CWE-311'] },
    equivalents: { checkov: ['CKV_AWS_156', 'CKV_AWS_155'], trivy: ['AVD-AWS-0109'] },
  }),
  check(ctx) {
    each(ctx, ['AWS::WorkSpaces::Workspace'], (r, t) => {
      const missing: string[] = [];
      for (const property of ['RootVolumeEncryptionEnabled', 'UserVolumeEncryptionEnabled']) {
        const e = entry(r.props, property);
        if (!e) missing.push(property);
        else if (bool(t, e.value) === false) ctx.report({ messageId: 'false', offsets: at(e), data: { name: r.name, property } });
      }
      if (missing.length) ctx.report({ messageId: 'missing', offsets: typeAt(r), data: { name: r.name, property: missing.join('` and `') } });
    });
  },
};

const performanceInsights: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-rds-performance-insights-kms',
    title: 'RDS Performance Insights not encrypted with a customer-managed key',
    description: 'Performance Insights stores samples of the database\'s load, including the text of the SQL statements run, which can contain personal data written into queries. With Performance Insights on (`EnablePerformanceInsights: true` on a DB instance, `PerformanceInsightsEnabled: true` on a Multi-AZ DB cluster) and no key (`PerformanceInsightsKMSKeyId` on an instance, `PerformanceInsightsKmsKeyId` on a cluster) that data is encrypted with the AWS-managed `aws/rds` key, whose use you cannot restrict or revoke; the key cannot be changed once set.',
    severity: 'low',
    messages: { missing: '{{type}} {{name}} enables Performance Insights without `{{key}}`, so its data uses the AWS-managed `aws/rds` key; set `{{key}}` to a customer-managed key.' },
    remediation: 'Set `PerformanceInsightsKMSKeyId` (DB instance) or `PerformanceInsightsKmsKeyId` (DB cluster) to a customer-managed KMS key (ARN) when enabling Performance Insights.',
    references: [docs('AWS::RDS::DBInstance'), docs('AWS::RDS::DBCluster'), 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PerfInsights.access-control.cmk-policy.html'],
    standards: { ...CFN_DATA_STANDARDS, cwe: ['CWE-311'] },
    equivalents: { checkov: ['CKV_AWS_354'], trivy: ['AVD-AWS-0078'] },
  }),
  check(ctx) {
    // the resource specification spells both properties differently on instances and clusters
    each(ctx, ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'], (r, t) => {
      const instance = r.type === 'AWS::RDS::DBInstance';
      const key = instance ? 'PerformanceInsightsKMSKeyId' : 'PerformanceInsightsKmsKeyId';
      const e = entry(r.props, instance ? 'EnablePerformanceInsights' : 'PerformanceInsightsEnabled');
      if (!e || bool(t, e.value) !== true || get(r.props, key)) return;
      ctx.report({ messageId: 'missing', offsets: at(e), data: { type: instance ? 'DB instance' : 'DB cluster', name: r.name, key } });
    });
  },
};

// ---------------------------------------------------------------- passwords in resource properties

/** Password and token properties by resource type, as property paths (`[]` steps into every item of a list). */
const PASSWORD_PROPERTIES: Record<string, string[][]> = {
  'AWS::RDS::DBInstance': [['MasterUserPassword']],
  'AWS::RDS::DBCluster': [['MasterUserPassword']],
  'AWS::DocDB::DBCluster': [['MasterUserPassword']],
  'AWS::DocDBElastic::Cluster': [['AdminUserPassword']],
  'AWS::Redshift::Cluster': [['MasterUserPassword']],
  'AWS::RedshiftServerless::Namespace': [['AdminUserPassword']],
  'AWS::ElastiCache::ReplicationGroup': [['AuthToken']],
  'AWS::AmazonMQ::Broker': [['Users', '[]', 'Password']],
  'AWS::DMS::Endpoint': [['Password']],
  'AWS::DirectoryService::MicrosoftAD': [['Password']],
  'AWS::DirectoryService::SimpleAD': [['Password']],
  'AWS::OpenSearchService::Domain': [['AdvancedSecurityOptions', 'MasterUserOptions', 'MasterUserPassword']],
  'AWS::Elasticsearch::Domain': [['AdvancedSecurityOptions', 'MasterUserOptions', 'MasterUserPassword']],
  'AWS::Amplify::App': [['BasicAuthConfig', 'Password'], ['AccessToken'], ['OauthToken']],
  'AWS::Amplify::Branch': [['BasicAuthConfig', 'Password']],
};

/** Entries at a property path; unknown steps (intrinsics) end the walk silently. */
function entriesAt(t: Template, node: DataNode | undefined, path: string[]): DataEntry[] {
  const [step, ...rest] = path;
  if (step === undefined) return [];
  if (step === '[]') return maps(t, node).flatMap((i) => entriesAt(t, i, rest));
  const n = resolve(t, node);
  const e = isMap(n) ? entry(n, step) : undefined;
  if (!e) return [];
  return rest.length ? entriesAt(t, e.value, rest) : [e];
}

const TEMPLATE_PLACEHOLDER = /^(\$\{[^}]*\}|\{\{[^}]*\}\}|<[^>]*>|%[^%]+%|__[A-Z0-9_]+__)$/;

const resourcePassword: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-resource-password-literal',
    title: 'Password or token written into a resource property',
    description: 'A literal database master password (`MasterUserPassword`, `AdminUserPassword`), Redis `AuthToken`, broker user, DMS endpoint or directory password, OpenSearch master user password or Amplify token sits in the template, in version control and in the stack\'s stored template, readable by anyone with `cloudformation:GetTemplate`. Anyone who reads it can sign in to the service. Values passed as parameters, built with intrinsic functions, or resolved with a dynamic reference (`{{resolve:secretsmanager:…}}`) are not reported, nor are placeholders for a templating step (`${…}`, `{{…}}`, `<…>`).',
    severity: 'high',
    messages: { literal: '{{type}} {{name}} sets `{{property}}` to a literal value; generate it in Secrets Manager and use a dynamic reference (`{{resolve:secretsmanager:…}}`), or let the service manage it (`ManageMasterUserPassword: true` for RDS), and change the exposed password.' },
    remediation: 'Create the secret with `AWS::SecretsManager::Secret` (`GenerateSecretString`) and reference it with `{{resolve:secretsmanager:<secret>:SecretString:password}}`; for RDS and Redshift prefer `ManageMasterUserPassword: true`. Rotate the committed value.',
    references: ['https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/security-best-practices.html#creds', 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-secretsmanager.html', docs('AWS::RDS::DBInstance')],
    standards: { ...CFN_DATA_STANDARDS, caf: ['B2', 'B3'], cwe: ['CWE-798', 'CWE-259'] },
    equivalents: { kics: ['71493c8b-3014-404c-9802-078b74496fb7'] },
  }),
  check(ctx) {
    each(ctx, Object.keys(PASSWORD_PROPERTIES), (r, t) => {
      for (const path of PASSWORD_PROPERTIES[r.type] ?? []) {
        for (const e of entriesAt(t, r.props, path)) {
          if (!isScalar(e.value) || e.value.tag || (typeof e.value.value !== 'string' && typeof e.value.value !== 'number')) continue; // parameters, intrinsics
          const value = String(e.value.value).trim();
          if (!value || value.includes('{{resolve:') || TEMPLATE_PLACEHOLDER.test(value)) continue;
          ctx.report({ messageId: 'literal', offsets: at(e), data: { type: r.type.replace(/^AWS::/, ''), name: r.name, property: path.filter((p) => p !== '[]').join('.') }, secrets: [value] });
        }
      }
    });
  },
};

// ---------------------------------------------------------------- EKS managed node groups

const nodegroupSsh: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-eks-nodegroup-ssh-open',
    title: 'EKS node group opens SSH to the internet',
    description: 'A managed node group with `RemoteAccess.Ec2SshKey` and no `RemoteAccess.SourceSecurityGroups` gets port 22 opened to `0.0.0.0/0` on its worker nodes by EKS. The nodes are then scanned and brute-forced from the internet, and one leaked key gives a shell on a node running the cluster\'s workloads.',
    severity: 'high',
    messages: { open: 'Node group {{name}} sets `RemoteAccess.Ec2SshKey` without `SourceSecurityGroups`, so EKS opens SSH (port 22) on its nodes to the whole internet; add `SourceSecurityGroups` (a bastion\'s group) or remove remote access and use Session Manager.' },
    remediation: 'Remove `RemoteAccess` and reach nodes with Systems Manager Session Manager, or set `RemoteAccess.SourceSecurityGroups` to the security groups allowed to connect.',
    references: [docs('AWS::EKS::Nodegroup'), 'https://docs.aws.amazon.com/eks/latest/APIReference/API_RemoteAccessConfig.html'],
    standards: { ...CFN_STANDARDS, cwe: ['CWE-284'] },
    equivalents: { checkov: ['CKV_AWS_100'] },
  }),
  check(ctx) {
    each(ctx, ['AWS::EKS::Nodegroup'], (r, t) => {
      const ra = entry(r.props, 'RemoteAccess');
      const m = ra && resolve(t, ra.value);
      if (!ra || !isMap(m) || !get(m, 'Ec2SshKey')) return;
      const sg = entry(m, 'SourceSecurityGroups');
      if (sg) {
        const groups = list(t, sg.value);
        if (groups === undefined || groups.length) return; // unknown, or restricted
      }
      ctx.report({ messageId: 'open', offsets: at(ra), data: { name: r.name } });
    });
  },
};

export const workloadRules: Rule[] = [nodegroupSsh, resourcePassword, publicIp, lambdaPermission, ecsSecrets, ecsPrivileged, ecsEfsTransit, kinesis, mqPublic, notebookInternet, notebookRoot, apiCache, apiDataTrace, apiDomainTls, codebuild, logGroupKms, dmsPublic, dax, workspaces, performanceInsights];
