import type { ParsedDocument } from '../model/document.js';

export type Listener = (node: unknown) => void;

/**
 * One walk of a document's tree, calling every listener registered for each node: ESLint's merged
 * traversal. estree: keys are node types (and `Type:exit`); HTML: tag names, `*` for any element,
 * `#text` for text nodes; other formats have no node walk (rules use `check`).
 */
export function walkDocument(doc: ParsedDocument, listeners: Map<string, Listener[]>, onError: (l: Listener, e: unknown) => void): void {
  const call = (key: string, node: unknown): void => {
    const ls = listeners.get(key);
    if (!ls) return;
    for (const l of ls) {
      try {
        l(node);
      } catch (e) {
        onError(l, e);
      }
    }
  };
  if (doc.format === 'estree') {
    const visit = (node: unknown, depth: number): void => {
      if (!node || typeof node !== 'object' || depth > 2000) return;
      const n = node as { type?: string };
      if (typeof n.type !== 'string') return;
      call(n.type, node);
      for (const key of Object.keys(node)) {
        if (key === 'parent' || key === 'loc' || key === 'range' || key === 'tokens' || key === 'comments') continue;
        const child = (node as Record<string, unknown>)[key];
        if (Array.isArray(child)) for (const c of child) visit(c, depth + 1);
        else if (child && typeof child === 'object' && typeof (child as { type?: unknown }).type === 'string') visit(child, depth + 1);
      }
      call(`${n.type}:exit`, node);
    };
    visit(doc.program, 0);
  } else if (doc.format === 'html') {
    const visit = (node: unknown, depth: number): void => {
      if (depth > 2000) return;
      const n = node as { nodeName: string; tagName?: string; childNodes?: unknown[]; content?: { childNodes?: unknown[] } };
      if (n.tagName) {
        call('*', node);
        call(n.tagName, node);
      } else if (n.nodeName === '#text') {
        call('#text', node);
      }
      for (const c of n.childNodes ?? []) visit(c, depth + 1);
      // <template> content lives in a separate fragment
      for (const c of n.content?.childNodes ?? []) visit(c, depth + 1);
      if (n.tagName) call(`${n.tagName}:exit`, node);
    };
    visit(doc.root, 0);
  }
}
