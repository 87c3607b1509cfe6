/**
 * Checkov skips written as data rather than comments: a CloudFormation resource's
 * `Metadata: { checkov: { skip: [{ id, comment }] } }`, and a Kubernetes object's
 * `checkov.io/skip<N>: CKV_K8S_20=reason` annotations. Each covers its resource or object.
 */
import type { DocumentKind } from '../model/kinds.js';
import type { ParsedDocument } from '../model/document.js';
import type { LineIndex } from '../model/location.js';
import { get, isMap, items, str, type DataEntry, type DataNode } from '../parsers/data/tree.js';
import type { Marker } from './suppressions.js';

const CHECKOV_ID = /^CKV2?_[A-Z0-9_]+$/;

function entries(node: DataNode | undefined): DataEntry[] {
  return isMap(node) ? node.entries : [];
}

function marker(lines: LineIndex, at: DataNode, id: string, reason: string | undefined, span: DataNode): Marker {
  const pos = lines.position(at.start);
  return {
    line: pos.line,
    column: pos.column,
    marker: 'checkov:skip',
    tool: 'checkov',
    ids: [id],
    reason: reason?.trim() || 'skipped with checkov:skip',
    fromLine: lines.position(span.start).line,
    toLine: lines.position(span.end).line,
  };
}

function cloudFormationSkips(root: DataNode, lines: LineIndex): Marker[] {
  const out: Marker[] = [];
  for (const { key, value: resource } of entries(get(root, 'Resources'))) {
    for (const skip of items(get(get(get(resource, 'Metadata'), 'checkov'), 'skip'))) {
      const idNode = get(skip, 'id');
      const id = str(idNode)?.trim();
      if (idNode && id && CHECKOV_ID.test(id)) out.push(marker(lines, idNode, id, str(get(skip, 'comment')), { ...resource, start: key.start }));
    }
  }
  return out;
}

function kubernetesSkips(root: DataNode, lines: LineIndex): Marker[] {
  const out: Marker[] = [];
  for (const { key, value } of entries(get(get(root, 'metadata'), 'annotations'))) {
    if (!/^checkov\.io\/skip\d*$/.test(String(key.value))) continue;
    const [id, ...reason] = (str(value) ?? '').split('=');
    if (CHECKOV_ID.test(id.trim())) out.push(marker(lines, key, id.trim(), reason.join('='), root));
  }
  return out;
}

/** The data-written Checkov skips of a CloudFormation template or Kubernetes manifest. */
export function structuredSkips(kind: DocumentKind, document: ParsedDocument, lines: LineIndex): Marker[] {
  if (document.format !== 'data' || (kind !== 'cloudformation' && kind !== 'kubernetes')) return [];
  const read = kind === 'cloudformation' ? cloudFormationSkips : kubernetesSkips;
  return document.roots.flatMap((root) => (isMap(root) ? read(root, lines) : []));
}
