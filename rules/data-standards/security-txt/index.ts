import type { Rule } from '../../../src/model/rule.js';
import contact from './securitytxt-contact.js';
import expires from './securitytxt-expires.js';
import tooFar from './securitytxt-expires-too-far.js';
import fields from './securitytxt-fields.js';
import location from './securitytxt-location.js';
import languages from './securitytxt-preferred-languages.js';
import signature from './securitytxt-signature.js';
import unknownField from './securitytxt-unknown-field.js';

export const securityTxtRules: Rule[] = [contact, expires, tooFar, fields, location, languages, signature, unknownField];
