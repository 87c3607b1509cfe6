import type { Rule } from '../../../src/model/rule.js';
import { entry, get, isScalar, isSeq } from '../../../src/parsers/data/tree.js';
import { at, CFN_IAM_STANDARDS, cfnMeta, docs, each, IAM_POLICY_TYPES, identityPolicies, list, propEntry, resolve, shape, statements, string, typeAt } from './cfn.js';
import { isStar, openCondition } from './s3.js';

const IAM_REFS = ['https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege', docs('AWS::IAM::Policy')];

const wildcardAction: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-iam-wildcard-action',
    title: 'IAM policy allows every action',
    description: 'An identity policy statement that allows `Action: "*"` (every action of every service) grants administrator-level power when combined with `Resource: "*"` and leaves no least-privilege boundary otherwise: any compromised workload or user holding it can do anything the resources allow, including escalating its own privileges.',
    severity: 'high',
    messages: { star: '{{name}} allows `Action: "{{action}}"`{{scope}}; list the specific actions the principal needs.' },
    remediation: 'Replace `"*"` with the specific actions required (use IAM Access Analyzer policy generation from CloudTrail activity), scoped to specific resource ARNs.',
    references: IAM_REFS,
    standards: { ...CFN_IAM_STANDARDS, cwe: ['CWE-269', 'CWE-732'] },
    equivalents: { checkov: ['CKV_AWS_1', 'CKV_AWS_62', 'CKV_AWS_63'], kics: ['953b3cdb-ce13-428a-aa12-318726506661', 'f62aa827-4ade-4dc4-89e4-1433d384a368'] },
  }),
  check(ctx) {
    each(ctx, IAM_POLICY_TYPES, (r, t) => {
      for (const doc of identityPolicies(t, r)) {
        for (const s of statements(t, doc)) {
          if (s.effect !== 'Allow' || s.notAction || !s.actions) continue;
          const a = s.actions.find((x) => x.value.trim() === '*' || x.value.trim() === '*:*');
          if (!a) continue;
          const everything = s.resources?.includes('*') && !s.condition;
          ctx.report({ messageId: 'star', severity: everything ? 'critical' : 'high', offsets: [a.node.start, a.node.end], data: { name: r.name, action: a.value, scope: everything ? ' on `Resource: "*"` (full administrator access)' : '' } });
        }
      }
    });
  },
};

/** Verbs that change state, from AWS's access-level classification (write, permissions management). */
const WRITE_VERB = /^(Put|Create|Delete|Update|Attach|Detach|Modify|Pass|Add|Remove|Set|Replace|Upload|Write|Terminate|Run|Start|Stop|Reboot|Invoke|Publish|Send|Change|Disable|Enable|Restore|Revoke|Authorize|Import|Associate|Disassociate|Tag|Untag|Reset|Register|Deregister|Assume|Copy|Promote|Rotate|Execute|Apply|Grant|Encrypt|Decrypt|Sign)/i;

/**
 * Write actions that support no resource types in the Service Authorization Reference, so `Resource: "*"` is
 * the only thing a policy can say for them (lower case: action names are case-insensitive).
 */
const NO_RESOURCE_LEVEL = new Set(['cloudwatch:putmetricdata', 'xray:puttracesegments', 'xray:puttelemetryrecords', 'kms:createkey', 'lambda:createeventsourcemapping']);
/** Services none of whose actions take a resource (the Systems Manager agent's message channels). */
const NO_RESOURCE_SERVICES = new Set(['ssmmessages', 'ec2messages']);
function resourceLevelUnsupported(action: string): boolean {
  const a = action.toLowerCase();
  return NO_RESOURCE_LEVEL.has(a) || NO_RESOURCE_SERVICES.has(a.split(':')[0] ?? '');
}

const wildcardResourceWrite: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-iam-wildcard-resource-write',
    title: 'IAM policy allows write actions on every resource',
    description: 'Write or permissions-management actions (`s3:*`, `iam:PassRole`, `ec2:TerminateInstances`, `dynamodb:PutItem`, …) allowed on `Resource: "*"` without a condition let the principal change or destroy every resource of that kind in the account, not just the ones it serves; with IAM actions it can escalate to administrator. Action names are matched case-insensitively; actions that accept no resource ARN at all (`cloudwatch:PutMetricData`, `xray:PutTraceSegments`, the Session Manager agent\'s `ssmmessages:*`/`ec2messages:*`) are exempt.',
    severity: 'medium',
    messages: { write: '{{name}} allows `{{action}}` on `Resource: "*"` with no condition; scope it to the ARNs of the resources this principal manages.' },
    remediation: 'Scope write actions to specific resource ARNs (`!Sub arn:${AWS::Partition}:s3:::${Bucket}/*`), or add conditions (`aws:ResourceTag`, `aws:RequestedRegion`).',
    references: IAM_REFS,
    standards: { ...CFN_IAM_STANDARDS, cwe: ['CWE-732'] },
    equivalents: { checkov: ['CKV_AWS_111', 'CKV_AWS_109', 'CKV_AWS_110'] },
  }),
  check(ctx) {
    each(ctx, IAM_POLICY_TYPES, (r, t) => {
      for (const doc of identityPolicies(t, r)) {
        for (const s of statements(t, doc)) {
          if (s.effect !== 'Allow' || s.notAction || s.condition || !s.actions || !s.resources?.includes('*')) continue;
          for (const a of s.actions) {
            const v = a.value.trim();
            if (v === '*' || v === '*:*') continue; // cfn-iam-wildcard-action
            if (/^iam:passrole$/i.test(v)) continue; // cfn-iam-passrole-wildcard
            if (resourceLevelUnsupported(v)) continue;
            const [, action = ''] = v.split(':');
            if (action === '*' || WRITE_VERB.test(action)) {
              ctx.report({ messageId: 'write', offsets: [a.node.start, a.node.end], data: { name: r.name, action: v } });
              break;
            }
          }
        }
      }
    });
  },
};

const ADMIN = /:iam::aws:policy\/AdministratorAccess$|^AdministratorAccess$/;
const adminPolicy: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-iam-admin-policy-attached',
    title: 'AdministratorAccess attached to a role, user or group',
    description: 'The AWS-managed `AdministratorAccess` policy allows every action on every resource. Attached to a workload role it makes any compromise of that workload an account takeover; attached to people it bypasses least privilege and separation of duties.',
    severity: 'high',
    messages: { admin: '{{name}} attaches the `AdministratorAccess` managed policy; attach a policy granting only the actions it needs.' },
    remediation: 'Replace `AdministratorAccess` with a least-privilege customer-managed policy; for people, use IAM Identity Center permission sets with just-in-time elevation.',
    references: ['https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html', docs('AWS::IAM::Role')],
    standards: { ...CFN_IAM_STANDARDS, cwe: ['CWE-269'] },
    equivalents: { checkov: ['CKV_AWS_274'] },
  }),
  check(ctx) {
    each(ctx, ['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'], (r, t) => {
      for (const arn of list(t, get(r.props, 'ManagedPolicyArns')) ?? []) {
        const v = shape(t, arn);
        if (v && ADMIN.test(v.trim())) ctx.report({ messageId: 'admin', offsets: [arn.start, arn.end], data: { name: r.name } });
      }
    });
  },
};

const userPolicy: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-iam-user-policy',
    title: 'IAM policy attached directly to a user',
    description: 'Permissions attached to individual IAM users are hard to review and tend to linger after people change roles or leave. Granting them through groups or roles (and, for people, IAM Identity Center) keeps access consistent and auditable.',
    severity: 'low',
    messages: {
      inline: 'IAM user {{name}} has `{{property}}` attached directly; put the user in a group (or use a role) and attach the policy there.',
      users: 'Policy {{name}} is attached directly to users (`Users`); attach it to a group or role instead.',
    },
    remediation: 'Move policies to an `AWS::IAM::Group` (and add the user with `Groups`) or to a role the user assumes; prefer IAM Identity Center for people.',
    references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#use-groups-for-permissions', docs('AWS::IAM::User')],
    standards: { ...CFN_IAM_STANDARDS, cwe: ['CWE-269'] },
    equivalents: { checkov: ['CKV_AWS_40'], kics: ['e4239438-e639-44aa-adb8-866e400e3ade', '0e5872b4-19a0-4165-8b2f-56d9e14b909f'] },
  }),
  check(ctx) {
    each(ctx, ['AWS::IAM::User'], (r, t) => {
      for (const property of ['Policies', 'ManagedPolicyArns']) {
        const e = entry(r.props, property);
        const v = e && resolve(t, e.value);
        if (e && isSeq(v) && v.items.length) ctx.report({ messageId: 'inline', offsets: at(e), data: { name: r.name, property } });
      }
    });
    each(ctx, ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy'], (r, t) => {
      const e = entry(r.props, 'Users');
      const v = e && resolve(t, e.value);
      if (e && isSeq(v) && v.items.length) ctx.report({ messageId: 'users', offsets: at(e), data: { name: r.name } });
    });
  },
};

/** True when an action pattern (`iam:PassRole`, `iam:Pass*`, `iam:*`, `*`) matches the action, case-insensitively. */
function actionMatches(pattern: string, action: string): boolean {
  const re = new RegExp(`^${pattern.trim().split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
  return re.test(action);
}

const passRole: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-iam-passrole-wildcard',
    title: 'IAM policy allows iam:PassRole on any role',
    description: '`iam:PassRole` on `Resource: "*"` lets the principal hand any role of the account, administrator roles included, to a service it can launch (EC2, Lambda, ECS, Glue, CloudFormation), and then act with that role\'s permissions: a well-known privilege-escalation path. Statements with a Condition (such as `iam:PassedToService`) are not reported; `Action: "*"` is reported by cfn-iam-wildcard-action. SAM functions\' and state machines\' inline `Policies` documents are checked too.',
    severity: 'high',
    messages: { passrole: '{{name}} allows `{{action}}` on `Resource: "*"` with no condition, so it can pass any role (administrator roles included) to a service; set `Resource` to the ARNs of the roles it must pass.' },
    remediation: 'Set `Resource` to the specific role ARNs (`!GetAtt TaskRole.Arn`) or a role path (`arn:${AWS::Partition}:iam::${AWS::AccountId}:role/app/*`), and add an `iam:PassedToService` condition.',
    references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html', docs('AWS::IAM::Policy')],
    standards: { ...CFN_IAM_STANDARDS, cwe: ['CWE-269'] },
    equivalents: { checkov: ['CKV_AWS_286', 'CKV_AWS_110'] },
  }),
  check(ctx) {
    each(ctx, IAM_POLICY_TYPES, (r, t) => {
      for (const doc of identityPolicies(t, r)) {
        for (const s of statements(t, doc)) {
          if (s.effect !== 'Allow' || s.notAction || s.condition || !s.actions || !s.resources?.includes('*')) continue;
          const a = s.actions.find((x) => !['*', '*:*'].includes(x.value.trim()) && actionMatches(x.value, 'iam:PassRole'));
          if (a) ctx.report({ messageId: 'passrole', offsets: [a.node.start, a.node.end], data: { name: r.name, action: a.value } });
        }
      }
    });
  },
};

const notAction: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-iam-notaction-allow',
    title: 'IAM policy allows everything except a list (Allow with NotAction)',
    description: '`Effect: Allow` with `NotAction` grants every action that is not listed, in every service, including every action AWS adds in future. It is almost always far broader than intended (`NotAction: iam:*` still allows deleting every database); an allow-list of actions is the safe form, and `NotAction` belongs in `Deny` statements. SAM functions\' and state machines\' inline `Policies` documents are checked too.',
    severity: 'medium',
    messages: { notAction: '{{name}} allows every action except {{actions}} (`Effect: Allow` with `NotAction`); list the actions needed under `Action`, and keep `NotAction` for `Deny` statements.' },
    remediation: 'Rewrite the statement with `Action` listing the actions needed; use `NotAction` only with `Effect: Deny` (guard rails such as "deny everything except…").',
    references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html', docs('AWS::IAM::Policy')],
    standards: { ...CFN_IAM_STANDARDS, cwe: ['CWE-732'] },
  }),
  check(ctx) {
    each(ctx, IAM_POLICY_TYPES, (r, t) => {
      for (const doc of identityPolicies(t, r)) {
        for (const s of statements(t, doc)) {
          if (s.effect !== 'Allow' || !s.notAction) continue;
          const e = entry(s.node, 'NotAction');
          if (!e) continue;
          const actions = s.actions?.map((a) => `\`${a.value}\``).join(', ') || 'the listed actions';
          ctx.report({ messageId: 'notAction', offsets: at(e), data: { name: r.name, actions } });
        }
      }
    });
  },
};

const trustAny: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-iam-role-trust-any-principal',
    title: 'IAM role can be assumed by any AWS principal',
    description: 'A role trust policy (`AssumeRolePolicyDocument`) statement that allows `Principal: "*"` (or `{ AWS: "*" }`) lets every principal of every AWS account, anyone with AWS credentials, assume the role and use its permissions, unless a Condition narrows the callers (`aws:PrincipalOrgID`, `aws:PrincipalArn`, `aws:SourceAccount`, …). A Condition that restricts nobody (`aws:SecureTransport`, an ARN pattern matching any account, `...IfExists` on a caller key) does not count.',
    severity: 'critical',
    messages: {
      public: 'Role {{name}} trusts any principal (`Principal: "*"`) with no `Condition`, so anyone with AWS credentials can assume it; name the accounts, roles or services that may assume it.',
      openCondition: 'Role {{name}} trusts any principal (`Principal: "*"`) with only a `Condition` that does not limit who may assume it ({{why}}); name the principals, or add `aws:PrincipalOrgID`/`aws:PrincipalArn`.',
    },
    remediation: 'Set `Principal` to the services (`Service: lambda.amazonaws.com`), accounts or role ARNs that need the role; for cross-account access name the account and require `sts:ExternalId` or `aws:PrincipalOrgID`.',
    references: [docs('AWS::IAM::Role'), 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html'],
    standards: { ...CFN_IAM_STANDARDS, cwe: ['CWE-284', 'CWE-269'] },
    equivalents: { checkov: ['CKV_AWS_60'], kics: ['f80e3aa7-7b34-4185-954e-440a6894dde6'] },
  }),
  check(ctx) {
    each(ctx, ['AWS::IAM::Role'], (r, t) => {
      for (const s of statements(t, get(r.props, 'AssumeRolePolicyDocument'))) {
        if (s.effect !== 'Allow' || !s.principal || !isStar(t, s.principal.value)) continue;
        if (!s.condition) {
          ctx.report({ messageId: 'public', offsets: at(s.principal), data: { name: r.name } });
          continue;
        }
        const gaps = openCondition(t, s);
        if (gaps) ctx.report({ messageId: 'openCondition', offsets: at(s.principal), data: { name: r.name, why: [...new Set(gaps)].join('; ') } });
      }
    });
  },
};

const loginPassword: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-iam-user-plaintext-password',
    title: 'IAM user console password written in the template',
    description: 'A literal `LoginProfile.Password` on an `AWS::IAM::User` puts a console password in the template, in version control and in the stack\'s stored template, readable by anyone with `cloudformation:GetTemplate`. Anyone who reads it can sign in to the console as that user until the password is changed. Passwords passed as a `NoEcho` parameter or as a dynamic reference (`{{resolve:secretsmanager:…}}`) are not reported.',
    severity: 'high',
    messages: { literal: 'IAM user {{name}} sets `LoginProfile.Password` to a literal value; resolve it from Secrets Manager (`{{resolve:secretsmanager:…}}`) or a `NoEcho` parameter, set `PasswordResetRequired: true`, and change the exposed password.' },
    remediation: 'Generate the password in Secrets Manager (`AWS::SecretsManager::Secret` with `GenerateSecretString`) and reference it with `{{resolve:secretsmanager:…}}`, require a reset at first sign-in, and prefer IAM Identity Center over IAM users for people.',
    references: ['https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-iam-user-loginprofile.html', 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-secretsmanager.html'],
    standards: { ...CFN_IAM_STANDARDS, caf: ['B2', 'B3'], cwe: ['CWE-798', 'CWE-259'] },
    equivalents: { kics: ['06adef8c-c284-4de7-aad2-af43b07a8ca1'] },
  }),
  check(ctx) {
    each(ctx, ['AWS::IAM::User'], (r, t) => {
      const e = propEntry(resolve(t, get(r.props, 'LoginProfile')), 'Password');
      if (!e || !isScalar(e.value) || e.value.tag || typeof e.value.value !== 'string') return; // intrinsics (parameters, Sub of a resolve) stay silent
      const value = e.value.value;
      if (!value.trim() || value.includes('{{resolve:')) return;
      ctx.report({ messageId: 'literal', offsets: at(e), data: { name: r.name }, secrets: [value] });
    });
  },
};

const accessKey: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-iam-user-access-key',
    title: 'Long-lived IAM user access key created',
    description: 'An `AWS::IAM::AccessKey` creates a long-lived credential for an IAM user. Its secret is returned to the stack (often copied into outputs, parameters or CI settings), it never expires, and leaked keys are the most common way AWS accounts are compromised. Workloads on AWS should use roles; people and external CI should use IAM Identity Center or OIDC federation. Keys created with `Status: Inactive` are not reported.',
    severity: 'low',
    messages: { key: 'Access key {{name}} creates a long-lived IAM user credential; use an IAM role (for workloads on AWS), OIDC federation (for CI) or IAM Identity Center (for people) instead.' },
    remediation: 'Remove the access key and use temporary credentials: an instance, task or function role; OIDC federation for GitHub Actions and other CI; IAM Identity Center for people. If a key is unavoidable, keep its secret in Secrets Manager and rotate it.',
    references: [docs('AWS::IAM::AccessKey'), 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-workloads-use-roles'],
    standards: { ...CFN_IAM_STANDARDS, cwe: ['CWE-798'] },
  }),
  check(ctx) {
    each(ctx, ['AWS::IAM::AccessKey'], (r, t) => {
      const status = get(r.props, 'Status');
      if (status && string(t, status) !== 'Active') return; // Inactive, or unknown
      ctx.report({ messageId: 'key', offsets: typeAt(r), data: { name: r.name } });
    });
  },
};

export const iamRules: Rule[] = [wildcardAction, wildcardResourceWrite, adminPolicy, userPolicy, passRole, notAction, trustAny, loginPassword, accessKey];
