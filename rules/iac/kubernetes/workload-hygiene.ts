/**
 * Workload checks other scanners (Checkov, KICS, kube-linter, Polaris) carry beyond the Pod Security
 * Standards: secrets handed over as environment variables, missing security contexts, low UIDs, images
 * without a digest, privileged and SSH ports, Tiller, the default service account and selectors that do
 * not match their pod template.
 */
import type { Rule } from '../../../src/model/rule.js';
import type { DataNode } from '../../../src/parsers/data/tree.js';
import { entry, get, isFalse, isMap, isScalar, isSeq, items, str } from '../../../src/parsers/data/tree.js';
import {
  ACCESS_STANDARDS,
  allContainers,
  entryOffsets,
  HARDENING_STANDARDS,
  isPlaceholder,
  isWindowsPod,
  k8sObjects,
  K8S_KINDS,
  kindOf,
  label,
  nameOf,
  onceReporter,
  podSecurityContext,
  RESILIENCE_STANDARDS,
  SECURITY_CONTEXT_URL,
  workloads,
  containersOf,
  type Container,
} from './workloads.js';

const since = '0.1.0';
const SERVICE_ACCOUNT_URL = 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/';

export const secretEnvRef: Rule = {
  meta: {
    id: 'iac/k8s-secret-env-ref',
    title: 'Secret consumed as an environment variable',
    description:
      'A Secret handed to a container through `env[].valueFrom.secretKeyRef` or `envFrom[].secretRef` ends up in the process environment: it is inherited by every child process, printed by crash dumps, debug endpoints and `env` in a shell, and cannot be rotated without restarting the pod. Mounting the Secret as a file keeps it out of the environment and lets the kubelet refresh it.',
    severity: 'low',
    kinds: K8S_KINDS,
    messages: {
      secretKeyRef: 'The {{container}} reads Secret `{{secret}}` into environment variable `{{variable}}` (`valueFrom.secretKeyRef`); prefer mounting the Secret as a volume and reading the file.',
      secretRef: 'The {{container}} loads every key of Secret `{{secret}}` as environment variables (`envFrom.secretRef`); prefer mounting the Secret as a volume and reading the files.',
    },
    remediation: 'Mount the Secret as a `secret` (or projected) volume, read the value from the file, and remove the `secretKeyRef` / `secretRef` environment entries.',
    references: ['https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables', 'https://kubernetes.io/docs/concepts/security/secrets-good-practices/'],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['7'], caf: ['B3'], cwe: ['CWE-526'] },
    equivalents: { checkov: ['CKV_K8S_35'], kics: ['3d658f8b-d988-41a0-a841-40043121de1e'], 'kube-linter': ['read-secret-from-env-var'] },
    security: true,
    since,
  },
  check(ctx) {
    for (const c of allContainers(ctx)) {
      for (const ev of items(get(c.node, 'env'))) {
        const se = entry(get(ev, 'valueFrom'), 'secretKeyRef');
        if (!se || !isMap(se.value)) continue;
        ctx.report({ messageId: 'secretKeyRef', offsets: [se.key.start, se.key.end], data: { container: label(c), variable: str(get(ev, 'name')) ?? '(unnamed)', secret: str(get(se.value, 'name')) ?? '(unnamed)' } });
      }
      for (const ef of items(get(c.node, 'envFrom'))) {
        const se = entry(ef, 'secretRef');
        if (!se || !isMap(se.value)) continue;
        ctx.report({ messageId: 'secretRef', offsets: [se.key.start, se.key.end], data: { container: label(c), secret: str(get(se.value, 'name')) ?? '(unnamed)' } });
      }
    }
  },
};

export const containerSecurityContextMissing: Rule = {
  meta: {
    id: 'iac/k8s-container-security-context-missing',
    title: 'Container has no securityContext',
    description:
      'A container without a `securityContext` takes every default: it may escalate privileges, keeps the runtime\'s default capabilities and a writable root filesystem. Several of these settings (allowPrivilegeEscalation, capabilities, readOnlyRootFilesystem, privileged) exist only at container level, so a pod-level security context cannot supply them.',
    severity: 'low',
    kinds: K8S_KINDS,
    messages: {
      missing: 'The {{container}} has no `securityContext`; add one with `allowPrivilegeEscalation: false`, `readOnlyRootFilesystem: true` and `capabilities: {drop: [ALL]}`.',
    },
    remediation: 'Give every container a `securityContext` setting at least `allowPrivilegeEscalation: false`, `capabilities.drop: [ALL]` and `readOnlyRootFilesystem: true`, with runAsNonRoot and seccompProfile at pod or container level.',
    references: [SECURITY_CONTEXT_URL, 'https://kubernetes.io/docs/concepts/security/pod-security-standards/'],
    standards: { ...HARDENING_STANDARDS, cwe: ['CWE-1188'] },
    equivalents: { checkov: ['CKV_K8S_30'], kics: ['a97a340a-0063-418e-b3a1-3028941d0995'] },
    security: true,
    since,
  },
  check(ctx) {
    for (const c of allContainers(ctx, ['containers', 'initContainers'])) {
      // a patch (no image) takes the base's context; Knative's secure-pod-defaults fills one in
      if (c.partial || c.workload.knative || entry(c.node, 'securityContext')) continue;
      ctx.report({ messageId: 'missing', offsets: c.anchor, data: { container: label(c) } });
    }
  },
};

/** A literal integer value of a scalar, else undefined (templates, strings that are not numbers). */
function intOf(n: DataNode | undefined): number | undefined {
  if (!isScalar(n) || n.value === null) return undefined;
  const v = String(n.value).trim();
  return /^\d+$/.test(v) ? Number(v) : undefined;
}

export const runAsLowUid: Rule = {
  meta: {
    id: 'iac/k8s-run-as-low-uid',
    title: 'Container runs with a UID below 10000',
    description:
      'UIDs below 10000 are the range hosts give to their own users and system daemons. A container process that escapes to the node with such a UID acts as that host user and can read or change its files. Running as a UID of 10000 or more avoids the overlap.',
    severity: 'low',
    kinds: K8S_KINDS,
    messages: {
      low: '{{where}} sets `runAsUser: {{uid}}`, a UID that may belong to a user or daemon on the node (expected 10000 or more); use a UID such as 10001 and build the image with it.',
    },
    remediation: 'Set `runAsUser` to a UID of 10000 or more (for example 10001), create that user in the image, and keep `runAsNonRoot: true`.',
    references: [SECURITY_CONTEXT_URL, 'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#security-context'],
    standards: { ...HARDENING_STANDARDS, cwe: ['CWE-250'] },
    equivalents: { checkov: ['CKV_K8S_40'], trivy: ['KSV020'] },
    security: true,
    since,
  },
  check(ctx) {
    const report = onceReporter(ctx);
    for (const c of allContainers(ctx)) {
      if (isWindowsPod(c.workload)) continue; // Windows uses runAsUserName, and the API rejects runAsUser
      const ce = entry(c.securityContext, 'runAsUser');
      const pe = entry(podSecurityContext(c.workload), 'runAsUser');
      const e = ce && intOf(ce.value) !== undefined ? ce : ce ? undefined : pe;
      if (!e) continue;
      const uid = intOf(e.value);
      // UID 0 is iac/k8s-run-as-user-root's finding
      if (uid === undefined || uid === 0 || uid >= 10000) continue;
      const where = e === ce ? `The ${label(c)}` : `The pod of ${c.workload.kind} \`${c.workload.name}\``;
      report({ messageId: 'low', offsets: entryOffsets(e), data: { where, uid: String(uid) } });
    }
  },
};

/** Characters an image reference can hold (see iac/k8s-image-not-pinned). */
const IMAGE_REFERENCE = /^[\w.\-/:@+]+$/;

export const imageWithoutDigest: Rule = {
  meta: {
    id: 'iac/k8s-image-without-digest',
    title: 'Container image not pinned by digest',
    description:
      'A tag can be moved to another image at any time by whoever can push to the repository, so the same manifest can run different code tomorrow. A digest (`@sha256:…`) names exactly one image, so what was reviewed and scanned is what runs.',
    severity: 'low',
    kinds: K8S_KINDS,
    messages: {
      digest: 'The {{container}} uses image `{{image}}` without a digest, so the tag can be moved to other content; pin it as `{{image}}@sha256:…` (tools such as Renovate keep digests up to date).',
    },
    remediation: 'Reference the image by digest, keeping the tag for readability (`registry/app:1.4.2@sha256:…`), and let a dependency bot update the digest through reviewed changes.',
    references: ['https://kubernetes.io/docs/concepts/containers/images/#image-names', 'https://kubernetes.io/docs/concepts/containers/images/#updating-images'],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['2', '10'], caf: ['B4'], cwe: ['CWE-1357', 'CWE-494'] },
    equivalents: { checkov: ['CKV_K8S_43'], kics: ['7c81d34c-8e5a-402b-9798-9f442630e678'] },
    security: true,
    since,
  },
  check(ctx) {
    for (const c of allContainers(ctx)) {
      // Knative resolves tags to digests when it creates a revision
      if (c.workload.knative) continue;
      const e = entry(c.node, 'image');
      const image = str(e?.value)?.trim();
      if (!e || !image || isPlaceholder(image) || !IMAGE_REFERENCE.test(image)) continue;
      if (image.includes('@')) continue;
      ctx.report({ messageId: 'digest', offsets: entryOffsets(e), data: { container: label(c), image } });
    }
  },
};

/** The containerPort entries of a container with their literal numbers. */
function containerPorts(c: Container): { e: NonNullable<ReturnType<typeof entry>>; port: number; name?: string }[] {
  const out: { e: NonNullable<ReturnType<typeof entry>>; port: number; name?: string }[] = [];
  for (const p of items(get(c.node, 'ports'))) {
    const e = entry(p, 'containerPort');
    const port = intOf(e?.value);
    if (e && port !== undefined) out.push({ e, port, name: str(get(p, 'name')) });
  }
  return out;
}

export const privilegedPort: Rule = {
  meta: {
    id: 'iac/k8s-privileged-port',
    title: 'Container listens on a privileged port',
    description:
      'Ports below 1024 are privileged on Linux: binding one needs root or the NET_BIND_SERVICE capability, so a container that listens on one usually runs as root or keeps a capability it would not otherwise need. Listening on a high port and mapping it in the Service removes the need.',
    severity: 'low',
    kinds: K8S_KINDS,
    messages: {
      privileged: 'The {{container}} declares privileged `containerPort: {{port}}` (below 1024), which needs root or NET_BIND_SERVICE to bind; listen on a port of 1024 or above (such as 8080) and map it with the Service\'s `port`.',
    },
    remediation: 'Configure the application to listen on a port of 1024 or above and map the public port in the Service (`port: 80`, `targetPort: 8080`).',
    references: ['https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service', 'https://man7.org/linux/man-pages/man7/capabilities.7.html'],
    standards: { ...HARDENING_STANDARDS, cwe: ['CWE-250'] },
    equivalents: { trivy: ['KSV117'], 'kube-linter': ['privileged-ports'] },
    security: true,
    since,
  },
  check(ctx) {
    for (const c of allContainers(ctx, ['containers', 'initContainers'])) {
      if (isWindowsPod(c.workload)) continue; // Windows has no privileged ports
      for (const { e, port } of containerPorts(c)) {
        // port 22 is iac/k8s-ssh-port's finding
        if (port >= 1 && port < 1024 && port !== 22) ctx.report({ messageId: 'privileged', offsets: entryOffsets(e), data: { container: label(c), port: String(port) } });
      }
    }
  },
};

export const sshPort: Rule = {
  meta: {
    id: 'iac/k8s-ssh-port',
    title: 'Container exposes the SSH port',
    description:
      'A container that declares port 22 usually runs an SSH server: one more daemon to patch, one more set of credentials or keys to steal, and a way in that bypasses Kubernetes\' own audited access (kubectl exec, debug containers).',
    severity: 'low',
    kinds: K8S_KINDS,
    messages: {
      ssh: 'The {{container}} declares `containerPort: 22` (SSH); remove the SSH server from the image and use `kubectl exec` or an ephemeral debug container for access.',
    },
    remediation: 'Remove the SSH daemon and the port; use `kubectl exec` or `kubectl debug` (audited through the API server) when interactive access is needed.',
    references: ['https://kubernetes.io/docs/tasks/debug/debug-application/debug-running-pod/#ephemeral-container', 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/'],
    standards: { ...HARDENING_STANDARDS, cwe: ['CWE-284'] },
    equivalents: { 'kube-linter': ['ssh-port'] },
    security: true,
    since,
  },
  check(ctx) {
    for (const c of allContainers(ctx, ['containers', 'initContainers'])) {
      for (const { e, port } of containerPorts(c)) {
        if (port === 22) ctx.report({ messageId: 'ssh', offsets: entryOffsets(e), data: { container: label(c) } });
      }
    }
  },
};

/** The repository name of an image reference, without registry, path, tag or digest. */
function repositoryName(image: string): string {
  const noDigest = image.split('@')[0] ?? '';
  const last = noDigest.slice(noDigest.lastIndexOf('/') + 1);
  return last.split(':')[0] ?? '';
}

export const tillerDeployed: Rule = {
  meta: {
    id: 'iac/k8s-tiller-deployed',
    title: 'Tiller (Helm 2) is deployed',
    description:
      'Tiller, the in-cluster server of Helm 2, usually runs with cluster-admin rights and by default accepts unauthenticated gRPC requests from any pod on port 44134, so any workload in the cluster can install charts with full control. Helm 2 has been unsupported since November 2020; Helm 3 has no server component. The Service `helm init` creates in front of it (selector `app: helm`, `name: tiller`) is reported too: it is what makes that port reachable from every pod.',
    severity: 'high',
    kinds: K8S_KINDS,
    messages: {
      tiller: 'The {{container}} runs Tiller (`{{image}}`), the Helm 2 server that gives anyone who can reach it cluster-admin rights; migrate to Helm 3 and remove Tiller.',
      service: 'Service `{{name}}` selects the Tiller pods (`app: helm`, `name: tiller`) and exposes the Helm 2 server\'s unauthenticated gRPC port to every pod in the cluster; migrate to Helm 3 and delete the Service with Tiller.',
    },
    remediation: 'Migrate releases to Helm 3 (the helm-2to3 plugin), then delete the Tiller Deployment, Service and its service account binding.',
    references: ['https://helm.sh/docs/topics/v2_v3_migration/', 'https://helm.sh/blog/helm-v2-deprecation-timeline/'],
    standards: { ...ACCESS_STANDARDS, cwe: ['CWE-306', 'CWE-1104'] },
    equivalents: { checkov: ['CKV_K8S_34', 'CKV_K8S_44'], kics: ['6d173be7-545a-46c6-a81d-2ae52ed1605d', '8b862ca9-0fbd-4959-ad72-b6609bdaa22d'] },
    security: true,
    since,
  },
  check(ctx) {
    for (const c of allContainers(ctx, ['containers', 'initContainers'])) {
      const e = entry(c.node, 'image');
      const image = str(e?.value)?.trim();
      // the Helm 2 server's image, as `helm init` deployed it (gcr.io/kubernetes-helm/tiller, ghcr.io/helm/tiller)
      if (e && image && !isPlaceholder(image) && repositoryName(image) === 'tiller') ctx.report({ messageId: 'tiller', offsets: entryOffsets(e), data: { container: label(c), image } });
    }
    // the Service `helm init` puts in front of Tiller: matched on its selector (the labels helm init gives the
    // Tiller pods), not on names or labels that merely contain "tiller"
    for (const o of k8sObjects(ctx)) {
      if (kindOf(o) !== 'Service') continue;
      const se = entry(get(o, 'spec'), 'selector');
      if (!se || !isMap(se.value)) continue;
      if (str(get(se.value, 'app'))?.trim() === 'helm' && str(get(se.value, 'name'))?.trim() === 'tiller') ctx.report({ messageId: 'service', offsets: entryOffsets(se), data: { name: nameOf(o) } });
    }
  },
};

export const defaultServiceAccount: Rule = {
  meta: {
    id: 'iac/k8s-default-service-account',
    title: 'Default service account used or given rights',
    description:
      'Every pod that names no service account runs as its namespace\'s `default` account. Binding a role to `default` gives that role to every such pod in the namespace, present and future; a workload that explicitly uses `default` shares its identity with all of them; and a `default` account that automounts its token hands it to all of them. Each workload should have its own service account.',
    severity: 'medium',
    kinds: K8S_KINDS,
    messages: {
      binding: '{{kind}} `{{name}}` binds {{roleKind}} `{{role}}` to the `default` service account{{ns}}, so every pod of the namespace without its own account gets it; create a dedicated service account for the workload that needs the role and bind that instead.',
      automount: 'ServiceAccount `default`{{ns}} does not set `automountServiceAccountToken: false`, so every pod that names no service account gets its token; set it to false.',
      explicit: '{{kind}} `{{name}}` sets `{{field}}: default`, sharing the namespace\'s default identity with every other pod; create a dedicated ServiceAccount for it.',
    },
    remediation: 'Create a ServiceAccount per workload and set `serviceAccountName`; set `automountServiceAccountToken: false` on the `default` ServiceAccount and never bind roles to it.',
    references: [SERVICE_ACCOUNT_URL, 'https://kubernetes.io/docs/concepts/security/service-accounts/', 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/'],
    standards: { ...ACCESS_STANDARDS, cwe: ['CWE-250', 'CWE-269'] },
    equivalents: { checkov: ['CKV_K8S_41', 'CKV_K8S_42'], kics: ['1e749bc9-fde8-471c-af0c-8254efd2dee5'], 'kube-linter': ['default-service-account'] },
    security: true,
    since,
  },
  check(ctx) {
    const nsText = (ns: string | undefined) => (ns ? ` of namespace \`${ns}\`` : '');
    for (const o of k8sObjects(ctx)) {
      const kind = kindOf(o);
      if (kind === 'ServiceAccount' && nameOf(o) === 'default') {
        const ae = entry(o, 'automountServiceAccountToken');
        if (ae && (isFalse(ae.value) || !isScalar(ae.value) || typeof ae.value.value === 'string')) continue; // false, or a value set at render time
        const ne = entry(get(o, 'metadata'), 'name');
        const at: [number, number] = ae ? entryOffsets(ae) : ne ? entryOffsets(ne) : [o.start, o.start];
        ctx.report({ messageId: 'automount', offsets: at, data: { ns: nsText(str(get(get(o, 'metadata'), 'namespace'))) }, severity: 'low' });
      }
      if (kind === 'RoleBinding' || kind === 'ClusterRoleBinding') {
        const roleRef = get(o, 'roleRef');
        for (const sub of items(get(o, 'subjects'))) {
          if (str(get(sub, 'kind')) !== 'ServiceAccount') continue;
          const ne = entry(sub, 'name');
          if (!ne || str(ne.value)?.trim() !== 'default') continue;
          ctx.report({
            messageId: 'binding',
            offsets: entryOffsets(ne),
            data: { kind, name: nameOf(o), roleKind: str(get(roleRef, 'kind')) ?? 'role', role: str(get(roleRef, 'name')) ?? '?', ns: nsText(str(get(sub, 'namespace'))) },
          });
        }
      }
    }
    for (const w of workloads(ctx)) {
      for (const field of ['serviceAccountName', 'serviceAccount']) {
        const e = entry(w.podSpec, field);
        if (e && str(e.value)?.trim() === 'default') {
          ctx.report({ messageId: 'explicit', offsets: entryOffsets(e), data: { kind: w.kind, name: w.name, field }, severity: 'low' });
          break;
        }
      }
    }
  },
};

/** Kinds whose `spec.selector` is a LabelSelector that must select the pod template (apps/v1 validates it). */
const SELECTOR_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

function labelValue(n: DataNode | undefined): string | undefined {
  if (!isScalar(n) || n.value === null) return undefined;
  return String(n.value);
}

export const mismatchingSelector: Rule = {
  meta: {
    id: 'iac/k8s-mismatching-selector',
    title: 'Workload selector does not match its pod template labels',
    description:
      'A Deployment, StatefulSet, DaemonSet, ReplicaSet or ReplicationController manages the pods its selector matches. When the selector does not match the labels of its own pod template the API server rejects the object (or, for a ReplicationController, the controller never sees its pods), so the rollout fails.',
    severity: 'low',
    kinds: K8S_KINDS,
    messages: {
      label: '{{kind}} `{{name}}` selects pods with `{{key}}: {{value}}`, but its pod template {{actual}}; make the selector and `spec.template.metadata.labels` agree.',
      expression: '{{kind}} `{{name}}` selects pods where `{{key}} {{operator}}{{values}}`, which its pod template labels do not satisfy; make the selector and `spec.template.metadata.labels` agree.',
    },
    remediation: 'Copy the selector\'s labels into `spec.template.metadata.labels` (or narrow the selector to labels the template carries); remember that a Deployment\'s selector cannot be changed after creation.',
    references: ['https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#selector', 'https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors'],
    standards: RESILIENCE_STANDARDS,
    equivalents: { 'kube-linter': ['mismatching-selector'] },
    since,
  },
  check(ctx) {
    for (const o of k8sObjects(ctx)) {
      const kind = kindOf(o);
      if (!SELECTOR_KINDS.has(kind) && kind !== 'ReplicationController') continue;
      const spec = get(o, 'spec');
      const selector = get(spec, 'selector');
      const labelsNode = get(get(get(spec, 'template'), 'metadata'), 'labels');
      if (!isMap(selector) || !isMap(labelsNode)) continue; // no selector (defaulted from the template), or templated labels
      const labels = new Map<string, string | undefined>();
      for (const le of labelsNode.entries) {
        const k = str(le.key);
        if (k !== undefined) labels.set(k, labelValue(le.value));
      }
      const unknown = [...labels.values()].some((v) => v === undefined || isPlaceholder(v));
      const data = { kind, name: nameOf(o) };
      const matchLabels = kind === 'ReplicationController' ? selector : get(selector, 'matchLabels');
      for (const e of isMap(matchLabels) ? matchLabels.entries : []) {
        const key = str(e.key);
        const want = labelValue(e.value);
        if (key === undefined || want === undefined || isPlaceholder(want) || isPlaceholder(key)) continue;
        const have = labels.get(key);
        if (have === want) continue;
        if (labels.has(key) && (have === undefined || isPlaceholder(have))) continue;
        const actual = labels.has(key) ? `has \`${key}: ${have}\`` : `has no \`${key}\` label`;
        ctx.report({ messageId: 'label', offsets: entryOffsets(e), data: { ...data, key, value: want, actual } });
      }
      if (kind === 'ReplicationController' || unknown) continue;
      for (const ex of items(get(selector, 'matchExpressions'))) {
        const key = str(get(ex, 'key'));
        const operator = str(get(ex, 'operator'));
        const valuesNode = get(ex, 'values');
        if (!key || !operator || !isMap(ex)) continue;
        const values = isSeq(valuesNode) ? valuesNode.items.map(labelValue) : [];
        if (values.some((v) => v === undefined || isPlaceholder(v))) continue;
        const have = labels.get(key);
        let ok: boolean;
        if (operator === 'In') ok = have !== undefined && values.includes(have);
        else if (operator === 'NotIn') ok = have === undefined || !values.includes(have);
        else if (operator === 'Exists') ok = labels.has(key);
        else if (operator === 'DoesNotExist') ok = !labels.has(key);
        else continue;
        if (!ok) ctx.report({ messageId: 'expression', offsets: [ex.start, ex.end], data: { ...data, key, operator, values: values.length ? ` (${values.join(', ')})` : '' } });
      }
    }
  },
};

export const duplicateEnvVar: Rule = {
  meta: {
    id: 'iac/k8s-duplicate-env-var',
    title: 'Container sets the same environment variable twice',
    description:
      'When a container\'s `env` lists a name twice, the later entry silently wins; the earlier value (often the one a reviewer reads) is never used, and tools that merge or patch the list (kustomize, Helm, kubectl apply) can keep either one. It is almost always a copy-and-paste mistake.',
    severity: 'low',
    kinds: K8S_KINDS,
    messages: {
      duplicate: 'The {{container}} sets environment variable `{{variable}}` again (first set on line {{first}}); the later value wins, so remove one of them.',
    },
    remediation: 'Keep a single `env` entry per variable name and remove the duplicate.',
    references: ['https://kubernetes.io/docs/tasks/inject-data-application/define-environment-variable-container/'],
    standards: RESILIENCE_STANDARDS,
    equivalents: { 'kube-linter': ['duplicate-env-var'] },
    since,
  },
  check(ctx) {
    for (const c of allContainers(ctx)) {
      const seen = new Map<string, number>();
      for (const ev of items(get(c.node, 'env'))) {
        const ne = entry(ev, 'name');
        const name = str(ne?.value)?.trim();
        if (!ne || !name || isPlaceholder(name)) continue;
        const first = seen.get(name);
        if (first === undefined) seen.set(name, ctx.file.lines.position(ne.key.start).line);
        else ctx.report({ messageId: 'duplicate', offsets: entryOffsets(ne), data: { container: label(c), variable: name, first: String(first) } });
      }
    }
  },
};

interface Removal {
  /** The Kubernetes minor release that stopped serving the version. */
  removed: string;
  /** The version to migrate to, or a note when the kind itself is gone. */
  use: string;
}

/**
 * API versions Kubernetes no longer serves, from the Deprecated API Migration Guide: by
 * `apiVersion`, for every kind of it (`*`) or for the kinds listed.
 */
const REMOVED_APIS: Record<string, Record<string, Removal>> = {
  'extensions/v1beta1': {
    Deployment: { removed: '1.16', use: 'apps/v1' },
    DaemonSet: { removed: '1.16', use: 'apps/v1' },
    ReplicaSet: { removed: '1.16', use: 'apps/v1' },
    NetworkPolicy: { removed: '1.16', use: 'networking.k8s.io/v1' },
    PodSecurityPolicy: { removed: '1.16', use: 'Pod Security admission (PodSecurityPolicy itself was removed in 1.25)' },
    Ingress: { removed: '1.22', use: 'networking.k8s.io/v1' },
  },
  'apps/v1beta1': { '*': { removed: '1.16', use: 'apps/v1' } },
  'apps/v1beta2': { '*': { removed: '1.16', use: 'apps/v1' } },
  'networking.k8s.io/v1beta1': { Ingress: { removed: '1.22', use: 'networking.k8s.io/v1' }, IngressClass: { removed: '1.22', use: 'networking.k8s.io/v1' } },
  'rbac.authorization.k8s.io/v1beta1': { '*': { removed: '1.22', use: 'rbac.authorization.k8s.io/v1' } },
  'rbac.authorization.k8s.io/v1alpha1': { '*': { removed: '1.22', use: 'rbac.authorization.k8s.io/v1' } },
  'admissionregistration.k8s.io/v1beta1': {
    MutatingWebhookConfiguration: { removed: '1.22', use: 'admissionregistration.k8s.io/v1' },
    ValidatingWebhookConfiguration: { removed: '1.22', use: 'admissionregistration.k8s.io/v1' },
  },
  'apiextensions.k8s.io/v1beta1': { CustomResourceDefinition: { removed: '1.22', use: 'apiextensions.k8s.io/v1' } },
  'apiregistration.k8s.io/v1beta1': { APIService: { removed: '1.22', use: 'apiregistration.k8s.io/v1' } },
  'certificates.k8s.io/v1beta1': { CertificateSigningRequest: { removed: '1.22', use: 'certificates.k8s.io/v1' } },
  'coordination.k8s.io/v1beta1': { Lease: { removed: '1.22', use: 'coordination.k8s.io/v1' } },
  'scheduling.k8s.io/v1beta1': { PriorityClass: { removed: '1.22', use: 'scheduling.k8s.io/v1' } },
  'storage.k8s.io/v1beta1': {
    CSIDriver: { removed: '1.22', use: 'storage.k8s.io/v1' },
    CSINode: { removed: '1.22', use: 'storage.k8s.io/v1' },
    StorageClass: { removed: '1.22', use: 'storage.k8s.io/v1' },
    VolumeAttachment: { removed: '1.22', use: 'storage.k8s.io/v1' },
    CSIStorageCapacity: { removed: '1.27', use: 'storage.k8s.io/v1' },
  },
  'batch/v1beta1': { CronJob: { removed: '1.25', use: 'batch/v1' } },
  'batch/v2alpha1': { CronJob: { removed: '1.21', use: 'batch/v1' } },
  'discovery.k8s.io/v1beta1': { EndpointSlice: { removed: '1.25', use: 'discovery.k8s.io/v1' } },
  'events.k8s.io/v1beta1': { Event: { removed: '1.25', use: 'events.k8s.io/v1' } },
  'autoscaling/v2beta1': { HorizontalPodAutoscaler: { removed: '1.25', use: 'autoscaling/v2' } },
  'autoscaling/v2beta2': { HorizontalPodAutoscaler: { removed: '1.26', use: 'autoscaling/v2' } },
  'policy/v1beta1': {
    PodDisruptionBudget: { removed: '1.25', use: 'policy/v1' },
    PodSecurityPolicy: { removed: '1.25', use: 'Pod Security admission (the PodSecurityPolicy API was removed)' },
  },
  'node.k8s.io/v1beta1': { RuntimeClass: { removed: '1.25', use: 'node.k8s.io/v1' } },
  'flowcontrol.apiserver.k8s.io/v1beta1': { '*': { removed: '1.26', use: 'flowcontrol.apiserver.k8s.io/v1' } },
  'flowcontrol.apiserver.k8s.io/v1beta2': { '*': { removed: '1.29', use: 'flowcontrol.apiserver.k8s.io/v1' } },
};

export const removedApiVersion: Rule = {
  meta: {
    id: 'iac/k8s-removed-api-version',
    title: 'Object uses an API version Kubernetes no longer serves',
    description:
      'Kubernetes removes beta API versions a few releases after their stable replacement ships. A manifest that still uses one (extensions/v1beta1 Deployments and Ingresses, batch/v1beta1 CronJobs, policy/v1beta1 PodSecurityPolicies…) fails to apply on a supported cluster, which blocks upgrades and keeps clusters on unsupported, unpatched releases.',
    severity: 'low',
    kinds: K8S_KINDS,
    messages: {
      removed: '{{kind}} `{{name}}` uses `apiVersion: {{apiVersion}}`, which Kubernetes stopped serving in {{removed}}; migrate it to {{use}}.',
    },
    remediation: 'Move the object to the stable API version (apps/v1, networking.k8s.io/v1, batch/v1, policy/v1, rbac.authorization.k8s.io/v1…) and adapt the fields that changed, following the Deprecated API Migration Guide; `kubectl convert` can help.',
    references: ['https://kubernetes.io/docs/reference/using-api/deprecation-guide/', 'https://kubernetes.io/docs/reference/using-api/deprecation-policy/'],
    standards: { ...RESILIENCE_STANDARDS, cwe: ['CWE-1104'] },
    equivalents: { kics: ['94b76ea5-e074-4ca2-8a03-c5a606e30645'], 'kube-linter': ['no-extensions-v1beta'] },
    since,
  },
  check(ctx) {
    for (const o of k8sObjects(ctx)) {
      const ae = entry(o, 'apiVersion');
      const apiVersion = str(ae?.value)?.trim();
      if (!ae || !apiVersion) continue;
      const table = REMOVED_APIS[apiVersion];
      const kind = kindOf(o);
      const r = table?.[kind] ?? table?.['*'];
      if (r) ctx.report({ messageId: 'removed', offsets: entryOffsets(ae), data: { kind, name: nameOf(o), apiVersion, removed: r.removed, use: r.use.includes('/') && !r.use.includes(' ') ? `\`${r.use}\`` : r.use } });
    }
  },
};

/** The literal string labels of a map (undefined when any key or value is templated or not a string/number). */
function literalLabels(n: DataNode | undefined): Map<string, string> | undefined {
  if (!isMap(n)) return undefined;
  const out = new Map<string, string>();
  for (const e of n.entries) {
    const k = str(e.key);
    const v = labelValue(e.value);
    if (k === undefined || v === undefined || isPlaceholder(k) || isPlaceholder(v)) return undefined;
    out.set(k, v);
  }
  return out;
}

export const serviceTargetPortUndefined: Rule = {
  meta: {
    id: 'iac/k8s-service-target-port-undefined',
    title: 'Service targets a port name its pods do not define',
    description:
      'A Service whose `targetPort` is a name sends traffic to the container port of that name. When the pods it selects (defined in the same file) declare no port with that name, the Service gets no endpoints for the port and every request to it fails.',
    severity: 'low',
    kinds: K8S_KINDS,
    messages: {
      undefined: 'Service `{{name}}` sends port {{port}} to `targetPort: {{target}}`, but no container of {{workloads}} (which it selects) declares a port named `{{target}}`; name the container port `{{target}}` or use its number.',
    },
    remediation: 'Give the container port the name the Service uses (`ports: [{name: http, containerPort: 8080}]`), or set the Service\'s `targetPort` to the container\'s port number.',
    references: ['https://kubernetes.io/docs/concepts/services-networking/service/#field-spec-ports', 'https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service'],
    standards: RESILIENCE_STANDARDS,
    equivalents: {},
    since,
  },
  check(ctx) {
    const objects = k8sObjects(ctx);
    const nsOf = (o: DataNode) => str(get(get(o, 'metadata'), 'namespace'))?.trim() || undefined;
    const all = workloads(ctx);
    for (const svc of objects) {
      if (kindOf(svc) !== 'Service') continue;
      const selector = literalLabels(get(get(svc, 'spec'), 'selector'));
      if (!selector || selector.size === 0) continue;
      const ns = nsOf(svc);
      const selected = all.filter((w) => {
        if (w.kind === 'PodTemplate' || w.knative) return false;
        const wns = nsOf(w.object);
        if (ns !== undefined && wns !== undefined && ns !== wns) return false;
        const labels = literalLabels(get(w.podMeta, 'labels'));
        return labels !== undefined && [...selector].every(([k, v]) => labels.get(k) === v);
      });
      // judge only pods fully defined here: every selected workload complete, none with templated port names
      if (selected.length === 0 || selected.some((w) => containersOf(w, ['containers']).some((c) => c.partial))) continue;
      const names = new Set<string>();
      let unknown = false;
      for (const w of selected) {
        for (const c of containersOf(w, ['containers'])) {
          for (const p of items(get(c.node, 'ports'))) {
            const n = str(get(p, 'name'));
            if (n === undefined) continue;
            if (isPlaceholder(n)) unknown = true;
            names.add(n);
          }
        }
      }
      if (unknown) continue;
      for (const p of items(get(get(svc, 'spec'), 'ports'))) {
        const te = entry(p, 'targetPort');
        if (!te || !isScalar(te.value) || typeof te.value.value !== 'string') continue;
        const target = te.value.value.trim();
        if (target === '' || /^\d+$/.test(target) || isPlaceholder(target) || names.has(target)) continue;
        const workloadsText = selected.map((w) => `${w.kind} \`${w.name}\``).join(', ');
        ctx.report({ messageId: 'undefined', offsets: entryOffsets(te), data: { name: nameOf(svc), port: labelValue(get(p, 'port')) ?? '?', target, workloads: workloadsText } });
      }
    }
  },
};

export const workloadHygieneRules: Rule[] = [secretEnvRef, containerSecurityContextMissing, runAsLowUid, imageWithoutDigest, privilegedPort, sshPort, tillerDeployed, defaultServiceAccount, mismatchingSelector, duplicateEnvVar, removedApiVersion, serviceTargetPortUndefined];
