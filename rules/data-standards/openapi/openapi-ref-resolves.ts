import type { Rule } from '../../../src/model/rule.js';
import { isMap, isScalar, walk, type DataNode, type DataScalar } from '../../../src/parsers/data/tree.js';
import { at, atPointer, oasDocs, pointerKeys } from '../../../src/openapi/model.js';
import { API_STANDARDS, OAS_SPEC, SPECTRAL_OAS } from './common.js';

function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

/** Join a relative reference to a directory, normalising `.` and `..`. */
function join(dir: string, rel: string): string | undefined {
  const out = dir ? dir.split('/') : [];
  for (const part of rel.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (!out.length) return undefined;
      out.pop();
    } else out.push(part);
  }
  return out.join('/');
}

/** Every `$ref` points at something that exists. */
const rule: Rule = {
  meta: {
    id: 'data-standards/openapi-ref-resolves',
    title: 'OpenAPI $ref does not resolve',
    description:
      'A `$ref` that points at a component or file that does not exist makes the whole description invalid: documentation renders an empty schema, code generators fail, and validators either stop or silently accept anything for that part of the API.',
    severity: 'medium',
    kinds: ['openapi'],
    messages: {
      local: '`$ref: {{ref}}` does not resolve in this document; fix the pointer or add the component.',
      file: '`$ref: {{ref}}` points at {{target}}, {{problem}}; fix the reference.',
    },
    remediation: 'Correct the reference (JSON pointer escapes: `~1` for `/`, `~0` for `~`) or add the missing component or file.',
    references: [`${OAS_SPEC}#reference-object`, 'https://www.rfc-editor.org/rfc/rfc6901', SPECTRAL_OAS],
    standards: API_STANDARDS,
    equivalents: { spectral: ['invalid-ref'] },
    since: '0.1.0',
  },
  async check(ctx) {
    for (const doc of oasDocs(ctx.document)) {
      const refs: DataScalar[] = [];
      walk(doc.root, (node, path) => {
        const last = path[path.length - 1];
        if (last === 'example') return false;
        if (last === 'value' && path[path.length - 3] === 'examples') return false;
        if (!isMap(node)) return undefined;
        for (const e of node.entries) if (String(e.key.value) === '$ref' && isScalar(e.value) && typeof e.value.value === 'string') refs.push(e.value);
        return undefined;
      });
      for (const r of refs) {
        const ref = String(r.value);
        if (/^[a-z][a-z0-9+.-]*:/i.test(ref)) continue; // absolute URLs (https:, urn:) are not checked
        const hash = ref.indexOf('#');
        const file = hash < 0 ? ref : ref.slice(0, hash);
        const fragment = hash < 0 ? '' : ref.slice(hash);
        if (!file) {
          const keys = pointerKeys(fragment);
          if (!keys || atPointer(doc.root, keys) === undefined) ctx.report({ messageId: 'local', offsets: at(r), data: { ref } });
          continue;
        }
        let decoded = file;
        try {
          decoded = decodeURIComponent(file);
        } catch {
          /* keep */
        }
        const target = join(dirname(ctx.file.path), decoded);
        if (target === undefined) continue;
        if (!ctx.project.files.some((f) => f.path === target)) continue; // not in the scan: cannot tell
        const loaded = await ctx.project.load(target);
        if (!loaded || loaded.document.format !== 'data') continue;
        const root: DataNode | null | undefined = loaded.document.roots[0];
        if (!root) continue;
        const keys = pointerKeys(fragment);
        if (keys && atPointer(root, keys) === undefined) ctx.report({ messageId: 'file', offsets: at(r), data: { ref, target: `\`${target}\``, problem: `which has nothing at \`${fragment}\`` } });
      }
    }
  },
};
export default rule;
