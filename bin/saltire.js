#!/usr/bin/env node
import { existsSync } from 'node:fs';
import module from 'node:module';

// Node 22+: keep compiled code between runs (start-up is a large share of a small scan)
module.enableCompileCache?.();

const entry = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('saltire: error: not built yet; run `npm run build` first\n');
  process.exit(2);
}
const { main } = await import(entry.href);
const code = await main(process.argv);
process.exitCode = code;
