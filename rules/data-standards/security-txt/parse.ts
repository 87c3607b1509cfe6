/**
 * RFC 9116 security.txt: `Field: value` lines, `#` comments and blank lines, optionally inside an
 * OpenPGP cleartext signature (RFC 4880 §7), whose dash-escaped lines are unescaped. The parse keeps
 * what validators report about each line (whitespace before the colon, no space after it, empty
 * names or values) and about the signed-message envelope.
 */
import type { StandardsRefs } from '../../../src/model/standards.js';
import { ISO_639_1 } from '../publiccode/common.js';

export const SECURITY_TXT_STANDARDS: StandardsRefs = { dsss: ['8'], govuk: ['9'], sbd: ['5'], caf: ['D1'], tcop: ['6'] };
export const RFC9116 = 'https://www.rfc-editor.org/rfc/rfc9116';
export const NCSC_VDP = 'https://www.ncsc.gov.uk/information/vulnerability-reporting';
export const GOV_SECURITY_TXT = 'https://www.gov.uk/guidance/vulnerability-disclosure-policy';
/** The validator whose error codes the message ids mirror (used by internet.nl). */
export const SECTXT = 'https://github.com/DigitalTrustCenter/sectxt';

/** The fields RFC 9116 §2.5 and its IANA registry define (lower-case), CSAF added by OASIS CSAF 2.0. */
export const KNOWN_FIELDS = ['acknowledgments', 'canonical', 'contact', 'encryption', 'expires', 'hiring', 'policy', 'preferred-languages', 'csaf'];

export interface Field {
  name: string;
  /** Lower-case name, for comparison (field names are case-insensitive). */
  key: string;
  value: string;
  /** Offsets of the whole line and of the value in the file's text. */
  start: number;
  end: number;
  valueStart: number;
  /** Whitespace between the name and the colon (`Contact : …`). */
  precWs: boolean;
  /** No space after the colon (`Contact:mailto:…`). */
  noSpace: boolean;
}

export interface BadLine {
  text: string;
  start: number;
  end: number;
  /** `invalid_line` (not a field, comment or blank), `empty_key` (`: value`). */
  code: 'invalid_line' | 'empty_key';
}

export interface Envelope {
  /** Offsets of a problem with the signed-message form, and what it is. */
  issues: { start: number; end: number; problem: string }[];
  /** Non-blank lines after the signature's end. */
  afterSignature: { start: number; end: number }[];
}

export interface SecurityTxt {
  fields: Field[];
  bad: BadLine[];
  signed: boolean;
  envelope: Envelope;
  /** Offset of a last line that does not end with a line break. */
  unterminated?: { start: number; end: number };
  /** Lines ended by a carriage return alone (RFC 9116's eol is `*WSP [CR] LF`), read as lines all the same. */
  bareCr: { start: number; end: number }[];
}

const BEGIN_SIGNED = '-----BEGIN PGP SIGNED MESSAGE-----';
const BEGIN_SIGNATURE = '-----BEGIN PGP SIGNATURE-----';
const END_SIGNATURE = '-----END PGP SIGNATURE-----';
/** RFC 5322 field-name: printable US-ASCII except the colon (and so no spaces). */
const FIELD_NAME = /^[!-9;-~]+$/;
/** OpenPGP armor header keys (RFC 4880 §6.2). */
const ARMOR_HEADER = /^(Hash|Charset|Comment|Version|MessageID):/i;

export function parseSecurityTxt(text: string): SecurityTxt {
  const fields: Field[] = [];
  const bad: BadLine[] = [];
  const envelope: Envelope = { issues: [], afterSignature: [] };
  const lines: { text: string; start: number; eol: boolean }[] = [];
  const bareCr: SecurityTxt['bareCr'] = [];
  const re = /([^\r\n]*)(\r\n|\r|\n|$)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && m[0] !== '') {
    if (m[2] === '\r') bareCr.push({ start: m.index, end: m.index + m[1].length });
    lines.push({ text: m[1], start: m.index, eol: m[2] !== '' });
  }
  const last = lines[lines.length - 1];
  const unterminated = last && !last.eol && last.text.trim() !== '' ? { start: last.start, end: last.start + last.text.length } : undefined;
  const at = (i: number) => ({ start: lines[i].start, end: lines[i].start + lines[i].text.length });

  let from = 0;
  let to = lines.length;
  const begin = lines.findIndex((l) => l.text.trim() === BEGIN_SIGNED);
  const sigStart = lines.findIndex((l, j) => j > begin && l.text.trim() === BEGIN_SIGNATURE);
  const signed = begin >= 0;
  if (signed) {
    const before = lines.slice(0, begin).findIndex((l) => l.text.trim() !== '');
    if (before >= 0) envelope.issues.push({ ...at(begin), problem: `line ${before + 1} comes before \`-----BEGIN PGP SIGNED MESSAGE-----\`, which must be the first line (text outside the signed message is not covered by the signature)` });
    // RFC 9116 §4: a signed body starts with the header itself, so a blank line before it breaks strict parsers
    else if (begin > 0) envelope.issues.push({ ...at(begin), problem: `${begin === 1 ? 'a blank line comes' : `${begin} blank lines come`} before \`-----BEGIN PGP SIGNED MESSAGE-----\`, which must be the first line of the file` });
    // Armor headers (`Hash: SHA256`) run to the first blank line.
    let i = begin + 1;
    while (i < lines.length && lines[i].text.trim() !== '' && i !== sigStart) {
      if (!ARMOR_HEADER.test(lines[i].text)) {
        envelope.issues.push({ ...at(i), problem: 'no blank line between the armor headers (`Hash: …`) and the signed text, so this line is read as an armor header' });
        break;
      }
      i++;
    }
    if (i < lines.length && lines[i].text.trim() === '') from = i + 1;
    else from = i;
    if (sigStart < 0) {
      envelope.issues.push({ ...at(begin), problem: 'the signed message has no `-----BEGIN PGP SIGNATURE-----` block' });
      to = lines.length;
    } else {
      to = sigStart;
      const end = lines.findIndex((l, j) => j > sigStart && l.text.trim() === END_SIGNATURE);
      if (end < 0) envelope.issues.push({ ...at(sigStart), problem: 'the signature block is not closed by `-----END PGP SIGNATURE-----`' });
      else for (let j = end + 1; j < lines.length; j++) if (lines[j].text.trim() !== '') envelope.afterSignature.push(at(j));
    }
  } else {
    const stray = lines.findIndex((l) => l.text.trim() === BEGIN_SIGNATURE);
    if (stray >= 0) {
      envelope.issues.push({ ...at(stray), problem: 'a signature block without `-----BEGIN PGP SIGNED MESSAGE-----` at the start of the file' });
      to = stray;
    }
  }

  for (let i = from; i < to; i++) {
    let { text: line, start } = lines[i];
    if (signed && line.startsWith('- ')) {
      line = line.slice(2);
      start += 2;
    } else if (signed && line.startsWith('-')) {
      envelope.issues.push({ ...at(i), problem: 'a line of the signed text starts with `-` but is not dash-escaped (`- `), so the signature does not cover it as written' });
    }
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const colon = line.indexOf(':');
    const rawName = colon < 0 ? '' : line.slice(0, colon);
    const name = rawName.replace(/[ \t]+$/, '');
    if (colon < 0 || (name !== '' && !FIELD_NAME.test(name))) {
      bad.push({ text: line, start, end: start + line.length, code: 'invalid_line' });
      continue;
    }
    if (name === '') {
      bad.push({ text: line, start, end: start + line.length, code: 'empty_key' });
      continue;
    }
    const after = line.slice(colon + 1);
    const value = after.trim();
    const valueStart = value ? start + colon + 1 + after.indexOf(value) : start + line.length;
    fields.push({ name, key: name.toLowerCase(), value, start, end: start + line.length, valueStart, precWs: rawName !== name, noSpace: value !== '' && !/^[ \t]/.test(after) });
  }
  return { fields, bad, signed, envelope, unterminated, bareCr };
}

/** RFC 3339 date-time (the form RFC 9116 requires for Expires), with a real calendar date. */
export function parseExpires(value: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.exec(value);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (mo < 1 || mo > 12 || d < 1 || d > days[mo - 1] || h > 23 || mi > 59 || s > 60) return undefined;
  // a leap second (`:60`) is valid RFC 3339 but not to Date: read it as the second before
  const date = new Date(value.replace(' ', 'T').replace(/:60(?=[.Zz+-])/, ':59'));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Where to report something missing from the file: its first field line (else the start). */
export function firstFieldAt(doc: SecurityTxt): [number, number] {
  const f = doc.fields[0] ?? doc.bad[0];
  return f ? [f.start, f.end] : [0, 0];
}

/**
 * A BCP 47 language tag (RFC 5646 syntax, case-insensitive) whose primary language is a known ISO 639-1
 * code or a three-letter ISO 639-2/3 code; private-use (`x-…`) and the `i-` grandfathered tags allowed.
 */
export function validBcp47(tag: string): boolean {
  const t = tag.toLowerCase();
  // private use, and RFC 5646 §2.2.8's irregular grandfathered tags (the regular ones fit the syntax below)
  if (/^x(-[a-z0-9]{1,8})+$/.test(t) || /^(i-(ami|bnn|default|enochian|hak|klingon|lux|mingo|navajo|pwn|tao|tay|tsu)|en-gb-oed|sgn-(be-fr|be-nl|ch-de))$/.test(t)) return true;
  const m =
    /^([a-z]{2,3})(-[a-z]{3}){0,3}(-[a-z]{4})?(-([a-z]{2}|\d{3}))?(-([a-z0-9]{5,8}|\d[a-z0-9]{3}))*(-[0-9a-wy-z](-[a-z0-9]{2,8})+)*(-x(-[a-z0-9]{1,8})+)?$/.exec(t);
  if (!m) return false;
  return m[1].length === 3 || ISO_639_1.has(m[1]);
}
