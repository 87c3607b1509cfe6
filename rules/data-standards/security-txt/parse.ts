/**
 * RFC 9116 security.txt: `Field: value` lines, `#` comments and blank lines, optionally inside an
 * OpenPGP cleartext signature (RFC 4880 §7), whose dash-escaped lines are unescaped.
 */
import type { StandardsRefs } from '../../../src/model/standards.js';

export const SECURITY_TXT_STANDARDS: StandardsRefs = { dsss: ['8'], govuk: ['9'], sbd: ['5'], caf: ['D1'], tcop: ['6'] };
export const RFC9116 = 'https://www.rfc-editor.org/rfc/rfc9116';
export const NCSC_VDP = 'https://www.ncsc.gov.uk/information/vulnerability-reporting';
export const GOV_SECURITY_TXT = 'https://www.gov.uk/guidance/vulnerability-disclosure-policy';

export interface Field {
  name: string;
  /** Lower-case name, for comparison (field names are case-insensitive). */
  key: string;
  value: string;
  /** Offsets of the whole line and of the value in the file's text. */
  start: number;
  end: number;
  valueStart: number;
}

export interface BadLine {
  text: string;
  start: number;
  end: number;
}

export interface SecurityTxt {
  fields: Field[];
  bad: BadLine[];
  signed: boolean;
}

export function parseSecurityTxt(text: string): SecurityTxt {
  const fields: Field[] = [];
  const bad: BadLine[] = [];
  const lines: { text: string; start: number }[] = [];
  const re = /[^\r\n]*(\r\n|\r|\n|$)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && m[0] !== '') {
    lines.push({ text: m[0].replace(/[\r\n]+$/, ''), start: m.index });
  }
  let signed = false;
  let from = 0;
  let to = lines.length;
  const begin = lines.findIndex((l) => l.text.trim() === '-----BEGIN PGP SIGNED MESSAGE-----');
  if (begin >= 0) {
    signed = true;
    // Armor headers (`Hash: SHA256`) run to the first blank line.
    let i = begin + 1;
    while (i < lines.length && lines[i].text.trim() !== '') i++;
    from = i + 1;
    const sig = lines.findIndex((l, j) => j >= from && l.text.trim() === '-----BEGIN PGP SIGNATURE-----');
    to = sig >= 0 ? sig : lines.length;
  }
  for (let i = from; i < to; i++) {
    let { text: line, start } = lines[i];
    if (signed && line.startsWith('- ')) {
      line = line.slice(2);
      start += 2;
    }
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const f = /^([A-Za-z0-9-]+):[ \t]*(.*?)[ \t]*$/.exec(line);
    if (!f) {
      bad.push({ text: line, start, end: start + line.length });
      continue;
    }
    const valueStart = start + line.indexOf(f[2], f[1].length + 1);
    fields.push({ name: f[1], key: f[1].toLowerCase(), value: f[2], start, end: start + line.length, valueStart });
  }
  return { fields, bad, signed };
}

/** RFC 3339 date-time (the form RFC 9116 requires for Expires). */
export function parseExpires(value: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(value)) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** Where to report something missing from the file: its first field line (else the start). */
export function firstFieldAt(doc: SecurityTxt): [number, number] {
  const f = doc.fields[0] ?? doc.bad[0];
  return f ? [f.start, f.end] : [0, 0];
}
