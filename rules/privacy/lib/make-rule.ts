import type { Rule, RuleContext, RuleMeta } from '../../../src/model/rule.js';
import { analyse, type Detection } from './analyse.js';
import type { Kind } from './detect.js';
import { publishedBy } from './scope.js';

export const PRIVACY_STANDARDS: RuleMeta['standards'] = { dsss: ['8'], govuk: ['9'], sbd: ['8'], caf: ['B3'], tcop: ['7'], cwe: ['CWE-359'] };

const GDPR = 'Personal data in a repository is copied to every clone, fork, CI runner and backup and cannot be recalled once pushed; if the repository or a dataset built from it is published, it is disclosed to everyone. UK GDPR Article 5(1)(c) (data minimisation) allows only the personal data a purpose needs, and Article 25 (data protection by design and by default) expects test and seed data to be synthetic.';

const REFERENCES = [
  'https://www.legislation.gov.uk/eur/2016/679/article/5',
  'https://www.legislation.gov.uk/eur/2016/679/article/25',
  'https://ico.org.uk/for-organisations/uk-gdpr-guidance-and-resources/data-protection-principles/a-guide-to-the-data-protection-principles/data-minimisation/',
  'https://cwe.mitre.org/data/definitions/359.html',
];

const SEVERITY_NOTE = 'Findings are medium in repository data files, high when the file is published as open data (listed as a resource by a Frictionless `datapackage.json`, a CSVW `*-metadata.json`, a DCAT distribution `downloadURL`, or matched by the rule option `publishedPaths`), and low for string literals in code. Values are never shown: every matched value is redacted from messages and evidence.';

export interface PrivacyRuleSpec {
  kind: Kind;
  name: string;
  title: string;
  /** What the identifier is and how it is validated (the first part of the description). */
  about: string;
  /** What counts as a test value (not reported). */
  tests: string;
  remediation: string;
  references?: string[];
}

export function makeRule(spec: PrivacyRuleSpec): Rule {
  const meta: RuleMeta = {
    id: `privacy/${spec.name}`,
    title: spec.title,
    description: `${spec.about} ${spec.tests} ${GDPR} ${SEVERITY_NOTE}`,
    severity: 'medium',
    kinds: ['csv', 'json', 'yaml', 'text'],
    messages: {
      column: `Column "{{field}}" holds {{what}}: {{matched}} of {{total}} non-empty sampled rows match ({{how}}), e.g. rows on lines {{rows}}. Remove the column or replace the values with synthetic ones.`,
      key: `Key "{{field}}" holds {{what}}: {{matched}} of {{total}} values match ({{how}}), e.g. on lines {{rows}}. Replace them with synthetic test values or remove them.`,
      text: `{{matched}} {{what}} found in this file ({{how}}), e.g. on lines {{rows}}. Remove them or replace them with synthetic test values.`,
      literal: `A string literal holds one of the {{what}} (validated by {{how}}); use a documented test value or a synthetic one instead.`,
      published: `{{detail}} This file is published as open data (by {{publishedBy}}): withdraw the personal data before it is published again.`,
    },
    remediation: `${spec.remediation} Remove the data from the repository history as well (git filter-repo) and report it to your data protection officer if real people's data was exposed.`,
    references: [...(spec.references ?? []), ...REFERENCES],
    standards: PRIVACY_STANDARDS,
    equivalents: {},
    security: true,
    since: '0.1.0',
    defaultOptions: { publishedPaths: [] },
  };
  return {
    meta,
    check(ctx) {
      const all = analyse(ctx);
      return all instanceof Promise ? all.then((a) => report(ctx, a)) : report(ctx, all);
    },
  };

  function report(ctx: RuleContext, all: Detection[]): Promise<void> | undefined {
    const found = all.filter((d) => d.kind === spec.kind);
    if (found.length === 0) return undefined;
    if (!found.some((d) => !d.low)) return void emit(ctx, found, undefined);
    return publishedBy(ctx.project, ctx.file.path, ctx.options).then((publisher) => emit(ctx, found, publisher));
  }

  function emit(ctx: RuleContext, found: Detection[], publisher: string | undefined): void {
    for (const d of found) {
      const data = { ...d.data };
      if (publisher && !d.low) {
        const template = meta.messages[d.messageId].replace(/\{\{(\w+)\}\}/g, (m, k: string) => (k in data ? String(data[k]) : m));
        ctx.report({ messageId: 'published', offsets: d.offsets, data: { detail: template, publishedBy: publisher }, severity: 'high', secrets: d.secrets });
        continue;
      }
      ctx.report({ messageId: d.messageId, offsets: d.offsets, data, secrets: d.secrets, ...(d.low ? { severity: 'low' as const } : {}) });
    }
  }
}
