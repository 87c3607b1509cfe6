import type { Criterion, StandardDef } from '../types.js';

/**
 * Digital Scotland Service Standard, 2021 edition: 14 criteria in three themes.
 * Source: servicemanual.gov.scot (Digital Scotland Service Standard). A 12-criterion revision is being
 * drafted (servicemanual.gov.scot/service-standard); add it as a new entry in DSSS_VERSIONS with its own
 * StandardId rather than editing this one, so reports against 2021 stay reproducible.
 */

const USERS = "Meeting users' needs";
const SERVICE = 'Providing a service';
const TECH = 'Using the right technology';

/** Assessor questions, shared with the equivalent GOV.UK Service Standard points. */
export const DSSS_QUESTIONS: Record<string, string[]> = {
  '1': [
    'What user research has the team done, with whom, and how did it change the service?',
    'Which users, including those with access needs or low digital confidence, have you not yet reached?',
    'How do you keep learning about users now that the service is being built or run?',
  ],
  '2': [
    'What is the whole problem the user is trying to solve, and where does this service start and end within it?',
    'Which other organisations or services are part of that journey, and how are you working with them?',
    'What constraints (policy, legislation, contracts) stop you solving the whole problem, and who knows about them?',
  ],
  '3': [
    'Which channels (online, phone, paper, face to face) do users use, and how do they move between them?',
    'How are offline and assisted routes designed and tested alongside the online service?',
    'How do you link users to the other services they are likely to need next?',
  ],
  '4': [
    'What proportion of users complete the service first time without help, and how do you know?',
    'Which steps cause the most failures or contact, and what have you changed as a result?',
    'How have you tested the service with users, including with its names, content and start page?',
  ],
  '5': [
    'Which assistive technologies and browsers have you tested with, and have disabled people taken part in research?',
    'Is there a current accessibility audit and a published accessibility statement?',
    'What support is there for people who cannot use the online service or lack confidence to?',
  ],
  '6': [
    'Which roles are in the team now, and which are shared, part-time or missing?',
    'Who has the authority to make day-to-day decisions about the service?',
    'How will the team, and knowledge about the service, be sustained after launch or when suppliers change?',
  ],
  '7': [
    'How often do you release changes, and how long does a change take from idea to live?',
    'How do research findings and performance data feed into the backlog?',
    'What stops you changing the service quickly (contracts, release processes, technology)?',
  ],
  '8': [
    'What personal data does the service collect, store and share, and has a data protection impact assessment been done?',
    'Who owns the security risks for the service, and when was the threat model or risk assessment last reviewed?',
    'How are vulnerabilities, incidents and data breaches detected, reported and handled?',
  ],
  '9': [
    'What does success look like for this service, and which metrics (including completion rate, cost and satisfaction) show it?',
    'How does the service contribute to Scotland\u2019s national outcomes?',
    'Where is performance data published, and how is it used to improve the service?',
  ],
  '10': [
    'How did you choose the main technologies and hosting, and what alternatives were considered?',
    'How easily could you change supplier, platform or technology if you needed to?',
    'What does the technology cost to run, and how do you manage its licences and end of support?',
  ],
  '11': [
    'Is the source code published in an open repository, under an open licence, and if not, what is the reason?',
    'How do you keep secrets, credentials and sensitive configuration out of the public code?',
  ],
  '12': [
    'Which shared components, patterns and platforms (for example the Scottish Government Design System) does the service use?',
    'Where you built your own components or patterns, have you shared them for others to reuse?',
    'Which open standards does the service use for data, APIs and identity?',
  ],
  '13': [
    'What are the service\u2019s availability targets, and how is the service monitored against them?',
    'How would the team respond if the service went down, and has that plan been tested?',
    'How are backups, disaster recovery and deployments tested?',
  ],
  '14': [
    'Who is the sponsor or senior responsible owner, and have they accepted the service as meeting the standard?',
    'How are risks, issues and decisions escalated to the sponsor, and how often?',
  ],
};

const c = (id: string, title: string, theme: string, automation: Criterion['automation']): Criterion => ({
  id,
  title,
  theme,
  automation,
  questions: DSSS_QUESTIONS[id],
});

export const DSSS_2021: StandardDef = {
  id: 'dsss-2021',
  key: 'dsss',
  title: 'Digital Scotland Service Standard',
  shortName: 'DSSS',
  version: '2021',
  organisation: 'Scottish Government',
  url: 'https://servicemanual.gov.scot/browse/digital-scotland-service-standard/dsss',
  criteria: [
    c('1', 'Understand users and their needs', USERS, 'none'),
    c('2', 'Solve a whole problem for users', USERS, 'none'),
    c('3', 'Design and deliver a joined-up experience', USERS, 'none'),
    c('4', 'Help users succeed first time', USERS, 'none'),
    c('5', 'Make sure everyone can use the service', USERS, 'partial'),
    c('6', 'Have a multidisciplinary team', SERVICE, 'none'),
    c('7', 'Iterate and improve frequently', SERVICE, 'partial'),
    c('8', "Create a secure service which protects users' privacy", SERVICE, 'strong'),
    c('9', 'Define what success looks like and publish performance data', SERVICE, 'none'),
    c('10', 'Choose the right tools and technology', TECH, 'partial'),
    c('11', 'Make new source code open', TECH, 'strong'),
    c(
      '12',
      'Use and contribute to shared digital practices, processes, components, standards, patterns and platforms',
      TECH,
      'strong',
    ),
    c('13', 'Operate a reliable service', TECH, 'partial'),
    c('14', 'Ensure sponsor acceptance', SERVICE, 'none'),
  ],
};

/** Every catalogued edition of the DSSS, keyed by edition. The 12-criterion revision goes here when published. */
export const DSSS_VERSIONS = { '2021': DSSS_2021 } as const satisfies Record<string, StandardDef>;
export type DsssVersion = keyof typeof DSSS_VERSIONS;
/** The edition the `dsss` rule-metadata key refers to. */
export const CURRENT_DSSS_VERSION: DsssVersion = '2021';
