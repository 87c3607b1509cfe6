/**
 * CloudFormation twins of the Terraform web-edge rules (rules/iac/terraform/aws/web.ts): CloudFront
 * logging and WAF, load balancer access logs and invalid-header dropping.
 */
import type { Rule } from '../../../src/model/rule.js';
import { entry, get, isMap, type DataEntry } from '../../../src/parsers/data/tree.js';
import { at, bool, CFN_LOGGING_STANDARDS, cfnMeta, docs, each, list, resolve, string, typeAt, type Resource, type Template } from './cfn.js';

const DIST = 'AWS::CloudFront::Distribution';

/** The distribution's `DistributionConfig` when it is a readable map. */
function distConfig(r: Resource, t: Template) {
  const cfg = resolve(t, get(r.props, 'DistributionConfig'));
  return isMap(cfg) ? cfg : undefined;
}

const cfLogging: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-cloudfront-logging',
    title: 'CloudFront distribution has no access logging',
    description: 'Access logs record every viewer request; without them there is no evidence to investigate abuse, scraping or an attack through the CDN. A distribution logs nothing unless `DistributionConfig.Logging` names a bucket or a CloudWatch Logs delivery source (`AWS::Logs::DeliverySource`) is declared for it; templates declaring any delivery source are not reported.',
    severity: 'low',
    messages: { missing: 'Distribution {{name}} has no `DistributionConfig.Logging`; enable standard logging to an S3 bucket (`Logging: { Bucket: <bucket>.s3.amazonaws.com }`) or CloudWatch Logs delivery.' },
    remediation: 'Add `Logging: { Bucket: !GetAtt LogBucket.RegionalDomainName, Prefix: cloudfront/ }` to `DistributionConfig` (the bucket needs ACLs enabled), or declare an `AWS::Logs::DeliverySource` with `LogType: ACCESS_LOGS` for the distribution.',
    references: [docs(DIST), 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/AccessLogs.html'],
    standards: { ...CFN_LOGGING_STANDARDS, cwe: ['CWE-778'] },
    equivalents: { checkov: ['CKV_AWS_86'], trivy: ['AVD-AWS-0010'], kics: ['de77cd9f-0e8b-46cc-b4a4-b6b436838642'] },
  }),
  check(ctx) {
    each(ctx, [DIST], (r, t) => {
      if (t.resources.some((x) => x.type === 'AWS::Logs::DeliverySource')) return;
      const cfg = distConfig(r, t);
      if (cfg && !entry(cfg, 'Logging')) ctx.report({ messageId: 'missing', offsets: typeAt(r), data: { name: r.name } });
    });
  },
};

const cfWaf: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-cloudfront-waf',
    title: 'CloudFront distribution has no WAF web ACL',
    description: 'AWS WAF in front of a distribution blocks common web exploits (SQL injection, XSS, known bad inputs), bots and floods before they reach the origin. Without `DistributionConfig.WebACLId` every request is passed on.',
    severity: 'low',
    messages: { missing: 'Distribution {{name}} does not set `DistributionConfig.WebACLId`; associate an AWS WAF web ACL (scope CLOUDFRONT) with managed rule groups.' },
    remediation: 'Create an `AWS::WAFv2::WebACL` with `Scope: CLOUDFRONT` (in us-east-1, e.g. with AWSManagedRulesCommonRuleSet) and set `WebACLId` to its ARN.',
    references: [docs(DIST), 'https://docs.aws.amazon.com/waf/latest/developerguide/cloudfront-features.html'],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['7'], caf: ['B4'], cwe: ['CWE-693'] },
    equivalents: { checkov: ['CKV_AWS_68'], trivy: ['AVD-AWS-0011'], kics: ['0f139403-303f-467c-96bd-e717e6cfd62d'] },
  }),
  check(ctx) {
    each(ctx, [DIST], (r, t) => {
      const cfg = distConfig(r, t);
      if (cfg && !entry(cfg, 'WebACLId')) ctx.report({ messageId: 'missing', offsets: typeAt(r), data: { name: r.name } });
    });
  },
};

// ---------------------------------------------------------------- Elastic Load Balancing

const ELBV2 = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
const CLASSIC = 'AWS::ElasticLoadBalancing::LoadBalancer';

/** An application load balancer (the default `Type`); undefined when the type cannot be read. */
function isApplication(r: Resource, t: Template): boolean | undefined {
  const e = entry(r.props, 'Type');
  if (!e) return true;
  const v = string(t, e.value);
  return v === undefined ? undefined : v === 'application';
}

type AttrState = { state: 'missing'; attrs?: DataEntry } | { state: 'unknown' } | { state: 'set'; value: DataEntry };

/** A `LoadBalancerAttributes` key's `Value` entry: `missing` only when every listed key can be read. */
function lbAttribute(r: Resource, t: Template, key: string): AttrState {
  const attrs = entry(r.props, 'LoadBalancerAttributes');
  if (!attrs) return { state: 'missing' };
  const items = list(t, attrs.value);
  if (!items) return { state: 'unknown' };
  let unreadable = false;
  for (const i of items) {
    const m = resolve(t, i);
    const k = isMap(m) ? string(t, get(m, 'Key')) : undefined;
    if (!isMap(m) || k === undefined) unreadable = true;
    else if (k === key) {
      const v = entry(m, 'Value');
      return v ? { state: 'set', value: v } : { state: 'unknown' };
    }
  }
  return unreadable ? { state: 'unknown' } : { state: 'missing', attrs };
}

const lbAccessLogs: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-elb-access-logs',
    title: 'Load balancer access logging not enabled',
    description: 'Access logs record every request an application or classic load balancer receives: client address, path, status, TLS details. Without them there is no record to investigate abuse, credential stuffing or an attack on the application. An application load balancer logs nothing unless the attribute `access_logs.s3.enabled` is `true`; a classic load balancer, unless `AccessLoggingPolicy.Enabled` is true. Network and gateway load balancers are not checked (their logs cover only TLS listeners, or do not exist).',
    severity: 'low',
    messages: {
      missing: 'Load balancer {{name}} does not set the attribute `access_logs.s3.enabled` (defaults to false), so requests are not logged; add `{ Key: access_logs.s3.enabled, Value: "true" }` with `access_logs.s3.bucket`.',
      disabled: 'Load balancer {{name}} sets `access_logs.s3.enabled` to {{value}}, so requests are not logged; set it to "true".',
      classicMissing: 'Classic load balancer {{name}} has no `AccessLoggingPolicy`, so requests are not logged; add `AccessLoggingPolicy: { Enabled: true, S3BucketName: <bucket> }`.',
      classicDisabled: 'Classic load balancer {{name}} sets `AccessLoggingPolicy.Enabled: {{value}}`, so requests are not logged; set it to true.',
    },
    remediation: 'For an application load balancer add `LoadBalancerAttributes` `{ Key: access_logs.s3.enabled, Value: "true" }` and `{ Key: access_logs.s3.bucket, Value: <bucket> }`; for a classic one, `AccessLoggingPolicy: { Enabled: true, S3BucketName: <bucket> }`. The bucket policy must let Elastic Load Balancing write to it (SSE-S3 encryption).',
    references: [docs(ELBV2), 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html', docs(CLASSIC)],
    standards: { ...CFN_LOGGING_STANDARDS, cwe: ['CWE-778'] },
    equivalents: { checkov: ['CKV_AWS_91', 'CKV_AWS_92'], kics: ['c62e8b7d-1fdf-4050-ac4c-76ba9e1d9621', 'ee12ad32-2863-4c0f-b13f-28272d115028'] },
  }),
  check(ctx) {
    each(ctx, [ELBV2, CLASSIC], (r, t) => {
      if (r.type === CLASSIC) {
        const pe = entry(r.props, 'AccessLoggingPolicy');
        if (!pe) return ctx.report({ messageId: 'classicMissing', offsets: typeAt(r), data: { name: r.name } });
        const p = resolve(t, pe.value);
        const en = isMap(p) ? entry(p, 'Enabled') : undefined;
        if (en && bool(t, en.value) === false) ctx.report({ messageId: 'classicDisabled', offsets: at(en), data: { name: r.name, value: String(string(t, en.value)) } });
        return;
      }
      if (isApplication(r, t) !== true) return;
      const a = lbAttribute(r, t, 'access_logs.s3.enabled');
      if (a.state === 'missing') ctx.report({ messageId: 'missing', offsets: a.attrs ? at(a.attrs) : typeAt(r), data: { name: r.name } });
      else if (a.state === 'set' && bool(t, a.value.value) === false) ctx.report({ messageId: 'disabled', offsets: at(a.value), data: { name: r.name, value: JSON.stringify(string(t, a.value.value)) } });
    });
  },
};

const DROP = 'routing.http.drop_invalid_header_fields.enabled';
const lbDropHeaders: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-elb-drop-invalid-headers',
    title: 'Application load balancer does not drop invalid HTTP headers',
    description: `Unless the attribute \`${DROP}\` is \`true\` (it defaults to false) an application load balancer forwards headers whose names are not valid HTTP, which back-ends may parse differently — a building block of HTTP request smuggling and header injection. Network and gateway load balancers are not checked.`,
    severity: 'low',
    messages: {
      missing: `Application load balancer {{name}} does not set the attribute \`${DROP}\` (defaults to false); add \`{ Key: ${DROP}, Value: "true" }\`.`,
      disabled: `Application load balancer {{name}} sets \`${DROP}\` to {{value}}; set it to "true".`,
    },
    remediation: `Add \`{ Key: ${DROP}, Value: "true" }\` to \`LoadBalancerAttributes\` (and consider \`routing.http.desync_mitigation_mode: strictest\`).`,
    references: [docs(ELBV2), 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-attributes'],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['7'], caf: ['B4'], cwe: ['CWE-444'] },
    equivalents: { checkov: ['CKV_AWS_131'], trivy: ['AVD-AWS-0052'] },
  }),
  check(ctx) {
    each(ctx, [ELBV2], (r, t) => {
      if (isApplication(r, t) !== true) return;
      const a = lbAttribute(r, t, DROP);
      if (a.state === 'missing') ctx.report({ messageId: 'missing', offsets: a.attrs ? at(a.attrs) : typeAt(r), data: { name: r.name } });
      else if (a.state === 'set' && bool(t, a.value.value) === false) ctx.report({ messageId: 'disabled', offsets: at(a.value), data: { name: r.name, value: JSON.stringify(string(t, a.value.value)) } });
    });
  },
};

export const edgeRules: Rule[] = [cfLogging, cfWaf, lbAccessLogs, lbDropHeaders];
