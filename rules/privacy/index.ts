import { definePack } from '../../src/packs/define.js';
import { PRIVACY_RULES } from './rules.js';

export default definePack({
  name: 'privacy',
  version: '0.1.0',
  description: 'Personal data committed to the repository or published as open data: CHI, NHS and National Insurance numbers, passports, driving licences, bank and card numbers, dates of birth, contact details and addresses, validated by their check digits and formats.',
  rules: PRIVACY_RULES,
});
