import { describe, expect, it } from 'vitest';
import { cli, tempTree } from '../support/cli.js';
import type { ScanResult } from '../../src/model/finding.js';

// A manifest filled in by a Go-template tool (kd, gomplate) before it is applied: `{{ if }}` lines in a
// sequence and `{{.X}}-suffix` values are not YAML until rendered.
const KD_DEPLOYMENT = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: web',
  'spec:',
  '  replicas: {{.REPLICAS}}',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: web',
  '          image: registry.example.gov.uk/web:{{.VERSION}}',
  '          args:',
  '            - --listen=127.0.0.1:8081',
  '            {{ if .PRODUCTION }}',
  '            - --cookie-domain={{.DOMAIN}}',
  '            {{ end }}',
  '          env:',
  '            - name: BUCKET',
  '              valueFrom:',
  '                secretKeyRef:',
  '                  name: {{.NAMESPACE}}-s3',
  '                  key: bucket_name',
  '',
].join('\n');

const BROKEN = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: broken\nspec:\n  containers:\n    - name: app\n     image: nginx:1.27\n';

describe('Go-templated Kubernetes manifests', () => {
  it('are reported as not rendered (a notice), not as a parse error, and their secrets are still checked', () => {
    const dir = tempTree({ 'kube/deployment.yaml': KD_DEPLOYMENT, 'kube/broken.yaml': BROKEN });
    const r = cli(['scan', dir, '--packs', 'iac,secrets', '--format', 'json', '--fail-on', 'none', '--no-cache']);
    const result = JSON.parse(r.stdout) as ScanResult;
    const parseErrors = result.findings.filter((f) => f.ruleId === 'saltire/parse-error').map((f) => f.file);
    // a manifest without template actions that fails to parse is still a parse error
    expect([...new Set(parseErrors)]).toEqual(['kube/broken.yaml']);
    const notice = result.notices.find((n) => n.file === 'kube/deployment.yaml');
    expect(notice?.level).toBe('warning');
    expect(notice?.message).toMatch(/Go-templated manifest not rendered/);
  });

  it('treat a Jinja-templated CloudFormation template the same way', () => {
    const stack = [
      "AWSTemplateFormatVersion: '2010-09-09'",
      'Description: Queue for {{ env }}',
      'Resources:',
      '  Queue:',
      '    Type: AWS::SQS::Queue',
      '    Properties:',
      '      QueueName: jobs{% if env != "prod" %}-{{ env }}{% endif %}',
      '      KmsMasterKeyId: {{ lookup_key(kms_conn, "jobs") }}',
      '',
    ].join('\n');
    const brokenStack = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {QueueName: a b: c}\n";
    const dir = tempTree({ 'stacks/queue.yaml': stack, 'stacks/broken.yaml': brokenStack });
    const r = cli(['scan', dir, '--packs', 'iac', '--format', 'json', '--fail-on', 'none', '--no-cache']);
    const result = JSON.parse(r.stdout) as ScanResult;
    const parseErrors = result.findings.filter((f) => f.ruleId === 'saltire/parse-error').map((f) => f.file);
    expect([...new Set(parseErrors)]).toEqual(['stacks/broken.yaml']);
    expect(result.notices.find((n) => n.file === 'stacks/queue.yaml')?.message).toMatch(/Templated CloudFormation not rendered/);
  });
});
