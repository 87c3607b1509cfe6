import { describe, expect, it } from 'vitest';
import { isServiceAgent, publicInPolicyJson } from '../../rules/iac/terraform/gcp/iam-extra.js';
import { defaultAccount } from '../../rules/iac/terraform/gcp/identity.js';
import type { AttrResult, ReferenceValue, Value } from '../../src/terraform/index.js';

describe('GCP IAM helpers', () => {
  it('finds public members in IAM policy documents', () => {
    const doc = JSON.stringify({
      bindings: [
        { role: 'roles/cloudkms.admin', members: ['user:jane@example.com'] },
        { role: 'roles/cloudkms.cryptoKeyDecrypter', members: ['allAuthenticatedUsers', 'group:g@example.com'] },
        { role: 'roles/pubsub.viewer', member: 'allUsers' },
      ],
    });
    expect(publicInPolicyJson(doc)).toEqual([
      { who: 'allAuthenticatedUsers', role: 'roles/cloudkms.cryptoKeyDecrypter' },
      { who: 'allUsers', role: 'roles/pubsub.viewer' },
    ]);
    expect(publicInPolicyJson('{"bindings": [{"role": "roles/viewer", "members": ["user:allusers@example.com"]}]}')).toEqual([]);
    expect(publicInPolicyJson('not json')).toEqual([]);
    expect(publicInPolicyJson('{"etag": "x"}')).toEqual([]);
  });

  it('recognises Google-managed service agents and nothing else', () => {
    for (const m of [
      'serviceAccount:service-123456789012@gcp-sa-pubsub.iam.gserviceaccount.com',
      'serviceAccount:123456789012@cloudservices.gserviceaccount.com',
      'serviceAccount:service-123456789012@container-engine-robot.iam.gserviceaccount.com',
    ]) expect(isServiceAgent(m), m).toBe(true);
    for (const m of [
      'serviceAccount:deployer@app.iam.gserviceaccount.com',
      'serviceAccount:123456789012-compute@developer.gserviceaccount.com',
      'user:service-1@gcp-sa-pubsub.iam.gserviceaccount.com',
      'group:platform@example.com',
    ]) expect(isServiceAgent(m), m).toBe(false);
  });
});

describe('GCP default service accounts', () => {
  const range = { start: { line: 1, column: 1 }, end: { line: 1, column: 10 } };
  const attr = (value: Value, known = true): AttrResult => ({ value, known, file: 'main.tf', range, attributeFile: 'main.tf', attributeRange: range });
  const ref = (type: string): Value => ({ kind: 'reference', address: `data.${type}.d`, resource: `data.${type}.d`, mode: 'data', type, name: 'd', attribute: 'email' });

  it('names the Compute Engine and App Engine default accounts however they are written', () => {
    expect(defaultAccount(attr({ kind: 'string', value: '123456789012-compute@developer.gserviceaccount.com' }))).toMatch(/Compute Engine/);
    expect(defaultAccount(attr({ kind: 'string', value: 'serviceAccount:my-project@appspot.gserviceaccount.com' }))).toMatch(/App Engine/);
    expect(defaultAccount(attr({ kind: 'list', items: [{ kind: 'string', value: 'group:ops@example.gov.uk' }, { kind: 'string', value: 'serviceAccount:1-compute@developer.gserviceaccount.com' }] }))).toMatch(/Compute Engine/);
    expect(defaultAccount(attr(ref('google_compute_default_service_account')))).toMatch(/Compute Engine/);
    expect(defaultAccount(attr({ kind: 'unknown', reason: 'template', inputs: [], references: [ref('google_app_engine_default_service_account') as ReferenceValue] }, false))).toMatch(/App Engine/);
  });

  it('leaves other accounts and unknown values alone', () => {
    for (const v of ['app@my-project.iam.gserviceaccount.com', 'serviceAccount:service-1@compute-system.iam.gserviceaccount.com', 'user:compute@developer.gserviceaccount.com.example.org', 'default'])
      expect(defaultAccount(attr({ kind: 'string', value: v })), v).toBeUndefined();
    expect(defaultAccount(attr(ref('google_service_account')))).toBeUndefined();
    expect(defaultAccount(attr({ kind: 'unknown', reason: 'var.sa has no default', inputs: ['var.sa'], references: [] }, false))).toBeUndefined();
  });
});
