/**
 * XML manifests (pom.xml, packages.config, .NET project files) read with `saxes`, a maintained,
 * conformant SAX parser: elements with their path, attributes and line, and each element's text.
 */
import { lazy } from '../lazy.js';
import type { LockfileResult } from './types.js';

const saxes = lazy<typeof import('saxes')>('saxes');

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  line: number;
  /** Names of the open elements, outermost first, this one last. */
  path: string[];
}

/**
 * Walk an XML document with saxes: `onElement` for each start tag, `onClose` with each element's
 * trimmed text when it closes. What follows the first well-formedness error is not read.
 */
export function walkXml(text: string, res: LockfileResult, onElement: (e: XmlElement) => void, onClose?: (e: XmlElement, text: string) => void): { root?: string; error: boolean } {
  const stack: XmlElement[] = [];
  let buf = '';
  let root: string | undefined;
  let error = false;
  const parser = new (saxes().SaxesParser)({ xmlns: false, position: true });
  parser.on('error', (e) => {
    if (error) return;
    error = true;
    const m = /^(?:[^:]*:)?(\d+):(\d+): (.*)$/s.exec(e.message);
    res.problems.push({ line: m ? Number(m[1]) : parser.line, message: `not well-formed XML: ${m ? m[3] : e.message}` });
  });
  parser.on('opentag', (tag) => {
    if (error) return;
    const name = tag.name.slice(tag.name.indexOf(':') + 1);
    root ??= name;
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(tag.attributes)) attrs[k.toLowerCase()] = String(v);
    const el: XmlElement = { name, attrs, line: parser.line, path: [...stack.map((s) => s.name), name] };
    stack.push(el);
    buf = '';
    onElement(el);
  });
  parser.on('text', (t) => {
    if (!error) buf += t;
  });
  parser.on('cdata', (t) => {
    if (!error) buf += t;
  });
  parser.on('closetag', () => {
    if (error) return;
    const el = stack.pop();
    if (el) onClose?.(el, buf.trim());
    buf = '';
  });
  try {
    parser.write(text.replace(/^\uFEFF/, '')).close();
  } catch {
    // reported by the error handler
  }
  return { root, error };
}

