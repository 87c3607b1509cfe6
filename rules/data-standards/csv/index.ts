import type { Rule } from '../../../src/model/rule.js';
import structure from './csv-structure.js';
import header from './csv-header.js';
import encoding from './csv-encoding.js';
import dateFormat from './csv-date-format.js';
import countryCode from './csv-country-code.js';
import gssCode from './csv-gss-code.js';
import uprn from './csv-uprn.js';
import postcode from './csv-postcode.js';
import email from './csv-email.js';

export const csvRules: Rule[] = [structure, header, encoding, dateFormat, countryCode, gssCode, uprn, postcode, email];
