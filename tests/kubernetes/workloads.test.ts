import { describe, expect, it } from 'vitest';
import type { RuleContext } from '../../src/model/rule.js';
import type { DocumentKind } from '../../src/model/kinds.js';
import type { ParsedDocument } from '../../src/model/document.js';
import { LineIndex } from '../../src/model/location.js';
import { parseYaml } from '../../src/parsers/data/yaml.js';
import { parseJson } from '../../src/parsers/data/json.js';
import { str } from '../../src/parsers/data/tree.js';
import { allContainers, effective, effectiveSub, k8sObjects, label, workloads } from '../../rules/iac/kubernetes/workloads.js';
import { parseImage } from '../../rules/iac/kubernetes/hardening.js';

function ctxFor(text: string, opts: { kind?: DocumentKind; path?: string; json?: boolean } = {}): RuleContext {
  const lines = new LineIndex(text);
  const kind = opts.kind ?? 'kubernetes';
  const document: ParsedDocument =
    kind === 'helm'
      ? { format: 'text' }
      : opts.json
        ? { format: 'data', roots: [parseJson(text, lines).root] }
        : { format: 'data', roots: parseYaml(text, lines).roots };
  return {
    file: { path: opts.path ?? 'k8s.yaml', absPath: 'k8s.yaml', kind, text, lines, size: text.length },
    document,
    options: {},
    project: {} as RuleContext['project'],
    today: '2026-01-01',
    report: () => undefined,
    notice: () => undefined,
    shared: (_key, compute) => compute(),
  };
}

const MANIFESTS = `
apiVersion: batch/v1
kind: CronJob
metadata: {name: report}
spec:
  schedule: "0 1 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          securityContext: {runAsNonRoot: true, runAsUser: 1000, seccompProfile: {type: RuntimeDefault}}
          initContainers: [{name: init, image: busybox:1.36}]
          containers:
            - name: app
              image: app:1.0
              securityContext: {runAsUser: 2000, seccompProfile: {type: Localhost, localhostProfile: p.json}}
---
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: debug-me}
    spec:
      containers: [{name: app, image: app:1.0}]
      ephemeralContainers: [{name: dbg, image: busybox:1.36}]
  - apiVersion: v1
    kind: PodTemplate
    metadata: {name: tpl}
    template:
      spec:
        containers: [{name: t, image: app:1.0}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: not-a-workload}
---
# no apiVersion: not a Kubernetes object
kind: Deployment
spec: {template: {spec: {containers: [{name: x, image: y}]}}}
`;

describe('kubernetes workloads helper', () => {
  const ctx = ctxFor(MANIFESTS);

  it('expands List items and skips documents that are not objects', () => {
    expect(k8sObjects(ctx).map((o) => str(o.entries.find((e) => e.key.value === 'kind')?.value))).toEqual(['CronJob', 'Pod', 'PodTemplate', 'ConfigMap']);
  });

  it('finds the pod spec of every workload kind', () => {
    expect(workloads(ctx).map((w) => `${w.kind}/${w.name}`)).toEqual(['CronJob/report', 'Pod/debug-me', 'PodTemplate/tpl']);
  });

  it('iterates init, regular and ephemeral containers', () => {
    expect(allContainers(ctx).map(label)).toEqual([
      'container `app` of CronJob `report`',
      'init container `init` of CronJob `report`',
      'container `app` of Pod `debug-me`',
      'ephemeral container `dbg` of Pod `debug-me`',
      'container `t` of PodTemplate `tpl`',
    ]);
  });

  it('lets a container security context override the pod one', () => {
    const [app, init] = allContainers(ctx);
    expect(effective(app, 'runAsUser')).toMatchObject({ level: 'container', entry: { value: { value: 2000 } } });
    expect(effective(init, 'runAsUser')).toMatchObject({ level: 'pod', entry: { value: { value: 1000 } } });
    expect(effective(app, 'runAsNonRoot')).toMatchObject({ level: 'pod' });
    expect(str(effectiveSub(app, 'seccompProfile', 'type')?.entry.value)).toBe('Localhost');
    expect(str(effectiveSub(init, 'seccompProfile', 'type')?.entry.value)).toBe('RuntimeDefault');
    expect(effective(allContainers(ctx)[2], 'runAsUser')).toBeUndefined();
  });

  it('reads JSON manifests, including a top-level array', () => {
    const json = ctxFor('[{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"i:1"}]}}]', { json: true });
    expect(allContainers(json).map(label)).toEqual(['container `c` of Pod `p`']);
  });

  it('reads the pod spec of Knative Serving objects, and only of those', () => {
    const kn = ctxFor(`
apiVersion: serving.knative.dev/v1
kind: Service
metadata: {name: web}
spec: {template: {metadata: {annotations: {a: b}}, spec: {containers: [{image: web:1.0}]}}}
---
apiVersion: serving.knative.dev/v1
kind: Configuration
metadata: {name: cfg}
spec: {template: {spec: {containers: [{name: c, image: web:1.0}]}}}
---
apiVersion: serving.knative.dev/v1
kind: Revision
metadata: {name: web-00001, annotations: {x: y}}
spec: {containers: [{name: r, image: web:1.0}]}
---
apiVersion: serving.knative.dev/v1
kind: Route
metadata: {name: web}
spec: {traffic: [{revisionName: web-00001, percent: 100}]}
---
apiVersion: v1
kind: Service
metadata: {name: svc}
spec: {template: {spec: {containers: [{name: not-a-pod, image: x:1}]}}}
`);
    const ws = workloads(kn);
    expect(ws.map((w) => `${w.kind}/${w.name}/${w.knative === true}`)).toEqual(['Knative Service/web/true', 'Knative Configuration/cfg/true', 'Knative Revision/web-00001/true']);
    expect(ws.map((w) => w.podMeta?.entries.map((e) => e.key.value).join(','))).toEqual(['annotations', undefined, 'name,annotations']);
    expect(allContainers(kn).map(label)).toEqual(['container `(unnamed)` of Knative Service `web`', 'container `c` of Knative Configuration `cfg`', 'container `r` of Knative Revision `web-00001`']);
    expect(workloads(ctx).every((w) => w.knative === undefined)).toBe(true);
  });

  it('reads a Helm template only when it has no template actions', () => {
    const plain = ctxFor('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: i:1}]}\n', { kind: 'helm', path: 'chart/templates/pod.yaml' });
    expect(workloads(plain)).toHaveLength(1);
    const templated = ctxFor('apiVersion: v1\nkind: Pod\nmetadata: {name: {{ .Release.Name }}}\nspec: {containers: [{name: c, image: i:1}]}\n', { kind: 'helm', path: 'chart/templates/pod.yaml' });
    expect(workloads(templated)).toHaveLength(0);
    const helpers = ctxFor('apiVersion: v1\nkind: Pod\n', { kind: 'helm', path: 'chart/templates/_helpers.tpl' });
    expect(k8sObjects(helpers)).toHaveLength(0);
  });
});

describe('parseImage', () => {
  it.each([
    ['nginx', undefined, false],
    ['nginx:1.27', '1.27', false],
    ['localhost:5000/app', undefined, false],
    ['localhost:5000/app:2.0', '2.0', false],
    ['registry.gov.scot/team/app:latest', 'latest', false],
    ['app@sha256:abc', undefined, true],
    ['app:1.0@sha256:abc', undefined, true],
  ])('%s', (image, tag, digest) => {
    expect(parseImage(image)).toEqual({ tag, digest });
  });
});
