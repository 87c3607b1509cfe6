/**
 * Document features for rules' `triggers`: a rule over a few Terraform resource types is not called
 * on the files (most of a large estate) that declare none of them, so several hundred such rules
 * cost a set lookup each per file rather than a call, a context and a search of the file's blocks.
 */
import type { ParsedDocument } from '../model/document.js';
import type { Rule } from '../model/rule.js';

/** `resource:<type>`, `data:<type>` and `module` (any module call) of a Terraform file's top-level blocks. */
export function hclFeature(blockType: string, label?: string): string {
  return blockType === 'module' ? 'module' : `${blockType}:${label ?? ''}`;
}

const featuresOf = new WeakMap<ParsedDocument, ReadonlySet<string>>();

/** The features a document has, or null where its kind has none (every rule then runs). */
export function documentFeatures(document: ParsedDocument): ReadonlySet<string> | null {
  if (document.format !== 'hcl') return null;
  let set = featuresOf.get(document);
  if (!set) {
    const s = new Set<string>();
    for (const b of document.hcl.blocks) s.add(hclFeature(b.type, b.labels[0]));
    featuresOf.set(document, (set = s));
  }
  return set;
}

/** Whether a rule can find anything in a document with these features. */
export function triggered(rule: Rule, features: ReadonlySet<string> | null): boolean {
  const triggers = rule.triggers;
  if (!triggers || !features) return true;
  for (let i = 0; i < triggers.length; i++) if (features.has(triggers[i])) return true;
  return false;
}
