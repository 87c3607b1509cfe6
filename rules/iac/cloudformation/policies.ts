/**
 * Resource policies of SQS queues, SNS topics and ECR repositories that allow any principal: the
 * CloudFormation twins of tf-aws sqs-public-policy, sns-public-policy and ecr-public-policy. A
 * statement is reported when it allows `Principal: "*"` (or `{AWS: "*"}`) with no Condition, or with
 * only conditions that do not narrow the callers (the S3 rule's test, shared).
 */
import type { Rule } from '../../../src/model/rule.js';
import { get, type DataNode } from '../../../src/parsers/data/tree.js';
import { at, CFN_DATA_STANDARDS, cfnMeta, docs, each, statements, type Resource } from './cfn.js';
import { isStar, openCondition } from './s3.js';

function publicPolicy(spec: {
  id: string;
  service: string;
  what: string;
  /** resource type → property holding the policy document */
  types: Record<string, string>;
  ref: string;
  conditions: string;
  equivalents: Record<string, string[]>;
  write: string;
}): Rule {
  return {
    meta: cfnMeta({
      id: spec.id,
      title: `${spec.service} ${spec.what} policy allows any principal`,
      description: `A ${spec.service} ${spec.what} policy statement that allows \`Principal: "*"\` (or \`{ AWS: "*" }\`) without a Condition lets any AWS account — anyone with AWS credentials — use the granted actions on the ${spec.what}${spec.write}. Statements with a Condition that narrows the callers (such as ${spec.conditions}) are not reported; \`aws:SecureTransport\`, an \`aws:SourceIp\` of 0.0.0.0/0, an ARN pattern matching any account, or \`ForAllValues:\`/\`...IfExists\` on a single-valued key does not narrow them.`,
      severity: 'high',
      messages: {
        public: `{{name}} has a ${spec.service} ${spec.what} policy statement allowing {{actions}} to any principal (\`Principal: "*"\`) with no \`Condition\`; name the accounts, roles or service principals that need access, or add a condition such as ${spec.conditions}.`,
        openCondition: `{{name}} has a ${spec.service} ${spec.what} policy statement allowing {{actions}} to any principal (\`Principal: "*"\`) with only a \`Condition\` that does not limit who may call ({{why}}); name the principals or add a condition such as ${spec.conditions}.`,
      },
      remediation: `Replace \`Principal: "*"\` with the accounts, roles or service principals that need access, or keep it and add a Condition such as ${spec.conditions}.`,
      references: [...Object.keys(spec.types).map(docs), spec.ref, 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html'],
      standards: { ...CFN_DATA_STANDARDS, sbd: ['7', '8'], caf: ['B2', 'B3'], cwe: ['CWE-284', 'CWE-732'] },
      equivalents: spec.equivalents,
    }),
    check(ctx) {
      each(ctx, Object.keys(spec.types), (r: Resource, t) => {
        const doc: DataNode | undefined = get(r.props, spec.types[r.type]);
        for (const s of statements(t, doc)) {
          if (s.effect !== 'Allow' || !s.principal || !isStar(t, s.principal.value)) continue;
          const actions = s.actions?.map((a) => `\`${a.value}\``).join(', ') || 'its actions';
          if (!s.condition) {
            ctx.report({ messageId: 'public', offsets: at(s.principal), data: { actions, name: r.name } });
            continue;
          }
          const gaps = openCondition(t, s);
          if (gaps) ctx.report({ messageId: 'openCondition', offsets: at(s.principal), data: { actions, name: r.name, why: [...new Set(gaps)].join('; ') } });
        }
      });
    },
  };
}

const sqsPublic = publicPolicy({
  id: 'iac/cfn-sqs-public-policy',
  service: 'SQS',
  what: 'queue',
  types: { 'AWS::SQS::QueuePolicy': 'PolicyDocument', 'AWS::SQS::QueueInlinePolicy': 'PolicyDocument' },
  ref: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-basic-examples-of-sqs-policies.html',
  conditions: '`aws:SourceArn`, `aws:SourceAccount` or `aws:PrincipalOrgID`',
  equivalents: { checkov: ['CKV_AWS_168'], kics: ['9b6a3f5b-5fd6-40ee-9bc0-ed604911212d'] },
  write: ' (read, delete or inject messages)',
});

const snsPublic = publicPolicy({
  id: 'iac/cfn-sns-public-policy',
  service: 'SNS',
  what: 'topic',
  types: { 'AWS::SNS::TopicPolicy': 'PolicyDocument', 'AWS::SNS::TopicInlinePolicy': 'PolicyDocument' },
  ref: 'https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html',
  conditions: '`aws:SourceArn`, `aws:SourceAccount` or `aws:PrincipalOrgID`',
  equivalents: { checkov: ['CKV_AWS_169'] },
  write: ' (publish to it, subscribe endpoints to it or change it)',
});

const ecrPublic = publicPolicy({
  id: 'iac/cfn-ecr-public-policy',
  service: 'ECR',
  what: 'repository',
  types: { 'AWS::ECR::Repository': 'RepositoryPolicyText' },
  ref: 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policies.html',
  conditions: '`aws:PrincipalOrgID` or `aws:SourceAccount`',
  equivalents: { checkov: ['CKV_AWS_32'], trivy: ['AVD-AWS-0032'], kics: ['75be209d-1948-41f6-a8c8-e22dd0121134'] },
  write: ' (pull images, exposing code and baked-in configuration, or with write actions push tampered ones)',
});

export const policyRules: Rule[] = [sqsPublic, snsPublic, ecrPublic];
