import type { Rule } from '../../../src/model/rule.js';
import structure from './csv-structure.js';
import header from './csv-header.js';
import encoding from './csv-encoding.js';
import dateFormat from './csv-date-format.js';

export const csvRules: Rule[] = [structure, header, encoding, dateFormat];
