import type { Rule } from '../../../src/model/rule.js';
import structure from './openapi-structure.js';
import officialSchema from './openapi-schema.js';
import swagger2 from './openapi-swagger-2.js';
import serverHttps from './openapi-server-https.js';
import infoMetadata from './openapi-info-metadata.js';
import operationId from './openapi-operation-id.js';
import errorResponses from './openapi-error-responses.js';
import successResponse from './openapi-success-response.js';
import securityDefined from './openapi-security-defined.js';
import writeUnprotected from './openapi-write-unprotected.js';
import apiKeyInUrl from './openapi-api-key-in-url.js';
import dateFormat from './openapi-date-format.js';
import customHeader from './openapi-custom-header.js';
import propertyCasing from './openapi-property-casing.js';
import trailingSlash from './openapi-path-trailing-slash.js';
import pathVerb from './openapi-path-verb.js';
import refResolves from './openapi-ref-resolves.js';
import refSiblings from './openapi-ref-siblings.js';
import exampleValid from './openapi-example-valid.js';
import retryAfter from './openapi-retry-after.js';
import stringLimit from './openapi-string-limit.js';
import arrayLimit from './openapi-array-limit.js';
import unusedComponent from './openapi-unused-component.js';
import insecureAuth from './openapi-insecure-auth.js';
import integerLimit from './openapi-integer-limit.js';

export const openapiRules: Rule[] = [
  structure,
  officialSchema, swagger2, serverHttps, infoMetadata, operationId, errorResponses, successResponse, securityDefined, writeUnprotected,
  apiKeyInUrl, dateFormat, customHeader, propertyCasing, trailingSlash, pathVerb, refResolves, refSiblings, exampleValid, retryAfter,
  stringLimit, arrayLimit, integerLimit, unusedComponent, insecureAuth,
];
