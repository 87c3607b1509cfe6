/** The floor: merely read every file under a folder in Node (what any scanner must at least do). */
import { closeSync, openSync, readdirSync, readSync, writeSync } from 'node:fs';
import path from 'node:path';

const started = process.hrtime.bigint();
let files = 0;
let bytes = 0;
const chunk = Buffer.allocUnsafe(1024 * 1024);
/** Read a whole file through one 1 MB buffer (bounded memory, whatever its size). */
const readAll = (p: string): number => {
  const fd = openSync(p, 'r');
  let n = 0;
  try {
    for (let got = 0; (got = readSync(fd, chunk, 0, chunk.length, null)) > 0; ) n += got;
  } finally {
    closeSync(fd);
  }
  return n;
};
const rec = (d: string) => {
  for (const e of readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) rec(p);
    else if (e.isFile()) {
      bytes += readAll(p);
      files++;
    }
  }
};
rec(process.argv[2]);
const usage = process.resourceUsage();
writeSync(3, JSON.stringify({ code: 0, files, bytes, wallMs: Number(process.hrtime.bigint() - started) / 1e6, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, maxRssMb: usage.maxRSS / 1024 }));
