/** Workload hardening beyond the Pod Security Standards: filesystem, resources, tokens, images, secrets, probes. */
import type { Rule } from '../../../src/model/rule.js';
import { entry, get, isFalse, isScalar, isTrue, items, str } from '../../../src/parsers/data/tree.js';
import type { DataMap } from '../../../src/parsers/data/tree.js';
import {
  allContainers,
  CLUSTER_SCOPED_KINDS,
  isPartialWorkload,
  containersOf,
  entryOffsets,
  HARDENING_STANDARDS,
  isPlaceholder,
  isWindowsPod,
  k8sObjects,
  K8S_KINDS,
  kindOf,
  label,
  nameOf,
  nodeOffsets,
  RESILIENCE_STANDARDS,
  SECURITY_CONTEXT_URL,
  workloads,
  type Container,
  type Workload,
  isTemplated,
} from './workloads.js';
import { kustomizeNamespace } from './kustomize.js';
import { limitRangeDefaults } from './limit-range.js';

const since = '0.1.0';

export const writableRootFilesystem: Rule = {
  meta: {
    id: 'iac/k8s-writable-root-filesystem',
    title: 'Container root filesystem is writable',
    description:
      'A writable root filesystem lets an attacker who gains code execution drop tools, modify binaries and persist inside the container. Mounting it read-only, with emptyDir volumes for the paths that must be written, makes the container immutable at run time.',
    severity: 'medium',
    kinds: K8S_KINDS,
    messages: {
      missing: 'The {{container}} does not set `securityContext.readOnlyRootFilesystem` (expected true; the default is writable); add `readOnlyRootFilesystem: true` and mount emptyDir volumes where it writes.',
      false: 'The {{container}} sets `readOnlyRootFilesystem: {{value}}` (expected true); set it to true and mount emptyDir volumes where it writes.',
    },
    remediation: 'Set `securityContext.readOnlyRootFilesystem: true` and mount `emptyDir` volumes at the paths the process writes (such as /tmp).',
    references: [SECURITY_CONTEXT_URL, 'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#security-context-1'],
    standards: { ...HARDENING_STANDARDS, cwe: ['CWE-732'] },
    equivalents: { checkov: ['CKV_K8S_22'], kics: ['a9c2f49d-0671-4fc9-9ece-f4e261e128d0'], kubescape: ['C-0017'], trivy: ['KSV014'], 'kube-linter': ['no-read-only-root-fs'], kubesec: ['ReadOnlyRootFilesystem'], polaris: ['notReadOnlyRootFilesystem'] },
    security: true,
    since,
  },
  check(ctx) {
    for (const c of allContainers(ctx, ['containers', 'initContainers'])) {
      // the API rejects readOnlyRootFilesystem on a pod with spec.os.name: windows, so it cannot be the fix
      if (isWindowsPod(c.workload)) continue;
      const e = entry(c.securityContext, 'readOnlyRootFilesystem');
      if (e && (isTrue(e.value) || isTemplated(e.value))) continue;
      if (e && isScalar(e.value) && e.value.value !== null) ctx.report({ messageId: 'false', offsets: entryOffsets(e), data: { container: label(c), value: String(e.value.value) } });
      else if (!c.partial) ctx.report({ messageId: 'missing', offsets: c.anchor, data: { container: label(c) } });
    }
  },
};

/** Report anchor and the missing resources of one resources sub-map (limits or requests). */
function missingResources(c: Container, key: 'limits' | 'requests'): { offsets: [number, number]; missing: string[] } {
  const re = entry(c.node, 'resources');
  const be = entry(re?.value, key);
  const block = be?.value;
  const present = (r: string) => {
    const v = get(block, r);
    return v !== undefined && !(isScalar(v) && (v.value === null || v.value === ''));
  };
  const missing = ['cpu', 'memory'].filter((r) => !present(r));
  const offsets: [number, number] = be ? [be.key.start, be.key.end] : re ? [re.key.start, re.key.end] : c.anchor;
  return { offsets, missing };
}

export const resourceLimitsMissing: Rule = {
  meta: {
    id: 'iac/k8s-resource-limits-missing',
    title: 'Container has no CPU or memory limit',
    description:
      'Without a memory limit a container can exhaust the node\'s memory and get other workloads evicted or killed; without a CPU limit it can starve its neighbours. Limits contain a runaway or compromised process (including denial-of-service and crypto-mining) to its own share. A default limit that a LimitRange of the scan gives the workload\'s namespace (its own `metadata.namespace` or its kustomization\'s) counts as set.',
    severity: 'medium',
    kinds: K8S_KINDS,
    messages: {
      none: 'The {{container}} sets no `resources.limits` (expected cpu and memory limits); add `resources.limits.memory` and `resources.limits.cpu`.',
      memory: 'The {{container}} sets no memory limit (`resources.limits.memory`), so it can exhaust the node\'s memory; add one.',
      cpu: 'The {{container}} sets no CPU limit (`resources.limits.cpu`); add one, or record why the workload is allowed to burst.',
    },
    remediation: 'Set `resources.limits.memory` and `resources.limits.cpu` (or enforce defaults with a namespace LimitRange).',
    references: ['https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/', 'https://kubernetes.io/docs/concepts/policy/limit-range/'],
    standards: { ...RESILIENCE_STANDARDS, cwe: ['CWE-770'] },
    equivalents: { checkov: ['CKV_K8S_11', 'CKV_K8S_13'], kics: ['4ac0e2b7-d2d2-4af7-8799-e8de6721ccda', 'b14d1bc4-a208-45db-92f0-e21f8e2588e9'], kubescape: ['C-0004', 'C-0050'], trivy: ['KSV011', 'KSV018'], 'kube-linter': ['unset-cpu-requirements', 'unset-memory-requirements'], kubesec: ['LimitsCPU', 'LimitsMemory'], polaris: ['cpuLimitsMissing', 'memoryLimitsMissing'] },
    security: true,
    since,
  },
  async check(ctx) {
    for (const c of allContainers(ctx, ['containers', 'initContainers'])) {
      const found = missingResources(c, 'limits');
      const { offsets } = found;
      if (found.missing.length === 0 || c.partial) continue;
      // a LimitRange of the scan in the workload's namespace fills in its default limits
      const defaults = await limitRangeDefaults(ctx, c.workload.object);
      const missing = found.missing.filter((r) => !defaults.limits.has(r));
      if (missing.length === 0) continue;
      const data = { container: label(c) };
      if (missing.length === 2) ctx.report({ messageId: 'none', offsets, data });
      else if (missing[0] === 'memory') ctx.report({ messageId: 'memory', offsets, data });
      else ctx.report({ messageId: 'cpu', offsets, data, severity: 'low' });
    }
  },
};

export const resourceRequestsMissing: Rule = {
  meta: {
    id: 'iac/k8s-resource-requests-missing',
    title: 'Container has no CPU or memory request',
    description:
      'Requests tell the scheduler what a container needs. A container with neither a request nor a limit for a resource is scheduled as best-effort for it: it can be placed on an overcommitted node and is the first to be evicted under pressure, which makes the service unreliable. A default request that a LimitRange of the scan gives the workload\'s namespace counts as set.',
    severity: 'low',
    kinds: K8S_KINDS,
    messages: {
      missing: 'The {{container}} sets neither a request nor a limit for {{resources}} (expected `resources.requests`); add {{fields}}.',
    },
    remediation: 'Set `resources.requests.cpu` and `resources.requests.memory` to the container\'s normal usage (a limit alone also sets the request to the same value).',
    references: ['https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/', 'https://kubernetes.io/docs/concepts/workloads/pods/pod-qos/'],
    standards: RESILIENCE_STANDARDS,
    equivalents: { checkov: ['CKV_K8S_10', 'CKV_K8S_12'], kics: ['229588ef-8fde-40c8-8756-f4f2b5825ded', 'ca469dd4-c736-448f-8ac1-30a642705e0a'], trivy: ['KSV015', 'KSV016'], 'kube-linter': ['unset-cpu-requirements', 'unset-memory-requirements'], kubesec: ['RequestsCPU', 'RequestsMemory'], polaris: ['cpuRequestsMissing', 'memoryRequestsMissing'] },
    security: true,
    since,
  },
  async check(ctx) {
    for (const c of allContainers(ctx, ['containers', 'initContainers'])) {
      const req = missingResources(c, 'requests');
      const lim = missingResources(c, 'limits');
      // a limit without a request defaults the request to the limit
      let missing = req.missing.filter((r) => lim.missing.includes(r));
      if (missing.length === 0 || c.partial) continue;
      // a LimitRange of the scan in the workload's namespace fills in its default requests
      const defaults = await limitRangeDefaults(ctx, c.workload.object);
      missing = missing.filter((r) => !defaults.requests.has(r));
      if (missing.length === 0) continue;
      ctx.report({ messageId: 'missing', offsets: req.offsets, data: { container: label(c), resources: missing.join(' and '), fields: missing.map((r) => `\`resources.requests.${r}\``).join(' and ') } });
    }
  },
};

export const serviceAccountTokenAutomount: Rule = {
  meta: {
    id: 'iac/k8s-service-account-token-automount',
    title: 'Pod mounts its service account token automatically',
    description:
      'Kubernetes mounts a service account token into every pod unless told not to. Most applications never call the Kubernetes API, but an attacker who compromises the pod can use the token to query or change the cluster with whatever rights the account has.',
    severity: 'low',
    kinds: K8S_KINDS,
    messages: {
      missing: '{{kind}} `{{name}}` does not set `automountServiceAccountToken: false` (and its service account `{{account}}` is not defined here with it false), so its pods get an API token; set it to false unless the pod calls the Kubernetes API.',
      true: '{{kind}} `{{name}}` sets `automountServiceAccountToken: true`; if the pod does not call the Kubernetes API set it to false, otherwise give its service account only the rights it needs.',
    },
    remediation: 'Set `automountServiceAccountToken: false` in the pod spec (or on its ServiceAccount); for pods that call the API, use a dedicated service account with a minimal Role.',
    references: ['https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting', 'https://kubernetes.io/docs/concepts/security/service-accounts/'],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['7'], caf: ['B2'], cwe: ['CWE-522'] },
    equivalents: { checkov: ['CKV_K8S_38'], kics: ['48471392-d4d0-47c0-b135-cdec95eb3eef'], kubescape: ['C-0034'], trivy: ['KSV036'], 'kube-linter': ['automount-service-account-token'], kubesec: ['AutomountServiceAccountToken'], polaris: ['automountServiceAccountToken'] },
    security: true,
    since,
  },
  check(ctx) {
    // service accounts defined in the same file that opt out, with their namespace (undefined: set at apply)
    const namespaceOf = (o: DataMap) => str(get(get(o, 'metadata'), 'namespace'))?.trim() || undefined;
    const optedOut: { name: string; namespace?: string }[] = [];
    for (const o of k8sObjects(ctx)) {
      if (kindOf(o) === 'ServiceAccount' && isFalse(get(o, 'automountServiceAccountToken'))) optedOut.push({ name: nameOf(o), namespace: namespaceOf(o) });
    }
    // a service account is namespaced: one in another namespace is a different account (an unset namespace may be either)
    const optsOut = (name: string, ns: string | undefined) => optedOut.some((a) => a.name === name && (a.namespace === undefined || ns === undefined || a.namespace === ns));
    for (const w of workloads(ctx)) {
      const e = entry(w.podSpec, 'automountServiceAccountToken');
      if (e && isFalse(e.value)) continue;
      if (e && isTrue(e.value)) {
        ctx.report({ messageId: 'true', offsets: entryOffsets(e), data: { kind: w.kind, name: w.name } });
        continue;
      }
      if (e || isPartialWorkload(w)) continue; // a templated value, or a patch whose base decides
      const account = str(get(w.podSpec, 'serviceAccountName')) ?? str(get(w.podSpec, 'serviceAccount')) ?? 'default';
      if (optsOut(account, namespaceOf(w.object))) continue;
      ctx.report({ messageId: 'missing', offsets: [w.podSpecKey.start, w.podSpecKey.end], data: { kind: w.kind, name: w.name, account } });
    }
  },
};

/**
 * Objects Kubernetes itself keeps in the `default` namespace (as in every namespace, for the service
 * account and CA bundle): a cluster dump lists them there, and they cannot be moved elsewhere.
 */
const BUILT_IN_DEFAULT_OBJECTS = new Set([
  'ServiceAccount/default', // the ServiceAccount controller creates it in each namespace
  'ConfigMap/kube-root-ca.crt', // the root CA publisher creates it in each namespace
  'Service/kubernetes', // the API server's own Service, with its Endpoints and EndpointSlice
  'Endpoints/kubernetes',
  'EndpointSlice/kubernetes',
]);

export const defaultNamespace: Rule = {
  meta: {
    id: 'iac/k8s-default-namespace',
    title: 'Object placed in the default namespace',
    description:
      'The default namespace is shared by everything deployed without a namespace, so RBAC, NetworkPolicies, quotas and Pod Security admission labels cannot be scoped to one service there. Deploying into a dedicated namespace keeps workloads and their permissions separated. The objects Kubernetes itself keeps there (the `default` ServiceAccount, the `kube-root-ca.crt` ConfigMap and the API server\'s `kubernetes` Service, Endpoints and EndpointSlice), as found in a cluster export, are not reported, nor is a file that a kustomization of the scan takes in and gives another namespace (its `namespace:` overrides the file\'s).',
    severity: 'low',
    kinds: K8S_KINDS,
    messages: {
      default: '{{kind}} `{{name}}` is placed in the `default` namespace; use a dedicated namespace for the service.',
    },
    remediation: 'Set `metadata.namespace` to the service\'s own namespace (or let the deployment tool set it) and remove `namespace: default`.',
    references: ['https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/', 'https://kubernetes.io/docs/concepts/security/multi-tenancy/'],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['6', '7'], caf: ['B4'] },
    equivalents: { checkov: ['CKV_K8S_21'], kics: ['611ab018-c4aa-4ba2-b0f6-a448337509a6'], kubescape: ['C-0061'], trivy: ['KSV110'], 'kube-linter': ['use-namespace'] },
    security: true,
    since,
  },
  async check(ctx) {
    const found = k8sObjects(ctx).flatMap((o) => {
      if (CLUSTER_SCOPED_KINDS.has(kindOf(o)) || BUILT_IN_DEFAULT_OBJECTS.has(`${kindOf(o)}/${nameOf(o)}`)) return [];
      const e = entry(get(o, 'metadata'), 'namespace');
      return e && str(e.value)?.trim() === 'default' ? [{ o, e }] : [];
    });
    if (found.length === 0) return;
    // a kustomization that takes the file in sets the namespace itself (its transformer overrides the file's)
    const ns = await kustomizeNamespace(ctx);
    if (ns !== undefined && ns !== 'default') return;
    for (const { o, e } of found) ctx.report({ messageId: 'default', offsets: entryOffsets(e), data: { kind: kindOf(o), name: nameOf(o) } });
  },
};

/** Split an image reference: its tag (undefined when absent) and whether it is pinned by digest. */
export function parseImage(image: string): { tag?: string; digest: boolean } {
  const ref = image.trim();
  const at = ref.indexOf('@');
  if (at >= 0) return { digest: true, tag: undefined };
  const lastSlash = ref.lastIndexOf('/');
  const colon = ref.indexOf(':', lastSlash + 1);
  return { digest: false, tag: colon >= 0 ? ref.slice(colon + 1) : undefined };
}

/**
 * Characters an image reference can hold: registry host and port, path components, tag and digest.
 * Anything else (`$NAME`, `%NAME%`, spaces) is a value some tool substitutes before apply, so the real
 * tag is unknown here; Kubernetes itself expands variables only in command, args and env (`$(VAR)`).
 */
const IMAGE_REFERENCE = /^[\w.\-/:@+]+$/;

function imageOf(c: Container): { entry: NonNullable<ReturnType<typeof entry>>; image: string } | undefined {
  const e = entry(c.node, 'image');
  const image = str(e?.value);
  if (!e || !image || isPlaceholder(image) || !IMAGE_REFERENCE.test(image.trim())) return undefined;
  return { entry: e, image };
}

/** "latest" or "untagged" for a mutable reference with no version, else undefined. */
function unpinned(image: string): 'latest' | 'untagged' | undefined {
  const { tag, digest } = parseImage(image);
  if (digest) return undefined;
  if (tag === undefined || tag === '') return 'untagged';
  return tag.toLowerCase() === 'latest' ? 'latest' : undefined;
}

export const imageNotPinned: Rule = {
  meta: {
    id: 'iac/k8s-image-not-pinned',
    title: 'Container image uses latest or no tag',
    description:
      'An image referenced as `:latest` or without a tag resolves to whatever was pushed last: deployments are not reproducible, a rollback may not restore the old code, and a compromised or broken upstream push reaches production unreviewed.',
    severity: 'medium',
    kinds: K8S_KINDS,
    messages: {
      latest: 'The {{container}} uses image `{{image}}` with the mutable `latest` tag; pin a version tag or, better, a digest (`image@sha256:…`).',
      untagged: 'The {{container}} uses image `{{image}}` with no tag or digest, which means `latest`; pin a version tag or a digest (`image@sha256:…`).',
    },
    remediation: 'Reference images by an immutable version tag, ideally with a digest (`registry/app:1.4.2@sha256:…`), and update them through reviewed changes.',
    references: ['https://kubernetes.io/docs/concepts/containers/images/#image-names', 'https://kubernetes.io/docs/concepts/configuration/overview/#container-images'],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['2', '10'], caf: ['B4'], cwe: ['CWE-1357'] },
    equivalents: { checkov: ['CKV_K8S_14'], kics: ['583053b7-e632-46f0-b989-f81ff8045385'], trivy: ['KSV013'], 'kube-linter': ['latest-tag'], polaris: ['tagNotSpecified'] },
    security: true,
    since,
  },
  check(ctx) {
    for (const c of allContainers(ctx)) {
      const img = imageOf(c);
      if (!img) continue;
      const u = unpinned(img.image);
      if (u) ctx.report({ messageId: u, offsets: entryOffsets(img.entry), data: { container: label(c), image: img.image } });
    }
  },
};

export const imagePullPolicy: Rule = {
  meta: {
    id: 'iac/k8s-image-pull-policy',
    title: 'Mutable image tag pulled IfNotPresent',
    description:
      'With a `latest` or missing tag, imagePullPolicy IfNotPresent or Never makes each node run whatever copy of the image it cached first, so replicas silently run different code and a fixed image may never be picked up.',
    severity: 'low',
    kinds: K8S_KINDS,
    messages: {
      policy: 'The {{container}} uses the mutable image `{{image}}` with `imagePullPolicy: {{policy}}`, so nodes may run stale copies; pin a version tag or digest, or set `imagePullPolicy: Always`.',
    },
    remediation: 'Pin the image to a version tag or digest; if a mutable tag must be used, set `imagePullPolicy: Always`.',
    references: ['https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy'],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['10'], caf: ['B4'] },
    equivalents: { checkov: ['CKV_K8S_15'], kics: ['caa3479d-885d-4882-9aac-95e5e78ef5c2'], kubescape: ['C-0075'], polaris: ['pullPolicyNotAlways'] },
    security: true,
    since,
  },
  check(ctx) {
    for (const c of allContainers(ctx)) {
      // Knative resolves the tag to a digest when it creates the revision, so every pod runs the same image
      if (c.workload.knative) continue;
      const img = imageOf(c);
      if (!img || !unpinned(img.image)) continue;
      const pe = entry(c.node, 'imagePullPolicy');
      const policy = str(pe?.value);
      if (pe && policy && (policy === 'IfNotPresent' || policy === 'Never')) ctx.report({ messageId: 'policy', offsets: entryOffsets(pe), data: { container: label(c), image: img.image, policy } });
    }
  },
};

/**
 * Variable names that hold secrets, and suffixes that mean the value is about a secret, not the secret.
 * Azure SDKs and the az CLI read account keys from AZURE_<SERVICE>_KEY variables (AZURE_STORAGE_KEY,
 * AZURE_BATCH_KEY, AZURE_SEARCH_ADMIN_KEY…), and the OCI CLI reads a whole private key from
 * OCI_CLI_KEY_CONTENT; neither name says "secret", so they are listed (a public key is not a secret, and
 * AZURE_KEYVAULT_KEY names a key held in Key Vault).
 */
const SECRET_NAME =
  /(PASSWORD|PASSWD|PASSPHRASE|PASSWORT|(^|_)PWD($|_)|(^|_)PASS($|_)|SECRET|TOKEN|API_?KEY|APIKEY|PRIVATE_?KEY|ACCESS_?KEY|AUTH_?KEY|ENCRYPTION_?KEY|SIGNING_?KEY|MASTER_?KEY|CREDENTIALS?|(^|_)DSN($|_)|CONNECTION_?STRING|^AZURE_(?!\w*(PUBLIC|VAULT)_?KEY$)\w*KEY$|^OCI_CLI_KEY_CONTENT$)/i;
const NOT_A_SECRET_NAME =
  /(_FILE|_PATH|_DIR|_NAME|_NAMES|_ID|_URL|_URI|_ENDPOINT|_HOST|_PORT|_TTL|_EXPIRY|_EXPIRES|_EXPIRATION|_LIFETIME|_TIMEOUT|_LENGTH|_SIZE|_ENABLED|_DISABLED|_REQUIRED|_HEADER|_TYPE|_ALGORITHM|_ALG|_MODE|_FIELD|_REF|_VERSION|_ISSUER|_AUDIENCE|_SCOPE|_SCOPES|_SECONDS|_MINUTES|_HOURS|_DAYS|_LOCATION|_PROVIDER|_POLICY|_ROTATION|_PREFIX|_COOKIE_NAME|_MIN|_MAX|_COUNT|_LIMIT|_RETRIES|_INTERVAL|_FORMAT|_STORE|_KEY_ID|_ACCESS_KEY_ID)$|^(TOKEN|SECRET)_?(TYPE|NAME|PATH)$/i;
/**
 * A relative file path (`keys/signing.pem`, `../certs/tls.key`, `config/secrets/db-password`) says where a
 * secret is kept, not what it is, as an absolute path does. A path is three or more lower-case words joined
 * by slashes, or ends in a file extension; a random value that happens to contain slashes (a base64 key such
 * as an AWS secret access key) mixes cases and has no extension, so it is still reported.
 */
function isRelativePath(v: string): boolean {
  if (/^(~|\.\.)\/\S+$/.test(v)) return true;
  if (!/^[\w.-]+(\/[\w.-]+)+\/?$/.test(v)) return false;
  const segments = v.replace(/\/$/, '').split('/');
  // two words (`scott/tiger`) may be Oracle's user/password form, so a path without an extension needs three
  if (segments.length >= 3 && segments.every((s) => s.length <= 24 && /^[a-z][a-z0-9]*([._-][a-z0-9]+)*$/.test(s))) return true;
  return /^[\w-]+\.[a-z][a-z0-9]{0,4}$/.test(segments[segments.length - 1] ?? '');
}
const NOT_A_SECRET_VALUE = /^(true|false|yes|no|on|off|none|null|nil|disabled|enabled|required|optional|changeit|\*+|x+|-+|\.+)$/i;

export const secretInEnv: Rule = {
  meta: {
    id: 'iac/k8s-secret-in-env',
    title: 'Secret written as a plain environment value',
    description:
      'A password, token or key written as a literal `env[].value` is stored in the manifest, in version control and in the object itself, readable by anyone who can read the repository or get the workload. Secrets belong in a Kubernetes Secret (ideally from an external secret store) referenced with secretKeyRef.',
    severity: 'high',
    kinds: K8S_KINDS,
    messages: {
      literal: 'The {{container}} sets environment variable `{{variable}}` to a literal secret value; move it to a Secret and reference it with `valueFrom.secretKeyRef`.',
    },
    remediation: 'Store the value in a Secret (or an external secret manager synchronised into one), reference it with `env[].valueFrom.secretKeyRef`, and rotate the exposed value.',
    references: ['https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables', 'https://kubernetes.io/docs/concepts/security/secrets-good-practices/'],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['7'], caf: ['B3'], cwe: ['CWE-798', 'CWE-312'] },
    equivalents: { kubescape: ['C-0012'], 'kube-linter': ['env-var-secret'], polaris: ['sensitiveContainerEnvVar'] },
    security: true,
    since,
  },
  check(ctx) {
    for (const c of allContainers(ctx)) {
      for (const ev of items(get(c.node, 'env'))) {
        const name = str(get(ev, 'name'));
        const ve = entry(ev, 'value');
        if (!name || !ve || !isScalar(ve.value) || typeof ve.value.value !== 'string') continue;
        if (!SECRET_NAME.test(name) || NOT_A_SECRET_NAME.test(name)) continue;
        const value = ve.value.value;
        const v = value.trim();
        if (v.length < 4 || NOT_A_SECRET_VALUE.test(v) || isPlaceholder(v) || /^\$[A-Za-z_]\w*$/.test(v)) continue;
        if (/^(\/|\.\/|file:|https?:\/\/[^@]*$)/i.test(v)) continue; // a path or a URL without credentials
        if (isRelativePath(v)) continue;
        if (/^\d{1,6}$/.test(v)) continue; // a number (a port, a TTL)
        ctx.report({ messageId: 'literal', offsets: nodeOffsets(ve.value), data: { container: label(c), variable: name }, secrets: [value] });
      }
    }
  },
};

/**
 * Workload kinds that run long-lived servers (Jobs and CronJobs run to completion and need no probes).
 * An OpenShift DeploymentConfig rolls out long-running pods as a Deployment does.
 */
const SERVING_KINDS = new Set(['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'DeploymentConfig']);

/**
 * A bare Pod that runs to completion: `restartPolicy` Never or OnFailure (controllers' pod templates must
 * use Always), or a pod a Job or CronJob created (as in a cluster export). Probes do not apply to it.
 */
function runsToCompletion(w: Workload): boolean {
  if (w.kind !== 'Pod') return false;
  const policy = str(get(w.podSpec, 'restartPolicy'))?.trim();
  if (policy === 'Never' || policy === 'OnFailure') return true;
  return items(get(get(w.object, 'metadata'), 'ownerReferences')).some((o) => {
    const kind = str(get(o, 'kind'))?.trim();
    return kind === 'Job' || kind === 'CronJob';
  });
}

function probeRule(id: string, field: 'livenessProbe' | 'readinessProbe', title: string, description: string, equivalents: Rule['meta']['equivalents']): Rule {
  return {
    meta: {
      id,
      title,
      description,
      severity: 'low',
      kinds: K8S_KINDS,
      messages: {
        missing: `The {{container}} has no \`${field}\`; add an HTTP, TCP, gRPC or exec probe.`,
      },
      remediation: `Add a \`${field}\` to each long-running container (an HTTP GET on a health endpoint, a TCP socket, gRPC or exec check).`,
      references: ['https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/'],
      standards: RESILIENCE_STANDARDS,
      equivalents,
      security: true,
      since,
    },
    check(ctx) {
      for (const w of workloads(ctx)) {
        if (!SERVING_KINDS.has(w.kind) || runsToCompletion(w)) continue;
        for (const c of containersOf(w, ['containers'])) {
          if (get(c.node, field) === undefined && !c.partial) ctx.report({ messageId: 'missing', offsets: c.anchor, data: { container: label(c) } });
        }
      }
    },
  };
}

export const livenessProbeMissing = probeRule(
  'iac/k8s-liveness-probe-missing',
  'livenessProbe',
  'Container has no liveness probe',
  'Without a liveness probe Kubernetes cannot tell that a container has hung (deadlocked, out of file handles) and will not restart it, so the service stays down until someone notices.',
  { checkov: ['CKV_K8S_8'], kics: ['ade74944-a674-4e00-859e-c6eab5bde441'], kubescape: ['C-0056'], 'kube-linter': ['no-liveness-probe'], polaris: ['livenessProbeMissing'] },
);

export const readinessProbeMissing = probeRule(
  'iac/k8s-readiness-probe-missing',
  'readinessProbe',
  'Container has no readiness probe',
  'Without a readiness probe a pod receives traffic as soon as its container starts, before the application can serve it, and keeps receiving it when it cannot; users see errors during every rollout and incident.',
  { checkov: ['CKV_K8S_9'], kics: ['a659f3b5-9bf0-438a-bd9a-7d3a6427f1e3'], kubescape: ['C-0018'], 'kube-linter': ['no-readiness-probe'], polaris: ['readinessProbeMissing'] },
);

export const hardeningRules: Rule[] = [
  writableRootFilesystem,
  resourceLimitsMissing,
  resourceRequestsMissing,
  serviceAccountTokenAutomount,
  defaultNamespace,
  imageNotPinned,
  imagePullPolicy,
  secretInEnv,
  livenessProbeMissing,
  readinessProbeMissing,
];
