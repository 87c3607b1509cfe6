import { describe, expect, it } from 'vitest';
import { COUNTRY, DATE, EMAIL_FORMAT, GSS_CODE, isEmail, isIsoDate, isPostcode, POSTCODE_FORMAT, UPRN, USRN, dominantEntity } from '../../rules/data-standards/csv/formats.js';
import { columnProblems } from '../../rules/data-standards/csv/columns.js';
import { ALPHA2, ALPHA3, NUMERIC } from '../../rules/data-standards/csv/iso3166.js';

describe('value formats', () => {
  it('ISO 3166-1 has the 249 current entries', () => {
    expect([ALPHA2.size, ALPHA3.size, NUMERIC.size]).toEqual([249, 249, 249]);
    for (const c of ['GB', 'GBR', '826', 'IE', 'IRL', '372']) expect(COUNTRY.valid(c), c).toBe(true);
    for (const c of ['UK', 'gb', 'EL', 'UKM', '4', 'XX']) expect(COUNTRY.valid(c), c).toBe(false);
  });
  it('UK postcodes in the Royal Mail format', () => {
    for (const p of ['EH1 1YZ', 'EH11YZ', 'eh1 1yz', 'SW1A 1AA', 'W1A 0AX', 'M1 1AE', 'B33 8TH', 'CR2 6XH', 'DN55 1PT', 'GIR 0AA', 'BFPO 1234', 'BFPO c/o 12', 'FIQQ 1ZZ', 'EH6  6TL']) expect(isPostcode(p), p).toBe(true);
    for (const p of ['EH1', 'EH1 1Y', 'QH1 1YZ', 'EH1 1CI', 'V1 1AA', 'EH1 1YZZ', '12345', 'EH1-1YZ']) expect(isPostcode(p), p).toBe(false);
  });
  it('GSS codes, UPRN and USRN', () => {
    for (const c of ['S12000033', 'S92000003', 'E06000047', 'K04000001', 'W06000015', 'N09000003']) expect(GSS_CODE.valid(c), c).toBe(true);
    for (const c of ['s12000033', 'S1200003', 'S120000333', 'X12000033', '00QA']) expect(GSS_CODE.valid(c), c).toBe(false);
    expect(dominantEntity(['S12000033', 'S12000034', 'S08000020'])).toBe('S12 council area');
    expect(dominantEntity(['E06000047'])).toBeUndefined();
    for (const u of ['1', '906700000001', '000012345678']) expect(UPRN.valid(u), u).toBe(true);
    for (const u of ['0', '1.00023E+11', '100090123456.0', '1234567890123', '12 34']) expect(UPRN.valid(u), u).toBe(false);
    expect(USRN.valid('48504236')).toBe(true);
    expect(USRN.valid('485042361')).toBe(false);
  });
  it('e-mail syntax and ISO 8601 dates', () => {
    for (const e of ['a@b.scot', 'first.last+tag@sub.example.gov.uk', "o'neil@example.com"]) expect(isEmail(e), e).toBe(true);
    for (const e of ['a@b', 'mailto:a@b.scot', 'a b@c.uk', 'a@@b.uk', '.a@b.uk', 'a..b@c.uk', 'Name <a@b.uk>']) expect(isEmail(e), e).toBe(false);
    for (const d of ['2025', '2025-04', '2025-04-03', '2024-02-29', '2025-04-03T09:30:00Z', '2025-04-03 09:30', '2025-04-03T09:30:00.5+01:00']) expect(isIsoDate(d), d).toBe(true);
    for (const d of ['2025-02-29', '2025-13-01', '03/04/2025', '2025-04-03T25:00', '20250403']) expect(isIsoDate(d), d).toBe(false);
  });
  it('recognises the headers that name each format, and not their neighbours', () => {
    expect(['country_code', 'Country', 'ISO3', 'iso_3166_1', 'CountryCode', 'alpha2'].filter((h) => !COUNTRY.header(h))).toEqual([]);
    expect(['CTRY22CD', 'country_name_gss', 'county'].filter((h) => COUNTRY.header(h))).toEqual([]);
    expect(['FeatureCode', 'LAD23CD', 'council_code', 'DataZone2011', 'gss_code', 'HB2019'].filter((h) => !GSS_CODE.header(h))).toEqual([]);
    expect(['postcode', 'Post Code', 'pcds', 'PostCode', 'home_postcode'].filter((h) => !POSTCODE_FORMAT.header(h))).toEqual([]);
    expect(['postcode_district', 'PostcodeSector', 'postcode_area'].filter((h) => POSTCODE_FORMAT.header(h))).toEqual([]);
    expect(['email', 'E-mail', 'contact_email', 'EmailAddress'].filter((h) => !EMAIL_FORMAT.header(h))).toEqual([]);
    expect(['email_opt_in', 'email_sent_date', 'EmailVerified'].filter((h) => EMAIL_FORMAT.header(h))).toEqual([]);
    expect(['start_date', 'DateOfBirth', 'date', 'Date Received'].filter((h) => !DATE.header(h))).toEqual([]);
    expect(['date_format', 'candidate', 'update', 'mandate', 'dated_by'].filter((h) => DATE.header(h))).toEqual([]);
  });
});

describe('column checks', () => {
  it('stay silent on mostly-empty, free-text and other-content columns', () => {
    const empty = 'id,postcode\n' + Array.from({ length: 20 }, (_, i) => `${i},${i === 3 ? 'EH1' : ''}`).join('\n');
    expect(columnProblems(empty, 'a.csv', POSTCODE_FORMAT)).toEqual([]);
    const names = 'id,country\n1,Scotland\n2,France\n3,Germany\n4,GB\n';
    expect(columnProblems(names, 'b.csv', COUNTRY)).toEqual([]);
  });
  it('report one problem per column with the count and sample rows', () => {
    const csv = 'id,postcode\n1,EH1 1YZ\n2,EH1\n3,G1 1XQ\n4,AB10 1AB\n5,EH99\n';
    expect(columnProblems(csv, 'c.csv', POSTCODE_FORMAT).map((p) => [p.column, p.count, p.value, p.rows])).toEqual([['postcode', 2, 'EH1', '3, 6']]);
  });
});
