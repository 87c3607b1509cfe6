import type { Rule, RuleContext } from '../../../../src/model/rule.js';
import { asNumber, asString, type AttrResult, type ResourceInstance } from '../../../../src/terraform/index.js';
import { awsRule, docFromDataSource, isSet, policyAttr, reportPublicAllows, reportStatement, type AwsReporter, type Statement } from './util.js';

const POLICY_RESOURCES = ['aws_iam_policy', 'aws_iam_role_policy', 'aws_iam_user_policy', 'aws_iam_group_policy', 'aws_iam_role', 'aws_ssoadmin_permission_set_inline_policy'];
/** The attribute holding the JSON policy, where it is not `policy`. */
const POLICY_ATTR: Record<string, string> = { aws_ssoadmin_permission_set_inline_policy: 'inline_policy' };
const IAM_REF = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege';

/**
 * Identity-policy statements written in this file: JSON policies of IAM resources (inline role
 * policies included), the inline policy of an IAM Identity Center permission set (applied to every
 * account the permission set is assigned to) and `data "aws_iam_policy_document"` statements. Statements with a Principal
 * belong to resource or trust policies and are left out, unless the document is attached to an identity
 * policy resource; policies built from a policy document data source are judged at the data source.
 */
function identityStatements(inst: ResourceInstance): { s: Statement; policy?: AttrResult }[] {
  const out: { s: Statement; policy?: AttrResult }[] = [];
  const add = (stmts: Statement[], policy?: AttrResult, anyPrincipal = false) => {
    for (const s of stmts) if (anyPrincipal || (!s.principals && !s.notPrincipals)) out.push({ s, policy });
  };
  if (inst.mode === 'data') {
    add(docFromDataSource(inst).statements, undefined, attachedToIdentity(inst));
    return out;
  }
  const holders = inst.resourceType === 'aws_iam_role' ? inst.blocks('inline_policy') : [inst];
  for (const h of holders) {
    const p = policyAttr(h, POLICY_ATTR[inst.resourceType] ?? 'policy');
    if (p) add(p.doc.statements.filter((s) => !s.block), p.attr);
  }
  return out;
}

/**
 * Is this policy document the `policy` of an IAM identity policy resource in the configuration? Then it
 * is an identity policy: a `principals` block in it is a mistake (IAM rejects it), not a narrowing of
 * whom the statement applies to, so every statement is judged as a grant to the identity.
 */
function attachedToIdentity(doc: ResourceInstance): boolean {
  return POLICY_RESOURCES.some((t) => t !== 'aws_iam_role' && doc.module.findReferencing(t, POLICY_ATTR[t] ?? 'policy', doc).length > 0);
}

/** Does an action pattern from a policy (`iam:Put*`) match an action name? Case-insensitive. */
export function actionMatches(pattern: string, action: string): boolean {
  const re = new RegExp('^' + pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$', 'i');
  return re.test(action);
}

function iamPolicyRule(spec: {
  name: string;
  title: string;
  description: string;
  severity: 'critical' | 'high' | 'medium' | 'low';
  messages: Record<string, string>;
  remediation: string;
  equivalents: Rule['meta']['equivalents'];
  cwe: string[];
  judge: (s: Statement) => { messageId: string; where: 'actions' | 'resources' | 'statement'; data: Record<string, string> } | undefined;
}): Rule {
  return awsRule({
    name: spec.name,
    title: spec.title,
    description: spec.description,
    severity: spec.severity,
    messages: spec.messages,
    remediation: spec.remediation,
    references: [IAM_REF, 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html'],
    standards: { sbd: ['7', '8'], caf: ['B2'], cwe: spec.cwe },
    equivalents: spec.equivalents,
    resources: POLICY_RESOURCES,
    data: ['aws_iam_policy_document'],
    check(inst, r: AwsReporter, ctx: RuleContext) {
      for (const { s, policy } of identityStatements(inst)) {
        const j = spec.judge(s);
        if (j) reportStatement(inst, r, ctx, s, j.where, policy, j.messageId, j.data);
      }
    },
  });
}

const isStar = (a: string) => a === '*' || a === '*:*';
const list = (xs: string[] | undefined) => (xs ?? []).join(', ');

const admin = iamPolicyRule({
  name: 'iam-policy-admin',
  title: 'IAM policy allows all actions ("*")',
  description:
    'A statement that allows `Action: "*"` grants every AWS action — on `Resource: "*"` that is full administrator access, including the power to change IAM itself and erase audit logs. Anyone who obtains the identity\'s credentials owns the account.',
  severity: 'high',
  messages: {
    admin: '{{address}} allows Action "*" on {{resources}}{{from}}; list the specific actions the workload needs.',
  },
  remediation: 'Replace `"*"` with the specific actions the workload needs (IAM Access Analyzer can generate a policy from CloudTrail activity).',
  equivalents: { checkov: ['CKV_AWS_1', 'CKV_AWS_62', 'CKV_AWS_63'], tfsec: ['aws-iam-no-policy-wildcards'], trivy: ['AVD-AWS-0057'], kics: ['2f37c4a3-58b9-4afe-8a87-d7f1d2286f84', '575a2155-6af1-4026-b1af-d5bc8fe2a904'] },
  cwe: ['CWE-269', 'CWE-732'],
  judge(s) {
    if (s.effect !== 'Allow' || !s.actions?.some(isStar)) return undefined;
    return { messageId: 'admin', where: 'actions', data: { resources: list(s.resources) || '(no resource)' } };
  },
});

/** Actions that change permissions, weaken logging or destroy data: never on "*" without a condition. */
export const SENSITIVE_ACTIONS = [
  'iam:AddUserToGroup', 'iam:AttachGroupPolicy', 'iam:AttachRolePolicy', 'iam:AttachUserPolicy', 'iam:CreateAccessKey', 'iam:CreateLoginProfile',
  'iam:CreatePolicy', 'iam:CreatePolicyVersion', 'iam:CreateRole', 'iam:CreateUser', 'iam:DeleteRolePermissionsBoundary', 'iam:DeleteUserPermissionsBoundary',
  'iam:DetachRolePolicy', 'iam:PutGroupPolicy', 'iam:PutRolePermissionsBoundary', 'iam:PutRolePolicy', 'iam:PutUserPermissionsBoundary', 'iam:PutUserPolicy',
  'iam:SetDefaultPolicyVersion', 'iam:UpdateAssumeRolePolicy', 'iam:UpdateLoginProfile', 'iam:UpdateAccessKey',
  's3:PutBucketPolicy', 's3:DeleteBucketPolicy', 's3:PutBucketAcl', 's3:PutObjectAcl', 's3:PutBucketPublicAccessBlock', 's3:PutAccountPublicAccessBlock',
  's3:DeleteBucket', 's3:PutObject', 's3:DeleteObject', 's3:PutLifecycleConfiguration', 's3:PutEncryptionConfiguration',
  'kms:PutKeyPolicy', 'kms:CreateGrant', 'kms:ScheduleKeyDeletion', 'kms:DisableKey',
  'lambda:AddPermission', 'lambda:CreateFunction', 'lambda:UpdateFunctionCode', 'lambda:UpdateFunctionConfiguration', 'lambda:CreateFunctionUrlConfig',
  'ec2:AuthorizeSecurityGroupIngress', 'ec2:ModifyInstanceAttribute', 'ec2:TerminateInstances', 'ec2:DeleteSnapshot', 'ec2:ModifySnapshotAttribute', 'ec2:ModifyImageAttribute',
  'ecr:SetRepositoryPolicy', 'sns:SetTopicAttributes', 'sns:AddPermission', 'sqs:SetQueueAttributes', 'sqs:AddPermission',
  'secretsmanager:PutResourcePolicy', 'secretsmanager:DeleteSecret', 'secretsmanager:PutSecretValue', 'glacier:SetVaultAccessPolicy',
  'cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'cloudtrail:UpdateTrail', 'cloudtrail:PutEventSelectors', 'logs:DeleteLogGroup', 'logs:DeleteLogStream', 'logs:PutRetentionPolicy',
  'config:StopConfigurationRecorder', 'config:DeleteConfigurationRecorder', 'guardduty:DeleteDetector', 'guardduty:UpdateDetector',
  'rds:DeleteDBInstance', 'rds:DeleteDBCluster', 'rds:ModifyDBInstance', 'rds:ModifyDBSnapshotAttribute', 'dynamodb:DeleteTable', 'dynamodb:DeleteItem', 'dynamodb:PutItem',
  'organizations:LeaveOrganization', 'organizations:DeletePolicy', 'organizations:DetachPolicy',
];
/** Wildcard prefixes that grant write or permission-management actions. */
const WRITE_PREFIX = /^[a-z0-9-]+:(\*|(put|delete|create|update|attach|detach|set|modify|add|remove|disable|stop|terminate|schedule)[a-z]*\*)$/i;

const wildcardWrite = iamPolicyRule({
  name: 'iam-wildcard-resource-write',
  title: 'IAM policy allows write or permission-management actions on every resource',
  description:
    'A statement that allows whole services (`s3:*`), write wildcards (`iam:Put*`) or permission-management, logging-control or destructive actions on `Resource: "*"` without a Condition lets the identity change permissions, erase logs or destroy data account-wide. Scoping resources (ARNs) limits the blast radius of stolen credentials.',
  severity: 'high',
  messages: {
    write: '{{address}} allows {{actions}} on Resource "*" with no Condition{{from}}; scope Resource to the ARNs the workload needs.',
  },
  remediation: 'Scope `Resource` to specific ARNs (bucket, table, role paths) and replace service wildcards with the actions the workload needs; add Conditions (e.g. `aws:ResourceTag`) where ARNs are not known in advance.',
  equivalents: { checkov: ['CKV_AWS_111', 'CKV_AWS_109', 'CKV_AWS_110', 'CKV_AWS_290', 'CKV_AWS_289', 'CKV_AWS_286'], tfsec: ['aws-iam-no-policy-wildcards'], trivy: ['AVD-AWS-0057'] },
  cwe: ['CWE-269', 'CWE-732'],
  judge(s) {
    if (s.effect !== 'Allow' || s.conditions.length || !s.resources?.includes('*')) return undefined;
    const hits = (s.actions ?? []).filter((a) => !isStar(a) && (WRITE_PREFIX.test(a) || SENSITIVE_ACTIONS.some((x) => actionMatches(a, x))));
    const nonPass = hits.filter((a) => !/^iam:passrole$/i.test(a));
    if (!nonPass.length) return undefined;
    return { messageId: 'write', where: 'actions', data: { actions: nonPass.slice(0, 6).join(', ') + (nonPass.length > 6 ? ', …' : '') } };
  },
});

const passRole = iamPolicyRule({
  name: 'iam-passrole-wildcard',
  title: 'IAM policy allows iam:PassRole on any role',
  description:
    '`iam:PassRole` on `Resource: "*"` lets the identity hand any role in the account — including administrator roles — to a service it can launch (EC2, Lambda, ECS, CloudFormation), and so act with that role\'s permissions: a classic privilege-escalation path.',
  severity: 'high',
  messages: {
    passrole: '{{address}} allows {{actions}} on Resource "*"{{from}}; restrict Resource to the ARNs of the roles the workload must pass.',
  },
  remediation: 'Set `Resource` to the specific role ARNs (or a role path), and add `iam:PassedToService` as a Condition.',
  equivalents: { checkov: ['CKV_AWS_286', 'CKV_AWS_110'] },
  cwe: ['CWE-269'],
  judge(s) {
    if (s.effect !== 'Allow' || !s.resources?.includes('*')) return undefined;
    const hits = (s.actions ?? []).filter((a) => !isStar(a) && actionMatches(a, 'iam:PassRole'));
    return hits.length ? { messageId: 'passrole', where: 'actions', data: { actions: hits.join(', ') } } : undefined;
  },
});

const notAction = iamPolicyRule({
  name: 'iam-notaction-allow',
  title: 'IAM policy allows everything except a list (Allow with NotAction)',
  description:
    '`Effect: Allow` with `NotAction` grants every action not listed — including every action AWS adds in future. It is almost always broader than intended; an allow-list of actions is the safe form.',
  severity: 'medium',
  messages: {
    notaction: '{{address}} allows every action except {{actions}} (Allow with NotAction){{from}}; use Action with the actions needed, or NotAction only with Deny.',
  },
  remediation: 'Rewrite the statement with `Action` listing what is needed; keep `NotAction` for `Deny` statements (e.g. guard rails).',
  equivalents: {},
  cwe: ['CWE-732'],
  judge(s) {
    if (s.effect !== 'Allow' || !s.notActions) return undefined;
    return { messageId: 'notaction', where: 'actions', data: { actions: list(s.notActions) } };
  },
});

const ADMIN_ARN = /^arn:aws[a-z-]*:iam::aws:policy\/AdministratorAccess$/;

function isAdminPolicy(inst: ResourceInstance, a: AttrResult): boolean {
  const v = a.value;
  const items = v.kind === 'list' ? v.items : [v];
  return items.some((x) => {
    const s = asString(x);
    if (s !== undefined) return ADMIN_ARN.test(s);
    if (x.kind === 'reference' && x.mode === 'data' && x.type === 'aws_iam_policy') {
      return inst.module.resolveReference(x).some((d) => asString(d.get('name')?.value) === 'AdministratorAccess' || ADMIN_ARN.test(asString(d.get('arn')?.value) ?? ''));
    }
    return false;
  });
}

const adminAttached = awsRule({
  name: 'iam-admin-policy-attached',
  title: 'AdministratorAccess policy attached to a role, user or group',
  description:
    'The AWS-managed `AdministratorAccess` policy grants every action on every resource. Attaching it to a workload role, user or group gives whoever holds those credentials complete control of the account.',
  severity: 'high',
  messages: {
    admin: '{{address}} attaches AdministratorAccess{{from}}; attach a least-privilege policy instead.',
  },
  remediation: 'Attach a policy with only the permissions needed; keep administrator access for break-glass roles assumed with MFA, ideally managed in IAM Identity Center.',
  references: ['https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html', IAM_REF],
  standards: { sbd: ['7', '8'], caf: ['B2'], cwe: ['CWE-269'] },
  equivalents: { checkov: ['CKV_AWS_274'] },
  resources: ['aws_iam_role_policy_attachment', 'aws_iam_user_policy_attachment', 'aws_iam_group_policy_attachment', 'aws_iam_policy_attachment', 'aws_iam_role', 'aws_iam_role_policy_attachments_exclusive'],
  check(inst, r) {
    for (const name of ['policy_arn', 'managed_policy_arns', 'policy_arns']) {
      const a = inst.get(name);
      if (a && isAdminPolicy(inst, a)) r.attr(inst, a, 'admin');
    }
  },
});

const userPolicy = awsRule({
  name: 'iam-user-policy',
  title: 'IAM policy attached directly to a user',
  description:
    'Permissions attached to individual IAM users (inline or managed) are hard to review and forget to revoke when people move on. Grant permissions through groups or roles (or IAM Identity Center) so access follows the job, not the person.',
  severity: 'low',
  messages: {
    inline: '{{address}} gives an IAM user an inline policy; attach permissions to a group or role instead.',
    attached: '{{address}} attaches a policy directly to an IAM user; attach it to a group or role instead.',
    users: '{{address}} attaches the policy to IAM users {{actual}}{{from}}; attach it to groups or roles instead.',
  },
  remediation: 'Attach policies to `aws_iam_group` (with `aws_iam_user_group_membership`) or to roles the users assume; prefer IAM Identity Center for people.',
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#use-groups-for-permissions', 'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-2'],
  standards: { sbd: ['7'], caf: ['B2'], cwe: ['CWE-284'] },
  equivalents: { checkov: ['CKV_AWS_40'], tfsec: ['aws-iam-no-user-attached-policies'], trivy: ['AVD-AWS-0143'], kics: ['b4378389-a9aa-44ee-91e7-ef183f11079e'] },
  resources: ['aws_iam_user_policy', 'aws_iam_user_policy_attachment', 'aws_iam_policy_attachment'],
  check(inst, r) {
    if (inst.resourceType === 'aws_iam_user_policy') return r.missing(inst, 'inline');
    if (inst.resourceType === 'aws_iam_user_policy_attachment') return r.missing(inst, 'attached');
    const u = inst.get('users');
    if (u && u.value.kind === 'list' && u.value.items.length > 0) r.attr(inst, u, 'users');
  },
});

const accessKey = awsRule({
  name: 'iam-user-access-key',
  title: 'Long-lived IAM user access key created',
  description:
    'Access keys of IAM users never expire and leak through laptops, CI logs and repositories. The secret also ends up in Terraform state (in plain text unless `pgp_key` is set). Roles with temporary credentials (OIDC federation for CI, instance profiles, IAM Identity Center for people) avoid long-lived keys.',
  severity: 'low',
  messages: {
    key: '{{address}} creates a long-lived access key{{pgp}}; use roles with temporary credentials (OIDC for CI, IAM Identity Center for people).',
  },
  remediation: 'Replace the user and key with a role assumed through OIDC federation (e.g. GitHub Actions `aws-actions/configure-aws-credentials`) or an instance/task role; if a key is unavoidable, rotate it and set `pgp_key`.',
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-workloads-use-roles', 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_access_key'],
  standards: { sbd: ['7'], caf: ['B2'], cwe: ['CWE-798'] },
  equivalents: {},
  resources: ['aws_iam_access_key'],
  check(inst, r) {
    if (asString(inst.get('status')?.value) === 'Inactive') return;
    r.missing(inst, 'key', { pgp: isSet(inst, 'pgp_key') ? '' : ' and its secret is stored unencrypted in Terraform state (no pgp_key)' });
  },
});

const trustAnyPrincipal = awsRule({
  name: 'iam-role-trust-any-principal',
  title: 'IAM role can be assumed by any AWS principal',
  description:
    'A role\'s trust policy (`assume_role_policy`) statement that allows `Principal: "*"` (or `{ AWS = "*" }`, or a `principals` block of type `AWS` with identifier `"*"`) lets every principal of every AWS account, anyone with AWS credentials, assume the role and use its permissions, unless a Condition narrows the callers (`aws:PrincipalOrgID`, `aws:PrincipalArn`, `aws:SourceAccount`, `sts:ExternalId`, …). A Condition that restricts nobody (`aws:SecureTransport`, an `aws:SourceIp` of 0.0.0.0/0, an ARN pattern matching any account, `ForAllValues:` or `...IfExists` on a single-valued caller key) does not count. Trust policies built in `data "aws_iam_policy_document"` are followed.',
  severity: 'critical',
  messages: {
    public: '{{address}} has a trust policy statement allowing {{actions}} to Principal "*" with {{condition}}{{from}}, so anyone with AWS credentials can assume the role; name the accounts, roles or services that may assume it.',
  },
  remediation: 'Set the principal to the services (`Service = "lambda.amazonaws.com"`), accounts or role ARNs that need the role; for cross-account access name the account and require `sts:ExternalId` or `aws:PrincipalOrgID`.',
  references: ['https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_role#assume_role_policy', 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html'],
  standards: { sbd: ['7', '8'], caf: ['B2'], cwe: ['CWE-284', 'CWE-269'] },
  equivalents: { checkov: ['CKV_AWS_60'] },
  resources: ['aws_iam_role'],
  check(inst, r, ctx) {
    reportPublicAllows(inst, r, ctx, 'assume_role_policy');
  },
});

const PW_REFS = ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html', 'https://www.ncsc.gov.uk/collection/passwords/updating-your-approach'];

const passwordLength = awsRule({
  name: 'iam-password-length',
  title: 'IAM account password policy allows short passwords',
  description:
    'The account password policy governs console passwords of IAM users. Short passwords fall to guessing and cracking. NCSC guidance favours length over complexity rules and forced expiry; the CIS AWS benchmark asks for at least 14 characters.',
  severity: 'medium',
  messages: {
    length: 'minimum_password_length is {{actual}}{{from}} in {{address}}; expected at least 14.',
    lengthMissing: '{{address}} does not set minimum_password_length (AWS default 8); set it to at least 14.',
  },
  remediation: 'Set `minimum_password_length = 14` (or more); better, move people to IAM Identity Center with MFA.',
  references: PW_REFS,
  standards: { sbd: ['7'], caf: ['B2'], cwe: ['CWE-521'] },
  equivalents: { checkov: ['CKV_AWS_10'], tfsec: ['aws-iam-set-minimum-password-length'], trivy: ['AVD-AWS-0063'], kics: ['1bc1c685-e593-450e-88fb-19db4c82aa1d'] },
  resources: ['aws_iam_account_password_policy'],
  check(inst, r) {
    const len = inst.get('minimum_password_length');
    if (!len) return r.missing(inst, 'lengthMissing');
    const n = asNumber(len.value);
    if (n !== undefined && n < 14) r.attr(inst, len, 'length');
  },
});

/** Below this many remembered passwords, reuse is reported; 24 is what we recommend. */
const MIN_REUSE_PREVENTION = 5;

const passwordReuse = awsRule({
  name: 'iam-password-reuse',
  title: 'IAM account password policy allows password reuse',
  description:
    'Without `password_reuse_prevention`, IAM users can set a previously used — possibly breached — password again. A value below 5 lets a user cycle back to a known password after a handful of changes. The CIS AWS benchmark recommends remembering the last 24 passwords; values from 5 to 23 are weaker than that but are not reported.',
  severity: 'low',
  messages: {
    reuse: 'password_reuse_prevention is {{actual}}{{from}} in {{address}}, so a password can be reused after a few changes; set it to 24 (remember the last 24 passwords).',
    reuseMissing: '{{address}} does not set password_reuse_prevention, so old passwords can be reused; set it to 24.',
  },
  remediation: 'Set `password_reuse_prevention = 24`.',
  references: PW_REFS,
  standards: { sbd: ['7'], caf: ['B2'], cwe: ['CWE-521'] },
  equivalents: { checkov: ['CKV_AWS_13'], tfsec: ['aws-iam-no-password-reuse'], trivy: ['AVD-AWS-0056'], kics: ['89806cdc-9c2e-4bd1-a0dc-53f339bcfb2a'] },
  resources: ['aws_iam_account_password_policy'],
  check(inst, r) {
    const reuse = inst.get('password_reuse_prevention');
    if (!reuse) return r.missing(inst, 'reuseMissing');
    const n = asNumber(reuse.value);
    if (n !== undefined && n < MIN_REUSE_PREVENTION) r.attr(inst, reuse, 'reuse');
  },
});

export const iamRules: Rule[] = [admin, wildcardWrite, passRole, notAction, adminAttached, userPolicy, accessKey, trustAnyPrincipal, passwordLength, passwordReuse];
