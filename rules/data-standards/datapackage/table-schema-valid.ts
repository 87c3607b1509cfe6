import type { Rule } from '../../../src/model/rule.js';
import { entry, get, isMap, isSeq, str, type DataEntry, type DataMap, type DataNode } from '../../../src/parsers/data/tree.js';
import { isV2, OPEN_DATA_STANDARDS, packageDoc, packageIndex, resources, TABLE_SCHEMA_V1, TABLE_SCHEMA_V2 } from './common.js';
import { castCell, compilePattern, FIELD_TYPES, readField, TYPE_FORMATS, type Field } from './table-schema.js';

const FIELDS_MATCH = ['exact', 'equal', 'subset', 'superset', 'partial'];
const ORDERED = new Set(['number', 'integer', 'date', 'time', 'datetime', 'year', 'yearmonth', 'duration']);
const SIZED = new Set(['string', 'array', 'object', 'list', 'geojson']);

const isString = (n: DataNode | undefined) => n?.type === 'scalar' && typeof n.value === 'string';
const names = (n: DataNode | undefined): { name: string; node: DataNode }[] =>
  isString(n) ? [{ name: str(n)!, node: n! }] : isSeq(n) ? n.items.filter(isString).map((i) => ({ name: str(i)!, node: i })) : [];

/** Standalone Table Schema files by name or declared profile. */
function isSchemaFile(path: string, root: DataMap): boolean {
  if (/(^|\/)([^/]+[.-])?table-?schema\.(json|ya?ml)$/i.test(path)) return true;
  const s = str(get(root, '$schema')) ?? str(get(root, 'profile')) ?? '';
  return /table-?schema/i.test(s) || s === 'tableschema';
}

/** Table Schemas (inline in a Data Package, or a schema file) are well formed. */
const rule: Rule = {
  meta: {
    id: 'data-standards/table-schema-valid',
    title: 'Table Schema is not valid',
    description:
      'A Frictionless Table Schema describes a table\'s columns: each field\'s `name`, `type` (string, number, integer, boolean, date, datetime, …), `format` and `constraints`, plus the table\'s `primaryKey`, `foreignKeys` and `missingValues`. An unknown type or format, a constraint of the wrong kind, or a key naming a field that does not exist makes validators reject the schema, so the data it was meant to check is published unchecked.',
    severity: 'medium',
    kinds: ['json', 'yaml'],
    messages: {
      noFields: 'The Table Schema has no `fields` array (or it is empty); describe each column: `{ "name": "…", "type": "…" }`.',
      wrongType: '`{{where}}` is {{actual}}; the specification expects {{expected}}.',
      fieldName: 'Field {{index}} has no `name`; every field names its column.',
      duplicateField: 'Field name `{{name}}` is used by fields {{first}} and {{index}}; field names must be unique.',
      unknownType: 'Field `{{name}}` has type `{{value}}`, which is not a Table Schema type ({{expected}}).',
      unknownFormat: 'Field `{{name}}` ({{type}}) has format `{{value}}`, which is not a format of that type ({{expected}}).',
      badConstraint: 'Field `{{name}}`: constraint `{{constraint}}` {{problem}}.',
      primaryKey: '`primaryKey` names `{{value}}`, which is not a field of this schema; list field names.',
      foreignKey: 'Foreign key {{index}}: {{problem}}.',
      fieldsMatch: '`fieldsMatch` is `{{value}}`; use one of {{expected}}.',
      misplacedConstraint: 'Field `{{name}}` has `{{constraint}}` beside its `type`, where the specification does not read it, so the constraint is not applied; move it into `constraints` (`"constraints": { "{{constraint}}": … }`).',
      badExample: 'Field `{{name}}` has `example` `{{value}}`, which is not a valid {{type}}{{format}}; give an example the field accepts.',
    },
    remediation: 'Fix the field or key the message names; validate the package with `frictionless validate` in CI.',
    references: [TABLE_SCHEMA_V1, TABLE_SCHEMA_V2],
    standards: OPEN_DATA_STANDARDS,
    equivalents: {},
    since: '0.1.0',
  },
  async check(ctx) {
    if (ctx.document.format !== 'data') return;
    const root = ctx.document.roots[0];
    if (!isMap(root)) return;
    const pkg = packageDoc(ctx.document, ctx.file.path);
    if (pkg) {
      for (const r of resources(pkg.root)) {
        const s = entry(r.resource, 'schema');
        if (s && isMap(s.value)) checkSchema(s.value, s, pkg.root, pkg.v2);
      }
      return;
    }
    const referenced = (await packageIndex(ctx.project)).schemaFiles.get(ctx.file.path);
    if (!referenced && !isSchemaFile(ctx.file.path, root)) return;
    checkSchema(root, undefined, undefined, isV2(root));

    function checkSchema(schema: DataMap, at: DataEntry | undefined, pkgRoot: DataMap | undefined, v2: boolean): void {
      const report = (messageId: string, where: DataEntry | DataNode, data: Record<string, string | number>, severity?: 'low') =>
        ctx.report({ messageId, offsets: 'key' in where ? [where.key.start, where.key.end] : [where.start, where.start + 1], data, ...(severity ? { severity } : {}) });
      const kind = (n: DataNode) => (n.type === 'map' ? 'an object' : n.type === 'seq' ? 'an array' : n.value === null ? 'null' : `a ${typeof n.value}`);
      const fieldsEntry = entry(schema, 'fields');
      if (!fieldsEntry || (isSeq(fieldsEntry.value) && fieldsEntry.value.items.length === 0)) {
        report('noFields', fieldsEntry ?? at ?? schema.entries[0] ?? schema, {});
        return;
      }
      if (!isSeq(fieldsEntry.value)) {
        report('wrongType', fieldsEntry, { where: 'fields', actual: kind(fieldsEntry.value), expected: 'an array of field objects' });
        return;
      }
      const mv = entry(schema, 'missingValues');
      if (mv && !(isSeq(mv.value) && mv.value.items.every((i) => isString(i) || (v2 && isMap(i) && isString(get(i, 'value')))))) {
        report('wrongType', mv, { where: 'missingValues', actual: kind(mv.value), expected: 'an array of strings' });
      }
      const seen = new Map<string, number>();
      const fieldNames = new Set<string>();
      fieldsEntry.value.items.forEach((node, i) => {
        const index = i + 1;
        if (!isMap(node)) {
          report('wrongType', node, { where: `fields[${i}]`, actual: kind(node), expected: 'a field object' });
          return;
        }
        const nameEntry = entry(node, 'name');
        if (!nameEntry || !isString(nameEntry.value)) {
          if (nameEntry) report('wrongType', nameEntry, { where: `fields[${i}].name`, actual: kind(nameEntry.value), expected: 'a string' });
          else report('fieldName', node.entries[0] ?? node, { index });
          return;
        }
        const name = str(nameEntry.value)!;
        fieldNames.add(name);
        const prev = seen.get(name);
        if (prev) report('duplicateField', nameEntry.value, { name, first: prev, index }, v2 ? undefined : 'low');
        else seen.set(name, index);
        checkField(node, name, i);
      });
      for (const { name, node } of names(get(schema, 'primaryKey'))) if (!fieldNames.has(name)) report('primaryKey', node, { value: name });
      const pkEntry = entry(schema, 'primaryKey');
      if (pkEntry && !isString(pkEntry.value) && !(isSeq(pkEntry.value) && pkEntry.value.items.every(isString))) {
        report('wrongType', pkEntry, { where: 'primaryKey', actual: kind(pkEntry.value), expected: 'a field name or an array of field names' });
      }
      const fm = entry(schema, 'fieldsMatch');
      if (fm && !FIELDS_MATCH.includes(str(fm.value) ?? '')) report('fieldsMatch', fm.value, { value: str(fm.value) ?? kind(fm.value), expected: FIELDS_MATCH.join(', ') });
      checkForeignKeys();

      function checkField(node: DataMap, name: string, i: number): void {
        const typeEntry = entry(node, 'type');
        const type = str(typeEntry?.value) ?? 'string';
        if (typeEntry && !(FIELD_TYPES as readonly string[]).includes(type)) {
          report('unknownType', typeEntry.value, { name, value: type, expected: FIELD_TYPES.filter((t) => v2 || t !== 'list').join(', ') });
          return;
        }
        const formatEntry = entry(node, 'format');
        if (formatEntry && !isString(formatEntry.value)) report('wrongType', formatEntry, { where: `fields[${i}].format`, actual: kind(formatEntry.value), expected: 'a string' });
        const format = str(formatEntry?.value);
        if (formatEntry && format !== undefined && format !== 'default') {
          const temporal = ['date', 'time', 'datetime'].includes(type);
          const allowed = TYPE_FORMATS[type] ?? ['default'];
          const ok = temporal ? format === 'any' || format.includes('%') : allowed.includes(format);
          if (!ok) report('unknownFormat', formatEntry.value, { name, type, value: format, expected: temporal ? '`default`, `any` or a strptime pattern such as `%d/%m/%Y`' : allowed.map((f) => `\`${f}\``).join(', ') });
        }
        for (const k of ['trueValues', 'falseValues']) {
          const e = entry(node, k);
          if (e && !(isSeq(e.value) && e.value.items.every(isString))) report('wrongType', e, { where: `fields[${i}].${k}`, actual: kind(e.value), expected: 'an array of strings' });
        }
        // constraints written as field properties are not part of the field descriptor, so nothing enforces them
        for (const k of ['required', 'unique', 'enum', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum']) {
          const e = entry(node, k);
          if (e) report('misplacedConstraint', e, { name, constraint: k });
        }
        const example = entry(node, 'example');
        if (example && isString(example.value) && (!formatEntry || isString(formatEntry.value))) {
          const f = readField(node, ['']) as Field;
          const v = str(example.value)!;
          if (!f.missingValues.includes(v) && !castCell(f, v).ok) report('badExample', example.value, { name, value: v, type, format: format && format !== 'default' ? ` in format \`${format}\`` : '' }, 'low');
        }
        const c = entry(node, 'constraints');
        if (!c) return;
        if (!isMap(c.value)) {
          report('wrongType', c, { where: `fields[${i}].constraints`, actual: kind(c.value), expected: 'an object' });
          return;
        }
        const field = readField(node, ['']) as Field;
        const bad = (e: DataEntry, problem: string, severity?: 'low') => report('badConstraint', e, { name, constraint: String(e.key.value), problem }, severity);
        for (const e of c.value.entries) {
          const k = String(e.key.value);
          const v = e.value;
          switch (k) {
            case 'required':
            case 'unique':
              if (!(v.type === 'scalar' && typeof v.value === 'boolean')) bad(e, `must be true or false, found ${kind(v)}`);
              break;
            case 'minLength':
            case 'maxLength':
              if (!(v.type === 'scalar' && Number.isInteger(v.value) && (v.value as number) >= 0)) bad(e, `must be a non-negative integer, found ${kind(v)}`);
              else if (!SIZED.has(type)) bad(e, `does not apply to a ${type} field (it constrains strings and collections)`, 'low');
              break;
            case 'minimum':
            case 'maximum':
            case 'exclusiveMinimum':
            case 'exclusiveMaximum':
              if (!ORDERED.has(type)) bad(e, `does not apply to a ${type} field (it constrains numbers, dates and times)`, 'low');
              else if (!(v.type === 'scalar' && (typeof v.value === 'number' || (typeof v.value === 'string' && castCell(field, v.value).ok)))) bad(e, `is not a valid ${type} value`);
              break;
            case 'pattern':
              if (!isString(v) || !compilePattern(str(v)!)) bad(e, 'is not a valid regular expression');
              break;
            case 'enum':
              if (!isSeq(v) || v.items.length === 0) bad(e, 'must be a non-empty array of values');
              else {
                const wrong = v.items.find((item) => item.type === 'scalar' && typeof item.value === 'string' && !castCell(field, item.value).ok);
                if (wrong) bad(e, `lists \`${str(wrong)}\`, which is not a valid ${type} value`);
              }
              break;
            default:
              break;
          }
        }
      }

      function checkForeignKeys(): void {
        const fks = entry(schema, 'foreignKeys');
        if (!fks) return;
        if (!isSeq(fks.value)) {
          report('wrongType', fks, { where: 'foreignKeys', actual: kind(fks.value), expected: 'an array of foreign key objects' });
          return;
        }
        fks.value.items.forEach((fk, i) => {
          const index = i + 1;
          const problem = (where: DataEntry | DataNode, p: string) => report('foreignKey', where, { index, problem: p });
          if (!isMap(fk)) return problem(fk, 'is not an object with `fields` and `reference`');
          const local = names(get(fk, 'fields'));
          const ref = entry(fk, 'reference');
          if (!local.length) return problem(fk.entries[0] ?? fk, '`fields` names no field');
          for (const l of local) if (!fieldNames.has(l.name)) problem(l.node, `\`${l.name}\` is not a field of this schema`);
          if (!ref || !isMap(ref.value)) return problem(ref ?? fk.entries[0] ?? fk, 'has no `reference` object (`{ "resource": "…", "fields": […] }`)');
          const remote = names(get(ref.value, 'fields'));
          if (remote.length !== local.length) return problem(ref, `\`fields\` has ${local.length} field(s) but \`reference.fields\` has ${remote.length}`);
          const resourceNode = get(ref.value, 'resource');
          const target = str(resourceNode);
          if (!v2 && resourceNode === undefined) return problem(ref, '`reference.resource` is missing (use `""` for this resource)');
          if (!pkgRoot || target === undefined || target === '') {
            if (target === '' || target === undefined) for (const r of remote) if (!fieldNames.has(r.name)) problem(r.node, `\`${r.name}\` is not a field of this schema (the reference is to this resource)`);
            return;
          }
          const other = resources(pkgRoot).find((x) => x.name === target);
          if (!other) return problem(resourceNode!, `resource \`${target}\` is not in this Data Package`);
          const otherSchema = get(other.resource, 'schema');
          if (!isMap(otherSchema)) return;
          const otherFields = new Set(isSeq(get(otherSchema, 'fields')) ? (get(otherSchema, 'fields') as { items: DataNode[] }).items.map((f) => str(get(f, 'name'))) : []);
          for (const r of remote) if (!otherFields.has(r.name)) problem(r.node, `\`${r.name}\` is not a field of resource \`${target}\``);
        });
      }
    }
  },
};
export default rule;
