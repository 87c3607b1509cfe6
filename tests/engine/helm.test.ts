import { describe, expect, it } from 'vitest';
import { chmodSync } from 'node:fs';
import path from 'node:path';
import { cli, tempTree } from '../support/cli.js';
import type { ScanResult } from '../../src/model/finding.js';

const CHART = {
  'chart/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
  'chart/values.yaml': 'privileged: true\n',
  'chart/templates/plain.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: plain\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n',
  'chart/templates/deploy.yaml': [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: {{ .Release.Name }}',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: app',
    '          image: "nginx:1.27"',
    '          securityContext:',
    '            privileged: {{ .Values.privileged }}',
    '',
  ].join('\n'),
};

const RENDERED = [
  '---',
  '# Source: web/templates/deploy.yaml',
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: release-name',
  'spec:',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: app',
  '          image: "nginx:1.27"',
  '          securityContext:',
  '            privileged: true',
  '',
].join('\n');

function privileged(result: ScanResult): string[] {
  return result.findings.filter((f) => f.ruleId === 'iac/k8s-privileged-container').map((f) => `${f.file}:${f.range.start.line}`);
}

describe('Helm charts', () => {
  it('scans templates that are plain YAML, and says which templates were not rendered', () => {
    const dir = tempTree(CHART);
    const r = cli(['scan', dir, '--packs', 'iac', '--format', 'json'], { env: { PATH: '/usr/bin:/bin' } });
    const result = JSON.parse(r.stdout) as ScanResult;
    expect(privileged(result)).toEqual(['chart/templates/plain.yaml:10']);
    const notice = result.notices.find((n) => n.file === 'chart/templates/deploy.yaml');
    expect(notice?.level).toBe('warning');
    expect(notice?.message).toMatch(/not rendered \(helm is not installed/);
  });

  it('renders a chart with helm when it is on PATH and points findings at the template line', () => {
    const dir = tempTree({ ...CHART, 'bin/helm': `#!/bin/sh\ncat <<'EOF'\n${RENDERED}EOF\n` });
    chmodSync(path.join(dir, 'bin', 'helm'), 0o755);
    const r = cli(['scan', path.join(dir, 'chart'), '--packs', 'iac', '--format', 'json'], { env: { PATH: `${path.join(dir, 'bin')}:/usr/bin:/bin` } });
    const result = JSON.parse(r.stdout) as ScanResult;
    expect(privileged(result)).toEqual(['templates/deploy.yaml:12', 'templates/plain.yaml:10']);
  });

  it('reports a chart whose rendering fails, and goes on', () => {
    const dir = tempTree({ ...CHART, 'bin/helm': '#!/bin/sh\necho "Error: template: web/templates/deploy.yaml:4: function \\"nope\\" not defined" >&2\nexit 1\n' });
    chmodSync(path.join(dir, 'bin', 'helm'), 0o755);
    const r = cli(['scan', dir, '--packs', 'iac', '--format', 'json'], { env: { PATH: `${path.join(dir, 'bin')}:/usr/bin:/bin` } });
    const result = JSON.parse(r.stdout) as ScanResult;
    expect(result.notices.find((n) => n.file === 'chart/templates/deploy.yaml')?.message).toContain('helm template failed: Error: template');
    expect(privileged(result)).toEqual(['chart/templates/plain.yaml:10']);
  });
});
