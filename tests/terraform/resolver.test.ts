import { describe, expect, it } from 'vitest';
import {
  asList,
  asString,
  isFalse,
  isTrue,
  loadModule,
  loadRootModules,
  type ReferenceValue,
  type UnknownValue,
} from '../../src/terraform/index.js';
import { memoryProject, readFixture } from './helpers.js';

async function mod(files: Record<string, string>, dir = '') {
  return loadModule(memoryProject(files), dir);
}

describe('fixture project', () => {
  it('resolves variables, tfvars, locals, modules, for_each, dynamic blocks and references', async () => {
    const project = memoryProject(readFixture('basic'));
    const roots = await loadRootModules(project);
    expect(roots.map((r) => r.dir)).toEqual(['']);
    const m = roots[0];

    // terraform.tfvars overrides the default; auto.tfvars sets versioning
    const main = m.resources('aws_s3_bucket', { recursive: false }).find((r) => r.name === 'main')!;
    const bucket = main.get('bucket')!;
    expect(asString(bucket.value)).toBe('saltire-staging-main');
    expect(main.get('tags.Environment')!.value).toMatchObject({ kind: 'string', value: 'staging' });
    const ver = main.get('versioning.enabled')!;
    expect(isTrue(ver.value)).toBe(true);
    expect(ver.file).toBe('prod.auto.tfvars');
    expect(ver.range.start).toEqual({ line: 1, column: 14 });
    expect(ver.attributeFile).toBe('main.tf');
    expect(ver.attributeRange.start.line).toBe(36);

    // var.acl has no default and no tfvars value
    const acl = main.get('acl')!;
    expect(acl.known).toBe(false);
    expect((acl.value as UnknownValue).reason).toBe('var.acl has no default and no tfvars value');
    expect((acl.value as UnknownValue).inputs).toEqual(['var.acl']);

    // for_each over a set, count 0
    const each = m.resources('aws_s3_bucket', { recursive: false }).filter((r) => r.name === 'each');
    expect(each.map((r) => r.address)).toEqual(['aws_s3_bucket.each["data"]', 'aws_s3_bucket.each["logs"]']);
    expect(each.map((r) => asString(r.get('bucket')!.value))).toEqual(['saltire-staging-data', 'saltire-staging-logs']);
    expect(m.resources('aws_s3_bucket').some((r) => r.name === 'prod_only')).toBe(false);

    // dynamic blocks
    const sg = m.resources('aws_security_group')[0];
    expect(sg.blocks('ingress').map((b) => b.get('from_port')!.value)).toMatchObject([{ value: 22 }, { value: 443 }]);
    expect(asList(sg.get('ingress.1.cidr_blocks')!.value)!.map(asString)).toEqual(['0.0.0.0/0']);
    expect(asString(sg.get('name')!.value)).toBe('SALTIRE-STAGING');

    // tf.json resource in the same module
    const json = m.resources('aws_s3_bucket').find((r) => r.name === 'json')!;
    expect(json.file).toBe('extra.tf.json');
    expect(asString(json.get('bucket')!.value)).toBe('saltire-staging-json');
    expect(asString(json.get('tags.Name')!.value)).toBe('json');

    // local module with inputs
    const inner = m.resources('aws_s3_bucket').find((r) => r.address === 'module.store.aws_s3_bucket.this')!;
    expect(inner.file).toBe('modules/bucket/main.tf');
    expect(asString(inner.get('bucket')!.value)).toBe('saltire-staging-store');
    expect(asString(inner.get('acl')!.value)).toBe('private');
    expect(m.outputs.get('store_arn')!.value).toMatchObject({ kind: 'reference', resource: 'module.store.aws_s3_bucket.this', attribute: 'arn' });

    // companion resources by reference
    expect(m.findReferencing('aws_s3_bucket_public_access_block', 'bucket', main).map((r) => r.address)).toEqual([
      'aws_s3_bucket_public_access_block.main',
    ]);
    expect(m.findReferencing('aws_s3_bucket_public_access_block', 'bucket', each[0])).toEqual([]);

    // variables
    expect(m.variables.get('db_password')!.sensitive).toBe(true);
    expect(m.variables.get('env')!.source).toBe('tfvars');
    expect(m.variables.get('buckets')!.source).toBe('default');

    // cycle between locals
    const cyc = m.localInfo('a')!;
    expect(cyc.known).toBe(false);
    expect((cyc.value as UnknownValue).reason).toMatch(/dependency cycle/);
  });

  it('parses each file once and memoises the module', async () => {
    const project = memoryProject(readFixture('basic'));
    const a = await loadModule(project, '');
    const b = await loadModule(project, '.');
    expect(a).toBe(b);
    await loadRootModules(project);
    await loadModule(project, 'modules/bucket');
    expect(project.loads).toBe(Object.keys(readFixture('basic')).length);
  });
});

describe('variables and tfvars precedence', () => {
  it('auto.tfvars beats terraform.tfvars which beats the default; later auto files win', async () => {
    const m = await mod({
      'main.tf': 'variable "a" { default = "def" }\nvariable "b" { default = "def" }\nvariable "c" { default = "def" }\nvariable "d" { default = "def" }\n',
      'terraform.tfvars': 'a = "tfvars"\nb = "tfvars"\nc = "tfvars"\n',
      'a.auto.tfvars': 'b = "auto-a"\nc = "auto-a"\n',
      'b.auto.tfvars.json': '{ "c": "auto-b" }',
    });
    const v = (n: string) => asString(m.variable(n));
    expect([v('a'), v('b'), v('c'), v('d')]).toEqual(['tfvars', 'auto-a', 'auto-b', 'def']);
    expect(m.variables.get('c')!.valueOrigin!.file).toBe('b.auto.tfvars.json');
  });

  it('converts tfvars strings to declared primitive types', async () => {
    const m = await mod({ 'main.tf': 'variable "n" { type = number }\nvariable "b" { type = bool }\n', 'terraform.tfvars': 'n = "3"\nb = "false"\n' });
    expect(m.variable('n')).toMatchObject({ kind: 'number', value: 3 });
    expect(isFalse(m.variable('b'))).toBe(true);
  });

  it('ignores tfvars in other directories', async () => {
    const m = await mod({ 'a/main.tf': 'variable "x" {}\n', 'b/terraform.tfvars': 'x = 1\n' }, 'a');
    expect(m.variable('x').kind).toBe('unknown');
  });
});

describe('expressions', () => {
  const evalLocal = async (expr: string, extra = '') => {
    const m = await mod({ 'main.tf': `locals {\n  r = ${expr}\n}\n${extra}` });
    return m.local('r');
  };

  it('templates, heredocs and directives', async () => {
    expect(await evalLocal('"a-${1 + 2}-%{ if true }y%{ else }n%{ endif }"')).toMatchObject({ value: 'a-3-y' });
    expect(await evalLocal('"%{ for x in ["a", "b"] }${x},%{ endfor }"')).toMatchObject({ value: 'a,b,' });
    expect(await evalLocal('"${var.x}"', 'variable "x" { default = 5 }')).toMatchObject({ kind: 'number', value: 5 });
    expect(await evalLocal('<<-EOT\n    hello ${upper("x")}\n  EOT')).toMatchObject({ value: 'hello X\n' });
  });

  it('operators and conditionals', async () => {
    expect(await evalLocal('!true || 2 * 3 >= 6 && 5 % 2 == 1')).toMatchObject({ kind: 'bool', value: true });
    expect(await evalLocal('"a" != "b" ? -1 : 1')).toMatchObject({ value: -1 });
    const u = await evalLocal('var.on ? "a" : "b"', 'variable "on" {}');
    expect(u).toMatchObject({ kind: 'unknown', inputs: ['var.on'] });
    expect((u as UnknownValue).reason).toMatch(/var\.on/);
    expect(await evalLocal('var.on ? "same" : "same"', 'variable "on" {}')).toMatchObject({ value: 'same' });
    expect(await evalLocal('false && var.on', 'variable "on" {}')).toMatchObject({ kind: 'bool', value: false });
  });

  it('does not let try() or can() swallow a reference to an undeclared variable', async () => {
    // Terraform reports an undeclared variable before evaluation; in a scan it means the declaring
    // file is missing, so the value is unknown rather than the fallback.
    expect(await evalLocal('try(var.elsewhere, null)')).toMatchObject({ kind: 'unknown' });
    expect(await evalLocal('can(var.elsewhere)')).toMatchObject({ kind: 'unknown' });
    expect(await evalLocal('try(var.declared, null)', 'variable "declared" { default = null }')).toMatchObject({ kind: 'null' });
  });

  it('reads the non-HCL spellings True and False as booleans', async () => {
    expect(await evalLocal('False')).toMatchObject({ kind: 'bool', value: false });
    expect(await evalLocal('True')).toMatchObject({ kind: 'bool', value: true });
    expect(await evalLocal('Other')).toMatchObject({ kind: 'unknown' });
  });

  it('functions', async () => {
    const cases: [string, unknown][] = [
      ['merge({a = 1}, {b = 2}, {a = 3})', { a: 3, b: 2 }],
      ['concat([1], [2, 3])', [1, 2, 3]],
      ['lookup({a = 1}, "b", 9)', 9],
      ['try(local.missing.x, {a=1}.b, "fallback")', 'fallback'],
      ['coalesce("", null, "x")', 'x'],
      ['tostring(5)', '5'],
      ['tolist(toset(["b", "a", "b"]))', ['b', 'a']],
      ['jsonencode({b = 1, a = [true]})', '{"a":[true],"b":1}'],
      ['jsondecode("{\\"k\\": [1, 2]}").k[1]', 2],
      ['format("%s-%03d %v", "a", 7, true)', 'a-007 true'],
      ['join(",", ["a", "b"])', 'a,b'],
      ['lower("AB")', 'ab'],
      ['upper("ab")', 'AB'],
      ['contains(["a", "b"], "b")', true],
      ['length({a = 1, b = 2})', 2],
      ['element(["a", "b"], 3)', 'b'],
      ['flatten([[1], [2, [3]]])', [1, 2, 3]],
      ['keys({b = 1, a = 2})', ['a', 'b']],
      ['values({b = 1, a = 2})', [2, 1]],
      ['[for k, v in {a = 1, b = 2} : "${k}=${v}" if v > 1]', ['b=2']],
      ['{ for s in ["x", "yy"] : s => length(s) }', { x: 1, yy: 2 }],
      ['{ for s in ["a", "b", "a"] : s => s... }', { a: ['a', 'a'], b: ['b'] }],
      ['[{a = 1}, {a = 2}][*].a', [1, 2]],
      ['can(local.nope)', false],
      ['replace("a-b-c", "-", "_")', 'a_b_c'],
      ['replace("abc123", "/[0-9]+/", "")', 'abc'],
    ];
    const { toJs } = await import('../../src/terraform/index.js');
    for (const [expr, want] of cases) {
      const v = await evalLocal(expr);
      expect({ expr, got: toJs(v) }).toEqual({ expr, got: want });
    }
  });

  it('does not run a regular expression from the scanned code that can backtrack catastrophically', async () => {
    const v = await evalLocal(`replace("${'a'.repeat(40)}!", "/^(a+)+$/", "x")`);
    expect(v).toMatchObject({ kind: 'unknown' });
    expect(JSON.stringify(v)).toMatch(/backtrack catastrophically/);
  });

  it('unknown function and unknown inputs stay unknown with their reason', async () => {
    const u = await evalLocal('cidrsubnet("10.0.0.0/16", 8, 1)');
    expect(u).toMatchObject({ kind: 'unknown' });
    expect((u as UnknownValue).reason).toMatch(/cidrsubnet/);
    const v = await evalLocal('upper(var.x)', 'variable "x" {}');
    expect(v).toMatchObject({ kind: 'unknown', inputs: ['var.x'] });
  });
});

describe('count, for_each and references', () => {
  it('expands count and for_each with known keys, and keeps unknown expansions as one instance', async () => {
    const m = await mod({
      'main.tf': `
variable "n" {}
resource "aws_instance" "c" {
  count = 2
  tags = { Name = "web-\${count.index}" }
}
resource "aws_instance" "m" {
  for_each = { a = "t3.micro", b = "t3.large" }
  instance_type = each.value
  tags = { Name = each.key }
}
resource "aws_instance" "u" {
  count = var.n
  ami = "ami-\${count.index}"
}
resource "aws_instance" "e" {
  for_each = {}
}
`,
    });
    const addr = m.resources('aws_instance').map((i) => i.address);
    expect(addr).toEqual(['aws_instance.c[0]', 'aws_instance.c[1]', 'aws_instance.m["a"]', 'aws_instance.m["b"]', 'aws_instance.u']);
    expect(asString(m.resources('aws_instance')[1].get('tags.Name')!.value)).toBe('web-1');
    expect(asString(m.resources('aws_instance')[3].get('instance_type')!.value)).toBe('t3.large');
    const u = m.resources('aws_instance')[4];
    expect(u.expansionKnown).toBe(false);
    expect(u.get('ami')!.value).toMatchObject({ kind: 'unknown', inputs: ['var.n'] });
  });

  it('resolves references to resources (with keys) and finds companions', async () => {
    const m = await mod({
      'main.tf': `
resource "aws_s3_bucket" "b" {
  for_each = toset(["x", "y"])
  bucket = "bucket-\${each.key}"
}
resource "aws_s3_bucket_public_access_block" "p" {
  for_each = aws_s3_bucket.b
  bucket = aws_s3_bucket.b[each.key].id
}
resource "aws_s3_bucket_versioning" "v" {
  bucket = "bucket-x"
}
resource "aws_kms_key" "k" {}
resource "aws_s3_bucket_server_side_encryption_configuration" "sse" {
  bucket = aws_s3_bucket.b["y"].bucket
  rule {
    apply_server_side_encryption_by_default {
      kms_master_key_id = aws_kms_key.k.arn
      sse_algorithm = "aws:kms"
    }
  }
}
`,
    });
    const [bx, by] = m.resources('aws_s3_bucket');
    const kms = m.resources('aws_s3_bucket_server_side_encryption_configuration')[0].get('rule.apply_server_side_encryption_by_default.kms_master_key_id')!;
    expect(kms.value).toMatchObject({ kind: 'reference', address: 'aws_kms_key.k', type: 'aws_kms_key', attribute: 'arn' });
    expect(m.resolveReference(kms.value as ReferenceValue).map((i) => i.address)).toEqual(['aws_kms_key.k']);
    // for_each over a resource reference is not known: one instance, key unknown
    const pab = m.resources('aws_s3_bucket_public_access_block');
    expect(pab).toHaveLength(1);
    expect(pab[0].expansionKnown).toBe(false);
    expect(m.findReferencing('aws_s3_bucket_server_side_encryption_configuration', 'bucket', by)).toHaveLength(1);
    expect(m.findReferencing('aws_s3_bucket_server_side_encryption_configuration', 'bucket', bx)).toHaveLength(0);
    // by literal name
    expect(m.findReferencing('aws_s3_bucket_versioning', 'bucket', bx)).toHaveLength(1);
  });
});

describe('dynamic blocks and modules', () => {
  it('expands dynamic blocks with iterator names and unknown for_each', async () => {
    const m = await mod({
      'main.tf': `
variable "rules" {
  default = [{ port = 80, cidr = "10.0.0.0/8" }, { port = 22, cidr = "0.0.0.0/0" }]
}
variable "other" {}
resource "aws_security_group" "s" {
  dynamic "ingress" {
    for_each = var.rules
    iterator = r
    content {
      from_port = r.value.port
      cidr_blocks = [r.value.cidr]
    }
  }
  dynamic "egress" {
    for_each = var.other
    content { from_port = egress.value }
  }
  ingress {
    from_port = 443
  }
}
`,
    });
    const s = m.resources('aws_security_group')[0];
    expect(s.blocks('ingress').map((b) => b.get('from_port')!.value)).toMatchObject([{ value: 80 }, { value: 22 }, { value: 443 }]);
    const eg = s.blocks('egress');
    expect(eg).toHaveLength(1);
    expect(eg[0].expansionKnown).toBe(false);
    expect(eg[0].get('from_port')!.value).toMatchObject({ kind: 'unknown', inputs: ['var.other'] });
  });

  it('evaluates local modules with inputs, count, outputs and unset inputs', async () => {
    const m = await mod({
      'envs/prod/main.tf': `
module "net" {
  source = "../../modules/net"
  count  = 2
  cidr   = "10.\${count.index}.0.0/16"
}
module "remote" {
  source = "terraform-aws-modules/vpc/aws"
}
output "first" { value = module.net[0].cidr }
output "remote" { value = module.remote.vpc_id }
`,
      'modules/net/main.tf': `
variable "cidr" {}
variable "name" {}
resource "aws_vpc" "v" {
  cidr_block = var.cidr
  tags = { Name = var.name }
}
output "cidr" { value = aws_vpc.v.cidr_block }
`,
    }, 'envs/prod');
    const vpcs = m.resources('aws_vpc');
    expect(vpcs.map((v) => v.address)).toEqual(['module.net[0].aws_vpc.v', 'module.net[1].aws_vpc.v']);
    expect(vpcs.map((v) => asString(v.get('cidr_block')!.value))).toEqual(['10.0.0.0/16', '10.1.0.0/16']);
    const cidr = vpcs[0].get('cidr_block')!;
    expect(cidr.file).toBe('envs/prod/main.tf');
    expect(cidr.attributeFile).toBe('modules/net/main.tf');
    expect((vpcs[0].get('tags.Name')!.value as UnknownValue).reason).toBe('module.net[0] does not set input "name" and var.name has no default');
    expect(m.outputs.get('first')!.value).toMatchObject({ kind: 'reference', resource: 'module.net[0].aws_vpc.v', attribute: 'cidr_block' });
    expect(m.outputs.get('remote')!.value).toMatchObject({ kind: 'unknown', inputs: ['module.remote'] });
    expect(m.moduleCalls.find((c) => c.name === 'remote')!.instances).toHaveLength(0);
  });

  it('root modules exclude called directories and survive module cycles', async () => {
    const project = memoryProject({
      'a/main.tf': 'module "b" {\n  source = "../b"\n}\n',
      'b/main.tf': 'module "a" {\n  source = "../a"\n}\nresource "null_resource" "n" {}\n',
      'c/main.tf': 'resource "null_resource" "c" {}\n',
    });
    const roots = await loadRootModules(project);
    expect(roots.map((r) => r.dir)).toEqual(['c']);
    const a = await loadModule(project, 'a');
    expect(a.resources('null_resource').length).toBeGreaterThan(0);
  });
});

describe('providers and data sources', () => {
  it('lists providers with aliases and data sources', async () => {
    const m = await mod({
      'main.tf': `
provider "aws" { region = "eu-west-2" }
provider "aws" {
  alias = "us"
  region = "us-east-1"
}
data "aws_iam_policy_document" "p" {
  statement { actions = ["s3:*"] }
}
resource "aws_iam_policy" "x" { policy = data.aws_iam_policy_document.p.json }
`,
    });
    expect(m.providers.map((p) => [p.providerName, p.alias, asString(p.get('region')!.value)])).toEqual([
      ['aws', undefined, 'eu-west-2'],
      ['aws', 'us', 'us-east-1'],
    ]);
    const d = m.data('aws_iam_policy_document')[0];
    expect(d.address).toBe('data.aws_iam_policy_document.p');
    expect(asList(d.get('statement.actions')!.value)!.map(asString)).toEqual(['s3:*']);
    expect(m.resources('aws_iam_policy')[0].get('policy')!.value).toMatchObject({ kind: 'reference', mode: 'data', resource: 'data.aws_iam_policy_document.p', attribute: 'json' });
  });
});
