import type { Rule } from '../../../src/model/rule.js';
import valid from './json-schema-valid.js';
import unknownKeyword from './json-schema-unknown-keyword.js';

export const jsonSchemaRules: Rule[] = [valid, unknownKeyword];
