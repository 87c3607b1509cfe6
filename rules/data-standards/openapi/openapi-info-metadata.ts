import type { Rule } from '../../../src/model/rule.js';
import { entry, get, isMap, str } from '../../../src/parsers/data/tree.js';
import { isExternalRef, keyAt, oasDocs } from '../../../src/openapi/model.js';
import { API_STANDARDS, GDS_API_STANDARDS, SPECTRAL_OAS } from './common.js';

/** info.contact, info.description and info.license tell consumers who runs the API and on what terms. */
const rule: Rule = {
  meta: {
    id: 'data-standards/openapi-info-metadata',
    title: 'API description lacks contact, description or licence',
    description:
      'The GDS API technical and data standards ask teams to document their APIs so that others can find and use them: who to contact about the API, what it does, and the licence its data and description are published under. Without `info.contact`, `info.description` and `info.license` a consumer cannot report problems, judge fitness for use or reuse the data lawfully. A description given as a `$ref` into another file (a multi-file source) counts as present.',
    severity: 'low',
    kinds: ['openapi'],
    messages: {
      contact: '`info` has no `contact`; add a team email or URL (`contact: { name, email, url }`) so consumers can reach the API\'s owners.',
      emptyContact: '`info.contact` is empty; add a team email or URL (`contact: { name, email, url }`) so consumers can reach the API\'s owners.',
      description: '`info` has no `description`; describe what the API does, who it is for and how to get access.',
      license: '`info` has no `license`; add the licence the API is published under (e.g. `license: { name: Open Government Licence v3.0, url: https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/ }`).',
    },
    remediation: 'Fill in `info.contact`, `info.description` and `info.license` in the OpenAPI description.',
    references: [GDS_API_STANDARDS, SPECTRAL_OAS, 'https://www.api.gov.uk/'],
    standards: API_STANDARDS,
    equivalents: { spectral: ['info-contact', 'info-description', 'info-license'] },
    since: '0.1.0',
  },
  check(ctx) {
    for (const doc of oasDocs(ctx.document)) {
      const info = entry(doc.root, 'info');
      if (!info || !isMap(info.value)) continue;
      const contact = entry(info.value, 'contact');
      // an empty contact object is present but reaches no one: reported on it, with its own message
      if (contact && isMap(contact.value) && contact.value.entries.length === 0) ctx.report({ messageId: 'emptyContact', offsets: keyAt(contact) });
      else if (!contact || !isMap(contact.value)) ctx.report({ messageId: 'contact', offsets: keyAt(info) });
      // `description: { $ref: docs/overview.md }` in a multi-file source is written in that file
      const description = get(info.value, 'description');
      if (!isExternalRef(description) && !(str(description) ?? '').trim()) ctx.report({ messageId: 'description', offsets: keyAt(info) });
      const licence = get(info.value, 'license');
      if (!isMap(licence) || licence.entries.length === 0) ctx.report({ messageId: 'license', offsets: keyAt(info) });
    }
  },
};
export default rule;
