import { pathToFileURL } from 'node:url';
import type { Finding, ScanResult, SuppressedFinding } from '../model/finding.js';
import type { RuleMeta } from '../model/rule.js';
import type { Severity } from '../model/severity.js';
import { STANDARD_KEYS, type StandardKey, type StandardsRefs } from '../model/standards.js';
import { standardForKey, criterionTitle } from '../standards/catalogue.js';
import type { Reporter, ReportContext } from './types.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
/** GitHub code scanning reads security-severity: >9 critical, 7–8.9 high, 4–6.9 medium, <4 low. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '1.0' };

interface Taxonomy {
  key: StandardKey;
  name: string;
  version?: string;
  organization?: string;
  informationUri?: string;
  shortDescription: string;
  ids: Set<string>;
}

function pascal(id: string): string {
  return id.split(/[/-]/).map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
}

function tagsFor(meta: RuleMeta): string[] {
  const tags = new Set<string>();
  if (meta.security) tags.add('security');
  if (meta.id.startsWith('accessibility/')) tags.add('accessibility');
  for (const key of STANDARD_KEYS) for (const id of meta.standards[key] ?? []) tags.add(key === 'cwe' ? `external/cwe/${id.toLowerCase()}` : `${key.toUpperCase()}-${id}`);
  return [...tags];
}

function taxonomyName(key: StandardKey): string {
  if (key === 'cwe') return 'CWE';
  if (key === 'act') return 'W3C-ACT';
  return standardForKey(key)?.shortName ?? key.toUpperCase();
}

function uriOf(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

function region(f: Finding) {
  const r: Record<string, unknown> = { startLine: f.range.start.line, startColumn: f.range.start.column, endLine: f.range.end.line, endColumn: Math.max(f.range.end.column, f.range.end.line === f.range.start.line ? f.range.start.column : 1) };
  if (f.evidence) r.snippet = { text: f.evidence };
  return r;
}

/** SARIF 2.1.0: rules with help, standards as taxonomies and tags, partial fingerprints, suppressions. */
export const sarifReporter: Reporter = {
  render(result: ScanResult, ctx: ReportContext) {
    const all: (Finding | SuppressedFinding)[] = [...result.findings, ...result.suppressed];
    const ruleIds = [...new Set([...all.map((f) => f.ruleId), ...result.rulesRun.map((r) => r.id)])].sort();
    const index = new Map(ruleIds.map((id, i) => [id, i]));
    const taxonomies = new Map<StandardKey, Taxonomy>();
    const taxa = (key: StandardKey): Taxonomy => {
      let t = taxonomies.get(key);
      if (!t) {
        const def = key === 'cwe' || key === 'act' ? undefined : standardForKey(key);
        t = {
          key,
          name: taxonomyName(key),
          version: def?.version,
          organization: key === 'cwe' ? 'MITRE' : key === 'act' ? 'W3C' : def?.organisation,
          informationUri: key === 'cwe' ? 'https://cwe.mitre.org/' : key === 'act' ? 'https://www.w3.org/WAI/standards-guidelines/act/rules/' : def?.url,
          shortDescription: key === 'cwe' ? 'Common Weakness Enumeration' : key === 'act' ? 'W3C Accessibility Conformance Testing rules' : def?.title ?? key,
          ids: new Set(),
        };
        taxonomies.set(key, t);
      }
      return t;
    };
    const rules = ruleIds.map((id) => {
      const info = ctx.rules.get(id);
      const meta = info?.meta;
      if (!meta) return { id, name: pascal(id), shortDescription: { text: id } };
      const relationships: unknown[] = [];
      const refs: StandardsRefs = meta.standards;
      for (const key of STANDARD_KEYS) {
        for (const cid of refs[key] ?? []) {
          const t = taxa(key);
          t.ids.add(cid);
          relationships.push({ target: { id: cid, toolComponent: { name: t.name } }, kinds: ['relevant'] });
        }
      }
      const helpMd = [`**${meta.title}**`, '', meta.description, '', `**How to fix:** ${meta.remediation}`, ...(meta.references.length ? ['', 'References:', ...meta.references.map((r) => `- ${r}`)] : [])].join('\n');
      const rule: Record<string, unknown> = {
        id,
        name: pascal(id),
        shortDescription: { text: meta.title },
        fullDescription: { text: meta.description },
        help: { text: `${meta.description}\n\nHow to fix: ${meta.remediation}`, markdown: helpMd },
        defaultConfiguration: { level: LEVEL[meta.severity] },
        properties: {
          tags: tagsFor(meta),
          precision: 'high',
          ...(meta.security ? { 'security-severity': SECURITY_SEVERITY[meta.severity] } : {}),
        },
      };
      const uri = meta.references.find((r) => /^https?:\/\//.test(r));
      if (uri) rule.helpUri = uri;
      if (relationships.length) rule.relationships = relationships;
      return rule;
    });
    const results = all.map((f) => {
      const meta = ctx.rules.get(f.ruleId)?.meta;
      const r: Record<string, unknown> = {
        ruleId: f.ruleId,
        ruleIndex: index.get(f.ruleId),
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [{ physicalLocation: { artifactLocation: { uri: uriOf(f.file), uriBaseId: 'SRCROOT' }, region: region(f) } }],
        partialFingerprints: { 'saltireFingerprint/v1': f.fingerprint },
        properties: { severity: f.severity, pack: f.pack, standards: f.standards, ...(meta?.security ? { 'security-severity': SECURITY_SEVERITY[f.severity] } : {}) },
      };
      if ('suppression' in f) {
        r.suppressions = [{ kind: f.suppression.kind === 'baseline' ? 'external' : 'inSource', justification: f.suppression.reason, properties: { marker: f.suppression.marker, ...(f.suppression.until ? { until: f.suppression.until } : {}) } }];
      }
      return r;
    });
    const taxonomyList = [...taxonomies.values()].sort((a, b) => (a.name < b.name ? -1 : 1)).map((t) => ({
      name: t.name,
      ...(t.version ? { version: t.version } : {}),
      ...(t.organization ? { organization: t.organization } : {}),
      ...(t.informationUri ? { informationUri: t.informationUri } : {}),
      shortDescription: { text: t.shortDescription },
      taxa: [...t.ids].sort().map((id) => {
        const title = t.key === 'cwe' || t.key === 'act' ? undefined : criterionTitle(t.key, id);
        return { id, ...(title ? { name: title, shortDescription: { text: title } } : {}) };
      }),
    }));
    const sarif = {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'Saltire',
              version: result.tool.version,
              semanticVersion: result.tool.version,
              informationUri: 'https://www.npmjs.com/package/saltire',
              rules,
              supportedTaxonomies: taxonomyList.map((t) => ({ name: t.name })),
            },
          },
          taxonomies: taxonomyList,
          ...(ctx.baseDir ? { originalUriBaseIds: { SRCROOT: { uri: `${pathToFileURL(ctx.baseDir).href.replace(/\/?$/, '/')}` } } } : {}),
          invocations: [
            {
              executionSuccessful: true,
              startTimeUtc: result.startedAt,
              toolExecutionNotifications: [
                ...result.notices.map((n) => ({ level: n.level === 'info' ? 'note' : n.level, message: { text: n.file ? `${n.file}: ${n.message}` : n.message } })),
                ...result.stats.filesSkipped.map((s) => ({ level: 'warning', message: { text: `Skipped ${s.file}: ${s.reason}` } })),
              ],
            },
          ],
          results,
          columnKind: 'utf16CodeUnits',
        },
      ],
    };
    return `${JSON.stringify(sarif, null, 2)}\n`;
  },
};
