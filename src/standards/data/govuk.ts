import type { Criterion, StandardDef } from '../types.js';
import { DSSS_QUESTIONS } from './dsss.js';

/** GOV.UK Service Standard (14 points). Source: gov.uk/service-manual/service-standard. */

const p = (id: string, title: string, automation: Criterion['automation'], questions: string[]): Criterion => ({
  id,
  title,
  automation,
  questions,
});

export const GOVUK_SERVICE_STANDARD: StandardDef = {
  id: 'govuk',
  key: 'govuk',
  title: 'GOV.UK Service Standard',
  shortName: 'GOV.UK',
  version: '2019',
  organisation: 'Government Digital Service',
  url: 'https://www.gov.uk/service-manual/service-standard',
  criteria: [
    p('1', 'Understand users and their needs', 'none', DSSS_QUESTIONS['1']),
    p('2', 'Solve a whole problem for users', 'none', DSSS_QUESTIONS['2']),
    p('3', 'Provide a joined up experience across all channels', 'none', DSSS_QUESTIONS['3']),
    p('4', 'Make the service simple to use', 'none', DSSS_QUESTIONS['4']),
    p('5', 'Make sure everyone can use the service', 'partial', DSSS_QUESTIONS['5']),
    p('6', 'Have a multidisciplinary team', 'none', DSSS_QUESTIONS['6']),
    p('7', 'Use agile ways of working', 'none', [
      'How does the team plan, prioritise and review its work, and how often?',
      'How are user research findings and feedback brought into that cycle?',
      'How does governance let the team change direction when it learns something new?',
    ]),
    p('8', 'Iterate and improve frequently', 'partial', DSSS_QUESTIONS['7']),
    p('9', "Create a secure service which protects users' privacy", 'strong', DSSS_QUESTIONS['8']),
    p('10', 'Define what success looks like and publish performance data', 'none', [
      'What does success look like for this service, and which metrics (including completion rate, cost and satisfaction) show it?',
      'Where is performance data published, and how is it used to improve the service?',
    ]),
    p('11', 'Choose the right tools and technology', 'partial', DSSS_QUESTIONS['10']),
    p('12', 'Make new source code open', 'strong', DSSS_QUESTIONS['11']),
    p('13', 'Use and contribute to open standards, common components and patterns', 'strong', [
      'Which common components, patterns and platforms (for example the GOV.UK Design System) does the service use?',
      'Where you built your own components or patterns, have you shared them for others to reuse?',
      'Which open standards does the service use for data, APIs and identity?',
    ]),
    p('14', 'Operate a reliable service', 'partial', DSSS_QUESTIONS['13']),
  ],
};
