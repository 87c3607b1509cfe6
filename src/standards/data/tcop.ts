import type { Criterion, StandardDef } from '../types.js';

/** Technology Code of Practice (13 points). Source: gov.uk/guidance/the-technology-code-of-practice. */

const p = (id: string, title: string, automation: Criterion['automation'], questions: string[]): Criterion => ({
  id,
  title,
  automation,
  questions,
});

export const TECHNOLOGY_CODE_OF_PRACTICE: StandardDef = {
  id: 'tcop',
  key: 'tcop',
  title: 'Technology Code of Practice',
  shortName: 'TCoP',
  version: 'current',
  organisation: 'Central Digital and Data Office',
  url: 'https://www.gov.uk/guidance/the-technology-code-of-practice',
  criteria: [
    p('1', 'Define user needs', 'none', [
      'Which user needs does the technology meet, and what research shows them?',
      'How were users, including internal users, involved in choosing the technology?',
    ]),
    p('2', 'Make things accessible and inclusive', 'partial', [
      'Do the technology and any bought-in products meet WCAG 2.2 AA, and how was that tested?',
      'How are staff and users with access needs able to use the systems, including admin tools?',
    ]),
    p('3', 'Be open and use open source', 'strong', [
      'Is new code published openly, and where it is not, what is the reason?',
      'Were open source options considered before proprietary ones?',
    ]),
    p('4', 'Make use of open standards', 'partial', [
      'Which open standards are used for data formats, APIs, identity and documents?',
      'Where a proprietary format is used, what is the exit plan?',
    ]),
    p('5', 'Use cloud first', 'none', [
      'Was public cloud considered first, and if it was not chosen, why?',
      'Which service model (SaaS, PaaS, IaaS) is used, and how does it affect lock-in?',
    ]),
    p('6', 'Make things secure', 'strong', [
      'Which security risks and controls have been agreed with the risk owner?',
      'How are security updates, monitoring and incident response handled in live service?',
    ]),
    p('7', 'Make privacy integral', 'partial', [
      'Has a data protection impact assessment been done, and who reviewed it?',
      'How are data minimisation and retention periods enforced in the system?',
    ]),
    p('8', 'Share, reuse and collaborate', 'none', [
      'Which existing government platforms or components were considered for reuse?',
      'What has the team shared back for others to reuse?',
    ]),
    p('9', 'Integrate and adapt technology', 'none', [
      'How does the technology integrate with existing systems, and through which interfaces?',
      'How would you replace or adapt a component without replacing the whole system?',
    ]),
    p('10', 'Make better use of data', 'none', [
      'Which data does the service share or publish, and in what format and under what licence?',
      'How is data quality and ownership managed?',
    ]),
    p('11', 'Define your purchasing strategy', 'none', [
      'How does the purchasing strategy avoid long contracts and lock-in to a single supplier?',
      'Were the costs of the whole lifecycle, including exit, considered?',
    ]),
    p('12', 'Make your technology sustainable', 'none', [
      'How have energy use, hardware lifecycle and hosting emissions been considered?',
      'How is the sustainability of the technology measured and reported?',
    ]),
    p('13', 'Meet the Service Standard', 'none', [
      'Has the service been assessed against the Service Standard, and with what outcome?',
      'Which actions from the last assessment are still open?',
    ]),
  ],
};
