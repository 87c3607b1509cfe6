/** The floor: merely read every file under a folder in Node (what any scanner must at least do). */
import { readdirSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';

const started = process.hrtime.bigint();
let files = 0;
let bytes = 0;
const rec = (d: string) => {
  for (const e of readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) rec(p);
    else if (e.isFile()) {
      bytes += readFileSync(p).length;
      files++;
    }
  }
};
rec(process.argv[2]);
const usage = process.resourceUsage();
writeSync(3, JSON.stringify({ code: 0, files, bytes, wallMs: Number(process.hrtime.bigint() - started) / 1e6, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, maxRssMb: usage.maxRSS / 1024 }));
