/** Personal-data field names (CSV headers, JSON/YAML keys, SQL columns, XML elements, log keys). */
export type FieldType =
  | 'name'
  | 'dob'
  | 'chi'
  | 'nhs'
  | 'nino'
  | 'passport'
  | 'driving'
  | 'sortCode'
  | 'account'
  | 'iban'
  | 'card'
  | 'email'
  | 'phone'
  | 'address'
  | 'postcode';

/** Normalise a header or key: lower case, words joined by `_` (camelCase split). */
export function normaliseFieldName(raw: string): string {
  return raw
    .trim()
    .replace(/^["'`[]|["'`\]]$/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

const FIELDS: [FieldType, RegExp][] = [
  ['chi', /^(patient_)?chi(_(no|num|number|id))?$|^community_health_index(_number)?$/],
  ['nhs', /^(patient_)?nhs(_(no|num|number|id))?$|^nhs_?number$/],
  ['nino', /^(ni|nin|nino|ni_no|ni_num|ni_number|national_insurance|national_insurance_(no|number|num))$/],
  ['passport', /^passport(_(no|num|number|id))?$/],
  ['driving', /^(driving|drivers?)_licen[cs]e(_(no|num|number))?$|^(driving_)?licen[cs]e_number$|^dl_number$/],
  ['sortCode', /^(bank_)?sort_?code$/],
  ['iban', /^((bank|account|payee)_)?iban(_(no|num|number|code))?$/],
  ['account', /^(bank_)?account_(no|num|number)$|^bank_account$/],
  ['card', /^(payment_|credit_|debit_)?card_(no|num|number)$|^(pan|cc_number|credit_card|debit_card|ccnum)$/],
  ['dob', /^(date_of_birth|dob|d_o_b|birth_date|birthdate|birth_day|birthday|date_birth|dateofbirth)$/],
  ['email', /^(e_?mail|email_address|e_mail_address|personal_email|contact_email|email_addr|mail)$/],
  ['phone', /^(phone|mobile|telephone|tel|phone_(no|num|number)|mobile_(no|num|number|phone)|telephone_(no|number)|tel_(no|number)|contact_(number|phone)|home_phone|work_phone|landline|mobile_telephone)$/],
  ['postcode', /^(post_?code|postal_code|home_postcode|address_postcode)$/],
  ['address', /^(address|home_address|address_line_?1|address1|addr|addr1|street|street_address|address_line|line_?1|house_(no|number)|residential_address)$/],
  ['name', /^(name|first_?name|forename|forenames|given_?name|surname|last_?name|family_?name|full_?name|middle_?name|patient_name|person_name|client_name|customer_name|maiden_name|preferred_name|display_name|known_as)$/],
];

export function fieldTypeOf(raw: string): FieldType | undefined {
  const n = normaliseFieldName(raw);
  if (!n) return undefined;
  for (const [t, re] of FIELDS) if (re.test(n)) return t;
  return undefined;
}

/** Words near a value that say what an ambiguous number is (free text, code, logs). */
export const CONTEXT: Record<'chi' | 'nhs' | 'nino' | 'passport' | 'driving' | 'card' | 'bank' | 'phone' | 'dob', RegExp> = {
  chi: /\bchi\b|chi[_-]?(no|num|number|id)|chinumber|community health index/i,
  nhs: /\bnhs|nhs[_-]?(no|num|number|id)|nhsnumber/i,
  nino: /\bnino\b|\bni[_ -]?(no|num|number)\b|national[_ -]?insurance/i,
  passport: /passport/i,
  driving: /driv(ing|ers?|er'?s)[_ -]?licen[cs]e|\bdvla\b|\blicen[cs]e[_ -]?(no|num|number)\b/i,
  card: /\bcard|\bpan\b|credit|debit|visa|mastercard|amex|maestro|\bcc[_-]?(no|num|number)?\b/i,
  bank: /sort[_ -]?code|\bsortcode|\baccount|\bacc(t)?[_ .-]?(no|num|number)|\bbank|\ba\/c\b/i,
  phone: /phone|mobile|\btel\b|telephone|\bcontact[_ ]?number/i,
  dob: /\bdob\b|date[_ ]of[_ ]birth|birth[_ ]?date|\bborn\b/i,
} as const;
