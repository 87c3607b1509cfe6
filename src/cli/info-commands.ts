import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { loadPacks, BUILTIN_PACK_NAMES } from '../packs/load.js';
import { STANDARD_KEYS } from '../model/standards.js';
import { criterionTitle, standardForKey } from '../standards/catalogue.js';
import type { RuleInfo } from '../reporters/types.js';
import { docsPathFor, ruleCatalogue } from './rule-catalogue.js';
import { printTiming, runScan, type ScanCliOptions } from './scan-command.js';
import { writeBaseline } from '../baseline/baseline.js';

async function allRules(pack?: string): Promise<RuleInfo[]> {
  if (pack && !BUILTIN_PACK_NAMES.includes(pack) && pack !== 'saltire') {
    // a local or npm pack
    const packs = await loadPacks([pack], process.cwd(), { lazy: true });
    return [...ruleCatalogue(packs).values()].filter((r) => r.pack === packs[0].name);
  }
  const packs = await loadPacks(BUILTIN_PACK_NAMES, process.cwd(), { lazy: true });
  const rules = [...ruleCatalogue(packs).values()];
  return (pack ? rules.filter((r) => r.pack === pack) : rules).sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1));
}

export async function rulesCommand(opts: { pack?: string; format?: string }): Promise<number> {
  const format = opts.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`rules --format must be text or json (got "${format}")`);
  const rules = await allRules(opts.pack);
  if (format === 'json') {
    const out = rules.map(({ meta, pack }) => ({ id: meta.id, pack, severity: meta.severity, title: meta.title, kinds: meta.kinds, standards: meta.standards, equivalents: meta.equivalents, help: docsPathFor(meta.id) }));
    process.stdout.write(`${JSON.stringify({ rules: out }, null, 2)}\n`);
    return 0;
  }
  const lines = rules.map(({ meta }) => {
    const std = STANDARD_KEYS.filter((k) => meta.standards[k]?.length).map((k) => `${k.toUpperCase()} ${meta.standards[k]!.join(',')}`).join('; ');
    return `${meta.id.padEnd(48)} ${meta.severity.padEnd(8)} ${meta.title}${std ? `  [${std}]` : ''}`;
  });
  process.stdout.write(`${lines.join('\n')}\n${rules.length} rules\n`);
  return 0;
}

/** The rule's documentation as Markdown (also what `npm run docs` writes to docs/rules/). */
export function explainRule({ meta, pack }: RuleInfo): string {
  const out = [`# ${meta.id}`, '', `**${meta.title}**`, '', `- Pack: \`${pack}\``, `- Severity: ${meta.severity}`, `- Applies to: ${meta.kinds.join(', ') || 'the scan itself'}`];
  if (meta.since) out.push(`- Since: ${meta.since}`);
  out.push('', '## Why it matters', '', meta.description, '', '## How to fix', '', meta.remediation);
  const std = STANDARD_KEYS.filter((k) => meta.standards[k]?.length);
  if (std.length) {
    out.push('', '## Standards');
    out.push('');
    for (const k of std) {
      const def = k === 'cwe' || k === 'act' ? undefined : standardForKey(k);
      const name = k === 'cwe' ? 'CWE' : k === 'act' ? 'W3C ACT rules' : def?.title ?? k;
      out.push(`- ${name}: ${meta.standards[k]!.map((id) => { const t = k === 'cwe' || k === 'act' ? undefined : criterionTitle(k, id); return t ? `${id} ${t}` : id; }).join('; ')}`);
    }
  }
  const eq = Object.entries(meta.equivalents).filter(([, v]) => v?.length);
  if (eq.length) {
    out.push('', '## Equivalent checks in other tools', '');
    for (const [tool, ids] of eq) out.push(`- ${tool}: ${(ids as string[]).map((i) => `\`${i}\``).join(', ')}`);
  }
  const msgs = Object.entries(meta.messages);
  out.push('', '## Messages', '');
  for (const [id, text] of msgs) out.push(`- \`${id}\`: ${text}`);
  if (meta.references.length) {
    out.push('', '## References', '');
    for (const r of meta.references) out.push(`- ${r}`);
  }
  out.push('', '## Suppressing', '', `Write \`saltire-ignore ${meta.id} -- <reason> [until YYYY-MM-DD]\` in a comment on the line above the finding or on its line.`);
  return `${out.join('\n')}\n`;
}

export async function explainCommand(id: string): Promise<number> {
  const rules = await allRules();
  const info = rules.find((r) => r.meta.id === id);
  if (!info) {
    const close = rules.filter((r) => r.meta.id.includes(id.split('/').pop() ?? id)).slice(0, 5).map((r) => r.meta.id);
    throw new UsageError(`unknown rule "${id}"${close.length ? ` (did you mean ${close.join(', ')}?)` : '; `saltire rules` lists them'}`);
  }
  process.stdout.write(explainRule(info));
  return 0;
}

export const INIT_TEMPLATE = `# Saltire configuration. Schema: schemas/config.schema.json in the saltire package.
version: 1

# Packs to run (default: all built-in packs). Built-in: ${BUILTIN_PACK_NAMES.join(', ')}.
# A local folder (./my-pack) or an npm package name loads a custom pack.
# packs: [iac, secrets, dependencies, code, accessibility, data-standards, repository]

# Exit with code 1 when a finding is at or above this severity: critical, high, medium, low, info, none.
failOn: high

# Files larger than this (bytes) are skipped and listed as skipped.
# maxFileSize: 5242880

# Paths never scanned, in .gitignore syntax (.gitignore itself is honoured unless --no-gitignore).
ignores:
  - "**/vendor/**"

# Per rule (or <pack>/* for a whole pack): off, a severity, or { severity, options }.
rules: {}
#   iac/aws-s3-versioning: low
#   accessibility/*: off

# Blocks applied in order to the files they match.
overrides: []
#   - files: ["test/**", "**/*.test.ts"]
#     rules:
#       secrets/*: low

# Findings recorded here (saltire baseline --output .saltire-baseline.json) do not fail the build.
# baseline: .saltire-baseline.json
`;

export function initCommand(opts: { force?: boolean; dir?: string }): number {
  const file = path.resolve(opts.dir ?? '.', 'saltire.config.yaml');
  if (existsSync(file) && !opts.force) throw new UsageError(`${path.relative(process.cwd(), file) || file} already exists (use --force to overwrite)`);
  writeFileSync(file, INIT_TEMPLATE);
  process.stdout.write(`Wrote ${path.relative(process.cwd(), file)}\n`);
  return 0;
}

export async function baselineCommand(targets: string[], opts: ScanCliOptions & { output?: string }): Promise<number> {
  if (!opts.output) throw new UsageError('baseline needs --output <file>');
  const { result, timing } = await runScan(targets.length ? targets : ['.'], { ...opts, baseline: undefined, format: ['json'] }, true);
  const n = writeBaseline(opts.output, result.findings);
  printTiming(timing, result);
  process.stdout.write(`Recorded ${n} finding fingerprints in ${opts.output}\n`);
  return 0;
}
