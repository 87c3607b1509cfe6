import type { Rule } from '../../../src/model/rule.js';
import type { ProjectContext } from '../../../src/engine/project.js';
import { get, isMap, isSeq, isTrue, isFalse, str, toValue, type DataMap, type DataNode, type DataSeq } from '../../../src/parsers/data/tree.js';
import { parseCsv, type CsvDialect, type CsvField, type CsvRecord } from '../csv/parse.js';
import { dirOf, isUrl, OPEN_DATA_STANDARDS, packageDoc, packageIndex, resolvePath, resourceByName, resources, TABLE_SCHEMA_V1, TABLE_SCHEMA_V2, CSV_DIALECT_V2, type DescribedFile } from './common.js';
import { brokenConstraint, castCell, primaryKey, readSchema, type Field } from './table-schema.js';

/** Rows named in a message. */
const SAMPLE_ROWS = 5;

interface Problem {
  messageId: string;
  data: Record<string, string | number>;
  /** Offsets of the first offending cell. */
  offsets: [number, number];
  count: number;
  rows: number[];
}

export interface Table {
  header?: CsvRecord;
  rows: { record: CsvRecord; row: number }[];
  /** Blank rows between records (Frictionless `blank-row`). */
  blankRows?: { row: number; start: number }[];
}

/** Dialect options of a descriptor (v1 CSV Dialect and v2 Table Dialect). */
export function readDialect(d: DataMap | undefined): CsvDialect & { header: boolean; headerRows: number; skipInitialSpace: boolean; nullSequence?: string } {
  const headerRowsNode = get(d, 'headerRows');
  const headerRows = isSeq(headerRowsNode) ? headerRowsNode.items.length : 1;
  const noHeader = isFalse(get(d, 'header')) || (isSeq(headerRowsNode) && headerRowsNode.items.length === 0);
  return {
    delimiter: str(get(d, 'delimiter')),
    quoteChar: str(get(d, 'quoteChar')),
    escapeChar: str(get(d, 'escapeChar')),
    commentChar: str(get(d, 'commentChar')),
    header: !noHeader,
    headerRows: noHeader ? 0 : Math.max(1, headerRows),
    skipInitialSpace: isTrue(get(d, 'skipInitialSpace')),
    nullSequence: str(get(d, 'nullSequence')),
  };
}

function readTable(text: string, path: string, dialect: ReturnType<typeof readDialect>, part: number, fieldNames: string[]): Table {
  const csv = parseCsv(text, path, 200_000, dialect);
  const records = csv.records;
  let headerRows = dialect.headerRows;
  // later parts of a multipart resource repeat the header only sometimes: read it when it is there
  if (part > 0 && headerRows > 0) {
    const first = records[0]?.fields.map((f) => f.value.trim());
    headerRows = first && first.length === fieldNames.length && first.every((v, i) => v === fieldNames[i]) ? headerRows : 0;
  }
  return {
    header: headerRows > 0 ? records[headerRows - 1] : undefined,
    rows: records.slice(headerRows).map((record, i) => ({ record, row: record.row ?? headerRows + i + 1 })),
    blankRows: csv.blankRows,
  };
}

/** Values of some columns (by header name) of another resource's CSV, for foreign keys. */
async function referencedKeys(project: ProjectContext, path: string, target: DataMap, fields: string[]): Promise<Set<string> | undefined> {
  const loaded = await project.load(path);
  // a sample of a file over the size cap may not hold the referenced rows
  if (!loaded || loaded.file.truncatedFrom !== undefined) return undefined;
  const schema = get(target, 'schema');
  const names = isMap(schema) ? readSchema(schema).fields.map((f) => f.name) : [];
  const dialect = readDialect(isMap(get(target, 'dialect')) ? (get(target, 'dialect') as DataMap) : undefined);
  const table = readTable(loaded.file.text, path, dialect, 0, names);
  const labels = table.header ? table.header.fields.map((f) => f.value.trim()) : names;
  const cols = fields.map((f) => labels.indexOf(f));
  if (cols.some((c) => c < 0)) return undefined;
  return new Set(table.rows.map(({ record }) => JSON.stringify(cols.map((c) => record.fields[c]?.value ?? ''))));
}

/** CSV data rows conform to the Table Schema of the Data Package resource that describes them. */
const rule: Rule = {
  meta: {
    id: 'data-standards/table-schema-data',
    title: 'CSV data does not conform to its Table Schema',
    description:
      'When a Data Package describes a CSV file with a Table Schema, every row must match it: each value of its field\'s type and format (number, integer, boolean, date, datetime, time, year, yearmonth, duration, geopoint, object, array, …), within its constraints (required, unique, minimum/maximum, minLength/maxLength, pattern, enum), primary keys unique, foreign keys found in the referenced table, and the header naming the schema\'s fields. Inline `data` of a resource is checked the same way, in the descriptor. Values that do not conform break every consumer that trusts the schema: imports fail, or bad values are loaded as if they were checked. Problems are reported per column, at the first offending cell, with a count and sample rows.',
    severity: 'medium',
    kinds: ['csv', 'json', 'yaml'],
    messages: {
      typeError: 'Column `{{field}}` ({{type}}) has {{count}} value(s) that are not a valid {{type}}{{format}}, first `{{value}}` at row {{row}} (rows {{rows}}); fix the values or the field\'s `type`/`format` in {{descriptor}}.',
      constraintError: 'Column `{{field}}` breaks its `{{constraint}}` constraint ({{expected}}) in {{count}} row(s), first `{{value}}` at row {{row}} (rows {{rows}}); fix the values or the constraint in {{descriptor}}.',
      uniqueError: 'Column `{{field}}` must be unique but {{count}} row(s) repeat an earlier value, first `{{value}}` at row {{row}} (already at row {{firstRow}}); rows {{rows}}.',
      primaryKeyError: 'The primary key ({{fields}}) is repeated in {{count}} row(s), first `{{value}}` at row {{row}} (already at row {{firstRow}}); primary key values must be unique. Rows {{rows}}.',
      foreignKeyError: 'Foreign key ({{fields}}) → `{{resource}}` ({{refFields}}): {{count}} row(s) reference values that are not there, first `{{value}}` at row {{row}} (rows {{rows}}); add the referenced rows or fix the values.',
      incorrectLabel: 'Column {{column}} is labelled `{{label}}` but field {{column}} of the Table Schema is `{{field}}`; rename the column or the field (or set `fieldsMatch`).',
      missingLabel: 'The Table Schema field `{{field}}` has no column in this file; add the column or remove the field from {{descriptor}}.',
      extraLabel: 'Column {{column}} (`{{label}}`) is not a field of the Table Schema in {{descriptor}}; describe it or remove it.',
      blankRow: 'Row {{row}} is blank ({{count}} blank row(s) between records: rows {{rows}}); remove blank rows, which validators report and loaders read as empty records.',
    },
    remediation: 'Correct the offending values (or the schema if it is wrong), and run `frictionless validate datapackage.json` in CI before publishing.',
    references: [TABLE_SCHEMA_V1, TABLE_SCHEMA_V2, CSV_DIALECT_V2, 'https://framework.frictionlessdata.io/docs/errors/cell.html'],
    standards: OPEN_DATA_STANDARDS,
    equivalents: {},
    since: '0.1.0',
  },
  async check(ctx) {
    const pkg = packageDoc(ctx.document, ctx.file.path);
    if (pkg) {
      // inline data of the descriptor's resources
      for (const r of resources(pkg.root)) {
        const data = get(r.resource, 'data');
        let schema = get(r.resource, 'schema');
        let schemaPath: string | undefined;
        if (!data || !isSeq(data)) continue;
        if (typeof str(schema) === 'string') {
          schemaPath = isUrl(str(schema)!) ? undefined : resolvePath(dirOf(ctx.file.path), str(schema)!);
          const loaded = schemaPath ? await ctx.project.load(schemaPath) : undefined;
          schema = loaded?.document.format === 'data' ? (loaded.document.roots[0] ?? undefined) : undefined;
        }
        if (!isMap(schema)) continue;
        const table = inlineTable(data, readSchema(schema).fields.map((f) => f.name));
        if (!table) continue;
        const d: DescribedFile = { descriptorPath: ctx.file.path, root: pkg.root, v2: pkg.v2, resource: r.resource, resourceName: r.name, part: 0, schema, schemaPath };
        for (const p of await checkRows(ctx.project, table, d)) {
          ctx.report({ messageId: p.messageId, offsets: p.offsets, data: { ...p.data, count: p.count, rows: p.rows.join(', ') + (p.count > p.rows.length ? ', …' : '') } });
        }
      }
      return;
    }
    if (ctx.file.kind !== 'csv') return;
    const described = (await packageIndex(ctx.project)).byData.get(ctx.file.path);
    if (!described) return;
    const done = new Set<DataMap>();
    for (const d of described) {
      if (!d.schema || done.has(d.schema)) continue;
      done.add(d.schema);
      for (const p of await checkTable(ctx.project, ctx.file.text, ctx.file.path, d, ctx.file.truncatedFrom !== undefined)) {
        ctx.report({ messageId: p.messageId, offsets: p.offsets, data: { ...p.data, count: p.count, rows: p.rows.join(', ') + (p.count > p.rows.length ? ', …' : '') } });
      }
    }
  },
};

/** Every problem of one CSV file against one resource's schema, aggregated per column and kind. */
export async function checkTable(project: ProjectContext, text: string, path: string, d: DescribedFile, sample = false): Promise<Problem[]> {
  const { fields } = readSchema(d.schema!);
  if (!fields.length) return [];
  const dialect = readDialect(d.dialect);
  return checkRows(project, readTable(text, path, dialect, d.part, fields.map((f) => f.name)), d, dialect.nullSequence, dialect.skipInitialSpace, sample);
}

/** A resource's inline `data` (an array of arrays, the first naming the columns, or an array of objects) as a table. */
export function inlineTable(data: DataNode, fieldNames: string[]): Table | undefined {
  if (!isSeq(data) || data.items.length === 0) return undefined;
  const text = (n: DataNode | undefined): string => (n === undefined || (n.type === 'scalar' && n.value === null) ? '' : n.type === 'scalar' ? String(n.value) : JSON.stringify(toValue(n)));
  const cell = (n: DataNode | undefined, at: DataNode): CsvField => ({ value: text(n), start: (n ?? at).start, end: (n ?? at).end, quoted: false });
  if (data.items.every(isSeq)) {
    const [head, ...rest] = data.items as DataSeq[];
    return {
      header: { start: head.start, fields: head.items.map((n) => cell(n, head)) },
      rows: rest.map((r, i) => ({ record: { start: r.start, fields: r.items.map((n) => cell(n, r)) }, row: i + 2 })),
    };
  }
  if (data.items.every(isMap)) {
    return { rows: (data.items as DataMap[]).map((r, i) => ({ record: { start: r.start, fields: fieldNames.map((f) => cell(get(r, f), r)) }, row: i + 1 })) };
  }
  return undefined;
}

/** Every problem of a table against one resource's schema, aggregated per column and kind. */
async function checkRows(project: ProjectContext, table: Table, d: DescribedFile, nullSequence?: string, skipInitialSpace = false, sample = false): Promise<Problem[]> {
  const schema = d.schema!;
  const descriptor = `\`${d.schemaPath ?? d.descriptorPath}\``;
  const { fields } = readSchema(schema);
  if (!fields.length) return [];
  const dialect = { nullSequence, skipInitialSpace };
  const problems = new Map<string, Problem>();
  const add = (key: string, messageId: string, cell: CsvField | undefined, at: [number, number], row: number, data: Record<string, string | number>) => {
    const p = problems.get(key);
    if (p) {
      p.count++;
      if (p.rows.length < SAMPLE_ROWS) p.rows.push(row);
      return;
    }
    problems.set(key, { messageId, data: { row, ...data }, offsets: cell ? [cell.start, Math.max(cell.end, cell.start + 1)] : at, count: 1, rows: [row] });
  };

  // columns: by position (exact, the default) or by name (v2 fieldsMatch)
  const fieldsMatch = str(get(schema, 'fieldsMatch')) ?? 'exact';
  const labels = table.header?.fields.map((f) => f.value.trim());
  const column = new Map<Field, number>();
  if (labels && fieldsMatch !== 'exact') {
    for (const f of fields) if (labels.includes(f.name)) column.set(f, labels.indexOf(f.name));
  } else {
    fields.forEach((f, i) => column.set(f, i));
  }
  if (table.header && labels && d.part === 0) {
    const h = table.header;
    const hAt: [number, number] = [h.start, Math.max(h.start + 1, h.fields[h.fields.length - 1]?.end ?? h.start + 1)];
    if (fieldsMatch === 'exact') {
      fields.forEach((f, i) => {
        const cell = h.fields[i];
        if (!cell) add(`missing|${f.name}`, 'missingLabel', undefined, hAt, 1, { field: f.name, descriptor });
        else if (labels[i] !== f.name) add(`label|${i}`, 'incorrectLabel', cell, hAt, 1, { column: i + 1, label: labels[i], field: f.name });
      });
      for (let i = fields.length; i < labels.length; i++) add(`extra|${i}`, 'extraLabel', h.fields[i], hAt, 1, { column: i + 1, label: labels[i], descriptor });
    } else {
      const names = new Set(fields.map((f) => f.name));
      const missing = fields.filter((f) => !labels.includes(f.name));
      const extra = labels.map((l, i) => ({ l, i })).filter(({ l }) => !names.has(l));
      const reportMissing = fieldsMatch === 'equal' || fieldsMatch === 'subset' || (fieldsMatch === 'partial' && missing.length === fields.length);
      if (reportMissing) for (const f of missing) add(`missing|${f.name}`, 'missingLabel', undefined, hAt, 1, { field: f.name, descriptor });
      if (fieldsMatch === 'equal' || fieldsMatch === 'superset') for (const { l, i } of extra) add(`extra|${i}`, 'extraLabel', h.fields[i], hAt, 1, { column: i + 1, label: l, descriptor });
    }
  }

  for (const b of table.blankRows ?? []) add('blank', 'blankRow', undefined, [b.start, b.start + 1], b.row, {});

  const pk = primaryKey(schema);
  const pkFields = pk.map((n) => fields.find((f) => f.name === n)).filter((f): f is Field => f !== undefined);
  const uniques = new Map<Field, Map<string, number>>();
  const pkSeen = new Map<string, number>();
  const isMissing = (f: Field, raw: string) => f.missingValues.includes(raw) || (dialect.nullSequence !== undefined && raw === dialect.nullSequence);

  for (const { record, row } of table.rows) {
    const cellOf = (f: Field) => {
      const i = column.get(f);
      return i === undefined ? undefined : record.fields[i];
    };
    const rowAt: [number, number] = [record.start, record.start + 1];
    for (const f of fields) {
      if (!column.has(f)) continue;
      const cell = cellOf(f);
      let raw = cell?.value ?? '';
      if (dialect.skipInitialSpace) raw = raw.replace(/^ +/, '');
      const data = { field: f.name, descriptor };
      if (isMissing(f, raw)) {
        if (f.constraints.required || pkFields.includes(f)) add(`required|${f.name}`, 'constraintError', cell, rowAt, row, { ...data, constraint: 'required', expected: 'a value in every row', value: raw || '(empty)' });
        continue;
      }
      const cast = castCell(f, raw);
      if (!cast.ok) {
        add(`type|${f.name}`, 'typeError', cell, rowAt, row, { ...data, type: f.type, format: f.format === 'default' ? '' : ` in format \`${f.format}\``, value: raw, row });
        continue;
      }
      const broken = brokenConstraint(f, cast, raw);
      if (broken) add(`constraint|${f.name}|${broken.constraint}`, 'constraintError', cell, rowAt, row, { ...data, constraint: broken.constraint, expected: broken.expected, value: raw, row });
      if (f.constraints.unique) {
        const seen = uniques.get(f) ?? new Map<string, number>();
        uniques.set(f, seen);
        const k = JSON.stringify(cast.value);
        const first = seen.get(k);
        if (first !== undefined) add(`unique|${f.name}`, 'uniqueError', cell, rowAt, row, { ...data, value: raw, row, firstRow: first });
        else seen.set(k, row);
      }
    }
    if (pkFields.length) {
      const values = pkFields.map((f) => cellOf(f)?.value ?? '');
      if (values.every((v, i) => !isMissing(pkFields[i], v))) {
        const k = JSON.stringify(values);
        const first = pkSeen.get(k);
        if (first !== undefined) add('pk', 'primaryKeyError', cellOf(pkFields[0]), rowAt, row, { fields: pk.join(', '), value: values.join(', '), row, firstRow: first });
        else pkSeen.set(k, row);
      }
    }
  }

  await checkForeignKeys();
  return [...problems.values()];

  async function checkForeignKeys(): Promise<void> {
    const fks = get(schema, 'foreignKeys');
    if (!isSeq(fks)) return;
    for (const fk of fks.items) {
      const local = namesOf(get(fk, 'fields'));
      const ref = get(fk, 'reference');
      const remote = namesOf(get(ref, 'fields'));
      const target = str(get(ref, 'resource')) ?? '';
      const localFields = local.map((n) => fields.find((f) => f.name === n));
      if (!local.length || local.length !== remote.length || localFields.some((f) => !f)) continue;
      let keys: Set<string> | undefined;
      if (target === '' || target === d.resourceName) {
        // the referenced rows may be beyond the sample of a large file
        if (sample) continue;
        const cols = remote.map((n) => fields.findIndex((f) => f.name === n));
        if (cols.some((c) => c < 0)) continue;
        keys = new Set(table.rows.map(({ record }) => JSON.stringify(cols.map((c) => record.fields[column.get(fields[c]) ?? c]?.value ?? ''))));
      } else {
        const other = resourceByName(d.root, dirOf(d.descriptorPath), target);
        if (!other?.path) continue;
        keys = await referencedKeys(project, other.path, other.resource, remote);
      }
      if (!keys) continue;
      for (const { record, row } of table.rows) {
        const cells = localFields.map((f) => record.fields[column.get(f!) ?? -1]);
        const values = cells.map((c) => c?.value ?? '');
        if (values.some((v, i) => isMissing(localFields[i]!, v))) continue;
        if (!keys.has(JSON.stringify(values))) {
          add(`fk|${local.join(',')}|${target}`, 'foreignKeyError', cells[0], [record.start, record.start + 1], row, { fields: local.join(', '), resource: target || d.resourceName || 'this resource', refFields: remote.join(', '), value: values.join(', '), row });
        }
      }
    }
  }
}

function namesOf(n: ReturnType<typeof get>): string[] {
  if (n?.type === 'scalar' && typeof n.value === 'string') return [n.value];
  return isSeq(n) ? n.items.map((i) => str(i)).filter((s): s is string => s !== undefined) : [];
}

export default rule;
