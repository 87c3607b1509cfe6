import { scan } from './dist/src/engine/scan.js';
import { loadPacks, BUILTIN_PACK_NAMES } from './dist/src/packs/load.js';
import { loadConfig } from './dist/src/config/config.js';
const packs = await loadPacks(BUILTIN_PACK_NAMES, process.cwd());
let rec;
await scan({ targets: ['/tmp/bench5kb'], cwd: process.cwd(), packs, config: loadConfig(undefined, '/tmp/bench5kb'), gitignore: true, maxFileSize: 5 * 1024 * 1024, jobs: 0, onTiming: (r) => (rec = r) });
const groups = {};
for (const [k, [ms, calls]] of Object.entries(rec)) {
  let g = k;
  if (k.startsWith('rule:iac/aws')) g = 'iac/aws'; else if (k.startsWith('rule:iac/azure')) g = 'iac/azure'; else if (k.startsWith('rule:iac/gcp')) g = 'iac/gcp';
  else if (k.startsWith('rule:iac/tf') || k.startsWith('rule:iac/terraform')) g = 'iac/terraform';
  else if (k.startsWith('rule:')) g = k.split('/')[0] + '/' + (k.split('/')[1].split('-')[0]);
  groups[g] = groups[g] ?? [0, 0, 0]; groups[g][0] += ms; groups[g][1] += calls; groups[g][2]++;
}
for (const [g, [ms, calls, n]] of Object.entries(groups).sort((a, b) => b[1][0] - a[1][0]).slice(0, 30)) console.log(ms.toFixed(0).padStart(6), String(n).padStart(4), String(calls).padStart(7), g);
