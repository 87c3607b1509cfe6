/** Pod Security Standards, baseline profile: one rule per control. */
import type { Rule } from '../../../src/model/rule.js';
import { entry, get, isMap, isScalar, isTrue, items, str } from '../../../src/parsers/data/tree.js';
import {
  allContainers,
  annotations,
  capName,
  containersOf,
  entryOffsets,
  HARDENING_STANDARDS,
  K8S_KINDS,
  label,
  nodeOffsets,
  onceReporter,
  podSecurityContext,
  PSS_URL,
  scalarItems,
  workloads,
  isTemplated,
  isPlaceholder,
} from './workloads.js';

const since = '0.1.0';

export const privilegedContainer: Rule = {
  meta: {
    id: 'iac/k8s-privileged-container',
    title: 'Container runs privileged',
    description:
      'A privileged container has every Linux capability and access to all host devices: it can mount the host filesystem, load kernel modules and escape to the node. The Pod Security Standards baseline profile forbids privileged containers.',
    severity: 'high',
    kinds: K8S_KINDS,
    messages: {
      privileged: 'The {{container}} sets `securityContext.privileged: true` (expected false or unset); remove it and grant only the specific capabilities the process needs.',
    },
    remediation: 'Remove `privileged: true` (or set it to `false`); if the workload needs one kernel feature, add that single capability instead.',
    references: [PSS_URL, 'https://kubernetes.io/docs/concepts/workloads/pods/#privileged-mode-for-containers'],
    standards: { ...HARDENING_STANDARDS, cwe: ['CWE-250'] },
    equivalents: { checkov: ['CKV_K8S_16'], kics: ['dd29336b-fe57-445b-a26e-e6aa867ae609'], kubescape: ['C-0057'], trivy: ['KSV017'], 'kube-linter': ['privileged-container'], kubesec: ['Privileged'], polaris: ['runAsPrivileged'] },
    security: true,
    since,
  },
  check(ctx) {
    for (const c of allContainers(ctx)) {
      const e = entry(c.securityContext, 'privileged');
      if (e && isTrue(e.value)) ctx.report({ messageId: 'privileged', offsets: entryOffsets(e), data: { container: label(c) } });
    }
  },
};

export const hostNamespace: Rule = {
  meta: {
    id: 'iac/k8s-host-namespace',
    title: 'Pod shares a host namespace',
    description:
      'hostNetwork, hostPID and hostIPC put the pod in the node\'s network, process or IPC namespace: it can sniff or bind the node\'s interfaces, see and signal every process on the node, or read shared memory of other workloads. The Pod Security Standards baseline profile forbids all three.',
    severity: 'high',
    kinds: K8S_KINDS,
    messages: {
      hostNetwork: '{{kind}} `{{name}}` sets `hostNetwork: true`, so its pods use the node\'s network namespace (expected false or unset); remove it and expose the pod through a Service.',
      hostPID: '{{kind}} `{{name}}` sets `hostPID: true`, so its containers can see and signal every process on the node (expected false or unset); remove it.',
      hostIPC: '{{kind}} `{{name}}` sets `hostIPC: true`, so its containers share the node\'s IPC namespace (expected false or unset); remove it.',
    },
    remediation: 'Remove `hostNetwork`, `hostPID` and `hostIPC` from the pod spec (or set them to `false`).',
    references: [PSS_URL, 'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#hostname-and-name-resolution'],
    standards: { ...HARDENING_STANDARDS, cwe: ['CWE-250'] },
    equivalents: { checkov: ['CKV_K8S_17', 'CKV_K8S_18', 'CKV_K8S_19'], kics: ['302736f4-b16c-41b8-befe-c0baffa0bd9d', '6b6bdfb3-c3ae-44cb-88e4-7405c1ba2c8a', 'cd290efd-6c82-4e9d-a698-be12ae31d536'], kubescape: ['C-0038', 'C-0041'], trivy: ['KSV008', 'KSV009', 'KSV010'], 'kube-linter': ['host-network', 'host-pid', 'host-ipc'], kubesec: ['HostNetwork', 'HostPID', 'HostIPC'], polaris: ['hostIPCSet', 'hostPIDSet', 'hostNetworkSet'] },
    security: true,
    since,
  },
  check(ctx) {
    for (const w of workloads(ctx)) {
      for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) {
        const e = entry(w.podSpec, field);
        if (e && isTrue(e.value)) ctx.report({ messageId: field, offsets: entryOffsets(e), data: { kind: w.kind, name: w.name } });
      }
    }
  },
};

export const hostPathVolume: Rule = {
  meta: {
    id: 'iac/k8s-host-path-volume',
    title: 'Pod mounts a hostPath volume',
    description:
      'A hostPath volume mounts a file or directory of the node into the pod. It exposes node credentials, logs and other workloads\' data, and a writable mount is a well-known route to escape to the node. The Pod Security Standards baseline profile forbids hostPath volumes.',
    severity: 'medium',
    kinds: K8S_KINDS,
    messages: {
      hostPath: '{{kind}} `{{name}}` mounts the node path `{{path}}` as hostPath volume `{{volume}}`; use a persistentVolumeClaim, configMap, secret or emptyDir volume instead.',
    },
    remediation: 'Replace the hostPath volume with a PersistentVolumeClaim, ConfigMap, Secret, projected or emptyDir volume. Node agents that truly need host files belong in a dedicated, separately governed namespace.',
    references: [PSS_URL, 'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath'],
    standards: { ...HARDENING_STANDARDS, cwe: ['CWE-668'] },
    equivalents: { kics: ['5308a7a8-06f8-45ac-bf10-791fe21de46e', 'aa8f7a35-9923-4cad-bd61-a19b7f6aac91'], kubescape: ['C-0048'], trivy: ['KSV023'], 'kube-linter': ['sensitive-host-mounts', 'writable-host-mount'] },
    security: true,
    since,
  },
  check(ctx) {
    for (const w of workloads(ctx)) {
      for (const v of items(get(w.podSpec, 'volumes'))) {
        const e = entry(v, 'hostPath');
        if (!e) continue;
        const path = str(get(e.value, 'path')) ?? '(unset)';
        ctx.report({ messageId: 'hostPath', offsets: entryOffsets(e), data: { kind: w.kind, name: w.name, path, volume: str(get(v, 'name')) ?? '(unnamed)' } });
      }
    }
  },
};

/**
 * Container runtime sockets (and the directories that hold them) that give control of the node.
 * The node's root and /var hold them too (/var/run is where the sockets live, often a link to /run).
 */
const SOCKET_FILE = /(^|\/)(docker|containerd|crio|cri-dockerd|dockershim|podman|cri-containerd)\.sock$/;
// The runtimes' data roots (/var/lib/docker, /var/lib/containerd) hold image layers and container
// filesystems but no socket (dockerd listens on /var/run/docker.sock, containerd on
// /run/containerd/containerd.sock); mounting them is left to iac/k8s-host-path-volume.
const SOCKET_DIRS = new Set(['/', '/var', '/var/run', '/run', '/var/run/docker', '/run/docker', '/var/run/containerd', '/run/containerd', '/var/run/crio', '/run/crio']);

export const containerRuntimeSocket: Rule = {
  meta: {
    id: 'iac/k8s-container-runtime-socket',
    title: 'Pod mounts the container runtime socket',
    description:
      'Mounting the Docker, containerd or CRI-O socket (or the directory that holds it) lets the pod drive the node\'s container runtime: start privileged containers, read every other container\'s files and secrets, and so take over the node and often the cluster.',
    severity: 'critical',
    kinds: K8S_KINDS,
    messages: {
      socket: '{{kind}} `{{name}}` mounts the container runtime socket `{{path}}` from the node (volume `{{volume}}`), which gives control of the node; remove the mount (build images with a rootless builder such as BuildKit rootless or Kaniko).',
      dir: '{{kind}} `{{name}}` mounts the node directory `{{path}}` (volume `{{volume}}`), which contains the container runtime socket; remove the mount or mount only the specific file the workload needs.',
    },
    remediation: 'Remove the hostPath volume. Build images with a daemonless, rootless builder, and give monitoring agents the runtime\'s read-only APIs instead of its socket.',
    references: [PSS_URL, 'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath', 'https://docs.docker.com/engine/security/#docker-daemon-attack-surface'],
    standards: { ...HARDENING_STANDARDS, cwe: ['CWE-250', 'CWE-668'] },
    equivalents: { checkov: ['CKV_K8S_27'], kics: ['a6f34658-fdfb-4154-9536-56d516f65828'], kubescape: ['C-0074'], trivy: ['KSV006'], 'kube-linter': ['docker-sock', 'container-runtime-sock'], kubesec: ['DockerSock'] },
    security: true,
    since,
  },
  check(ctx) {
    for (const w of workloads(ctx)) {
      for (const v of items(get(w.podSpec, 'volumes'))) {
        const pe = entry(get(v, 'hostPath'), 'path');
        const path = str(pe?.value);
        if (!pe || !path) continue;
        const norm = path.trim().replace(/\/+$/, '') || '/';
        const data = { kind: w.kind, name: w.name, path, volume: str(get(v, 'name')) ?? '(unnamed)' };
        if (SOCKET_FILE.test(norm)) ctx.report({ messageId: 'socket', offsets: entryOffsets(pe), data });
        else if (SOCKET_DIRS.has(norm)) ctx.report({ messageId: 'dir', offsets: entryOffsets(pe), data });
      }
    }
  },
};

export const hostPort: Rule = {
  meta: {
    id: 'iac/k8s-host-port',
    title: 'Container binds a host port',
    description:
      'A hostPort opens the port on the node\'s own network interface, bypassing Services and NetworkPolicies, and ties the pod to nodes where the port is free. The Pod Security Standards baseline profile forbids host ports.',
    severity: 'medium',
    kinds: K8S_KINDS,
    messages: {
      hostPort: 'The {{container}} binds host port {{port}} on the node (expected no hostPort, or 0); expose the port through a Service instead.',
    },
    remediation: 'Remove `hostPort` from the container\'s ports and expose the workload with a Service (ClusterIP behind an Ingress or Gateway).',
    references: [PSS_URL, 'https://kubernetes.io/docs/concepts/configuration/overview/#services'],
    standards: HARDENING_STANDARDS,
    equivalents: { checkov: ['CKV_K8S_26'], kics: ['2b1836f1-dcce-416e-8e16-da8c71920633'], kubescape: ['C-0044'], trivy: ['KSV024'], polaris: ['hostPortSet'] },
    security: true,
    since,
  },
  check(ctx) {
    for (const c of allContainers(ctx)) {
      for (const p of items(get(c.node, 'ports'))) {
        const e = entry(p, 'hostPort');
        if (!e || !isScalar(e.value) || e.value.value === null) continue;
        const v = String(e.value.value).trim();
        if (v === '0' || v === '' || isPlaceholder(v)) continue;
        ctx.report({ messageId: 'hostPort', offsets: entryOffsets(e), data: { container: label(c), port: v } });
      }
    }
  },
};

/** Capabilities the baseline profile allows a container to add. */
export const BASELINE_CAPABILITIES = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);

export const capabilityAdded: Rule = {
  meta: {
    id: 'iac/k8s-capability-added',
    title: 'Container adds a capability beyond the baseline set',
    description:
      'Linux capabilities split root\'s powers; capabilities outside the default set (such as SYS_ADMIN, NET_ADMIN, SYS_PTRACE, SYS_MODULE or BPF) let a process reconfigure the node\'s network, trace other processes or load kernel code. The Pod Security Standards baseline profile allows only the runtime\'s default set to be added.',
    severity: 'high',
    kinds: K8S_KINDS,
    messages: {
      added: 'The {{container}} adds capability {{capability}}, which is outside the Pod Security Standards baseline set; remove it from `capabilities.add` (expected only: AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT).',
    },
    remediation: 'Remove the capability from `securityContext.capabilities.add`; drop ALL and add back only what the process needs (usually nothing, or NET_BIND_SERVICE).',
    references: [PSS_URL, 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container', 'https://man7.org/linux/man-pages/man7/capabilities.7.html'],
    standards: { ...HARDENING_STANDARDS, cwe: ['CWE-250'] },
    equivalents: { checkov: ['CKV_K8S_25'], kics: ['19ebaa28-fc86-4a58-bcfa-015c9e22fe40'], kubescape: ['C-0046'], trivy: ['KSV022'], polaris: ['dangerousCapabilities'] },
    security: true,
    since,
  },
  check(ctx) {
    for (const c of allContainers(ctx)) {
      for (const cap of scalarItems(get(get(c.securityContext, 'capabilities'), 'add'))) {
        const name = capName(String(cap.value));
        if (!BASELINE_CAPABILITIES.has(name) && !isTemplated(cap)) ctx.report({ messageId: 'added', offsets: nodeOffsets(cap), data: { container: label(c), capability: String(cap.value) } });
      }
    }
  },
};

function specificCapabilityRule(id: string, cap: string, severity: 'high' | 'medium', title: string, why: string, equivalents: Rule['meta']['equivalents']): Rule {
  return {
    meta: {
      id,
      title,
      description: why,
      severity,
      kinds: K8S_KINDS,
      messages: {
        added: `The {{container}} adds the ${cap} capability ({{value}}); remove it from \`capabilities.add\`.`,
        all: `The {{container}} adds ALL capabilities, which includes ${cap}; remove ALL from \`capabilities.add\` and add back only what is needed.`,
      },
      remediation: `Remove ${cap} (and ALL) from \`securityContext.capabilities.add\`, and drop ALL capabilities.`,
      references: [PSS_URL, 'https://man7.org/linux/man-pages/man7/capabilities.7.html'],
      standards: { ...HARDENING_STANDARDS, cwe: ['CWE-250'] },
      equivalents,
      security: true,
      since,
    },
    check(ctx) {
      for (const c of allContainers(ctx)) {
        for (const item of scalarItems(get(get(c.securityContext, 'capabilities'), 'add'))) {
          const name = capName(String(item.value));
          if (name === cap) ctx.report({ messageId: 'added', offsets: nodeOffsets(item), data: { container: label(c), value: String(item.value) } });
          else if (name === 'ALL') ctx.report({ messageId: 'all', offsets: nodeOffsets(item), data: { container: label(c) } });
        }
      }
    },
  };
}

export const capabilitySysAdmin = specificCapabilityRule(
  'iac/k8s-capability-sys-admin',
  'SYS_ADMIN',
  'high',
  'Container adds the SYS_ADMIN capability',
  'SYS_ADMIN is "the new root": it allows mounting filesystems, changing namespaces and many kernel administration calls, and is the capability most container escapes rely on. No application container needs it.',
  { checkov: ['CKV_K8S_39'], kics: ['235236ee-ad78-4065-bd29-61b061f28ce0'], trivy: ['KSV005'], kubesec: ['CapSysAdmin'] },
);

export const capabilityNetRaw = specificCapabilityRule(
  'iac/k8s-capability-net-raw',
  'NET_RAW',
  'medium',
  'Container adds the NET_RAW capability',
  'NET_RAW lets a process craft raw packets: it enables ARP and DNS spoofing against other pods on the node network. It is outside the Pod Security Standards restricted set and rarely needed (ping works without it on current kernels).',
  { kubescape: ['C-0046'], trivy: ['KSV119'], 'kube-linter': ['drop-net-raw-capability'] },
);

/** Allowed values of the seccomp and AppArmor fields under the baseline profile. */
export const seccompUnconfined: Rule = {
  meta: {
    id: 'iac/k8s-seccomp-unconfined',
    title: 'Seccomp profile explicitly Unconfined',
    description:
      'Seccomp filters the system calls a container may make; an Unconfined profile removes the filter, exposing the whole kernel attack surface to the container. The Pod Security Standards baseline profile forbids setting seccomp to Unconfined.',
    severity: 'high',
    kinds: K8S_KINDS,
    messages: {
      field: '{{where}} sets `seccompProfile.type: Unconfined` (expected RuntimeDefault or Localhost); set `type: RuntimeDefault`.',
      annotation: 'Annotation `{{annotation}}: {{value}}` disables seccomp for {{where}} (expected runtime/default); use `securityContext.seccompProfile.type: RuntimeDefault`.',
    },
    remediation: 'Set `securityContext.seccompProfile.type: RuntimeDefault` on the pod (or a Localhost profile), and remove Unconfined settings and `seccomp.security.alpha.kubernetes.io` annotations.',
    references: [PSS_URL, 'https://kubernetes.io/docs/tutorials/security/seccomp/'],
    standards: { ...HARDENING_STANDARDS, cwe: ['CWE-693'] },
    equivalents: { kics: ['f377b83e-bd07-4f48-a591-60c82b14a78b'], trivy: ['KSV104'], kubesec: ['SeccompUnconfined'] },
    security: true,
    since,
  },
  check(ctx) {
    const report = onceReporter(ctx);
    for (const w of workloads(ctx)) {
      const podType = entry(get(podSecurityContext(w), 'seccompProfile'), 'type');
      if (podType && str(podType.value) === 'Unconfined') report({ messageId: 'field', offsets: entryOffsets(podType), data: { where: `The pod of ${w.kind} \`${w.name}\`` } });
      for (const c of containersOf(w)) {
        const t = entry(get(c.securityContext, 'seccompProfile'), 'type');
        if (t && str(t.value) === 'Unconfined') report({ messageId: 'field', offsets: entryOffsets(t), data: { where: `The ${label(c)}` } });
      }
      for (const a of annotations(w.podMeta)?.entries ?? []) {
        const k = String(a.key.value);
        const v = str(a.value) ?? '';
        if (v.trim().toLowerCase() !== 'unconfined') continue;
        if (k === 'seccomp.security.alpha.kubernetes.io/pod') report({ messageId: 'annotation', offsets: entryOffsets(a), data: { annotation: k, value: v, where: `the pod of ${w.kind} \`${w.name}\`` } });
        else if (k.startsWith('container.seccomp.security.alpha.kubernetes.io/'))
          report({ messageId: 'annotation', offsets: entryOffsets(a), data: { annotation: k, value: v, where: `container \`${k.slice(k.indexOf('/') + 1)}\` of ${w.kind} \`${w.name}\`` } });
      }
    }
  },
};

export const apparmorUnconfined: Rule = {
  meta: {
    id: 'iac/k8s-apparmor-unconfined',
    title: 'AppArmor profile set to unconfined',
    description:
      'AppArmor confines what files, capabilities and mounts a container process may use; the runtime applies a default profile unless it is overridden. Setting the profile to unconfined removes that layer of defence, and the Pod Security Standards baseline profile forbids it.',
    severity: 'medium',
    kinds: K8S_KINDS,
    messages: {
      field: '{{where}} sets `appArmorProfile.type: Unconfined` (expected RuntimeDefault or Localhost); set `type: RuntimeDefault` or remove it.',
      annotation: 'Annotation `{{annotation}}: {{value}}` disables AppArmor for container `{{container}}` of {{kind}} `{{name}}` (expected runtime/default or localhost/<profile>); remove it.',
    },
    remediation: 'Remove the override, or set `securityContext.appArmorProfile.type: RuntimeDefault` (Kubernetes 1.30+) or the annotation value `runtime/default`.',
    references: [PSS_URL, 'https://kubernetes.io/docs/tutorials/security/apparmor/'],
    standards: { ...HARDENING_STANDARDS, cwe: ['CWE-693'] },
    equivalents: { trivy: ['KSV002'], kubesec: ['ApparmorUnconfined'] },
    security: true,
    since,
  },
  check(ctx) {
    const report = onceReporter(ctx);
    for (const w of workloads(ctx)) {
      const podType = entry(get(podSecurityContext(w), 'appArmorProfile'), 'type');
      if (podType && str(podType.value) === 'Unconfined') report({ messageId: 'field', offsets: entryOffsets(podType), data: { where: `The pod of ${w.kind} \`${w.name}\`` } });
      for (const c of containersOf(w)) {
        const t = entry(get(c.securityContext, 'appArmorProfile'), 'type');
        if (t && str(t.value) === 'Unconfined') report({ messageId: 'field', offsets: entryOffsets(t), data: { where: `The ${label(c)}` } });
      }
      for (const a of annotations(w.podMeta)?.entries ?? []) {
        const k = String(a.key.value);
        const v = str(a.value) ?? '';
        if (k.startsWith('container.apparmor.security.beta.kubernetes.io/') && v.trim().toLowerCase() === 'unconfined')
          report({ messageId: 'annotation', offsets: entryOffsets(a), data: { annotation: k, value: v, container: k.slice(k.indexOf('/') + 1), kind: w.kind, name: w.name } });
      }
    }
  },
};

const SELINUX_TYPES = new Set(['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);

export const selinuxOptions: Rule = {
  meta: {
    id: 'iac/k8s-selinux-options',
    title: 'Custom SELinux user, role or type',
    description:
      'SELinux labels confine container processes on SELinux hosts. Setting a custom SELinux user or role, or a type other than the container types, can give the container an unconfined or host-level domain. The Pod Security Standards baseline profile allows only the container types and forbids custom users and roles.',
    severity: 'medium',
    kinds: K8S_KINDS,
    messages: {
      type: '{{where}} sets `seLinuxOptions.type: {{value}}` (expected unset, container_t, container_init_t, container_kvm_t or container_engine_t); remove it.',
      user: '{{where}} sets `seLinuxOptions.user: {{value}}` (expected unset); remove it.',
      role: '{{where}} sets `seLinuxOptions.role: {{value}}` (expected unset); remove it.',
    },
    remediation: 'Remove `seLinuxOptions.user` and `seLinuxOptions.role`, and leave `type` unset or one of the container types; `level` may be set.',
    references: [PSS_URL, 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#assign-selinux-labels-to-a-container'],
    standards: HARDENING_STANDARDS,
    equivalents: { trivy: ['KSV025'] },
    security: true,
    since,
  },
  check(ctx) {
    const report = onceReporter(ctx);
    for (const w of workloads(ctx)) {
      const check = (opts: ReturnType<typeof get>, where: string) => {
        if (!isMap(opts)) return;
        for (const field of ['type', 'user', 'role'] as const) {
          const e = entry(opts, field);
          const v = str(e?.value);
          if (!e || !v) continue;
          if (field === 'type' && SELINUX_TYPES.has(v)) continue;
          report({ messageId: field, offsets: entryOffsets(e), data: { where, value: v } });
        }
      };
      check(get(podSecurityContext(w), 'seLinuxOptions'), `The pod of ${w.kind} \`${w.name}\``);
      for (const c of containersOf(w)) check(get(c.securityContext, 'seLinuxOptions'), `The ${label(c)}`);
    }
  },
};

export const procMountUnmasked: Rule = {
  meta: {
    id: 'iac/k8s-proc-mount-unmasked',
    title: 'Container uses an unmasked /proc',
    description:
      'By default the runtime masks sensitive paths of /proc (such as /proc/kcore and /proc/sys) inside containers. procMount: Unmasked removes those masks, exposing kernel memory and settings to the container. The Pod Security Standards baseline profile requires the Default proc mount.',
    severity: 'high',
    kinds: K8S_KINDS,
    messages: {
      unmasked: 'The {{container}} sets `procMount: {{value}}` (expected Default or unset); remove it.',
    },
    remediation: 'Remove `securityContext.procMount` or set it to `Default`.',
    references: [PSS_URL, 'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#security-context-1'],
    standards: { ...HARDENING_STANDARDS, cwe: ['CWE-668'] },
    equivalents: { trivy: ['KSV027'], 'kube-linter': ['unsafe-proc-mount'] },
    security: true,
    since,
  },
  check(ctx) {
    for (const c of allContainers(ctx)) {
      const e = entry(c.securityContext, 'procMount');
      const v = str(e?.value);
      if (e && v && v !== 'Default' && !isPlaceholder(v)) ctx.report({ messageId: 'unmasked', offsets: entryOffsets(e), data: { container: label(c), value: v } });
    }
  },
};

/** The sysctls the baseline profile allows (namespaced and isolated from the node). */
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
]);

/**
 * A sysctl name in its dotted form. Kubernetes also accepts `/` as the separator (`net/ipv4/tcp_syncookies`,
 * as in /proc/sys); a `.` inside such a name belongs to a component (an interface such as `eno2.100`), so the
 * two characters swap.
 */
export function dottedSysctl(name: string): string {
  const n = name.trim();
  return n.includes('/') ? n.replace(/[./]/g, (ch) => (ch === '/' ? '.' : '/')) : n;
}

export const unsafeSysctl: Rule = {
  meta: {
    id: 'iac/k8s-unsafe-sysctl',
    title: 'Pod sets an unsafe sysctl',
    description:
      'Sysctls outside the safe set are not isolated between pods: they can change kernel behaviour for every workload on the node, or weaken its protections. The Pod Security Standards baseline profile allows only the safe sysctls.',
    severity: 'medium',
    kinds: K8S_KINDS,
    messages: {
      unsafe: '{{kind}} `{{name}}` sets sysctl `{{sysctl}}`, which is not in the safe set (expected only kernel.shm_rmid_forced, net.ipv4.ip_local_port_range, net.ipv4.ip_unprivileged_port_start, net.ipv4.tcp_syncookies, net.ipv4.ping_group_range, net.ipv4.ip_local_reserved_ports, net.ipv4.tcp_keepalive_*, net.ipv4.tcp_fin_timeout); remove it or tune the node instead.',
    },
    remediation: 'Remove the sysctl from `securityContext.sysctls`; tune node-level kernel settings in the node configuration rather than from a pod.',
    references: [PSS_URL, 'https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/'],
    standards: HARDENING_STANDARDS,
    equivalents: { kics: ['9127f0d9-2310-42e7-866f-5fd9d20dcbad'], trivy: ['KSV026'], 'kube-linter': ['unsafe-sysctls'] },
    security: true,
    since,
  },
  check(ctx) {
    for (const w of workloads(ctx)) {
      for (const s of items(get(podSecurityContext(w), 'sysctls'))) {
        const e = entry(s, 'name');
        const name = str(e?.value);
        if (e && name && !SAFE_SYSCTLS.has(dottedSysctl(name))) ctx.report({ messageId: 'unsafe', offsets: entryOffsets(e), data: { kind: w.kind, name: w.name, sysctl: name } });
      }
    }
  },
};

export const windowsHostProcess: Rule = {
  meta: {
    id: 'iac/k8s-windows-host-process',
    title: 'Windows HostProcess container',
    description:
      'A Windows HostProcess container runs directly on the Windows node with the node\'s privileges and full access to its filesystem and network. The Pod Security Standards baseline profile forbids HostProcess pods.',
    severity: 'high',
    kinds: K8S_KINDS,
    messages: {
      hostProcess: '{{where}} sets `windowsOptions.hostProcess: true`, so it runs as a process on the Windows node (expected false or unset); remove it.',
    },
    remediation: 'Remove `securityContext.windowsOptions.hostProcess` (and `hostNetwork`) so the container runs isolated; run node management tooling outside application namespaces.',
    references: [PSS_URL, 'https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/'],
    standards: { ...HARDENING_STANDARDS, cwe: ['CWE-250'] },
    equivalents: { trivy: ['KSV103'] },
    security: true,
    since,
  },
  check(ctx) {
    const report = onceReporter(ctx);
    for (const w of workloads(ctx)) {
      const pe = entry(get(podSecurityContext(w), 'windowsOptions'), 'hostProcess');
      if (pe && isTrue(pe.value)) report({ messageId: 'hostProcess', offsets: entryOffsets(pe), data: { where: `The pod of ${w.kind} \`${w.name}\`` } });
      for (const c of containersOf(w)) {
        const e = entry(get(c.securityContext, 'windowsOptions'), 'hostProcess');
        if (e && isTrue(e.value)) report({ messageId: 'hostProcess', offsets: entryOffsets(e), data: { where: `The ${label(c)}` } });
      }
    }
  },
};

export const baselineRules: Rule[] = [
  privilegedContainer,
  hostNamespace,
  hostPathVolume,
  containerRuntimeSocket,
  hostPort,
  capabilityAdded,
  capabilitySysAdmin,
  capabilityNetRaw,
  seccompUnconfined,
  apparmorUnconfined,
  selinuxOptions,
  procMountUnmasked,
  unsafeSysctl,
  windowsHostProcess,
];
