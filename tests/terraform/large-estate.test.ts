import { describe, expect, it } from 'vitest';
import { loadRootModules } from '../../src/terraform/index.js';
import { memoryProject } from './helpers.js';

describe('a large estate', () => {
  // speed is measured by `npm run bench`, not asserted here
  it('resolves 4,000 Terraform files', async () => {
    const files: Record<string, string> = {};
    for (let d = 0; d < 400; d++) {
      for (let f = 0; f < 10; f++) {
        files[`stack${d}/f${f}.tf`] = `
variable "env${f}" { default = "dev" }
locals { name${f} = "app-\${var.env${f}}-${f}" }
resource "aws_s3_bucket" "b${f}" {
  bucket = local.name${f}
  tags   = merge({ Env = var.env${f} }, { Team = "x" })
  versioning { enabled = true }
}
resource "aws_s3_bucket_public_access_block" "p${f}" {
  bucket = aws_s3_bucket.b${f}.id
  block_public_acls = true
}
`;
      }
    }
    const project = memoryProject(files);
    const roots = await loadRootModules(project);
    let n = 0;
    for (const m of roots) {
      for (const b of m.resources('aws_s3_bucket')) {
        if (m.findReferencing('aws_s3_bucket_public_access_block', 'bucket', b).length === 1 && b.get('versioning.enabled')?.known) n++;
      }
    }
    expect(n).toBe(4000);
  }, 30000);
});
