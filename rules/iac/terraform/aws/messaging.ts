import type { Rule } from '../../../../src/model/rule.js';
import { asString, type ResourceInstance } from '../../../../src/terraform/index.js';
import { awsRule, boolState, isSet, strAt, type AwsReporter } from './util.js';

// ---------------------------------------------------------------- Amazon MQ

const mqPublic = awsRule({
  name: 'mq-broker-public',
  title: 'Amazon MQ broker is publicly accessible',
  description:
    'With `publicly_accessible = true` the broker gets a public endpoint: its console and messaging ports (AMQP, MQTT, OpenWire, STOMP, WebSocket) are reachable from the internet, protected only by broker user passwords.',
  severity: 'high',
  messages: { public: 'publicly_accessible is {{actual}}{{from}} in {{address}}; expected false (the default).' },
  remediation: 'Set `publicly_accessible = false` (this recreates the broker) and reach it from inside the VPC, through peering, VPN or PrivateLink.',
  references: ['https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/using-amazon-mq-securely.html#prefer-brokers-without-public-accessibility'],
  standards: { sbd: ['7', '8'], caf: ['B4', 'B5'], cwe: ['CWE-284'] },
  equivalents: { checkov: ['CKV_AWS_69'], tfsec: ['aws-mq-no-public-access'], trivy: ['AVD-AWS-0072'], kics: ['4eb5f791-c861-4afd-9f94-f2a6a3fe49cb'] },
  resources: ['aws_mq_broker'],
  check(inst, r) {
    const a = inst.get('publicly_accessible');
    if (boolState(a) === 'true') r.attr(inst, a!, 'public');
  },
});

/** Report unless `logs { <attribute> = true }` in the broker. */
function mqLog(inst: ResourceInstance, r: AwsReporter, attribute: string): void {
  const logs = inst.blocks('logs');
  if (logs.length === 0) return r.missing(inst, 'noLogs');
  const l = logs[0];
  if (!l.expansionKnown) return;
  const a = l.get(attribute);
  const st = boolState(a);
  if (st === 'missing') r.block(inst, l, 'missing');
  else if (st === 'false') r.attr(inst, a!, 'disabled');
}

const mqLogging = awsRule({
  name: 'mq-broker-logging',
  title: 'Amazon MQ broker does not send its general logs to CloudWatch',
  description:
    'Amazon MQ publishes a broker\'s general log (connections, errors, broker events) to CloudWatch Logs only when `logs { general = true }`; it defaults to false, for ActiveMQ and RabbitMQ alike, leaving nothing to investigate an incident with.',
  severity: 'low',
  messages: {
    noLogs: '{{address}} has no logs block (general logging defaults to false); add logs { general = true }.',
    missing: 'The logs block of {{address}} does not set general (defaults to false); set general = true.',
    disabled: 'general is {{actual}}{{from}} in {{address}}; expected true.',
  },
  remediation: 'Add `logs { general = true }` (and `audit = true` for ActiveMQ).',
  references: ['https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/security-logging-monitoring-cloudwatch.html'],
  standards: { sbd: ['5', '7'], caf: ['C1'], cwe: ['CWE-778'] },
  equivalents: { checkov: ['CKV_AWS_48'], tfsec: ['aws-mq-enable-general-logging'], trivy: ['AVD-AWS-0071'], kics: ['31245f98-a6a9-4182-9fc1-45482b9d030a'] },
  resources: ['aws_mq_broker'],
  check(inst, r) {
    mqLog(inst, r, 'general');
  },
});

const mqAudit = awsRule({
  name: 'mq-broker-audit-logging',
  title: 'Amazon MQ (ActiveMQ) broker does not send audit logs to CloudWatch',
  description:
    'For ActiveMQ brokers, the audit log records management actions taken through JMX and the ActiveMQ web console — who created or deleted destinations and changed the broker. It is published to CloudWatch Logs only when `logs { audit = true }` (default false). RabbitMQ brokers have no audit log and are not checked.',
  severity: 'low',
  messages: {
    noLogs: '{{address}} (ActiveMQ) has no logs block (audit logging defaults to false); add logs { audit = true }.',
    missing: 'The logs block of {{address}} (ActiveMQ) does not set audit (defaults to false); set audit = true.',
    disabled: 'audit is {{actual}}{{from}} in {{address}} (ActiveMQ); expected true.',
  },
  remediation: 'Add `logs { general = true, audit = true }` to ActiveMQ brokers.',
  references: ['https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/security-logging-monitoring-cloudwatch.html'],
  standards: { sbd: ['5', '7'], caf: ['C1'], cwe: ['CWE-778'] },
  equivalents: { tfsec: ['aws-mq-enable-audit-logging'], trivy: ['AVD-AWS-0070'], kics: ['31245f98-a6a9-4182-9fc1-45482b9d030a'] },
  resources: ['aws_mq_broker'],
  check(inst, r) {
    // audit logs exist for ActiveMQ only; an unknown engine is not asked for them
    if (strAt(inst, 'engine_type')?.toLowerCase() !== 'activemq') return;
    mqLog(inst, r, 'audit');
  },
});

// ---------------------------------------------------------------- API Gateway cache

const apiCache = awsRule({
  name: 'apigateway-cache-encryption',
  title: 'API Gateway cache is not encrypted',
  description:
    'When method caching is on, API Gateway stores responses — often personal data or tokens — in the stage cache. `cache_data_encrypted` defaults to false, so cached responses are kept unencrypted.',
  severity: 'medium',
  messages: {
    missing: 'settings of {{address}} enable caching but do not set cache_data_encrypted (defaults to false); set cache_data_encrypted = true.',
    disabled: 'cache_data_encrypted is {{actual}}{{from}} in {{address}} while caching is enabled; expected true.',
  },
  remediation: 'Set `cache_data_encrypted = true` in the `settings` of `aws_api_gateway_method_settings` wherever `caching_enabled = true`.',
  references: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html', 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_method_settings#cache_data_encrypted'],
  standards: { sbd: ['7'], caf: ['B3'], cwe: ['CWE-311'] },
  equivalents: { checkov: ['CKV_AWS_225'], tfsec: ['aws-api-gateway-enable-cache-encryption'], trivy: ['AVD-AWS-0002'], kics: ['b7c9a40c-23e4-4a2d-8d39-a3352f10f288'] },
  resources: ['aws_api_gateway_method_settings'],
  check(inst, r) {
    for (const s of inst.blocks('settings')) {
      if (!s.expansionKnown || boolState(s.get('caching_enabled')) !== 'true') continue;
      const a = s.get('cache_data_encrypted');
      const st = boolState(a);
      if (st === 'missing') r.block(inst, s, 'missing');
      else if (st === 'false') r.attr(inst, a!, 'disabled');
    }
  },
});

const DATA_TRACE_REF = 'https://docs.aws.amazon.com/apigateway/latest/api/API_MethodSetting.html';

const apiDataTrace = awsRule({
  name: 'apigateway-data-trace',
  title: 'API Gateway logs full requests and responses (data trace)',
  description:
    'Data trace (`data_trace_enabled = true`, "Log full requests/responses data" in the console) writes whole request and response bodies and headers to CloudWatch Logs: personal data, form submissions and tokens end up in logs that are kept, widely readable and outside the service\'s data retention. AWS recommends not enabling it for production APIs. REST API method settings (`aws_api_gateway_method_settings`) and HTTP/WebSocket API stage route settings (`aws_apigatewayv2_stage` `default_route_settings` and `route_settings`) are checked.',
  severity: 'low',
  messages: {
    enabled: '{{address}} sets data_trace_enabled = true{{from}}, which logs full request and response bodies (personal data, tokens) to CloudWatch; turn it off outside short troubleshooting and use access logging with chosen fields.',
  },
  remediation: 'Remove `data_trace_enabled` (default false) or set it to false; keep `logging_level = "ERROR"` or `"INFO"` for execution logs and use access logs for auditing.',
  references: [DATA_TRACE_REF, 'https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html', 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_method_settings#data_trace_enabled'],
  standards: { dsss: ['8'], govuk: ['9'], sbd: ['8'], caf: ['B3'], cwe: ['CWE-532'] },
  equivalents: {},
  resources: ['aws_api_gateway_method_settings', 'aws_apigatewayv2_stage'],
  check(inst, r) {
    const holders = inst.resourceType === 'aws_api_gateway_method_settings' ? inst.blocks('settings') : [...inst.blocks('default_route_settings'), ...inst.blocks('route_settings')];
    for (const s of holders) {
      const a = s.get('data_trace_enabled');
      if (s.expansionKnown && a && boolState(a) === 'true') r.attr(inst, a, 'enabled');
    }
  },
});

// ---------------------------------------------------------------- Lambda permissions

const lambdaSourceArn = awsRule({
  name: 'lambda-permission-source-arn',
  title: 'Lambda permission lets an AWS service invoke the function on behalf of any account',
  description:
    'A resource-based permission granted to a service principal (`s3.amazonaws.com`, `sns.amazonaws.com`, `events.amazonaws.com`…) without `source_arn` or `source_account` lets that service invoke the function for any resource of any AWS account — another account\'s bucket or topic can trigger it (the confused-deputy problem).',
  severity: 'medium',
  messages: {
    missing: '{{address}} grants {{action}} to {{principal}} without source_arn or source_account; set source_arn to the resource that invokes the function.',
  },
  remediation: 'Set `source_arn` to the ARN of the bucket, topic, rule, API or log group that invokes the function (and `source_account` for S3, whose bucket ARNs carry no account).',
  references: ['https://docs.aws.amazon.com/lambda/latest/dg/permissions-function-services.html', 'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html'],
  standards: { sbd: ['7', '8'], caf: ['B2'], cwe: ['CWE-441', 'CWE-284'] },
  equivalents: { checkov: ['CKV_AWS_364'], tfsec: ['aws-lambda-restrict-source-arn'], trivy: ['AVD-AWS-0067'] },
  resources: ['aws_lambda_permission'],
  check(inst, r) {
    const p = inst.get('principal');
    const principal = p ? asString(p.value) : undefined;
    if (!principal || !/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/.test(principal)) return;
    if (isSet(inst, 'source_arn') || isSet(inst, 'source_account')) return;
    r.missing(inst, 'missing', { action: JSON.stringify(strAt(inst, 'action') ?? 'lambda:InvokeFunction'), principal: JSON.stringify(principal) });
  },
});

export const messagingRules: Rule[] = [mqPublic, mqLogging, mqAudit, apiCache, apiDataTrace, lambdaSourceArn];
