/** Pod Security Standards, restricted profile: the hardening controls on top of baseline. */
import type { Rule } from '../../../src/model/rule.js';
import { entry, get, isFalse, isScalar, isTrue, str } from '../../../src/parsers/data/tree.js';
import { BASELINE_CAPABILITIES } from './pss-baseline.js';
import {
  allContainers,
  annotations,
  capName,
  effective,
  effectiveSub,
  entryOffsets,
  HARDENING_STANDARDS,
  isWindowsPod,
  K8S_KINDS,
  label,
  nodeOffsets,
  onceReporter,
  podSecurityContext,
  PSS_URL,
  scalarItems,
  SECURITY_CONTEXT_URL,
  workloads,
  containersOf,
  type Container,
  isTemplated,
} from './workloads.js';

const since = '0.1.0';

export const privilegeEscalation: Rule = {
  meta: {
    id: 'iac/k8s-privilege-escalation',
    title: 'Container allows privilege escalation',
    description:
      'Unless allowPrivilegeEscalation is false, a process in the container can gain more privileges than its parent, for example through setuid binaries or file capabilities. The default is to allow it, so the Pod Security Standards restricted profile requires every container to set it to false.',
    severity: 'medium',
    kinds: K8S_KINDS,
    messages: {
      missing: 'The {{container}} does not set `securityContext.allowPrivilegeEscalation` (expected false; the default allows escalation); add `allowPrivilegeEscalation: false`.',
      allowed: 'The {{container}} sets `allowPrivilegeEscalation: {{value}}` (expected false); set it to false.',
    },
    remediation: 'Set `securityContext.allowPrivilegeEscalation: false` on every container, init container and ephemeral container.',
    references: [PSS_URL, SECURITY_CONTEXT_URL],
    standards: { ...HARDENING_STANDARDS, cwe: ['CWE-269'] },
    equivalents: { checkov: ['CKV_K8S_20'], kics: ['5572cc5e-1e4c-4113-92a6-7a8a3bd25e6d'], kubescape: ['C-0016'], trivy: ['KSV001'], 'kube-linter': ['privilege-escalation-container'], kubesec: ['AllowPrivilegeEscalation'], polaris: ['privilegeEscalationAllowed'] },
    security: true,
    since,
  },
  check(ctx) {
    for (const c of allContainers(ctx)) {
      if (isWindowsPod(c.workload)) continue;
      const e = entry(c.securityContext, 'allowPrivilegeEscalation');
      if (e && (isFalse(e.value) || isTemplated(e.value))) continue;
      if (e && isScalar(e.value) && e.value.value !== null) ctx.report({ messageId: 'allowed', offsets: entryOffsets(e), data: { container: label(c), value: String(e.value.value) } });
      // Knative's secure-pod-defaults fills in a missing allowPrivilegeEscalation (false)
      else if (!c.partial && !c.workload.knative) ctx.report({ messageId: 'missing', offsets: c.anchor, data: { container: label(c) } });
    }
  },
};

/** The drop list of a container's capabilities, normalised, and its entry. */
function droppedCapabilities(c: Container): { entry: ReturnType<typeof entry>; dropped: string[] } {
  const de = entry(get(c.securityContext, 'capabilities'), 'drop');
  return { entry: de, dropped: scalarItems(de?.value).map((s) => capName(String(s.value))) };
}

/**
 * Containers that keep NET_RAW (they drop nothing, or a list without ALL and NET_RAW) are this rule's; those
 * that drop NET_RAW but not ALL are iac/k8s-capabilities-not-all-dropped's, so each container is reported once
 * and a check that asks only for NET_RAW to be dropped (Checkov CKV_K8S_28) maps to this rule alone.
 */
export const capabilitiesNotDropped: Rule = {
  meta: {
    id: 'iac/k8s-capabilities-not-dropped',
    title: 'Container keeps the default capabilities, including NET_RAW',
    description:
      'Container runtimes grant a default set of Linux capabilities (such as NET_RAW, CHOWN, SETUID and DAC_OVERRIDE) that most applications never use and that attackers use after a compromise; NET_RAW lets a process craft packets to spoof ARP or DNS replies to other pods on the node. The Pod Security Standards restricted profile requires every container to drop ALL and add back only NET_BIND_SERVICE.',
    severity: 'medium',
    kinds: K8S_KINDS,
    messages: {
      missing: 'The {{container}} does not drop capabilities, so it keeps the runtime\'s default set; add `securityContext.capabilities.drop: ["ALL"]`.',
      notAll: 'The {{container}} drops only {{dropped}}, so it keeps NET_RAW and the rest of the runtime\'s default set; set `capabilities.drop: ["ALL"]` and add back only NET_BIND_SERVICE if needed.',
    },
    remediation: 'Set `securityContext.capabilities.drop: ["ALL"]` on every container; add back only `NET_BIND_SERVICE` if the process binds a port below 1024.',
    references: [PSS_URL, 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container'],
    standards: { ...HARDENING_STANDARDS, cwe: ['CWE-250'] },
    equivalents: { checkov: ['CKV_K8S_28', 'CKV_K8S_37'], kics: ['268ca686-7fb7-4ae9-b129-955a2a89064e', '2f1a0619-b12b-48a0-825f-993bb6f01d58', 'dbbc6705-d541-43b0-b166-dd4be8208b54'], trivy: ['KSV003'], kubesec: ['CapDropAll'], polaris: ['insecureCapabilities'] },
    security: true,
    since,
  },
  check(ctx) {
    for (const c of allContainers(ctx)) {
      if (isWindowsPod(c.workload)) continue;
      const { entry: de, dropped } = droppedCapabilities(c);
      if (dropped.includes('ALL') || dropped.includes('NET_RAW') || scalarItems(de?.value).some(isTemplated)) continue;
      if (de && dropped.length > 0) ctx.report({ messageId: 'notAll', offsets: entryOffsets(de), data: { container: label(c), dropped: dropped.join(', ') } });
      // Knative's secure-pod-defaults drops ALL when the manifest sets no capabilities
      else if (!c.partial && !(c.workload.knative && get(c.securityContext, 'capabilities') === undefined)) ctx.report({ messageId: 'missing', offsets: c.anchor, data: { container: label(c) } });
    }
  },
};

export const capabilitiesNotAllDropped: Rule = {
  meta: {
    id: 'iac/k8s-capabilities-not-all-dropped',
    title: 'Container drops NET_RAW but not all capabilities',
    description:
      'Dropping NET_RAW removes packet spoofing, but the container keeps the rest of the runtime\'s default capabilities (CHOWN, DAC_OVERRIDE, FOWNER, SETUID, SETGID, KILL, MKNOD and others), which let a compromised process change file ownership, bypass file permissions or switch users. The Pod Security Standards restricted profile requires every container to drop ALL and add back only NET_BIND_SERVICE.',
    severity: 'low',
    kinds: K8S_KINDS,
    messages: {
      notAll: 'The {{container}} drops {{dropped}} but not ALL, so it keeps the rest of the runtime\'s default capabilities; set `capabilities.drop: ["ALL"]` and add back only NET_BIND_SERVICE if needed.',
    },
    remediation: 'Replace the list of dropped capabilities with `securityContext.capabilities.drop: ["ALL"]`; add back only `NET_BIND_SERVICE` if the process binds a port below 1024.',
    references: [PSS_URL, 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container'],
    standards: { ...HARDENING_STANDARDS, cwe: ['CWE-250'] },
    equivalents: { checkov: ['CKV_K8S_37'], trivy: ['KSV003'], kubesec: ['CapDropAll'], polaris: ['insecureCapabilities'] },
    security: true,
    since,
  },
  check(ctx) {
    for (const c of allContainers(ctx)) {
      if (isWindowsPod(c.workload)) continue;
      const { entry: de, dropped } = droppedCapabilities(c);
      if (de && dropped.includes('NET_RAW') && !dropped.includes('ALL')) ctx.report({ messageId: 'notAll', offsets: entryOffsets(de), data: { container: label(c), dropped: dropped.join(', ') } });
    }
  },
};

export const capabilityNotRestricted: Rule = {
  meta: {
    id: 'iac/k8s-capability-not-restricted',
    title: 'Container adds a capability the restricted profile forbids',
    description:
      'The Pod Security Standards restricted profile allows a container to add back only NET_BIND_SERVICE after dropping ALL. Capabilities of the runtime default set (CHOWN, DAC_OVERRIDE, SETUID, …) are allowed by the baseline profile but still widen what a compromised process can do. (Capabilities outside the baseline set are reported by iac/k8s-capability-added.)',
    severity: 'low',
    kinds: K8S_KINDS,
    messages: {
      added: 'The {{container}} adds capability {{capability}} (the restricted profile allows only NET_BIND_SERVICE); remove it from `capabilities.add`.',
    },
    remediation: 'Remove the capability from `securityContext.capabilities.add`; make files writable by the container\'s user at build time instead of adding CHOWN, FOWNER or DAC_OVERRIDE.',
    references: [PSS_URL],
    standards: { ...HARDENING_STANDARDS, cwe: ['CWE-250'] },
    equivalents: { trivy: ['KSV106'] },
    security: true,
    since,
  },
  check(ctx) {
    for (const c of allContainers(ctx)) {
      if (isWindowsPod(c.workload)) continue;
      for (const cap of scalarItems(get(get(c.securityContext, 'capabilities'), 'add'))) {
        const name = capName(String(cap.value));
        if (name !== 'NET_BIND_SERVICE' && BASELINE_CAPABILITIES.has(name)) ctx.report({ messageId: 'added', offsets: nodeOffsets(cap), data: { container: label(c), capability: String(cap.value) } });
      }
    }
  },
};

function isPositiveUid(n: ReturnType<typeof get>): boolean {
  if (!isScalar(n) || n.value === null) return false;
  const v = String(n.value).trim();
  return /^\d+$/.test(v) && Number(v) > 0;
}

export const runAsNonRoot: Rule = {
  meta: {
    id: 'iac/k8s-run-as-non-root',
    title: 'Container may run as root',
    description:
      'Without runAsNonRoot: true (or a non-zero runAsUser), a container runs as whatever user its image declares, which is root for most images. Root in a container makes kernel and runtime escapes far more damaging. The Pod Security Standards restricted profile requires runAsNonRoot: true at pod or container level.',
    severity: 'medium',
    kinds: K8S_KINDS,
    messages: {
      missing: 'Neither the {{container}} nor its pod sets `runAsNonRoot: true` or a non-zero `runAsUser`, so it runs as the image\'s user (often root); set `securityContext.runAsNonRoot: true` on the pod.',
      false: '{{where}} sets `runAsNonRoot: false` (expected true); set it to true and run as a non-root user.',
    },
    remediation: 'Set `securityContext.runAsNonRoot: true` (and a `runAsUser` above 10000) in the pod spec, and build the image with a non-root `USER`.',
    references: [PSS_URL, SECURITY_CONTEXT_URL],
    standards: { ...HARDENING_STANDARDS, cwe: ['CWE-250'] },
    equivalents: { checkov: ['CKV_K8S_23'], kics: ['cf34805e-3872-4c08-bf92-6ff7bb0cfadb'], kubescape: ['C-0013'], trivy: ['KSV012'], 'kube-linter': ['run-as-non-root'], kubesec: ['RunAsNonRoot'], polaris: ['runAsRootAllowed'] },
    security: true,
    since,
  },
  check(ctx) {
    const report = onceReporter(ctx);
    for (const c of allContainers(ctx)) {
      const nonRoot = effective(c, 'runAsNonRoot');
      if (nonRoot && isTrue(nonRoot.entry.value)) continue;
      const user = effective(c, 'runAsUser');
      if ((nonRoot && isTemplated(nonRoot.entry.value)) || (user && isTemplated(user.entry.value))) continue;
      // runAsNonRoot: false only turns the kubelet's check off; a non-zero runAsUser still runs the container as that user
      if (user && isPositiveUid(user.entry.value)) continue;
      if (nonRoot && isFalse(nonRoot.entry.value)) {
        const where = nonRoot.level === 'pod' ? `The pod of ${c.workload.kind} \`${c.workload.name}\`` : `The ${label(c)}`;
        report({ messageId: 'false', offsets: entryOffsets(nonRoot.entry), data: { where } });
        continue;
      }
      // runAsUser: 0 is reported by iac/k8s-run-as-user-root
      if (user && isScalar(user.entry.value) && String(user.entry.value.value).trim() === '0') continue;
      if (!c.partial) report({ messageId: 'missing', offsets: c.anchor, data: { container: label(c) } });
    }
  },
};

export const runAsUserRoot: Rule = {
  meta: {
    id: 'iac/k8s-run-as-user-root',
    title: 'Container runs as UID 0',
    description:
      'runAsUser: 0 runs the container\'s processes as root whatever the image says. Root in a container makes kernel and runtime escapes, and writes to mounted volumes, far more damaging. The Pod Security Standards restricted profile forbids runAsUser 0 at pod and container level.',
    severity: 'high',
    kinds: K8S_KINDS,
    messages: {
      root: '{{where}} sets `runAsUser: 0`, so it runs as root (expected a non-zero UID, e.g. 10001); set a non-root UID and `runAsNonRoot: true`.',
    },
    remediation: 'Set `runAsUser` to a non-zero UID (above 10000 avoids clashing with host users) and `runAsNonRoot: true`.',
    references: [PSS_URL, SECURITY_CONTEXT_URL],
    standards: { ...HARDENING_STANDARDS, cwe: ['CWE-250'] },
    equivalents: { checkov: ['CKV_K8S_23', 'CKV_K8S_40'], kics: ['cf34805e-3872-4c08-bf92-6ff7bb0cfadb'], kubescape: ['C-0013'], trivy: ['KSV105'], 'kube-linter': ['run-as-non-root'] },
    security: true,
    since,
  },
  check(ctx) {
    const report = onceReporter(ctx);
    for (const w of workloads(ctx)) {
      const pe = entry(podSecurityContext(w), 'runAsUser');
      if (pe && isScalar(pe.value) && String(pe.value.value).trim() === '0') report({ messageId: 'root', offsets: entryOffsets(pe), data: { where: `The pod of ${w.kind} \`${w.name}\`` } });
      for (const c of containersOf(w)) {
        const e = entry(c.securityContext, 'runAsUser');
        if (e && isScalar(e.value) && String(e.value.value).trim() === '0') report({ messageId: 'root', offsets: entryOffsets(e), data: { where: `The ${label(c)}` } });
      }
    }
  },
};

/** Legacy seccomp annotation values that confine the container. */
function confiningAnnotation(v: string | undefined): boolean {
  const s = (v ?? '').trim();
  return s === 'runtime/default' || s === 'docker/default' || s.startsWith('localhost/');
}

export const seccompNotSet: Rule = {
  meta: {
    id: 'iac/k8s-seccomp-not-set',
    title: 'Seccomp profile not set to RuntimeDefault or Localhost',
    description:
      'Seccomp filters the system calls a container may make. Kubernetes runs containers Unconfined unless a profile is set (or the kubelet default is enabled), exposing the whole kernel attack surface. The Pod Security Standards restricted profile requires RuntimeDefault or Localhost at pod or container level.',
    severity: 'medium',
    kinds: K8S_KINDS,
    messages: {
      missing: 'Neither the {{container}} nor its pod sets `seccompProfile.type` (expected RuntimeDefault or Localhost); add `securityContext.seccompProfile: {type: RuntimeDefault}` to the pod.',
    },
    remediation: 'Add `securityContext: {seccompProfile: {type: RuntimeDefault}}` to the pod spec (or a Localhost profile for a tailored filter).',
    references: [PSS_URL, 'https://kubernetes.io/docs/tutorials/security/seccomp/'],
    standards: { ...HARDENING_STANDARDS, cwe: ['CWE-693'] },
    equivalents: { checkov: ['CKV_K8S_31'], kics: ['f377b83e-bd07-4f48-a591-60c82b14a78b'], trivy: ['KSV030'], kubesec: ['SeccompAny'] },
    security: true,
    since,
  },
  check(ctx) {
    for (const c of allContainers(ctx)) {
      if (isWindowsPod(c.workload)) continue;
      const t = effectiveSub(c, 'seccompProfile', 'type');
      // Unconfined (or another explicit value) is iac/k8s-seccomp-unconfined's finding
      if (t && str(t.entry.value)) continue;
      const ann = annotations(c.workload.podMeta);
      const containerAnn = str(get(ann, `container.seccomp.security.alpha.kubernetes.io/${c.name}`));
      const podAnn = str(get(ann, 'seccomp.security.alpha.kubernetes.io/pod'));
      if (confiningAnnotation(containerAnn) || confiningAnnotation(podAnn)) continue;
      // an annotation set to unconfined is, like the field, iac/k8s-seccomp-unconfined's finding
      if ((containerAnn ?? podAnn)?.trim().toLowerCase() === 'unconfined') continue;
      // Knative's secure-pod-defaults sets RuntimeDefault where the manifest sets no profile
      if (!c.partial && !c.workload.knative) ctx.report({ messageId: 'missing', offsets: c.anchor, data: { container: label(c) } });
    }
  },
};

export const restrictedRules: Rule[] = [privilegeEscalation, capabilitiesNotDropped, capabilitiesNotAllDropped, capabilityNotRestricted, runAsNonRoot, runAsUserRoot, seccompNotSet];
