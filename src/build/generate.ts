/**
 * What `npm run build` generates after `tsc`, into dist/generated/: the official OpenAPI schemas'
 * validators as standalone code, the built-in packs' rule catalogue and the secrets patterns' anchors
 * (both stamped with a digest of the built code: run after every compile that changes code; the test
 * setup runs it too).
 */
import { writeOpenApiValidators } from './openapi-validators.js';
import { writePackCatalogue } from './pack-catalogue.js';
import { writeBuildManifest } from '../engine/code-identity.js';

writeOpenApiValidators();
// the code's digest covers the validators just written; the catalogue is stamped with it
writeBuildManifest();
await writePackCatalogue();
// the catalogue loaded every pack, so every secrets pattern is compiled
const { compiledRegexes } = await import('../../rules/secrets/lib/scanner.js');
const { writeAnchorTable } = await import('../../rules/secrets/lib/anchor-table.js');
writeAnchorTable(compiledRegexes());
