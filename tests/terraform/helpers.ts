import fs from 'node:fs';
import path from 'node:path';
import type { LoadedDocument, ProjectContext, ProjectFile } from '../../src/engine/project.js';
import { LineIndex } from '../../src/model/location.js';
import { parseTerraformFile } from '../../src/parsers/hcl/parse.js';

/** A tiny in-memory project: path → text. */
export function memoryProject(files: Record<string, string>): ProjectContext & { loads: number } {
  const memo = new Map<string, unknown>();
  const cache = new Map<string, Promise<LoadedDocument | undefined>>();
  const list: ProjectFile[] = Object.keys(files)
    .sort()
    .map((p) => ({ path: p, kind: 'terraform' }));
  const project = {
    root: '/mem',
    files: list,
    loads: 0,
    load(p: string) {
      let c = cache.get(p);
      if (!c) {
        project.loads++;
        c = (async () => {
          const text = files[p];
          if (text === undefined) return undefined;
          const lines = new LineIndex(text);
          const { hcl } = await parseTerraformFile(p, text, lines);
          return {
            file: { path: p, absPath: p, kind: 'terraform' as const, text, lines, size: text.length },
            document: { format: 'hcl' as const, hcl },
          };
        })();
        cache.set(p, c);
      }
      return c;
    },
    readFile: (p: string) => (files[p] === undefined ? undefined : { path: p, absPath: p, kind: 'terraform' as const, text: files[p], lines: new LineIndex(files[p]), size: files[p].length }),
    memo<T>(key: string, compute: () => T): T {
      if (!memo.has(key)) memo.set(key, compute());
      return memo.get(key) as T;
    },
  };
  return project;
}

/** Read a fixture directory into a path → text record (paths relative to it). */
export function readFixture(dir: string): Record<string, string> {
  const root = path.resolve(import.meta.dirname, '../../fixtures/terraform-model', dir);
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out[path.relative(root, full).split(path.sep).join('/')] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(root);
  return out;
}
