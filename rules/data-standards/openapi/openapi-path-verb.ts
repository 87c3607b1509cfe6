import type { Rule } from '../../../src/model/rule.js';
import { keyAt, oasDocs, pathEntries } from '../../../src/openapi/model.js';
import { API_STANDARDS, GDS_API_STANDARDS } from './common.js';

const VERBS = 'get|create|update|delete|remove|add|fetch|retrieve|insert|modify|edit|save|set|put|post|patch';
/** A segment that is a verb, or starts with one followed by a word boundary (camelCase, `_`, `-`). */
const VERB_SEGMENT = new RegExp(`^(?:${VERBS})(?:$|[A-Z_-])`, '');

/** Resource paths are nouns; the HTTP method is the verb. */
const rule: Rule = {
  meta: {
    id: 'data-standards/openapi-path-verb',
    title: 'API path contains a verb',
    description:
      'The GDS API technical and data standards ask for RESTful, resource-oriented URLs: paths name resources (nouns) and the HTTP method says what to do. Paths such as `/getUsers` or `/createOrder` duplicate the method, hide the resource model and stop caches and tools from treating operations consistently.',
    severity: 'low',
    kinds: ['openapi'],
    messages: { verb: 'Path `{{path}}` has the verb segment `{{segment}}`; name the resource instead (e.g. `{{suggestion}}`) and let the HTTP method say the action.' },
    remediation: 'Use noun paths (`/users`, `/orders/{orderId}`) with GET, POST, PUT, PATCH and DELETE.',
    references: [GDS_API_STANDARDS, 'https://www.gov.uk/guidance/gds-api-technical-and-data-standards#use-restful'],
    standards: API_STANDARDS,
    equivalents: {},
    since: '0.1.0',
  },
  check(ctx) {
    for (const doc of oasDocs(ctx.document)) {
      for (const pe of pathEntries(doc)) {
        const path = String(pe.key.value);
        for (const segment of path.split('/')) {
          if (!segment || segment.includes('{') || !VERB_SEGMENT.test(segment.charAt(0).toLowerCase() + segment.slice(1))) continue;
          const rest = segment.replace(new RegExp(`^(?:${VERBS})[_-]?`, 'i'), '');
          const suggestion = rest ? `/${rest.charAt(0).toLowerCase()}${rest.slice(1)}` : path.replace(`/${segment}`, '') || '/';
          ctx.report({ messageId: 'verb', offsets: keyAt(pe), data: { path, segment, suggestion } });
          break;
        }
      }
    }
  },
};
export default rule;
