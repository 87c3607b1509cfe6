/**
 * The effective command-line flags of a Kubernetes control-plane container (kube-apiserver, kubelet,
 * etcd, kube-controller-manager, kube-scheduler), read from its `command` and `args` lists, or from
 * the `extraArgs` of a kubeadm ClusterConfiguration.
 *
 * Parsing follows Go's pflag (and, for etcd, Go's flag package): `--name=value`, `--name value` for a
 * flag that takes a value, a bare `--name` for a boolean (true), `-name=value` with one dash, `--`
 * ends the flags. For a scalar flag the last occurrence wins; list flags (`--authorization-mode`,
 * `--enable-admission-plugins`, …) are comma separated and repeated occurrences append, as pflag's
 * string slices do. A value holding a placeholder (`$(VAR)`, `${VAR}`, `{{ … }}`) is unknown, and a
 * token that is a placeholder by itself (`$(EXTRA_ARGS)`) may add any flag, so the set is then
 * `opaque`: rules report explicit insecure values but never a missing flag.
 */
import type { DataEntry, DataMap, DataNode, DataScalar } from '../../../src/parsers/data/tree.js';
import { entry, get, isMap, isScalar, isSeq, items, str } from '../../../src/parsers/data/tree.js';
import type { RuleContext } from '../../../src/model/rule.js';
import { allContainers, isPlaceholder, k8sObjects, kindOf, label, type Container } from './workloads.js';
import { parseImageRef } from '../dockerfile/lib.js';

export type Component = 'kube-apiserver' | 'kubelet' | 'etcd' | 'kube-controller-manager' | 'kube-scheduler';

export const COMPONENTS: Component[] = ['kube-apiserver', 'kubelet', 'etcd', 'kube-controller-manager', 'kube-scheduler'];

/** hyperkube sub-command names (`hyperkube apiserver …`). */
const HYPERKUBE: Record<string, Component> = {
  apiserver: 'kube-apiserver',
  'kube-apiserver': 'kube-apiserver',
  kubelet: 'kubelet',
  'controller-manager': 'kube-controller-manager',
  'kube-controller-manager': 'kube-controller-manager',
  scheduler: 'kube-scheduler',
  'kube-scheduler': 'kube-scheduler',
};

/**
 * Boolean flags of the components that the rules read: written alone they mean true, and they never
 * take the next token as their value (pflag's NoOptDefVal). Any other flag written without `=` takes
 * the next token, unless that token is itself a flag.
 */
export const BOOLEAN_FLAGS = new Set([
  'anonymous-auth',
  'profiling',
  'kubelet-https',
  'service-account-lookup',
  'enable-bootstrap-token-auth',
  'allow-privileged',
  'contention-profiling',
  'client-cert-auth',
  'peer-client-cert-auth',
  'auto-tls',
  'peer-auto-tls',
  'use-service-account-credentials',
  'protect-kernel-defaults',
  'make-iptables-util-chains',
  'rotate-certificates',
  'rotate-server-certificates',
  'enable-debugging-handlers',
  'leader-elect',
  'strict-reconfig-check',
  'enable-v2',
]);

export interface FlagOccurrence {
  name: string;
  /** The value, undefined when it holds a placeholder (unknown). A bare boolean flag reads `true`. */
  value: string | undefined;
  /** True when written without a value (`--profiling`). */
  bare: boolean;
  /** Where the flag (and its value) is written. */
  offsets: [number, number];
}

export interface FlagSet {
  component: Component;
  /** Where the set comes from: a container's command line, or kubeadm `extraArgs` (merged with kubeadm's own flags). */
  source: 'command' | 'kubeadm';
  /** Where the component is configured, for messages: "in the container `x` of Pod `y`", "configured by `apiServer.extraArgs` of …". */
  owner: string;
  /** Where a missing flag is reported: the binary token (or the extraArgs key). */
  anchor: [number, number];
  /** A token could add flags we cannot read (`$(EXTRA_ARGS)`), or the source is merged with defaults we do not see. */
  opaque: boolean;
  occurrences: Map<string, FlagOccurrence[]>;
  container?: Container;
}

/** True when missing flags can be judged against the component's built-in defaults. */
export function defaultsApply(f: FlagSet): boolean {
  return f.source === 'command' && !f.opaque;
}

/** The last occurrence of a flag (the one that wins). */
export function lastFlag(f: FlagSet, name: string): FlagOccurrence | undefined {
  const occ = f.occurrences.get(name);
  return occ?.[occ.length - 1];
}

export function hasFlag(f: FlagSet, name: string): boolean {
  return f.occurrences.has(name);
}

/** Go's strconv.ParseBool. */
export function parseGoBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}

export interface BoolFlag {
  value: boolean;
  occurrence: FlagOccurrence;
}

/** The effective value of a boolean flag when it is written and readable. */
export function boolFlag(f: FlagSet, name: string): BoolFlag | undefined {
  const o = lastFlag(f, name);
  if (!o || o.value === undefined) return undefined;
  const v = parseGoBool(o.value.trim());
  return v === undefined ? undefined : { value: v, occurrence: o };
}

export interface ListItem {
  value: string;
  occurrence: FlagOccurrence;
}

/**
 * The items of a comma-separated list flag across all its occurrences (pflag string slices append),
 * or undefined when the flag is absent or any occurrence is unknown.
 */
export function listFlag(f: FlagSet, ...names: string[]): ListItem[] | undefined {
  const out: ListItem[] = [];
  let seen = false;
  for (const name of names) {
    for (const o of f.occurrences.get(name) ?? []) {
      seen = true;
      if (o.value === undefined) return undefined;
      for (const part of o.value.split(',')) {
        const v = part.trim();
        if (v) out.push({ value: v, occurrence: o });
      }
    }
  }
  return seen ? out : undefined;
}

function tokenText(n: DataNode): string | undefined {
  if (!isScalar(n) || n.value === null) return undefined;
  return String(n.value);
}

function basename(s: string): string {
  const t = s.trim();
  return t.slice(t.lastIndexOf('/') + 1);
}

/** The component a command line runs and the index of its first argument, if it runs one. */
export function componentOf(tokens: DataNode[]): { component: Component; start: number } | undefined {
  const first = tokens[0] && tokenText(tokens[0]);
  if (!first) return undefined;
  const base = basename(first);
  if ((COMPONENTS as string[]).includes(base)) return { component: base as Component, start: 1 };
  if (base === 'hyperkube') {
    const sub = tokens[1] && tokenText(tokens[1]);
    const c = sub ? HYPERKUBE[sub.trim()] : undefined;
    if (c) return { component: c, start: 2 };
  }
  return undefined;
}

function add(map: Map<string, FlagOccurrence[]>, o: FlagOccurrence): void {
  const list = map.get(o.name);
  if (list) list.push(o);
  else map.set(o.name, [o]);
}

/** Reads flags from tokens (the arguments after the binary). */
export function parseFlagTokens(tokens: DataNode[]): { occurrences: Map<string, FlagOccurrence[]>; opaque: boolean } {
  const occurrences = new Map<string, FlagOccurrence[]>();
  let opaque = false;
  for (let i = 0; i < tokens.length; i++) {
    const node = tokens[i];
    const text = tokenText(node);
    if (text === undefined) {
      opaque = true; // a map or list where a string was expected: cannot tell
      continue;
    }
    const t = text.trim();
    if (t === '--') break;
    const m = /^--?([A-Za-z0-9][A-Za-z0-9._-]*)(=([\s\S]*))?$/.exec(t);
    if (!m) {
      // a token that is a placeholder by itself can expand to any flag
      if (isPlaceholder(t)) opaque = true;
      continue;
    }
    const name = m[1];
    if (m[2] !== undefined) {
      const value = m[3];
      add(occurrences, { name, value: isPlaceholder(value) ? undefined : value, bare: false, offsets: [node.start, node.end] });
      continue;
    }
    const next = tokens[i + 1];
    const nextText = next ? tokenText(next)?.trim() : undefined;
    if (BOOLEAN_FLAGS.has(name)) {
      // `--anonymous-auth false`: pflag would not take the value, but the intent is plain; read it
      if (next && nextText !== undefined && parseGoBool(nextText) !== undefined) {
        add(occurrences, { name, value: nextText, bare: false, offsets: [node.start, next.end] });
        i++;
      } else {
        add(occurrences, { name, value: 'true', bare: true, offsets: [node.start, node.end] });
      }
      continue;
    }
    if (next && nextText !== undefined && !/^-/.test(nextText)) {
      add(occurrences, { name, value: isPlaceholder(nextText) ? undefined : nextText, bare: false, offsets: [node.start, next.end] });
      i++;
    } else {
      add(occurrences, { name, value: undefined, bare: true, offsets: [node.start, node.end] });
    }
  }
  return { occurrences, opaque };
}

/**
 * etcd reads every flag from an `ETCD_<FLAG>` environment variable too (`ETCD_CLIENT_CERT_AUTH=true`),
 * a flag on the command line taking precedence. Adds the variables the command line does not
 * override; returns true when `envFrom` may set any of them.
 */
function etcdEnvFlags(container: DataMap, occurrences: Map<string, FlagOccurrence[]>): boolean {
  for (const e of items(get(container, 'env'))) {
    const name = str(get(e, 'name'))?.trim();
    const m = name ? /^ETCD_([A-Z0-9_]+)$/.exec(name) : null;
    if (!m) continue;
    const flag = m[1].toLowerCase().replace(/_/g, '-');
    if (occurrences.has(flag)) continue;
    const raw = get(e, 'value');
    const value = get(e, 'valueFrom') === undefined ? str(raw) : undefined;
    occurrences.set(flag, [{ name: flag, value: value === undefined || isPlaceholder(value) ? undefined : value, bare: false, offsets: [e.start, e.end] }]);
  }
  return items(get(container, 'envFrom')).length > 0;
}

/** The last path segment of an image reference without tag or digest (`quay.io/coreos/etcd:v3.5` -> `etcd`). */
function imageBase(image: string): string {
  const { name } = parseImageRef(image.trim());
  return name.slice(name.lastIndexOf('/') + 1).toLowerCase();
}

/**
 * A container with no `command` whose `args` start with a flag and whose image is an etcd image
 * (`etcd`, `etcd-amd64`) runs etcd as the image's entrypoint, or does not start at all. The
 * entrypoint itself is not visible (a wrapper script may add flags), so such a set is opaque.
 */
function entrypointComponent(c: Container, command: DataNode | undefined, args: DataNode | undefined): Component | undefined {
  if (command !== undefined && !(isScalar(command) && command.value === null)) return undefined;
  const first = isSeq(args) ? args.items[0] : undefined;
  const text = first && tokenText(first)?.trim();
  const image = str(get(c.node, 'image'));
  if (!text?.startsWith('-') || !image || isPlaceholder(image)) return undefined;
  return /^etcd(-(amd64|arm64|arm|ppc64le|s390x))?$/.test(imageBase(image)) ? 'etcd' : undefined;
}

/** The flag set of a container that runs a control-plane component, if it runs one. */
export function containerFlags(c: Container): FlagSet | undefined {
  const command = get(c.node, 'command');
  const args = get(c.node, 'args');
  const byImage = entrypointComponent(c, command, args);
  if (!isSeq(command) && !byImage) return undefined;
  const tokens = [...items(command), ...items(args)];
  const comp = byImage ? { component: byImage, start: 0 } : componentOf(tokens);
  if (!comp) return undefined;
  const { occurrences, opaque: opaqueTokens } = parseFlagTokens(tokens.slice(comp.start));
  let opaque = opaqueTokens || byImage !== undefined;
  if (comp.component === 'etcd') opaque = etcdEnvFlags(c.node, occurrences) || opaque;
  const anchorNode = tokens[0];
  return {
    component: comp.component,
    source: 'command',
    owner: `in the ${label(c)}`,
    anchor: [anchorNode.start, anchorNode.end],
    // `args` that is not a list (a templated string) hides what is passed
    opaque: opaque || (args !== undefined && !isSeq(args) && !(isScalar(args) && args.value === null)),
    occurrences,
    container: c,
  };
}

/** kubeadm ClusterConfiguration sections and the component their `extraArgs` configure. */
const KUBEADM_SECTIONS: { path: string[]; component: Component }[] = [
  { path: ['apiServer'], component: 'kube-apiserver' },
  { path: ['controllerManager'], component: 'kube-controller-manager' },
  { path: ['scheduler'], component: 'kube-scheduler' },
  { path: ['etcd', 'local'], component: 'etcd' },
];

/** `extraArgs` as a map (kubeadm v1beta3) or a list of `{name, value}` (v1beta4). */
function extraArgsFlags(e: DataEntry): Map<string, FlagOccurrence[]> {
  const occurrences = new Map<string, FlagOccurrence[]>();
  const v = e.value;
  if (isMap(v)) {
    for (const a of v.entries) {
      const value = str(a.value);
      add(occurrences, { name: String(a.key.value), value: value === undefined || isPlaceholder(value) ? undefined : value, bare: false, offsets: [a.key.start, a.value.end] });
    }
  } else if (isSeq(v)) {
    for (const it of v.items) {
      const name = str(get(it, 'name'));
      if (!name) continue;
      const value = str(get(it, 'value'));
      add(occurrences, { name, value: value === undefined || isPlaceholder(value) ? undefined : value, bare: false, offsets: [it.start, it.end] });
    }
  }
  return occurrences;
}

function kubeadmFlagSets(obj: DataMap): FlagSet[] {
  const out: FlagSet[] = [];
  for (const s of KUBEADM_SECTIONS) {
    let cur: DataNode | undefined = obj;
    for (const k of s.path) cur = get(cur, k);
    const e = entry(cur, 'extraArgs');
    if (!e) continue;
    const section = s.path.join('.');
    out.push({
      component: s.component,
      source: 'kubeadm',
      owner: `configured by \`${section}.extraArgs\` of the kubeadm ClusterConfiguration`,
      anchor: [e.key.start, e.key.end],
      opaque: true,
      occurrences: extraArgsFlags(e),
    });
  }
  return out;
}

function isKubeadm(obj: DataMap, kinds: string[]): boolean {
  return kinds.includes(kindOf(obj)) && /^kubeadm\.k8s\.io\//.test(str(get(obj, 'apiVersion'))?.trim() ?? '');
}

/** `nodeRegistration.kubeletExtraArgs` of a kubeadm InitConfiguration or JoinConfiguration. */
function kubeletExtraArgs(obj: DataMap): FlagSet | undefined {
  const e = entry(get(obj, 'nodeRegistration'), 'kubeletExtraArgs');
  if (!e) return undefined;
  return {
    component: 'kubelet',
    source: 'kubeadm',
    owner: `configured by \`nodeRegistration.kubeletExtraArgs\` of the kubeadm ${kindOf(obj)}`,
    anchor: [e.key.start, e.key.end],
    opaque: true,
    occurrences: extraArgsFlags(e),
  };
}

/** Every control-plane flag set of the file (containers, then kubeadm extraArgs), memoised per file. */
export function controlPlaneFlagSets(ctx: RuleContext): FlagSet[] {
  return ctx.shared('k8s-control-plane-flags', () => {
    const out: FlagSet[] = [];
    for (const c of allContainers(ctx, ['containers', 'initContainers'])) {
      const f = containerFlags(c);
      if (f) out.push(f);
    }
    for (const obj of k8sObjects(ctx)) {
      if (isKubeadm(obj, ['ClusterConfiguration'])) out.push(...kubeadmFlagSets(obj));
      const k = isKubeadm(obj, ['InitConfiguration', 'JoinConfiguration']) ? kubeletExtraArgs(obj) : undefined;
      if (k) out.push(k);
    }
    return out;
  });
}

export function flagSetsOf(ctx: RuleContext, ...components: Component[]): FlagSet[] {
  return controlPlaneFlagSets(ctx).filter((f) => components.includes(f.component));
}

/** Go's crypto/tls insecure cipher suites (tls.InsecureCipherSuites()): RC4, 3DES and CBC-SHA256 suites. */
export const INSECURE_CIPHER_SUITES = new Set([
  'TLS_RSA_WITH_RC4_128_SHA',
  'TLS_RSA_WITH_3DES_EDE_CBC_SHA',
  'TLS_RSA_WITH_AES_128_CBC_SHA256',
  'TLS_ECDHE_ECDSA_WITH_RC4_128_SHA',
  'TLS_ECDHE_RSA_WITH_RC4_128_SHA',
  'TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA',
  'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256',
]);

/** True for a loopback host or IP (127.0.0.0/8, ::1, localhost). */
export function isLoopback(host: string): boolean {
  const h = host.trim().replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** The host of a URL such as `https://10.0.0.1:2379` (undefined when it does not parse). */
export function urlHost(u: string): { scheme: string; host: string } | undefined {
  const m = /^([a-z][a-z0-9+.-]*):\/\/(\[[^\]]*\]|[^/:?#]*)/i.exec(u.trim());
  return m ? { scheme: m[1].toLowerCase(), host: m[2] } : undefined;
}

export function scalarOrUndefined(n: DataNode | undefined): DataScalar | undefined {
  return isScalar(n) ? n : undefined;
}
