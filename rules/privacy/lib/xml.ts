/**
 * XML data files read with `saxes` (a maintained, conformant SAX parser): every leaf element's text
 * (CDATA included) and every attribute value, decoded (predefined and character references, and the
 * document's own internal entities), with the offsets of its element or attribute name and of the
 * value. Namespace prefixes are dropped from names (`p:email` is `email`); namespace declarations and
 * `xml:`/`xsi:` attributes are not data. A document that is not well-formed gives its first error
 * instead, so the caller can scan it as text.
 */
import type { SaxesTagPlain } from 'saxes';
import { lazy } from '../../../src/lazy.js';

const saxes = lazy<typeof import('saxes')>('saxes');

export interface XmlValue {
  /** Element local name (text) or `element/@attribute` (attribute). */
  label: string;
  /** The local name the field's type is judged by: the element's, or the attribute's. */
  name: string;
  /** Offsets of the element or attribute name. */
  nameOffsets: [number, number];
  value: string;
  /** Offset of the value's first non-blank character in the text. */
  valueOffset: number;
}

export interface XmlRead {
  values: XmlValue[];
  /** The first well-formedness error (1-based line and column). */
  error?: { line: number; column: number; message: string };
}

interface Open {
  local: string;
  /** Offsets of the element's (qualified) name in its start tag. */
  name: [number, number];
  text: string;
  /** Offset of the first non-blank character of the element's own text. */
  textAt: number;
  hasChild: boolean;
}

const local = (qname: string) => qname.slice(qname.indexOf(':') + 1);
const NOT_DATA = /^(xmlns(:|$)|xml:|xsi:)/;
/** `<!ENTITY name "value">` / `'value'` in an internal DTD subset (parameter entities and external ones are not expanded). */
const ENTITY_DECL = /<!ENTITY\s+([A-Za-z_][\w.-]*)\s+(?:"([^"]*)"|'([^']*)')\s*>/g;

/** Stop collecting after this many values (a very large XML export is sampled). */
const MAX_VALUES = 200_000;

class Enough extends Error {}

function firstNonBlank(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) if (!/\s/.test(text[i])) return i;
  return -1;
}

export function readXml(text: string): XmlRead {
  const values: XmlValue[] = [];
  const stack: Open[] = [];
  let error: XmlRead['error'];
  /** Offset just after the last markup (tag, CDATA section, comment, …): where text starts. */
  let lastEnd = 0;
  const parser = new (saxes().SaxesParser)({ xmlns: false, position: true });
  const push = (v: XmlValue) => {
    values.push(v);
    if (values.length >= MAX_VALUES) throw new Enough();
  };
  const pendingAttrs: XmlValue[] = [];
  let tagName: [number, number] = [0, 0];
  parser.on('error', (e) => {
    if (!error) {
      const m = /^(?:[^:]*:)?(\d+):(\d+): (.*)$/s.exec(e.message);
      error = m ? { line: Number(m[1]), column: Number(m[2]) + 1, message: m[3] } : { line: parser.line, column: parser.column + 1, message: e.message };
    }
  });
  parser.on('doctype', (doctype) => {
    for (const m of doctype.matchAll(ENTITY_DECL)) if (!/[<&]/.test(m[2] ?? m[3])) parser.ENTITIES[m[1]] = m[2] ?? m[3];
    lastEnd = parser.position;
  });
  parser.on('opentagstart', (tag) => {
    const at = text.lastIndexOf(`<${tag.name}`, parser.position) + 1;
    tagName = [at, at + tag.name.length];
    pendingAttrs.length = 0;
  });
  parser.on('attribute', (attr) => {
    if (NOT_DATA.test(attr.name) || !attr.value.trim()) return;
    // the parser is just after the value's closing quote
    const close = parser.position - 1;
    const open = text.lastIndexOf(text[close], close - 1);
    let nameEnd = open;
    while (nameEnd > 0 && /[\s=]/.test(text[nameEnd - 1])) nameEnd--;
    const valueAt = firstNonBlank(text, open + 1, close);
    pendingAttrs.push({ label: '', name: local(attr.name), nameOffsets: [nameEnd - attr.name.length, nameEnd], value: attr.value.trim(), valueOffset: valueAt < 0 ? open + 1 : valueAt });
  });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const element = local(tag.name);
    for (const a of pendingAttrs) push({ ...a, label: `${element}/@${a.name}` });
    pendingAttrs.length = 0;
    if (stack.length) stack[stack.length - 1].hasChild = true;
    stack.push({ local: element, name: tagName, text: '', textAt: -1, hasChild: false });
    lastEnd = parser.position;
  });
  const addText = (decoded: string, rawFrom: number, rawTo: number) => {
    const top = stack[stack.length - 1];
    if (!top) return;
    top.text += decoded;
    if (top.textAt < 0 && decoded.trim()) top.textAt = firstNonBlank(text, rawFrom, rawTo);
  };
  parser.on('text', (t) => {
    // the parser is just after the `<` that ends the text
    addText(t, lastEnd, parser.position - 1);
  });
  parser.on('cdata', (c) => {
    const start = text.lastIndexOf('<![CDATA[', parser.position) + 9;
    addText(c, start, parser.position - 3);
    lastEnd = parser.position;
  });
  parser.on('closetag', () => {
    const top = stack.pop();
    lastEnd = parser.position;
    if (!top || top.hasChild) return;
    const value = top.text.trim();
    if (!value || top.textAt < 0) return;
    push({ label: top.local, name: top.local, nameOffsets: top.name, value, valueOffset: top.textAt });
  });
  for (const ev of ['comment', 'processinginstruction', 'xmldecl'] as const) parser.on(ev, () => (lastEnd = parser.position));
  try {
    parser.write(text).close();
  } catch (e) {
    if (!(e instanceof Enough)) error ??= { line: parser.line, column: parser.column + 1, message: (e as Error).message };
  }
  return error ? { values: [], error } : { values };
}
