import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { findOnPath, renderHelmChart, splitHelmTemplateOutput, templateParsesAsYaml } from '../../src/parsers/helm.js';

/** `helm template` output as helm 3 writes it (captured shape: `---` + `# Source:` per document). */
const SAMPLE = `---
# Source: case-api/templates/serviceaccount.yaml
apiVersion: v1
kind: ServiceAccount
metadata:
  name: release-name-case-api
---
# Source: case-api/templates/service.yaml
apiVersion: v1
kind: Service
metadata:
  name: release-name-case-api
spec:
  type: ClusterIP
  ports:
    - port: 80
---
# Source: case-api/charts/redis/templates/master/statefulset.yaml
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: release-name-redis-master
---
# Source: case-api/templates/workers.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker-a
---
# Source: case-api/templates/workers.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker-b
---
# Source: case-api/templates/tests/test-connection.yaml
apiVersion: v1
kind: Pod
metadata:
  name: "release-name-case-api-test-connection"
  annotations:
    "helm.sh/hook": test
`;

describe('splitHelmTemplateOutput', () => {
  const out = splitHelmTemplateOutput(SAMPLE);

  it('keys each rendered document by its template path relative to the chart', () => {
    expect([...out.keys()]).toEqual([
      'templates/serviceaccount.yaml',
      'templates/service.yaml',
      'charts/redis/templates/master/statefulset.yaml',
      'templates/workers.yaml',
      'templates/tests/test-connection.yaml',
    ]);
    expect(out.get('templates/service.yaml')).toContain('type: ClusterIP');
    expect(out.get('templates/service.yaml')).not.toContain('ServiceAccount');
  });

  it('joins several documents from one template with ---', () => {
    const workers = out.get('templates/workers.yaml')!;
    expect(workers).toContain('name: worker-a');
    expect(workers).toContain('name: worker-b');
    expect(workers.split(/^---$/m)).toHaveLength(2);
  });

  it('handles CRLF output, trailing separators and documents without a Source comment', () => {
    const crlf = '---\r\n# Source: app/templates/a.yaml\r\nkind: ConfigMap\r\n---\r\nkind: Orphan\r\n---\r\n';
    const m = splitHelmTemplateOutput(crlf);
    expect([...m.keys()]).toEqual(['templates/a.yaml']);
    expect(m.get('templates/a.yaml')).toBe('# Source: app/templates/a.yaml\nkind: ConfigMap\n');
  });

  it('returns an empty map for empty output', () => {
    expect(splitHelmTemplateOutput('').size).toBe(0);
  });
});

describe('templateParsesAsYaml', () => {
  it('is true only for templates without template actions', () => {
    expect(templateParsesAsYaml('apiVersion: v1\nkind: ConfigMap\n')).toBe(true);
    expect(templateParsesAsYaml('metadata:\n  name: {{ include "x.fullname" . }}\n')).toBe(false);
    expect(templateParsesAsYaml('{{- if .Values.enabled }}\nkind: Service\n{{- end }}\n')).toBe(false);
  });
});

describe('renderHelmChart', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'saltire-helm-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports that helm is not installed when it is not on PATH', async () => {
    expect(await findOnPath('helm', dir)).toBeUndefined();
    const saved = process.env.PATH;
    process.env.PATH = dir;
    try {
      const r = await renderHelmChart(dir);
      expect('error' in r && r.error).toMatch(/helm is not installed/);
    } finally {
      process.env.PATH = saved;
    }
  });

  it.skipIf(process.platform === 'win32')('runs `helm template <dir>` and splits its output', async () => {
    const fake = path.join(dir, 'helm');
    const out = path.join(dir, 'out.yaml');
    await writeFile(out, SAMPLE);
    // a stand-in for helm that checks its arguments and prints captured output
    await writeFile(fake, `#!/bin/sh\n[ "$1" = template ] || { echo "Error: unexpected $1" >&2; exit 1; }\ncat "${out}"\n`);
    await chmod(fake, 0o755);
    expect(await findOnPath('helm', dir)).toBe(fake);
    const r = await renderHelmChart('chart', { helmPath: fake });
    expect('rendered' in r && [...r.rendered.keys()]).toContain('templates/workers.yaml');
  });

  it.skipIf(process.platform === 'win32')('returns helm\'s first stderr line when rendering fails', async () => {
    const fake = path.join(dir, 'helm-fails');
    await writeFile(fake, '#!/bin/sh\necho "" >&2\necho "Error: template: case-api/templates/deployment.yaml:12:20: executing \\"x\\" at <.Values.image.tag>: nil pointer" >&2\necho "more detail" >&2\nexit 1\n');
    await chmod(fake, 0o755);
    const r = await renderHelmChart(dir, { helmPath: fake });
    expect(r).toEqual({ error: 'helm template failed: Error: template: case-api/templates/deployment.yaml:12:20: executing "x" at <.Values.image.tag>: nil pointer' });
  });

  it.skipIf(process.platform === 'win32')('times out a hung helm', async () => {
    const fake = path.join(dir, 'helm-hangs');
    await writeFile(fake, '#!/bin/sh\nexec sleep 10\n');
    await chmod(fake, 0o755);
    const r = await renderHelmChart(dir, { helmPath: fake, timeoutMs: 200 });
    expect('error' in r && r.error).toMatch(/timed out/);
  });
});
