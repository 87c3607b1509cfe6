/**
 * Value-level detection in free text (log lines, SQL values, code string literals, JSON/YAML
 * scalars, CSV cells of columns with no personal name). Ambiguous numbers need a context word.
 */
import { CONTEXT } from './fields.js';
import {
  accountNumber, chiNumber, dateOfBirth, drivingLicenceNumber, emailAddress, nationalInsuranceNumber, nhsNumber,
  passportNumber, paymentCardNumber, sortCode, ukPhoneNumber, type Verdict,
} from './validators.js';

export type Kind = 'chi' | 'nhs' | 'nino' | 'passport' | 'driving' | 'bank' | 'card' | 'dob' | 'email' | 'phone' | 'address' | 'name';

export interface Hit {
  kind: Kind;
  /** Offsets into the scanned string. */
  start: number;
  end: number;
  /** The values to redact (a bank hit has the sort code and the account number). */
  values: string[];
  verdict: Verdict;
}

export interface TextOptions {
  /** Emails, phone numbers and dates of birth are reported in data files only. */
  contactDetails: boolean;
}

const TEN = /(?<![\d-])(\d{3}[ -]?\d{3}[ -]?\d{4}|\d{6}[ -]?\d{4})(?![\d-])/g;
const NINO_RE = /(?<![A-Z0-9])([A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D])(?![A-Za-z0-9])/g;
const NINE = /(?<![\d-])(\d{9})(?![\d-])/g;
const DRIVING_RE = /(?<![A-Z0-9])([A-Z][A-Z9]{4}\d{6}[A-Z][A-Z9]\d[A-Z0-9]{2})(?![A-Za-z0-9])/g;
const CARD_RE = /(?<![\d-])(\d(?:[ -]?\d){12,18})(?![\d-])/g;
const BANK_RE = /(?<![\d-])(\d{2}-\d{2}-\d{2})(?![\d-])[^\d\n]{1,30}?(?<![\d-])(\d{8})(?![\d-])/g;
const EMAIL_RE = /(?<![\w.%+'/:-])([A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24})(?![\w-])/g;
const PHONE_RE = /(?<![\w+])((?:\+44\s?(?:\(0\)\s?)?|0044\s?|0)\d(?:[\s-]?\d){8,10})(?![\d-])/g;
const DATE_RE = /(\d{4}-\d{2}-\d{2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{4})/g;

/** Groups of digits as card numbers are printed (4-4-4-4, 4-6-5, 4-4-4-4-3) with one separator. */
function groupedCard(s: string): boolean {
  return /^\d{4}([ -])\d{4}\1\d{4}\1\d{4}(\1\d{1,3})?$/.test(s) || /^\d{4}([ -])\d{6}\1\d{4,5}$/.test(s);
}

function near(context: string, re: RegExp): boolean {
  return re.test(context);
}

/** Every validated identifier in a string; `context` is the words around it (the line, the key). */
export function scanText(s: string, context: string, opts: TextOptions): Hit[] {
  const hits: Hit[] = [];
  const taken: [number, number][] = [];
  const free = (a: number, b: number) => !taken.some(([x, y]) => a < y && b > x);
  const push = (h: Hit) => {
    if (!free(h.start, h.end)) return;
    taken.push([h.start, h.end]);
    hits.push(h);
  };
  if (s.length < 6) return hits;

  // Driving licences and National Insurance numbers: distinctive formats.
  for (const m of s.matchAll(DRIVING_RE)) {
    const v = drivingLicenceNumber(m[1]);
    if (v !== 'invalid') push({ kind: 'driving', start: m.index, end: m.index + m[1].length, values: [m[1]], verdict: v });
  }
  for (const m of s.matchAll(NINO_RE)) {
    const spaced = m[1].includes(' ');
    if (!spaced && !near(context, CONTEXT.nino)) continue;
    const v = nationalInsuranceNumber(m[1]);
    if (v !== 'invalid') push({ kind: 'nino', start: m.index, end: m.index + m[1].length, values: [m[1]], verdict: v });
  }
  // Sort code and account number pairs.
  if (near(context, CONTEXT.bank)) {
    for (const m of s.matchAll(BANK_RE)) {
      const a = sortCode(m[1]);
      const b = accountNumber(m[2]);
      if (a === 'invalid' || b === 'invalid') continue;
      push({ kind: 'bank', start: m.index, end: m.index + m[0].length, values: [m[1], m[2]], verdict: a === 'test' || b === 'test' ? 'test' : 'valid' });
    }
  }
  // Payment cards: printed in groups, or next to a card word.
  for (const m of s.matchAll(CARD_RE)) {
    const raw = m[1];
    if (!groupedCard(raw) && !(/^\d+$/.test(raw) && near(context, CONTEXT.card))) continue;
    const v = paymentCardNumber(raw);
    if (v !== 'invalid') push({ kind: 'card', start: m.index, end: m.index + raw.length, values: [raw], verdict: v });
  }
  // Ten-digit health numbers: only with a word that says which.
  const chiCtx = near(context, CONTEXT.chi);
  const nhsCtx = near(context, CONTEXT.nhs);
  const patientCtx = /patient/i.test(context);
  if (chiCtx || nhsCtx || patientCtx) {
    for (const m of s.matchAll(TEN)) {
      const raw = m[1];
      const chi = chiNumber(raw);
      const nhs = nhsNumber(raw);
      let kind: Kind | undefined;
      let v: Verdict = 'invalid';
      if (chiCtx && chi !== 'invalid') [kind, v] = ['chi', chi];
      else if (nhsCtx && nhs !== 'invalid') [kind, v] = ['nhs', nhs];
      else if (!chiCtx && !nhsCtx && patientCtx) {
        // CHI numbers start with a date (01–31); English and Welsh NHS numbers with 4, 6 or 7.
        if (chi !== 'invalid' && /^[0-3]/.test(raw)) [kind, v] = ['chi', chi];
        else if (nhs !== 'invalid' && /^[4-9]/.test(raw)) [kind, v] = ['nhs', nhs];
      }
      if (kind) push({ kind, start: m.index, end: m.index + raw.length, values: [raw], verdict: v });
    }
  }
  if (near(context, CONTEXT.passport)) {
    for (const m of s.matchAll(NINE)) {
      const v = passportNumber(m[1]);
      if (v !== 'invalid') push({ kind: 'passport', start: m.index, end: m.index + 9, values: [m[1]], verdict: v });
    }
  }
  if (!opts.contactDetails) return hits;
  for (const m of s.matchAll(EMAIL_RE)) {
    const v = emailAddress(m[1]);
    if (v !== 'invalid') push({ kind: 'email', start: m.index, end: m.index + m[1].length, values: [m[1]], verdict: v });
  }
  const phoneCtx = near(context, CONTEXT.phone);
  for (const m of s.matchAll(PHONE_RE)) {
    if (!phoneCtx && !m[1].startsWith('+44')) continue;
    const v = ukPhoneNumber(m[1]);
    if (v !== 'invalid') push({ kind: 'phone', start: m.index, end: m.index + m[1].length, values: [m[1]], verdict: v });
  }
  if (near(context, CONTEXT.dob)) {
    for (const m of s.matchAll(DATE_RE)) {
      const v = dateOfBirth(m[1], '9999-12-31');
      if (v === 'invalid') continue;
      // "next to a date-of-birth word": within 30 characters after dob/born/date of birth
      const before = s.slice(Math.max(0, m.index - 30), m.index);
      if (!CONTEXT.dob.test(before) && s !== m[1]) continue;
      push({ kind: 'dob', start: m.index, end: m.index + m[1].length, values: [m[1]], verdict: v });
    }
  }
  return hits;
}
