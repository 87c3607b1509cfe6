import type { StandardsRefs } from '../../../src/model/standards.js';

/** API design and documentation (GDS API technical and data standards, open standards). */
export const API_STANDARDS: StandardsRefs = { dsss: ['12'], govuk: ['13'], tcop: ['4'] };
/** API security findings. */
export const API_SECURITY: StandardsRefs = { dsss: ['8', '12'], govuk: ['9', '13'], tcop: ['4', '6'], sbd: ['7'], caf: ['B3'] };

export const GDS_API_STANDARDS = 'https://www.gov.uk/guidance/gds-api-technical-and-data-standards';
export const OAS_SPEC = 'https://spec.openapis.org/oas/v3.1.0';
export const OAS30_SPEC = 'https://spec.openapis.org/oas/v3.0.3';
export const OWASP_API_2023 = 'https://owasp.org/API-Security/editions/2023/en/0x11-t10/';
export const SPECTRAL_OAS = 'https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules';
export const SPECTRAL_OWASP = 'https://github.com/stoplightio/spectral-owasp-ruleset';
export const CDDO_API_GUIDANCE = 'https://www.gov.uk/government/publications/recommended-open-standards-for-government/describing-restful-apis-with-openapi-3';
