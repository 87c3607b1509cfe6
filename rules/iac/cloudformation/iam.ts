import type { Rule } from '../../../src/model/rule.js';
import { entry, get, isScalar, isSeq, type DataNode } from '../../../src/parsers/data/tree.js';
import { at, CFN_IAM_STANDARDS, cfnMeta, docs, each, IAM_POLICY_TYPES, identityPolicies, intrinsic, list, resolve, statements, string, type Template } from './cfn.js';

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

/** A string's shape: literal text, with `${…}` where a part is unknown (`!Sub` templates, `!Join` of pseudo parameters). */
function shape(t: Template, n: DataNode): string | undefined {
  const v = string(t, n);
  if (v !== undefined) return v;
  const fn = intrinsic(n);
  if (fn?.fn === 'Fn::Sub') {
    const a = isSeq(fn.arg) ? fn.arg.items[0] : fn.arg;
    return isScalar(a) && typeof a.value === 'string' ? a.value : undefined;
  }
  if (fn?.fn === 'Fn::Join' && isSeq(fn.arg) && fn.arg.items.length === 2 && isSeq(fn.arg.items[1])) {
    return fn.arg.items[1].items.map((p) => string(t, p) ?? '${}').join(String(isScalar(fn.arg.items[0]) ? (fn.arg.items[0].value ?? '') : ''));
  }
  return undefined;
}

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

export const iamRules: Rule[] = [wildcardAction, wildcardResourceWrite, adminPolicy, userPolicy];
