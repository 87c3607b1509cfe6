import type { Rule } from '../../../src/model/rule.js';
import required from './publiccode-required.js';
import value from './publiccode-value.js';
import licence from './publiccode-licence.js';
import date from './publiccode-date.js';
import language from './publiccode-language.js';
import url from './publiccode-url.js';
import deprecated from './publiccode-deprecated.js';

export const publiccodeRules: Rule[] = [required, value, licence, date, language, url, deprecated];
