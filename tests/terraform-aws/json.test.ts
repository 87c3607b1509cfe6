import { describe, expect, it } from 'vitest';
import { loadModule } from '../../src/terraform/index.js';
import { memoryProject } from '../terraform/helpers.js';
import { isUnknownMarker, jsonFromExpr } from '../../rules/iac/terraform/aws/util.js';

async function containerDefs(tf: string): Promise<unknown> {
  const m = await loadModule(memoryProject({ 'main.tf': tf }), '');
  const td = m.resources('aws_ecs_task_definition')[0];
  const a = td.get('container_definitions')!;
  return jsonFromExpr(a.attribute!.expr, td.ctx, td.module);
}

describe('jsonFromExpr', () => {
  it('reads jsonencode with variables (defaults) and marks references unknown', async () => {
    const doc = (await containerDefs(`
variable "pw" { default = "literal-pw" }
variable "nodefault" {}
resource "random_password" "r" { length = 16 }
resource "aws_ecs_task_definition" "t" {
  family = "t"
  container_definitions = jsonencode([{ name = "a", environment = [
    { name = "A", value = var.pw },
    { name = "B", value = var.nodefault },
    { name = "C", value = random_password.r.result },
  ] }])
}`)) as { environment: { name: string; value: unknown }[] }[];
    const env = doc[0].environment;
    expect(env[0].value).toBe('literal-pw');
    expect(typeof env[1].value === 'string' && isUnknownMarker(env[1].value)).toBe(true);
    expect(typeof env[2].value === 'string' && isUnknownMarker(env[2].value)).toBe(true);
  });

  it('reads heredoc JSON and JSON through a local; gives up on file()', async () => {
    const heredoc = (await containerDefs(`
resource "aws_ecs_task_definition" "t" {
  family = "t"
  container_definitions = <<EOT
[{"name": "w", "image": "\${var.image}", "environment": [{"name": "X", "value": "y"}]}]
EOT
}`)) as { name: string; image: string }[];
    expect(heredoc[0].name).toBe('w');
    expect(isUnknownMarker(heredoc[0].image)).toBe(true);
    const viaLocal = (await containerDefs(`
locals { defs = [{ name = "l" }] }
resource "aws_ecs_task_definition" "t" {
  family = "t"
  container_definitions = jsonencode(local.defs)
}`)) as { name: string }[];
    expect(viaLocal[0].name).toBe('l');
    expect(await containerDefs(`
resource "aws_ecs_task_definition" "t" {
  family = "t"
  container_definitions = file("defs.json")
}`)).toBeUndefined();
  });
});
