/**
 * Shared traversal for the Kubernetes rules: the objects of a manifest file (every YAML document,
 * `List` items expanded), the pod spec of every workload kind, and every container of a pod spec
 * with its effective security context (container-level settings override pod-level ones, as the
 * Kubernetes API defines for runAsUser, runAsNonRoot, seLinuxOptions, seccompProfile,
 * appArmorProfile and windowsOptions).
 */
import type { DataEntry, DataMap, DataNode, DataScalar } from '../../../src/parsers/data/tree.js';
import { entry, get, isMap, isScalar, isSeq, items, str } from '../../../src/parsers/data/tree.js';
import type { RuleContext, ReportDescriptor } from '../../../src/model/rule.js';
import type { SourceFile } from '../../../src/model/document.js';
import { parseYaml } from '../../../src/parsers/data/yaml.js';
import { templateParsesAsYaml } from '../../../src/parsers/helm.js';

/** Document kinds every Kubernetes rule runs on. */
export const K8S_KINDS: ('kubernetes' | 'helm')[] = ['kubernetes', 'helm'];

export const PSS_URL = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/';
export const SECURITY_CONTEXT_URL = 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/';
export const RBAC_URL = 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/';
export const RBAC_GOOD_PRACTICES_URL = 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/';

const helmRoots = new WeakMap<SourceFile, (DataNode | null)[]>();

/**
 * The data roots of the file: the parsed YAML/JSON for `kubernetes` files; for a `helm` template
 * with no template actions (plain YAML in a chart's templates/), its own parse; otherwise none
 * (a template must be rendered before it can be checked).
 */
export function dataRoots(ctx: RuleContext): (DataNode | null)[] {
  if (ctx.document.format === 'data') return ctx.document.roots;
  if (ctx.file.kind !== 'helm' || !/\.ya?ml$/i.test(ctx.file.path)) return [];
  let roots = helmRoots.get(ctx.file);
  if (!roots) {
    roots = [];
    if (templateParsesAsYaml(ctx.file.text)) {
      const parsed = parseYaml(ctx.file.text, ctx.file.lines);
      if (parsed.problems.length === 0) roots = parsed.roots;
    }
    helmRoots.set(ctx.file, roots);
  }
  return roots;
}

/** Every Kubernetes object of the file: each document root with apiVersion and kind, `List` items expanded. */
export function k8sObjects(ctx: RuleContext): DataMap[] {
  const out: DataMap[] = [];
  const add = (n: DataNode | null | undefined, depth: number) => {
    if (!isMap(n) || depth > 5) return;
    const kind = str(get(n, 'kind'));
    if (!kind || get(n, 'apiVersion') === undefined) return;
    if (/List$/.test(kind) && isSeq(get(n, 'items'))) {
      for (const it of items(get(n, 'items'))) add(it, depth + 1);
      return;
    }
    out.push(n);
  };
  for (const root of dataRoots(ctx)) {
    // a JSON file may hold an array of manifests
    if (isSeq(root)) for (const it of root.items) add(it, 0);
    else add(root, 0);
  }
  return out;
}

export function kindOf(obj: DataMap): string {
  return str(get(obj, 'kind')) ?? '';
}

export function nameOf(obj: DataMap): string {
  return str(get(get(obj, 'metadata'), 'name')) ?? '(unnamed)';
}

export interface Workload {
  /** The object (document root or List item). */
  object: DataMap;
  kind: string;
  name: string;
  /** The pod spec map. */
  podSpec: DataMap;
  /** The `spec:` key introducing the pod spec (where a missing pod-level field is reported). */
  podSpecKey: DataScalar;
  /** The pod's metadata (the object's for a Pod, the template's otherwise), for annotations. */
  podMeta?: DataMap;
  /**
   * A Knative Serving object (serving.knative.dev): its controller builds the Deployment, so it adds a
   * readiness probe, resolves image tags to digests and, where the operator enables secure-pod-defaults,
   * fills in allowPrivilegeEscalation, capabilities and seccompProfile that the manifest leaves out.
   */
  knative?: true;
}

/** Where the pod spec lives, per workload kind. */
const POD_SPEC_PATHS: Record<string, string[]> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  PodTemplate: ['template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  // OpenShift (apps.openshift.io/v1): a Deployment's pod template under the same path
  DeploymentConfig: ['spec', 'template', 'spec'],
};

export const WORKLOAD_KINDS = Object.keys(POD_SPEC_PATHS);

/** Knative Serving kinds: a Service or Configuration holds a revision template, a Revision its pod spec inline. */
const KNATIVE_POD_SPEC_PATHS: Record<string, string[]> = {
  Service: ['spec', 'template', 'spec'],
  Configuration: ['spec', 'template', 'spec'],
  Revision: ['spec'],
};

function isKnativeServing(obj: DataMap): boolean {
  return /^serving\.knative\.dev\//.test(str(get(obj, 'apiVersion'))?.trim() ?? '');
}

/** The last entry along a path of keys. */
function entryAt(node: DataNode, path: string[]): DataEntry | undefined {
  let cur: DataNode | undefined = node;
  let e: DataEntry | undefined;
  for (const k of path) {
    e = entry(cur, k);
    if (!e) return undefined;
    cur = e.value;
  }
  return e;
}

export function workloadOf(obj: DataMap): Workload | undefined {
  const kind = kindOf(obj);
  const knative = isKnativeServing(obj);
  const path = knative ? KNATIVE_POD_SPEC_PATHS[kind] : POD_SPEC_PATHS[kind];
  if (!path) return undefined;
  const e = entryAt(obj, path);
  if (!e || !isMap(e.value)) return undefined;
  const metaPath = [...path.slice(0, -1), 'metadata'];
  const podMeta = entryAt(obj, metaPath)?.value;
  const w: Workload = { object: obj, kind: knative ? `Knative ${kind}` : kind, name: nameOf(obj), podSpec: e.value, podSpecKey: e.key, podMeta: isMap(podMeta) ? podMeta : undefined };
  if (knative) w.knative = true;
  return w;
}

/** The workloads (objects with a pod spec) of the file. */
export function workloads(ctx: RuleContext): Workload[] {
  const out: Workload[] = [];
  for (const obj of k8sObjects(ctx)) {
    const w = workloadOf(obj);
    if (w) out.push(w);
  }
  return out;
}

export type ContainerList = 'containers' | 'initContainers' | 'ephemeralContainers';
export const CONTAINER_LISTS: ContainerList[] = ['containers', 'initContainers', 'ephemeralContainers'];

export interface Container {
  workload: Workload;
  list: ContainerList;
  node: DataMap;
  name: string;
  /** Where a missing field of this container is reported: its `name` entry, else its first key. */
  anchor: [number, number];
  /** The container's securityContext map, when present. */
  securityContext?: DataMap;
  /**
   * True for a container without an `image`: a partial object such as a kustomize strategic-merge
   * patch, whose missing fields come from the base. Rules report missing fields only on complete ones.
   */
  partial: boolean;
}

/** Human label: "container `app`", "init container `migrate`", "ephemeral container `debug`". */
export function label(c: Container): string {
  const what = c.list === 'initContainers' ? 'init container' : c.list === 'ephemeralContainers' ? 'ephemeral container' : 'container';
  return `${what} \`${c.name}\` of ${c.workload.kind} \`${c.workload.name}\``;
}

export function entryOffsets(e: DataEntry): [number, number] {
  return [e.key.start, e.value.end];
}

export function nodeOffsets(n: DataNode): [number, number] {
  return [n.start, n.end];
}

function anchorOf(node: DataMap): [number, number] {
  const e = entry(node, 'name') ?? node.entries[0];
  return e ? entryOffsets(e) : [node.start, node.start];
}

/** The containers of a workload, from the given lists (all three by default). */
export function containersOf(w: Workload, lists: ContainerList[] = CONTAINER_LISTS): Container[] {
  const out: Container[] = [];
  for (const list of lists) {
    for (const n of items(get(w.podSpec, list))) {
      if (!isMap(n)) continue;
      const sc = get(n, 'securityContext');
      out.push({ workload: w, list, node: n, name: str(get(n, 'name')) ?? '(unnamed)', anchor: anchorOf(n), securityContext: isMap(sc) ? sc : undefined, partial: get(n, 'image') === undefined });
    }
  }
  return out;
}

/** True when the workload looks like a patch (kustomize overlay): it has no container with an image. */
export function isPartialWorkload(w: Workload): boolean {
  const cs = containersOf(w, ['containers']);
  return cs.length === 0 || cs.every((c) => c.partial);
}

/** Every container of every workload of the file. */
export function allContainers(ctx: RuleContext, lists: ContainerList[] = CONTAINER_LISTS): Container[] {
  return workloads(ctx).flatMap((w) => containersOf(w, lists));
}

export function podSecurityContext(w: Workload): DataMap | undefined {
  const sc = get(w.podSpec, 'securityContext');
  return isMap(sc) ? sc : undefined;
}

/** Fields of PodSecurityContext that a container's SecurityContext overrides. */
export type SharedSecurityField = 'runAsUser' | 'runAsGroup' | 'runAsNonRoot' | 'seLinuxOptions' | 'seccompProfile' | 'appArmorProfile' | 'windowsOptions';

export interface Effective {
  entry: DataEntry;
  level: 'container' | 'pod';
}

/** The effective value of a field settable at both levels: the container's, else the pod's. */
export function effective(c: Container, field: SharedSecurityField): Effective | undefined {
  const ce = entry(c.securityContext, field);
  if (ce && !(isScalar(ce.value) && ce.value.value === null)) return { entry: ce, level: 'container' };
  const pe = entry(podSecurityContext(c.workload), field);
  if (pe && !(isScalar(pe.value) && pe.value.value === null)) return { entry: pe, level: 'pod' };
  return undefined;
}

/** A sub-field of an effective map-valued field (e.g. seccompProfile.type), container level first. */
export function effectiveSub(c: Container, field: SharedSecurityField, sub: string): Effective | undefined {
  const ce = entry(get(c.securityContext, field), sub);
  if (ce) return { entry: ce, level: 'container' };
  const pe = entry(get(podSecurityContext(c.workload), field), sub);
  if (pe) return { entry: pe, level: 'pod' };
  return undefined;
}

/** A container-only security context field (privileged, allowPrivilegeEscalation, capabilities, …). */
export function containerField(c: Container, field: string): DataEntry | undefined {
  return entry(c.securityContext, field);
}

/** True when the pod declares itself a Windows pod (`spec.os.name: windows`). */
export function isWindowsPod(w: Workload): boolean {
  return str(get(get(w.podSpec, 'os'), 'name'))?.toLowerCase() === 'windows';
}

/** Annotations map of an object's metadata. */
export function annotations(meta: DataNode | undefined): DataMap | undefined {
  const a = get(meta, 'annotations');
  return isMap(a) ? a : undefined;
}

/** Report helper keeping rule code short. */
export function report(ctx: RuleContext, messageId: string, offsets: [number, number], data: ReportDescriptor['data'], extra: Partial<ReportDescriptor> = {}): void {
  ctx.report({ messageId, offsets, data, ...extra });
}

/** A scalar string that is a template placeholder we cannot evaluate (`${X}`, `$(X)`, `{{ x }}`). */
export function isPlaceholder(s: string): boolean {
  return /\$\{[^}]*\}|\$\([^)]*\)|\{\{[\s\S]*\}\}|^<[^>]+>$|^%[A-Z_]+%$/.test(s);
}

/**
 * A value a tool substitutes before apply, so unknown here (neither safe nor unsafe): a `${VAR}` or
 * `{{ .Values.x }}` string, or a map or list where the API takes a scalar, which is how YAML reads an
 * unquoted Go-template action (`runAsUser: {{.UID}}` in a kd manifest is a flow mapping).
 */
export function isTemplated(node: DataNode | null | undefined): boolean {
  if (isMap(node) || isSeq(node)) return true;
  return isScalar(node) && typeof node.value === 'string' && isPlaceholder(node.value);
}

/** Normalise a Linux capability name: upper case, `CAP_` prefix removed. */
export function capName(s: string): string {
  return s.trim().toUpperCase().replace(/^CAP_/, '');
}

/** Scalars of a sequence (or a single scalar written where a list was expected). */
export function scalarItems(node: DataNode | undefined): DataScalar[] {
  if (isSeq(node)) return node.items.filter(isScalar);
  if (isScalar(node) && node.value !== null) return [node];
  return [];
}

/** Namespaced object kinds that the default-namespace rule looks at are everything but these. */
export const CLUSTER_SCOPED_KINDS = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'StorageClass',
  'PriorityClass',
  'IngressClass',
  'RuntimeClass',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'APIService',
  'PodSecurityPolicy',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
  'CertificateSigningRequest',
  'ClusterIssuer',
  'FlowSchema',
  'PriorityLevelConfiguration',
]);

/** A report function that reports each location (and message) once per file. */
export function onceReporter(ctx: RuleContext): (d: ReportDescriptor & { offsets: [number, number] }) => void {
  const seen = new Set<string>();
  return (d) => {
    const k = `${d.offsets[0]}:${d.offsets[1]}:${d.messageId}`;
    if (seen.has(k)) return;
    seen.add(k);
    ctx.report(d);
  };
}

/** Standards most container-hardening rules evidence. */
export const HARDENING_STANDARDS = { dsss: ['8'], govuk: ['9'], sbd: ['7', '8'], caf: ['B4'] };
/** Standards for access-control (RBAC) rules. */
export const ACCESS_STANDARDS = { dsss: ['8'], govuk: ['9'], sbd: ['7'], caf: ['B2'] };
/** Standards for availability / resilience rules. */
export const RESILIENCE_STANDARDS = { dsss: ['8', '13'], govuk: ['9', '14'], sbd: ['8'], caf: ['B5'] };
