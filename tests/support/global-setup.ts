import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Build dist/ once, as npm run build does, so the end-to-end tests run the real CLI (type errors are the
 * typecheck's job); give the run its own temporary folder (TMPDIR, inherited by the test workers, the
 * CLIs they spawn and Chromium) and remove it when the run ends, so no test leaves folders behind.
 */
export default function setup(): () => void {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  try {
    execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'pipe' });
  } catch {
    // tsc still emits JavaScript when there are type errors; `npm run typecheck` reports them.
  }
  // what npm run build generates after compiling (the pack catalogue is stamped with the compiled code)
  execFileSync(process.execPath, [path.join(root, 'dist/src/build/generate.js')], { cwd: root, stdio: 'pipe' });

  const runTmp = mkdtempSync(path.join(os.tmpdir(), 'saltire-tests-'));
  process.env.TMPDIR = runTmp;
  // the CLI's result cache goes to a folder of this run, never the user's
  process.env.SALTIRE_CACHE_DIR = path.join(runTmp, 'cache');
  return () => {
    try {
      rmSync(runTmp, { recursive: true, force: true });
    } catch (err) {
      process.stderr.write(`warning: could not remove the tests' temporary folder ${runTmp}: ${(err as Error).message}\n`);
    }
  };
}
