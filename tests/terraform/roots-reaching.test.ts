import { describe, expect, it } from 'vitest';
import { loadRootModules, rootModulesReaching, type ResourceInstance } from '../../src/terraform/index.js';
import { memoryProject } from './helpers.js';

/** An estate with every shape of call: nested, shared, JSON, a cycle, and `source` strings that are not module calls. */
const ESTATE: Record<string, string> = {
  'live/prod/main.tf': `
module "net" {
  source = "../../modules/net"
  cidr   = "10.0.0.0/16"
}
module "app" {
  source = "../../modules/app"
}
resource "aws_s3_bucket" "logs" { bucket = "prod-logs" }
`,
  'live/dev/main.tf.json': JSON.stringify({ module: { net: { source: '../../modules/net', cidr: '10.1.0.0/16' } } }),
  'modules/net/main.tf': `
variable "cidr" {}
resource "aws_vpc" "this" { cidr_block = var.cidr }
module "flow" { source = "./flow-logs" }
`,
  'modules/net/flow-logs/main.tf': `resource "aws_flow_log" "this" { traffic_type = "ALL" }`,
  'modules/app/main.tf': `
resource "aws_instance" "web" {
  ami = "ami-123"
  provisioner "file" {
    source      = "./scripts"
    destination = "/tmp"
  }
}
`,
  'modules/app/scripts/main.tf': `resource "aws_s3_bucket" "scripts" { bucket = "not-a-module" }`,
  'cycle/a/main.tf': `
module "b" { source = "../b" }
resource "aws_sqs_queue" "a" {}
`,
  'cycle/b/main.tf': `
module "a" { source = "../a" }
resource "aws_sqs_queue" "b" {}
`,
  'standalone/main.tf': `resource "aws_sns_topic" "t" {}`,
};

const addresses = (list: ResourceInstance[]) => list.map((i) => `${i.address}@${i.file}`);

describe('rootModulesReaching', () => {
  it('gives, for every file, the same instances as evaluating every root module of the estate', async () => {
    const all = await loadRootModules(memoryProject(ESTATE));
    const lazy = memoryProject(ESTATE);
    // the comparison means something only if the estate has instances to compare
    expect(all.flatMap((m) => m.resources(undefined, { recursive: true })).length).toBeGreaterThanOrEqual(5);
    for (const file of Object.keys(ESTATE)) {
      const dir = file.slice(0, file.lastIndexOf('/'));
      const expected = all.flatMap((m) => m.resources(undefined, { recursive: true })).filter((i) => i.file === file);
      const roots = await rootModulesReaching(lazy, dir);
      const lazyRoots = (await loadRootModules(lazy)).filter((m) => roots.includes(m.dir));
      const got = lazyRoots.flatMap((m) => m.resources(undefined, { recursive: true })).filter((i) => i.file === file);
      expect(addresses(got), file).toEqual(addresses(expected));
    }
  });

  it('finds the callers of a shared module, and a provisioner source does not make a folder a module', async () => {
    const project = memoryProject(ESTATE);
    expect(await rootModulesReaching(project, 'modules/net/flow-logs')).toEqual(['live/dev', 'live/prod']);
    expect(await rootModulesReaching(project, 'modules/app')).toEqual(['live/prod']);
    // called by nothing: its own root, although modules/app names "./scripts" as a provisioner source
    expect(await rootModulesReaching(project, 'modules/app/scripts')).toEqual(['modules/app/scripts']);
    expect(await rootModulesReaching(project, 'standalone')).toEqual(['standalone']);
    // modules that only call each other have no root: rules fall back to the folder's own module
    expect(await rootModulesReaching(project, 'cycle/a')).toEqual([]);
  });

  it('parses only the folders that may call the file\'s folder', async () => {
    const project = memoryProject(ESTATE);
    await rootModulesReaching(project, 'modules/net/flow-logs');
    // flow-logs, net, live/prod, live/dev: not app, scripts, cycle or standalone
    expect(project.loads).toBe(4);
  });
});
