import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  accountNumber, cardScheme, chiNumber, dateOfBirth, drivingLicenceNumber, emailAddress, luhnValid, mod11CheckDigit,
  gbIban, nationalInsuranceNumber, nhsNumber, passportNumber, paymentCardNumber, personName, sortCode, ukPhoneNumber, ukPostcode,
} from '../../rules/privacy/lib/validators.js';
import { fieldTypeOf } from '../../rules/privacy/lib/fields.js';
import { scanText } from '../../rules/privacy/lib/detect.js';

const digitString = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));

/** Replace one digit with a different one. */
function mutate(s: string, at: number, by: number): string {
  const i = at % s.length;
  const d = (Number(s[i]) + 1 + (by % 9)) % 10;
  return s.slice(0, i) + String(d) + s.slice(i + 1);
}

const withMod11 = (nine: string) => {
  const c = mod11CheckDigit(nine);
  return c === undefined ? undefined : nine + String(c);
};

describe('NHS number (modulus 11)', () => {
  it('accepts the published example as a test value and rejects a wrong check digit', () => {
    expect(nhsNumber('943 476 5919')).toBe('test');
    expect(nhsNumber('943-476-5919')).toBe('test');
    expect(nhsNumber('9434765918')).toBe('invalid');
    expect(nhsNumber('4579193717')).toBe('valid');
    expect(nhsNumber('9991234560')).not.toBe('valid');
  });
  it('numbers starting with 9 are never issued to patients: test data', () => {
    const n = withMod11('968123456')!;
    expect(n).toBeDefined();
    expect(nhsNumber(n)).toBe('test');
    expect(nhsNumber(withMod11('745123456')!)).toBe('valid');
  });
  it('check digit 10 is never issued', () => {
    // 000000001 → 11 - (2 % 11) = 9; find a prefix whose remainder gives 10
    expect(mod11CheckDigit('400000001')).toBeDefined();
    const ten = Array.from({ length: 200 }, (_, i) => String(450000000 + i)).find((n) => mod11CheckDigit(n) === undefined)!;
    for (let d = 0; d <= 9; d++) expect(nhsNumber(`${ten}${d}`)).toBe('invalid');
  });
  it('generated numbers validate; any single-digit change fails', () => {
    fc.assert(
      fc.property(digitString(8), fc.nat(), fc.nat(), (body, at, by) => {
        const n = withMod11(`4${body}`);
        fc.pre(n !== undefined);
        expect(nhsNumber(n!)).not.toBe('invalid');
        expect(nhsNumber(mutate(n!, at, by))).toBe('invalid');
      }),
      { numRuns: 500 },
    );
  });
});

describe('CHI number (DDMMYY + modulus 11)', () => {
  const date = fc.tuple(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 99 })).map(([d, m, y]) => [d, m, y].map((x) => String(x).padStart(2, '0')).join(''));
  it('validates made-up numbers and rejects bad dates', () => {
    expect(chiNumber('1503721388')).toBe('valid');
    expect(chiNumber('1503721389')).toBe('invalid');
    expect(chiNumber('3202851234')).toBe('invalid');
    expect(chiNumber('1111111111')).toBe('test');
  });
  it('generated numbers validate; any single-digit change in the check digit or serial fails', () => {
    fc.assert(
      fc.property(date, digitString(3), fc.integer({ min: 6, max: 9 }), fc.nat(), (ddmmyy, serial, at, by) => {
        const n = withMod11(ddmmyy + serial);
        fc.pre(n !== undefined);
        expect(chiNumber(n!)).not.toBe('invalid');
        expect(chiNumber(mutate(n!, at, by))).toBe('invalid');
      }),
      { numRuns: 500 },
    );
  });
});

describe('National Insurance number', () => {
  it('applies the prefix and suffix rules', () => {
    expect(nationalInsuranceNumber('JC 48 29 17 B')).toBe('valid');
    expect(nationalInsuranceNumber('JC482917B')).toBe('valid');
    expect(nationalInsuranceNumber('QQ 12 34 56 C')).toBe('test');
    expect(nationalInsuranceNumber('TN 01 02 80 M')).toBe('test');
    for (const bad of ['DA482917B', 'AD482917B', 'AO482917B', 'GB482917B', 'NK482917B', 'ZZ482917B', 'JC482917E', 'JC48291B']) expect(nationalInsuranceNumber(bad), bad).toBe('invalid');
  });
  it('rejects forbidden first letters whatever follows', () => {
    fc.assert(fc.property(fc.constantFrom('D', 'F', 'I', 'Q', 'U', 'V'), fc.constantFrom('A', 'B', 'C'), digitString(6), (first, second, digits) => {
      expect(nationalInsuranceNumber(`${first}${second}${digits}A`)).toBe('invalid');
    }));
  });
});

describe('payment card (Luhn + IIN)', () => {
  it('treats documented test cards as test values', () => {
    for (const t of ['4111111111111111', '4242424242424242', '5555555555554444']) expect(paymentCardNumber(t)).toBe('test');
    expect(paymentCardNumber('4929 1827 3645 1028')).toBe('valid');
    expect(paymentCardNumber('374628193057219')).toBe('valid');
    expect(paymentCardNumber('9929182736451020')).toBe('invalid');
    expect(cardScheme('2221000000000009')).toBe('Mastercard');
  });
  it('generated numbers validate; any single-digit change fails the Luhn check', () => {
    fc.assert(
      fc.property(digitString(14), fc.nat(), fc.nat(), (body, at, by) => {
        const partial = `4${body}`;
        let c = 0;
        while (!luhnValid(partial + String(c))) c++;
        const n = partial + String(c);
        expect(luhnValid(n)).toBe(true);
        expect(paymentCardNumber(n)).not.toBe('invalid');
        const m = mutate(n, 1 + (at % 15), by);
        expect(luhnValid(m)).toBe(false);
        expect(paymentCardNumber(m)).toBe('invalid');
      }),
      { numRuns: 500 },
    );
  });
});

describe('driving licence', () => {
  it('validates the embedded date of birth', () => {
    expect(drivingLicenceNumber('FERNA858145LM9AB')).toBe('valid');
    expect(drivingLicenceNumber('MORGA753116SM9IJ')).toBe('test');
    expect(drivingLicenceNumber('FERNA858325LM9AB')).toBe('invalid');
    expect(drivingLicenceNumber('FERNA813145LM9AB')).toBe('invalid');
    expect(drivingLicenceNumber('F9RNA858145LM9AB')).toBe('invalid');
  });
  it('generated licences validate; an impossible day fails', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 12 }), fc.boolean(), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 9 }), (dec, month, female, day, year) => {
      const mm = String(month + (female ? 50 : 0)).padStart(2, '0');
      const ok = `SMITH${dec}${mm}${String(day).padStart(2, '0')}${year}JA9XY`;
      expect(drivingLicenceNumber(ok)).toBe('valid');
      expect(drivingLicenceNumber(`SMITH${dec}${mm}32${year}JA9XY`)).toBe('invalid');
    }));
  });
});

describe('other validators', () => {
  it('sort codes, accounts and passports', () => {
    expect(sortCode('83-26-14')).toBe('valid');
    expect(sortCode('12-34-56')).toBe('test');
    expect(accountNumber('40918276')).toBe('valid');
    expect(accountNumber('12345678')).toBe('test');
    expect(passportNumber('501938274')).toBe('valid');
    expect(passportNumber('123456789')).toBe('test');
    expect(passportNumber('50193827')).toBe('invalid');
  });
  it('emails: documentation domains and role mailboxes are not personal', () => {
    expect(emailAddress('fiona.mcleod83@outlook.com')).toBe('valid');
    expect(emailAddress('fiona@example.com')).toBe('test');
    expect(emailAddress('info@council.gov.scot')).toBe('test');
    // shared service mailboxes as councils publish them; a person's address stays personal
    for (const role of ['customerservices@aberdeencity.gov.uk', 'contactcentre@fife.gov.uk', 'planning.enquiries@council.gov.scot', 'foi-team@nhs.scot', 'general.enquiries@gov.scot']) expect(emailAddress(role)).toBe('test');
    for (const person of ['fiona.mcleod@gov.scot', 'j.smith@council.gov.scot', 'caroline@outlook.com']) expect(emailAddress(person)).toBe('valid');
    expect(emailAddress('not an email')).toBe('invalid');
  });
  it('UK phone numbers: lengths and Ofcom drama ranges', () => {
    expect(ukPhoneNumber('07958 214963')).toBe('valid');
    expect(ukPhoneNumber('+44 7462 830195')).toBe('valid');
    expect(ukPhoneNumber('+44 (0)131 557 2941')).toBe('valid');
    expect(ukPhoneNumber('07700 900123')).toBe('test');
    expect(ukPhoneNumber('01632 960001')).toBe('test');
    expect(ukPhoneNumber('0795821')).toBe('invalid');
    expect(ukPhoneNumber('079582149631')).toBe('invalid');
  });
  it('postcodes, dates of birth and names', () => {
    for (const p of ['EH11 2PL', 'G12 8QQ', 'SW1A 1AA', 'BFPO 801', 'W1A 0AX']) expect(ukPostcode(p), p).toBe('valid');
    expect(ukPostcode('GIR 0AA')).toBe('test');
    expect(ukPostcode('QQ1 1AA')).toBe('invalid');
    expect(dateOfBirth('1972-03-15', '2026-01-01')).toBe('valid');
    expect(dateOfBirth('28 February 1991', '2026-01-01')).toBe('valid');
    expect(dateOfBirth('2030-01-01', '2026-01-01')).toBe('invalid');
    expect(dateOfBirth('1970-01-01', '2026-01-01')).toBe('test');
    expect(personName('Morag Henderson')).toBe('valid');
    expect(personName('Widget 3000')).toBe('invalid');
  });
  it('field names', () => {
    expect(fieldTypeOf('NHS Number')).toBe('nhs');
    expect(fieldTypeOf('nhsNumber')).toBe('nhs');
    expect(fieldTypeOf('date_of_birth')).toBe('dob');
    expect(fieldTypeOf('Address Line 1')).toBe('address');
    expect(fieldTypeOf('product_code')).toBeUndefined();
  });
  it('free text needs a context word for ambiguous numbers', () => {
    expect(scanText('order 4579193717 dispatched', 'order 4579193717 dispatched', { contactDetails: true })).toEqual([]);
    expect(scanText('nhs=4579193717', 'nhs=4579193717', { contactDetails: true }).map((h) => h.kind)).toEqual(['nhs']);
    expect(scanText('patient 1503721388', 'patient 1503721388', { contactDetails: true }).map((h) => h.kind)).toEqual(['chi']);
  });
  it('free text: Unix timestamps after a time key are not health numbers', () => {
    const kinds = (t: string) => scanText(t, t, { contactDetails: true }).map((h) => h.kind);
    expect(kinds('patient sync ts=1709294418')).toEqual([]);
    expect(kinds('patient "updatedAt": 1709294418')).toEqual([]);
    expect(kinds('patient 1709294418')).toEqual(['chi']);
  });
  it('free text: bank pairs in either order, dates only next to "sort code"', () => {
    const kinds = (t: string) => scanText(t, t, { contactDetails: true }).map((h) => h.kind);
    expect(kinds('refund to account 70872490, sort code 40-47-84')).toEqual(['bank']);
    expect(kinds('bank holiday 25-12-24 batch 20241225')).toEqual([]);
    expect(kinds('sort code 30-12-45 account 20170811')).toEqual(['bank']);
  });
  it('free text: bracketed UK phone numbers and lower-case identifiers next to their word', () => {
    const kinds = (t: string) => scanText(t, t, { contactDetails: true }).map((h) => h.kind);
    expect(kinds('phone (0131) 552 7781')).toEqual(['phone']);
    expect(kinds('phone +44 (7911) 562384')).toEqual(['phone']);
    expect(kinds('nino: hh 58 30 16 d')).toEqual(['nino']);
    expect(kinds('ref hh 58 30 16 d')).toEqual([]);
    expect(kinds('dvla brodi804127km9xy')).toEqual(['driving']);
    expect(kinds('key brodi804127km9xy')).toEqual([]);
  });
});

describe('GB IBAN, other card schemes, Isle of Man mobiles, asset names', () => {
  it('GB IBAN: modulo-97 check, documented examples are test values', () => {
    expect(gbIban('GB44 BOFS 8014 2706 3198 54')).toBe('valid');
    expect(gbIban('GB44BOFS80142706319855')).toBe('invalid');
    expect(gbIban('GB29 NWBK 6016 1331 9268 19')).toBe('test');
    expect(gbIban('DE89370400440532013000')).toBe('invalid');
    expect(fieldTypeOf('payee_iban')).toBe('iban');
  });
  it('Discover, Diners Club and JCB, with their published test cards', () => {
    expect(cardScheme('6011492781650380')).toBe('Discover');
    expect(cardScheme('36815209473627')).toBe('Diners Club');
    expect(cardScheme('3583071944628718')).toBe('JCB');
    expect(paymentCardNumber('6011492781650380')).toBe('valid');
    expect(paymentCardNumber('6011111111111117')).toBe('test');
    expect(paymentCardNumber('30569309025904')).toBe('test');
  });
  it('07624 (Isle of Man) is a mobile range; other 076 pager numbers are not', () => {
    expect(ukPhoneNumber('07624 381902')).toBe('valid');
    // organisations' non-geographic 03 numbers (a council's 0300 line) are not personal
    expect(ukPhoneNumber('0300 200 2920')).toBe('test');
    expect(ukPhoneNumber('03452 777 778')).toBe('test');
    expect(ukPhoneNumber('07640 381902')).toBe('invalid');
  });
  it('retina asset names are not email addresses', () => {
    expect(emailAddress('icon@2x.png')).toBe('invalid');
    expect(emailAddress('kirsty.macrae@btinternet.com')).toBe('valid');
  });
});
