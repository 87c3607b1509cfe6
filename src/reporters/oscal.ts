import { createHash } from 'node:crypto';
import type { ScanResult } from '../model/finding.js';
import { getStandard } from '../standards/catalogue.js';
import type { Reporter } from './types.js';
import { criteriaOf } from './criteria.js';

/** A deterministic RFC 4122 version-5-style UUID from a name (same input, same UUID). */
export function stableUuid(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The catalogue's URL-safe control id for a criterion, e.g. `dsss-2021-8`, `wcag22-1.1.1`. */
function controlId(standard: string, id: string): string {
  return `${standard}-${id}`.toLowerCase().replace(/[^a-z0-9._-]/g, '-');
}

/**
 * NIST OSCAL 1.1.2 assessment results: one observation per finding (method TEST), one OSCAL finding per
 * criterion of the chosen standard with its satisfied / not-satisfied state, and the catalogue cited.
 */
export const oscalReporter: Reporter = {
  render(result: ScanResult, ctx) {
    const { standard, criteria } = criteriaOf(result, ctx);
    const def = getStandard(standard);
    const seed = `${result.target}|${result.startedAt}|${result.config?.hash ?? ''}`;
    const collected = result.startedAt;
    const observations = result.findings.map((f) => ({
      uuid: stableUuid(`${seed}|obs|${f.fingerprint}`),
      title: f.ruleId,
      description: f.message,
      props: [
        { name: 'severity', ns: 'https://saltire.invalid/ns/oscal', value: f.severity },
        { name: 'rule-id', ns: 'https://saltire.invalid/ns/oscal', value: f.ruleId },
      ],
      methods: ['TEST'],
      types: ['finding'],
      'relevant-evidence': [{ href: `${f.file}#L${f.range.start.line}`, description: `${f.file}:${f.range.start.line}:${f.range.start.column}` }],
      collected,
    }));
    const obsByRule = new Map<string, string[]>();
    result.findings.forEach((f, i) => {
      const l = obsByRule.get(f.ruleId) ?? [];
      l.push(observations[i].uuid);
      obsByRule.set(f.ruleId, l);
    });
    const findings = criteria
      .filter((c) => c.status !== 'manual' && c.status !== 'not-applicable')
      .map((c) => {
        const related = c.rules.flatMap((r) => obsByRule.get(r) ?? []);
        return {
          uuid: stableUuid(`${seed}|finding|${standard}|${c.id}`),
          title: `${def.shortName} ${c.id}: ${c.title}`,
          description: c.summary,
          target: {
            type: 'objective-id',
            'target-id': controlId(standard, c.id),
            title: c.title,
            status: { state: c.status === 'pass' ? 'satisfied' : 'not-satisfied', reason: c.status === 'pass' ? 'pass' : c.status === 'fail' ? 'fail' : 'other' },
            ...(c.status === 'partial' || c.status === 'error' ? { remarks: c.status === 'partial' ? 'Automated checks found nothing; the rest of this criterion needs an assessor.' : 'Some files could not be checked.' } : {}),
          },
          ...(related.length ? { 'related-observations': related.map((u) => ({ 'observation-uuid': u })) } : {}),
        };
      });
    const doc = {
      'assessment-results': {
        uuid: stableUuid(`${seed}|ar`),
        metadata: {
          title: `Saltire automated assessment of ${result.target}`,
          'last-modified': collected,
          version: result.tool.version,
          'oscal-version': '1.1.2',
          props: [{ name: 'tool', ns: 'https://saltire.invalid/ns/oscal', value: `saltire ${result.tool.version}` }],
        },
        'import-ap': { href: '#saltire-automated-plan', remarks: 'Saltire runs its rule packs over the repository; there is no separate assessment plan document.' },
        results: [
          {
            uuid: stableUuid(`${seed}|result`),
            title: `Automated evidence for the ${def.title}`,
            description: `Findings from ${result.stats.filesScanned} files, rolled up to the ${def.criteria.length} criteria of the ${def.title} (${def.version}). Criteria that need human judgement are not asserted here.`,
            start: collected,
            props: [{ name: 'catalog', ns: 'https://saltire.invalid/ns/oscal', value: def.url }],
            'reviewed-controls': {
              description: `${def.title} (${def.version}), ${def.url}`,
              'control-selections': [{ 'include-controls': criteria.map((c) => ({ 'control-id': controlId(standard, c.id) })) }],
            },
            ...(observations.length ? { observations } : {}),
            ...(findings.length ? { findings } : {}),
          },
        ],
      },
    };
    return `${JSON.stringify(doc, null, 2)}\n`;
  },
};
