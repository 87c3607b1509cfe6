import type { Rule } from '../../../src/model/rule.js';
import { entry, get, isMap, isScalar, isSeq, isTrue, str, type DataMap, type DataNode } from '../../../src/parsers/data/tree.js';
import { at, keyAt, oasDocs, operations, parametersOf, pathEntries, refOf, resolve, responseEntries, schemas, type OasDoc, type Operation } from '../../../src/openapi/model.js';
import { API_STANDARDS, GDS_API_STANDARDS, OAS30_SPEC, OAS_SPEC } from './common.js';

const PARAM_IN: Record<string, Set<string>> = {
  '2.0': new Set(['query', 'header', 'path', 'formData', 'body']),
  '3.0': new Set(['query', 'header', 'path', 'cookie']),
  '3.1': new Set(['query', 'header', 'path', 'cookie']),
  // OpenAPI 3.2 adds `querystring` (the whole query string as one parameter described by `content`)
  '3.2': new Set(['query', 'querystring', 'header', 'path', 'cookie']),
};
const STATUS = /^([1-5](\d\d|XX)|default)$/;

/**
 * The parameter names templated in a path. A template written with RFC 6570 decoration
 * (`{;id}` for matrix style, `{?q*}`, `{.ext}`) names the parameter without its operator and
 * explode modifier, as tools that accept such paths read it.
 */
function templateNames(path: string): string[] {
  return [...path.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1].replace(/^[;?&.+#/]+/, '').replace(/\*$/, ''));
}

/** The fields the OpenAPI specification requires, checked where the official schema would fail. */
const rule: Rule = {
  meta: {
    id: 'data-standards/openapi-structure',
    title: 'OpenAPI description is not structurally valid',
    description:
      'An OpenAPI description that is missing fields the specification requires (info.title, info.version, paths, operation responses, parameter name and location), whose path templates and path parameters disagree, that has two paths differing only in template names (`/a/{id}` and `/a/{name}`), that lists a parameter twice, that has more than one body (or a body and form fields) in Swagger 2.0, or an OpenAPI 3.0 array schema without `items`, cannot be used to generate clients, documentation or contract tests, and tools reject or misread it. The GDS API technical and data standards ask for APIs to be described with OpenAPI so that others can rely on the description.',
    severity: 'medium',
    kinds: ['openapi'],
    messages: {
      version: 'The `{{key}}` version is {{actual}}; write it as a quoted string such as "3.0.3" or "3.1.0" (swagger: "2.0").',
      missing: '`{{parent}}` has no `{{field}}`, which the OpenAPI specification requires; add it.',
      notString: '`{{field}}` must be a string, found {{actual}}; quote the value (e.g. "1.0").',
      pathKey: 'Path `{{path}}` does not start with `/`; path keys must be relative paths beginning with a slash.',
      noResponses: 'The {{method}} operation on {{path}} has no `responses`; document at least one response.',
      emptyResponses: 'The {{method}} operation on {{path}} has an empty `responses` map; document at least one response.',
      statusKey: 'Response key `{{status}}` is not an HTTP status code (100–599), a range such as `4XX`, or `default`; quote status codes and use a valid one.',
      responseDescription: 'Response `{{status}}` has no `description`, which is required; add a short description.',
      paramIn: 'Parameter `{{name}}` has `in: {{actual}}`; use one of {{expected}}.',
      pathRequired: 'Path parameter `{{name}}` must have `required: true` (path parameters are always required).',
      undeclared: 'Path `{{path}}` uses template `{{template}}` but the {{method}} operation declares no `in: path` parameter named `{{name}}`; declare it.',
      unused: 'Path parameter `{{name}}` is not a template in path `{{path}}`; add `{{template}}` to the path or remove the parameter.',
      equivalentPath: 'Path `{{path}}` differs from `{{other}}` only in the names of its templates, so both match the same requests; the specification forbids such paths. Merge them into one path.',
      paramSchema: 'Parameter `{{name}}` has neither `schema` nor `content`; OpenAPI 3 requires one of them.',
      duplicateParam: 'Parameter `{{name}}` (`in: {{in}}`) is listed twice in the same `parameters` list; a parameter is identified by its name and location, so remove or rename one.',
      bodyCount: 'The {{method}} operation on {{path}} has {{count}} `in: body` parameters; Swagger 2.0 allows at most one, so describe the whole payload with one body parameter\'s schema.',
      bodyAndForm: 'The {{method}} operation on {{path}} has both an `in: body` and an `in: formData` parameter; Swagger 2.0 does not allow both, so send the payload one way.',
      arrayItems: 'Schema with `type: array` has no `items`; OpenAPI 3.0 requires `items` for arrays, so describe the element type (e.g. `items: { type: string }`).',
    },
    remediation: 'Add the required fields and make each `{name}` in a path match an `in: path`, `required: true` parameter; keep one parameter per name and location, and give every 3.0 array schema its `items`. Validate with an OpenAPI validator (e.g. Spectral\'s `oas` ruleset) in CI.',
    references: [OAS_SPEC, OAS30_SPEC, 'https://swagger.io/specification/v2/', GDS_API_STANDARDS],
    standards: API_STANDARDS,
    equivalents: { spectral: ['path-params'] },
    since: '0.1.0',
  },
  check(ctx) {
    for (const doc of oasDocs(ctx.document)) {
      const report = (messageId: string, offsets: [number, number], data: Record<string, string> = {}) => ctx.report({ messageId, offsets, data });
      const ve = doc.versionEntry;
      const vkey = String(ve.key.value);
      const v = ve.value;
      if (!isScalar(v) || typeof v.value !== 'string' || (vkey === 'openapi' ? !/^3\.\d+\.\d+(-.+)?$/.test(v.value) : v.value !== '2.0')) {
        report('version', at(v), { key: vkey, actual: describe(v) });
      }
      const rootStart: [number, number] = keyAt(ve);
      const info = entry(doc.root, 'info');
      if (!info) report('missing', rootStart, { parent: 'root', field: 'info' });
      else if (isMap(info.value)) {
        for (const field of ['title', 'version']) {
          const f = entry(info.value, field);
          if (!f) report('missing', keyAt(info), { parent: 'info', field });
          else if (!isScalar(f.value) || typeof f.value.value !== 'string') report('notString', at(f.value), { field: `info.${field}`, actual: describe(f.value) });
        }
      }
      const paths = entry(doc.root, 'paths');
      if (!paths && (doc.version !== '3.1' || (!entry(doc.root, 'components') && !entry(doc.root, 'webhooks')))) {
        report('missing', rootStart, { parent: 'root', field: doc.version === '3.1' ? 'paths`, `components` or `webhooks' : 'paths' });
      }
      const shapes = new Map<string, string>();
      for (const pe of pathEntries(doc)) {
        const p = String(pe.key.value);
        if (!p.startsWith('/')) report('pathKey', keyAt(pe), { path: p });
        // "Templated paths with the same hierarchy but different templated names MUST NOT exist as they are identical."
        if (!/\{[^{}]+\}/.test(p)) continue;
        const shape = p.replace(/\{[^{}]+\}/g, '{}');
        const other = shapes.get(shape);
        if (other !== undefined && other !== p) report('equivalentPath', keyAt(pe), { path: p, other });
        else shapes.set(shape, p);
      }
      checkOperations(doc, report);
      checkParameterObjects(doc, report);
      checkArrayItems(doc, report);
    }
  },
};

type Report = (messageId: string, offsets: [number, number], data?: Record<string, string>) => void;

function describe(n: DataNode): string {
  if (!isScalar(n)) return `a ${n.type === 'map' ? 'map' : 'list'}`;
  return typeof n.value === 'string' ? `"${n.value}"` : `${String(n.value)} (${n.value === null ? 'null' : typeof n.value})`;
}

function checkOperations(doc: OasDoc, report: Report): void {
  for (const o of operations(doc)) {
    const data = { method: o.method.toUpperCase(), path: o.path };
    const responses = entry(o.op, 'responses');
    if (!responses) {
      if (doc.version !== '3.1') report('noResponses', keyAt(o.entry), data);
    } else if (isMap(responses.value)) {
      const codes = responseEntries(doc, o.op);
      if (codes.length === 0) report('emptyResponses', keyAt(responses), data);
      for (const r of codes) {
        const status = String(r.key.value);
        if (!STATUS.test(status)) {
          report('statusKey', keyAt(r), { status });
          continue;
        }
        if (isMap(r.value) && refOf(r.value) === undefined && !entry(r.value, 'description')) report('responseDescription', keyAt(r), { status });
      }
    }
    checkDuplicateParameters(doc, get(o.op, 'parameters'), report);
    if (doc.version === '2.0') checkBodyParameters(doc, o, report);
    // Path templates and path parameters.
    const templates = templateNames(o.path);
    const params = parametersOf(doc, o);
    const pathParams = params.filter((p) => str(get(p.param, 'in')) === 'path');
    const names = new Set(pathParams.map((p) => str(get(p.param, 'name'))));
    for (const t of templates) if (!names.has(t)) report('undeclared', keyAt(o.entry), { ...data, name: t, template: `{${t}}` });
    const opParams = get(o.op, 'parameters');
    for (const p of pathParams) {
      const name = str(get(p.param, 'name')) ?? '';
      if (templates.includes(name)) continue;
      // Report a path-level parameter once, on the path, rather than on every operation.
      const own = isSeq(opParams) && opParams.items.includes(p.node);
      if (own) report('unused', at(p.node), { name, path: o.path, template: `{${name}}` });
    }
  }
  // Path-level path parameters not used by the template.
  for (const pe of pathEntries(doc)) {
    const item = resolve(doc.root, pe.value);
    const list = get(item, 'parameters');
    if (!isSeq(list)) continue;
    checkDuplicateParameters(doc, list, report);
    const path = String(pe.key.value);
    const templates = templateNames(path);
    for (const node of list.items) {
      const p = resolve(doc.root, node);
      if (!isMap(p) || str(get(p, 'in')) !== 'path') continue;
      const name = str(get(p, 'name')) ?? '';
      if (!templates.includes(name)) report('unused', at(node), { name, path, template: `{${name}}` });
    }
  }
}

/** Every parameter object written in the document (operations, path items, components). */
function checkParameterObjects(doc: OasDoc, report: Report): void {
  const lists: DataNode[] = [];
  for (const pe of pathEntries(doc)) {
    if (!isMap(pe.value)) continue;
    lists.push(...paramItems(get(pe.value, 'parameters')));
    for (const e of pe.value.entries) if (isMap(e.value)) lists.push(...paramItems(get(e.value, 'parameters')));
  }
  const reusable = doc.version === '2.0' ? get(doc.root, 'parameters') : get(get(doc.root, 'components'), 'parameters');
  if (isMap(reusable)) lists.push(...reusable.entries.map((e) => e.value));
  for (const node of lists) {
    if (!isMap(node) || refOf(node) !== undefined) continue;
    checkParameter(doc, node, report);
  }
}

/** A document declaring OpenAPI 3.2 or later (the model treats it as 3.1 otherwise). */
function isOas32OrLater(doc: OasDoc): boolean {
  const m = /^3\.(\d+)\./.exec(str(doc.versionEntry.value) ?? '');
  return m !== null && Number(m[1]) >= 2;
}

/** Within one `parameters` list, a second parameter with the same name and location (references resolved). */
function checkDuplicateParameters(doc: OasDoc, list: DataNode | undefined, report: Report): void {
  if (!isSeq(list)) return;
  const seen = new Set<string>();
  for (const node of list.items) {
    const p = resolve(doc.root, node);
    const name = str(get(p, 'name'));
    const where = str(get(p, 'in'));
    if (name === undefined || where === undefined) continue;
    const key = `${name}\u0000${where}`;
    if (seen.has(key)) report('duplicateParam', at(node), { name, in: where });
    seen.add(key);
  }
}

/** Swagger 2.0: at most one body parameter, and never a body with form parameters (path-level ones included). */
function checkBodyParameters(doc: OasDoc, o: Operation, report: Report): void {
  const ins = parametersOf(doc, o).map((p) => str(get(p.param, 'in')));
  const bodies = ins.filter((i) => i === 'body').length;
  const data = { method: o.method.toUpperCase(), path: o.path };
  if (bodies > 1) report('bodyCount', keyAt(o.entry), { ...data, count: String(bodies) });
  else if (bodies === 1 && ins.includes('formData')) report('bodyAndForm', keyAt(o.entry), data);
}

/** OpenAPI 3.0: "`items` MUST be present if the `type` is `array`" (3.1 follows JSON Schema, where it is optional). */
function checkArrayItems(doc: OasDoc, report: Report): void {
  if (doc.version !== '3.0') return;
  for (const v of schemas(doc)) {
    const type = entry(v.schema, 'type');
    if (type && str(type.value) === 'array' && !entry(v.schema, 'items')) report('arrayItems', keyAt(type));
  }
}

function paramItems(n: DataNode | undefined): DataNode[] {
  return isSeq(n) ? n.items : [];
}

function checkParameter(doc: OasDoc, p: DataMap, report: Report): void {
  const name = entry(p, 'name');
  const where = entry(p, 'in');
  const label = str(name?.value) ?? '(unnamed)';
  const first: [number, number] = p.entries.length ? keyAt(p.entries[0]) : at(p);
  if (!name) report('missing', first, { parent: 'parameter', field: 'name' });
  if (!where) {
    report('missing', first, { parent: `parameter ${label}`, field: 'in' });
    return;
  }
  const inValue = str(where.value) ?? '';
  const allowed = PARAM_IN[isOas32OrLater(doc) ? '3.2' : doc.version];
  if (!allowed.has(inValue)) {
    report('paramIn', at(where.value), { name: label, actual: inValue, expected: [...allowed].join(', ') });
    return;
  }
  if (inValue === 'path' && !isTrue(get(p, 'required'))) report('pathRequired', get(p, 'required') ? at(get(p, 'required')!) : at(where.value), { name: label });
  if (doc.version !== '2.0' && !entry(p, 'schema') && !entry(p, 'content')) report('paramSchema', first, { name: label });
}

export default rule;
