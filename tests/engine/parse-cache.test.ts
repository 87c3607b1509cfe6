import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ScanProject, type FileEntry } from '../../src/engine/project-impl.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'saltire-parse-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function page(name: string, kb: number): FileEntry {
  const rows = '<p>a paragraph of the page</p>\n'.repeat(Math.ceil((kb * 1024) / 32));
  writeFileSync(path.join(dir, name), `<!doctype html><html lang="en"><title>${name}</title>${rows}</html>\n`);
  return { path: name, absPath: path.join(dir, name), kind: 'html' };
}

describe('the parsed-document cache', () => {
  it('keeps recent documents for reuse but drops the oldest once their files pass the character budget', async () => {
    // six 300 KB pages: well under the 256-document bound, but over the characters kept
    const files = Array.from({ length: 6 }, (_, i) => page(`p${i}.html`, 300));
    const project = new ScanProject(dir, files, 5 * 1024 * 1024);
    const first = project.loadFull('p0.html');
    await first;
    const loads = [];
    for (const f of files.slice(1)) loads.push(await project.loadFull(f.path));
    expect(loads.every((r) => 'file' in r)).toBe(true);
    // the newest is shared; the oldest was dropped and is read and parsed again, to an equal result
    expect(project.loadFull('p5.html')).toBe(project.loadFull('p5.html'));
    const again = project.loadFull('p0.html');
    expect(again).not.toBe(first);
    const [a, b] = await Promise.all([first, again]);
    expect('file' in a && 'file' in b && a.file.text === b.file.text).toBe(true);
  });

  it('shares small documents among every load while they fit', async () => {
    const files = Array.from({ length: 20 }, (_, i) => page(`s${i}.html`, 1));
    const project = new ScanProject(dir, files, 5 * 1024 * 1024);
    const first = project.loadFull('s0.html');
    for (const f of files.slice(1)) await project.loadFull(f.path);
    expect(project.loadFull('s0.html')).toBe(first);
  });

  it('drops a document after its own check unless a rule loaded it as well', async () => {
    const files = [page('own.html', 1), page('shared.html', 1)];
    const project = new ScanProject(dir, files, 5 * 1024 * 1024);
    const own = project.loadFull('own.html');
    await own;
    project.checked('own.html');
    expect(project.loadFull('own.html')).not.toBe(own);
    await project.load('shared.html');
    const shared = project.loadFull('shared.html');
    project.checked('shared.html');
    expect(project.loadFull('shared.html')).toBe(shared);
  });
});
