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
    equivalents: { 'kube-linter': ['insecure-route-termination'], polaris: ['tlsSettingsMissing'] },
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
    equivalents: { checkov: ['CKV_K8S_49'], kics: ['6b896afb-ca07-467a-b256-1a0077a1c08e'], kubescape: ['C-0187'], trivy: ['KSV044', 'KSV045', 'KSV046', 'KSV112'], 'kube-linter': ['wildcard-in-rules', 'wildcard-resource-verb-combo'] },
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
    equivalents: { kubescape: ['C-0002'], trivy: ['KSV053', 'KSV054'], polaris: ['clusterrolePodExecAttach', 'rolePodExecAttach'] },
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
        if (res === 'pods/exec' || res === 'pods/attach') ctx.report({ messageId: 'exec', offsets: nodeOffsets(r), data: { kind: pr.kind, name: pr.name, verbs: verbs.join('/'), resource: res } });
      }
    }
  },
};

/**
 * What RBAC checks each escalation verb against: bind and escalate on roles and clusterroles, impersonate
 * on users, groups and serviceaccounts (core group) and on uids and userextras/<key> (authentication.k8s.io).
 * The verb on any other resource or group matches no request, so grants nothing.
 */
const ROLE_OBJECTS = [{ group: 'rbac.authorization.k8s.io', resource: (r: string) => r === 'roles' || r === 'clusterroles' }];
const ESCALATION_TARGETS: Record<string, { group: string; resource: (r: string) => boolean }[]> = {
  bind: ROLE_OBJECTS,
  escalate: ROLE_OBJECTS,
  impersonate: [
    { group: '', resource: (r) => r === 'users' || r === 'groups' || r === 'serviceaccounts' },
    { group: 'authentication.k8s.io', resource: (r) => r === 'uids' || r.startsWith('userextras/') || r.startsWith('*/') },
  ],
};

/** Whether the rule's groups and resources reach what the escalation verb acts on (missing apiGroups read as the core group). */
function reachesTarget(pr: PolicyRule, verb: string): boolean {
  const groups = pr.apiGroups.length === 0 ? [''] : pr.apiGroups.map(val);
  return (ESCALATION_TARGETS[verb] ?? []).some(
    (t) => groups.some((g) => g === '*' || g === t.group) && pr.resources.some((r) => val(r) === '*' || t.resource(val(r))),
  );
}

export const rbacEscalationVerbs: Rule = {
  meta: {
    id: 'iac/k8s-rbac-escalation-verbs',
    title: 'Role grants escalate, bind or impersonate',
    description:
      'The escalate and bind verbs on roles and clusterroles let a subject create or bind roles with more permissions than it holds, and impersonate on users, groups or service accounts lets it act as another identity. Each is a direct route to cluster-admin. The verbs on other resources (impersonate on secrets, bind on configmaps) match no request and are not reported.',
    severity: 'high',
    kinds: K8S_KINDS,
    messages: {
      verb: '{{kind}} `{{name}}` grants the `{{verb}}` verb{{on}}, which lets its subjects gain permissions they do not hold; remove it.',
    },
    remediation: 'Remove escalate, bind and impersonate from application roles, or limit bind and impersonate with `resourceNames` to the specific roles or identities needed; keep unrestricted ones for the cluster\'s own controllers and audited administrators.',
    references: [RBAC_GOOD_PRACTICES_URL, 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#privilege-escalation-prevention-and-bootstrapping'],
    standards: { ...ACCESS_STANDARDS, cwe: ['CWE-269'] },
    equivalents: { checkov: ['CKV_K8S_157', 'CKV_K8S_158'], kubescape: ['C-0065'], trivy: ['KSV043'], 'kube-linter': ['escalate-verb-in-role', 'bind-verb-in-role', 'impersonate-without-resource-names'] },
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
        if ((verb === 'escalate' || verb === 'bind' || verb === 'impersonate') && reachesTarget(pr, verb)) ctx.report({ messageId: 'verb', offsets: nodeOffsets(v), data: { kind: pr.kind, name: pr.name, verb, on } });
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
    equivalents: { kics: ['249328b8-5f0f-409f-b1dd-029f07882e11'], kubescape: ['C-0035'], trivy: ['KSV111'], 'kube-linter': ['cluster-admin-role-binding'], polaris: ['clusterrolebindingClusterAdmin', 'rolebindingClusterAdminClusterRole'] },
    security: true,
    since,
  },
  check(ctx) {
    for (const { o, kind } of roleBindings(ctx)) {
      const roleRef = get(o, 'roleRef');
      const ne = entry(roleRef, 'name');
      if (!ne || str(ne.value) !== 'cluster-admin') continue;
      // a roleRef of kind Role names a namespaced Role of the binding's namespace, not the built-in ClusterRole
      const refKind = str(get(roleRef, 'kind'));
      if (refKind !== undefined && refKind !== 'ClusterRole') continue;
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

export const serviceExternalIps: Rule = {
  meta: {
    id: 'iac/k8s-service-external-ips',
    title: 'Service sets externalIPs',
    description:
      'kube-proxy sends traffic for every address listed in a Service\'s `externalIPs` to that Service, from every pod and node of the cluster, and Kubernetes does not check who owns the address. A Service can so intercept traffic meant for another system (CVE-2020-8554); the Kubernetes project recommends forbidding the field with an admission policy.',
    severity: 'medium',
    kinds: K8S_KINDS,
    messages: {
      externalIPs: 'Service `{{name}}` sets `externalIPs` ({{ips}}), so the cluster routes traffic for those addresses to it whoever owns them (CVE-2020-8554); use a LoadBalancer or Ingress, and block the field with an admission policy.',
    },
    remediation: 'Remove `spec.externalIPs`; publish the Service through a LoadBalancer, NodePort behind a firewall or an Ingress/Gateway, and deny `externalIPs` cluster-wide (the DenyServiceExternalIPs admission plugin or a ValidatingAdmissionPolicy).',
    references: ['https://kubernetes.io/docs/concepts/services-networking/service/#external-ips', 'https://github.com/kubernetes/kubernetes/issues/97076', 'https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#denyserviceexternalips'],
    standards: { ...NETWORK_STANDARDS, cwe: ['CWE-284', 'CWE-300'] },
    equivalents: {},
    security: true,
    since,
  },
  check(ctx) {
    for (const s of services(ctx)) {
      const e = entry(get(s, 'spec'), 'externalIPs');
      if (!e) continue;
      const ips = scalarItems(e.value).map(val).filter((v) => v !== '');
      if (ips.length === 0) continue;
      ctx.report({ messageId: 'externalIPs', offsets: [e.key.start, e.key.end], data: { name: nameOf(s), ips: ips.join(', ') } });
    }
  },
};

/**
 * Snippets inject raw NGINX configuration into the shared controller (CVE-2021-25742): with them an
 * Ingress author can read the controller's service account token and so every Secret of the cluster.
 * These directives make that (or arbitrary file reads) direct.
 */
const DANGEROUS_SNIPPET = /\b\w*_by_lua\w*\b|\blua_\w+|\w+_lua\b|\balias\s|\broot\s+\/|\bload_module\b|\/var\/run\/secrets|\/run\/secrets\/kubernetes\.io|\bserviceaccount\b/i;

export const ingressSnippetAnnotation: Rule = {
  meta: {
    id: 'iac/k8s-ingress-snippet-annotation',
    title: 'Ingress injects an NGINX configuration snippet',
    description:
      'Snippet annotations (`nginx.ingress.kubernetes.io/server-snippet`, `configuration-snippet`, `auth-snippet`, `stream-snippet`, NGINX Inc\'s `nginx.org/*-snippets`…) copy raw directives into the configuration of the controller that serves every Ingress. Whoever can write an Ingress can so read the controller\'s service account token and every Secret it can see (CVE-2021-25742, CVE-2023-5043), or break routing for all tenants. ingress-nginx disables them by default since v1.9.',
    severity: 'medium',
    kinds: K8S_KINDS,
    messages: {
      snippet: 'Ingress `{{name}}` sets the snippet annotation `{{annotation}}`, which injects raw NGINX configuration into the shared controller (CVE-2021-25742); replace it with the controller\'s dedicated annotations or a ConfigMap setting, and keep `allow-snippet-annotations: false`.',
      dangerous: 'Ingress `{{name}}` sets the snippet annotation `{{annotation}}` with {{what}}, which can run code or read files in the controller (CVE-2021-25742); remove it.',
    },
    remediation: 'Remove snippet annotations; use the controller\'s specific annotations (headers, rewrites, auth) instead, keep `allow-snippet-annotations: "false"` and set `annotations-risk-level` to at most High on the ingress-nginx controller.',
    references: ['https://github.com/kubernetes/ingress-nginx/issues/7837', 'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/configmap/#allow-snippet-annotations', 'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations-risk/'],
    standards: { ...NETWORK_STANDARDS, cwe: ['CWE-94'] },
    equivalents: { checkov: ['CKV_K8S_152', 'CKV_K8S_153', 'CKV_K8S_154'] },
    security: true,
    since,
  },
  check(ctx) {
    for (const o of k8sObjects(ctx)) {
      if (kindOf(o) !== 'Ingress') continue;
      const ann = annotations(get(o, 'metadata'));
      for (const e of ann?.entries ?? []) {
        const key = str(e.key) ?? '';
        const slash = key.indexOf('/');
        if (slash < 0 || !/snippets?$/.test(key.slice(slash + 1))) continue;
        const value = str(e.value) ?? '';
        if (value.trim() === '') continue;
        const m = DANGEROUS_SNIPPET.exec(value);
        const data = { name: nameOf(o), annotation: key };
        if (m) ctx.report({ messageId: 'dangerous', offsets: entryOffsets(e), data: { ...data, what: /lua/i.test(m[0]) ? 'Lua code' : /alias|root/i.test(m[0]) ? `an \`${m[0].trim()}\` directive` : `\`${m[0].trim()}\`` }, severity: 'high' });
        else ctx.report({ messageId: 'snippet', offsets: entryOffsets(e), data });
      }
    }
  },
};

interface Permission {
  /** Resources (exact, lower case), each in one of `groups`. */
  resources: string[];
  groups: string[];
  verbs: string[];
}

// The rule's resources that the permission covers, when its verbs and groups match. A subresource is
// also covered by RBAC's `*/<subresource>` form; `parent/*` is not a wildcard (RBAC matches it only as
// a literal subresource named `*`, which no API has), so it grants nothing.
function grants(pr: PolicyRule, p: Permission): { resources: DataScalar[]; verbs: string[] } | undefined {
  if (pr.hasResourceNames) return undefined; // bounded to named objects (and create cannot be named at all)
  const groups = pr.apiGroups.map(val);
  if (!groups.some((g) => g === '*' || p.groups.includes(g)) && !(groups.length === 0 && p.groups.includes(''))) return undefined;
  const verbs = pr.verbs.map(val).filter((v) => v === '*' || p.verbs.includes(v));
  if (verbs.length === 0) return undefined;
  const resources = pr.resources.filter((r) => {
    const res = val(r);
    // `*/approval` names the subresource of every resource in the groups (RBAC's own wildcard form)
    return p.resources.includes(res) || p.resources.some((want) => want.includes('/') && res === `*/${want.split('/')[1]}`);
  });
  return resources.length > 0 ? { resources, verbs } : undefined;
}

function permissionRule(o: {
  id: string;
  title: string;
  description: string;
  severity: 'high' | 'medium';
  /** One permission, or several (such as create on one set of resources, update on another). */
  permission: Permission | Permission[];
  message: string;
  remediation: string;
  references: string[];
  equivalents: Rule['meta']['equivalents'];
}): Rule {
  return {
    meta: {
      id: o.id,
      title: o.title,
      description: o.description,
      severity: o.severity,
      kinds: K8S_KINDS,
      messages: { grant: o.message },
      remediation: o.remediation,
      references: o.references,
      standards: { ...ACCESS_STANDARDS, cwe: ['CWE-269'] },
      equivalents: o.equivalents,
      security: true,
      since,
    },
    check(ctx) {
      const permissions = Array.isArray(o.permission) ? o.permission : [o.permission];
      for (const pr of policyRules(ctx)) {
        // the verbs granted on each resource entry, over all the permissions, reported once per entry
        const byResource = new Map<DataScalar, Set<string>>();
        for (const p of permissions) {
          const g = grants(pr, p);
          for (const r of g?.resources ?? []) {
            const verbs = byResource.get(r) ?? new Set<string>();
            for (const v of g?.verbs ?? []) verbs.add(v);
            byResource.set(r, verbs);
          }
        }
        for (const r of pr.resources) {
          const verbs = byResource.get(r);
          if (verbs) ctx.report({ messageId: 'grant', offsets: nodeOffsets(r), data: { kind: pr.kind, name: pr.name, verbs: [...verbs].join('/'), resource: val(r) } });
        }
      }
    },
  };
}

/** Workload resources whose pod template their controller turns into pods. */
const WORKLOAD_CONTROLLERS = ['replicationcontrollers', 'deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs', 'cronjobs'];
const WORKLOAD_GROUPS = ['', 'apps', 'batch', 'extensions'];

export const rbacWorkloadCreate = permissionRule({
  id: 'iac/k8s-rbac-workload-create',
  title: 'Role can create pods or workloads',
  description:
    'Whoever can create a pod (or a Deployment, Job, CronJob, DaemonSet… that creates pods) in a namespace can run it as any service account of that namespace and mount any Secret, ConfigMap or volume there, so in effect holds all of their rights. Update or patch on a workload resource does the same: a changed pod template is rolled out as new pods. The RBAC good practices list workload creation as a privilege-escalation path.',
  severity: 'medium',
  permission: [
    { resources: ['pods', ...WORKLOAD_CONTROLLERS], groups: WORKLOAD_GROUPS, verbs: ['create'] },
    { resources: WORKLOAD_CONTROLLERS, groups: WORKLOAD_GROUPS, verbs: ['update', 'patch'] },
  ],
  message: '{{kind}} `{{name}}` grants {{verbs}} on `{{resource}}`, so its subjects can start pods (or roll out a changed pod template) that run as any service account and mount any Secret of the namespace; grant it only to deployment tooling and controllers that need it.',
  remediation: 'Remove create on pods and workload resources, and update/patch on workload resources, from application roles; keep them for the CI/CD or GitOps identity and controllers (an autoscaler needs only the `scale` subresource), and enforce Pod Security admission in the namespace so created pods stay restricted.',
  references: [RBAC_GOOD_PRACTICES_URL + '#workload-creation', RBAC_URL + '#privilege-escalation-prevention-and-bootstrapping'],
  equivalents: { kics: ['592ad21d-ad9b-46c6-8d2d-fad09d62a942'], trivy: ['KSV048'], 'kube-linter': ['access-to-create-pods'] },
});

export const rbacWebhookConfig = permissionRule({
  id: 'iac/k8s-rbac-webhook-config',
  title: 'Role can change admission webhook configurations',
  description:
    'Mutating and validating admission webhooks see, and can change, every object written to the API. A subject that can create or modify a webhook configuration can send every Secret and pod spec to a server of its choice, inject containers into every pod, or switch off the policy webhooks that enforce security.',
  severity: 'high',
  permission: { resources: ['mutatingwebhookconfigurations', 'validatingwebhookconfigurations'], groups: ['admissionregistration.k8s.io'], verbs: ['create', 'update', 'patch', 'delete', 'deletecollection'] },
  message: '{{kind}} `{{name}}` grants {{verbs}} on `{{resource}}`, so its subjects can intercept or alter every API write, or disable admission policies; limit it to the webhook\'s own installer (by `resourceNames` for update and patch).',
  remediation: 'Remove write access to webhook configurations from the role; let only the cluster administrators and the operator that owns a webhook change it, with `resourceNames` for update/patch.',
  references: [RBAC_GOOD_PRACTICES_URL + '#control-admission-webhooks', 'https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/'],
  equivalents: { checkov: ['CKV_K8S_155'], trivy: ['KSV114'] },
});

export const rbacNodesProxy = permissionRule({
  id: 'iac/k8s-rbac-nodes-proxy',
  title: 'Role grants access to nodes/proxy',
  description:
    'The nodes/proxy subresource forwards requests to the kubelet API of a node. With it a subject can run commands in any container on the node (the kubelet\'s exec and run endpoints), bypassing the API server\'s pods/exec authorisation, audit logging and admission control.',
  severity: 'high',
  permission: { resources: ['nodes/proxy'], groups: [''], verbs: ['get', 'create', 'update', 'patch', 'delete'] },
  message: '{{kind}} `{{name}}` grants {{verbs}} on `{{resource}}`, which reaches the kubelet API and lets its subjects run commands in any pod of a node outside the pods/exec permission and its audit trail; use nodes/metrics or nodes/stats for monitoring instead.',
  remediation: 'Remove nodes/proxy from the role; monitoring agents need only `nodes/metrics`, `nodes/stats` and `nodes/log` (get), or the metrics API.',
  references: [RBAC_GOOD_PRACTICES_URL + '#access-to-proxy-subresource-of-nodes', 'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/'],
  equivalents: { trivy: ['KSV047'] },
});

export const rbacTokenCreate = permissionRule({
  id: 'iac/k8s-rbac-token-create',
  title: 'Role can create service account tokens',
  description:
    'create on serviceaccounts/token lets a subject mint an API token for any service account in scope (every namespace for a ClusterRole) and then act with that account\'s rights, including those of controllers and operators with broad permissions.',
  severity: 'high',
  permission: { resources: ['serviceaccounts/token'], groups: [''], verbs: ['create'] },
  message: '{{kind}} `{{name}}` grants {{verbs}} on `{{resource}}` without `resourceNames`, so its subjects can mint tokens for, and act as, any service account in scope; restrict it with `resourceNames` to the accounts needed.',
  remediation: 'Remove create on serviceaccounts/token, or limit it with `resourceNames` to the specific service accounts the subject must issue tokens for.',
  references: [RBAC_GOOD_PRACTICES_URL + '#token-request', 'https://kubernetes.io/docs/reference/kubernetes-api/authentication-resources/token-request-v1/'],
  equivalents: {},
});

export const rbacCsrApprove: Rule = {
  meta: {
    id: 'iac/k8s-rbac-csr-approve',
    title: 'Role can approve certificate signing requests',
    description:
      'A subject that can update certificatesigningrequests/approval and approve for a signer can issue itself a client certificate for any user or group that signer accepts (with kubernetes.io/kube-apiserver-client, including `system:masters`, which bypasses RBAC), so it holds every right in the cluster.',
    severity: 'high',
    kinds: K8S_KINDS,
    messages: {
      approve: '{{kind}} `{{name}}` grants {{verbs}} on `certificatesigningrequests/approval` and `approve` on signers, so its subjects can issue certificates for any identity; limit approval to the signers and controllers that need it.',
    },
    remediation: 'Remove approval rights from the role, or limit `approve` on `signers` with `resourceNames` to a dedicated signer that cannot issue API client certificates.',
    references: [RBAC_GOOD_PRACTICES_URL + '#csrs-and-certificate-issuing', 'https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#authorization'],
    standards: { ...ACCESS_STANDARDS, cwe: ['CWE-269'] },
    equivalents: { checkov: ['CKV_K8S_156'] },
    security: true,
    since,
  },
  check(ctx) {
    const rules = policyRules(ctx);
    for (const pr of rules) {
      const g = grants(pr, { resources: ['certificatesigningrequests/approval'], groups: ['certificates.k8s.io'], verbs: ['update', 'patch'] });
      if (!g) continue;
      // approval also needs `approve` on the signer: a signers rule of the same role (resourceNames
      // limited to kubernetes.io API-client signers, or any signer, still counts)
      const canApprove = rules.some((other) => {
        if (other.role !== pr.role) return false;
        const groups = other.apiGroups.map(val);
        if (!groups.some((x) => x === '*' || x === 'certificates.k8s.io')) return false;
        if (!other.verbs.map(val).some((v) => v === 'approve' || v === '*')) return false;
        if (!other.resources.some((r) => val(r) === 'signers' || val(r) === '*')) return false;
        return !other.hasResourceNames || other.resourceNames.some((n) => n.startsWith('kubernetes.io/') || n === '*');
      });
      if (!canApprove) continue;
      for (const r of g.resources) ctx.report({ messageId: 'approve', offsets: nodeOffsets(r), data: { kind: pr.kind, name: pr.name, verbs: g.verbs.join('/') } });
    }
  },
};

export const networkRules: Rule[] = [serviceNodePort, serviceLoadBalancer, ingressWithoutTls, serviceExternalIps, ingressSnippetAnnotation];
export const rbacRules: Rule[] = [rbacWildcard, clusterAdminBinding, rbacSecretsAccess, rbacPodExec, rbacEscalationVerbs, anonymousBinding, rbacWorkloadCreate, rbacWebhookConfig, rbacNodesProxy, rbacTokenCreate, rbacCsrApprove];
