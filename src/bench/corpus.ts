import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fromRoot } from '../paths.js';

/** A small, fast, seeded PRNG (mulberry32): the same seed writes the same corpus. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Template {
  rel: string;
  content: Buffer;
}

function collect(dir: string, filter: (rel: string) => boolean): Template[] {
  const out: Template[] = [];
  const rec = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) rec(p);
      else {
        const rel = path.relative(dir, p).split(path.sep).join('/');
        if (filter(rel)) out.push({ rel, content: readFileSync(p) });
      }
    }
  };
  rec(dir);
  return out;
}

export interface CorpusSpec {
  files: number;
  /** Share of Terraform files (0..1). */
  terraformShare: number;
  seed: number;
}

/**
 * Write a realistic repository of `files` files from the project's own fixtures: Terraform estates
 * (modules with tfvars), Kubernetes, workflows, Dockerfiles, HTML/Nunjucks/TSX, OpenAPI, lockfiles,
 * CSV, plus noise (minified JS, binary images, a vendored folder). Returns the bytes written.
 */
export function writeCorpus(dir: string, spec: CorpusSpec): { files: number; bytes: number } {
  const random = rng(spec.seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
  const fixtures = collect(fromRoot('fixtures'), () => true);
  const byExt = (re: RegExp) => fixtures.filter((t) => re.test(t.rel) && !t.rel.endsWith('expected.json'));
  const tf = byExt(/\.tf$/);
  const tfvars = byExt(/\.tfvars$/);
  type Group = { weight: number; templates: Template[]; name: (i: number, t: Template) => string };
  const groups: Group[] = ([
    { weight: 3, templates: byExt(/\/(k8s|kubernetes)?[^/]*\.ya?ml$/).filter((t) => t.rel.includes('/k8s-')), name: (i) => `deploy/k8s/app-${i}.yaml` },
    { weight: 1, templates: byExt(/\.github\/workflows\/[^/]+\.ya?ml$/), name: (i) => `.github/workflows/wf-${i}.yml` },
    { weight: 1, templates: byExt(/(^|\/)Dockerfile[^/]*$/), name: (i) => `services/svc-${i}/Dockerfile` },
    { weight: 1, templates: byExt(/\.(html|njk|tsx|jsx)$/), name: (i, t) => `web/page-${i}${path.extname(t.rel)}` },
    { weight: 1, templates: byExt(/openapi[^/]*\.(ya?ml|json)$/), name: (i, t) => `apis/api-${i}/openapi${path.extname(t.rel)}` },
    { weight: 1, templates: byExt(/\.(env|py|sh|ts|js|txt)$/).filter((t) => t.rel.startsWith('secrets/')), name: (i, t) => `config/app-${i}${path.extname(t.rel)}` },
  ] as Group[]).filter((g) => g.templates.length > 0);
  const totalWeight = groups.reduce((n, g) => n + g.weight, 0);
  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  let count = 0;
  const write = (rel: string, content: Buffer | string) => {
    const abs = path.join(dir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
    bytes += typeof content === 'string' ? Buffer.byteLength(content) : content.length;
    count++;
  };
  const tfCount = Math.round(spec.files * spec.terraformShare);
  // Terraform estates: folders of 8 files each (resources plus variables and tfvars)
  for (let i = 0; count < tfCount; i++) {
    const estate = `infra/estate-${Math.floor(i / 50)}/stack-${i}`;
    for (let j = 0; j < 7 && count < tfCount; j++) write(`${estate}/main-${j}.tf`, pick(tf).content);
    if (count < tfCount && tfvars.length) write(`${estate}/terraform.tfvars`, pick(tfvars).content);
  }
  const noise = Math.round((spec.files - tfCount) * 0.1);
  const rest = spec.files - tfCount - noise;
  for (let i = 0; i < rest; i++) {
    let r = random() * totalWeight;
    const g = groups.find((x) => (r -= x.weight) < 0) ?? groups[0];
    const t = pick(g.templates);
    write(g.name(i, t), t.content);
  }
  for (let i = 0; i < noise; i++) {
    const kind = i % 3;
    if (kind === 0) write(`vendor/lib-${i}.min.js`, `!function(){${'var a=1,b=2;'.repeat(2000)}}();`);
    else if (kind === 1) write(`assets/img-${i}.png`, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, ...Array.from({ length: 2000 }, () => Math.floor(random() * 256))]));
    else write(`data/table-${i}.csv`, `id,name,value\n${Array.from({ length: 200 }, (_, k) => `${k},item ${k},${Math.floor(random() * 1000)}`).join('\n')}\n`);
  }
  return { files: count, bytes };
}
