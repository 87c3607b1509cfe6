import type { Rule } from '../../../src/model/rule.js';
import { coversAllAddresses } from '../cidr.js';
import { entry, get, isMap, isScalar, type DataNode } from '../../../src/parsers/data/tree.js';
import { at, bool, CFN_DATA_STANDARDS, CFN_LOGGING_STANDARDS, CFN_STANDARDS, cfnMeta, docs, each, intrinsic, list, propEntry, resolve, shape, string, templates, typeAt, type Template } from './cfn.js';
import { decodedUserData, userDataSecret } from '../terraform/aws/util.js';

const SECRET_NAME = /(pass(word|wd|phrase)?|secret|token|api[_-]?key|apikey|private[_-]?key|access[_-]?key|client[_-]?secret|credential|auth[_-]?key|signing[_-]?key|encryption[_-]?key|db[_-]?pass|conn(ection)?[_-]?str(ing)?)/i;
const NOT_SECRET_NAME = /(_ARN|_NAME|_ID|_PATH|_PARAM(ETER)?|_URL|_URI|_REGION|_LENGTH|_TTL|_EXPIRY|_FILE|_ENABLED|_ENDPOINT|_KEY_ID|_HEADER|_VERSION)$|^(TOKEN_URL|SECRET_ID)$/i;
/** An AWS access key id is a credential whatever the variable is called (`key1`, `AWS_ACCESS_KEY_ID`). */
const AWS_KEY_ID = /^(AKIA|ASIA)[A-Z0-9]{16}$/;
const PLACEHOLDER = /^(|changeme|change[_-]?me|placeholder|todo|tbd|none|null|undefined|x+|\*+|<[^>]*>|\$\{[^}]*\}|\{\{[^}]*\}\}|true|false|\d{1,5}|dummy|example|test)$/i;

/**
 * True when an environment variable (a Lambda function's, an ECS container's) holds a literal secret:
 * an AWS access key id whatever its name, or a secret-named variable whose value is not a placeholder,
 * an ARN, a parameter path or a dynamic reference.
 */
export function literalSecret(variable: string, raw: string): boolean {
  const value = raw.trim();
  if (AWS_KEY_ID.test(value)) return true;
  if (!SECRET_NAME.test(variable) || NOT_SECRET_NAME.test(variable)) return false;
  if (PLACEHOLDER.test(value) || value.startsWith('{{resolve:') || /^arn:/.test(value) || /^\/[\w/-]+$/.test(value)) return false;
  return value.length >= 6;
}

const lambdaEnvSecrets: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-lambda-env-secrets',
    title: 'Secret written in a Lambda function\'s environment variables',
    description: 'A password, token or key written as a literal in `Environment.Variables` (of a function, or of a SAM template\'s `Globals.Function`) sits in the template, in version control, in the CloudFormation console and in the function\'s configuration, readable by anyone with `lambda:GetFunctionConfiguration`. Secrets belong in Secrets Manager or SSM Parameter Store, read at runtime or resolved with a dynamic reference.',
    severity: 'high',
    messages: {
      literal: 'Function {{name}} sets environment variable `{{variable}}` to a literal secret; store it in Secrets Manager (pass the secret ARN, or use `{{resolve:secretsmanager:…}}`) and rotate the exposed value.',
      globals: 'The SAM `Globals.Function.Environment` section sets `{{variable}}` to a literal secret for every function; store it in Secrets Manager (pass the secret ARN, or use `{{resolve:secretsmanager:…}}`) and rotate the exposed value.',
    },
    remediation: 'Move the value to AWS Secrets Manager or SSM Parameter Store (SecureString), give the function permission to read it, and pass only its name/ARN in the environment; rotate the committed value.',
    references: [docs('AWS::Lambda::Function'), 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html'],
    standards: { ...CFN_DATA_STANDARDS, caf: ['B2', 'B3'], cwe: ['CWE-798', 'CWE-312'] },
    equivalents: { checkov: ['CKV_AWS_45'] },
  }),
  check(ctx) {
    const scan = (vars: DataNode | undefined, messageId: 'literal' | 'globals', name: string): void => {
      if (!isMap(vars)) return;
      for (const e of vars.entries) {
        const variable = String(e.key.value);
        if (!isScalar(e.value) || e.value.tag || typeof e.value.value !== 'string') continue; // intrinsics, numbers
        const value = e.value.value.trim();
        if (literalSecret(variable, value)) ctx.report({ messageId, offsets: [e.key.start, e.value.end], data: { name, variable }, secrets: [value] });
      }
    };
    each(ctx, ['AWS::Lambda::Function', 'AWS::Serverless::Function'], (r) => scan(get(get(r.props, 'Environment'), 'Variables'), 'literal', r.name));
    // SAM copies Globals.Function.Environment.Variables into every AWS::Serverless::Function of the template
    for (const t of templates(ctx)) scan(get(get(get(get(t.root, 'Globals'), 'Function'), 'Environment'), 'Variables'), 'globals', 'Globals.Function');
  },
};

const lambdaUrl: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-lambda-url-auth-none',
    title: 'Lambda function URL has no authentication',
    description: 'A function URL with `AuthType: NONE` lets anyone on the internet invoke the function directly, bypassing API Gateway throttling, WAF and authorisers; every call costs money and runs the code with the function\'s role.',
    severity: 'medium',
    messages: { none: 'Function URL {{name}} has `AuthType: NONE`, so anyone can invoke the function; use `AWS_IAM` (e.g. behind CloudFront with origin access control), or authenticate every request in the code.' },
    remediation: 'Set `AuthType: AWS_IAM` and sign requests (CloudFront OAC for public front-ends), or front the function with API Gateway and an authoriser.',
    references: [docs('AWS::Lambda::Url'), 'https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html'],
    standards: { ...CFN_STANDARDS, caf: ['B2'], cwe: ['CWE-306'] },
    equivalents: { checkov: ['CKV_AWS_258'] },
  }),
  check(ctx) {
    each(ctx, ['AWS::Lambda::Url'], (r, t) => {
      const e = entry(r.props, 'AuthType');
      if (e && string(t, e.value) === 'NONE') ctx.report({ messageId: 'none', offsets: at(e), data: { name: r.name } });
    });
  },
};

const imds: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-ec2-imdsv2',
    title: 'EC2 instance metadata service v1 allowed',
    description: 'IMDSv1 answers any plain HTTP GET to 169.254.169.254, so a server-side request forgery in an application on the instance can read the instance role\'s credentials (the 2019 Capital One breach). Requiring IMDSv2 session tokens (`HttpTokens: required`) blocks this. Launch templates default to `optional` unless the AMI or account says otherwise.',
    severity: 'medium',
    messages: {
      optional: '{{name}} sets `HttpTokens: {{value}}`, allowing IMDSv1; set `MetadataOptions.HttpTokens: required`.',
      missing: '{{name}} does not set `MetadataOptions.HttpTokens`, so instances may allow IMDSv1; set `HttpTokens: required`.',
    },
    remediation: 'Set `MetadataOptions: { HttpTokens: required, HttpPutResponseHopLimit: 1 }` (2 for containers), and set the account default with `aws ec2 modify-instance-metadata-defaults`.',
    references: [docs('AWS::EC2::LaunchTemplate'), 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html'],
    standards: { ...CFN_STANDARDS, cwe: ['CWE-918'] },
    equivalents: { checkov: ['CKV_AWS_79'], trivy: ['AVD-AWS-0028', 'AVD-AWS-0130'] },
  }),
  check(ctx) {
    each(ctx, ['AWS::EC2::LaunchTemplate', 'AWS::EC2::Instance', 'AWS::AutoScaling::LaunchConfiguration'], (r, t) => {
      const base = r.type === 'AWS::EC2::LaunchTemplate' ? resolve(t, get(r.props, 'LaunchTemplateData')) : r.props;
      if (r.type === 'AWS::EC2::LaunchTemplate' && !base) return;
      const mo = entry(base ?? r.props, r.type === 'AWS::AutoScaling::LaunchConfiguration' ? 'MetadataOptions' : 'MetadataOptions');
      const tokens = mo && propEntry(resolve(t, mo.value), 'HttpTokens');
      if (tokens) {
        const v = string(t, tokens.value);
        if (v && v !== 'required') ctx.report({ messageId: 'optional', offsets: at(tokens), data: { name: r.name, value: v } });
        return;
      }
      if (mo && resolve(t, mo.value) === undefined) return;
      if (mo && string(t, get(resolve(t, mo.value), 'HttpEndpoint')) === 'disabled') return;
      // AWS::EC2::Instance only recently gained MetadataOptions; judge it only when the block is present
      if (r.type === 'AWS::EC2::Instance' && !mo) return;
      ctx.report({ messageId: 'missing', offsets: mo ? at(mo) : typeAt(r), data: { name: r.name } });
    });
  },
};

/**
 * The texts EC2 user data can be read as: the template of `Fn::Base64` over a literal, `Fn::Sub` or
 * `Fn::Join` (unknown parts as `${…}`), or a literal, which CloudFormation takes as base64 (decoded too).
 */
function userDataTexts(t: Template, node: DataNode): string[] {
  const fn = intrinsic(node);
  if (fn?.fn === 'Fn::Base64') {
    // `!Base64 text` tags the text itself
    if (fn.arg === node) return isScalar(node) && typeof node.value === 'string' ? [node.value] : [];
    const s = shape(t, fn.arg);
    return s === undefined ? [] : [s];
  }
  const s = shape(t, node);
  if (s === undefined) return [];
  const decoded = decodedUserData(s);
  return decoded === undefined ? [s] : [s, decoded];
}

const userData: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-ec2-user-data-secrets',
    title: 'EC2 user data contains a secret',
    description: 'User data is readable by anyone allowed to describe the instance, launch template or launch configuration, by every process on the instance through the metadata service, and sits in the template and the stack. Keys, passwords and tokens written into it leak through all of those. Parts that are parameters, dynamic references or other intrinsics (`${…}` in `Fn::Sub`) are not reported.',
    severity: 'low',
    messages: { secret: '`UserData` of {{name}} contains {{what}}; fetch secrets at boot from Secrets Manager or SSM Parameter Store with the instance role, and rotate the exposed value.' },
    remediation: 'Store the secret in AWS Secrets Manager or SSM Parameter Store (SecureString) and read it at boot with the instance role (or pass a `{{resolve:ssm-secure:…}}` reference through a parameter); rotate the exposed value.',
    references: [docs('AWS::EC2::Instance'), docs('AWS::EC2::LaunchTemplate'), 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/user-data.html'],
    standards: { ...CFN_DATA_STANDARDS, caf: ['B2', 'B3'], cwe: ['CWE-798', 'CWE-312'] },
    equivalents: { checkov: ['CKV_AWS_46'], trivy: ['AVD-AWS-0029', 'AVD-AWS-0129'] },
  }),
  check(ctx) {
    each(ctx, ['AWS::EC2::Instance', 'AWS::EC2::LaunchTemplate', 'AWS::AutoScaling::LaunchConfiguration'], (r, t) => {
      const e = r.type === 'AWS::EC2::LaunchTemplate' ? propEntry(resolve(t, get(r.props, 'LaunchTemplateData')), 'UserData') : entry(r.props, 'UserData');
      const found = e && userDataSecret(userDataTexts(t, e.value));
      if (e && found) ctx.report({ messageId: 'secret', offsets: at(e), data: { name: r.name, what: found.what }, secrets: [found.secret] });
    });
  },
};

/** A registry scanning configuration in the template with a rule whose repository filter is `*` scans every repository. */
function registryScansAll(t: Template): boolean {
  return t.resources.some((r) => r.type === 'AWS::ECR::RegistryScanningConfiguration' && (list(t, get(r.props, 'Rules')) ?? []).some((rule) =>
    (list(t, get(resolve(t, rule), 'RepositoryFilters')) ?? []).some((f) => string(t, get(resolve(t, f), 'Filter')) === '*')));
}

const ecrScan: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-ecr-scan-on-push',
    title: 'ECR repository does not scan images on push',
    description: 'Scanning on push finds known vulnerabilities (CVEs) in an image\'s operating system packages as soon as it is pushed, before it is deployed. Without it (or registry-level enhanced scanning with Inspector) vulnerable images ship unnoticed. Repositories are not reported when the template holds an `AWS::ECR::RegistryScanningConfiguration` with a rule whose repository filter is `*`, which scans every repository whatever its own setting.',
    severity: 'low',
    messages: {
      missing: 'Repository {{name}} does not enable `ImageScanningConfiguration.ScanOnPush`; set it to true (or enable registry-level enhanced scanning).',
      false: 'Repository {{name}} sets `ScanOnPush: false`; set it to true.',
      case: 'Repository {{name}} writes `{{key}}`, which is not the property `ScanOnPush` (CloudFormation property names are case-sensitive and the resource schema rejects the key), so scanning on push is not enabled; rename it to `ScanOnPush: true`.',
    },
    remediation: 'Set `ImageScanningConfiguration: { ScanOnPush: true }`, or configure enhanced scanning (Amazon Inspector) for the registry.',
    references: [docs('AWS::ECR::Repository'), 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html'],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['9'], caf: ['B4'], cwe: ['CWE-1104'] },
    equivalents: { checkov: ['CKV_AWS_163'], trivy: ['AVD-AWS-0030'] },
  }),
  check(ctx) {
    each(ctx, ['AWS::ECR::Repository'], (r, t) => {
      if (registryScansAll(t)) return;
      const isc = entry(r.props, 'ImageScanningConfiguration');
      const e = isc && propEntry(resolve(t, isc.value), 'ScanOnPush');
      // the pre-2021 documented spelling `scanOnPush`: the stack no longer deploys with it
      const iscMap = isc && resolve(t, isc.value);
      const miscased = !e && isMap(iscMap) ? iscMap.entries.find((x) => String(x.key.value) !== 'ScanOnPush' && String(x.key.value).toLowerCase() === 'scanonpush') : undefined;
      if (miscased) return ctx.report({ messageId: 'case', offsets: at(miscased), data: { name: r.name, key: String(miscased.key.value) } });
      if (!isc || (!e && resolve(t, isc.value) !== undefined)) return ctx.report({ messageId: 'missing', offsets: isc ? at(isc) : typeAt(r), data: { name: r.name } });
      if (e && bool(t, e.value) === false) ctx.report({ messageId: 'false', offsets: at(e), data: { name: r.name } });
    });
  },
};

const ecrMutable: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-ecr-tag-immutability',
    title: 'ECR repository allows image tags to be overwritten',
    description: 'With mutable tags, pushing an image under an existing tag (`v1.4.2`, `prod`) silently replaces what deployments pull. A mistaken or malicious push then changes production without a new version. Immutable tags make every tag refer to one image for ever.',
    severity: 'low',
    messages: {
      missing: 'Repository {{name}} does not set `ImageTagMutability` (default `MUTABLE`); set `IMMUTABLE`.',
      mutable: 'Repository {{name}} sets `ImageTagMutability: {{value}}`; set `IMMUTABLE` (or deploy by digest).',
    },
    remediation: 'Set `ImageTagMutability: IMMUTABLE` (or `IMMUTABLE_WITH_EXCLUSION` for a `latest`-style moving tag) and deploy images by digest.',
    references: [docs('AWS::ECR::Repository'), 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html'],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['10'], caf: ['B4'], cwe: ['CWE-494'] },
    equivalents: { checkov: ['CKV_AWS_51'], trivy: ['AVD-AWS-0031'], kics: ['33f41d31-86b1-46a4-81f7-9c9a671f59ac'] },
  }),
  check(ctx) {
    each(ctx, ['AWS::ECR::Repository'], (r, t) => {
      const e = entry(r.props, 'ImageTagMutability');
      if (!e) return ctx.report({ messageId: 'missing', offsets: typeAt(r), data: { name: r.name } });
      const v = string(t, e.value);
      if (v === 'MUTABLE' || v === 'MUTABLE_WITH_EXCLUSION') ctx.report({ messageId: 'mutable', offsets: at(e), data: { name: r.name, value: v } });
    });
  },
};

const eks: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-eks-public-endpoint',
    title: 'EKS API server endpoint open to the internet',
    description: 'An EKS cluster\'s Kubernetes API endpoint is public by default and, without `PublicAccessCidrs`, reachable from any address. Anyone can then probe it and try leaked kubeconfig credentials or API-server vulnerabilities. A private endpoint (or a public one restricted to known CIDRs) shrinks that attack surface.',
    severity: 'medium',
    messages: { public: 'Cluster {{name}} exposes its API endpoint publicly {{how}}; set `ResourcesVpcConfig.EndpointPublicAccess: false` with `EndpointPrivateAccess: true`, or restrict `PublicAccessCidrs` to known ranges.' },
    remediation: 'Set `EndpointPrivateAccess: true` and `EndpointPublicAccess: false`, reaching the API through a VPN or bastion; if public access is needed, set `PublicAccessCidrs` to your office/VPN ranges.',
    references: [docs('AWS::EKS::Cluster'), 'https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html'],
    standards: { ...CFN_STANDARDS, cwe: ['CWE-284'] },
    equivalents: { checkov: ['CKV_AWS_39', 'CKV_AWS_38'] },
  }),
  check(ctx) {
    each(ctx, ['AWS::EKS::Cluster'], (r, t) => {
      const vpcE = entry(r.props, 'ResourcesVpcConfig');
      const vpc = vpcE && resolve(t, vpcE.value);
      if (!vpcE || !isMap(vpc)) return;
      const pub = entry(vpc, 'EndpointPublicAccess');
      const pubV = pub ? bool(t, pub.value) : true;
      if (pubV !== true) return;
      const cidrsE = entry(vpc, 'PublicAccessCidrs');
      const cidrs = cidrsE ? list(t, cidrsE.value) : [];
      if (cidrs === undefined || cidrs.some((c) => intrinsic(c))) return;
      const open = !cidrsE || cidrs.some((c) => coversAllAddresses(string(t, c) ?? ''));
      if (!open) return;
      const where = cidrsE ? at(cidrsE) : pub ? at(pub) : at(vpcE);
      ctx.report({ messageId: 'public', offsets: where, data: { name: r.name, how: cidrsE ? 'to every address (`0.0.0.0/0`)' : 'with no `PublicAccessCidrs` (any address)' } });
    });
  },
};

const TRAIL = 'AWS::CloudTrail::Trail';
function trailRule(id: string, title: string, property: string, description: string, fix: string, equivalents: Record<string, string[]>, cwe: string[], severity: 'medium' | 'low'): Rule {
  const bool_ = property !== 'KMSKeyId';
  return {
    meta: cfnMeta({
      id,
      title,
      description,
      severity,
      messages: bool_
        ? { missing: 'Trail {{name}} does not set `' + property + '` (default false); ' + fix, false: 'Trail {{name}} sets `' + property + ': false`; ' + fix }
        : { missing: 'Trail {{name}} has no `KMSKeyId`, so log files use SSE-S3 only; ' + fix, empty: 'Trail {{name}} sets `KMSKeyId` to an empty string, so log files use SSE-S3 only; ' + fix },
      remediation: fix,
      references: [docs(TRAIL), 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/best-practices-security.html'],
      standards: { ...CFN_LOGGING_STANDARDS, cwe },
      equivalents,
    }),
    check(ctx) {
      each(ctx, [TRAIL], (r, t) => {
        const e = entry(r.props, property);
        if (!e) return ctx.report({ messageId: 'missing', offsets: typeAt(r), data: { name: r.name } });
        if (bool_ && bool(t, e.value) === false) ctx.report({ messageId: 'false', offsets: at(e), data: { name: r.name } });
        if (!bool_ && string(t, e.value)?.trim() === '') ctx.report({ messageId: 'empty', offsets: at(e), data: { name: r.name } });
      });
    },
  };
}

const trailMulti = trailRule('iac/cfn-cloudtrail-multi-region', 'CloudTrail trail records only one region', 'IsMultiRegionTrail', 'A single-region trail misses API activity in every other region, exactly where an attacker with stolen credentials launches resources or hides activity. A multi-region trail records all regions, including ones enabled later.', 'set `IsMultiRegionTrail: true`.', { checkov: ['CKV_AWS_67'], trivy: ['AVD-AWS-0014'], kics: ['058ac855-989f-4378-ba4d-52d004020da7'] }, ['CWE-778'], 'medium');
const trailValidation = trailRule('iac/cfn-cloudtrail-log-validation', 'CloudTrail log file validation disabled', 'EnableLogFileValidation', 'Log file integrity validation writes signed digest files, so you can prove CloudTrail logs were not modified or deleted after delivery. Without it, an intruder who reaches the log bucket can cover their tracks undetected.', 'set `EnableLogFileValidation: true`.', { checkov: ['CKV_AWS_36'], trivy: ['AVD-AWS-0016'], kics: ['2a3560fe-52ca-4443-b34f-bf0ed5eb74c8'] }, ['CWE-354'], 'medium');
const trailKms = trailRule('iac/cfn-cloudtrail-kms', 'CloudTrail logs not encrypted with a KMS key', 'KMSKeyId', 'CloudTrail logs describe everything done in the account. Encrypting them with a customer-managed KMS key (SSE-KMS) adds a second control: reading them needs both S3 and KMS permissions, and every decryption is itself logged.', 'set `KMSKeyId` to a customer-managed key whose policy allows CloudTrail to encrypt.', { checkov: ['CKV_AWS_35'], trivy: ['AVD-AWS-0015'], kics: ['050a9ba8-d1cb-4c61-a5e8-8805a70d3b85'] }, ['CWE-311'], 'low');

export const computeRules: Rule[] = [lambdaEnvSecrets, lambdaUrl, imds, userData, ecrScan, ecrMutable, eks, trailMulti, trailValidation, trailKms];
