import type { Criterion, StandardDef } from '../types.js';

/**
 * NCSC Cyber Assessment Framework: 4 objectives (A–D), 14 principles (A1–D2).
 * Outcomes are judged Achieved / Partially achieved / Not achieved. Source: ncsc.gov.uk/collection/cyber-assessment-framework.
 */

const A = 'A: Managing security risk';
const B = 'B: Protecting against cyber attack';
const C = 'C: Detecting cyber security events';
const D = 'D: Minimising the impact of incidents';

const p = (
  id: string,
  title: string,
  theme: string,
  automation: Criterion['automation'],
  questions: string[],
): Criterion => ({ id, title, theme, automation, questions });

export const CAF_OBJECTIVES: Record<'A' | 'B' | 'C' | 'D', string> = {
  A: 'Managing security risk',
  B: 'Protecting against cyber attack',
  C: 'Detecting cyber security events',
  D: 'Minimising the impact of incidents',
};

export const CYBER_ASSESSMENT_FRAMEWORK: StandardDef = {
  id: 'caf',
  key: 'caf',
  title: 'Cyber Assessment Framework',
  shortName: 'CAF',
  version: '3.2',
  organisation: 'National Cyber Security Centre',
  url: 'https://www.ncsc.gov.uk/collection/cyber-assessment-framework',
  criteria: [
    p('A1', 'Governance', A, 'none', [
      'Who at board level is accountable for the security of the network and information systems?',
      'How are security roles, responsibilities and decisions documented and reviewed?',
    ]),
    p('A2', 'Risk management', A, 'none', [
      'How are security risks to the essential function identified, assessed and recorded?',
      'How often is the risk assessment reviewed, and what triggers a review?',
    ]),
    p('A3', 'Asset management', A, 'none', [
      'Is there an up-to-date inventory of the systems, data, people and dependencies the service relies on?',
      'How is the inventory kept current as the service changes?',
    ]),
    p('A4', 'Supply chain', A, 'partial', [
      'Which suppliers and third-party components does the service depend on, and what security requirements do contracts set?',
      'How are supplier incidents and vulnerabilities in third-party components reported to you?',
    ]),
    p('B1', 'Service protection policies and processes', B, 'none', [
      'Which security policies apply to the service, and how do you know they are followed?',
      'How are the policies reviewed against incidents and changes in the service?',
    ]),
    p('B2', 'Identity and access control', B, 'partial', [
      'How are user and privileged accounts approved, reviewed and removed?',
      'Is multi-factor authentication required for privileged and remote access?',
    ]),
    p('B3', 'Data security', B, 'strong', [
      'Which data is most sensitive, and where is it stored, processed and transmitted?',
      'How are encryption keys managed, and how is data securely deleted at end of life?',
    ]),
    p('B4', 'System security', B, 'strong', [
      'How quickly are security patches applied, and how is that measured?',
      'How are system configurations hardened and kept from drifting?',
    ]),
    p('B5', 'Resilient networks and systems', B, 'partial', [
      'Which single points of failure remain, and what is the plan for them?',
      'How are backups protected from compromise, and when was a restore last tested?',
    ]),
    p('B6', 'Staff awareness and training', B, 'none', [
      'What security training do staff and contractors receive, and how is completion tracked?',
      'How is a positive security culture encouraged, for example reporting without blame?',
    ]),
    p('C1', 'Security monitoring', C, 'partial', [
      'Which logs are collected, where are they kept, and for how long?',
      'Who reviews alerts, and how quickly are they acted on?',
    ]),
    p('C2', 'Proactive security event discovery', C, 'none', [
      'How do you look for attacks that evade standard monitoring, for example through threat hunting?',
      'How is threat intelligence used to decide what to look for?',
    ]),
    p('D1', 'Response and recovery planning', D, 'none', [
      'Is there a documented incident response and recovery plan, and when was it last exercised?',
      'How quickly can the essential function be restored, and has that been tested?',
    ]),
    p('D2', 'Lessons learned', D, 'none', [
      'How are root causes of incidents investigated and recorded?',
      'Which changes have been made as a result of recent incidents or exercises?',
    ]),
  ],
};
