import type { Rule } from '../../../src/model/rule.js';
import descriptor from './datapackage-descriptor.js';
import resourceMissing from './datapackage-resource-missing.js';
import tableSchemaValid from './table-schema-valid.js';
import tableSchemaData from './table-schema-data.js';
import openDataLicence from './open-data-licence.js';

export const dataPackageRules: Rule[] = [descriptor, resourceMissing, tableSchemaValid, tableSchemaData, openDataLicence];
