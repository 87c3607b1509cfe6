import type { ParseOutcome } from './index.js';
import type { SourceFile } from '../model/document.js';
import { LineIndex } from '../model/location.js';
import { parseYaml } from './data/yaml.js';
import { walk, type DataNode } from './data/tree.js';

/**
 * Map each line of a rendered manifest to the template line it most likely came from: a monotonic
 * alignment of identical (trimmed) lines; lines a template action produced map to the last matched
 * line before them (or, for a value a template produced, to the line with the same key). Good enough to point a finding at `privileged: true` in the template.
 */
export function alignRenderedLines(template: string, rendered: string): number[] {
  const t = template.split(/\r\n|\r|\n/).map((l) => l.trim());
  const r = rendered.split(/\r\n|\r|\n/).map((l) => l.trim());
  const map: number[] = [];
  let cursor = 0;
  let last = 1;
  for (const line of r) {
    let found = -1;
    if (line && !line.startsWith('#')) {
      for (let i = cursor; i < t.length && i < cursor + 200; i++) {
        if (t[i] === line) {
          found = i;
          break;
        }
      }
    }
    // a value a template action produced: match the line's key (`privileged:`) instead
    const key = /^(-\s+)?[\w.\/-]+:/.exec(line)?.[0];
    if (found < 0 && key) {
      for (let i = cursor; i < t.length && i < cursor + 20; i++) {
        if (t[i].startsWith(key)) {
          found = i;
          break;
        }
      }
    }
    if (found >= 0) {
      last = found + 1;
      cursor = found + 1;
    }
    map.push(last);
  }
  return map;
}

/** Parse a rendered template's YAML, with every node's offsets moved onto the template's own lines. */
export function parseRenderedTemplate(file: SourceFile, rendered: string): ParseOutcome {
  const rLines = new LineIndex(rendered);
  const { roots, problems } = parseYaml(rendered, rLines);
  const map = alignRenderedLines(file.text, rendered);
  const moved = new Set<DataNode>();
  const toTemplate = (offset: number): number => {
    const p = rLines.position(offset);
    const line = map[p.line - 1] ?? 1;
    const lineText = file.lines.lineText(line);
    const indent = lineText.length - lineText.trimStart().length;
    return file.lines.offset({ line, column: indent + 1 });
  };
  for (const root of roots) {
    walk(root, (node, _path, key) => {
      if (key && !moved.has(key)) {
        moved.add(key);
        key.start = toTemplate(key.start);
        key.end = key.start + Math.max(0, Math.min(key.end - key.start, 200));
      }
      if (moved.has(node)) return;
      moved.add(node);
      node.start = toTemplate(node.start);
      node.end = node.start;
    });
  }
  return {
    document: { format: 'data', roots },
    problems: problems.map((p) => ({ message: `rendered template: ${p.message}`, range: file.lines.lineRange(map[p.range.start.line - 1] ?? 1) })),
  };
}
