/** Value grammars: BCP 47 language tags (primary subtag) and HTML autofill tokens. */

/** ISO 639-1 codes registered as IANA primary language subtags (including deprecated ones still registered). */
const ISO_639_1 = new Set(
  ('aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu ' +
    'fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik in io is it iu iw ja ji jv jw ka kg ki kj ' +
    'kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mo mr ms mt my na nb nd ne ng nl nn no nr nv ny ' +
    'oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg sh si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl ' +
    'tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu').split(' '),
);

/**
 * ISO 639-2 three-letter codes of languages that have a two-letter code: they are NOT registered subtags
 * (BCP 47 uses the shortest code), so `lang="eng"` is invalid. Value: the code to use instead.
 */
const THREE_TO_TWO: Record<string, string> = {
  eng: 'en', fra: 'fr', fre: 'fr', deu: 'de', ger: 'de', spa: 'es', cym: 'cy', wel: 'cy', gla: 'gd', gle: 'ga', ita: 'it',
  por: 'pt', nld: 'nl', dut: 'nl', pol: 'pl', rus: 'ru', ara: 'ar', zho: 'zh', chi: 'zh', jpn: 'ja', kor: 'ko', hin: 'hi',
  urd: 'ur', ben: 'bn', pan: 'pa', tur: 'tr', ell: 'el', gre: 'el', swe: 'sv', nor: 'no', nob: 'nb', nno: 'nn', dan: 'da',
  fin: 'fi', isl: 'is', ice: 'is', hun: 'hu', ces: 'cs', cze: 'cs', slk: 'sk', slo: 'sk', ron: 'ro', rum: 'ro', bul: 'bg',
  ukr: 'uk', heb: 'he', fas: 'fa', per: 'fa', vie: 'vi', tha: 'th', msa: 'ms', may: 'ms', ind: 'id', tam: 'ta', tel: 'te',
  guj: 'gu', mar: 'mr', kan: 'kn', mal: 'ml', sin: 'si', nep: 'ne', som: 'so', swa: 'sw', amh: 'am', yor: 'yo', ibo: 'ig',
  hau: 'ha', zul: 'zu', xho: 'xh', afr: 'af', eus: 'eu', baq: 'eu', cat: 'ca', glg: 'gl', bre: 'br', cor: 'kw', glv: 'gv',
  ltz: 'lb', lit: 'lt', lav: 'lv', est: 'et', slv: 'sl', hrv: 'hr', srp: 'sr', bos: 'bs', mkd: 'mk', mac: 'mk', sqi: 'sq',
  alb: 'sq', hye: 'hy', arm: 'hy', kat: 'ka', geo: 'ka', aze: 'az', kaz: 'kk', uzb: 'uz', tgl: 'tl', mlt: 'mt', lat: 'la',
  epo: 'eo', pus: 'ps', tir: 'ti', kur: 'ku', fry: 'fy', lin: 'ln', orm: 'om', khm: 'km', lao: 'lo', mya: 'my', bur: 'my',
  mon: 'mn', bod: 'bo', tib: 'bo', sna: 'sn', kin: 'rw', nya: 'ny', wol: 'wo', ful: 'ff', aka: 'ak', ewe: 'ee',
};

/** Well-known names people write instead of a code. */
const NAMES: Record<string, string> = { english: 'en', french: 'fr', german: 'de', spanish: 'es', welsh: 'cy', gaelic: 'gd', dutch: 'nl', italian: 'it', polish: 'pl', scots: 'sco' };

export type LangCheck = { valid: true } | { valid: false; reason: string; suggestion?: string };

/**
 * Whether a lang value has a valid primary language subtag (what ACT rules bf051a/de46e4 check).
 * Two-letter subtags are checked against ISO 639-1; three-letter subtags are accepted unless they are the
 * ISO 639-2 alias of a two-letter code (the registry has thousands; unknown ones are not reported).
 */
export function checkLang(value: string): LangCheck {
  const v = value.trim();
  if (v === '') return { valid: false, reason: 'is empty' };
  if (/_/.test(v)) {
    const fixed = v.replace(/_/g, '-');
    return { valid: false, reason: 'uses "_" instead of "-" between subtags', suggestion: checkLang(fixed).valid ? fixed : undefined };
  }
  if (!/^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/.test(v)) return { valid: false, reason: 'is not a BCP 47 language tag' };
  const primary = v.split('-')[0].toLowerCase();
  if (!/^[a-z]+$/.test(primary)) return { valid: false, reason: `has primary subtag "${primary}", which is not a language code` };
  if (primary.length === 2) return ISO_639_1.has(primary) ? { valid: true } : { valid: false, reason: `has primary subtag "${primary}", which is not an ISO 639-1 language code` };
  if (primary.length === 3) {
    const two = THREE_TO_TWO[primary];
    return two ? { valid: false, reason: `uses the three-letter code "${primary}"; BCP 47 requires the two-letter code`, suggestion: two } : { valid: true };
  }
  if (primary === 'i' || primary === 'x') return { valid: false, reason: `starts with "${primary}-" (a ${primary === 'i' ? 'grandfathered' : 'private-use'} tag, not a language)` };
  return { valid: false, reason: `has primary subtag "${primary}", which is not a registered language code`, suggestion: NAMES[primary] };
}

/** Primary language subtag, lower-cased. */
export function primarySubtag(value: string): string {
  return value.trim().split(/[-_]/)[0].toLowerCase();
}

// ---------------------------------------------------------------- autocomplete (HTML autofill detail tokens)

const FIELD_NAMES = new Set(
  ('name honorific-prefix given-name additional-name family-name honorific-suffix nickname username new-password ' +
    'current-password one-time-code organization-title organization street-address address-line1 address-line2 ' +
    'address-line3 address-level4 address-level3 address-level2 address-level1 country country-name postal-code cc-name ' +
    'cc-given-name cc-additional-name cc-family-name cc-number cc-exp cc-exp-month cc-exp-year cc-csc cc-type ' +
    'transaction-currency transaction-amount language bday bday-day bday-month bday-year sex url photo').split(' '),
);
const CONTACT_FIELDS = new Set('tel tel-country-code tel-national tel-area-code tel-local tel-local-prefix tel-local-suffix tel-extension email impp'.split(' '));
const CONTACT_KINDS = new Set(['home', 'work', 'mobile', 'fax', 'pager']);

/** Values people use to stop autofill; not valid tokens, but not a claim about input purpose either. */
export const AUTOFILL_OFF_SYNONYMS = new Set(['none', 'false', 'true', 'disabled', 'enabled', 'undefined', 'null', 'nope', 'no', 'chrome-off', 'new-off', 'off-chrome']);

/** `field`: the autofill field name the value asks for (absent for "on"/"off" and empty values). */
export type AutocompleteCheck = { valid: true; field?: string } | { valid: false; reason: string };

/** Validate an autocomplete attribute against the HTML autofill grammar. */
export function checkAutocomplete(value: string): AutocompleteCheck {
  const tokens = value.trim().toLowerCase().split(/[\t\n\f\r ]+/).filter(Boolean);
  if (tokens.length === 0) return { valid: true };
  if (tokens.length === 1 && (tokens[0] === 'on' || tokens[0] === 'off')) return { valid: true };
  let i = 0;
  if (tokens[i]?.startsWith('section-')) i++;
  if (tokens[i] === 'shipping' || tokens[i] === 'billing') i++;
  let contact = false;
  if (tokens[i] && CONTACT_KINDS.has(tokens[i])) {
    contact = true;
    i++;
  }
  const field = tokens[i];
  if (field === undefined) return { valid: false, reason: `has no field name after "${tokens.join(' ')}"` };
  if (contact && !CONTACT_FIELDS.has(field)) {
    return { valid: false, reason: FIELD_NAMES.has(field) ? `"${tokens[i - 1]}" can only precede a contact field (tel…, email, impp), not "${field}"` : `"${field}" is not an autofill field name` };
  }
  if (!FIELD_NAMES.has(field) && !CONTACT_FIELDS.has(field)) {
    const misplaced = tokens.find((t, k) => k !== i && (FIELD_NAMES.has(t) || CONTACT_FIELDS.has(t)));
    return { valid: false, reason: misplaced ? `has its tokens in the wrong order (expected [section-*] [shipping|billing] [home|work|mobile|fax|pager] <field> [webauthn])` : `"${field}" is not an autofill field name` };
  }
  i++;
  if (tokens[i] === 'webauthn') i++;
  if (i < tokens.length) return { valid: false, reason: `has unexpected token "${tokens[i]}" after the field name` };
  return { valid: true, field };
}

/**
 * The input types that can hold each field (HTML's autofill control groups; `select`, `textarea` and
 * hidden inputs hold every field). Leniencies real forms need and browsers honour: a street address in
 * a one-line text input, tel and password inputs for digits (numeric keypads, a masked security code),
 * a month-or-tel card expiry, number and tel inputs for one-time codes and phone-number parts.
 */
const TEXTUAL = ['text', 'search'];
const FIELD_TYPES: Record<string, readonly string[]> = {
  'street-address': TEXTUAL,
  username: [...TEXTUAL, 'email'],
  'new-password': [...TEXTUAL, 'password'],
  'current-password': [...TEXTUAL, 'password'],
  'one-time-code': [...TEXTUAL, 'password', 'number', 'tel'],
  email: [...TEXTUAL, 'email'],
  url: [...TEXTUAL, 'url'],
  photo: [...TEXTUAL, 'url'],
  impp: [...TEXTUAL, 'url'],
  tel: [...TEXTUAL, 'tel'],
  bday: [...TEXTUAL, 'date'],
  'cc-exp': [...TEXTUAL, 'month', 'tel'],
};
for (const f of ['tel-country-code', 'tel-national', 'tel-area-code', 'tel-local', 'tel-local-prefix', 'tel-local-suffix', 'tel-extension']) FIELD_TYPES[f] = [...TEXTUAL, 'tel', 'number'];
for (const f of ['cc-number', 'cc-exp-month', 'cc-exp-year', 'cc-csc', 'transaction-amount', 'bday-day', 'bday-month', 'bday-year']) FIELD_TYPES[f] = [...TEXTUAL, 'number', 'tel', 'password'];
/** Types that cannot hold a plain-text field (a name, a postcode, a country…): they accept only their own kind of value. */
const NOT_TEXT = new Set(['email', 'url', 'password', 'number', 'date', 'month', 'week', 'time', 'datetime-local', 'color', 'range']);
/** Input types with an autofill control group (the others take no autocomplete field). */
const INPUT_TYPES = new Set(['text', 'search', 'tel', 'url', 'email', 'password', 'date', 'month', 'week', 'time', 'datetime-local', 'number', 'range', 'color']);

/**
 * Whether an `<input type>` (its attribute value as written; absent is text) can hold an autofill
 * field, e.g. not `type="number"` for an e-mail address. Values the input cannot take are never
 * filled in, so the field's purpose is lost to autofill and to assistive tools.
 */
export function inputTypeHoldsField(type: string | undefined, field: string): boolean {
  // an unknown or invalid type (including one with spaces around it) is the Text state
  const state = type === undefined || !INPUT_TYPES.has(type.toLowerCase()) ? 'text' : type.toLowerCase();
  const allowed = FIELD_TYPES[field];
  return allowed ? allowed.includes(state) : !NOT_TEXT.has(state);
}
