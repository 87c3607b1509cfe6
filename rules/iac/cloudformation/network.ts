import type { Rule } from '../../../src/model/rule.js';
import { entry, get, isMap, isScalar, isSeq, type DataEntry, type DataMap, type DataNode } from '../../../src/parsers/data/tree.js';
import { coversAllAddresses } from '../cidr.js';
import { at, bool, CFN_LOGGING_STANDARDS, CFN_STANDARDS, cfnMeta, docs, each, intrinsic, list, num, propEntry, resolve, string, typeAt, type Resource, type Template } from './cfn.js';

// ---------------------------------------------------------------- security groups
interface Ingress {
  map: DataMap;
  cidr: DataEntry;
  cidrValue: string;
  protocol: string;
  from?: number;
  to?: number;
}

/** Ingress rules open to the whole internet, from inline groups and standalone ingress resources. */
function openIngress(ctx: Parameters<NonNullable<Rule['check']>>[0], fn: (i: Ingress, group: string) => void): void {
  each(ctx, ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress'], (r, t) => {
    const rules: DataNode[] = r.type === 'AWS::EC2::SecurityGroupIngress' ? [r.props] : (list(t, get(r.props, 'SecurityGroupIngress')) ?? []);
    for (const raw of rules) {
      const m = resolve(t, raw);
      if (!isMap(m)) continue;
      const cidr = entry(m, 'CidrIp') ?? entry(m, 'CidrIpv6');
      const cidrValue = cidr && string(t, cidr.value);
      if (!cidr || !cidrValue || !coversAllAddresses(cidrValue)) continue;
      const protocol = (string(t, get(m, 'IpProtocol')) ?? '').toLowerCase();
      if (!protocol) continue;
      fn({ map: m, cidr, cidrValue, protocol, from: num(t, get(m, 'FromPort')), to: num(t, get(m, 'ToPort')) }, r.name);
    }
  });
}

function allPorts(i: Ingress): boolean {
  if (i.protocol === '-1' || i.protocol === 'all') return true;
  if (!['tcp', '6', 'udp', '17'].includes(i.protocol)) return false;
  return (i.from === -1 && (i.to === -1 || i.to === undefined)) || (i.from === 0 && i.to === 65535) || (i.from !== undefined && i.to !== undefined && i.from <= 1 && i.to >= 65535);
}

function covers(i: Ingress, port: number): boolean {
  if (allPorts(i)) return false; // reported by cfn-sg-open-all-ports
  if (!['tcp', '6', 'udp', '17'].includes(i.protocol)) return false;
  if (i.from === undefined || i.to === undefined) return false;
  return i.from <= port && port <= i.to;
}

const SG_REFS = [docs('AWS::EC2::SecurityGroup'), 'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html'];

function sgPortRule(id: string, title: string, ports: Record<number, string>, description: string, equivalents: Record<string, string[]>, severity: 'high' | 'critical'): Rule {
  return {
    meta: cfnMeta({
      id,
      title,
      description,
      severity,
      messages: { open: 'Security group {{group}} allows {{port}} ({{service}}) from {{cidr}}, the whole internet; restrict the source to known CIDR ranges or security groups, or use Session Manager / a bastion / a VPN.' },
      remediation: 'Replace `0.0.0.0/0` / `::/0` with the specific CIDR ranges or source security groups that need access; reach servers through AWS Systems Manager Session Manager instead of open SSH/RDP.',
      references: SG_REFS,
      standards: { ...CFN_STANDARDS, cwe: ['CWE-284'] },
      equivalents,
    }),
    check(ctx) {
      openIngress(ctx, (i, group) => {
        for (const [p, service] of Object.entries(ports)) {
          if (covers(i, Number(p))) {
            ctx.report({ messageId: 'open', offsets: at(i.cidr), data: { group, port: `port ${p}`, service, cidr: i.cidrValue } });
            break;
          }
        }
      });
    },
  };
}

const adminPorts = sgPortRule(
  'iac/cfn-sg-open-admin-ports',
  'Security group opens SSH or RDP to the internet',
  { 22: 'SSH', 3389: 'RDP', 5985: 'WinRM', 5986: 'WinRM', 23: 'Telnet' },
  'SSH (22) and RDP (3389) open to `0.0.0.0/0` or `::/0` are scanned and brute-forced within minutes of exposure; a weak or leaked credential, or an unpatched daemon, gives an attacker a shell on the instance.',
  { checkov: ['CKV_AWS_24', 'CKV_AWS_25'], trivy: ['AVD-AWS-0107'], kics: ['6e856af2-62d7-4ba2-adc1-73b62cef9cc1', '3ae83918-7ec7-4cb8-80db-b91ef0f94002'] },
  'high',
);

const dbPorts = sgPortRule(
  'iac/cfn-sg-open-database-ports',
  'Security group opens a database port to the internet',
  { 3306: 'MySQL/Aurora', 5432: 'PostgreSQL', 1433: 'SQL Server', 1521: 'Oracle', 27017: 'MongoDB', 6379: 'Redis', 11211: 'Memcached', 9200: 'Elasticsearch/OpenSearch', 5439: 'Redshift', 9042: 'Cassandra', 5984: 'CouchDB', 7000: 'Cassandra' },
  'Databases and caches reachable from `0.0.0.0/0` are found by internet-wide scanners and attacked with default or leaked credentials and unauthenticated exploits; data stores belong in private subnets reachable only from the application tier.',
  { trivy: ['AVD-AWS-0107'] },
  'high',
);

const allPortsRule: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-sg-open-all-ports',
    title: 'Security group opens all ports to the internet',
    description: 'An ingress rule with `IpProtocol: -1` (all traffic) or the full port range from `0.0.0.0/0` or `::/0` exposes every service on the instances, including ones never meant to be public, to the whole internet.',
    severity: 'critical',
    messages: { open: 'Security group {{group}} allows {{what}} from {{cidr}}, the whole internet; allow only the ports the service needs, from known sources.' },
    remediation: 'Allow only the specific ports needed (e.g. 443) from the sources that need them.',
    references: SG_REFS,
    standards: { ...CFN_STANDARDS, cwe: ['CWE-284'] },
    equivalents: { checkov: ['CKV_AWS_277'], trivy: ['AVD-AWS-0107'], kics: ['adcd0082-e90b-4b63-862b-21899f6e6a48'] },
  }),
  check(ctx) {
    openIngress(ctx, (i, group) => {
      if (allPorts(i)) ctx.report({ messageId: 'open', offsets: at(i.cidr), data: { group, cidr: i.cidrValue, what: i.protocol === '-1' || i.protocol === 'all' ? 'all traffic (`IpProtocol: -1`)' : 'every port' } });
    });
  },
};

// ---------------------------------------------------------------- load balancers
function redirectsToHttps(t: Template, actions: DataNode | undefined): boolean {
  const items = list(t, actions);
  if (!items) return true; // unknown: not a finding
  return items.some((a) => {
    const m = resolve(t, a);
    if (!isMap(m)) return true;
    const type = string(t, get(m, 'Type'));
    if (type === 'redirect') {
      // a redirect keeps every URI part it does not set: without `Protocol` (or with `#{protocol}`) it stays on HTTP
      const cfg = get(m, 'RedirectConfig');
      if (!cfg) return false;
      const rc = resolve(t, cfg);
      if (!isMap(rc)) return true; // unknown
      const pe = entry(rc, 'Protocol');
      if (!pe) return false;
      const protocol = string(t, pe.value);
      return protocol === undefined || protocol.toUpperCase() === 'HTTPS';
    }
    return type === 'fixed-response';
  });
}

const httpListener: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-elb-http-listener',
    title: 'Load balancer serves plain HTTP',
    description: 'A listener on plain HTTP that forwards traffic (instead of redirecting to HTTPS) sends credentials, session cookies and personal data unencrypted between users and the service, where anyone on the network path can read or change them. A `redirect` action counts only when its `RedirectConfig` sets `Protocol: HTTPS`: a redirect keeps every part of the URL it does not set, so one without `Protocol` (or with `#{protocol}`) sends users to another plain-HTTP address.',
    severity: 'medium',
    messages: {
      alb: 'Listener {{name}} uses `Protocol: HTTP` and forwards traffic instead of redirecting to HTTPS; make it a `redirect` action to `HTTPS` (`StatusCode: HTTP_301`) and serve the application on an HTTPS listener.',
      classic: 'Classic load balancer {{name}} has a listener on `Protocol: HTTP`; use HTTPS/SSL listeners with a certificate.',
    },
    remediation: 'Serve on HTTPS (port 443 with an ACM certificate) and make the port 80 listener\'s default action a redirect to HTTPS.',
    references: [docs('AWS::ElasticLoadBalancingV2::Listener'), 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html#redirect-actions'],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['8'], caf: ['B3'], cwe: ['CWE-319'] },
    equivalents: { checkov: ['CKV_AWS_2'], kics: ['275a3217-ca37-40c1-a6cf-bb57d245ab32', '80908a75-586b-4c61-ab04-490f4f4525b8'] },
  }),
  check(ctx) {
    each(ctx, ['AWS::ElasticLoadBalancingV2::Listener'], (r, t) => {
      const pe = entry(r.props, 'Protocol');
      if (!pe || string(t, pe.value)?.toUpperCase() !== 'HTTP') return;
      if (redirectsToHttps(t, get(r.props, 'DefaultActions'))) return;
      ctx.report({ messageId: 'alb', offsets: at(pe), data: { name: r.name } });
    });
    each(ctx, ['AWS::ElasticLoadBalancing::LoadBalancer'], (r, t) => {
      for (const l of list(t, get(r.props, 'Listeners')) ?? []) {
        const pe = propEntry(resolve(t, l), 'Protocol');
        if (pe && string(t, pe.value)?.toUpperCase() === 'HTTP') ctx.report({ messageId: 'classic', offsets: at(pe), data: { name: r.name } });
      }
    });
  },
};

const OLD_ELB_POLICIES = /^(ELBSecurityPolicy-2016-08|ELBSecurityPolicy-2015-05|ELBSecurityPolicy-TLS-1-0-2015-04|ELBSecurityPolicy-TLS-1-1-2017-01|ELBSecurityPolicy-FS-2018-06|ELBSecurityPolicy-FS-1-1-2019-08|ELBSecurityPolicy-TLS13-1-0-2021-06|ELBSecurityPolicy-TLS13-1-1-2021-06|ELBSecurityPolicy-TLS13-1-2-Ext\d-2021-06|ELBSecurityPolicy-TLS13-1-0-PQ-2025-09|ELBSecurityPolicy-TLS13-1-1-PQ-2025-09|ELBSecurityPolicy-2011-08|ELBSecurityPolicy-2014-01|ELBSecurityPolicy-2014-10|ELBSecurityPolicy-2015-02|ELBSecurityPolicy-2015-03)$/;
const tlsPolicy: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-elb-tls-policy',
    title: 'Load balancer listener allows TLS older than 1.2',
    description: 'TLS 1.0 and 1.1 are deprecated (RFC 8996) and weak against downgrade and cipher attacks; NCSC guidance is TLS 1.2 or later. Security policies such as `ELBSecurityPolicy-2016-08` (the default when an HTTPS or TLS listener sets no `SslPolicy`, and when a Classic Load Balancer\'s HTTPS/SSL listener has no SSL negotiation policy) or `ELBSecurityPolicy-TLS-1-1-2017-01` still accept them. On Classic Load Balancers, an `SSLNegotiationPolicyType` policy attached to the listener (by `PolicyNames` or its `LoadBalancerPorts`) is checked for an old `Reference-Security-Policy` or, in a custom policy, `Protocol-SSLv2`, `Protocol-SSLv3`, `Protocol-TLSv1` or `Protocol-TLSv1.1` set to true.',
    severity: 'medium',
    messages: {
      old: 'Listener {{name}} uses `SslPolicy: {{policy}}`, which accepts TLS versions below 1.2; use `ELBSecurityPolicy-TLS13-1-2-2021-06` (or another TLS 1.2+ policy).',
      missing: 'Listener {{name}} is a {{protocol}} listener without `SslPolicy`, so the default `ELBSecurityPolicy-2016-08` (TLS 1.0+) applies; set `SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06`.',
      classicOld: 'Classic load balancer {{name}} negotiates TLS on port {{port}} with `{{policy}}`, which accepts TLS versions below 1.2; reference `ELBSecurityPolicy-TLS-1-2-2017-01` instead.',
      classicProtocol: 'Classic load balancer {{name}}\'s SSL negotiation policy {{policy}} enables `{{protocol}}`, a deprecated protocol; set it to false, or reference `ELBSecurityPolicy-TLS-1-2-2017-01` (`Reference-Security-Policy`).',
      classicDefault: 'Classic load balancer {{name}} has a {{protocol}} listener on port {{port}} with no SSL negotiation policy, so the default `ELBSecurityPolicy-2016-08` (TLS 1.0+) applies; attach an `SSLNegotiationPolicyType` policy with `Reference-Security-Policy: ELBSecurityPolicy-TLS-1-2-2017-01`.',
    },
    remediation: 'Set `SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06` (ALB) or `ELBSecurityPolicy-TLS13-1-2-2021-06` / a TLS 1.2+ policy (NLB TLS listeners).',
    references: ['https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html', 'https://www.ncsc.gov.uk/guidance/using-tls-to-protect-data'],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['8'], caf: ['B3'], cwe: ['CWE-326'] },
    equivalents: { checkov: ['CKV_AWS_103'], trivy: ['AVD-AWS-0047'], kics: ['61a94903-3cd3-4780-88ec-fc918819b9c8'] },
  }),
  check(ctx) {
    each(ctx, ['AWS::ElasticLoadBalancingV2::Listener'], (r, t) => {
      const pe = entry(r.props, 'SslPolicy');
      if (!pe) {
        // HTTPS/TLS listeners created through the API without a policy get ELBSecurityPolicy-2016-08
        const protocol = string(t, get(r.props, 'Protocol'))?.toUpperCase();
        if (protocol === 'HTTPS' || protocol === 'TLS') ctx.report({ messageId: 'missing', offsets: at(entry(r.props, 'Protocol')!), data: { name: r.name, protocol } });
        return;
      }
      const policy = string(t, pe.value);
      if (policy && OLD_ELB_POLICIES.test(policy.trim())) ctx.report({ messageId: 'old', offsets: at(pe), data: { name: r.name, policy } });
    });
    each(ctx, ['AWS::ElasticLoadBalancing::LoadBalancer'], (r, t) => classicTls(ctx, r, t));
  },
};

/** Classic predefined policies that accept TLS below 1.2 (the ELBv2 list plus the classic-only samples). */
const OLD_CLASSIC = (p: string): boolean => OLD_ELB_POLICIES.test(p) || /^ELBSample-/.test(p);
const OLD_PROTOCOLS = ['Protocol-SSLv2', 'Protocol-SSLv3', 'Protocol-TLSv1', 'Protocol-TLSv1.1'];

/** A Classic Load Balancer's HTTPS/SSL listeners and the SSL negotiation policies attached to them. */
function classicTls(ctx: Parameters<NonNullable<Rule['check']>>[0], r: Resource, t: Template): void {
  const pn = get(r.props, 'Policies');
  const policies = pn ? list(t, pn) : [];
  if (policies === undefined) return;
  const negotiation: { name: string; map: DataMap; ports: string[] | undefined }[] = [];
  const defined = new Set<string>();
  // stickiness policies are declared in their own properties and named by listeners too
  for (const prop of ['LBCookieStickinessPolicy', 'AppCookieStickinessPolicy']) {
    for (const sp of list(t, get(r.props, prop)) ?? []) {
      const n = string(t, get(resolve(t, sp), 'PolicyName'));
      if (n !== undefined) defined.add(n);
    }
  }
  for (const raw of policies) {
    const m = resolve(t, raw);
    if (!isMap(m)) return; // unknown policy: cannot tell which listener it serves
    const name = string(t, get(m, 'PolicyName'));
    if (name === undefined) return;
    defined.add(name);
    if (string(t, get(m, 'PolicyType')) !== 'SSLNegotiationPolicyType') continue;
    const lbPorts = get(m, 'LoadBalancerPorts');
    const ports = lbPorts ? list(t, lbPorts)?.map((p) => string(t, p) ?? '?') : [];
    negotiation.push({ name, map: m, ports });
  }
  for (const raw of list(t, get(r.props, 'Listeners')) ?? []) {
    const l = resolve(t, raw);
    if (!isMap(l)) continue;
    const protocol = string(t, get(l, 'Protocol'))?.toUpperCase();
    if (protocol !== 'HTTPS' && protocol !== 'SSL') continue;
    const port = string(t, get(l, 'LoadBalancerPort'));
    const pnE = entry(l, 'PolicyNames');
    const names = pnE ? list(t, pnE.value) : [];
    if (names === undefined || port === undefined) continue;
    const nameValues = names.map((n) => string(t, n));
    if (nameValues.some((n) => n === undefined)) continue;
    if (negotiation.some((p) => p.ports === undefined || p.ports.includes('?'))) continue; // ports unknown
    const attached = negotiation.filter((p) => nameValues.includes(p.name) || p.ports!.includes(port));
    // a name not defined in `Policies` is a predefined policy used directly
    const predefined = names.filter((n, i) => !defined.has(nameValues[i]!));
    for (const n of predefined) {
      const v = string(t, n)!;
      if (OLD_CLASSIC(v)) ctx.report({ messageId: 'classicOld', offsets: [n.start, n.end], data: { name: r.name, port, policy: v } });
    }
    if (!attached.length && !predefined.length) {
      ctx.report({ messageId: 'classicDefault', offsets: at(entry(l, 'Protocol')!), data: { name: r.name, protocol, port } });
      continue;
    }
    for (const p of attached) {
      const attrs = (list(t, get(p.map, 'Attributes')) ?? []).map((a) => resolve(t, a)).filter(isMap);
      const ref = attrs.find((a) => string(t, get(a, 'Name')) === 'Reference-Security-Policy');
      if (ref) {
        const ve = entry(ref, 'Value');
        const v = ve && string(t, ve.value);
        if (ve && v && OLD_CLASSIC(v.trim())) ctx.report({ messageId: 'classicOld', offsets: at(ve), data: { name: r.name, port, policy: v } });
        continue;
      }
      for (const a of attrs) {
        const protocolName = string(t, get(a, 'Name'));
        const ve = entry(a, 'Value');
        if (protocolName && OLD_PROTOCOLS.includes(protocolName) && ve && bool(t, ve.value) === true) {
          ctx.report({ messageId: 'classicProtocol', offsets: at(ve), data: { name: r.name, policy: p.name, protocol: protocolName } });
        }
      }
    }
  }
}

// ---------------------------------------------------------------- CloudFront
const DIST = 'AWS::CloudFront::Distribution';
const viewerProtocol: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-cloudfront-viewer-protocol',
    title: 'CloudFront allows plain HTTP to viewers',
    description: 'A cache behaviour with `ViewerProtocolPolicy: allow-all` serves the site over plain HTTP as well as HTTPS, so users can be downgraded and their sessions and data read or altered on the network.',
    severity: 'medium',
    messages: { allowAll: 'Distribution {{name}} has a cache behaviour with `ViewerProtocolPolicy: allow-all`; use `redirect-to-https` (or `https-only`).' },
    remediation: 'Set `ViewerProtocolPolicy: redirect-to-https` on the default and every other cache behaviour, and send an HSTS header with a response headers policy.',
    references: [docs(DIST), 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-viewers-to-cloudfront.html'],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['8'], caf: ['B3'], cwe: ['CWE-319'] },
    equivalents: { checkov: ['CKV_AWS_34'], trivy: ['AVD-AWS-0012'], kics: ['31733ee2-fef0-4e87-9778-65da22a8ecf1'] },
  }),
  check(ctx) {
    each(ctx, [DIST], (r, t) => {
      const cfg = resolve(t, get(r.props, 'DistributionConfig'));
      const behaviours = [get(cfg, 'DefaultCacheBehavior'), ...(list(t, get(cfg, 'CacheBehaviors')) ?? [])];
      for (const b of behaviours) {
        const pe = propEntry(resolve(t, b), 'ViewerProtocolPolicy');
        if (pe && string(t, pe.value) === 'allow-all') ctx.report({ messageId: 'allowAll', offsets: at(pe), data: { name: r.name } });
      }
    });
  },
};

const CF_MODERN = new Set(['TLSv1.2_2021', 'TLSv1.2_2025', 'TLSv1.3_2025']);
/** Policies that accept only TLS 1.2 and later but still offer CBC-mode (`…-SHA256`/`…-SHA384`) cipher suites. */
const CF_TLS12_CBC = new Set(['TLSv1.2_2018', 'TLSv1.2_2019']);
const cloudfrontTls: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-cloudfront-tls-version',
    title: 'CloudFront allows TLS below 1.2 or pre-2021 ciphers',
    description: 'A distribution with a custom certificate negotiates the oldest protocol its `MinimumProtocolVersion` allows: `SSLv3`, `TLSv1`, `TLSv1_2016` and `TLSv1.1_2016` accept deprecated protocols (TLS 1.0/1.1, RFC 8996). `TLSv1.2_2018` and `TLSv1.2_2019` accept only TLS 1.2 and later but still offer CBC-mode cipher suites, which `TLSv1.2_2021` drops; they are reported at low severity. The default when a certificate is set without it is `TLSv1`.',
    severity: 'medium',
    messages: {
      old: 'Distribution {{name}} sets `MinimumProtocolVersion: {{version}}`, which accepts TLS versions below 1.2; use `TLSv1.2_2021` or later.',
      ciphers: 'Distribution {{name}} sets `MinimumProtocolVersion: {{version}}`, which accepts only TLS 1.2+ but still offers CBC-mode cipher suites (such as `ECDHE-RSA-AES128-SHA256`); use `TLSv1.2_2021` or later.',
      missing: 'Distribution {{name}} uses a custom certificate without `MinimumProtocolVersion`, so it defaults to `TLSv1`; set `MinimumProtocolVersion: TLSv1.2_2021`.',
    },
    remediation: 'Set `ViewerCertificate.MinimumProtocolVersion: TLSv1.2_2021` (with `SslSupportMethod: sni-only`).',
    references: [docs(DIST), 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html'],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['8'], caf: ['B3'], cwe: ['CWE-326'] },
    equivalents: { checkov: ['CKV_AWS_174'], trivy: ['AVD-AWS-0013'], kics: ['dc17ee4b-ddf2-4e23-96e8-7a36abad1303'] },
  }),
  check(ctx) {
    each(ctx, [DIST], (r, t) => {
      const ve = propEntry(resolve(t, get(r.props, 'DistributionConfig')), 'ViewerCertificate');
      const vc = ve && resolve(t, ve.value);
      if (!ve || !isMap(vc)) return;
      if (bool(t, get(vc, 'CloudFrontDefaultCertificate')) === true) return;
      const me = entry(vc, 'MinimumProtocolVersion');
      if (!me) {
        if (get(vc, 'AcmCertificateArn') || get(vc, 'IamCertificateId')) ctx.report({ messageId: 'missing', offsets: at(ve), data: { name: r.name } });
        return;
      }
      const v = string(t, me.value);
      if (!v || CF_MODERN.has(v)) return;
      if (CF_TLS12_CBC.has(v)) ctx.report({ messageId: 'ciphers', severity: 'low', offsets: at(me), data: { name: r.name, version: v } });
      else ctx.report({ messageId: 'old', offsets: at(me), data: { name: r.name, version: v } });
    });
  },
};

// ---------------------------------------------------------------- API Gateway
const methodAuth: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-apigateway-method-auth',
    title: 'API Gateway method has no authorisation',
    description: 'A REST API method with `AuthorizationType: NONE` (the default) and no API key can be called by anyone on the internet. Unless the endpoint is deliberately public, it needs IAM, a Cognito user pool or a Lambda authoriser. CORS pre-flight `OPTIONS` methods are exempt.',
    severity: 'medium',
    messages: {
      none: 'Method {{name}} ({{method}}) has `AuthorizationType: NONE` and no API key; use `AWS_IAM`, `COGNITO_USER_POOLS` or `CUSTOM` with an authoriser, unless it is deliberately public.',
      missing: 'Method {{name}} ({{method}}) sets no `AuthorizationType` (default `NONE`) and no API key; add an authoriser, unless it is deliberately public.',
    },
    remediation: 'Set `AuthorizationType` to `AWS_IAM`, `COGNITO_USER_POOLS` or `CUSTOM` (with `AuthorizerId`); for deliberately public endpoints, document it and add throttling and WAF.',
    references: [docs('AWS::ApiGateway::Method'), 'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html'],
    standards: { ...CFN_STANDARDS, caf: ['B2'], cwe: ['CWE-306'] },
    equivalents: { checkov: ['CKV_AWS_59'], kics: ['1056dfbb-5802-4762-bf2b-8b9b9684b1b0'] },
  }),
  check(ctx) {
    each(ctx, ['AWS::ApiGateway::Method'], (r, t) => {
      const method = string(t, get(r.props, 'HttpMethod'));
      if (!method || method.toUpperCase() === 'OPTIONS') return;
      if (bool(t, get(r.props, 'ApiKeyRequired')) === true) return;
      const ae = entry(r.props, 'AuthorizationType');
      if (!ae) return ctx.report({ messageId: 'missing', offsets: typeAt(r), data: { name: r.name, method } });
      if (string(t, ae.value)?.toUpperCase() === 'NONE') ctx.report({ messageId: 'none', offsets: at(ae), data: { name: r.name, method } });
    });
  },
};

/**
 * The stage a deployment's `StageName` creates, as shown in a message: the name when known, a
 * stand-in when it is a `Ref`/`Fn::Sub`/`Fn::Join` (still always some name);
 * undefined when there is none, it is empty, or it may not be set (`Fn::If`, other intrinsics).
 */
function deploymentStage(t: Template, node: DataNode | undefined): string | undefined {
  if (!node) return undefined;
  const v = string(t, node);
  if (v !== undefined) return v.trim() ? `\`${v}\`` : undefined;
  const fn = intrinsic(node);
  return fn && ['Ref', 'Fn::Sub', 'Fn::Join'].includes(fn.fn) ? 'named by its `StageName`' : undefined;
}

/** An access log setting that is a map without a `DestinationArn` (or with an empty one) sends the logs nowhere. */
function noDestination(t: Template, setting: DataNode | undefined): boolean {
  const m = resolve(t, setting);
  if (!isMap(m)) return false; // unknown
  const d = entry(m, 'DestinationArn');
  return !d || string(t, d.value)?.trim() === '';
}

const SAM_API = 'AWS::Serverless::Api';
const SAM_HTTP_API = 'AWS::Serverless::HttpApi';

const stageLogging: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-apigateway-access-logging',
    title: 'API Gateway stage has no access logging',
    description: 'Access logs record who called which API route, when, from where and with what result. Without them, abuse, credential stuffing or data scraping through the API cannot be detected or investigated. An access log setting with a `Format` but no `DestinationArn` delivers nothing. SAM `AWS::Serverless::Api`/`AWS::Serverless::HttpApi` resources are checked too, with the template\'s `Globals` section taken into account (unless the resource opts out with `IgnoreGlobals`).',
    severity: 'low',
    messages: {
      missing: 'Stage {{name}} has no `{{property}}`; send access logs to a CloudWatch log group (`DestinationArn`, `Format`).',
      deployment: 'Deployment {{name}} creates stage {{stage}} without `StageDescription.AccessLogSetting`; add it (`DestinationArn`, `Format`) or declare the stage as an `AWS::ApiGateway::Stage` with `AccessLogSetting`.',
      sam: 'Serverless API {{name}} has no `{{property}}` {{globals}}, so its stage writes no access logs; add `{{property}}` with `DestinationArn` (a log group ARN) and `Format`.',
      noDestination: '`{{property}}` of {{name}} has no `DestinationArn`, so access logs are not delivered anywhere; set it to a CloudWatch Logs log group (or Firehose stream) ARN.',
    },
    remediation: 'Add `AccessLogSetting` (REST, `AWS::ApiGateway::Stage` or SAM `AWS::Serverless::Api`, or `StageDescription.AccessLogSetting` on a deployment that creates its stage with `StageName`) or `AccessLogSettings` (HTTP/WebSocket, `AWS::ApiGatewayV2::Stage` or SAM `AWS::Serverless::HttpApi`) with a log group ARN and a JSON format.',
    references: [docs('AWS::ApiGateway::Stage'), docs('AWS::ApiGateway::Deployment'), 'https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html', 'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-api.html'],
    standards: { ...CFN_LOGGING_STANDARDS, cwe: ['CWE-778'] },
    equivalents: { checkov: ['CKV_AWS_76', 'CKV_AWS_95'], trivy: ['AVD-AWS-0001'], kics: ['80d45af4-4920-4236-a56e-b7ef419d1941'] },
  }),
  check(ctx) {
    each(ctx, ['AWS::ApiGateway::Stage', 'AWS::ApiGatewayV2::Stage'], (r, t) => {
      const property = r.type === 'AWS::ApiGateway::Stage' ? 'AccessLogSetting' : 'AccessLogSettings';
      const e = entry(r.props, property);
      if (!e) ctx.report({ messageId: 'missing', offsets: typeAt(r), data: { name: r.name, property } });
      else if (noDestination(t, e.value)) ctx.report({ messageId: 'noDestination', offsets: at(e), data: { name: r.name, property } });
    });
    // SAM APIs always create a stage (`StageName`, or `$default` for an HTTP API), logged as set on the
    // resource or for every API of that kind in the template's `Globals` section
    each(ctx, [SAM_API, SAM_HTTP_API], (r, t) => {
      const property = r.type === SAM_API ? 'AccessLogSetting' : 'AccessLogSettings';
      const own = entry(r.props, property);
      if (own) {
        if (noDestination(t, own.value)) ctx.report({ messageId: 'noDestination', offsets: at(own), data: { name: r.name, property } });
        return;
      }
      // `IgnoreGlobals: "*"` or a list naming the property opts the resource out of the Globals value
      const ignore = resolve(t, get(r.node, 'IgnoreGlobals'));
      const ignored = isScalar(ignore) ? ignore.value === '*' : isSeq(ignore) && ignore.items.some((i) => string(t, i) === property);
      const globals = get(get(t.root, 'Globals'), r.type === SAM_API ? 'Api' : 'HttpApi');
      if (globals && !isMap(globals)) return; // unknown
      const inGlobals = !!globals && !!entry(globals, property);
      if (inGlobals && !ignored) return; // logged for every API of this kind
      const where = `\`Globals.${r.type === SAM_API ? 'Api' : 'HttpApi'}.${property}\``;
      ctx.report({ messageId: 'sam', offsets: typeAt(r), data: { name: r.name, property, globals: inGlobals ? `and opts out of ${where} with \`IgnoreGlobals\`` : `(nor ${where})` } });
    });
    // A REST API deployment with `StageName` creates that stage itself, configured by `StageDescription`.
    each(ctx, ['AWS::ApiGateway::Deployment'], (r, t) => {
      const stage = deploymentStage(t, get(r.props, 'StageName'));
      if (!stage) return;
      const sd = entry(r.props, 'StageDescription');
      if (sd) {
        const m = resolve(t, sd.value);
        const setting = isMap(m) ? entry(m, 'AccessLogSetting') : undefined;
        if (setting && noDestination(t, setting.value)) return ctx.report({ messageId: 'noDestination', offsets: at(setting), data: { name: r.name, property: 'StageDescription.AccessLogSetting' } });
        if (!isMap(m) || setting) return; // unknown or logged
      }
      ctx.report({ messageId: 'deployment', offsets: sd ? at(sd) : typeAt(r), data: { name: r.name, stage } });
    });
  },
};

export const networkRules: Rule[] = [adminPorts, dbPorts, allPortsRule, httpListener, tlsPolicy, viewerProtocol, cloudfrontTls, methodAuth, stageLogging];
