/**
 * The anchors of every secrets pattern (prefilter.ts's `anchorOf`), worked out once by `npm run build`
 * (src/build/generate.ts) and read by a scan instead of analysing some 330 regexes again in every
 * process and worker (30–50 ms, a tenth of a secrets-only scan of 5,000 files).
 *
 * Keyed by each regex's flags and source, so a pattern missing from the table (or changed since) is
 * analysed as before; the table is used only while stamped with the running build's code digest, as
 * the pack catalogue is, so a change to the analysis itself never meets a stale table.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fromRoot } from '../../../src/paths.js';
import { builtCodeDigest } from '../../../src/engine/code-identity.js';
import { anchorOf, type Anchor } from './prefilter.js';

export const ANCHOR_TABLE_PATH = fromRoot('dist', 'generated', 'secrets-anchors.json');

interface AnchorTable {
  stamp: string;
  anchors: Record<string, Anchor | null>;
}

const keyOf = (regex: RegExp) => `${regex.flags}/${regex.source}`;

let table: Map<string, Anchor | null> | null | undefined;

function builtTable(): Map<string, Anchor | null> | null {
  if (table !== undefined) return table;
  table = null;
  try {
    const t = JSON.parse(readFileSync(ANCHOR_TABLE_PATH, 'utf8')) as AnchorTable;
    if (t.stamp === builtCodeDigest()) table = new Map(Object.entries(t.anchors));
  } catch {
    // not built (tests run the sources): analyse every pattern
  }
  return table;
}

/** The anchor of a pattern: from the build's table when it has the pattern, else worked out now. */
export function anchorFor(regex: RegExp): Anchor | null {
  const hit = builtTable()?.get(keyOf(regex));
  return hit !== undefined ? hit : anchorOf(regex);
}

/** Build step: analyse these patterns and write the table, stamped with the built code's digest. */
export function writeAnchorTable(regexes: readonly RegExp[]): number {
  const anchors: Record<string, Anchor | null> = {};
  for (const r of regexes) anchors[keyOf(r)] ??= anchorOf(r);
  mkdirSync(path.dirname(ANCHOR_TABLE_PATH), { recursive: true });
  writeFileSync(ANCHOR_TABLE_PATH, `${JSON.stringify({ stamp: builtCodeDigest(), anchors } satisfies AnchorTable)}\n`);
  return Object.keys(anchors).length;
}
