/** Service exposure, Ingress TLS and RBAC. */
import type { Rule, RuleContext } from '../../../src/model/rule.js';
import type { DataMap, DataNode, DataScalar } from '../../../src/parsers/data/tree.js';
import { entry, get, isMap, isScalar, isSeq, items, str } from '../../../src/parsers/data/tree.js';
import { ACCESS_STANDARDS, annotations, entryOffsets, k8sObjects, K8S_KINDS, kindOf, nameOf, nodeOffsets, RBAC_GOOD_PRACTICES_URL, RBAC_URL, scalarItems } from './workloads.js';

const since = '0.1.0';
const SERVICE_URL = 'https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types';
const NETWORK_STANDARDS = { dsss: ['8'], govuk: ['9'], sbd: ['7'], caf: ['B4', 'B5'] };

function services(ctx: RuleContext): DataMap[] {
  return k8sObjects(ctx).filter((o) => kindOf(o) === 'Service');
}

export const serviceNodePort: Rule = {
  meta: {
    id: 'iac/k8s-service-node-port',
    title: 'Service exposed on every node with NodePort',
    description:
      'A NodePort Service opens a port on every node\'s IP address, reachable by anything that can reach the nodes and bypassing the ingress layer (and its TLS, authentication and WAF). Nodes are rarely meant to be an entry point.',
    severity: 'medium',
    kinds: K8S_KINDS,
    messages: {
      nodePort: 'Service `{{name}}` has `type: NodePort`, which exposes it on a port of every node\'s IP address; use `type: ClusterIP` behind an Ingress or Gateway.',
    },
    remediation: 'Use `type: ClusterIP` and publish the service through an Ingress or Gateway with TLS; if a node port is unavoidable, restrict access to it with firewall rules and NetworkPolicies.',
    references: [SERVICE_URL],
    standards: { ...NETWORK_STANDARDS, cwe: ['CWE-668'] },
    equivalents: { kics: ['845acfbe-3e10-4b8e-b656-3b404d36dfb2'], 'kube-linter': ['exposed-services'] },
    security: true,
    since,
  },
  check(ctx) {
    for (const s of services(ctx)) {
      const e = entry(get(s, 'spec'), 'type');
      if (e && str(e.value) === 'NodePort') ctx.report({ messageId: 'nodePort', offsets: entryOffsets(e), data: { name: nameOf(s) } });
    }
  },
};

/** Annotations that make a cloud load balancer internal (not internet-facing). */
function isInternalLoadBalancer(ann: DataMap | undefined): boolean {
  const v = (k: string) => str(get(ann, k))?.trim().toLowerCase();
  return (
    v('service.beta.kubernetes.io/aws-load-balancer-internal') === 'true' ||
    v('service.beta.kubernetes.io/aws-load-balancer-internal') === '0.0.0.0/0' ||
    v('service.beta.kubernetes.io/aws-load-balancer-scheme') === 'internal' ||
    v('service.beta.kubernetes.io/azure-load-balancer-internal') === 'true' ||
    v('networking.gke.io/load-balancer-type') === 'internal' ||
    v('cloud.google.com/load-balancer-type') === 'internal' ||
    v('service.beta.kubernetes.io/oci-load-balancer-internal') === 'true' ||
    v('service.beta.kubernetes.io/openstack-internal-load-balancer') === 'true' ||
    v('service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type') === 'private'
  );
}

const OPEN_CIDR = /^(0\.0\.0\.0\/0|::\/0|::0\/0)$/;

export const serviceLoadBalancer: Rule = {
  meta: {
    id: 'iac/k8s-service-load-balancer',
    title: 'Service exposed by an unrestricted load balancer',
    description:
      'A LoadBalancer Service asks the cloud for an external load balancer, normally internet-facing, that sends traffic straight to the pods and bypasses the ingress layer (its TLS, authentication and WAF). Unless source ranges restrict it, anyone on the internet can reach the service.',
    severity: 'low',
    kinds: K8S_KINDS,
    messages: {
      open: 'Service `{{name}}` has `type: LoadBalancer` with no `loadBalancerSourceRanges`, so it is exposed to the internet; restrict the source ranges, make it an internal load balancer, or use ClusterIP behind an Ingress.',
      anywhere: 'Service `{{name}}` allows load balancer traffic from `{{cidr}}` (anywhere); list only the address ranges that need access.',
    },
    remediation: 'Prefer `type: ClusterIP` behind an Ingress or Gateway. If a load balancer is needed, set `loadBalancerSourceRanges` to the client ranges, or annotate it as internal for your cloud.',
    references: [SERVICE_URL, 'https://kubernetes.io/docs/tasks/access-application-cluster/create-external-load-balancer/#restricting-source-ranges'],
    standards: { ...NETWORK_STANDARDS, cwe: ['CWE-668'] },
    equivalents: { kics: ['26763a1c-5dda-4772-b507-5fca7fb5f165'], 'kube-linter': ['exposed-services'] },
    security: true,
    since,
  },
  check(ctx) {
    for (const s of services(ctx)) {
      const spec = get(s, 'spec');
      const te = entry(spec, 'type');
      if (!te || str(te.value) !== 'LoadBalancer') continue;
      const ann = annotations(get(s, 'metadata'));
      if (isInternalLoadBalancer(ann)) continue;
      const ranges = scalarItems(get(spec, 'loadBalancerSourceRanges'));
      const annRanges = str(get(ann, 'service.beta.kubernetes.io/load-balancer-source-ranges'));
      const open = ranges.filter((r) => OPEN_CIDR.test(String(r.value).trim()));
      for (const r of open) ctx.report({ messageId: 'anywhere', offsets: nodeOffsets(r), data: { name: nameOf(s), cidr: String(r.value) } });
      if (open.length > 0 || ranges.length > 0) continue;
      if (annRanges && !annRanges.split(',').some((c) => OPEN_CIDR.test(c.trim()))) continue;
      ctx.report({ messageId: 'open', offsets: entryOffsets(te), data: { name: nameOf(s) } });
    }
  },
};

/**
 * The AWS Load Balancer Controller opens an HTTPS listener for each `{"HTTPS": port}` entry of its
 * listen-ports annotation and, without a certificate-arn, discovers the ACM certificate from the
 * Ingress rule hosts, so such an Ingress is served over TLS with no `tls` section.
 */
function albHttpsListener(listenPorts: string | undefined): boolean {
  if (!listenPorts) return false;
  try {
    const parsed: unknown = JSON.parse(listenPorts);
    return Array.isArray(parsed) && parsed.some((p) => typeof p === 'object' && p !== null && Object.prototype.hasOwnProperty.call(p, 'HTTPS'));
  } catch {
    return false; // not JSON (a template, a typo): the controller rejects it too
  }
}

/** Annotations by which common ingress controllers terminate TLS without a `tls` section. */
function tlsByAnnotation(ann: DataMap | undefined): boolean {
  if (!ann) return false;
  const has = (k: string) => (str(get(ann, k)) ?? '').trim() !== '';
  return (
    has('alb.ingress.kubernetes.io/certificate-arn') ||
    albHttpsListener(str(get(ann, 'alb.ingress.kubernetes.io/listen-ports'))) ||
    has('networking.gke.io/managed-certificates') ||
    has('ingress.gcp.kubernetes.io/pre-shared-cert') ||
    has('appgw.ingress.kubernetes.io/appgw-ssl-certificate') ||
    str(get(ann, 'kubernetes.io/ingress.allow-http'))?.trim() === 'false'
  );
}

function isOpenShiftRoute(o: DataMap): boolean {
  return /^route\.openshift\.io\//.test(str(get(o, 'apiVersion'))?.trim() ?? '');
}

/**
 * An OpenShift Route is served over plain HTTP when it has no `tls` (an unsecured route) or when its
 * `insecureEdgeTerminationPolicy` is Allow; None (the default) refuses HTTP and Redirect sends it to HTTPS.
 */
function checkRoute(ctx: RuleContext, o: DataMap): void {
  const se = entry(o, 'spec');
  if (!se || !isMap(se.value)) return;
  const te = entry(se.value, 'tls');
  if (!te || (isScalar(te.value) && te.value.value === null)) {
    ctx.report({ messageId: 'routeNoTls', offsets: [se.key.start, se.key.end], data: { name: nameOf(o) } });
    return;
  }
  if (!isMap(te.value)) return; // templated or unusual: cannot tell
  const pe = entry(te.value, 'insecureEdgeTerminationPolicy');
  if (pe && str(pe.value)?.trim() === 'Allow') ctx.report({ messageId: 'routeAllow', offsets: entryOffsets(pe), data: { name: nameOf(o) } });
}

export const ingressWithoutTls: Rule = {
  meta: {
    id: 'iac/k8s-ingress-without-tls',
    title: 'Ingress serves plain HTTP',
    description:
      'An Ingress without a `tls` section (and no controller annotation that attaches a certificate), or an OpenShift Route without `tls` or with `insecureEdgeTerminationPolicy: Allow`, serves the application over plain HTTP, so credentials, session cookies and personal data cross the network unencrypted and can be read or altered.',
    severity: 'low',
    kinds: K8S_KINDS,
    messages: {
      noTls: 'Ingress `{{name}}` has no `spec.tls` section, so its hosts are served over plain HTTP; add `tls` with the hosts and a certificate Secret (for example issued by cert-manager).',
      routeNoTls: 'Route `{{name}}` has no `spec.tls` section, so the router serves it over plain HTTP only; add `tls` with `termination: edge` (or reencrypt or passthrough) and `insecureEdgeTerminationPolicy: Redirect`.',
      routeAllow: 'Route `{{name}}` sets `insecureEdgeTerminationPolicy: Allow`, so the router also serves it over plain HTTP (expected Redirect or None); set it to Redirect.',
    },
    remediation: 'Add `spec.tls` listing the hosts and a `secretName` holding the certificate (cert-manager can issue and renew it), and redirect HTTP to HTTPS. For an OpenShift Route, set `spec.tls.termination` and `insecureEdgeTerminationPolicy: Redirect`.',
    references: ['https://kubernetes.io/docs/concepts/services-networking/ingress/#tls', 'https://docs.openshift.com/container-platform/latest/networking/routes/secured-routes.html', 'https://www.ncsc.gov.uk/guidance/using-tls-to-protect-data'],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['8'], caf: ['B3', 'B4'], cwe: ['CWE-319'] },
    equivalents: { 'kube-linter': ['insecure-route-termination'] },
    security: true,
    since,
  },
  check(ctx) {
    for (const o of k8sObjects(ctx)) {
      if (kindOf(o) === 'Route' && isOpenShiftRoute(o)) {
        checkRoute(ctx, o);
        continue;
      }
      if (kindOf(o) !== 'Ingress') continue;
      const se = entry(o, 'spec');
      if (!se || !isMap(se.value)) continue;
      const tls = get(se.value, 'tls');
      if (isSeq(tls) && tls.items.length > 0) continue;
      if (tls !== undefined && !isSeq(tls)) continue; // templated or unusual: cannot tell
      if (tlsByAnnotation(annotations(get(o, 'metadata')))) continue;
      ctx.report({ messageId: 'noTls', offsets: [se.key.start, se.key.end], data: { name: nameOf(o) } });
    }
  },
};

interface PolicyRule {
  role: DataMap;
  kind: string;
  name: string;
  rule: DataNode;
  verbs: DataScalar[];
  resources: DataScalar[];
  apiGroups: DataScalar[];
  hasResourceNames: boolean;
  resourceNames: string[];
}

function policyRules(ctx: RuleContext): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const o of k8sObjects(ctx)) {
    const kind = kindOf(o);
    if (kind !== 'Role' && kind !== 'ClusterRole') continue;
    for (const r of items(get(o, 'rules'))) {
      if (!isMap(r)) continue;
      out.push({
        role: o,
        kind,
        name: nameOf(o),
        rule: r,
        verbs: scalarItems(get(r, 'verbs')),
        resources: scalarItems(get(r, 'resources')),
        apiGroups: scalarItems(get(r, 'apiGroups')),
        hasResourceNames: scalarItems(get(r, 'resourceNames')).length > 0,
        resourceNames: scalarItems(get(r, 'resourceNames')).map((n) => String(n.value).trim()),
      });
    }
  }
  return out;
}

const val = (s: DataScalar) => String(s.value).trim();

/**
 * Whether a verb can match a request. The authorizer compares verbs exactly and request verbs are
 * lower case (get, list, create, bind, use…), so `GET` or `Post` grants nothing.
 */
const liveVerb = (s: DataScalar) => {
  const v = val(s);
  return v === '*' || (v !== '' && v === v.toLowerCase());
};

export const rbacWildcard: Rule = {
  meta: {
    id: 'iac/k8s-rbac-wildcard',
    title: 'Role grants wildcard access',
    description:
      'A `*` in a Role or ClusterRole rule grants every verb, every resource or every API group, including ones added later (such as new custom resources). It breaks least privilege: the subject can read secrets, exec into pods or change RBAC without anyone having decided it should.',
    severity: 'high',
    kinds: K8S_KINDS,
    messages: {
      verbs: '{{kind}} `{{name}}` grants every verb (`verbs: ["*"]`) on {{resources}}; list only the verbs needed (for example get, list, watch).',
      urls: '{{kind}} `{{name}}` grants every verb (`verbs: ["*"]`) on the non-resource URLs {{urls}}; list only the verbs needed (usually get).',
      resources: '{{kind}} `{{name}}` grants access to every resource (`resources: ["*"]`); list only the resources needed.',
      apiGroups: '{{kind}} `{{name}}` grants access in every API group (`apiGroups: ["*"]`); list only the API groups needed.',
    },
    remediation: 'Replace `*` with the specific verbs, resources and API groups the subject needs.',
    references: [RBAC_URL, RBAC_GOOD_PRACTICES_URL],
    standards: { ...ACCESS_STANDARDS, cwe: ['CWE-269'] },
    equivalents: { checkov: ['CKV_K8S_49'], kics: ['6b896afb-ca07-467a-b256-1a0077a1c08e'], kubescape: ['C-0187'], trivy: ['KSV044', 'KSV045', 'KSV046'], 'kube-linter': ['wildcard-in-rules', 'wildcard-resource-verb-combo'] },
    security: true,
    since,
  },
  check(ctx) {
    for (const pr of policyRules(ctx)) {
      const resources = pr.resources.map(val).join(', ') || 'the listed resources';
      // a rule none of whose verbs can match a request grants nothing, wildcards or not
      if (!pr.verbs.some(liveVerb)) continue;
      // a rule of nonResourceURLs only (such as /healthz, /metrics or *) grants verbs on those paths, not on resources
      const urls = pr.resources.length === 0 ? scalarItems(get(pr.rule, 'nonResourceURLs')).map(val).join(', ') : '';
      for (const v of pr.verbs) {
        if (val(v) !== '*') continue;
        if (urls) ctx.report({ messageId: 'urls', offsets: nodeOffsets(v), data: { kind: pr.kind, name: pr.name, urls } });
        else ctx.report({ messageId: 'verbs', offsets: nodeOffsets(v), data: { kind: pr.kind, name: pr.name, resources } });
      }
      for (const r of pr.resources) if (val(r) === '*') ctx.report({ messageId: 'resources', offsets: nodeOffsets(r), data: { kind: pr.kind, name: pr.name } });
      for (const g of pr.apiGroups) if (val(g) === '*') ctx.report({ messageId: 'apiGroups', offsets: nodeOffsets(g), data: { kind: pr.kind, name: pr.name }, severity: 'medium' });
    }
  },
};

const coreGroup = (pr: PolicyRule) => pr.apiGroups.length === 0 || pr.apiGroups.some((g) => val(g) === '' || val(g) === '*');

export const rbacSecretsAccess: Rule = {
  meta: {
    id: 'iac/k8s-rbac-secrets-access',
    title: 'Role can read Secrets',
    description:
      'get, list or watch on Secrets lets the subject read every Secret in scope (the namespace for a Role, the whole cluster for a ClusterRole): database passwords, API keys, TLS keys and other service accounts\' tokens. list and watch return the values too, not just the names.',
    severity: 'medium',
    kinds: K8S_KINDS,
    messages: {
      secrets: '{{kind}} `{{name}}` grants {{verbs}} on `secrets` without `resourceNames`, so its subjects can read every Secret in {{scope}}; limit it to named Secrets with `resourceNames` or remove it.',
    },
    remediation: 'Remove read access to Secrets, or restrict it to the specific Secrets with `resourceNames` (get only); mount the Secrets the workload needs as volumes instead of reading them through the API.',
    references: [RBAC_GOOD_PRACTICES_URL, 'https://kubernetes.io/docs/concepts/security/secrets-good-practices/'],
    standards: { ...ACCESS_STANDARDS, caf: ['B2', 'B3'], cwe: ['CWE-200', 'CWE-269'] },
    equivalents: { kics: ['056ac60e-fe07-4acc-9b34-8e1d51716ab9', 'b7bca5c4-1dab-4c2c-8cbe-3050b9d59b14'], kubescape: ['C-0015'], trivy: ['KSV041'], 'kube-linter': ['access-to-secrets', 'cluster-wide-secrets-access'] },
    security: true,
    since,
  },
  check(ctx) {
    for (const pr of policyRules(ctx)) {
      if (pr.hasResourceNames || !coreGroup(pr)) continue;
      const verbs = pr.verbs.map(val).filter((v) => v === 'get' || v === 'list' || v === 'watch' || v === '*');
      if (verbs.length === 0) continue;
      for (const r of pr.resources) {
        if (val(r) !== 'secrets') continue;
        ctx.report({
          messageId: 'secrets',
          offsets: nodeOffsets(r),
          data: { kind: pr.kind, name: pr.name, verbs: verbs.join('/'), scope: pr.kind === 'ClusterRole' ? 'the cluster (when bound by a ClusterRoleBinding)' : 'its namespace' },
        });
      }
    }
  },
};

export const rbacPodExec: Rule = {
  meta: {
    id: 'iac/k8s-rbac-pod-exec',
    title: 'Role can exec or attach into pods',
    description:
      'create (or get) on pods/exec or pods/attach lets the subject run commands inside any pod in scope, with that pod\'s service account token, mounted secrets and network position: effectively full control of the workloads.',
    severity: 'high',
    kinds: K8S_KINDS,
    messages: {
      exec: '{{kind}} `{{name}}` grants {{verbs}} on `{{resource}}`, so its subjects can run commands inside pods; remove it from application roles and grant it only to break-glass operators.',
    },
    remediation: 'Remove pods/exec and pods/attach from the role; give interactive access only to a break-glass operator role that is audited.',
    references: [RBAC_GOOD_PRACTICES_URL],
    standards: { ...ACCESS_STANDARDS, cwe: ['CWE-269'] },
    equivalents: { kubescape: ['C-0002'], trivy: ['KSV053'] },
    security: true,
    since,
  },
  check(ctx) {
    for (const pr of policyRules(ctx)) {
      if (!coreGroup(pr)) continue;
      const verbs = pr.verbs.map(val).filter((v) => v === 'create' || v === 'get' || v === '*');
      if (verbs.length === 0) continue;
      for (const r of pr.resources) {
        const res = val(r);
        if (res === 'pods/exec' || res === 'pods/attach' || res === 'pods/*') ctx.report({ messageId: 'exec', offsets: nodeOffsets(r), data: { kind: pr.kind, name: pr.name, verbs: verbs.join('/'), resource: res } });
      }
    }
  },
};

export const rbacEscalationVerbs: Rule = {
  meta: {
    id: 'iac/k8s-rbac-escalation-verbs',
    title: 'Role grants escalate, bind or impersonate',
    description:
      'The escalate and bind verbs let a subject create or bind roles with more permissions than it holds, and impersonate lets it act as another user, group or service account. Each is a direct route to cluster-admin.',
    severity: 'high',
    kinds: K8S_KINDS,
    messages: {
      verb: '{{kind}} `{{name}}` grants the `{{verb}}` verb{{on}}, which lets its subjects gain permissions they do not hold; remove it.',
    },
    remediation: 'Remove escalate, bind and impersonate from application roles, or limit bind and impersonate with `resourceNames` to the specific roles or identities needed; keep unrestricted ones for the cluster\'s own controllers and audited administrators.',
    references: [RBAC_GOOD_PRACTICES_URL, 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#privilege-escalation-prevention-and-bootstrapping'],
    standards: { ...ACCESS_STANDARDS, cwe: ['CWE-269'] },
    equivalents: { checkov: ['CKV_K8S_157', 'CKV_K8S_158'], kubescape: ['C-0065'], 'kube-linter': ['escalate-verb-in-role', 'bind-verb-in-role', 'impersonate-without-resource-names'] },
    security: true,
    since,
  },
  check(ctx) {
    for (const pr of policyRules(ctx)) {
      // resourceNames limits bind and impersonate to the named roles or identities: the RBAC documentation's way
      // to let a subject grant only, say, view or edit, or impersonate one user, so they gain no more than those
      // hold. Still reported when a name is cluster-admin or a system: role, user or group (system:masters
      // bypasses authorization). escalate is always reported: it lets a subject add any permission to the
      // named roles, including one it is bound to.
      const bounded = pr.hasResourceNames && !pr.resourceNames.some((n) => n === 'cluster-admin' || n.startsWith('system:'));
      const on = pr.resources.length > 0 ? ` on ${pr.resources.map(val).join(', ')}` : '';
      for (const v of pr.verbs) {
        const verb = val(v);
        if (bounded && verb !== 'escalate') continue;
        if (verb === 'escalate' || verb === 'bind' || verb === 'impersonate') ctx.report({ messageId: 'verb', offsets: nodeOffsets(v), data: { kind: pr.kind, name: pr.name, verb, on } });
      }
    }
  },
};

/** The file's RoleBindings and ClusterRoleBindings. */
function* roleBindings(ctx: RuleContext): Generator<{ o: DataMap; kind: string }> {
  for (const o of k8sObjects(ctx)) {
    const kind = kindOf(o);
    if (kind === 'RoleBinding' || kind === 'ClusterRoleBinding') yield { o, kind };
  }
}

export const clusterAdminBinding: Rule = {
  meta: {
    id: 'iac/k8s-cluster-admin-binding',
    title: 'Binding grants cluster-admin',
    description:
      'cluster-admin is the superuser role: it allows every action on every resource. Binding it to a user, group or service account (rather than using it only for break-glass access) means one compromised credential or pod controls the whole cluster.',
    severity: 'high',
    kinds: K8S_KINDS,
    messages: {
      clusterAdmin: '{{kind}} `{{name}}` binds the `cluster-admin` role to {{subjects}}; bind a role with only the permissions needed instead.',
    },
    remediation: 'Replace the binding with a Role (or ClusterRole) that grants only the needed permissions; keep cluster-admin for audited break-glass access.',
    references: [RBAC_URL + '#user-facing-roles', RBAC_GOOD_PRACTICES_URL],
    standards: { ...ACCESS_STANDARDS, cwe: ['CWE-269'] },
    equivalents: { kics: ['249328b8-5f0f-409f-b1dd-029f07882e11'], kubescape: ['C-0035'], 'kube-linter': ['cluster-admin-role-binding'] },
    security: true,
    since,
  },
  check(ctx) {
    for (const { o, kind } of roleBindings(ctx)) {
      const ne = entry(get(o, 'roleRef'), 'name');
      if (!ne || str(ne.value) !== 'cluster-admin') continue;
      const subjects = items(get(o, 'subjects'))
        .map((s) => `${str(get(s, 'kind')) ?? 'subject'} \`${str(get(s, 'name')) ?? '?'}\``)
        .join(', ');
      ctx.report({ messageId: 'clusterAdmin', offsets: entryOffsets(ne), data: { kind, name: nameOf(o), subjects: subjects || 'its subjects' } });
    }
  },
};

/** Who each built-in group or user stands for. */
const EVERYONE: Record<string, string> = {
  'system:anonymous': 'every request that presents no credentials',
  'system:unauthenticated': 'every request that presents no credentials',
  'system:authenticated': 'every authenticated identity, including every service account in every namespace (on GKE, any Google account)',
};
/** Roles Kubernetes itself binds to these groups (public discovery information), and the documented OIDC discovery role. */
const PUBLIC_ROLES = new Set(['system:public-info-viewer', 'system:discovery', 'system:basic-user', 'system:service-account-issuer-discovery']);

export const anonymousBinding: Rule = {
  meta: {
    id: 'iac/k8s-rbac-anonymous-binding',
    title: 'Binding grants a role to anonymous or all authenticated users',
    description:
      'A RoleBinding or ClusterRoleBinding whose subject is the user `system:anonymous` or the group `system:unauthenticated` grants the role to anyone who can reach the API server, without credentials; the group `system:authenticated` grants it to every identity the cluster accepts — every service account in every namespace, and on GKE any Google account. Kubernetes binds only public discovery roles to these subjects by default; those bindings (system:public-info-viewer, system:discovery, system:basic-user, system:service-account-issuer-discovery) are not reported.',
    severity: 'high',
    kinds: K8S_KINDS,
    messages: {
      everyone: '{{kind}} `{{name}}` binds {{roleKind}} `{{role}}` to `{{subject}}`, which is {{who}}; bind the role to the specific users, groups or service accounts that need it.',
    },
    remediation: 'Replace the `system:anonymous`, `system:unauthenticated` or `system:authenticated` subject with the named users, groups or service accounts that need the role; keep anonymous authentication disabled on the API server (`--anonymous-auth=false`) where possible.',
    references: [RBAC_URL + '#discovery-roles', RBAC_GOOD_PRACTICES_URL, 'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-requests'],
    standards: { ...ACCESS_STANDARDS, cwe: ['CWE-284', 'CWE-306'] },
    equivalents: { trivy: ['AVD-KSV-0122'], kubesec: ['BindingsToSystemAnonymous'] },
    security: true,
    since,
  },
  check(ctx) {
    for (const { o, kind } of roleBindings(ctx)) {
      const roleRef = get(o, 'roleRef');
      const role = str(get(roleRef, 'name'));
      if (role === undefined || PUBLIC_ROLES.has(role)) continue;
      for (const sub of items(get(o, 'subjects'))) {
        const subKind = str(get(sub, 'kind'));
        if (subKind !== 'User' && subKind !== 'Group') continue;
        const ne = entry(sub, 'name');
        const subject = ne ? str(ne.value) : undefined;
        if (!ne || subject === undefined || !Object.prototype.hasOwnProperty.call(EVERYONE, subject)) continue;
        ctx.report({
          messageId: 'everyone',
          offsets: entryOffsets(ne),
          severity: subject === 'system:authenticated' ? 'medium' : 'high',
          data: { kind, name: nameOf(o), roleKind: str(get(roleRef, 'kind')) ?? 'role', role, subject, who: EVERYONE[subject] },
        });
      }
    }
  },
};

export const networkRules: Rule[] = [serviceNodePort, serviceLoadBalancer, ingressWithoutTls];
export const rbacRules: Rule[] = [rbacWildcard, clusterAdminBinding, rbacSecretsAccess, rbacPodExec, rbacEscalationVerbs, anonymousBinding];
