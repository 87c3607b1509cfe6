import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Build dist/ once, as npm run build does, so the end-to-end tests run the real CLI (type errors are the typecheck's job). */
export default function setup(): void {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  try {
    execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'pipe' });
  } catch {
    // tsc still emits JavaScript when there are type errors; `npm run typecheck` reports them.
  }
  // what npm run build generates after compiling (the pack catalogue is stamped with the compiled code)
  execFileSync(process.execPath, [path.join(root, 'dist/src/build/generate.js')], { cwd: root, stdio: 'pipe' });
}
