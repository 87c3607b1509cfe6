import type { Detector } from '../lib/types.js';
import { L, R, UUID, contextual, lowWhen, prefixed, re } from './helpers.js';

const NAME_CHAR = /[A-Za-z0-9_.-]/;

/** UK public-sector platforms. */
export const PUBLIC_SECTOR_DETECTORS: Detector[] = [
  {
    id: 'govuk-notify-api-key',
    name: 'GOV.UK Notify API key',
    vendor: 'GOV.UK Notify (API integration page of the service)',
    keywords: [],
    // `<key name>-<service id>-<secret>`: two version-4 UUIDs after the key's name. The look-behind
    // (a name character before the dash) sits after the dash, so the regex starts with a literal and
    // V8 skips quickly to each `-` (about 4× faster than the look-behind first; same matches).
    regex: re(`-(?<=[A-Za-z0-9_.]-)(${UUID})-(${UUID})(?![A-Za-z0-9_-])`),
    group: 2,
    minEntropy: 0,
    validate: (_s, m, text) => {
      let start = m.index;
      while (start > 0 && m.index - start < 255 && NAME_CHAR.test(text[start - 1])) start--;
      const name = text.slice(start, m.index);
      if (!/[A-Za-z0-9]/.test(name)) return false;
      const secret = m[2];
      if (secret === m[1] || /^([0-9a-f])\1{7}/.test(secret)) return false;
      const value = text.slice(start, m.index + m[0].length);
      return { secret: { value, start }, properties: { keyLength: value.length } };
    },
    reference: 'https://docs.notifications.service.gov.uk/rest-api.html#api-keys',
  },
  prefixed('govuk-pay-api-key', 'GOV.UK Pay API key', 'GOV.UK Pay (admin tool, API keys)', ['api_live_', 'api_test_'], `${L}(api_(?:live|test)_[A-Za-z0-9]{26,})${R}`, {
    minEntropy: 3.5,
    validate: lowWhen(/^api_test_/, 'a test (sandbox) account key'),
    reference: 'https://docs.payments.service.gov.uk/security/#securing-your-developer-keys',
  }),
  contextual('companies-house-api-key', 'Companies House API key', 'Companies House developer hub', ['companies_house', 'companieshouse', 'ch_api_key', 'companies-house'], 'companies[_-]?house[\\w.-]{0,20}(?:api_?)?key|ch_api_key', `${UUID}|[A-Za-z0-9]{40}`, { severity: 'medium' }),
  contextual('os-data-hub-api-key', 'Ordnance Survey Data Hub API key', 'OS Data Hub', ['os_api_key', 'osdatahub', 'os_data_hub', 'osdata_hub', 'os_datahub', 'ordnance'], 'os_api_key|os_?data_?hub[\\w.-]{0,20}key|ordnance[\\w.-]{0,20}key', '[A-Za-z0-9]{32}', { severity: 'medium', minEntropy: 3.5 }),
];
