import type { StandardDef } from '../types.js';

/** UK Government Secure by Design principles (10). Source: security.gov.uk. */
export const SECURE_BY_DESIGN: StandardDef = {
  id: 'sbd',
  key: 'sbd',
  title: 'Secure by Design principles',
  shortName: 'SbD',
  version: 'current',
  organisation: 'Government Security Group, Cabinet Office',
  url: 'https://www.security.gov.uk/guidance/secure-by-design/principles/',
  criteria: [
    {
      id: '1',
      title: 'Create responsibility for cyber security risk',
      automation: 'none',
      questions: [
        'Who is the named risk owner for the service, and are they senior enough to accept its cyber security risks?',
        'How are security resources and roles agreed and funded across the lifecycle?',
      ],
    },
    {
      id: '2',
      title: 'Source secure technology products',
      automation: 'partial',
      questions: [
        'What security due diligence was done on third-party products, platforms and suppliers before they were chosen?',
        'How are vulnerabilities in third-party products tracked and shared with the supplier?',
      ],
    },
    {
      id: '3',
      title: 'Adopt a risk-driven approach',
      automation: 'none',
      questions: [
        'What is the agreed security risk appetite for the service?',
        'When was the threat model and security risk assessment last updated, and what changed?',
        'How do identified risks turn into controls and backlog items?',
      ],
    },
    {
      id: '4',
      title: 'Design usable security controls',
      automation: 'none',
      questions: [
        'Which security controls have been tested with users, and what did you change as a result?',
        'Where do users find security steps difficult, and what workarounds have you seen?',
      ],
    },
    {
      id: '5',
      title: 'Build in detect and respond security',
      automation: 'partial',
      questions: [
        'Which security events are logged and monitored, and who is alerted?',
        'Is there an incident response plan for the service, and when was it last exercised?',
      ],
    },
    {
      id: '6',
      title: 'Design flexible architectures',
      automation: 'none',
      questions: [
        'How easily can components be patched, replaced or isolated without a redesign?',
        'How does the architecture let you adopt new security controls as threats change?',
      ],
    },
    {
      id: '7',
      title: 'Minimise the attack surface',
      automation: 'strong',
      questions: [
        'Which interfaces, ports and accounts are exposed, and has each been justified?',
        'How are unused components, features and dependencies removed?',
      ],
    },
    {
      id: '8',
      title: 'Defend in depth',
      automation: 'strong',
      questions: [
        'If one control failed, which other layers would stop or detect an attacker?',
        'How is least privilege applied to people, services and infrastructure?',
      ],
    },
    {
      id: '9',
      title: 'Embed continuous assurance',
      automation: 'partial',
      questions: [
        'Which security tests run on every change, and which (such as penetration tests) run periodically?',
        'How are the results tracked to resolution and reported to the risk owner?',
      ],
    },
    {
      id: '10',
      title: 'Make changes securely',
      automation: 'strong',
      questions: [
        'How are changes reviewed, approved and deployed, and can that process be bypassed?',
        'How is the security impact of a significant change assessed before release?',
      ],
    },
  ],
};
