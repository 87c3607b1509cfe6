import { mkdirSync, readFileSync, writeFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadPacks, BUILTIN_PACK_NAMES } from '../packs/load.js';
import { ruleCatalogue, docsPathFor } from '../cli/rule-catalogue.js';
import { explainRule } from '../cli/info-commands.js';
import { fromRoot } from '../paths.js';

/** Every generated docs file (relative path → content), derived from rule metadata only. */
export async function renderDocs(): Promise<Map<string, string>> {
  const packs = await loadPacks(BUILTIN_PACK_NAMES, process.cwd());
  const rules = [...ruleCatalogue(packs).values()].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1));
  const files = new Map<string, string>();
  const index = ['# Saltire rules', '', 'Generated from rule metadata by `npm run docs`; do not edit by hand.', ''];
  let currentPack = '';
  for (const info of rules) {
    files.set(docsPathFor(info.meta.id), explainRule(info));
    if (info.pack !== currentPack) {
      currentPack = info.pack;
      const p = packs.find((x) => x.name === currentPack);
      index.push(`## ${currentPack}`, '', p?.description ?? 'Problems with the scan itself.', '', '| Rule | Severity | Title |', '| --- | --- | --- |');
    }
    index.push(`| [${info.meta.id}](${docsPathFor(info.meta.id).replace(/^docs\/rules\//, '')}) | ${info.meta.severity} | ${info.meta.title.replace(/\|/g, '\\|')} |`);
    const next = rules[rules.indexOf(info) + 1];
    if (!next || next.pack !== currentPack) index.push('');
  }
  index.push(`${rules.length} rules.`, '');
  files.set('docs/rules/README.md', index.join('\n'));
  return files;
}

/** Write docs/rules/ afresh. */
export async function writeDocs(): Promise<number> {
  const files = await renderDocs();
  const dir = fromRoot('docs', 'rules');
  if (existsSync(dir)) for (const e of readdirSync(dir)) rmSync(path.join(dir, e), { recursive: true, force: true });
  for (const [rel, content] of files) {
    const abs = fromRoot(rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return files.size;
}

export function readDoc(rel: string): string | undefined {
  try {
    return readFileSync(fromRoot(rel), 'utf8');
  } catch {
    return undefined;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  writeDocs().then(
    (n) => process.stdout.write(`Wrote ${n} files under docs/rules/\n`),
    (e: unknown) => {
      process.stderr.write(`docs: ${(e as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
