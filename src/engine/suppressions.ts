import type { Equivalents } from '../model/standards.js';
import type { Range } from '../model/location.js';

/** A suppression written in a file: Saltire's own, or another tool's marker users already have. */
export interface Marker {
  /** 1-based line of the marker. */
  line: number;
  column: number;
  /** `saltire-ignore`, `checkov:skip`, `tfsec:ignore`, `trivy:ignore`, `kics-scan ignore-line`, `gitleaks:allow`, … */
  marker: string;
  /** Tool whose ids are named (`saltire`, or a key of Equivalents). */
  tool: 'saltire' | keyof Equivalents | 'any-secret';
  /** Rule ids named by the marker (empty: every rule the marker covers). */
  ids: string[];
  reason: string;
  until?: string;
  /** Lines the marker covers: its own and the next, or a whole block. */
  fromLine: number;
  toLine: number;
  /** Set when the marker itself is faulty (no reason, bad or past date). */
  problem?: { messageId: 'missing-reason' | 'expired' | 'bad-date'; range: Range };
}

const SALTIRE = /saltire-ignore(?:-next-line)?\s+([\w@./*,-]+)(?:\s+--\s*(.*?))?\s*(?:-->|\*\/|#\}|%\})?\s*$/;
const UNTIL = /\s*\buntil\s+(\S+)\s*$/i;
const CHECKOV = /checkov:skip=([A-Z0-9_,]+)(?::([^\n]*?))?\s*(?:-->|\*\/)?\s*$/;
// tfsec and Trivy read several ignores written one after another on a line (`#tfsec:ignore:a tfsec:ignore:b`)
const TFSEC = /\b(tfsec|trivy):ignore:([\w-]+)(?:\s*:exp:(\d{4}-\d{2}-\d{2}))?/g;
const KICS_LINE = /kics-scan\s+ignore-line/;
const KICS_BLOCK = /kics-scan\s+ignore-block/;

/** A function telling, for a 1-based line, the first and last lines of the block that starts at or encloses it. */
export type EnclosingBlock = (line: number) => { start: number; end: number } | undefined;

function commentIntro(line: string, at: number): boolean {
  const before = line.slice(0, at);
  return /(#|\/\/|\/\*|<!--|\{#|--|;)\s*[^#/]*$/.test(before) || /^\s*\*/.test(before);
}

/** A file's lines by 1-based number (a LineIndex; its line table is built only when a marker may be present). */
export interface MarkerLines {
  lineText(line: number): string;
  readonly lineCount: number;
}

/** Find every suppression marker in a file's text. */
export function findMarkers(text: string, lines: MarkerLines, today: string, enclosing?: EnclosingBlock): Marker[] {
  const out: Marker[] = [];
  if (!/saltire-ignore|checkov:skip|tfsec:ignore|trivy:ignore|kics-scan|gitleaks:allow|secretlint-disable|pragma: ?(?:allow|white)list|nosec/.test(text)) return out;
  for (let n = 1, count = lines.lineCount; n <= count; n++) {
    const line = lines.lineText(n);
    if (line.length > 4000) continue;
    let m: RegExpExecArray | null;
    const sIdx = line.indexOf('saltire-ignore');
    if (sIdx >= 0 && commentIntro(line, sIdx) && (m = SALTIRE.exec(line.slice(sIdx)))) {
      let reason = (m[2] ?? '').trim();
      let until: string | undefined;
      const u = UNTIL.exec(reason);
      if (u) {
        until = u[1];
        reason = reason.slice(0, u.index).trim();
      }
      const range: Range = { start: { line: n, column: sIdx + 1 }, end: { line: n, column: line.length + 1 } };
      const marker: Marker = { line: n, column: sIdx + 1, marker: 'saltire-ignore', tool: 'saltire', ids: m[1].split(',').filter(Boolean), reason, until, fromLine: n, toLine: n + 1 };
      if (!reason) marker.problem = { messageId: 'missing-reason', range };
      else if (until !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(until)) marker.problem = { messageId: 'bad-date', range };
      else if (until !== undefined && until < today) marker.problem = { messageId: 'expired', range };
      out.push(marker);
      continue;
    }
    const block = (from: number): number => enclosing?.(from)?.end ?? enclosing?.(from + 1)?.end ?? from + 1;
    if ((m = CHECKOV.exec(line))) {
      // Checkov reads a skip written inside a resource as the whole resource's, header included
      const inside = enclosing?.(n);
      const fromLine = inside && inside.start < n ? inside.start : n;
      out.push({ line: n, column: m.index + 1, marker: 'checkov:skip', tool: 'checkov', ids: m[1].split(','), reason: (m[2] ?? '').trim() || 'skipped with checkov:skip', fromLine, toLine: block(n) });
      continue;
    }
    const ignores = [...line.matchAll(TFSEC)];
    if (ignores.length) {
      for (const t of ignores) {
        const tool = t[1] as 'tfsec' | 'trivy';
        const until = t[3];
        const marker: Marker = { line: n, column: t.index + 1, marker: `${tool}:ignore`, tool, ids: [t[2]], reason: `ignored with ${tool}:ignore`, until, fromLine: n, toLine: block(n + 1) };
        if (until && until < today) marker.problem = { messageId: 'expired', range: { start: { line: n, column: t.index + 1 }, end: { line: n, column: line.length + 1 } } };
        out.push(marker);
      }
      continue;
    }
    if (KICS_LINE.test(line)) {
      out.push({ line: n, column: 1, marker: 'kics-scan ignore-line', tool: 'kics', ids: [], reason: 'ignored with kics-scan ignore-line', fromLine: n + 1, toLine: n + 1 });
      continue;
    }
    if (KICS_BLOCK.test(line)) {
      out.push({ line: n, column: 1, marker: 'kics-scan ignore-block', tool: 'kics', ids: [], reason: 'ignored with kics-scan ignore-block', fromLine: n + 1, toLine: block(n + 1) });
      continue;
    }
    const secretMarkers: [RegExp, string, number][] = [
      [/gitleaks:allow/, 'gitleaks:allow', 0],
      [/secretlint-disable-next-line/, 'secretlint-disable-next-line', 1],
      [/secretlint-disable-line/, 'secretlint-disable-line', 0],
      // detect-secrets' forms: `pragma: allowlist secret`, `pragma:allowlist-secret`, the legacy `whitelist`, and the nextline form
      [/pragma: ?allowlist[ -]nextline[ -]secret/, 'pragma: allowlist nextline secret', 1],
      [/pragma: ?(?:allow|white)list[ -]secret/, 'pragma: allowlist secret', 0],
      [/(#|\/\/)\s*nosec\b/, 'nosec', 0],
    ];
    for (const [re, name, offset] of secretMarkers) {
      const hit = re.exec(line);
      if (hit && commentIntro(line, hit.index + (hit[0].startsWith('#') || hit[0].startsWith('//') ? 1 : 0))) {
        const after = line.slice(hit.index + hit[0].length).replace(/^[\s:-]+/, '').replace(/(-->|\*\/)\s*$/, '').trim();
        out.push({ line: n, column: hit.index + 1, marker: name, tool: 'any-secret', ids: [], reason: after || `marked with ${name}`, fromLine: n + offset, toLine: n + offset });
        break;
      }
    }
  }
  return out;
}

export interface SuppressibleRule {
  id: string;
  pack: string;
  equivalents: Equivalents;
  /** The finding reports a secret value written on its line (a password in a compose file's environment). */
  literalSecret?: boolean;
}

/** Does a marker cover a finding of this rule starting on this line? */
export function covers(marker: Marker, rule: SuppressibleRule, line: number): boolean {
  if (line < marker.fromLine || line > marker.toLine) return false;
  switch (marker.tool) {
    case 'saltire':
      return marker.ids.some((id) => id === '*' || id === rule.id || (id.endsWith('/*') && rule.id.startsWith(id.slice(0, -1))));
    case 'any-secret':
      // a secret scanner's "not a secret here" also covers any other rule reporting the value written on that line as a secret
      return rule.pack === 'secrets' || rule.pack === 'privacy' || rule.literalSecret === true || (marker.marker === 'nosec' && rule.pack === 'code');
    default: {
      const eq = rule.equivalents[marker.tool as keyof Equivalents] ?? [];
      if (marker.ids.length === 0) return eq.length > 0 || rule.pack === 'iac';
      return marker.ids.some((id) => eq.some((e) => e.toLowerCase() === id.toLowerCase()));
    }
  }
}
