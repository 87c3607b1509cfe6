import type { Rule } from '../../../../src/model/rule.js';
import { asString, isTrue, type BlockView, type ResourceInstance } from '../../../../src/terraform/index.js';
import { awsRule, boolState, isSet, knownStrings, mustBeTrue, strAt, tamSource, type AwsReporter } from './util.js';

const TRANSIT = { sbd: ['7'], caf: ['B3'], cwe: ['CWE-319'] };
const LOGGING = { sbd: ['5', '7'], caf: ['C1'], cwe: ['CWE-778'] };
const LISTENERS = ['aws_lb_listener', 'aws_alb_listener'];

// ---------------------------------------------------------------- Load balancers

function redirectsToHttps(inst: ResourceInstance): boolean {
  return inst.blocks('default_action').some((a) => {
    const type = strAt(a, 'type');
    if (type === 'fixed-response') return true;
    if (type !== 'redirect') return false;
    const rd = a.blocks('redirect')[0];
    // without protocol a redirect keeps the request's protocol (#{protocol})
    return !!rd && strAt(rd, 'protocol')?.toUpperCase() === 'HTTPS';
  });
}

/**
 * The load balancer a listener belongs to, when `load_balancer_arn` refers to one in this
 * configuration (`aws_lb.web.arn`) and it is declared `internal = true`.
 */
function internalLoadBalancer(inst: ResourceInstance): ResourceInstance | undefined {
  const v = inst.get('load_balancer_arn')?.value;
  if (!v || typeof v !== 'object' || !('kind' in v) || v.kind !== 'reference') return undefined;
  if (v.mode !== 'managed' || (v.type !== 'aws_lb' && v.type !== 'aws_alb')) return undefined;
  const lbs = inst.module.resources(v.type).filter((lb) => lb.name === v.name);
  // with count/for_each, every instance must be internal
  return lbs.length > 0 && lbs.every((lb) => isTrue(lb.get('internal')?.value) === true) ? lbs[0] : undefined;
}

/**
 * Whether a module `version` constraint admits only releases whose major version is below `major`: some
 * clause is an exact version (`6.10.0`, `= 6.10.0`), a pessimistic constraint on two or more parts
 * (`~> 8.0`, `~> 8.2.1`), or an upper bound (`< 9.0.0`, `<= 8.4`) under it. Anything else (`>= 6.0`,
 * `~> 8`, unreadable text) admits later releases, or may, and gives false.
 */
export function majorBelow(constraint: string, major: number): boolean {
  return constraint.split(',').some((clause) => {
    const m = /^\s*(=|~>|<=|<)?\s*v?(\d+)((?:\.\d+)*)(?:[-+][\w.-]*)?\s*$/.exec(clause);
    if (!m) return false;
    const op = m[1] ?? '=';
    const first = Number(m[2]);
    const rest = m[3].split('.').filter(Boolean).map(Number);
    if (op === '=' || op === '<=') return first < major;
    if (op === '~>') return rest.length > 0 && first < major;
    // "<": every release below first.rest; below `major` when first < major, or first == major with nothing after it
    return first < major || (first === major && rest.every((n) => n === 0));
  });
}

const listenerHttp = awsRule({
  name: 'lb-listener-http',
  title: 'Load balancer listener serves plain HTTP',
  description:
    'An HTTP listener that forwards requests (instead of redirecting them to HTTPS) carries session cookies, credentials and personal data in clear text between users and the load balancer, open to interception and tampering. On a load balancer declared `internal = true` (reachable only inside the VPC, typically behind a TLS-terminating proxy or CDN) the clear text stays on the private network: still worth encrypting, so reported at low.',
  severity: 'medium',
  messages: {
    http: 'protocol is {{actual}}{{from}} in {{address}} and the default action does not redirect to HTTPS; redirect HTTP to HTTPS (type = "redirect", protocol = "HTTPS", status_code = "HTTP_301").',
    missing: '{{address}} sets no protocol (an application load balancer listener defaults to HTTP) and does not redirect to HTTPS; use HTTPS with a certificate.',
    internal: 'protocol is {{actual}}{{from}} in {{address}} on the internal load balancer {{lb}}, so requests cross the VPC in clear text; use HTTPS with a private certificate if the traffic carries personal data or credentials.',
  },
  remediation: 'Serve the application on an HTTPS listener with an ACM certificate, and make the HTTP listener\'s default action a redirect to HTTPS.',
  references: ['https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html', 'https://repost.aws/knowledge-center/elb-redirect-http-to-https-using-alb'],
  standards: TRANSIT,
  equivalents: { checkov: ['CKV_AWS_2'], tfsec: ['aws-elb-http-not-used'], trivy: ['AVD-AWS-0054'], kics: ['de7f5e83-da88-4046-871f-ea18504b1d43'] },
  resources: LISTENERS,
  check(inst, r) {
    if (redirectsToHttps(inst)) return;
    const a = inst.get('protocol');
    if (!a) {
      if (!isSet(inst, 'certificate_arn') && !isSet(inst, 'ssl_policy')) r.missing(inst, 'missing');
      return;
    }
    if (asString(a.value)?.toUpperCase() !== 'HTTP') return;
    const lb = internalLoadBalancer(inst);
    if (lb) r.attr(inst, a, 'internal', { lb: `${lb.resourceType}.${lb.name}` }, { severity: 'low' });
    else r.attr(inst, a, 'http');
  },
});

/** ELB security policies that still accept TLS 1.0 or 1.1. */
export const OUTDATED_ELB_POLICIES = [
  'ELBSecurityPolicy-2016-08',
  'ELBSecurityPolicy-2015-05',
  'ELBSecurityPolicy-TLS-1-0-2015-04',
  'ELBSecurityPolicy-TLS-1-1-2017-01',
  'ELBSecurityPolicy-FS-2018-06',
  'ELBSecurityPolicy-FS-1-1-2019-08',
  'ELBSecurityPolicy-TLS13-1-0-2021-06',
  'ELBSecurityPolicy-TLS13-1-1-2021-06',
  'ELBSecurityPolicy-TLS13-1-0-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-1-PQ-2025-09',
];

function outdatedPolicy(name: string): boolean {
  // the date-only names (ELBSecurityPolicy-2011-08 … -2016-08) all accept TLS 1.0
  return OUTDATED_ELB_POLICIES.includes(name) || /^ELBSecurityPolicy-TLS13-1-[01]-/.test(name) || /^ELBSecurityPolicy-20\d\d-\d\d$/.test(name);
}

/** Protocols a classic load balancer's SSL negotiation policy can enable that are broken or deprecated. */
const OLD_CLASSIC_PROTOCOLS = /^Protocol-(SSLv2|SSLv3|TLSv1|TLSv1\.1)$/;

/** A classic load balancer SSL negotiation policy (`aws_load_balancer_policy`): enabled old protocols, or an outdated predefined policy it copies. */
function checkClassicPolicy(inst: ResourceInstance, r: AwsReporter): void {
  if (strAt(inst, 'policy_type_name') !== 'SSLNegotiationPolicyType') return;
  for (const pa of inst.blocks('policy_attribute')) {
    if (!pa.expansionKnown) continue;
    const name = strAt(pa, 'name');
    const value = pa.get('value');
    if (!name || !value) continue;
    if (OLD_CLASSIC_PROTOCOLS.test(name) && isTrue(value.value) === true) {
      r.attr(inst, pa.get('name')!, 'classicProtocol', { protocol: name.slice('Protocol-'.length) });
    } else if (name === 'Reference-Security-Policy') {
      const ref = asString(value.value);
      if (ref && outdatedPolicy(ref)) r.attr(inst, value, 'classicReference');
    }
  }
}

const listenerTls = awsRule({
  name: 'lb-listener-tls-policy',
  title: 'Load balancer listener allows TLS 1.0 or 1.1',
  description:
    'TLS 1.0 and 1.1 are deprecated (RFC 8996) and vulnerable to downgrade attacks. ELB security policies such as `ELBSecurityPolicy-2016-08` — the default when `ssl_policy` is not set — still accept them. NCSC guidance is TLS 1.2 or later. Classic load balancers take theirs from an `aws_load_balancer_policy` of type `SSLNegotiationPolicyType`: one that sets `Protocol-SSLv3`, `Protocol-TLSv1` or `Protocol-TLSv1.1` to true, or whose `Reference-Security-Policy` is such an outdated predefined policy, is reported too.',
  severity: 'medium',
  messages: {
    outdated: 'ssl_policy is {{actual}}{{from}} in {{address}}, which accepts TLS 1.0/1.1; use "ELBSecurityPolicy-TLS13-1-2-2021-06" (or another TLS 1.2+ policy).',
    missing: '{{address}} is a {{protocol}} listener without ssl_policy, so the default ELBSecurityPolicy-2016-08 (TLS 1.0+) applies; set ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06".',
    classicProtocol: 'The SSL negotiation policy {{address}} enables {{protocol}}{{from}}; set it to false (or remove it) and keep only Protocol-TLSv1.2, or reference "ELBSecurityPolicy-TLS-1-2-2017-01".',
    classicReference: 'The SSL negotiation policy {{address}} references {{actual}}{{from}}, which accepts TLS 1.0/1.1; reference "ELBSecurityPolicy-TLS-1-2-2017-01" instead.',
  },
  remediation: 'Set `ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06"` (or `ELBSecurityPolicy-TLS13-1-2-Res-2021-06` / an FS-1-2 policy).',
  references: ['https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html', 'https://www.ncsc.gov.uk/guidance/using-tls-to-protect-data'],
  standards: { sbd: ['7'], caf: ['B3'], cwe: ['CWE-326', 'CWE-327'] },
  equivalents: { checkov: ['CKV_AWS_103'], tfsec: ['aws-elb-use-secure-tls-policy'], trivy: ['AVD-AWS-0047'], kics: ['126c1788-23c2-4a10-906c-ef179f4f96ec'] },
  resources: [...LISTENERS, 'aws_load_balancer_policy'],
  check(inst, r) {
    if (inst.resourceType === 'aws_load_balancer_policy') return checkClassicPolicy(inst, r);
    const protocol = strAt(inst, 'protocol')?.toUpperCase();
    if (protocol !== 'HTTPS' && protocol !== 'TLS') return;
    const a = inst.get('ssl_policy');
    if (!a) return r.missing(inst, 'missing', { protocol });
    const p = asString(a.value);
    if (p && outdatedPolicy(p)) r.attr(inst, a, 'outdated');
  },
});

const dropHeaders = mustBeTrue({
  name: 'lb-drop-invalid-headers',
  title: 'Application load balancer does not drop invalid HTTP headers',
  description:
    'With `drop_invalid_header_fields = false` (the default) an ALB forwards headers whose names are not valid HTTP, which back-ends may parse differently — a building block of HTTP request smuggling and header injection.',
  severity: 'low',
  resources: ['aws_lb', 'aws_alb'],
  path: 'drop_invalid_header_fields',
  defaultFalse: true,
  what: 'drop headers with invalid names before they reach targets',
  remediation: 'Set `drop_invalid_header_fields = true` (and consider `desync_mitigation_mode = "strictest"`).',
  references: ['https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-attributes'],
  standards: { sbd: ['7'], caf: ['B4'], cwe: ['CWE-444'] },
  equivalents: { checkov: ['CKV_AWS_131'], tfsec: ['aws-elb-drop-invalid-headers'], trivy: ['AVD-AWS-0052'], kics: ['6e3fd2ed-5c83-4c68-9679-7700d224d379'] },
  skip: (inst) => {
    const t = inst.get('load_balancer_type');
    if (!t) return false;
    return asString(t.value) !== 'application';
  },
  // terraform-aws-modules/alb passes the input to aws_lb; its default changed (false before v9, true since), so an
  // unset input is reported only when the call's `version` constraint admits no release from v9 on
  modules: [
    {
      source: tamSource('alb'),
      check(call, r) {
        const t = call.get('load_balancer_type');
        if (t && asString(t.value) !== 'application') return;
        const a = call.get('drop_invalid_header_fields');
        const st = boolState(a);
        if (st === 'false') r.attr(call, a!, 'disabled', { attribute: 'drop_invalid_header_fields' });
        else if (st === 'missing') {
          const v = call.get('version');
          const constraint = v ? asString(v.value) : undefined;
          if (constraint && majorBelow(constraint, 9)) r.missing(call, 'missing', { attribute: 'drop_invalid_header_fields' });
        }
      },
    },
  ],
});


const lbAccessLogs = awsRule({
  name: 'lb-access-logs',
  title: 'Load balancer access logging is not enabled',
  description:
    'Access logs record every request an application or classic load balancer receives: client address, path, status, TLS details. Without them there is no record to investigate abuse, credential stuffing or an attack on the application. An `aws_lb`/`aws_alb` logs nothing unless an `access_logs` block sets `enabled = true` (the provider defaults it to false even when a bucket is named); an `aws_elb` logs when it has an `access_logs` block, unless `enabled = false`. Network and gateway load balancers are not checked (their logs cover only TLS listeners, or do not exist).',
  severity: 'low',
  messages: {
    missing: '{{address}} has no access_logs block, so requests are not logged; add access_logs { bucket = <log bucket>, enabled = true }.',
    enabledMissing: 'The access_logs block of {{address}} does not set enabled (defaults to false), so requests are not logged; set enabled = true.',
    disabled: 'access_logs.enabled is {{actual}}{{from}} in {{address}}, so requests are not logged; set enabled = true.',
  },
  remediation:
    'Add `access_logs { bucket = aws_s3_bucket.lb_logs.id, prefix = "<name>", enabled = true }` with a bucket whose policy lets Elastic Load Balancing write to it (SSE-S3 encryption; SSE-KMS is not supported for ALB logs).',
  references: ['https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html', 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lb#access_logs-block'],
  standards: LOGGING,
  equivalents: { checkov: ['CKV_AWS_91', 'CKV_AWS_92'] },
  resources: ['aws_lb', 'aws_alb', 'aws_elb'],
  check(inst, r) {
    const classic = inst.resourceType === 'aws_elb';
    if (!classic) {
      const t = inst.get('load_balancer_type');
      // network load balancers log TLS listeners only; gateway load balancers have no access logs
      if (t && asString(t.value) !== 'application') return;
    }
    const b = inst.blocks('access_logs')[0];
    if (!b) {
      // `access_logs = <expression>` (JSON syntax, or a value that is not an object literal): not read here
      if (!inst.attribute('access_logs')) r.missing(inst, 'missing');
      return;
    }
    if (!b.expansionKnown) return;
    const a = b.get('enabled');
    const st = boolState(a);
    if (st === 'missing') {
      if (!classic) r.block(inst, b, 'enabledMissing');
    } else if (st === 'false') r.attr(inst, a!, 'disabled');
  },
});

// ---------------------------------------------------------------- CloudFront

const CF = ['aws_cloudfront_distribution'];

function behaviours(inst: ResourceInstance): BlockView[] {
  return [...inst.blocks('default_cache_behavior'), ...inst.blocks('ordered_cache_behavior')];
}

const cfViewer = awsRule({
  name: 'cloudfront-viewer-protocol',
  title: 'CloudFront cache behaviour allows plain HTTP',
  description:
    '`viewer_protocol_policy = "allow-all"` serves content over HTTP as well as HTTPS, so pages, cookies and API responses can be read or modified in transit, and HTTPS-only cookies stop protecting sessions.',
  severity: 'medium',
  messages: {
    allowAll: 'viewer_protocol_policy is {{actual}}{{from}} in a cache behaviour of {{address}}; expected "redirect-to-https" or "https-only".',
  },
  remediation: 'Set `viewer_protocol_policy = "redirect-to-https"` (or `"https-only"`) in `default_cache_behavior` and every `ordered_cache_behavior`.',
  references: ['https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-viewers-to-cloudfront.html'],
  standards: TRANSIT,
  equivalents: { checkov: ['CKV_AWS_34'], tfsec: ['aws-cloudfront-enforce-https'], trivy: ['AVD-AWS-0012'], kics: ['55af1353-2f62-4fa0-a8e1-a210ca2708f5'] },
  resources: CF,
  check(inst, r) {
    for (const b of behaviours(inst)) {
      const a = b.get('viewer_protocol_policy');
      if (a && asString(a.value) === 'allow-all') r.attr(inst, a, 'allowAll');
    }
  },
});

const OLD_CF_TLS = new Set(['SSLv3', 'TLSv1', 'TLSv1_2016', 'TLSv1.1_2016', 'TLSv1.2_2018', 'TLSv1.2_2019']);
/** Other spellings that name SSL, TLS 1.0 or TLS 1.1 outright (`TLSv1.0`, `TLSv1.1`): not valid policy names, but unambiguous. */
const OLD_CF_TLS_SPELLING = /^(SSLv[23]|TLSv1(\.[01])?)(_\d{4})?$/i;

const cfTls = awsRule({
  name: 'cloudfront-tls-version',
  title: 'CloudFront distribution accepts outdated TLS',
  description:
    'A custom certificate with `minimum_protocol_version` older than `TLSv1.2_2021` (the default is `TLSv1`) lets viewers negotiate TLS 1.0/1.1 or weak ciphers. The default `*.cloudfront.net` certificate always allows TLS 1.0 and cannot be restricted.',
  severity: 'medium',
  messages: {
    outdated: 'minimum_protocol_version is {{actual}}{{from}} in {{address}}; expected "TLSv1.2_2021" or later.',
    missing: 'The viewer_certificate of {{address}} does not set minimum_protocol_version (defaults to "TLSv1"); set "TLSv1.2_2021".',
    defaultCert: '{{address}} uses the default CloudFront certificate, which accepts TLS 1.0; use an ACM certificate for your domain with minimum_protocol_version = "TLSv1.2_2021".',
  },
  remediation: 'Use an ACM certificate (`acm_certificate_arn`, `ssl_support_method = "sni-only"`) with `minimum_protocol_version = "TLSv1.2_2021"`.',
  references: ['https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html'],
  standards: { sbd: ['7'], caf: ['B3'], cwe: ['CWE-326'] },
  equivalents: { checkov: ['CKV_AWS_174'], tfsec: ['aws-cloudfront-use-secure-tls-policy'], trivy: ['AVD-AWS-0013'], kics: ['00e5e55e-c2ff-46b3-a757-a7a1cd802456'] },
  resources: CF,
  check(inst, r) {
    const vc = inst.blocks('viewer_certificate')[0];
    if (!vc || !vc.expansionKnown) return;
    // The provider sends an IAM or ACM certificate when one is given (not "") and only otherwise
    // cloudfront_default_certificate, so a default flag left true beside a custom certificate is ignored.
    const custom = isSet(vc, 'acm_certificate_arn') || isSet(vc, 'iam_certificate_id');
    const def = vc.get('cloudfront_default_certificate');
    if (!custom && boolState(def) === 'true') return r.attr(inst, def!, 'defaultCert', {}, { severity: 'low' });
    const a = vc.get('minimum_protocol_version');
    if (!a) {
      if (custom) r.block(inst, vc, 'missing');
      return;
    }
    const v = asString(a.value);
    if (v && (OLD_CF_TLS.has(v) || OLD_CF_TLS_SPELLING.test(v))) r.attr(inst, a, 'outdated');
  },
});


const OLD_ORIGIN_PROTOCOLS = ['SSLv3', 'TLSv1', 'TLSv1.1'];

const cfOriginTls = awsRule({
  name: 'cloudfront-origin-tls',
  title: 'CloudFront accepts outdated TLS to a custom origin',
  description:
    '`origin_ssl_protocols` lists the protocols CloudFront may negotiate with a custom origin over HTTPS. Including `SSLv3`, `TLSv1` or `TLSv1.1` lets the connection between CloudFront and the origin fall back to broken or deprecated protocols (RFC 7568, RFC 8996). The attribute is required, so there is no provider default; origins with `origin_protocol_policy = "http-only"` do not use TLS and are not checked here. AWS Security Hub control CloudFront.10 reports SSLv3; this rule follows NCSC guidance (TLS 1.2 or later) and reports TLS 1.0 and 1.1 as well.',
  severity: 'medium',
  messages: {
    outdated: 'origin_ssl_protocols is {{actual}}{{from}} for origin {{origin}} in {{address}}, which allows {{old}}; set origin_ssl_protocols = ["TLSv1.2"].',
  },
  remediation: 'Set `origin_ssl_protocols = ["TLSv1.2"]` in every `custom_origin_config` (and make sure the origin supports TLS 1.2 or later).',
  references: [
    'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-ciphers-cloudfront-to-origin.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-10',
    'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudfront_distribution#custom-origin-config-arguments',
    'https://www.ncsc.gov.uk/guidance/using-tls-to-protect-data',
  ],
  standards: { sbd: ['7'], caf: ['B3'], cwe: ['CWE-326', 'CWE-327'] },
  equivalents: {},
  resources: CF,
  check(inst, r) {
    for (const o of inst.blocks('origin')) {
      if (!o.expansionKnown) continue;
      for (const c of o.blocks('custom_origin_config')) {
        if (!c.expansionKnown) continue;
        const policy = strAt(c, 'origin_protocol_policy');
        if (policy === undefined || policy === 'http-only') continue;
        const a = c.get('origin_ssl_protocols');
        if (!a) continue;
        const old = OLD_ORIGIN_PROTOCOLS.filter((p) => knownStrings(a.value).includes(p));
        if (old.length) r.attr(inst, a, 'outdated', { origin: JSON.stringify(strAt(o, 'origin_id') ?? strAt(o, 'domain_name') ?? '?'), old: old.join(', ') });
      }
    }
  },
});

const cfWaf = awsRule({
  name: 'cloudfront-waf',
  title: 'CloudFront distribution has no WAF web ACL',
  description:
    'AWS WAF in front of a distribution blocks common web exploits (SQL injection, XSS, known bad inputs), bots and floods before they reach the origin. Without `web_acl_id` every request is passed on.',
  severity: 'low',
  messages: { missing: '{{address}} does not set web_acl_id; associate an AWS WAF web ACL (scope CLOUDFRONT) with managed rule groups.' },
  remediation: 'Create an `aws_wafv2_web_acl` with `scope = "CLOUDFRONT"` (e.g. AWSManagedRulesCommonRuleSet) and set `web_acl_id` to its ARN.',
  references: ['https://docs.aws.amazon.com/waf/latest/developerguide/cloudfront-features.html'],
  standards: { sbd: ['7'], caf: ['B4'], cwe: ['CWE-693'] },
  equivalents: { checkov: ['CKV_AWS_68'], tfsec: ['aws-cloudfront-enable-waf'], trivy: ['AVD-AWS-0011'], kics: ['1419b4c6-6d5c-4534-9cf6-6a5266085333'] },
  resources: CF,
  check(inst, r) {
    if (!isSet(inst, 'web_acl_id')) r.missing(inst, 'missing');
  },
});

const cfLogging = awsRule({
  name: 'cloudfront-logging',
  title: 'CloudFront distribution has no access logging',
  description: 'Access logs record every viewer request; without them there is no evidence to investigate abuse, scraping or an attack through the CDN.',
  severity: 'low',
  messages: { missing: '{{address}} has no logging_config; enable standard logging to an S3 bucket (or CloudWatch log delivery).' },
  remediation: 'Add `logging_config { bucket = "<log bucket>.s3.amazonaws.com" }` or configure CloudWatch Logs delivery (`aws_cloudwatch_log_delivery_source` with log_type ACCESS_LOGS).',
  references: ['https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/AccessLogs.html'],
  standards: LOGGING,
  equivalents: { checkov: ['CKV_AWS_86'], tfsec: ['aws-cloudfront-enable-logging'], trivy: ['AVD-AWS-0010'], kics: ['94690d79-b3b0-43de-b656-84ebef5753e5'] },
  resources: CF,
  check(inst, r) {
    if (inst.blocks('logging_config').length) return;
    if (inst.module.root.resources('aws_cloudwatch_log_delivery_source').length) return;
    r.missing(inst, 'missing');
  },
});

// ---------------------------------------------------------------- API Gateway

/** Methods API Gateway accepts other than OPTIONS (CORS preflight); anything else is a preflight or a value we do not know (`OPTION`). */
const CALLABLE_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'ANY']);

const apiMethodAuth = awsRule({
  name: 'apigateway-method-no-auth',
  title: 'API Gateway method has no authorisation',
  description:
    'A REST API method with `authorization = "NONE"` and no API key is callable by anyone on the internet. Unless the endpoint is deliberately public, require IAM, Cognito or a Lambda authoriser. CORS preflight (OPTIONS) methods, and `http_method` values API Gateway does not accept, are not flagged.',
  severity: 'medium',
  messages: {
    none: 'authorization is {{actual}}{{from}} on {{method}} in {{address}} and no API key is required; use AWS_IAM, COGNITO_USER_POOLS or CUSTOM, or confirm the endpoint is meant to be public.',
  },
  remediation: 'Set `authorization` to `AWS_IAM`, `COGNITO_USER_POOLS` or `CUSTOM` (with `authorizer_id`), or `api_key_required = true` with a usage plan.',
  references: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html'],
  standards: { sbd: ['7', '8'], caf: ['B2'], cwe: ['CWE-306'] },
  equivalents: { checkov: ['CKV_AWS_59'], tfsec: ['aws-api-gateway-no-public-access'], trivy: ['AVD-AWS-0004'], kics: ['15ccec05-5476-4890-ad19-53991eba1db8'] },
  resources: ['aws_api_gateway_method'],
  check(inst, r) {
    const a = inst.get('authorization');
    if (!a || asString(a.value)?.toUpperCase() !== 'NONE') return;
    const method = strAt(inst, 'http_method');
    if (method === undefined || !CALLABLE_METHODS.has(method.toUpperCase())) return;
    const key = boolState(inst.get('api_key_required'));
    if (key === 'true' || key === 'unknown') return;
    r.attr(inst, a, 'none', { method });
  },
});

const apiStageLogging = awsRule({
  name: 'apigateway-stage-access-logging',
  title: 'API Gateway stage has no access logging',
  description: 'Access logs record who called which API route, from where and with what result. Without them, abuse of the API and incidents cannot be investigated.',
  severity: 'low',
  messages: { missing: '{{address}} has no access_log_settings; send access logs to a CloudWatch log group.' },
  remediation: 'Add `access_log_settings { destination_arn = aws_cloudwatch_log_group.x.arn, format = jsonencode({...}) }`.',
  references: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html'],
  standards: LOGGING,
  equivalents: { checkov: ['CKV_AWS_76', 'CKV_AWS_95'], tfsec: ['aws-api-gateway-enable-access-logging'], trivy: ['AVD-AWS-0001'], kics: ['1b6799eb-4a7a-4b04-9001-8cceb9999326'] },
  resources: ['aws_api_gateway_stage', 'aws_apigatewayv2_stage'],
  check(inst, r) {
    if (!inst.blocks('access_log_settings').length) r.missing(inst, 'missing');
  },
});


const apiDomainTls = awsRule({
  name: 'apigateway-domain-tls',
  title: 'API Gateway custom domain allows TLS 1.0',
  description:
    'A REST API custom domain with `security_policy = "TLS_1_0"` accepts TLS 1.0 and 1.1 connections, deprecated by RFC 8996 and open to downgrade attacks. `TLS_1_2` (or a TLS 1.3 enhanced policy) limits clients to current protocols. Only an explicit TLS 1.0 policy is reported: when the attribute is omitted AWS picks the policy.',
  severity: 'medium',
  messages: {
    outdated: 'security_policy is {{actual}}{{from}} in {{address}}, which accepts TLS 1.0 and 1.1; set security_policy = "TLS_1_2".',
  },
  remediation: 'Set `security_policy = "TLS_1_2"` (or a `SecurityPolicy_TLS13_*` enhanced policy) on the `aws_api_gateway_domain_name`.',
  references: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html', 'https://www.ncsc.gov.uk/guidance/using-tls-to-protect-data'],
  standards: { sbd: ['7'], caf: ['B3'], cwe: ['CWE-326', 'CWE-327'] },
  equivalents: { checkov: ['CKV_AWS_206'], tfsec: ['aws-api-gateway-use-secure-tls-policy'], trivy: ['AVD-AWS-0005'] },
  resources: ['aws_api_gateway_domain_name'],
  check(inst, r) {
    const a = inst.get('security_policy');
    if (a && asString(a.value)?.toUpperCase() === 'TLS_1_0') r.attr(inst, a, 'outdated');
  },
});

const HTTP_ROUTE = /^(ANY|GET|POST|PUT|PATCH|DELETE|HEAD) \//i;

const apiV2RouteAuth = awsRule({
  name: 'apigatewayv2-route-no-auth',
  title: 'API Gateway v2 route has no authorisation',
  description:
    'HTTP API routes default to `authorization_type = "NONE"`: anyone can call them. Unless the route is deliberately public, attach a JWT, IAM or Lambda authoriser. WebSocket message routes (which cannot have authorisers) are not flagged.',
  severity: 'low',
  messages: {
    none: 'authorization_type is {{actual}}{{from}} for route {{route}} in {{address}}; use JWT, AWS_IAM or CUSTOM, or confirm it is meant to be public.',
    missing: 'Route {{route}} in {{address}} sets no authorization_type (defaults to NONE); use JWT, AWS_IAM or CUSTOM, or confirm it is meant to be public.',
  },
  remediation: 'Set `authorization_type` to `JWT` (with `authorizer_id`), `AWS_IAM` or `CUSTOM`.',
  references: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-access-control.html'],
  standards: { sbd: ['7', '8'], caf: ['B2'], cwe: ['CWE-306'] },
  equivalents: { checkov: ['CKV_AWS_309'] },
  resources: ['aws_apigatewayv2_route'],
  check(inst, r) {
    const route = strAt(inst, 'route_key');
    if (!route || !(HTTP_ROUTE.test(route) || route === '$connect')) return;
    const a = inst.get('authorization_type');
    if (!a) return r.missing(inst, 'missing', { route });
    if (asString(a.value)?.toUpperCase() === 'NONE') r.attr(inst, a, 'none', { route });
  },
});

// ---------------------------------------------------------------- Lambda function URL

const lambdaUrl = awsRule({
  name: 'lambda-function-url-no-auth',
  title: 'Lambda function URL requires no authentication',
  description:
    'A function URL with `authorization_type = "NONE"` is a public HTTPS endpoint: anyone who finds it can invoke the function, run up costs and reach whatever the function\'s role can. Use `AWS_IAM` unless the function is a deliberate public endpoint that authenticates requests itself.',
  severity: 'medium',
  messages: { none: 'authorization_type is {{actual}}{{from}} in {{address}}; use "AWS_IAM" (or front the function with API Gateway and an authoriser).' },
  remediation: 'Set `authorization_type = "AWS_IAM"` and sign requests (SigV4), or put the function behind API Gateway / CloudFront with authentication.',
  references: ['https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html'],
  standards: { sbd: ['7', '8'], caf: ['B2'], cwe: ['CWE-306'] },
  equivalents: { checkov: ['CKV_AWS_258'] },
  resources: ['aws_lambda_function_url'],
  check(inst, r) {
    const a = inst.get('authorization_type');
    if (a && asString(a.value) === 'NONE') r.attr(inst, a, 'none');
  },
});

export const webRules: Rule[] = [listenerHttp, listenerTls, dropHeaders, lbAccessLogs, cfViewer, cfTls, cfOriginTls, cfWaf, cfLogging, apiMethodAuth, apiStageLogging, apiDomainTls, apiV2RouteAuth, lambdaUrl];
