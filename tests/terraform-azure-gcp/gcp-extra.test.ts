import { describe, expect, it } from 'vitest';
import { isServiceAgent, publicInPolicyJson } from '../../rules/iac/terraform/gcp/iam-extra.js';

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
