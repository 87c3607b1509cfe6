import { describe, expect, it } from 'vitest';
import { loadModule } from '../../src/terraform/index.js';
import { memoryProject } from '../terraform/helpers.js';
import { actionMatches } from '../../rules/iac/terraform/aws/iam.js';
import { worldIngress } from '../../rules/iac/terraform/aws/sg.js';
import { majorBelow } from '../../rules/iac/terraform/aws/web.js';
import { fromText, isPublicPrincipal, looksSecretName, policyAttr } from '../../rules/iac/terraform/aws/util.js';

async function mod(files: Record<string, string>) {
  return loadModule(memoryProject(files), '');
}

describe('policy documents', () => {
  it('reads jsonencode policies with resource references inside', async () => {
    const m = await mod({
      'main.tf': `
resource "aws_s3_bucket" "b" { bucket = "b" }
resource "aws_s3_bucket_policy" "p" {
  bucket = aws_s3_bucket.b.id
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = "*", Action = ["s3:GetObject"], Resource = "\${aws_s3_bucket.b.arn}/*" }]
  })
}`,
    });
    const p = policyAttr(m.resources('aws_s3_bucket_policy')[0])!;
    expect(p.doc.statements).toHaveLength(1);
    const s = p.doc.statements[0];
    expect(s.effect).toBe('Allow');
    expect(s.actions).toEqual(['s3:GetObject']);
    expect(isPublicPrincipal(s.principals)).toBe(true);
    expect(s.conditions).toEqual([]);
  });

  it('reads heredoc JSON with interpolations inside strings, and data sources through locals', async () => {
    const m = await mod({
      'main.tf': `
variable "arn" {}
resource "aws_iam_policy" "h" {
  policy = <<EOT
{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "\${var.arn}"}}
EOT
}
data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["iam:PassRole"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["ecs-tasks.amazonaws.com"]
    }
  }
}
locals { doc = data.aws_iam_policy_document.d.json }
resource "aws_iam_policy" "l" { policy = local.doc }`,
    });
    const [h, l] = ['h', 'l'].map((n) => policyAttr(m.resources('aws_iam_policy').find((r) => r.name === n)!)!);
    expect(h.doc.statements[0].actions).toEqual(['*']);
    expect(h.doc.statements[0].resources![0]).toContain('UNKNOWN');
    expect(l.doc.statements[0].block?.type).toBe('statement');
    expect(l.doc.statements[0].conditions).toEqual([{ test: 'StringEquals', key: 'iam:passedtoservice', name: 'iam:PassedToService', values: ['ecs-tasks.amazonaws.com'] }]);
  });

  it('gives up on policies it cannot read', async () => {
    const m = await mod({ 'main.tf': `variable "p" {}\nresource "aws_iam_policy" "v" { policy = var.p }\nresource "aws_iam_policy" "f" { policy = file("p.json") }` });
    for (const r of m.resources('aws_iam_policy')) expect(policyAttr(r)).toBeUndefined();
  });

  it('matches action wildcards case-insensitively', () => {
    expect(actionMatches('iam:Put*', 'iam:PutRolePolicy')).toBe(true);
    expect(actionMatches('IAM:passrole', 'iam:PassRole')).toBe(true);
    expect(actionMatches('s3:Get*', 's3:PutObject')).toBe(false);
    expect(actionMatches('s3:*Object', 's3:DeleteObject')).toBe(true);
  });
});

describe('security group ingress', () => {
  it('expands dynamic blocks, ignores egress and unknown CIDRs', async () => {
    const m = await mod({
      'main.tf': `
variable "cidrs" {}
resource "aws_security_group" "s" {
  dynamic "ingress" {
    for_each = { ssh = 22, web = 443 }
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
    }
  }
  ingress {
    from_port   = 3306
    to_port     = 3306
    protocol    = "tcp"
    cidr_blocks = var.cidrs
  }
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_security_group_rule" "e" {
  type        = "egress"
  from_port   = 0
  to_port     = 65535
  protocol    = "tcp"
  cidr_blocks = ["0.0.0.0/0"]
  security_group_id = "sg-1"
}`,
    });
    const sg = m.resources('aws_security_group')[0];
    expect(worldIngress(sg).map((e) => [e.from, e.to, e.cidr])).toEqual([
      [22, 22, '0.0.0.0/0'],
      [443, 443, '0.0.0.0/0'],
    ]);
    expect(worldIngress(m.resources('aws_security_group_rule')[0])).toEqual([]);
  });
});

describe('value provenance and names', () => {
  it('says where a value came from', async () => {
    const m = await mod({
      'main.tf': 'variable "acl" {\n  default = "private"\n}\nresource "aws_s3_bucket" "b" {\n  acl = var.acl\n  bucket = "x"\n}\n',
      'terraform.tfvars': 'acl = "public-read"\n',
    });
    const b = m.resources('aws_s3_bucket')[0];
    expect(fromText(b.get('acl')!)).toBe(' (from terraform.tfvars:1)');
    expect(fromText(b.get('bucket')!)).toBe('');
  });

  it('recognises secret-looking names but not their metadata', () => {
    for (const n of ['db_password', 'DB_PASSWORD', 'api_key', 'github_token', 'client_secret', 'private_key']) expect(looksSecretName(n), n).toBe(true);
    for (const n of ['password_length', 'secret_arn', 'kms_key_id', 'create_secret', 'token_ttl', 'db_password_ssm_parameter', 'environment']) expect(looksSecretName(n), n).toBe(false);
  });
});

describe('module version constraints', () => {
  it('tells whether a constraint keeps every release below a major version', () => {
    for (const c of ['6.10.0', '= 8.7.0', 'v8.1.0', '~> 8.0', '~> 6.2.1', '< 9.0.0', '< 9', '<= 8.4', '>= 6.0, < 9.0', '8.0.0-rc1']) expect(majorBelow(c, 9), c).toBe(true);
    for (const c of ['9.0.0', '~> 9.0', '~> 8', '>= 6.0', '< 10.0.0', '< 9.1', '!= 9.0.0', 'latest', '']) expect(majorBelow(c, 9), c).toBe(false);
  });
});
