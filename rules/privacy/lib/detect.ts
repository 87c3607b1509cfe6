/**
 * Value-level detection in free text (log lines, SQL values, code string literals, JSON/YAML
 * scalars, CSV cells of columns with no personal name). Ambiguous numbers need a context word.
 */
import { CONTEXT } from './fields.js';
import {
  accountNumber, chiNumber, gbIban, dateOfBirth, drivingLicenceNumber, emailAddress, nationalInsuranceNumber, nhsNumber,
  passportNumber, paymentCardNumber, sortCode, ukPhoneNumber, validDayMonth, type Verdict,
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
const NINO_RE = /(?<![A-Za-z0-9])([A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D])(?![A-Za-z0-9])/gi;
const NINE = /(?<![\d-])(\d{9})(?![\d-])/g;
const DRIVING_RE = /(?<![A-Za-z0-9])([A-Z][A-Z9]{4}\d{6}[A-Z][A-Z9]\d[A-Z0-9]{2})(?![A-Za-z0-9])/gi;
const CARD_RE = /(?<![\d-])(\d(?:[ -]?\d){12,18})(?![\d-])/g;
const BANK_RE = /(?<![\d-])(\d{2}-\d{2}-\d{2})(?![\d-])[^\d\n]{1,30}?(?<![\d-])(\d{8})(?![\d-])/g;
/** The account number first: "account 70872490, sort code 40-47-84". */
const BANK_REV_RE = /(?<![\d-])(\d{8})(?![\d-])[^\d\n]{1,30}?(?<![\d-])(\d{2}-\d{2}-\d{2})(?![\d-])/g;
const IBAN_RE = /(?<![A-Za-z0-9])(GB\d{2} ?[A-Z]{4} ?\d{4} ?\d{4} ?\d{4} ?\d{2})(?![A-Za-z0-9])/g;
const SORT_CODE_WORD = /sort[_ -]?code|\bsortcode|\bs\/c\b/i;
/** Not followed by ":path" (scp-style remotes such as git@github.com:org/repo.git are hosts, not mailboxes). */
const EMAIL_RE = /(?<![\w.%+'/:-])([A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24})(?![\w-]|:[\w/~.])/g;
const PHONE_RE = /(?<![\w+(])((?:\+44\s?(?:\(0\)\s?)?|0044\s?|0)\d(?:[\s-]?\d){8,10}|\((?:\+44\s?)?0\d{2,4}\)\s?\d(?:[\s-]?\d){4,7}|\+44\s?\(\d{2,4}\)\s?\d(?:[\s-]?\d){4,7})(?![\d-])/g;
const DATE_RE = /(\d{4}-\d{2}-\d{2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{4})/g;

/** A dd-mm-yy date, or yyyymmdd: read as a sort code or an account number only next to the words "sort code". */
function dateShaped(sort: string, account: string): boolean {
  const [d, m, y] = sort.split('-').map(Number);
  if (validDayMonth(d, m, y)) return true;
  const year = Number(account.slice(0, 4));
  return year >= 1900 && year <= 2099 && validDayMonth(Number(account.slice(6, 8)), Number(account.slice(4, 6)), year);
}

/** Unix time in seconds (2001–2033) right after a time key ("ts=", "updated at", "expiresAt:"): not a health number. */
const TIME_WORD = /^(ts|time|timestamp|epoch|at|since|until|created|updated|modified|expires?|expiry|iat|exp|nbf)$/i;

function afterTimeKey(before: string): boolean {
  const key = /([A-Za-z_]+)["']?\s*[:=]?\s*["']?$/.exec(before)?.[1];
  if (!key) return false;
  // the last word of the key: updated_at → at, expiresAt → At
  const last = key.replace(/([a-z])([A-Z])/g, '$1_$2').split('_').filter(Boolean).pop() ?? '';
  return TIME_WORD.test(last);
}

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
    // written in lower case only next to a licence word (lower-case tokens of this shape are often identifiers)
    if (m[1] !== m[1].toUpperCase() && !near(context, CONTEXT.driving)) continue;
    const v = drivingLicenceNumber(m[1]);
    if (v !== 'invalid') push({ kind: 'driving', start: m.index, end: m.index + m[1].length, values: [m[1]], verdict: v });
  }
  for (const m of s.matchAll(NINO_RE)) {
    const spaced = m[1].includes(' ');
    const upper = m[1] === m[1].toUpperCase();
    if (!(spaced && upper) && !near(context, CONTEXT.nino)) continue;
    const v = nationalInsuranceNumber(m[1]);
    if (v !== 'invalid') push({ kind: 'nino', start: m.index, end: m.index + m[1].length, values: [m[1]], verdict: v });
  }
  // GB IBANs (sort code and account number in one, with check digits): anywhere.
  for (const m of s.matchAll(IBAN_RE)) {
    const v = gbIban(m[1]);
    if (v !== 'invalid') push({ kind: 'bank', start: m.index, end: m.index + m[1].length, values: [m[1]], verdict: v });
  }
  // Sort code and account number pairs.
  if (near(context, CONTEXT.bank)) {
    const sortWord = SORT_CODE_WORD.test(context);
    const pairs = [
      ...[...s.matchAll(BANK_RE)].map((m) => ({ at: m.index, len: m[0].length, sort: m[1], account: m[2] })),
      ...[...s.matchAll(BANK_REV_RE)].map((m) => ({ at: m.index, len: m[0].length, sort: m[2], account: m[1] })),
    ];
    for (const p of pairs) {
      const a = sortCode(p.sort);
      const b = accountNumber(p.account);
      if (a === 'invalid' || b === 'invalid') continue;
      // "bank holiday 25-12-24 … 20241225": dates, unless the line names a sort code
      if (!sortWord && dateShaped(p.sort, p.account)) continue;
      push({ kind: 'bank', start: p.at, end: p.at + p.len, values: [p.sort, p.account], verdict: a === 'test' || b === 'test' ? 'test' : 'valid' });
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
      if (/^1\d{9}$/.test(raw) && afterTimeKey(s.slice(Math.max(0, m.index - 30), m.index))) continue;
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
