/**
 * `npm run bench`: generates a seeded repository from the project's fixtures and measures, in one
 * run and side by side, Saltire's full scan, the secrets pack alone, the floors (reading every file in
 * Node; ripgrep with a pattern set as large as the secrets pack's), and secretlint's recommended
 * preset; also one thread against workers, a warm re-scan against a cold one (result cache), one
 * changed file with --changed-since, and the privacy pack alone. Prints wall and CPU time, files/s, MB/s, peak RSS and the ratios. It never fails: the figures
 * are for people.
 *
 * Options: --sizes 1000,5000 (files; default 5000) --terraform 0.8 (share) --seed 42 --keep
 *          --csv-mb 1024 (size of the large CSV export for the privacy pass; 0 to skip)
 */
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCorpus } from './corpus.js';
import { fromRoot } from '../paths.js';
import { ALL_DETECTORS } from '../../rules/secrets/families.js';

interface Measure {
  name: string;
  wallMs: number;
  cpuMs?: number;
  maxRssMb?: number;
  note?: string;
}

const here = path.dirname(fileURLToPath(import.meta.url));

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/** Run a Node script that reports its own resource use on fd 3. */
function measureNode(name: string, script: string, args: string[], cwd: string): Promise<Measure> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
    let report = '';
    let err = '';
    child.stdio[3]!.on('data', (d: Buffer) => (report += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', () => {
      try {
        const r = JSON.parse(report) as { wallMs: number; cpuMs: number; maxRssMb: number };
        resolve({ name, ...r });
      } catch {
        resolve({ name, wallMs: NaN, note: `failed: ${err.split('\n')[0]}` });
      }
    });
  });
}

/** Run an external command under bash's `time` (wall and CPU; no RSS). */
function measureCommand(name: string, command: string, cwd: string): Measure {
  // saltire-ignore code/command-injection -- bash's time keyword needs a shell; the command is this benchmark's own constant with paths it created
  const r = spawnSync('bash', ['-c', `TIMEFORMAT='%R %U %S'; { time (${command} >/dev/null 2>&1) ; } 2>&1`], { cwd, encoding: 'utf8' });
  const m = /([\d.]+) ([\d.]+) ([\d.]+)\s*$/.exec(r.stdout ?? '');
  if (!m) return { name, wallMs: NaN, note: 'not measured' };
  return { name, wallMs: Number(m[1]) * 1000, cpuMs: (Number(m[2]) + Number(m[3])) * 1000 };
}

/** Commit the corpus to a throwaway Git repository, change one Terraform file, and scan only what changed. */
async function measureChangedSince(cli: string, dir: string, common: string[]): Promise<Measure> {
  const name = 'saltire scan --changed-since HEAD~1 (one file changed)';
  if (!has('git')) return { name, wallMs: NaN, note: 'git not installed' };
  const git = (...args: string[]) => spawnSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.org', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, encoding: 'utf8' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'corpus');
  const tf = git('ls-files', '*.tf').stdout.split('\n').find(Boolean);
  if (!tf) return { name, wallMs: NaN, note: 'no Terraform file in the corpus' };
  appendFileSync(path.join(dir, tf), '\n# changed\n');
  git('commit', '-q', '-am', 'one change');
  const m = await measureNode(name, cli, ['scan', dir, ...common, '--no-cache', '--changed-since', 'HEAD~1'], dir);
  rmSync(path.join(dir, '.git'), { recursive: true, force: true });
  return m;
}

function has(cmd: string): boolean {
  // saltire-ignore code/command-injection -- `command -v` is a shell builtin; cmd is one of this file's constant tool names
  return spawnSync('bash', ['-c', `command -v ${cmd}`]).status === 0;
}

function fmt(n: number | undefined, digits = 2): string {
  return n === undefined || Number.isNaN(n) ? 'n/a' : n.toFixed(digits);
}

async function benchSize(files: number, tfShare: number, seed: number, keep: boolean): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `saltire-bench-${files}-`));
  const corpus = writeCorpus(dir, { files, terraformShare: tfShare, seed });
  const mb = corpus.bytes / 1024 / 1024;
  const patterns = path.join(os.tmpdir(), `saltire-bench-patterns-${process.pid}.txt`);
  // ripgrep gets as many patterns as the secrets pack has detectors (prefix-anchored literal forms)
  writeFileSync(patterns, ALL_DETECTORS.map((d) => (d.keywords[0] ?? d.id).replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '[A-Za-z0-9_\\-]{8,}').join('\n'));
  const cli = path.join(here, 'measure.js');
  const common = ['--format', 'json=/dev/null', '--fail-on', 'none', '--quiet', '--no-gitignore'];
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'saltire-bench-cache-'));
  const floor = await measureNode('read every file (Node)', path.join(here, 'read-floor.js'), [dir], dir);
  const rows: Measure[] = [floor];
  const rg = has('rg') ? measureCommand(`ripgrep, ${ALL_DETECTORS.length} patterns`, `rg --no-ignore --hidden -c -f ${patterns} .`, dir) : { name: 'ripgrep', wallMs: NaN, note: 'rg not installed (apt-get install ripgrep)' };
  rows.push(rg);
  const one = await measureNode('saltire scan, all packs, one thread (--jobs 0, no cache)', cli, ['scan', dir, ...common, '--jobs', '0', '--no-cache'], dir);
  rows.push(one);
  const cores = String(os.availableParallelism?.() ?? os.cpus().length);
  const workers = await measureNode(`saltire scan, all packs, ${cores} workers (--jobs ${cores}, no cache)`, cli, ['scan', dir, ...common, '--jobs', cores, '--no-cache'], dir);
  rows.push(workers);
  const full = await measureNode('saltire scan, all packs (defaults, cold cache)', cli, ['scan', dir, ...common, '--cache-dir', cacheDir], dir);
  rows.push(full);
  const warm = await measureNode('saltire scan, all packs (defaults, warm cache, nothing changed)', cli, ['scan', dir, ...common, '--cache-dir', cacheDir], dir);
  rows.push(warm);
  const changed = await measureChangedSince(cli, dir, common);
  rows.push(changed);
  const secrets = await measureNode('saltire scan --packs secrets', cli, ['scan', dir, '--packs', 'secrets', ...common, '--no-cache'], dir);
  rows.push(secrets);
  const privacy = await measureNode('saltire scan --packs privacy', cli, ['scan', dir, '--packs', 'privacy', ...common, '--no-cache'], dir);
  rows.push(privacy);
  const secretlintBin = fromRoot('node_modules', 'secretlint', 'bin', 'secretlint.js');
  let sl: Measure = { name: 'secretlint (recommended preset)', wallMs: NaN, note: 'secretlint not installed' };
  if (existsSync(secretlintBin)) {
    writeFileSync(path.join(dir, '.secretlintrc.json'), JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
    sl = measureCommand('secretlint (recommended preset)', `NODE_PATH=${fromRoot('node_modules')} ${process.execPath} ${secretlintBin} --secretlintrc .secretlintrc.json --no-color "**/*"`, dir);
  }
  rows.push(sl);

  process.stdout.write(`\n### ${corpus.files} files (${Math.round(tfShare * 100)}% Terraform), ${fmt(mb, 1)} MB, seed ${seed}\n\n`);
  process.stdout.write('| run | wall s | CPU s | files/s | MB/s | peak RSS MB |\n| --- | ---: | ---: | ---: | ---: | ---: |\n');
  for (const r of rows) {
    const s = r.wallMs / 1000;
    process.stdout.write(`| ${r.name}${r.note ? ` (${r.note})` : ''} | ${fmt(s)} | ${fmt(r.cpuMs === undefined ? undefined : r.cpuMs / 1000)} | ${fmt(corpus.files / s, 0)} | ${fmt(mb / s, 1)} | ${fmt(r.maxRssMb, 0)} |\n`);
  }
  // two decimals below 1, so a ratio is never rounded across its target (0.16 is not 0.2)
  const ratio = (a: Measure, b: Measure) => fmt(a.wallMs / b.wallMs, a.wallMs < b.wallMs ? 2 : 1);
  process.stdout.write(
    `\nRatios (wall): full scan / read floor = ${ratio(full, floor)}×; workers / one thread = ${ratio(workers, one)}×; warm / cold cache = ${ratio(warm, full)}× (target ≤ 0.15); ` +
      `one changed file (--changed-since) = ${fmt(changed.wallMs / 1000)} s (target ≤ 1 s); secrets / ripgrep = ${ratio(secrets, rg)}× (target ≤ 2); secretlint / saltire secrets = ${ratio(sl, secrets)}× (target ≥ 10)\n`,
  );
  rmSync(cacheDir, { recursive: true, force: true });
  if (!keep) rmSync(dir, { recursive: true, force: true });
  else process.stdout.write(`Corpus kept at ${dir}\n`);
  rmSync(patterns, { force: true });
}

/** The privacy pass over one large CSV export (issue: a 1 GB CSV in bounded memory, near the read rate). */
async function benchBigCsv(megabytes: number): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'saltire-bench-csv-'));
  const sample = readFileSync(fromRoot('fixtures', 'privacy', 'date-of-birth', 'fail', 'people.csv'), 'utf8').trim().split('\n');
  const [header, ...rows] = sample;
  const file = path.join(dir, 'export.csv');
  const block = Buffer.from(Array.from({ length: 2000 }, (_, i) => rows[i % rows.length]).join('\n') + '\n');
  const fd = openSync(file, 'w');
  writeSync(fd, `${header}\n`);
  for (let written = 0; written < megabytes * 1024 * 1024; written += block.length) writeSync(fd, block);
  closeSync(fd);
  const cli = path.join(here, 'measure.js');
  const floor = await measureNode('read the file (Node, 1 MB buffer)', path.join(here, 'read-floor.js'), [dir], dir);
  const privacy = await measureNode('saltire scan --packs privacy', cli, ['scan', dir, '--packs', 'privacy', '--format', 'json=/dev/null', '--fail-on', 'none', '--quiet', '--no-cache'], dir);
  process.stdout.write(`\n### One ${megabytes} MB CSV export (privacy pass)\n\n| run | wall s | CPU s | peak RSS MB |\n| --- | ---: | ---: | ---: |\n`);
  for (const r of [floor, privacy]) process.stdout.write(`| ${r.name}${r.note ? ` (${r.note})` : ''} | ${fmt(r.wallMs / 1000)} | ${fmt(r.cpuMs === undefined ? undefined : r.cpuMs / 1000)} | ${fmt(r.maxRssMb, 0)} |\n`);
  process.stdout.write(`\nThe privacy pass reads a sample (the first rows up to the size cap) of a file over the cap, so its time and memory do not grow with the file: saltire / read floor = ${fmt(privacy.wallMs / floor.wallMs, 2)}×.\n`);
  rmSync(dir, { recursive: true, force: true });
}

const sizes = arg('sizes', '5000').split(',').map(Number).filter((n) => n > 0);
const share = Number(arg('terraform', '0.8'));
const seed = Number(arg('seed', '42'));
process.stdout.write(`Saltire benchmark on ${os.cpus().length} cores, Node ${process.version}. Targets: 5,000 files (4,000 Terraform) ≤ 5 s and ≤ 400 MB; secrets within 2× of ripgrep; ≥ 10× faster than secretlint.\n`);
for (const n of sizes) await benchSize(n, share, seed, process.argv.includes('--keep'));
const csvMb = Number(arg('csv-mb', '1024'));
if (csvMb > 0) await benchBigCsv(csvMb);
