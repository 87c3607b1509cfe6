import { describe, expect, it } from 'vitest';
import type { RuleContext, ReportDescriptor } from '../../src/model/rule.js';
import type { ParsedDocument } from '../../src/model/document.js';
import { LineIndex } from '../../src/model/location.js';
import { parseYaml } from '../../src/parsers/data/yaml.js';
import { boolFlag, controlPlaneFlagSets, defaultsApply, lastFlag, listFlag, parseGoBool } from '../../rules/iac/kubernetes/control-plane-flags.js';
import { apiserverInsecureFlags, controllerInsecureFlags, etcdInsecureFlags, isZeroDuration, kubeletInsecureConfig } from '../../rules/iac/kubernetes/control-plane.js';
import type { Rule } from '../../src/model/rule.js';

function ctxFor(text: string, reports: ReportDescriptor[] = []): RuleContext {
  const lines = new LineIndex(text);
  const document: ParsedDocument = { format: 'data', roots: parseYaml(text, lines).roots };
  const cache = new Map<string, unknown>();
  return {
    file: { path: 'k8s.yaml', absPath: 'k8s.yaml', kind: 'kubernetes', text, lines, size: text.length },
    document,
    options: {},
    project: {} as RuleContext['project'],
    today: '2026-01-01',
    report: (d) => reports.push(d),
    notice: () => undefined,
    shared: <T>(key: string, compute: () => T): T => {
      if (!cache.has(key)) cache.set(key, compute());
      return cache.get(key) as T;
    },
  };
}

function pod(command: string, args = ''): string {
  return `apiVersion: v1
kind: Pod
metadata: {name: cp, namespace: kube-system}
spec:
  containers:
    - name: c
      image: registry.k8s.io/x:v1.30.0
      command: ${command}
${args ? `      args: ${args}\n` : ''}`;
}

function run(rule: Rule, text: string): string[] {
  const reports: ReportDescriptor[] = [];
  const ctx = ctxFor(text, reports);
  void rule.check!(ctx);
  return reports.map((r) => r.messageId).sort();
}

describe('control-plane flags reader', () => {
  it('reads --flag=value, --flag value, bare booleans and the last occurrence', () => {
    const [f] = controlPlaneFlagSets(ctxFor(pod('["kube-apiserver", "--profiling", "--secure-port", "6443", "--anonymous-auth=true", "--anonymous-auth=false", "--audit-log-path=/var/log/a.log"]')));
    expect(f.component).toBe('kube-apiserver');
    expect(boolFlag(f, 'profiling')?.value).toBe(true);
    expect(lastFlag(f, 'profiling')?.bare).toBe(true);
    expect(lastFlag(f, 'secure-port')?.value).toBe('6443');
    expect(boolFlag(f, 'anonymous-auth')?.value).toBe(false);
    expect(lastFlag(f, 'audit-log-path')?.value).toBe('/var/log/a.log');
    expect(defaultsApply(f)).toBe(true);
  });

  it('reads command plus args, full paths and hyperkube', () => {
    const [a] = controlPlaneFlagSets(ctxFor(pod('["/usr/local/bin/kube-scheduler"]', '["--bind-address=0.0.0.0", "--profiling=false"]')));
    expect(a.component).toBe('kube-scheduler');
    expect(lastFlag(a, 'bind-address')?.value).toBe('0.0.0.0');
    const [b] = controlPlaneFlagSets(ctxFor(pod('["/hyperkube", "controller-manager", "--use-service-account-credentials"]')));
    expect(b.component).toBe('kube-controller-manager');
    expect(boolFlag(b, 'use-service-account-credentials')?.value).toBe(true);
  });

  it('appends list flags across occurrences and splits commas', () => {
    const [f] = controlPlaneFlagSets(ctxFor(pod('["kube-apiserver", "--enable-admission-plugins=NodeRestriction", "--enable-admission-plugins", "AlwaysAdmit,PodSecurity"]')));
    expect(listFlag(f, 'enable-admission-plugins')?.map((i) => i.value)).toEqual(['NodeRestriction', 'AlwaysAdmit', 'PodSecurity']);
  });

  it('treats placeholders as unknown and a placeholder token as opaque', () => {
    const [f] = controlPlaneFlagSets(ctxFor(pod('["kube-apiserver", "--anonymous-auth=$(ANON)", "$(EXTRA_ARGS)"]')));
    expect(lastFlag(f, 'anonymous-auth')?.value).toBeUndefined();
    expect(boolFlag(f, 'anonymous-auth')).toBeUndefined();
    expect(f.opaque).toBe(true);
    expect(defaultsApply(f)).toBe(false);
  });

  it('reads `--bool false` as written, and stops at --', () => {
    const [f] = controlPlaneFlagSets(ctxFor(pod('["kubelet", "--anonymous-auth", "false", "--", "--read-only-port=10255"]')));
    expect(boolFlag(f, 'anonymous-auth')?.value).toBe(false);
    expect(lastFlag(f, 'read-only-port')).toBeUndefined();
  });

  it('reads single-dash etcd flags and ignores other programs', () => {
    const [f] = controlPlaneFlagSets(ctxFor(pod('["etcd", "-client-cert-auth=false"]')));
    expect(boolFlag(f, 'client-cert-auth')?.value).toBe(false);
    expect(controlPlaneFlagSets(ctxFor(pod('["/bin/sh", "-c", "kube-apiserver --anonymous-auth=true"]')))).toHaveLength(0);
    expect(controlPlaneFlagSets(ctxFor(pod('["kube-apiserver-proxy", "--profiling"]')))).toHaveLength(0);
  });

  it('reads etcd settings from ETCD_* variables that the command line does not override', () => {
    const text = pod('["etcd", "--auto-tls=false"]').replace('      command:', '      env:\n        - {name: ETCD_AUTO_TLS, value: "true"}\n        - {name: ETCD_CLIENT_CERT_AUTH, value: "true"}\n        - {name: ETCD_NAME, valueFrom: {fieldRef: {fieldPath: metadata.name}}}\n      command:');
    const [f] = controlPlaneFlagSets(ctxFor(text));
    expect(boolFlag(f, 'auto-tls')?.value).toBe(false);
    expect(boolFlag(f, 'client-cert-auth')?.value).toBe(true);
    expect(lastFlag(f, 'name')?.value).toBeUndefined();
    expect(f.opaque).toBe(false);
  });

  it('reads kubeadm extraArgs maps and lists as opaque sets', () => {
    const sets = controlPlaneFlagSets(
      ctxFor(`apiVersion: kubeadm.k8s.io/v1beta3
kind: ClusterConfiguration
apiServer:
  extraArgs:
    anonymous-auth: "true"
controllerManager:
  extraArgs:
    - name: bind-address
      value: 0.0.0.0
`),
    );
    expect(sets.map((s) => s.component)).toEqual(['kube-apiserver', 'kube-controller-manager']);
    expect(boolFlag(sets[0], 'anonymous-auth')?.value).toBe(true);
    expect(lastFlag(sets[1], 'bind-address')?.value).toBe('0.0.0.0');
    expect(sets.every((s) => !defaultsApply(s))).toBe(true);
  });

  it('parses Go booleans and zero durations', () => {
    expect(parseGoBool('T')).toBe(true);
    expect(parseGoBool('0')).toBe(false);
    expect(parseGoBool('yes')).toBeUndefined();
    expect(isZeroDuration('0')).toBe(true);
    expect(isZeroDuration('0s')).toBe(true);
    expect(isZeroDuration('0h0m0s')).toBe(true);
    expect(isZeroDuration(0)).toBe(true);
    expect(isZeroDuration('4h0m0s')).toBe(false);
    expect(isZeroDuration('30m')).toBe(false);
    expect(isZeroDuration('$(T)')).toBe(false);
  });
});

describe('control-plane rules', () => {
  const hardenedApiserver = `["kube-apiserver", "--anonymous-auth=false", "--authorization-mode=Node,RBAC", "--enable-admission-plugins=NodeRestriction", "--profiling=false", "--audit-log-path=/var/log/audit.log", "--kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt", "--encryption-provider-config=/etc/kubernetes/enc.yaml", "--etcd-servers=https://127.0.0.1:2379"]`;

  it('is silent on a hardened kube-apiserver and reports its defaults otherwise', () => {
    expect(run(apiserverInsecureFlags, pod(hardenedApiserver))).toEqual([]);
    expect(run(apiserverInsecureFlags, pod('["kube-apiserver", "--authorization-mode=Node,RBAC"]'))).toEqual(['anonymousAuth', 'auditLog', 'encryptionAtRest', 'kubeletCertificateAuthority', 'nodeRestriction', 'profiling']);
    // an opaque command line: only explicit values
    expect(run(apiserverInsecureFlags, pod('["kube-apiserver", "$(ARGS)", "--authorization-mode=AlwaysAllow"]'))).toEqual(['alwaysAllow']);
  });

  it('reports explicit insecure kube-apiserver values', () => {
    const ids = run(
      apiserverInsecureFlags,
      pod(hardenedApiserver.replace(']', ', "--insecure-port=8080", "--insecure-bind-address=0.0.0.0", "--token-auth-file=/t.csv", "--kubelet-https=false", "--service-account-lookup=false", "--disable-admission-plugins=ServiceAccount", "--tls-cipher-suites=TLS_RSA_WITH_RC4_128_SHA,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"]')),
    );
    expect(ids).toEqual(['insecureBindAddress', 'insecurePort', 'kubeletHttps', 'pluginDisabled', 'serviceAccountLookup', 'tokenAuthFile', 'weakCiphers']);
  });

  it('judges kubelet defaults only without --config', () => {
    expect(run(kubeletInsecureConfig, pod('["kubelet"]'))).toEqual(['alwaysAllow', 'anonymousAuth', 'readOnlyPort']);
    expect(run(kubeletInsecureConfig, pod('["kubelet", "--config=/var/lib/kubelet/config.yaml"]'))).toEqual([]);
    expect(run(kubeletInsecureConfig, pod('["kubelet", "--config=/c.yaml", "--read-only-port=10255", "--streaming-connection-idle-timeout=0"]'))).toEqual(['readOnlyPort', 'streamingTimeout']);
  });

  it('reads KubeletConfiguration with its own (secure) defaults', () => {
    const base = 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n';
    expect(run(kubeletInsecureConfig, base)).toEqual([]);
    expect(run(kubeletInsecureConfig, `${base}authentication: {anonymous: {enabled: true}}\nauthorization: {mode: AlwaysAllow}\nreadOnlyPort: 10255\nstreamingConnectionIdleTimeout: 0s\nrotateCertificates: false\n`)).toEqual([
      'alwaysAllow',
      'anonymousAuth',
      'readOnlyPort',
      'rotateCertificates',
    ]);
  });

  it('reports etcd client certificate auth only where clients reach it over TLS', () => {
    expect(run(etcdInsecureFlags, pod('["etcd"]'))).toEqual([]);
    expect(run(etcdInsecureFlags, pod('["etcd", "--listen-client-urls=https://0.0.0.0:2379"]'))).toEqual(['clientCertAuth']);
    expect(run(etcdInsecureFlags, pod('["etcd", "--listen-client-urls=http://0.0.0.0:2379"]'))).toEqual(['plaintextClient']);
    expect(run(etcdInsecureFlags, pod('["etcd", "--listen-client-urls=https://0.0.0.0:2379", "--client-cert-auth=true", "--initial-cluster=a=https://a:2380,b=https://b:2380", "--listen-peer-urls=https://0.0.0.0:2380"]'))).toEqual(['peerClientCertAuth']);
  });

  it('reports controller-manager and scheduler defaults', () => {
    expect(run(controllerInsecureFlags, pod('["kube-controller-manager"]'))).toEqual(['bindAddress', 'profiling', 'serviceAccountCredentials']);
    expect(run(controllerInsecureFlags, pod('["kube-scheduler", "--config=/etc/kubernetes/scheduler.conf"]'))).toEqual([]);
    expect(run(controllerInsecureFlags, pod('["kube-controller-manager", "--use-service-account-credentials=true", "--profiling=false", "--bind-address=127.0.0.1", "--feature-gates=RotateKubeletServerCertificate=false"]'))).toEqual(['rotateServerCertificate']);
  });
});
