import type { Rule } from '../../../src/model/rule.js';
import { entry, get, isSeq, str, type DataNode } from '../../../src/parsers/data/tree.js';
import { DATA_RESOURCE_V1, DATA_RESOURCE_V2, dirOf, isUrl, OPEN_DATA_STANDARDS, packageDoc, resolvePath } from './common.js';

/** Every local file a Data Package names (resource data, schema, dialect) is in the repository. */
const rule: Rule = {
  meta: {
    id: 'data-standards/datapackage-resource-missing',
    title: 'Data Package names a file that is not in the repository',
    description:
      'A Data Package resource\'s `path` (and a `schema` or `dialect` given as a path) must point at a file in the package. A missing or misspelt path (wrong case, a renamed folder, a file that was never committed) means the published dataset cannot be loaded or validated: consumers get a broken download and the data rows are never checked.',
    severity: 'medium',
    kinds: ['json', 'yaml'],
    messages: {
      missing: '{{what}} `{{path}}` of resource `{{name}}` is not in the repository{{hint}}; fix the path or commit the file.',
    },
    remediation: 'Correct the path (relative to the descriptor, with `/` separators and the file\'s exact case), or add the file to the repository.',
    references: [DATA_RESOURCE_V1, DATA_RESOURCE_V2],
    standards: OPEN_DATA_STANDARDS,
    equivalents: {},
    since: '0.1.0',
  },
  check(ctx) {
    const doc = packageDoc(ctx.document, ctx.file.path);
    if (!doc) return;
    const list = get(doc.root, 'resources');
    if (!isSeq(list)) return;
    const dir = dirOf(ctx.file.path);
    const files = ctx.project.files;
    const paths = new Set(files.map((f) => f.path));
    const lower = new Map(files.map((f) => [f.path.toLowerCase(), f.path]));
    list.items.forEach((r, i) => {
      const name = str(get(r, 'name')) ?? `#${i + 1}`;
      const check = (node: DataNode, what: string) => {
        const p = str(node);
        if (p === undefined || node.type !== 'scalar' || typeof node.value !== 'string' || isUrl(p)) return;
        const resolved = resolvePath(dir, p);
        // unsafe paths are datapackage-descriptor's
        if (resolved === undefined || paths.has(resolved)) return;
        const other = lower.get(resolved.toLowerCase());
        const base = resolved.slice(resolved.lastIndexOf('/') + 1);
        const elsewhere = files.find((f) => f.path.endsWith(`/${base}`) || f.path === base);
        const hint = other ? ` (there is \`${other}\`: paths are case-sensitive)` : elsewhere ? ` (there is \`${elsewhere.path}\`)` : '';
        ctx.report({ messageId: 'missing', offsets: [node.start, node.end], data: { what, path: p, name, hint } });
      };
      const path = get(r, 'path');
      for (const p of isSeq(path) ? path.items : path ? [path] : []) check(p, 'Data file');
      const schema = entry(r, 'schema');
      if (schema) check(schema.value, 'Table Schema');
      const dialect = entry(r, 'dialect');
      if (dialect) check(dialect.value, 'CSV dialect');
    });
  },
};
export default rule;
