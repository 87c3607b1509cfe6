import type { Rule } from '../../../src/model/rule.js';
import { entry, get, isMap, isSeq, str, type DataEntry, type DataMap, type DataNode } from '../../../src/parsers/data/tree.js';
import { DATA_PACKAGE_V1, DATA_PACKAGE_V2, DATA_RESOURCE_V1, DATA_RESOURCE_V2, isUrl, OPEN_DATA_STANDARDS, packageDoc } from './common.js';

/** v1 name pattern (a MUST in v1, a SHOULD in v2). */
const NAME = /^[a-z0-9._/-]+$/;
const PACKAGE_PROFILES = ['data-package', 'tabular-data-package', 'fiscal-data-package'];
const RESOURCE_PROFILES = ['data-resource', 'tabular-data-resource'];
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const CONTRIBUTOR_ROLES_V1 = ['author', 'publisher', 'maintainer', 'wrangler', 'contributor'];

const kindOf = (n: DataNode | undefined): string =>
  !n ? 'nothing' : n.type === 'map' ? 'an object' : n.type === 'seq' ? 'an array' : n.value === null ? 'null' : typeof n.value === 'number' ? 'a number' : typeof n.value === 'boolean' ? 'a boolean' : 'a string';
const isString = (n: DataNode | undefined) => n?.type === 'scalar' && typeof n.value === 'string';

/** The Data Package descriptor is valid: resources with names and data, paths inside the package, well-formed metadata. */
const rule: Rule = {
  meta: {
    id: 'data-standards/datapackage-descriptor',
    title: 'Data Package descriptor is not valid',
    description:
      'A Frictionless Data Package (`datapackage.json`) describes a dataset so that people and tools (CKAN, data.gov.uk harvesters, frictionless validate) can find, load and check it. The specification requires a `resources` array whose items each have a `name` and their data (`path` or inline `data`); paths must stay inside the package (no absolute paths or `../`), names follow a lower-case pattern and are unique, tabular resources carry a Table Schema, and metadata such as `licenses`, `sources` and `contributors` have a fixed shape. A descriptor that breaks these rules is rejected or misread by every tool that consumes it.',
    severity: 'medium',
    kinds: ['json', 'yaml'],
    messages: {
      notObject: 'The descriptor is {{actual}}; a Data Package descriptor is a JSON object with a `resources` array.',
      noResources: 'The Data Package has no `resources` array (or it is empty); list each data file as a resource: `{ "name": "…", "path": "data/….csv" }`.',
      wrongType: '`{{where}}` is {{actual}}; the specification expects {{expected}}.',
      resourceName: 'Resource {{index}} has no `name`; every resource needs a name unique within the package (lower-case letters, digits, `-`, `_`, `.`).',
      namePattern: '{{what}} name `{{name}}` is not lower-case letters, digits, `-`, `_`, `.` and `/`; rename it (e.g. `{{suggestion}}`).',
      duplicateName: 'Resource name `{{name}}` is used by resources {{first}} and {{index}}; resource names must be unique within the package.',
      noData: 'Resource `{{name}}` has neither `path` nor `data`; point `path` at its data file (or give the data inline as `data`).',
      pathAndData: 'Resource `{{name}}` has both `path` and `data`; a resource has one or the other.',
      unsafePath: 'Path `{{path}}` {{problem}}; paths in a Data Package (resource data and schemas, `image`, licence, source and contributor links) are relative POSIX paths inside the package (no absolute paths, `..` or backslashes) or http(s) URLs.',
      resourceProfile: 'Resource `{{name}}` is in a `tabular-data-package` but {{problem}}; every resource of a Tabular Data Package is a Tabular Data Resource (`"profile": "tabular-data-resource"`).',
      noSchema: 'Resource `{{name}}` is tabular ({{why}}) but has no `schema`; describe its columns with a Table Schema.',
      profile: '`{{where}}` is `{{value}}`, which is not a {{what}} profile ({{expected}}) nor a URL.',
      licence: 'Licence {{index}} has neither `name` nor `path`; give the licence\'s identifier (e.g. `"name": "OGL-UK-3.0"`) and/or its URL in `path`.',
      title: '{{what}} {{index}} has no `title`; the specification requires one (e.g. the organisation or person\'s name).',
      role: 'Contributor role `{{value}}` is not one of {{expected}}.',
      created: '`created` is `{{value}}`, not an RFC 3339 date-time; write it like `2025-04-01T09:00:00Z`.',
    },
    remediation: 'Fix the descriptor as the message says; run `frictionless validate datapackage.json` (or the Data Package profile\'s JSON Schema) in CI.',
    references: [DATA_PACKAGE_V1, DATA_RESOURCE_V1, DATA_PACKAGE_V2, DATA_RESOURCE_V2, 'https://www.gov.uk/government/publications/recommended-open-standards-for-government/tabular-data-standard'],
    standards: OPEN_DATA_STANDARDS,
    equivalents: {},
    since: '0.1.0',
  },
  check(ctx) {
    if (ctx.document.format !== 'data') return;
    const root0 = ctx.document.roots[0];
    if (root0 && !isMap(root0) && /(^|\/)([^/]+\.)?datapackage\.(json|ya?ml)$/i.test(ctx.file.path)) {
      ctx.report({ messageId: 'notObject', offsets: [root0.start, root0.start + 1], data: { actual: kindOf(root0) } });
      return;
    }
    const doc = packageDoc(ctx.document, ctx.file.path);
    if (!doc) return;
    const { root, v2 } = doc;
    // v2 relaxes the name patterns to a SHOULD
    const patternSeverity = v2 ? 'low' : undefined;
    const at = (e: DataEntry | DataNode) => ('key' in e ? ([e.key.start, e.key.end] as [number, number]) : ([e.start, e.start + 1] as [number, number]));
    const report = (messageId: string, where: DataEntry | DataNode, data: Record<string, string | number> = {}, severity?: 'low') =>
      ctx.report({ messageId, offsets: at(where), data, ...(severity ? { severity } : {}) });
    const wrongType = (e: DataEntry | undefined, where: string, expected: string, good: (n: DataNode) => boolean): boolean => {
      if (!e || good(e.value)) return false;
      report('wrongType', e, { where, actual: kindOf(e.value), expected });
      return true;
    };

    // package metadata
    const name = entry(root, 'name');
    if (!wrongType(name, 'name', 'a string', isString) && name) {
      const n = str(name.value)!;
      if (!NAME.test(n)) report('namePattern', name.value, { what: 'Package', name: n, suggestion: slug(n) }, patternSeverity);
    }
    for (const k of ['id', 'title', 'description', 'homepage', 'version', 'image']) wrongType(entry(root, k), k, 'a string', isString);
    checkPath(entry(root, 'image'));
    wrongType(entry(root, 'keywords'), 'keywords', 'an array of strings', (n) => isSeq(n) && n.items.every(isString));
    const created = entry(root, 'created');
    if (created && isString(created.value) && !RFC3339.test(str(created.value)!)) report('created', created.value, { value: str(created.value)! }, 'low');
    const profile = entry(root, 'profile');
    const pv = str(profile?.value);
    if (profile && pv !== undefined && !PACKAGE_PROFILES.includes(pv) && !isUrl(pv)) report('profile', profile.value, { where: 'profile', value: pv, what: 'Data Package', expected: PACKAGE_PROFILES.join(', ') }, 'low');
    checkLicences(entry(root, 'licenses'), 'licenses');
    checkPeople(entry(root, 'sources'), 'sources', 'Source');
    checkPeople(entry(root, 'contributors'), 'contributors', 'Contributor');

    // resources
    const res = entry(root, 'resources');
    if (!res || (isSeq(res.value) && res.value.items.length === 0)) {
      report('noResources', res ?? root);
      return;
    }
    if (wrongType(res, 'resources', 'an array of resource objects', isSeq) || !isSeq(res.value)) return;
    const tabularPackage = pv === 'tabular-data-package' || /\/tabular-data-package(\.json)?$/.test(pv ?? '');
    const names = new Map<string, number>();
    res.value.items.forEach((r, i) => {
      const index = i + 1;
      if (!isMap(r)) {
        report('wrongType', r, { where: `resources[${i}]`, actual: kindOf(r), expected: 'a resource object' });
        return;
      }
      checkResource(r, i, index);
    });

    function checkResource(r: DataMap, i: number, index: number): void {
      const where = (k: string) => `resources[${i}].${k}`;
      const nameEntry = entry(r, 'name');
      let rname = `#${index}`;
      if (!nameEntry) report('resourceName', r.entries[0] ?? r, { index });
      else if (!wrongType(nameEntry, where('name'), 'a string', isString)) {
        rname = str(nameEntry.value)!;
        if (!NAME.test(rname)) report('namePattern', nameEntry.value, { what: 'Resource', name: rname, suggestion: slug(rname) }, patternSeverity);
        const prev = names.get(rname);
        if (prev) report('duplicateName', nameEntry.value, { name: rname, first: prev, index });
        else names.set(rname, index);
      }
      const path = entry(r, 'path');
      const data = entry(r, 'data');
      if (!path && !data) report('noData', r.entries[0] ?? r, { name: rname });
      if (path && data) report('pathAndData', data, { name: rname });
      if (path && !wrongType(path, where('path'), 'a string or a non-empty array of strings', (n) => isString(n) || (isSeq(n) && n.items.length > 0 && n.items.every(isString)))) {
        for (const p of isSeq(path.value) ? path.value.items : [path.value]) {
          const s = str(p)!;
          const problem = pathProblem(s);
          if (problem) report('unsafePath', p, { path: s, problem });
        }
      }
      const schema = entry(r, 'schema');
      wrongType(schema, where('schema'), 'a Table Schema object or a path/URL to one', (n) => isMap(n) || isString(n));
      if (isString(schema?.value)) {
        const s = str(schema!.value)!;
        const problem = isUrl(s) ? undefined : pathProblem(s);
        if (problem) report('unsafePath', schema!.value, { path: s, problem });
      }
      wrongType(entry(r, 'dialect'), where('dialect'), 'a CSV Dialect object or a path/URL to one', (n) => isMap(n) || isString(n));
      for (const k of ['title', 'description', 'format', 'mediatype', 'encoding', 'hash']) wrongType(entry(r, k), where(k), 'a string', isString);
      wrongType(entry(r, 'bytes'), where('bytes'), 'an integer', (n) => n.type === 'scalar' && Number.isInteger(n.value));
      const rp = entry(r, 'profile');
      const rpv = str(rp?.value);
      if (rp && rpv !== undefined && !RESOURCE_PROFILES.includes(rpv) && !isUrl(rpv)) report('profile', rp.value, { where: where('profile'), value: rpv, what: 'Data Resource', expected: RESOURCE_PROFILES.join(', ') }, 'low');
      const tabularProfile = rpv === 'tabular-data-resource' || /\/tabular-data-resource(\.json)?$/.test(rpv ?? '');
      const tabular = tabularProfile ? '`profile: tabular-data-resource`' : str(get(r, 'type')) === 'table' ? '`type: table`' : tabularPackage ? 'the package is a `tabular-data-package`' : undefined;
      if (tabular && !schema) report('noSchema', nameEntry ?? r.entries[0] ?? r, { name: rname, why: tabular });
      // v1 Tabular Data Package: its resources MUST be Tabular Data Resources (v2 has no such profile)
      if (tabularPackage && !v2 && !tabularProfile) {
        report('resourceProfile', rp ?? nameEntry ?? r.entries[0] ?? r, { name: rname, problem: rp ? `its \`profile\` is \`${rpv ?? kindOf(rp.value)}\`` : 'it has no `profile`' }, 'low');
      }
      checkLicences(entry(r, 'licenses'), where('licenses'));
      checkPeople(entry(r, 'sources'), where('sources'), 'Source');
    }

    /** A metadata link (`image`, a licence's, source's or contributor's `path`): a relative path inside the package or an http(s) URL. */
    function checkPath(e: DataEntry | undefined): void {
      if (!e || !isString(e.value)) return;
      const problem = pathProblem(str(e.value)!);
      if (problem) report('unsafePath', e.value, { path: str(e.value)!, problem });
    }

    function checkLicences(e: DataEntry | undefined, where: string): void {
      if (!e || wrongType(e, where, 'an array of licence objects', isSeq) || !isSeq(e.value)) return;
      e.value.items.forEach((l, i) => {
        if (!isMap(l)) report('wrongType', l, { where: `${where}[${i}]`, actual: kindOf(l), expected: 'an object with `name` and/or `path`' });
        else {
          if (!entry(l, 'name') && !entry(l, 'path')) report('licence', l.entries[0] ?? l, { index: i + 1 });
          checkPath(entry(l, 'path'));
        }
      });
    }

    function checkPeople(e: DataEntry | undefined, where: string, what: string): void {
      if (!e || wrongType(e, where, `an array of ${what.toLowerCase()} objects`, isSeq) || !isSeq(e.value)) return;
      e.value.items.forEach((p, i) => {
        if (!isMap(p)) {
          report('wrongType', p, { where: `${where}[${i}]`, actual: kindOf(p), expected: 'an object' });
          return;
        }
        // v1 requires a title; v2 contributors may give givenName/familyName instead
        if (!entry(p, 'title') && !(v2 && (entry(p, 'givenName') || entry(p, 'familyName') || entry(p, 'organization')))) report('title', p.entries[0] ?? p, { what, index: i + 1 }, v2 ? 'low' : undefined);
        checkPath(entry(p, 'path'));
        const role = entry(p, 'role');
        if (!v2 && role && isString(role.value) && !CONTRIBUTOR_ROLES_V1.includes(str(role.value)!)) report('role', role.value, { value: str(role.value)!, expected: CONTRIBUTOR_ROLES_V1.join(', ') }, 'low');
      });
    }
  },
};

/** Why a descriptor path is not a safe relative path (or a URL), or undefined. */
export function pathProblem(p: string): string | undefined {
  if (p === '') return 'is empty';
  if (isUrl(p)) return /^https?:\/\//i.test(p) ? undefined : 'is a URL that is not http(s)';
  if (p.startsWith('/') || /^[a-z]:[\\/]/i.test(p)) return 'is absolute';
  // a scheme without `//` (`mailto:`, `javascript:`, `data:`); a one-letter one is a Windows drive
  if (/^[a-z][a-z0-9+.-]+:/i.test(p)) return 'is a URL that is not http(s)';
  if (p.split(/[\\/]/).includes('..')) return 'climbs out of the package with `..`';
  if (p.includes('\\')) return 'uses backslashes';
  return undefined;
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9._/-]+/g, '-').replace(/^-+|-+$/g, '') || 'my-dataset';
}

export default rule;
