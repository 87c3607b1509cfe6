/**
 * Validators for UK personal identifiers, from the published algorithms. Each returns a verdict:
 * `valid` (well-formed, check digit right, not a known test value), `test` (well-formed but a
 * documented example, a reserved test range, or sequential/repeated digits) or `invalid`.
 */
export type Verdict = 'valid' | 'test' | 'invalid';

const DIGITS = /^\d+$/;

export function digitsOnly(s: string): string {
  return s.replace(/[\s-]/g, '');
}

/** Sequential (0123…, 9876…) or mostly one repeated digit: the values people type as placeholders. */
export function isPlaceholderDigits(d: string): boolean {
  if (d.length < 4) return false;
  if (new Set(d).size <= 2) return true;
  const up = '01234567890123456789';
  const down = '98765432109876543210';
  if (up.includes(d) || down.includes(d)) return true;
  // a sequential run covering all but the check digit (1234567890 → 123456789x)
  const body = d.slice(0, -1);
  if (body.length >= 6 && (up.includes(body) || down.includes(body))) return true;
  return /(\d)\1{6,}/.test(d) || /0{7,}/.test(d);
}

/** Modulus 11 with weights 10..2 over the first nine digits (NHS and CHI numbers). */
export function mod11CheckDigit(nine: string): number | undefined {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i);
  const r = 11 - (sum % 11);
  if (r === 11) return 0;
  if (r === 10) return undefined;
  return r;
}

export function mod11Valid(ten: string): boolean {
  if (ten.length !== 10 || !DIGITS.test(ten)) return false;
  const c = mod11CheckDigit(ten.slice(0, 9));
  return c !== undefined && c === Number(ten[9]);
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A day and month that exist; 29 February only when the (possibly two-digit) year allows it. */
export function validDayMonth(day: number, month: number, year?: number): boolean {
  if (!Number.isInteger(day) || !Number.isInteger(month) || month < 1 || month > 12 || day < 1) return false;
  if (day > DAYS[month - 1]) return false;
  if (month === 2 && day === 29 && year !== undefined) {
    if (year < 100) return year % 4 === 0;
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  }
  return true;
}

/** NHS numbers published as examples or reserved for testing (the 999 range). */
const NHS_TEST = new Set(['9434765919', '9434765870', '9449306613', '4010232137', '9000000009', '9876543210', '9990000026']);

/**
 * NHS numbers are issued to patients from the 300, 400, 600 and 700 million ranges (Northern Ireland within 320–399,
 * CHI numbers below 312); nothing starting with 9 is issued, and the NHS test environments' synthetic patients
 * (PDS sandbox and integration, NHS login sandpit) live there, with 999 reserved for testing.
 */
export function nhsNumber(raw: string): Verdict {
  const d = digitsOnly(raw);
  if (d.length !== 10 || !DIGITS.test(d) || !mod11Valid(d)) return 'invalid';
  if (NHS_TEST.has(d) || d.startsWith('9') || isPlaceholderDigits(d)) return 'test';
  return 'valid';
}

/** CHI numbers used as examples in Scottish documentation and test harnesses. */
const CHI_TEST = new Set(['0101010000', '0101011234', '1010101010', '0101000000']);

export function chiNumber(raw: string): Verdict {
  const d = digitsOnly(raw);
  if (d.length !== 10 || !DIGITS.test(d)) return 'invalid';
  const day = Number(d.slice(0, 2));
  const month = Number(d.slice(2, 4));
  const yy = Number(d.slice(4, 6));
  if (!validDayMonth(day, month, yy)) return 'invalid';
  if (!mod11Valid(d)) return 'invalid';
  if (CHI_TEST.has(d) || isPlaceholderDigits(d) || isPlaceholderDigits(d.slice(6))) return 'test';
  return 'valid';
}

const NINO = /^([A-CEGHJ-PR-TW-Z])([A-CEGHJ-NPR-TW-Z]) ?(\d{2}) ?(\d{2}) ?(\d{2}) ?([A-D])$/;
const NINO_INVALID_PREFIX = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'ZZ']);

/** National Insurance number (HMRC NIM39110): prefix rules, six digits, suffix A–D. */
export function nationalInsuranceNumber(raw: string): Verdict {
  const s = raw.trim().toUpperCase();
  if (/^QQ ?12 ?34 ?56 ?[A-D]$/.test(s)) return 'test';
  // TN is HMRC's temporary-number prefix (TN + date of birth + sex): not an allocated number.
  if (/^TN ?\d{2} ?\d{2} ?\d{2} ?[A-DFM]$/.test(s)) return 'test';
  const m = NINO.exec(s);
  if (!m) return 'invalid';
  const prefix = m[1] + m[2];
  if (NINO_INVALID_PREFIX.has(prefix)) return 'invalid';
  const digits = m[3] + m[4] + m[5];
  if (isPlaceholderDigits(digits) || digits === '123456') return 'test';
  return 'valid';
}

/** A UK passport number: nine digits (only meaningful next to a passport keyword or column). */
export function passportNumber(raw: string): Verdict {
  const d = raw.trim();
  if (!/^\d{9}$/.test(d)) return 'invalid';
  if (isPlaceholderDigits(d) || d === '123456789' || /^0+/.test(d) && d.replace(/^0+/, '').length < 5) return 'test';
  return 'valid';
}

const DRIVING = /^([A-Z][A-Z9]{4})(\d)(\d{2})(\d{2})(\d)([A-Z][A-Z9])(\d)([A-Z0-9]{2})$/;
/** The DVLA's own published example (MORGAN SARAH MEREDITH). */
const DRIVING_TEST = new Set(['MORGA753116SM9IJ', 'MORGA657054SM9IJ']);

/**
 * A GB driving licence number: surname (5, padded with 9), decade digit, month (+50 for women), day,
 * year digit, two initials (padded with 9), an arbitrary digit and two check characters. The embedded
 * date of birth must exist.
 */
export function drivingLicenceNumber(raw: string): Verdict {
  const s = raw.replace(/\s+/g, '').toUpperCase().slice(0, 16);
  const m = DRIVING.exec(s);
  if (!m) return 'invalid';
  // padding only after the letters: "SMI99" yes, "S9MI9" no
  if (!/^[A-Z]+9*$/.test(m[1]) || !/^[A-Z]+9*$/.test(m[6])) return 'invalid';
  let month = Number(m[3]);
  if (month > 50) month -= 50;
  const year = Number(m[2]) * 10 + Number(m[5]);
  if (!validDayMonth(Number(m[4]), month, year)) return 'invalid';
  if (DRIVING_TEST.has(s) || /^(TEST|XXXXX|AAAAA)/.test(s)) return 'test';
  return 'valid';
}

/** A sort code (12-34-56) and an eight-digit account number. */
export function sortCode(raw: string): Verdict {
  const s = raw.trim();
  if (!/^\d{2}[- ]?\d{2}[- ]?\d{2}$/.test(s)) return 'invalid';
  const d = digitsOnly(s);
  if (isPlaceholderDigits(d) || d === '123456' || d === '000000') return 'test';
  return 'valid';
}

export function accountNumber(raw: string): Verdict {
  const d = raw.trim();
  if (!/^\d{8}$/.test(d)) return 'invalid';
  if (isPlaceholderDigits(d) || d === '12345678' || d === '87654321') return 'test';
  return 'valid';
}

/** IBANs published as examples (ECBS/SWIFT registry, Wikipedia, bank documentation). */
const IBAN_TEST = new Set(['GB29NWBK60161331926819', 'GB82WEST12345698765432', 'GB33BUKB20201555555555', 'GB94BARC10201530093459', 'GB94BARC20201530093459']);

/**
 * A GB IBAN (ISO 13616): GB, two check digits, a four-letter bank code, the six-digit sort code and the
 * eight-digit account number, the whole valid modulo 97. It carries the same sort code and account as a pair does.
 */
export function gbIban(raw: string): Verdict {
  const s = raw.replace(/\s+/g, '').toUpperCase();
  const m = /^GB\d{2}[A-Z]{4}(\d{6})(\d{8})$/.exec(s);
  if (!m) return 'invalid';
  const rearranged = s.slice(4) + s.slice(0, 4);
  let rem = 0;
  for (const ch of rearranged) {
    const v = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of v) rem = (rem * 10 + Number(d)) % 97;
  }
  if (rem !== 1) return 'invalid';
  if (IBAN_TEST.has(s) || sortCode(m[1]) === 'test' || accountNumber(m[2]) === 'test') return 'test';
  return 'valid';
}

export function luhnValid(d: string): boolean {
  let sum = 0;
  let dbl = false;
  for (let i = d.length - 1; i >= 0; i--) {
    let n = d.charCodeAt(i) - 48;
    if (n < 0 || n > 9) return false;
    if (dbl) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
    dbl = !dbl;
  }
  return sum % 10 === 0;
}

export type CardScheme = 'Visa' | 'Mastercard' | 'American Express' | 'Maestro' | 'Discover' | 'Diners Club' | 'JCB';

/** The scheme from the issuer identification number, when it is one of the schemes checked and the length fits. */
export function cardScheme(d: string): CardScheme | undefined {
  const n = d.length;
  if (/^4/.test(d) && (n === 13 || n === 16 || n === 19)) return 'Visa';
  const p4 = Number(d.slice(0, 4));
  if (n === 16 && (/^5[1-5]/.test(d) || (p4 >= 2221 && p4 <= 2720))) return 'Mastercard';
  if (n === 15 && /^3[47]/.test(d)) return 'American Express';
  if (n >= 13 && n <= 19 && /^(5018|5020|5038|5893|6304|6759|6761|6762|6763|6799|676770|676774)/.test(d)) return 'Maestro';
  if (n >= 16 && n <= 19 && /^(6011|64[4-9]|65)/.test(d)) return 'Discover';
  if (n === 14 && /^(30[0-5]|3095|36|3[89])/.test(d)) return 'Diners Club';
  if (n >= 16 && n <= 19 && p4 >= 3528 && p4 <= 3589) return 'JCB';
  return undefined;
}

/** Test card numbers the card schemes and payment providers publish (Stripe, Braintree, Adyen, Worldpay, PayPal). */
const TEST_CARDS = new Set([
  '4111111111111111', '4242424242424242', '4000056655665556', '4012888888881881', '4222222222222', '4012888888881',
  '4000000000000002', '4000000000000077', '4000000000000093', '4000000000003220', '4000002500003155', '4000000000009995',
  '4000000000000119', '4000000000000127', '4000000000000069', '4000000000000341', '4000002760003184', '4000000000000101',
  '4917610000000000', '4917610000000000003', '4444333322221111', '4462030000000000', '4917300800000000', '4484070000000000',
  '4988080000000000', '4035501000000008', '4166676667666746', '4646464646464644', '4263970000005262', '4000620000000007',
  '4005519200000004', '4009348888881881', '4012000033330026', '4012000077777777', '4217651111111119', '4500600000000061',
  '4543059999999982', '4988438843884305', '4003830171874018', '4035874000424977',
  '5555555555554444', '5105105105105100', '5200828282828210', '5454545454545454', '5555444433331111', '5555341244441115',
  '5577000055770004', '5136333333333335', '5585558555855583', '5431111111111111', '5500000000000004', '5185540810000019',
  '5573470000000001', '5506900140100305', '5555555555555557', '2223003122003222', '2223000048400011', '2222400070000005',
  '2222410740360010', '2222990905257051', '2223520443560010', '5101180000000007', '5424000000000015',
  '378282246310005', '371449635398431', '378734493671000', '370000000000002', '340000000000009', '371111111111114',
  '3714496353984312', '374245455400126', '370000000100018',
  '6759649826438453', '6759000000000000005', '6799990100000000019', '6761000000000006', '6304000000000000',
  '5018000000000009', '5020000000000000',
  '6011111111111117', '6011000990139424', '6011000400000000', '6011601160116611', '6011981111111113', '6445644564456445',
  '30569309025904', '3056930009020004', '36227206271667', '38520000023237', '36006666333344', '36070500001020',
  '3530111333300000', '3566002020360505', '3566111111111113', '3528000700000000', '3569990010095841',
]);

export function paymentCardNumber(raw: string): Verdict {
  const d = digitsOnly(raw);
  if (d.length < 13 || d.length > 19 || !DIGITS.test(d)) return 'invalid';
  if (!cardScheme(d) || !luhnValid(d)) return 'invalid';
  if (TEST_CARDS.has(d) || isPlaceholderDigits(d) || /^4000000000|^400000[0-9]{2}0000|0{6,}/.test(d) || new Set(d).size <= 3) return 'test';
  return 'valid';
}

const EMAIL = /^[A-Za-z0-9._%+'-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,24}$/;
/** Domains reserved for documentation (RFC 2606, RFC 6761) and well-known throwaway or no-reply domains. */
const TEST_DOMAIN = /(^|\.)(example\.(com|org|net)|example|test|invalid|localhost|local|mailinator\.com|users\.noreply\.github\.com|noreply\.github\.com|email\.com|domain\.com|yourdomain\.com|company\.com|acme\.com|foo\.com|bar\.com|test\.com)$/i;
/** Role mailboxes: not a person's personal data. */
const ROLE_LOCAL = /^(no-?reply|do-?not-?reply|info|admin|administrator|support|contact|enquiries|enquiry|hello|help|helpdesk|webmaster|postmaster|hostmaster|security|privacy|dpo|foi|team|office|sales|abuse|root|noc|servicedesk|feedback|accessibility|mail|press|media|jobs|careers|billing|accounts|notifications?|alerts?)$/i;
/**
 * A service's shared mailbox (`customerservices@`, `contactcentre@`, `planning.enquiries@`, `foi-team@`): compound
 * role names as public bodies publish them; a person's address (`fiona.mcleod@`) has none of these words as a part.
 */
const SERVICE_MAILBOX = /^(?:customer[-._]?(?:services?|care|first|contact|support|relations)|contact[-._]?(?:us|centre|center)|general[-._]?(?:enquiries|enquiry|info)|(?:enquiries|enquiry|info|contact|support|help)[-._][a-z]+|[a-z]+[-._](?:enquiries|enquiry|info|support|team|office|helpdesk|servicedesk|mailbox|admin))$/i;
const TEST_LOCAL = /^(test|tester|testing|user|username|someone|somebody|john\.?doe|jane\.?doe|joe\.?bloggs|foo|bar|me|you|email|name|firstname\.?lastname|first\.?last)\d*$/i;

/** File-name endings that are not top-level domains (.md, .py, .rs, .sh, .zip and .mov are, so they are not listed). */
const FILE_ENDING = /\.(png|jpe?g|gif|svg|webp|avif|ico|bmp|tiff?|heic|css|scss|less|m?js|cjs|jsx|tsx?|json|ya?ml|html?|map|woff2?|ttf|otf|eot|mp3|mp4|wav|ogg|webm|pdf|txt|log|xml|csv|lock|gz|tgz)$/i;

export function emailAddress(raw: string): Verdict {
  const s = raw.trim();
  if (s.length > 254 || !EMAIL.test(s)) return 'invalid';
  const at = s.lastIndexOf('@');
  const local = s.slice(0, at);
  const domain = s.slice(at + 1);
  // "icon@2x.png", "logo@3x.webp": asset names, not addresses (none of these endings is a top-level domain)
  if (FILE_ENDING.test(domain)) return 'invalid';
  if (TEST_DOMAIN.test(domain) || TEST_LOCAL.test(local) || ROLE_LOCAL.test(local) || SERVICE_MAILBOX.test(local)) return 'test';
  return 'valid';
}

/** A UK number with +44/0044/(0) prefixes, spaces, hyphens and brackets removed; undefined when not UK-shaped. */
export function normalisePhone(raw: string): string | undefined {
  let s = raw.trim();
  if (!/^[+\d(][\d\s()-]{8,18}$/.test(s)) return undefined;
  s = s.replace(/[\s()-]/g, '');
  if (s.startsWith('+44')) s = `0${s.slice(3)}`;
  else if (s.startsWith('0044')) s = `0${s.slice(4)}`;
  else if (s.startsWith('44') && s.length === 12) s = `0${s.slice(2)}`;
  s = s.replace(/^00(?=[1-9])/, '0');
  if (!/^0\d+$/.test(s)) return undefined;
  return s;
}

/** Ofcom's ranges reserved for drama and documentation. */
function isDramaNumber(n: string): boolean {
  return (
    /^07700900\d{3}$/.test(n) ||
    /^01632960\d{3}$/.test(n) ||
    /^020794600\d{2}$|^02079460\d{3}$/.test(n) ||
    /^01(13|14|15|16|17|18|21|31|41|51|61)4960\d{3}$/.test(n) ||
    /^01914980\d{3}$/.test(n) ||
    /^02890180\d{3}$|^02920180\d{3}$/.test(n) ||
    /^08081570\d{3}$|^09098790\d{3}$|^03069990\d{3}$/.test(n)
  );
}

/** UK mobile (07…, 11 digits, with the Isle of Man's 07624) and geographic/non-geographic 01/02/03 numbers (10 or 11 digits). */
export function ukPhoneNumber(raw: string): Verdict {
  const n = normalisePhone(raw);
  if (!n) return 'invalid';
  // 07624 is the Isle of Man's mobile range within the 076 pager block
  const ok = /^07[1-57-9]\d{8}$/.test(n) || /^07624\d{6}$/.test(n) || /^01\d{8,9}$/.test(n) || /^0[23]\d{9}$/.test(n);
  if (!ok) return 'invalid';
  if (isDramaNumber(n) || isPlaceholderDigits(n.slice(1)) || isPlaceholderDigits(n.slice(-6))) return 'test';
  // 03 numbers are non-geographic numbers Ofcom allocates to organisations (public bodies, charities,
  // businesses: a council's 0300 line), never to a person's home or mobile line
  if (n.startsWith('03')) return 'test';
  return 'valid';
}

/** The official postcode format (BS 7666), with GIR 0AA and BFPO numbers. */
const POSTCODE = /^(GIR ?0AA|BFPO ?\d{1,4}|(?:[A-PR-UWYZ][0-9][0-9]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?|[A-PR-UWYZ][0-9][A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY]) ?[0-9][ABD-HJLNP-UW-Z]{2})$/;

export function ukPostcode(raw: string): Verdict {
  const s = raw.trim().toUpperCase().replace(/\s+/g, ' ');
  if (!POSTCODE.test(s)) return 'invalid';
  if (/^(GIR ?0AA|ZZ99 ?\w{3}|XX\d)/.test(s)) return 'test';
  return 'valid';
}

/** A calendar date written as ISO, UK day-first or "1 January 1980"; returns the year. */
export function parseDate(raw: string): { year: number; month: number; day: number } | undefined {
  const s = raw.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+Z?)?$/.exec(s);
  if (m) return mk(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return mk(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{1,2})(?:st|nd|rd|th)? (January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec) (\d{4})$/i.exec(s);
  if (m) return mk(Number(m[3]), monthOf(m[2]), Number(m[1]));
  return undefined;
}

function monthOf(name: string): number {
  return ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

function mk(year: number, month: number, day: number): { year: number; month: number; day: number } | undefined {
  return validDayMonth(day, month, year) ? { year, month, day } : undefined;
}

/** A date of birth: a real date after 1900 and not after the scan's date; 1900-01-01 and 1970-01-01 are placeholders. */
export function dateOfBirth(raw: string, today: string): Verdict {
  const d = parseDate(raw);
  if (!d) return 'invalid';
  const iso = `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
  if (d.year < 1900 || iso > today) return 'invalid';
  if (iso === '1900-01-01' || iso === '1970-01-01' || iso === '2000-01-01' || iso === '1901-01-01') return 'test';
  return 'valid';
}

const ORGANISATION = /\b(library|hall|centre|center|school|academy|college|university|council|church|street|road|house|park|ltd|limited|plc|llp|office|station|hospital|surgery|practice|clinic|pharmacy|court|club|trust|services?|group|museum|shop|caf[eé]|hotel|store|depot|campus|ward|board|department|agency|partnership|association|society|team|project|programme|unit|garden|gardens|square|bridge|harbour|airport|stadium)\b/i;

/** A person's name: one to five words of letters (with ' - .), no digits, at least one capital. */
export function personName(raw: string): Verdict {
  const s = raw.trim();
  if (s.length < 2 || s.length > 80) return 'invalid';
  if (!/^[\p{L}][\p{L}'’.-]*(?:,? [\p{L}][\p{L}'’.-]*){0,4}$/u.test(s)) return 'invalid';
  if (!/\p{Lu}/u.test(s)) return 'invalid';
  // places and organisations, not people
  if (ORGANISATION.test(s)) return 'invalid';
  if (/^(test|testing|example|sample|dummy|fake|unknown|n\/?a|none|null|anonymous|redacted|withheld|john doe|jane doe|joe bloggs|john smith|jane smith|first name|last name|name|user|test user)$/i.test(s)) return 'test';
  return 'valid';
}

/** A street address line: a house number (or flat) followed by words, e.g. "12 High Street" or "Flat 2, 5 Main Road". */
export function addressLine(raw: string): Verdict {
  const s = raw.trim();
  if (s.length < 5 || s.length > 200) return 'invalid';
  if (!/(^|[\s,])(\d{1,4}[A-Za-z]?|flat \d+\w?)[,]?\s+\p{L}{2,}/iu.test(s)) return 'invalid';
  if (/^(1|123) (test|example|fake|sample|any) /i.test(s) || /\b(test|example|fake|sample) (street|road|lane|avenue)\b/i.test(s)) return 'test';
  return 'valid';
}
