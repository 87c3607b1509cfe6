/**
 * One analysis per file, shared by every privacy rule (cached by the file object): personal-data
 * fields of tables (CSV, SQL INSERT) and trees (JSON, YAML, NDJSON, XML), and validated identifiers
 * in free text and code string literals.
 */
import { lazy } from '../../../src/lazy.js';
import type { RuleContext } from '../../../src/model/rule.js';
import type { ParsedDocument, SourceFile } from '../../../src/model/document.js';
import type { DataNode } from '../../../src/parsers/data/tree.js';
import { walk } from '../../../src/parsers/data/tree.js';
import { parseJson } from '../../../src/parsers/data/json.js';
import { LineIndex } from '../../../src/model/location.js';
import { fieldTypeOf, type FieldType } from './fields.js';
import { scanText, type Kind } from './detect.js';
import { scopeOf, type Scope } from './scope.js';
import * as V from './validators.js';
import { readXml } from './xml.js';

const csvParse = lazy<typeof import('csv-parse/sync')>('csv-parse/sync');

/** Rows of a table (and records of a tree) sampled per file. */
export const MAX_ROWS = 10_000;
/** Values passed for redaction per finding (the message never holds one; this covers the evidence line). */
const MAX_SECRETS = 2_000;

export interface Detection {
  kind: Kind;
  messageId: 'column' | 'key' | 'text' | 'literal';
  offsets: [number, number];
  data: Record<string, string | number>;
  secrets: string[];
  /** A code string literal: low confidence. */
  low?: boolean;
}

interface Cell {
  value: string;
  line: number;
  record: number;
}

interface Field {
  label: string;
  /** Fields of one table, or keys of one kind of record (same parent path): context is judged within a group. */
  group: string;
  /** Values come from repeated records (table rows, list items, NDJSON lines, XML elements). */
  records: boolean;
  type?: FieldType;
  offsets: [number, number];
  cells: Cell[];
}

const WHAT: Record<Kind, string> = {
  chi: 'Community Health Index (CHI) numbers',
  nhs: 'NHS numbers',
  nino: 'National Insurance numbers',
  passport: 'passport numbers',
  driving: 'driving licence numbers',
  bank: 'sort codes and account numbers',
  card: 'payment card numbers',
  dob: 'dates of birth',
  email: 'email addresses',
  phone: 'UK phone numbers',
  address: 'postal addresses',
  name: 'people\'s names',
};

const HOW: Record<FieldType, string> = {
  chi: 'date of birth in the first six digits and modulus-11 check digit',
  nhs: 'modulus-11 check digit',
  nino: 'HMRC prefix, six digits and suffix A–D',
  passport: 'nine digits in a passport field',
  driving: 'DVLA format with a real date of birth',
  sortCode: 'sort code format',
  account: 'eight-digit account number',
  iban: 'GB IBAN format and modulo-97 check digits',
  card: 'Luhn check digit and card scheme prefix',
  dob: 'real calendar dates',
  email: 'address syntax, not a documentation or role address',
  phone: 'UK numbering plan lengths, not an Ofcom drama number',
  postcode: 'official postcode format',
  address: 'house number and street',
  name: 'alphabetic personal names',
};

const FIELD_KIND: Record<FieldType, Kind> = {
  chi: 'chi', nhs: 'nhs', nino: 'nino', passport: 'passport', driving: 'driving', sortCode: 'bank', account: 'bank', iban: 'bank',
  card: 'card', dob: 'dob', email: 'email', phone: 'phone', postcode: 'address', address: 'address', name: 'name',
};

function validatorFor(t: FieldType, today: string): (v: string) => V.Verdict {
  switch (t) {
    case 'chi': return V.chiNumber;
    case 'nhs': return V.nhsNumber;
    case 'nino': return V.nationalInsuranceNumber;
    case 'passport': return V.passportNumber;
    case 'driving': return V.drivingLicenceNumber;
    case 'sortCode': return V.sortCode;
    case 'account': return V.accountNumber;
    case 'iban': return V.gbIban;
    case 'card': return V.paymentCardNumber;
    case 'dob': return (v) => V.dateOfBirth(v, today);
    case 'email': return V.emailAddress;
    case 'phone': return V.ukPhoneNumber;
    case 'postcode': return V.ukPostcode;
    case 'address': return V.addressLine;
    case 'name': return V.personName;
  }
}

const EMPTY = /^(|null|none|n\/?a|-|nil|undefined|\\N)$/i;

const CONFIG_KINDS = new Set(['openapi', 'kubernetes', 'helm', 'cloudformation', 'github-workflow', 'github-action', 'docker-compose', 'publiccode', 'lockfile', 'terraform', 'dockerfile', 'security-txt']);


/**
 * Every privacy rule's detections in one file, computed once and shared by the rules. Synchronous
 * unless the file's data tree has to be loaded (a dozen rules on every file of a scan would otherwise
 * each wait on a promise for nothing).
 */
export function analyse(ctx: RuleContext): Detection[] | Promise<Detection[]> {
  return ctx.shared('privacy:analysis', () => run(ctx));
}

function run(ctx: RuleContext): Detection[] | Promise<Detection[]> {
  const scope = scopeOf(ctx.file.path);
  // Manifests, specs and infrastructure code describe services, not people (their contacts are deliberate).
  if (!scope || CONFIG_KINDS.has(ctx.file.kind)) return [];
  if (scope === 'tree' && ctx.document.format !== 'data') {
    return treeFields(ctx).then((fields) => {
      const out = fieldDetections(fields, 'key', ctx.today, '');
      addLineSecrets(ctx.file, scope, out);
      return out;
    });
  }
  return detect(ctx, scope);
}

function detect(ctx: RuleContext, initial: Scope): Detection[] {
  let scope = initial;
  const out: Detection[] = [];
  switch (scope) {
    case 'csv': {
      const { fields, note } = csvFields(ctx.file);
      out.push(...fieldDetections(fields, 'column', ctx.today, note));
      break;
    }
    case 'tree':
    case 'ndjson': {
      const fields = scope === 'tree' ? dataFields(ctx.document, ctx.file) : ndjsonFields(ctx.file);
      out.push(...fieldDetections(fields, 'key', ctx.today, ''));
      break;
    }
    case 'xml': {
      const xml = xmlFields(ctx.file);
      if ('fields' in xml) {
        out.push(...fieldDetections(xml.fields, 'key', ctx.today, ''));
        break;
      }
      // not well-formed: its elements cannot be told apart reliably, so it is read as free text
      ctx.notice(`not well-formed XML (${xml.error}); scanned for personal data as text`, 'info', 'file');
      out.push(...textDetections(ctx.file, 'text'));
      scope = 'text';
      break;
    }
    case 'sql': {
      const { fields, rest } = sqlFields(ctx.file);
      out.push(...fieldDetections(fields, 'column', ctx.today, ''));
      out.push(...textDetections(ctx.file, scope, rest));
      break;
    }
    case 'text':
    case 'code':
      out.push(...textDetections(ctx.file, scope));
      break;
  }
  addLineSecrets(ctx.file, scope, out);
  return out;
}

// ---------------------------------------------------------------- fields (tables and trees)

interface Verdicts {
  field: Field;
  type: FieldType | Kind;
  valid: Cell[];
  test: number;
  nonEmpty: number;
  freeText: boolean;
}

function judge(field: Field, today: string): Verdicts[] {
  const nonEmptyCells = field.cells.filter((c) => !EMPTY.test(c.value.trim()));
  if (field.type) {
    const check = validatorFor(field.type, today);
    const valid: Cell[] = [];
    let test = 0;
    for (const c of nonEmptyCells) {
      const v = check(c.value);
      if (v === 'valid') valid.push(c);
      else if (v === 'test') test++;
    }
    return [{ field, type: field.type, valid, test, nonEmpty: nonEmptyCells.length, freeText: false }];
  }
  // No personal name: look for validated identifiers in the values, with the field's name as context.
  const byKind = new Map<Kind, Verdicts>();
  for (const c of nonEmptyCells) {
    for (const h of scanText(c.value, `${field.label} ${c.value}`, { contactDetails: true })) {
      if (h.kind === 'dob' || h.kind === 'email' || h.kind === 'phone') continue;
      let e = byKind.get(h.kind);
      if (!e) byKind.set(h.kind, (e = { field, type: h.kind, valid: [], test: 0, nonEmpty: nonEmptyCells.length, freeText: true }));
      if (h.verdict === 'valid') e.valid.push({ ...c, value: h.values.join(' ') });
      else e.test++;
    }
  }
  return [...byKind.values()];
}

const IDENTIFIERS = new Set<string>(['chi', 'nhs', 'nino', 'passport', 'driving', 'sortCode', 'account', 'iban', 'card', 'bank', 'email', 'phone']);

function fieldDetections(fields: Field[], messageId: 'column' | 'key', today: string, note: string): Detection[] {
  const judged = fields.flatMap((f) => judge(f, today));
  const strong = (j: Verdicts) => j.valid.length > 0 && (j.freeText || (j.valid.length + j.test) * 2 >= j.nonEmpty);
  const out: Detection[] = [];
  for (const j of judged) {
    if (!strong(j)) continue;
    const group = judged.filter((o) => o.field.group === j.field.group && o !== j && strong(o));
    const has = (types: string[]) => group.some((o) => types.includes(o.type));
    const identifiers = group.some((o) => IDENTIFIERS.has(o.type));
    const fullAddress = has(['postcode']) && has(['address']);
    // Context-dependent fields are personal only next to other personal data of the same records.
    if (j.type === 'name' && !(identifiers || has(['dob']) || fullAddress)) continue;
    if (j.type === 'dob' && !(has(['name']) || identifiers)) continue;
    if (j.type === 'postcode' && !((has(['address']) && has(['name'])) || identifiers)) continue;
    if (j.type === 'address' && !((has(['postcode']) && has(['name'])) || identifiers)) continue;
    if (j.type === 'sortCode' && !has(['account'])) continue;
    if (j.type === 'account' && !has(['sortCode'])) continue;
    // Contact details in a single record (a manifest's author, a config's contact) are deliberate; lists of them are records of people.
    if ((j.type === 'email' || j.type === 'phone') && !j.field.records && !identifiers) continue;
    const kind = j.freeText ? (j.type as Kind) : FIELD_KIND[j.type as FieldType];
    const rows = [...new Set(j.valid.map((c) => c.line))].slice(0, 3);
    const how = j.freeText ? `found in free text of the field, validated by ${howForKind(kind)}` : `validated by ${HOW[j.type as FieldType]}`;
    out.push({
      kind,
      messageId,
      offsets: j.field.offsets,
      data: { field: j.field.label, what: WHAT[kind], matched: j.valid.length, total: j.nonEmpty, rows: rows.join(', '), how: `${how}${note}` },
      secrets: [...new Set(j.valid.map((c) => c.value.trim()))].slice(0, MAX_SECRETS),
    });
  }
  return out;
}

function howForKind(k: Kind): string {
  // a sort code with an account number, or a GB IBAN holding both
  if (k === 'bank') return 'sort code with an eight-digit account number, or GB IBAN modulo-97 check digits';
  const t = (Object.entries(FIELD_KIND) as [FieldType, Kind][]).find(([, kind]) => kind === k)?.[0];
  return t ? HOW[t] : 'format';
}

// ---------------------------------------------------------------- CSV

type CsvRow = { record: string[]; raw: string; info: { lines: number } };

/** The first MAX_ROWS records only: the text is cut after enough lines and csv-parse stops at `to`. */
function csvFields(file: SourceFile): { fields: Field[]; note: string } {
  const delimiter = /\.tsv$/i.test(file.path) ? '\t' : ',';
  const text = prefixLines(file.text, MAX_ROWS * 2 + 2);
  let rows: CsvRow[];
  try {
    rows = csvParse().parse(text, { info: true, raw: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, delimiter, to: MAX_ROWS + 1, bom: true }) as CsvRow[];
  } catch {
    // a broken quote: the rows before it are still a sample
    try {
      rows = csvParse().parse(text.slice(0, Math.max(0, text.lastIndexOf('\n', Math.min(text.length, 1 << 20)))), { info: true, raw: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, delimiter, to: MAX_ROWS + 1, skip_records_with_error: true }) as CsvRow[];
    } catch {
      return { fields: [], note: '' };
    }
  }
  if (rows.length < 2) return { fields: [], note: '' };
  const header = rows[0];
  const headerLine = startLine(header);
  const lineStart = file.lines.offset({ line: headerLine, column: 1 });
  const rawHeader = header.raw.replace(/^[\r\n]+/, '');
  const fields: Field[] = [];
  let cursor = 0;
  header.record.forEach((name, col) => {
    const at = rawHeader.indexOf(name, cursor);
    const start = at < 0 ? cursor : at;
    cursor = at < 0 ? cursor : at + name.length;
    fields.push({ label: name.trim() || `column ${col + 1}`, group: 'csv', records: true, type: fieldTypeOf(name), offsets: [lineStart + start, lineStart + start + Math.max(1, name.length)], cells: [] });
  });
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    const line = startLine(row);
    row.record.forEach((v, col) => {
      const f = fields[col];
      if (f && v) f.cells.push({ value: v, line, record: r });
    });
  }
  const more = rows.length > MAX_ROWS || text.length < file.text.length;
  return { fields, note: more ? `; sampled the first ${rows.length - 1} rows` : '' };
}

function startLine(row: CsvRow): number {
  const body = row.raw.replace(/^[\r\n]+/, '').replace(/\r?\n$|\r$/, '');
  return row.info.lines - (body.match(/\n/g)?.length ?? 0);
}

function prefixLines(text: string, n: number): string {
  let i = -1;
  for (let k = 0; k < n; k++) {
    i = text.indexOf('\n', i + 1);
    if (i < 0) return text;
  }
  return text.slice(0, i + 1);
}

// ---------------------------------------------------------------- JSON / YAML / NDJSON / XML

function pathLabel(path: (string | number)[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? '[]' : s ? `.${p}` : p;
  return s || '(root)';
}

function treeInto(fields: Map<string, Field>, root: DataNode | null, lines: LineIndex, offset: number, lineBase: number, record: number, ndjson = false): void {
  let records = 0;
  walk(root, (node, path, key) => {
    if (node.type !== 'scalar' || node.value === null || typeof node.value === 'boolean' || !key) return;
    const label = pathLabel(path);
    let f = fields.get(label);
    if (!f) {
      const last = path[path.length - 1];
      fields.set(label, (f = { label, group: label.slice(0, Math.max(0, label.lastIndexOf('.'))), records: label.includes('[]') || ndjson, type: typeof last === 'string' ? fieldTypeOf(last) : undefined, offsets: [offset + key.start, offset + key.end], cells: [] }));
    }
    if (f.cells.length >= MAX_ROWS) return;
    records++;
    f.cells.push({ value: String(node.value), line: lineBase + lines.position(node.start).line - 1, record: record + records });
  });
}

/** The fields of a data file whose tree this check was not given (loaded through the project). */
async function treeFields(ctx: RuleContext): Promise<Field[]> {
  return dataFields((await ctx.project.load(ctx.file.path))?.document ?? ctx.document, ctx.file);
}

function dataFields(doc: ParsedDocument, file: SourceFile): Field[] {
  if (doc.format !== 'data') return [];
  const fields = new Map<string, Field>();
  doc.roots.forEach((root, i) => treeInto(fields, root, file.lines, 0, 1, i * 1_000_000));
  return [...fields.values()];
}

function ndjsonFields(file: SourceFile): Field[] {
  const fields = new Map<string, Field>();
  const n = Math.min(file.lines.lineCount, MAX_ROWS);
  for (let line = 1; line <= n; line++) {
    const text = file.lines.lineText(line);
    if (!/^\s*[{[]/.test(text)) continue;
    const { root } = parseJson(text, new LineIndex(text));
    treeInto(fields, root, new LineIndex(text), file.lines.offset({ line, column: 1 }), line, line * 1_000_000, true);
  }
  return [...fields.values()];
}

/** Leaf elements' text and attribute values, by element or attribute name; null when the XML is not well-formed. */
function xmlFields(file: SourceFile): { fields: Field[] } | { error: string } {
  const read = readXml(file.text);
  if (read.error) return { error: `${read.error.line}:${read.error.column}: ${read.error.message}` };
  const fields = new Map<string, Field>();
  for (const v of read.values) {
    let f = fields.get(v.label);
    if (!f) fields.set(v.label, (f = { label: v.label, group: 'xml', records: true, type: fieldTypeOf(v.name), offsets: v.nameOffsets, cells: [] }));
    if (f.cells.length >= MAX_ROWS) continue;
    f.cells.push({ value: v.value, line: file.lines.position(v.valueOffset).line, record: f.cells.length });
  }
  return { fields: [...fields.values()] };
}

// ---------------------------------------------------------------- SQL

const INSERT = /\bINSERT\s+(?:IGNORE\s+)?INTO\s+([`"[]?[\w.]+[`"\]]?)\s*(?:\(([^()]*)\))?\s*VALUES\s*/gi;

/** INSERT statements with a column list become tables; the rest of the file is free text. */
function sqlFields(file: SourceFile): { fields: Field[]; rest: [number, number][] } {
  const text = file.text;
  const tables = new Map<string, Field[]>();
  const covered: [number, number][] = [];
  for (const m of text.matchAll(INSERT)) {
    if (!m[2]) continue;
    const table = m[1].replace(/[`"[\]]/g, '');
    const colStart = m.index + m[0].indexOf('(') + 1;
    const names = [...m[2].matchAll(/[`"[]?([\w ]+?)[`"\]]?\s*(?:,|$)/g)].map((c) => ({ name: c[1].trim(), at: colStart + c.index + c[0].indexOf(c[1]) }));
    const key = `${table}(${names.map((n) => n.name).join(',')})`;
    let fields = tables.get(key);
    if (!fields) tables.set(key, (fields = names.map((n) => ({ label: `${table}.${n.name}`, group: key, records: true, type: fieldTypeOf(n.name), offsets: [n.at, n.at + n.name.length] as [number, number], cells: [] }))));
    let i = m.index + m[0].length;
    let rec = 0;
    // tuples: ( v, v, ... ) , ( ... ) ;
    while (i < text.length && text[i] === '(' && (fields[0]?.cells.length ?? 0) < MAX_ROWS) {
      const { values, end } = sqlTuple(text, i + 1);
      rec++;
      values.forEach((v, col) => {
        if (fields[col] && v !== undefined) fields[col].cells.push({ value: v.value, line: file.lines.position(v.at).line, record: rec });
      });
      i = end;
      while (i < text.length && /[\s,]/.test(text[i])) i++;
    }
    covered.push([m.index, i]);
  }
  return { fields: [...tables.values()].flat(), rest: covered };
}

function sqlTuple(text: string, i: number): { values: { value: string; at: number }[]; end: number } {
  const values: { value: string; at: number }[] = [];
  while (i < text.length) {
    while (/\s/.test(text[i] ?? '')) i++;
    const at = i;
    if (text[i] === "'") {
      let v = '';
      i++;
      while (i < text.length) {
        if (text[i] === '\\' && i + 1 < text.length) {
          v += text[i + 1];
          i += 2;
        } else if (text[i] === "'" && text[i + 1] === "'") {
          v += "'";
          i += 2;
        } else if (text[i] === "'") {
          i++;
          break;
        } else v += text[i++];
      }
      values.push({ value: v, at: at + 1 });
    } else {
      let j = i;
      while (j < text.length && text[j] !== ',' && text[j] !== ')' && text[j] !== '\n') j++;
      values.push({ value: text.slice(i, j).trim(), at });
      i = j;
    }
    while (/\s/.test(text[i] ?? '')) i++;
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text[i] === ')') i++;
    break;
  }
  return { values, end: i };
}

// ---------------------------------------------------------------- free text and code

const LITERAL = /(["'`])((?:\\.|(?!\1)[^\\\n]){6,400})\1/g;

function textDetections(file: SourceFile, scope: Scope, skip: [number, number][] = []): Detection[] {
  const code = scope === 'code';
  const byKind = new Map<Kind, { first: [number, number]; count: number; lines: number[]; values: Set<string> }>();
  const out: Detection[] = [];
  const n = Math.min(file.lines.lineCount, 200_000);
  let literalReports = 0;
  for (let line = 1; line <= n; line++) {
    const text = file.lines.lineText(line);
    if (text.length < 6 || !/\d|[A-Z]{2}|@/.test(text)) continue;
    const base = file.lines.offset({ line, column: 1 });
    if (skip.some(([a, b]) => base < b && base + text.length > a)) continue;
    const segments: [string, number][] = code ? [...text.matchAll(LITERAL)].map((m) => [m[2], m.index + 1] as [string, number]) : [[text, 0]];
    for (const [seg, at] of segments) {
      const hits = scanText(seg, text, { contactDetails: !code });
      for (const h of hits) {
        if (h.verdict !== 'valid') continue;
        if (h.kind === 'dob' && !/name/i.test(text)) continue;
        const offsets: [number, number] = [base + at + h.start, base + at + h.end];
        if (code) {
          if (literalReports++ >= 50) continue;
          out.push({ kind: h.kind, messageId: 'literal', offsets, low: true, data: { what: WHAT[h.kind], line, how: howForKind(h.kind) }, secrets: h.values });
          continue;
        }
        let e = byKind.get(h.kind);
        if (!e) byKind.set(h.kind, (e = { first: offsets, count: 0, lines: [], values: new Set() }));
        e.count++;
        if (e.lines.length < 3 && !e.lines.includes(line)) e.lines.push(line);
        if (e.values.size < MAX_SECRETS) for (const v of h.values) e.values.add(v);
      }
    }
  }
  for (const [kind, e] of byKind) {
    out.push({ kind, messageId: 'text', offsets: e.first, data: { what: WHAT[kind], matched: e.count, rows: e.lines.join(', '), how: `validated by ${howForKind(kind)}` }, secrets: [...e.values] });
  }
  return out;
}

// ---------------------------------------------------------------- redaction of whole evidence lines

/**
 * The evidence of a finding is its source line: add to each finding every personal value found on
 * that line (by any rule) and the line's quoted strings and long digit runs, so nothing leaks.
 */
function addLineSecrets(file: SourceFile, scope: Scope, out: Detection[]): void {
  for (const d of out) {
    const line = file.lines.position(d.offsets[0]).line;
    const text = file.lines.lineText(line);
    const extra = new Set<string>();
    for (const o of out) for (const s of o.secrets) if (text.includes(s)) extra.add(s);
    const csvHeader = d.messageId === 'column' && scope === 'csv';
    if (!csvHeader) {
      const quoted = scope === 'sql' ? /(')((?:\\.|''|[^'\\]){4,200}?)'/g : /(["'`])((?:\\.|(?!\1)[^\\]){4,200}?)\1/g;
      for (const m of text.matchAll(quoted)) extra.add(m[2]);
      for (const m of text.matchAll(/\d[\d -]{2,}\d/g)) if (m[0].replace(/\D/g, '').length >= 4) extra.add(m[0]);
      for (const m of text.matchAll(/[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g)) extra.add(m[0]);
    }
    // never redact the field's own name or the row numbers from the message
    const dataText = Object.values(d.data).join(' ');
    for (const t of extra) if (t.length < 4 || dataText.includes(t) || (!d.secrets.includes(t) && !/[\d@]/.test(t))) extra.delete(t);
    d.secrets = [...new Set([...d.secrets, ...extra])];
  }
}
