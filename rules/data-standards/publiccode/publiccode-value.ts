import type { Rule } from '../../../src/model/rule.js';
import { entry, get, isMap, isScalar, isSeq, items, type DataNode } from '../../../src/parsers/data/tree.js';
import { ALPHA2 } from '../csv/iso3166.js';
import { PUBLICCODE_PARSER, PUBLICCODE_SPEC, PUBLICCODE_STANDARDS, PUBLICCODE_VERSIONS, publiccodeDocs } from './common.js';
import { checkShape, describeNode, PUBLICCODE_SHAPE } from './schema.js';

const DEVELOPMENT_STATUS = ['concept', 'development', 'beta', 'stable', 'obsolete'];
const SOFTWARE_TYPE = ['standalone/mobile', 'standalone/iot', 'standalone/desktop', 'standalone/web', 'standalone/backend', 'standalone/other', 'addon', 'library', 'configurationFiles'];
const MAINTENANCE_TYPE = ['internal', 'contract', 'community', 'none'];
const COUNTRY_EXTENSION_VERSIONS = ['0.2', '1.0'];

/** The standard's category list (categories-list in the publiccode.yml repository). */
export const CATEGORIES = new Set(
  ('accounting agile-project-management applicant-tracking application-development appointment-scheduling backup billing-and-invoicing blog ' +
    'budgeting business-intelligence business-process-management cad call-center-management cloud-management collaboration communications ' +
    'compliance-management contact-management content-management crm customer-service-and-support data-analytics data-collection ' +
    'data-visualization design design-system digital-asset-management digital-citizenship document-management donor-management e-commerce ' +
    'e-signature educational-content email-management email-marketing employee-management enterprise-project-management ' +
    'enterprise-social-networking erp event-management facility-management feedback-and-reviews-management financial-reporting ' +
    'fleet-management fundraising gamification geographic-information-systems grant-management graphic-design help-desk hr ide ' +
    'identity-management instant-messaging integrated-library-system inventory-management it-asset-management it-development it-management ' +
    'it-security it-service-management knowledge-management learning-management-system marketing mind-mapping mobile-marketing mobile-payment ' +
    'network-management office online-booking online-community other payment-gateway payroll predictive-analysis procurement productivity-suite ' +
    'project-collaboration project-management property-management real-estate-management regulations-and-directives remote-support ' +
    'resource-management sales-management seo service-desk social-media-management survey talent-management task-management taxes-management ' +
    'test-management time-management time-tracking translation video-conferencing video-editing visitor-management voip warehouse-management ' +
    'web-collaboration web-conferencing whistleblowing website-builder workflow-management').split(' '),
);

/** The standard's scope list (intendedAudience.scope). */
export const SCOPES = new Set(
  ('agriculture culture defence education emergency-services employment energy environment finance-and-economic-development foreign-affairs ' +
    'government healthcare infrastructures justice local-authorities manufacturing research science-and-technology security society sport ' +
    'tourism transportation welfare').split(' '),
);

/** A MIME type `type/subtype` (RFC 6838 restricted names). */
const MIME = /^ *[A-Za-z0-9][A-Za-z0-9!#$&^_-]{0,126}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126} *$/;
/** An email address: something@domain.tld, no spaces. */
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
/** An absolute URI: a scheme, a colon, then something. */
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;

/** Length in user-perceived characters (grapheme clusters), as the standard counts it. */
const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
function graphemes(s: string): number {
  let n = 0;
  for (const _ of segmenter.segment(s)) n++;
  return n;
}

function at(n: DataNode): [number, number] {
  return [n.start, n.end];
}

/** A non-null scalar's text, else undefined. */
function scalarText(n: DataNode | undefined): string | undefined {
  return isScalar(n) && n.value !== null ? String(n.value) : undefined;
}

/** Values must have the types and enumerated values the standard defines. */
const rule: Rule = {
  meta: {
    id: 'data-standards/publiccode-value',
    title: 'publiccode.yml has an invalid value',
    description:
      'The publiccode.yml standard fixes the type of each key, the keys each section may have, the allowed values of keys such as `developmentStatus`, `softwareType`, `maintenance.type`, `categories` and `intendedAudience.scope`, and the length of descriptions. Catalogues and the publiccode.yml parser reject files with other values, so the software is not listed, or is listed with the wrong status.',
    severity: 'medium',
    kinds: ['publiccode'],
    messages: {
      version: '`publiccodeYmlVersion` is `{{actual}}`, which is not a version of the standard; use "0" (the latest 0.x) or a released version such as "0.5".',
      enum: '`{{key}}` is `{{actual}}`; use one of {{expected}}.',
      type: '`{{key}}` must be {{expected}}, found {{actual}}.',
      unknownKey: '`{{key}}` is not a publiccode.yml key, so the parser rejects the file; {{hint}}.',
      tooLong: '`{{key}}` is {{length}} characters; the standard allows at most {{max}}.',
      tooShort: '`{{key}}` is {{length}} characters; the standard asks for at least {{min}}: describe what the software does and why one would use it.',
      empty: '`{{key}}` is empty; list at least one value.',
      category: '`{{key}}` is `{{actual}}`, which is not in the standard\'s list of categories; use one such as `document-management`, `it-development` or `other`.',
      scope: '`{{key}}` is `{{actual}}`, which is not in the standard\'s list of scopes; use one such as `government`, `local-authorities` or `healthcare`.',
      country: '`{{key}}` is `{{actual}}`, which is not an ISO 3166-1 alpha-2 country code; write two letters such as `GB` or `IT`.',
      mime: '`{{key}}` is `{{actual}}`, which is not a MIME type; write `type/subtype`, e.g. `application/json`.',
      email: '`{{key}}` is `{{actual}}`, which is not an email address; write e.g. `team@example.gov.uk`.',
      uri: '`{{key}}` is `{{actual}}`, which is not an absolute URI; write a URL or URN, e.g. `https://example.gov.uk` or `urn:x-italian-pa:pcm`.',
      excluded: '`maintenance.contractors` is only allowed when `maintenance.type` is `contract` (it is `{{type}}`); remove the contractors or change the type.',
      duplicateSection: 'The file has both `IT` and the deprecated `it` country section; keep only `IT`.',
      logo: '`{{key}}` is `{{actual}}`; {{detail}}.',
    },
    remediation: 'Use the types and values the publiccode.yml standard lists for each key, and validate the file with publiccode-parser in CI.',
    references: [PUBLICCODE_SPEC, PUBLICCODE_PARSER],
    standards: PUBLICCODE_STANDARDS,
    equivalents: {},
    since: '0.1.0',
  },
  check(ctx) {
    for (const doc of publiccodeDocs(ctx.document)) {
      const root = doc.root;
      const report = (messageId: string, node: DataNode, data: Record<string, string | number>) => ctx.report({ messageId, offsets: at(node), data });

      // types, and keys the standard does not have
      for (const p of checkShape(root, PUBLICCODE_SHAPE, '')) {
        if (p.kind === 'type') report('type', p.node, { key: p.path, expected: p.expected, actual: p.actual });
        else ctx.report({ messageId: 'unknownKey', offsets: [p.entry.key.start, p.entry.key.end], data: { key: p.path, hint: p.suggestion ? `rename it to \`${p.suggestion}\` if that is what you meant` : 'remove it or fix its name' } });
      }

      const v = get(root, 'publiccodeYmlVersion');
      const vText = scalarText(v);
      if (v && vText !== undefined && !PUBLICCODE_VERSIONS.includes(vText)) report('version', v, { actual: vText });

      const enumCheck = (key: string, node: DataNode | undefined, allowed: string[]) => {
        const s = scalarText(node);
        if (node && s !== undefined && !allowed.includes(s)) report('enum', node, { key, actual: s, expected: allowed.join(', ') });
      };
      enumCheck('developmentStatus', get(root, 'developmentStatus'), DEVELOPMENT_STATUS);
      enumCheck('softwareType', get(root, 'softwareType'), doc.version === '0.2' ? [...SOFTWARE_TYPE, 'standalone'] : SOFTWARE_TYPE);
      const maintenance = get(root, 'maintenance');
      enumCheck('maintenance.type', get(maintenance, 'type'), MAINTENANCE_TYPE);

      /** Lists the standard requires to have at least one item (null is publiccode-required's "missing"). */
      const nonEmpty = (key: string, node: DataNode | undefined) => {
        if (isSeq(node) && !node.items.length) report('empty', node, { key });
      };
      nonEmpty('platforms', get(root, 'platforms'));
      nonEmpty('localisation.availableLanguages', get(get(root, 'localisation'), 'availableLanguages'));

      const name = get(root, 'name');
      if (isScalar(name) && typeof name.value === 'string' && !name.value.trim()) report('type', name, { key: 'name', expected: 'a non-empty string', actual: describeNode(name) });

      const description = get(root, 'description');
      if (isMap(description)) {
        for (const le of description.entries) {
          const lang = String(le.key.value);
          if (!isMap(le.value)) continue;
          const length = (field: string, min: number, max: number) => {
            const n = get(le.value, field);
            const s = isScalar(n) && typeof n.value === 'string' ? n.value : undefined;
            if (!n || s === undefined || s === '') return; // absent or empty: publiccode-required
            const len = graphemes(s);
            const key = `description.${lang}.${field}`;
            if (len > max) report('tooLong', n, { key, length: len, max });
            else if (len < min) report('tooShort', n, { key, length: len, min });
          };
          length('shortDescription', 0, 150);
          length('genericName', 0, 35);
          length('longDescription', 150, 10000);
          nonEmpty(`description.${lang}.features`, get(le.value, 'features'));
        }
      }

      const eachText = (key: string, node: DataNode | undefined, test: (s: string) => boolean, messageId: string) => {
        items(node).forEach((item, i) => {
          const s = scalarText(item);
          if (s !== undefined && !test(s)) report(messageId, item, { key: `${key}[${i}]`, actual: s });
        });
      };
      eachText('categories', get(root, 'categories'), (s) => CATEGORIES.has(s), 'category');
      const audience = get(root, 'intendedAudience');
      eachText('intendedAudience.scope', get(audience, 'scope'), (s) => SCOPES.has(s), 'scope');
      const country = (s: string) => (s === s.toUpperCase() || s === s.toLowerCase()) && ALPHA2.has(s.toUpperCase());
      eachText('intendedAudience.countries', get(audience, 'countries'), country, 'country');
      eachText('intendedAudience.unsupportedCountries', get(audience, 'unsupportedCountries'), country, 'country');
      eachText('inputTypes', get(root, 'inputTypes'), (s) => MIME.test(s), 'mime');
      eachText('outputTypes', get(root, 'outputTypes'), (s) => MIME.test(s), 'mime');

      const checkEmail = (key: string, n: DataNode | undefined) => {
        const s = scalarText(n);
        if (n && s !== undefined && s !== '' && !EMAIL.test(s)) report('email', n, { key, actual: s });
      };
      const checkUri = (key: string, n: DataNode | undefined) => {
        const s = scalarText(n);
        if (n && s !== undefined && s !== '' && !URI.test(s)) report('uri', n, { key, actual: s });
      };
      items(get(maintenance, 'contacts')).forEach((c, i) => checkEmail(`maintenance.contacts[${i}].email`, get(c, 'email')));
      items(get(maintenance, 'contractors')).forEach((c, i) => checkEmail(`maintenance.contractors[${i}].email`, get(c, 'email')));
      checkUri('organisation.uri', get(get(root, 'organisation'), 'uri'));
      items(get(root, 'fundedBy')).forEach((f, i) => checkUri(`fundedBy[${i}].uri`, get(f, 'uri')));

      // contractors are excluded unless the maintenance type is contract
      const type = scalarText(get(maintenance, 'type'));
      const contractors = entry(maintenance, 'contractors');
      if (contractors && type && type !== 'contract' && MAINTENANCE_TYPE.includes(type) && !(isScalar(contractors.value) && contractors.value.value === null)) {
        ctx.report({ messageId: 'excluded', offsets: [contractors.key.start, contractors.key.end], data: { type } });
      }

      // country section: IT, or the deprecated it, not both
      const upper = entry(root, 'IT');
      const lower = entry(root, 'it');
      if (upper && lower) ctx.report({ messageId: 'duplicateSection', offsets: [lower.key.start, lower.key.end] });
      for (const [section, e] of [['IT', upper], ['it', lower]] as const) {
        if (e) enumCheck(`${section}.countryExtensionVersion`, get(e.value, 'countryExtensionVersion'), COUNTRY_EXTENSION_VERSIONS);
      }

      // logos: a relative path or an http(s) URL to an SVG or PNG image
      for (const key of ['logo', 'monochromeLogo']) {
        const n = get(root, key);
        const s = scalarText(n)?.trim();
        if (!n || !s) continue;
        let detail: string | undefined;
        if (/^file:/i.test(s)) detail = 'a file:// URL is not allowed: use a path relative to the repository root or an https URL';
        else if (s.startsWith('/')) detail = 'an absolute path is not allowed: use a path relative to the repository root or an https URL';
        else if (!/\.(svg|svgz|png)$/i.test(s.replace(/[?#].*$/, ''))) detail = 'the logo must be an SVG or PNG image (.svg, .svgz or .png)';
        if (detail) report('logo', n, { key, actual: s, detail });
      }
    }
  },
};
export default rule;
