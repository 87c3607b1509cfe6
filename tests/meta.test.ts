import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { loadPacks, BUILTIN_PACK_NAMES } from '../src/packs/load.js';
import { isDocumentKind } from '../src/model/kinds.js';
import { isSeverity } from '../src/model/severity.js';
import { EQUIVALENT_TOOL_NAMES, STANDARD_KEYS } from '../src/model/standards.js';
import { isKnownCriterion } from '../src/standards/catalogue.js';
import { renderDocs, readDoc } from '../src/docs/generate.js';
import { CORE_RULES } from '../src/engine/core-rules.js';
import { listFiles, readExpectations, ruleFixtureDir } from './support/fixtures.js';

const packs = await loadPacks(BUILTIN_PACK_NAMES, process.cwd());
const docs = await renderDocs();
const EQUIVALENT_TOOLS: ReadonlySet<string> = new Set(EQUIVALENT_TOOL_NAMES);

describe('meta: every rule is complete', () => {
  it('loads every built-in pack', () => {
    expect(packs.map((p) => p.name).sort()).toEqual([...BUILTIN_PACK_NAMES].sort());
  });

  it('has unique rule ids', () => {
    const ids = packs.flatMap((p) => p.rules.map((r) => r.meta.id));
    expect(ids.length).toBe(new Set(ids).size);
  });

  for (const pack of packs) {
    for (const rule of pack.rules) {
      const m = rule.meta;
      describe(m.id, () => {
        it('has valid metadata', () => {
          expect(m.id).toMatch(new RegExp(`^${pack.name}/[a-z0-9][a-z0-9-]*[a-z0-9]$`));
          expect(m.title.length).toBeGreaterThan(5);
          expect(m.description.length, 'description explains why it matters').toBeGreaterThanOrEqual(40);
          expect(m.remediation.length, 'remediation says how to fix').toBeGreaterThanOrEqual(20);
          expect(isSeverity(m.severity)).toBe(true);
          expect(m.kinds.length).toBeGreaterThan(0);
          for (const k of m.kinds) expect(isDocumentKind(k), `kind ${k}`).toBe(true);
          expect(Object.keys(m.messages).length).toBeGreaterThan(0);
          for (const [id, text] of Object.entries(m.messages)) expect(text.length, `message ${id}`).toBeGreaterThan(10);
          const refs = STANDARD_KEYS.flatMap((k) => (m.standards[k] ?? []).map((id) => [k, id] as const));
          expect(refs.filter(([k]) => k !== 'cwe' && k !== 'act').length, 'maps to at least one standard criterion').toBeGreaterThan(0);
          for (const [k, id] of refs) expect(isKnownCriterion(k, id), `${k} ${id} is a known criterion`).toBe(true);
          for (const tool of Object.keys(m.equivalents)) expect(EQUIVALENT_TOOLS.has(tool), `equivalents tool ${tool}`).toBe(true);
          for (const r of m.references) expect(r).toMatch(/^https:\/\//);
        });

        it('has generated documentation that matches its metadata', () => {
          const rel = `docs/rules/${m.id}.md`;
          expect(readDoc(rel), `${rel} is missing or stale: run npm run docs`).toBe(docs.get(rel));
        });

        it('has pass and fail fixtures', () => {
          const dir = ruleFixtureDir(m.id);
          expect(listFiles(path.join(dir, 'pass')).length, `${dir}/pass`).toBeGreaterThan(0);
          expect(existsSync(path.join(dir, 'fail')), `${dir}/fail`).toBe(true);
          expect(readExpectations(path.join(dir, 'fail')).length, 'fail fixtures mark expected findings').toBeGreaterThan(0);
        });
      });
    }
  }

  it('has a current rule index (docs/rules/README.md)', () => {
    expect(readDoc('docs/rules/README.md'), 'docs/rules/README.md is stale: run npm run docs').toBe(docs.get('docs/rules/README.md'));
  });

  it('documents the engine rules too', () => {
    for (const m of CORE_RULES) expect(readDoc(`docs/rules/${m.id}.md`)).toBe(docs.get(`docs/rules/${m.id}.md`));
  });

  it('has no stray docs for rules that no longer exist', () => {
    const stray = listFiles(path.resolve('docs/rules'))
      .map((f) => path.relative(process.cwd(), f).split(path.sep).join('/'))
      .filter((f) => !docs.has(f));
    expect(stray).toEqual([]);
  });
});
