import { describe, expect, it } from 'vitest';
import { scan } from '../../src/engine/scan.js';
import { loadPacks } from '../../src/packs/load.js';
import { tempTree } from '../support/cli.js';

const packs = await loadPacks(['iac'], process.cwd());

const TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Skipped:
    Type: AWS::S3::Bucket
    Metadata:
      checkov:
        skip:
          - id: CKV_AWS_21
            comment: scratch bucket, rebuilt daily
  Reported:
    Type: AWS::S3::Bucket
`;

const POD = (name: string, annotation: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
${annotation}spec:
  containers:
    - name: agent
      image: example/agent@sha256:${'0'.repeat(64)}
      securityContext:
        privileged: true
`;

describe('Checkov skips written as data', () => {
  it('CloudFormation Metadata.checkov.skip and checkov.io/skipN annotations cover their resource or object only', async () => {
    const dir = tempTree({
      'template.yaml': TEMPLATE,
      'pods.yaml': `${POD('skipped', '  annotations:\n    checkov.io/skip1: CKV_K8S_16=node agent needs privileged mode\n')}---\n${POD('reported', '')}`,
    });
    const result = await scan({ targets: [dir], cwd: dir, packs, config: { config: {}, hash: 'x' }, gitignore: true, maxFileSize: 1024 * 1024, today: '2026-01-01' });
    const at = (ruleId: string, list: { ruleId: string; file: string; range: { start: { line: number } } }[]) => list.filter((f) => f.ruleId === ruleId).map((f) => `${f.file}:${f.range.start.line}`);
    expect(at('iac/cfn-s3-versioning', result.findings)).toEqual(['template.yaml:11']);
    expect(at('iac/cfn-s3-versioning', result.suppressed)).toEqual(['template.yaml:4']);
    expect(at('iac/k8s-privileged-container', result.findings)).toEqual(['pods.yaml:23']);
    expect(at('iac/k8s-privileged-container', result.suppressed)).toEqual(['pods.yaml:12']);
    const reasons = result.suppressed.map((s) => s.suppression.reason).sort();
    expect(reasons).toContain('scratch bucket, rebuilt daily');
    expect(reasons).toContain('node agent needs privileged mode');
  });

  it('Checkov skip comments written inside a CloudFormation resource cover the whole resource, however many are stacked and wherever they sit', async () => {
    const dir = tempTree({
      'template.yaml': `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Skipped:
    # checkov:skip=CKV_AWS_18: access logs are collected by the central account
    # checkov:skip=CKV_AWS_21: scratch bucket, rebuilt daily
    Type: AWS::S3::Bucket
    Properties:
      BucketName: scratch
  Reported:
    Type: AWS::S3::Bucket
  SkippedBelowType:
    Type: AWS::S3::Bucket
    # checkov:skip=CKV_AWS_21: written under the line the finding is reported on
    Properties:
      BucketName: other
`,
    });
    const result = await scan({ targets: [dir], cwd: dir, packs, config: { config: {}, hash: 'x' }, gitignore: true, maxFileSize: 1024 * 1024, today: '2026-01-01' });
    const lines = (ruleId: string, list: { ruleId: string; range: { start: { line: number } } }[]) => list.filter((f) => f.ruleId === ruleId).map((f) => f.range.start.line);
    expect(lines('iac/cfn-s3-access-logging', result.suppressed)).toEqual([6]);
    expect(lines('iac/cfn-s3-access-logging', result.findings)).toEqual([10, 12]);
    expect(lines('iac/cfn-s3-versioning', result.suppressed)).toEqual([6, 12]);
    expect(lines('iac/cfn-s3-versioning', result.findings)).toEqual([10]);
  });
});
