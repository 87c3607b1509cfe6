/**
 * composer.lock (JSON): `packages` and `packages-dev` arrays of { name, version, source, dist }
 * (https://getcomposer.org/doc/01-basic-usage.md#commit-your-composer-lock-file-to-version-control).
 */
import type { DataNode } from '../parsers/data/tree.js';
import { get, isMap, isSeq, str } from '../parsers/data/tree.js';
import type { LineIndex } from '../model/location.js';
import { emptyResult, type LockfileResult, type LockPackage } from './types.js';

export function parseComposerLock(root: DataNode | null, lines: LineIndex): LockfileResult {
  const res = emptyResult('composer.lock');
  if (!isMap(root)) return { ...res, unrecognised: true };
  let sawList = false;
  for (const section of ['packages', 'packages-dev'] as const) {
    const list = get(root, section);
    if (!isSeq(list)) continue;
    sawList = true;
    for (const item of list.items) {
      const name = str(get(item, 'name'));
      const version = str(get(item, 'version'));
      const line = lines.position(item.start).line;
      if (!name || !version) {
        res.problems.push({ line, message: `a ${section} entry without a name and version` });
        continue;
      }
      const pkg: LockPackage = { ecosystem: 'Packagist', name, version, line, ...(section === 'packages-dev' ? { dev: true } : {}) };
      const dist = get(item, 'dist');
      const source = get(item, 'source');
      const distType = str(get(dist, 'type'));
      if (distType === 'path' || str(get(source, 'type')) === 'path') pkg.link = true;
      else if (!dist && str(get(source, 'type')) === 'git') {
        const url = get(source, 'url');
        pkg.git = { url: str(url) ?? '', ref: str(get(source, 'reference')), line: url ? lines.position(url.start).line : line };
      }
      for (const holder of [dist, source]) {
        const url = get(holder, 'url');
        const u = str(url);
        if (url && u && /^[a-z][a-z0-9+.-]*:\/\//i.test(u)) res.urls.push({ url: u, line: lines.position(url.start).line, column: lines.position(url.start).column + 1, role: holder === dist ? 'download' : 'source', package: name });
      }
      res.packages.push(pkg);
    }
  }
  if (res.packages.length === 0 && sawList) res.rootOnly = true;
  if (!sawList) res.unrecognised = true;
  return res;
}
