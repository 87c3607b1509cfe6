import { describe, expect, it } from 'vitest';
import { loadPacks } from '../../src/packs/load.js';
import { scan } from '../../src/engine/scan.js';
import { tempTree } from '../support/cli.js';

/** Findings of the given CloudFormation rules for a one-file repository: [rule (without `iac/cfn-`), line, messageId]. */
async function findings(file: string, text: string, rules: string[]): Promise<[string, number, string | undefined][]> {
  const dir = tempTree({ [file]: text });
  const packs = await loadPacks(['iac'], dir);
  const result = await scan({ targets: [dir], cwd: dir, packs, config: { config: {}, hash: 'x' }, gitignore: false, maxFileSize: 1024 * 1024, today: '2026-01-01' });
  return result.findings
    .filter((f) => rules.includes(f.ruleId.replace(/^iac\/cfn-/, '')))
    .map((f): [string, number, string | undefined] => [f.ruleId.replace(/^iac\/cfn-/, ''), f.range.start.line, f.messageId])
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
}

describe('CloudFormation service rules', () => {
  it('check the resources of Fn::ForEach loops', async () => {
    const text = [
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Transform: AWS::LanguageExtensions',
      'Resources:',
      '  Fn::ForEach::Domains:',
      '    - Name',
      '    - [Orders, Search]',
      '    - ${Name}Domain:',
      '        Type: AWS::OpenSearchService::Domain',
      '        Properties:',
      '          EncryptionAtRestOptions:',
      '            Enabled: false',
      '          NodeToNodeEncryptionOptions:',
      '            Enabled: true',
      '          DomainEndpointOptions:',
      '            EnforceHTTPS: true',
    ].join('\n');
    expect(await findings('template.yaml', text, ['opensearch-encryption-at-rest', 'opensearch-node-to-node-encryption', 'opensearch-enforce-https'])).toEqual([['opensearch-encryption-at-rest', 11, 'false']]);
  });

  it('read Fn::If with the same value in both branches, and stay silent on other conditions', async () => {
    const text = JSON.stringify(
      {
        AWSTemplateFormatVersion: '2010-09-09',
        Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'AWS::AccountId' }, '123456789012'] } },
        Resources: {
          Same: { Type: 'AWS::Redshift::Cluster', Properties: { NodeType: 'ra3.large', PubliclyAccessible: { 'Fn::If': ['IsProd', true, true] } } },
          Differs: { Type: 'AWS::Redshift::Cluster', Properties: { NodeType: 'ra3.large', PubliclyAccessible: { 'Fn::If': ['IsProd', false, true] } } },
        },
      },
      null,
      2,
    );
    const found = await findings('template.json', text, ['redshift-public']);
    expect(found.map(([rule, , id]) => [rule, id])).toEqual([['redshift-public', 'public']]);
    expect(text.split('\n')[found[0][1] - 1]).toContain('PubliclyAccessible');
  });

  it('match companion resources by Ref and GetAtt, and give up on a companion pointing elsewhere', async () => {
    const base = ['AWSTemplateFormatVersion: "2010-09-09"', 'Parameters:', '  Other:', '    Type: String', 'Resources:', '  A:', '    Type: AWS::EC2::VPC', '  B:', '    Type: AWS::EC2::VPC', '  LogA:', '    Type: AWS::EC2::FlowLog', '    Properties:', '      ResourceType: VPC', '      ResourceId: !GetAtt [A, VpcId]'];
    expect(await findings('template.yaml', base.join('\n'), ['vpc-flow-logs'])).toEqual([['vpc-flow-logs', 9, 'missing']]);
    const unknown = [...base, '  LogOther:', '    Type: AWS::EC2::FlowLog', '    Properties:', '      ResourceType: VPC', '      ResourceId: !Ref Other'];
    expect(await findings('template.yaml', unknown.join('\n'), ['vpc-flow-logs'])).toEqual([]);
  });

  it('read attribute lists of load balancers only when every key is known', async () => {
    const text = [
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Resources:',
      '  Known:',
      '    Type: AWS::ElasticLoadBalancingV2::LoadBalancer',
      '    Properties:',
      '      LoadBalancerAttributes:',
      '        - Key: routing.http.drop_invalid_header_fields.enabled',
      '          Value: "true"',
      '  PartlyKnown:',
      '    Type: AWS::ElasticLoadBalancingV2::LoadBalancer',
      '    Properties:',
      '      LoadBalancerAttributes:',
      '        - Key: routing.http.drop_invalid_header_fields.enabled',
      '          Value: "true"',
      '        - !If [Logging, { Key: access_logs.s3.enabled, Value: "true" }, !Ref "AWS::NoValue"]',
    ].join('\n');
    expect(await findings('template.yaml', text, ['elb-access-logs', 'elb-drop-invalid-headers'])).toEqual([['elb-access-logs', 6, 'missing']]);
  });

  it('judge public resource policies by principal and condition', async () => {
    const policy = (condition: string): string =>
      ['AWSTemplateFormatVersion: "2010-09-09"', 'Resources:', '  P:', '    Type: AWS::SNS::TopicPolicy', '    Properties:', '      Topics: [!Ref T]', '      PolicyDocument:', '        Statement:', '          - Effect: Allow', '            Principal: { AWS: "*" }', '            Action: sns:Publish', '            Resource: !Ref T', condition].join('\n');
    expect(await findings('template.yaml', policy(''), ['sns-public-policy'])).toEqual([['sns-public-policy', 10, 'public']]);
    expect(await findings('template.yaml', policy('            Condition: { StringEquals: { "aws:SourceAccount": !Ref "AWS::AccountId" } }'), ['sns-public-policy'])).toEqual([]);
    expect(await findings('template.yaml', policy('            Condition: { Bool: { "aws:SecureTransport": "true" } }'), ['sns-public-policy'])).toEqual([['sns-public-policy', 10, 'openCondition']]);
  });
});
