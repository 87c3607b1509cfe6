/**
 * Runs one command in this process and reports its resource use on fd 3 as JSON: the benchmark
 * uses it to measure Saltire's wall time, CPU time and peak RSS in a process of its own.
 */
import { writeSync } from 'node:fs';
import { main } from '../cli/main.js';

const started = process.hrtime.bigint();
const code = await main([process.argv[0], 'saltire', ...process.argv.slice(2)]);
const usage = process.resourceUsage();
const report = {
  code,
  wallMs: Number(process.hrtime.bigint() - started) / 1e6,
  cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
  maxRssMb: usage.maxRSS / 1024,
};
try {
  writeSync(3, JSON.stringify(report));
} catch {
  process.stderr.write(`${JSON.stringify(report)}\n`);
}
process.exit(0);
