import { describe, expect, it } from 'vitest';
import { planWork, scan, type ScanRequest } from '../../src/engine/scan.js';
import type { FileEntry } from '../../src/engine/project-impl.js';
import type { DocumentKind } from '../../src/model/kinds.js';
import type { ScanResult } from '../../src/model/finding.js';
import { loadPacks } from '../../src/packs/load.js';
import { tempTree } from '../support/cli.js';

const entries = (kind: DocumentKind, n: number): FileEntry[] => Array.from({ length: n }, (_, i) => ({ path: `${kind}/${i}`, absPath: `/x/${kind}/${i}`, size: 10, kind }));
const sizes = (p: ReturnType<typeof planWork>) => [p.pooled.length, p.threads, p.local.length];

describe('planning who checks which files', () => {
  const estate = [...entries('terraform', 300), ...entries('kubernetes', 200), ...entries('text', 100)];

  it('on 2 or 3 cores sends a large scan\'s Terraform files to one worker and checks the rest in this thread', () => {
    const plan = planWork(undefined, estate, true, 2);
    expect(sizes(plan)).toEqual([300, 1, 300]);
    expect(new Set(plan.pooled.map((e) => e.kind))).toEqual(new Set(['terraform']));
    expect(plan.local.some((e) => e.kind === 'terraform')).toBe(false);
    expect(sizes(planWork(undefined, estate, true, 3))).toEqual([300, 1, 300]);
  });

  it('keeps everything in this thread when a side would be too small, the scan is small, or there is one core', () => {
    expect(sizes(planWork(undefined, [...entries('terraform', 560), ...entries('text', 40)], true, 2))).toEqual([0, 0, 600]);
    expect(sizes(planWork(undefined, [...entries('terraform', 40), ...entries('kubernetes', 560)], true, 2))).toEqual([0, 0, 600]);
    expect(sizes(planWork(undefined, [...entries('terraform', 180), ...entries('text', 180)], true, 2))).toEqual([0, 0, 360]);
    expect(sizes(planWork(undefined, estate, true, 1))).toEqual([0, 0, 600]);
    // without a pack source workers cannot load the packs
    expect(sizes(planWork(undefined, estate, false, 2))).toEqual([0, 0, 600]);
    // no Terraform rules run (--packs secrets): its files are text like the rest
    expect(sizes(planWork(undefined, estate, true, 2, false))).toEqual([0, 0, 600]);
  });

  it('uses a worker per core from 4 cores, and --jobs as given', () => {
    expect(sizes(planWork(undefined, estate, true, 4))).toEqual([600, 4, 0]);
    expect(sizes(planWork(undefined, estate, true, 16))).toEqual([600, 8, 0]);
    expect(sizes(planWork(0, estate, true, 16))).toEqual([0, 0, 600]);
    expect(sizes(planWork(3, entries('text', 5), true, 2))).toEqual([5, 3, 0]);
  });
});

/** What a scan found, without timings and run-specific fields. */
const essence = (r: ScanResult) => ({ findings: r.findings, suppressed: r.suppressed, notices: r.notices, skipped: r.stats.filesSkipped, scanned: r.stats.filesScanned, byKind: r.stats.filesByKind, rulesRun: r.rulesRun });

describe('a scan split between a worker and this thread', () => {
  it('gives exactly the result of a single-threaded scan, cross-file Terraform findings included', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 100; i++) {
      // a module per folder, called with an insecure value from its caller: findings need both files
      files[`infra/m${i}/main.tf`] = `variable "public" {}\nresource "aws_db_instance" "db" {\n  publicly_accessible = var.public\n  password = "Sup3r-s3cret-${i}x"\n}\n`;
      files[`infra/env${i}/main.tf`] = `module "db" {\n  source = "../m${i}"\n  public = ${i % 2 === 0}\n}\n`;
    }
    for (let i = 0; i < 210; i++) files[`k8s/app-${i}.yaml`] = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\nspec:\n  containers:\n    - name: c\n      image: nginx:${i % 3 === 0 ? 'latest' : '1.27'}\n`;
    files['Dockerfile'] = 'FROM node:latest\nCMD ["node", "x.js"]\n';
    const dir = tempTree(files);
    const specs = ['iac', 'secrets', 'repository'];
    const packs = await loadPacks(specs, process.cwd());
    const base: ScanRequest = { targets: [dir], cwd: dir, packs, config: { config: {}, hash: 't' }, gitignore: false, maxFileSize: 5 * 1024 * 1024, today: '2026-01-01', packSource: { specs, cwd: process.cwd() } };
    const one = await scan({ ...base, jobs: 0 });
    const split = await scan({ ...base, cores: 2 });
    expect(one.findings.filter((f) => f.file.endsWith('.tf')).length).toBeGreaterThan(100);
    expect(one.findings.filter((f) => f.file.endsWith('.yaml')).length).toBeGreaterThan(50);
    expect(essence(split)).toEqual(essence(one));
  }, 120_000);
});
