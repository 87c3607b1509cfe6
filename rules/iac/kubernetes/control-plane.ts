/**
 * Control-plane command-line flags (kube-apiserver, kubelet, etcd, kube-controller-manager,
 * kube-scheduler) in static pod manifests and kubeadm ClusterConfiguration `extraArgs`, and the
 * kubelet's KubeletConfiguration file. A missing flag is reported only where the component's own
 * default is insecure, the CIS Kubernetes Benchmark, Checkov and KICS agree, and every flag of the
 * container can be read (no `$(EXTRA_ARGS)`, no `--config` file that changes the defaults).
 */
import type { Rule, RuleContext } from '../../../src/model/rule.js';
import type { Severity } from '../../../src/model/severity.js';
import type { DataEntry, DataMap, DataNode } from '../../../src/parsers/data/tree.js';
import { entry, get, isScalar, items, str } from '../../../src/parsers/data/tree.js';
import {
  boolFlag,
  defaultsApply,
  flagSetsOf,
  hasFlag,
  INSECURE_CIPHER_SUITES,
  isLoopback,
  lastFlag,
  listFlag,
  parseGoBool,
  urlHost,
  type FlagSet,
  type ListItem,
} from './control-plane-flags.js';
import { ACCESS_STANDARDS, entryOffsets, HARDENING_STANDARDS, isPlaceholder, k8sObjects, K8S_KINDS, kindOf, nameOf } from './workloads.js';

const since = '0.1.0';
const CIS_URL = 'https://www.cisecurity.org/benchmark/kubernetes';
const APISERVER_URL = 'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/';
const KUBELET_URL = 'https://kubernetes.io/docs/reference/command-line-tools-reference/kubelet/';
const KUBELET_CONFIG_URL = 'https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/';
const KUBELET_AUTH_URL = 'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/';
const ETCD_SECURITY_URL = 'https://etcd.io/docs/v3.5/op-guide/security/';
const ETCD_K8S_URL = 'https://kubernetes.io/docs/tasks/administer-cluster/configure-upgrade-etcd/';
const CONTROLLER_MANAGER_URL = 'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-controller-manager/';
const SCHEDULER_URL = 'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-scheduler/';

type Data = Record<string, string>;

function say(ctx: RuleContext, messageId: string, offsets: [number, number], data: Data, severity?: Severity): void {
  ctx.report(severity ? { messageId, offsets, data, severity } : { messageId, offsets, data });
}

function weakCiphers(list: ListItem[] | undefined): ListItem[] {
  return (list ?? []).filter((i) => INSECURE_CIPHER_SUITES.has(i.value.toUpperCase()));
}

/** A port value that is a non-zero number. */
function nonZeroPort(v: string | undefined): boolean {
  return v !== undefined && /^\s*\d+\s*$/.test(v) && Number(v) !== 0;
}

/** A Go duration (or plain number) that is zero: `0`, `0s`, `0h0m0s`. */
export function isZeroDuration(v: string | number | boolean | null | undefined): boolean {
  if (typeof v === 'number') return v === 0;
  if (typeof v !== 'string') return false;
  const s = v.trim();
  return /^[0-9.]+[a-zµ0-9.]*$/i.test(s) && !/[1-9]/.test(s);
}

// --------------------------------------------------------------------------------------------
// kube-apiserver

export const apiserverInsecureFlags: Rule = {
  meta: {
    id: 'iac/k8s-apiserver-insecure-flags',
    title: 'kube-apiserver runs with insecure flags',
    description:
      'The API server is the front door of the cluster: every credential, Secret and workload passes through it. Flags such as `--authorization-mode=AlwaysAllow`, `--insecure-port`, the AlwaysAdmit admission plugin, static token files or weak TLS cipher suites let anyone who reaches it act as an administrator or read its traffic; missing audit logs, encryption at rest and kubelet certificate checks leave attacks unrecorded or unnoticed.',
    severity: 'high',
    kinds: K8S_KINDS,
    messages: {
      anonymousAuth: 'The kube-apiserver {{owner}} {{found}}, so requests without credentials are served as `system:anonymous`; set `--anonymous-auth=false` (or restrict anonymous access to health endpoints with an AuthenticationConfiguration).',
      insecurePort: 'The kube-apiserver {{owner}} sets `--insecure-port={{value}}`, an HTTP port that skips authentication and authorization; set `--insecure-port=0` (the flag is removed in Kubernetes 1.24).',
      insecureBindAddress: 'The kube-apiserver {{owner}} sets `--insecure-bind-address={{value}}`, exposing the unauthenticated insecure port beyond localhost; remove the flag and set `--insecure-port=0`.',
      alwaysAllow: 'The kube-apiserver {{owner}} sets `--authorization-mode` to include `AlwaysAllow`, so every authenticated (and anonymous) request is allowed; use `--authorization-mode=Node,RBAC`.',
      alwaysAdmit: 'The kube-apiserver {{owner}} enables the `AlwaysAdmit` admission plugin, which admits every object whatever the other plugins decide; remove it from `--enable-admission-plugins`.',
      pluginDisabled: 'The kube-apiserver {{owner}} disables the `{{plugin}}` admission plugin (`--disable-admission-plugins`), {{why}}; remove it from the disabled list.',
      nodeRestriction: 'The kube-apiserver {{owner}} {{found}}, so a compromised kubelet can modify other nodes and pods bound to them; add `NodeRestriction` to `--enable-admission-plugins` (with `--authorization-mode=Node,RBAC`).',
      kubeletHttps: 'The kube-apiserver {{owner}} sets `--kubelet-https=false`, so its connections to kubelets (exec, logs, port-forward) are plain HTTP; remove the flag.',
      profiling: 'The kube-apiserver {{owner}} {{found}}, which exposes `/debug/pprof` profiling data and adds load; set `--profiling=false`.',
      tokenAuthFile: 'The kube-apiserver {{owner}} sets `--token-auth-file`, static bearer tokens that never expire and cannot be revoked without a restart; use client certificates, OIDC or service account tokens instead.',
      basicAuthFile: 'The kube-apiserver {{owner}} sets `--basic-auth-file`, static passwords sent with every request (removed in Kubernetes 1.19); use client certificates or OIDC instead.',
      auditLog: 'The kube-apiserver {{owner}} sets neither `--audit-log-path` nor `--audit-webhook-config-file`, so API requests are not audited; set `--audit-log-path` and an `--audit-policy-file`.',
      serviceAccountLookup: 'The kube-apiserver {{owner}} sets `--service-account-lookup=false`, so tokens of deleted service accounts stay valid until they expire; remove the flag (the default is true).',
      weakCiphers: 'The kube-apiserver {{owner}} allows the insecure TLS cipher suites {{ciphers}} in `--tls-cipher-suites`; keep only ECDHE suites with AES-GCM or ChaCha20-Poly1305.',
      kubeletCertificateAuthority: 'The kube-apiserver {{owner}} does not set `--kubelet-certificate-authority`, so it does not verify the kubelets\' serving certificates and its exec/logs traffic can be intercepted; set it to the CA that signs the kubelet serving certificates.',
      encryptionAtRest: 'The kube-apiserver {{owner}} does not set `--encryption-provider-config`, so Secrets are stored unencrypted in etcd; configure an EncryptionConfiguration (KMS v2 or aescbc/secretbox) and pass it with `--encryption-provider-config`.',
      etcdPlaintext: 'The kube-apiserver {{owner}} connects to etcd over plain HTTP (`{{value}}`), exposing every Secret on the network; use `https://` etcd servers with `--etcd-cafile`, `--etcd-certfile` and `--etcd-keyfile`.',
    },
    remediation:
      'Set `--anonymous-auth=false`, `--authorization-mode=Node,RBAC`, `--enable-admission-plugins=NodeRestriction,…` (never AlwaysAdmit), `--profiling=false`, `--audit-log-path` with an `--audit-policy-file`, `--encryption-provider-config`, `--kubelet-certificate-authority`, and remove `--insecure-port`, `--insecure-bind-address`, `--token-auth-file`, `--basic-auth-file`, `--kubelet-https=false` and `--service-account-lookup=false`.',
    references: [APISERVER_URL, 'https://kubernetes.io/docs/concepts/security/controlling-access/', 'https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/', 'https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/', CIS_URL],
    standards: { ...ACCESS_STANDARDS, cwe: ['CWE-306', 'CWE-284', 'CWE-319', 'CWE-778'] },
    equivalents: {
      checkov: ['CKV_K8S_68', 'CKV_K8S_69', 'CKV_K8S_70', 'CKV_K8S_71', 'CKV_K8S_73', 'CKV_K8S_74', 'CKV_K8S_79', 'CKV_K8S_82', 'CKV_K8S_83', 'CKV_K8S_85', 'CKV_K8S_86', 'CKV_K8S_88', 'CKV_K8S_90', 'CKV_K8S_91', 'CKV_K8S_96', 'CKV_K8S_104', 'CKV_K8S_105'],
      kics: ['1de5cc51-f376-4638-a940-20f2e85ae238', 'f1f4d8da-1ac4-47d0-b1aa-91e69d33f7d5', 'fa4def8c-1898-4a35-a139-7b76b1acdef0', 'ce30e584-b33f-4c7d-b418-a3d7027f8f60'],
    },
    security: true,
    since,
  },
  check(ctx) {
    for (const f of flagSetsOf(ctx, 'kube-apiserver')) {
      const known = defaultsApply(f);
      const owner = f.owner;

      const anon = boolFlag(f, 'anonymous-auth');
      if (anon?.value) say(ctx, 'anonymousAuth', anon.occurrence.offsets, { owner, found: 'sets `--anonymous-auth=true`' }, 'medium');
      else if (known && !hasFlag(f, 'anonymous-auth') && !hasFlag(f, 'authentication-config'))
        say(ctx, 'anonymousAuth', f.anchor, { owner, found: 'does not set `--anonymous-auth` (the default is true)' }, 'low');

      const port = lastFlag(f, 'insecure-port');
      if (port && nonZeroPort(port.value)) say(ctx, 'insecurePort', port.offsets, { owner, value: port.value!.trim() });
      const bind = lastFlag(f, 'insecure-bind-address');
      if (bind?.value !== undefined && bind.value.trim() !== '' && !isLoopback(bind.value) && port?.value?.trim() !== '0')
        say(ctx, 'insecureBindAddress', bind.offsets, { owner, value: bind.value.trim() }, 'medium');

      const always = listFlag(f, 'authorization-mode')?.find((i) => i.value === 'AlwaysAllow');
      if (always) say(ctx, 'alwaysAllow', always.occurrence.offsets, { owner });

      const enabled = listFlag(f, 'enable-admission-plugins', 'admission-control');
      const admit = enabled?.find((i) => i.value === 'AlwaysAdmit');
      if (admit) say(ctx, 'alwaysAdmit', admit.occurrence.offsets, { owner });
      const disabled = listFlag(f, 'disable-admission-plugins') ?? [];
      const WHY: Record<string, string> = {
        NamespaceLifecycle: 'which stops objects being created in terminating or non-existent namespaces',
        ServiceAccount: 'which assigns service accounts and enforces their token and secret restrictions',
        NodeRestriction: 'which limits each kubelet to its own Node and the pods bound to it',
      };
      for (const d of disabled) if (WHY[d.value]) say(ctx, 'pluginDisabled', d.occurrence.offsets, { owner, plugin: d.value, why: WHY[d.value] }, 'medium');
      if (!disabled.some((d) => d.value === 'NodeRestriction') && !enabled?.some((i) => i.value === 'NodeRestriction')) {
        const flag = lastFlag(f, 'enable-admission-plugins') ?? lastFlag(f, 'admission-control');
        if (flag && enabled) say(ctx, 'nodeRestriction', flag.offsets, { owner, found: 'does not list `NodeRestriction` in `--enable-admission-plugins`' }, 'medium');
        else if (!flag && known) say(ctx, 'nodeRestriction', f.anchor, { owner, found: 'does not enable the `NodeRestriction` admission plugin (it is off by default)' }, 'medium');
      }

      const https = boolFlag(f, 'kubelet-https');
      if (https && !https.value) say(ctx, 'kubeletHttps', https.occurrence.offsets, { owner });

      const prof = boolFlag(f, 'profiling');
      if (prof?.value) say(ctx, 'profiling', prof.occurrence.offsets, { owner, found: 'sets `--profiling=true`' }, 'low');
      else if (known && !hasFlag(f, 'profiling')) say(ctx, 'profiling', f.anchor, { owner, found: 'does not set `--profiling=false` (profiling is on by default)' }, 'low');

      const token = lastFlag(f, 'token-auth-file');
      if (token && token.value?.trim() !== '') say(ctx, 'tokenAuthFile', token.offsets, { owner }, 'medium');
      const basic = lastFlag(f, 'basic-auth-file');
      if (basic && basic.value?.trim() !== '') say(ctx, 'basicAuthFile', basic.offsets, { owner });

      if (known && !hasFlag(f, 'audit-log-path') && !hasFlag(f, 'audit-webhook-config-file')) say(ctx, 'auditLog', f.anchor, { owner }, 'low');

      const lookup = boolFlag(f, 'service-account-lookup');
      if (lookup && !lookup.value) say(ctx, 'serviceAccountLookup', lookup.occurrence.offsets, { owner }, 'medium');

      const weak = weakCiphers(listFlag(f, 'tls-cipher-suites'));
      if (weak.length) say(ctx, 'weakCiphers', weak[0].occurrence.offsets, { owner, ciphers: weak.map((w) => `\`${w.value}\``).join(', ') }, 'medium');

      if (known && !hasFlag(f, 'kubelet-certificate-authority')) say(ctx, 'kubeletCertificateAuthority', f.anchor, { owner }, 'low');
      if (known && !hasFlag(f, 'encryption-provider-config')) say(ctx, 'encryptionAtRest', f.anchor, { owner }, 'low');

      const plain = listFlag(f, 'etcd-servers')?.find((i) => {
        const u = urlHost(i.value);
        return u?.scheme === 'http' && !isLoopback(u.host);
      });
      if (plain) say(ctx, 'etcdPlaintext', plain.occurrence.offsets, { owner, value: plain.value });
    }
  },
};

// --------------------------------------------------------------------------------------------
// kubelet: flags and KubeletConfiguration

function isKubeletConfiguration(obj: DataMap): boolean {
  return kindOf(obj) === 'KubeletConfiguration' && /^kubelet\.config\.k8s\.io\//.test(str(get(obj, 'apiVersion'))?.trim() ?? '');
}

/** A scalar entry with a readable value (not a placeholder). */
function known(e: DataEntry | undefined): e is DataEntry & { value: { type: 'scalar' } } {
  if (!e || !isScalar(e.value) || e.value.value === null) return false;
  return !(typeof e.value.value === 'string' && isPlaceholder(e.value.value));
}

function scalarBool(e: DataEntry): boolean | undefined {
  const v = isScalar(e.value) ? e.value.value : undefined;
  if (typeof v === 'boolean') return v;
  return typeof v === 'string' ? parseGoBool(v.trim()) : undefined;
}

export const kubeletInsecureConfig: Rule = {
  meta: {
    id: 'iac/k8s-kubelet-insecure-config',
    title: 'Kubelet runs with an insecure configuration',
    description:
      'The kubelet API on every node runs commands in containers, streams logs and lists pods. Anonymous access with the AlwaysAllow authorizer hands it to anyone who can reach port 10250, the read-only port 10255 leaks pod specs without authentication, and disabled certificate rotation, kernel-default protection, iptables chains or streaming timeouts weaken the node further.',
    severity: 'high',
    kinds: K8S_KINDS,
    messages: {
      anonymousAuth: 'The kubelet {{owner}} {{found}}, so requests without credentials reach the kubelet API as `system:anonymous`; set {{fix}}.',
      alwaysAllow: 'The kubelet {{owner}} {{found}}, so every request to the kubelet API (exec, logs, pod listing) is allowed; use {{fix}}.',
      readOnlyPort: 'The kubelet {{owner}} {{found}}, an unauthenticated port that serves pod and node details; set {{fix}}.',
      protectKernelDefaults: 'The kubelet {{owner}} sets {{setting}}, so it silently changes kernel parameters that differ from its defaults; set it to true and tune the node\'s sysctls instead.',
      iptablesChains: 'The kubelet {{owner}} sets {{setting}}, so it does not maintain the iptables utility chains the network rules rely on; set it to true.',
      streamingTimeout: 'The kubelet {{owner}} sets {{setting}}, so exec, attach and port-forward streams never time out; use a finite timeout such as `4h` (the default) or less.',
      rotateCertificates: 'The kubelet {{owner}} sets {{setting}}, so its client certificate is not renewed and the node drops out of the cluster or keeps a long-lived credential; set it to true.',
      weakCiphers: 'The kubelet {{owner}} allows the insecure TLS cipher suites {{ciphers}}; keep only ECDHE suites with AES-GCM or ChaCha20-Poly1305.',
    },
    remediation:
      'In the KubeletConfiguration set `authentication.anonymous.enabled: false`, `authentication.webhook.enabled: true`, `authorization.mode: Webhook`, `readOnlyPort: 0`, `protectKernelDefaults: true`, `rotateCertificates: true`, and keep `makeIPTablesUtilChains` and a non-zero `streamingConnectionIdleTimeout` (the equivalent kubelet flags are deprecated in favour of the file).',
    references: [KUBELET_AUTH_URL, KUBELET_CONFIG_URL, KUBELET_URL, CIS_URL],
    standards: { ...ACCESS_STANDARDS, cwe: ['CWE-306', 'CWE-284'] },
    equivalents: {
      checkov: ['CKV_K8S_138', 'CKV_K8S_139', 'CKV_K8S_141', 'CKV_K8S_143', 'CKV_K8S_144', 'CKV_K8S_145', 'CKV_K8S_149', 'CKV_K8S_151'],
      kics: ['1de5cc51-f376-4638-a940-20f2e85ae238', 'f1f4d8da-1ac4-47d0-b1aa-91e69d33f7d5'],
    },
    security: true,
    since,
  },
  check(ctx) {
    for (const f of flagSetsOf(ctx, 'kubelet')) {
      // with --config, a missing flag takes the KubeletConfiguration default (secure), not the flag default
      const defaults = defaultsApply(f) && !hasFlag(f, 'config');
      const owner = f.owner;
      const anon = boolFlag(f, 'anonymous-auth');
      if (anon?.value) say(ctx, 'anonymousAuth', anon.occurrence.offsets, { owner, found: 'sets `--anonymous-auth=true`', fix: '`--anonymous-auth=false`' }, 'medium');
      else if (defaults && !hasFlag(f, 'anonymous-auth'))
        say(ctx, 'anonymousAuth', f.anchor, { owner, found: 'does not set `--anonymous-auth` and has no `--config` file (the flag defaults to true)', fix: '`--anonymous-auth=false` or `authentication.anonymous.enabled: false` in a `--config` file' }, 'medium');

      const mode = listFlag(f, 'authorization-mode');
      const always = mode?.find((i) => i.value === 'AlwaysAllow');
      if (always) say(ctx, 'alwaysAllow', always.occurrence.offsets, { owner, found: 'sets `--authorization-mode=AlwaysAllow`', fix: '`--authorization-mode=Webhook`' });
      else if (defaults && !hasFlag(f, 'authorization-mode'))
        say(ctx, 'alwaysAllow', f.anchor, { owner, found: 'does not set `--authorization-mode` and has no `--config` file (the flag defaults to AlwaysAllow)', fix: '`--authorization-mode=Webhook` or `authorization.mode: Webhook` in a `--config` file' });

      const ro = lastFlag(f, 'read-only-port');
      if (ro && nonZeroPort(ro.value)) say(ctx, 'readOnlyPort', ro.offsets, { owner, found: `sets \`--read-only-port=${ro.value!.trim()}\``, fix: '`--read-only-port=0`' }, 'medium');
      else if (defaults && !ro) say(ctx, 'readOnlyPort', f.anchor, { owner, found: 'does not set `--read-only-port` and has no `--config` file (the flag defaults to 10255)', fix: '`--read-only-port=0` or `readOnlyPort: 0` in a `--config` file' }, 'medium');

      const low = (flag: string, id: string, bad: boolean) => {
        const b = boolFlag(f, flag);
        if (b && b.value === bad) say(ctx, id, b.occurrence.offsets, { owner, setting: `\`--${flag}=${String(bad)}\`` }, 'low');
      };
      low('protect-kernel-defaults', 'protectKernelDefaults', false);
      low('make-iptables-util-chains', 'iptablesChains', false);
      low('rotate-certificates', 'rotateCertificates', false);
      const idle = lastFlag(f, 'streaming-connection-idle-timeout');
      if (idle?.value !== undefined && isZeroDuration(idle.value)) say(ctx, 'streamingTimeout', idle.offsets, { owner, setting: `\`--streaming-connection-idle-timeout=${idle.value.trim()}\`` }, 'low');
      const weak = weakCiphers(listFlag(f, 'tls-cipher-suites'));
      if (weak.length) say(ctx, 'weakCiphers', weak[0].occurrence.offsets, { owner, ciphers: weak.map((w) => `\`${w.value}\``).join(', ') }, 'medium');
    }

    for (const obj of k8sObjects(ctx)) {
      if (!isKubeletConfiguration(obj)) continue;
      const name = nameOf(obj);
      const owner = name === '(unnamed)' ? 'configured by this KubeletConfiguration' : `configured by KubeletConfiguration \`${name}\``;
      const anon = entry(get(get(obj, 'authentication'), 'anonymous'), 'enabled');
      if (known(anon) && scalarBool(anon) === true)
        say(ctx, 'anonymousAuth', entryOffsets(anon), { owner, found: 'sets `authentication.anonymous.enabled: true`', fix: '`authentication.anonymous.enabled: false`' }, 'medium');
      const mode = entry(get(obj, 'authorization'), 'mode');
      if (known(mode) && str(mode.value)?.trim() === 'AlwaysAllow')
        say(ctx, 'alwaysAllow', entryOffsets(mode), { owner, found: 'sets `authorization.mode: AlwaysAllow`', fix: '`authorization.mode: Webhook` (the default)' });
      const ro = entry(obj, 'readOnlyPort');
      if (known(ro) && nonZeroPort(str(ro.value)))
        say(ctx, 'readOnlyPort', entryOffsets(ro), { owner, found: `sets \`readOnlyPort: ${str(ro.value)!.trim()}\``, fix: '`readOnlyPort: 0` (the default)' }, 'medium');
      const low = (field: string, id: string, bad: boolean) => {
        const e = entry(obj, field);
        if (known(e) && scalarBool(e) === bad) say(ctx, id, entryOffsets(e), { owner, setting: `\`${field}: ${String(bad)}\`` }, 'low');
      };
      low('protectKernelDefaults', 'protectKernelDefaults', false);
      low('makeIPTablesUtilChains', 'iptablesChains', false);
      low('rotateCertificates', 'rotateCertificates', false);
      // no streamingConnectionIdleTimeout check here: the v1beta1 defaulting turns a zero duration into
      // the 4h default, and kubeadm writes `0s` for every duration it leaves unset
      const suites = entry(obj, 'tlsCipherSuites');
      const weak = items(suites?.value).filter((n): n is DataNode & { type: 'scalar' } => isScalar(n) && typeof n.value === 'string' && INSECURE_CIPHER_SUITES.has(n.value.trim().toUpperCase()));
      if (suites && weak.length)
        say(ctx, 'weakCiphers', entryOffsets(suites), { owner, ciphers: weak.map((w) => `\`${String(w.value).trim()}\``).join(', ') }, 'medium');
    }
  },
};

// --------------------------------------------------------------------------------------------
// etcd

function exposedUrls(f: FlagSet, flag: string, fallback: string): { scheme: string; host: string; item?: ListItem }[] | undefined {
  if (!hasFlag(f, flag)) {
    const u = urlHost(fallback)!;
    return [{ ...u }];
  }
  const list = listFlag(f, flag);
  if (!list) return undefined;
  const out: { scheme: string; host: string; item?: ListItem }[] = [];
  for (const i of list) {
    const u = urlHost(i.value);
    if (u) out.push({ ...u, item: i });
  }
  return out;
}

export const etcdInsecureFlags: Rule = {
  meta: {
    id: 'iac/k8s-etcd-insecure-flags',
    title: 'etcd runs with insecure flags',
    description:
      'etcd holds the whole cluster state, every Secret included. Serving clients over plain HTTP, accepting clients without a certificate, or using self-signed automatic TLS lets anyone on the network read or rewrite the cluster; members that do not authenticate their peers can be joined by an impostor.',
    severity: 'high',
    kinds: K8S_KINDS,
    messages: {
      plaintextClient: 'The etcd {{owner}} serves clients over plain HTTP on `{{value}}`, so anyone who reaches it can read and change all cluster data; use `https://` client URLs with `--cert-file`, `--key-file`, `--trusted-ca-file` and `--client-cert-auth=true`.',
      clientCertAuth: 'The etcd {{owner}} {{found}}, so any client that reaches its HTTPS port is served without a certificate; set `--client-cert-auth=true` with `--trusted-ca-file`.',
      autoTls: 'The etcd {{owner}} sets `--auto-tls=true`: clients are served with a generated self-signed certificate that nobody can verify; use certificates from the cluster CA (`--cert-file`, `--key-file`).',
      peerAutoTls: 'The etcd {{owner}} sets `--peer-auto-tls=true`: members use generated self-signed certificates, so peers are not authenticated; use `--peer-cert-file`, `--peer-key-file` and `--peer-trusted-ca-file`.',
      peerClientCertAuth: 'The etcd {{owner}} {{found}}, so any host can join or talk to the cluster as a member; set `--peer-client-cert-auth=true` with `--peer-trusted-ca-file`.',
    },
    remediation:
      'Serve clients and peers over https with certificates from the cluster CA (`--cert-file`, `--key-file`, `--peer-cert-file`, `--peer-key-file`), require client certificates (`--client-cert-auth=true`, `--peer-client-cert-auth=true` with the trusted CA files), and never use `--auto-tls` or `--peer-auto-tls`.',
    references: [ETCD_SECURITY_URL, ETCD_K8S_URL, CIS_URL],
    standards: { ...ACCESS_STANDARDS, cwe: ['CWE-319', 'CWE-306', 'CWE-295'] },
    equivalents: { checkov: ['CKV_K8S_116', 'CKV_K8S_117', 'CKV_K8S_118', 'CKV_K8S_121'], kics: ['9391103a-d8d7-4671-ac5d-606ba7ccb0ac', '98ce8b81-7707-4734-aa39-627c6db3d84b'] },
    security: true,
    since,
  },
  check(ctx) {
    for (const f of flagSetsOf(ctx, 'etcd')) {
      // --config-file replaces every other flag
      if (hasFlag(f, 'config-file')) continue;
      const defaults = defaultsApply(f);
      const owner = f.owner;
      const clients = exposedUrls(f, 'listen-client-urls', 'http://localhost:2379');
      const plain = clients?.find((u) => u.scheme === 'http' && !isLoopback(u.host) && u.item);
      if (plain?.item) say(ctx, 'plaintextClient', plain.item.occurrence.offsets, { owner, value: plain.item.value });

      const cca = boolFlag(f, 'client-cert-auth');
      if (cca && !cca.value) say(ctx, 'clientCertAuth', cca.occurrence.offsets, { owner, found: 'sets `--client-cert-auth=false`' });
      else if (!hasFlag(f, 'client-cert-auth') && defaults && clients?.some((u) => u.scheme === 'https' && !isLoopback(u.host)))
        say(ctx, 'clientCertAuth', f.anchor, { owner, found: 'serves HTTPS clients beyond localhost without `--client-cert-auth` (the default is false)' });

      const auto = boolFlag(f, 'auto-tls');
      if (auto?.value) say(ctx, 'autoTls', auto.occurrence.offsets, { owner }, 'medium');
      const peerAuto = boolFlag(f, 'peer-auto-tls');
      if (peerAuto?.value) say(ctx, 'peerAutoTls', peerAuto.occurrence.offsets, { owner }, 'medium');

      const pca = boolFlag(f, 'peer-client-cert-auth');
      if (pca && !pca.value) say(ctx, 'peerClientCertAuth', pca.occurrence.offsets, { owner, found: 'sets `--peer-client-cert-auth=false`' }, 'medium');
      else if (!hasFlag(f, 'peer-client-cert-auth') && defaults) {
        // peers matter only in a cluster of several members, reached over TLS beyond localhost
        const members = listFlag(f, 'initial-cluster');
        const peers = exposedUrls(f, 'listen-peer-urls', 'http://localhost:2380');
        if (members && members.length > 1 && peers?.some((u) => u.scheme === 'https' && !isLoopback(u.host)))
          say(ctx, 'peerClientCertAuth', f.anchor, { owner, found: 'runs a cluster of several members over HTTPS without `--peer-client-cert-auth` (the default is false)' }, 'medium');
      }
    }
  },
};

// --------------------------------------------------------------------------------------------
// kube-controller-manager and kube-scheduler

export const controllerInsecureFlags: Rule = {
  meta: {
    id: 'iac/k8s-controller-insecure-flags',
    title: 'kube-controller-manager or kube-scheduler runs with insecure flags',
    description:
      'The controller manager holds credentials that can create pods and sign service account tokens. Running every controller with its own broad credentials instead of one service account per controller, serving its metrics and profiling endpoints on every interface, or switching off kubelet serving-certificate rotation widens what an attacker on the node network can reach. The scheduler\'s serving endpoint and profiling data are exposed the same way.',
    severity: 'medium',
    kinds: K8S_KINDS,
    messages: {
      serviceAccountCredentials: 'The kube-controller-manager {{owner}} {{found}}, so every controller runs with the controller manager\'s own broad credentials; set `--use-service-account-credentials=true`.',
      profiling: 'The {{component}} {{owner}} {{found}}, which exposes `/debug/pprof` profiling data; set `--profiling=false`.',
      bindAddress: 'The {{component}} {{owner}} {{found}}, serving its health, metrics and debug endpoints on every interface; set `--bind-address=127.0.0.1` (and scrape metrics through a local proxy).',
      rotateServerCertificate: 'The kube-controller-manager {{owner}} sets the feature gate `RotateKubeletServerCertificate=false`, so kubelet serving certificates are not renewed through the API; remove it from `--feature-gates`.',
    },
    remediation: 'Set `--use-service-account-credentials=true`, `--profiling=false` and `--bind-address=127.0.0.1` on kube-controller-manager, `--profiling=false` and `--bind-address=127.0.0.1` on kube-scheduler, and keep the `RotateKubeletServerCertificate` feature gate on.',
    references: [CONTROLLER_MANAGER_URL, SCHEDULER_URL, 'https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/', CIS_URL],
    standards: { ...HARDENING_STANDARDS, cwe: ['CWE-250', 'CWE-200'] },
    equivalents: { checkov: ['CKV_K8S_107', 'CKV_K8S_108', 'CKV_K8S_112', 'CKV_K8S_113', 'CKV_K8S_114', 'CKV_K8S_115'], kics: ['46a2e9ec-6a5f-4faa-9d39-4ea44d5d87a2'] },
    security: true,
    since,
  },
  check(ctx) {
    for (const f of flagSetsOf(ctx, 'kube-controller-manager', 'kube-scheduler')) {
      const component = f.component;
      // the scheduler's --config (KubeSchedulerConfiguration) can set profiling and the serving address
      const defaults = defaultsApply(f) && !(component === 'kube-scheduler' && hasFlag(f, 'config'));
      const owner = f.owner;

      if (component === 'kube-controller-manager') {
        const sa = boolFlag(f, 'use-service-account-credentials');
        if (sa && !sa.value) say(ctx, 'serviceAccountCredentials', sa.occurrence.offsets, { owner, found: 'sets `--use-service-account-credentials=false`' });
        else if (defaults && !hasFlag(f, 'use-service-account-credentials'))
          say(ctx, 'serviceAccountCredentials', f.anchor, { owner, found: 'does not set `--use-service-account-credentials` (the default is false)' });
        const gate = listFlag(f, 'feature-gates')?.find((i) => /^RotateKubeletServerCertificate\s*=\s*(false|f|0)$/i.test(i.value));
        if (gate) say(ctx, 'rotateServerCertificate', gate.occurrence.offsets, { owner }, 'low');
      }

      const prof = boolFlag(f, 'profiling');
      if (prof?.value) say(ctx, 'profiling', prof.occurrence.offsets, { component, owner, found: 'sets `--profiling=true`' }, 'low');
      else if (defaults && !hasFlag(f, 'profiling')) say(ctx, 'profiling', f.anchor, { component, owner, found: 'does not set `--profiling=false` (profiling is on by default)' }, 'low');

      const port = lastFlag(f, 'secure-port');
      if (port?.value?.trim() === '0') continue; // serving disabled
      const bind = lastFlag(f, 'bind-address');
      if (bind?.value !== undefined && bind.value.trim() !== '' && !isLoopback(bind.value))
        say(ctx, 'bindAddress', bind.offsets, { component, owner, found: `sets \`--bind-address=${bind.value.trim()}\`` }, 'low');
      else if (defaults && !bind) say(ctx, 'bindAddress', f.anchor, { component, owner, found: 'does not set `--bind-address` (the default is 0.0.0.0)' }, 'low');
    }
  },
};

export const controlPlaneRules: Rule[] = [apiserverInsecureFlags, kubeletInsecureConfig, etcdInsecureFlags, controllerInsecureFlags];
