import { definePack } from '../../src/packs/define.js';
import { openapiRules } from './openapi/index.js';
import { publiccodeRules } from './publiccode/index.js';
import { securityTxtRules } from './security-txt/index.js';
import { csvRules } from './csv/index.js';
import { jsonSchemaRules } from './json-schema/index.js';
import { dataPackageRules } from './datapackage/index.js';

export default definePack({
  name: 'data-standards',
  version: '0.1.0',
  description: 'Open standards: OpenAPI to the UK government API standards, publiccode.yml, security.txt and open data files.',
  rules: [...openapiRules, ...publiccodeRules, ...securityTxtRules, ...csvRules, ...jsonSchemaRules, ...dataPackageRules],
});
