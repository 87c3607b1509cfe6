/**
 * What `npm run build` generates after `tsc`, into dist/generated/: the official OpenAPI schemas'
 * validators as standalone code, and the built-in packs' rule catalogue (stamped with a digest of
 * the built code: run after every compile that changes code; the test setup runs it too).
 */
import { writeOpenApiValidators } from './openapi-validators.js';
import { writePackCatalogue } from './pack-catalogue.js';

writeOpenApiValidators();
await writePackCatalogue();
