/**
 * W3C ACT rules conformance: run our accessibility rules on the ACT test cases
 * (../shared/reference/act/testcases.jsonl) and judge each ACT rule we map the way W3C's
 * implementation reports do. One implementation for the conformance test and the report script.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../model/finding.js';
import type { Rule } from '../model/rule.js';
import { detachedProject } from '../engine/project.js';
import { checkFile } from '../engine/file-check.js';
import { LineIndex } from '../model/location.js';
import { parseDocument } from '../parsers/index.js';

export type ActOutcome = 'passed' | 'failed' | 'inapplicable';

export interface ActExample {
  ruleId: string;
  ruleName: string;
  ruleType?: string;
  wcag?: string[];
  inputAspects: string[];
  outcome: ActOutcome;
  example: number;
  doc: string;
}

export type ActConsistency = 'consistent' | 'partially consistent' | 'inconsistent' | 'not implemented';

/**
 * Examples a static scan cannot decide, keyed `<act id> <outcome> <example>`, with the reason. They
 * still count in the report (an example we get wrong is wrong); the conformance test expects exactly
 * these to be wrong, so an entry that starts passing must be removed.
 */
export const ACT_KNOWN_LIMITS: Readonly<Record<string, string>> = {
  // The list items are added by a script into a shadow root; the static markup only shows an aria-owns pointing nowhere.
  'ff89c9 failed 4': 'needs script execution: the list items are created in a shadow root by a script',
  // Same markup as inapplicable 2, whose video file is silent: whether a video has a sound track is in the file, not the markup.
  '80f0bf failed 2': 'needs the media file: a video without muted may or may not have sound (inapplicable 2 is the same markup with a silent file)',
  // Videos (the same markup as silent ones), and custom controls that a script wires up: hidden, unnamed or aria-hidden buttons.
  '4c31df failed 2': 'needs the media file: a video without muted may or may not have sound',
  '4c31df failed 3': 'needs script execution and CSS: the custom pause button a script wires up is hidden by a stylesheet',
  '4c31df failed 4': 'needs script execution: the custom pause button a script wires up has no name',
  '4c31df failed 5': 'needs script execution: the custom controls a script wires up are aria-hidden',
  // The listbox is written into a shadow root by an inline script that names its id; the script could as well put it in the page.
  'in6db8 failed 3': 'needs script execution: the listbox is created in a shadow root by a script, where aria-controls cannot reach it',
};

/**
 * ACT rule ids in `standards.act` are 6 hex digits; the few that are not (2t702h, 307n5z, …) are
 * mapped through the rule's references to https://www.w3.org/WAI/standards-guidelines/act/rules/<id>/.
 */
export function actIdsOf(rule: Rule): string[] {
  const fromRefs = rule.meta.references.map((u) => /\/act\/rules\/([0-9a-z]{6})\/$/.exec(u)?.[1]).filter((x): x is string => !!x);
  return [...new Set([...(rule.meta.standards.act ?? []), ...fromRefs])];
}

/** ACT rule id → ids of our rules that implement it (in pack order). */
export function actRuleMap(rules: readonly Rule[]): Map<string, string[]> {
  const byAct = new Map<string, string[]>();
  for (const rule of rules) for (const act of actIdsOf(rule)) byAct.set(act, [...(byAct.get(act) ?? []), rule.meta.id]);
  return byAct;
}

/** The default location of the test cases: ../shared/reference/act/testcases.jsonl next to the checkout. */
export function defaultActFile(root: string): string {
  return path.resolve(root, '../shared/reference/act/testcases.jsonl');
}

export function readActExamples(file: string): ActExample[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as ActExample);
}

/** The act-rules repository commit the test cases were taken from (from the folder's README), if stated. */
export function actSourceCommit(file: string): string | undefined {
  const readme = path.join(path.dirname(file), 'README.md');
  if (!existsSync(readme)) return undefined;
  return /commit\s+([0-9a-f]{40})/.exec(readFileSync(readme, 'utf8'))?.[1];
}

export interface ExampleRun {
  /** Findings of the rules run (engine findings such as parse errors left out). */
  findings: Finding[];
  /** Rule crashes or engine errors: an example that errors is never counted as right. */
  errors: string[];
}

/** Scan one HTML document with the given rules through the real parser and the engine's per-file check. */
export async function runOnHtml(rules: readonly Rule[], doc: string, name: string): Promise<ExampleRun> {
  const file = { path: name, absPath: name, kind: 'html' as const, text: doc, lines: new LineIndex(doc), size: doc.length };
  const { document, problems } = await parseDocument(file);
  const runs = rules.filter((r) => r.meta.kinds.includes('html')).map((rule) => ({ rule, pack: rule.meta.id.split('/')[0], severity: rule.meta.severity, options: { ...(rule.meta.defaultOptions ?? {}) } }));
  const out = await checkFile(file, document, problems, runs, detachedProject(process.cwd()), '2026-01-01');
  const errors = out.findings.filter((f) => f.ruleId === 'saltire/rule-error' || f.ruleId === 'saltire/rule-timeout').map((f) => f.message);
  return { findings: out.findings.filter((f) => !f.ruleId.startsWith('saltire/')), errors };
}

export interface ActExampleResult {
  outcome: ActOutcome;
  example: number;
  /** True when one of our mapped rules reported something on the example. */
  flagged: boolean;
  /** Flagged exactly when the expected outcome is `failed`, and no rule errored. */
  right: boolean;
  findings: { ruleId: string; line: number; message: string }[];
  errors: string[];
  /** Why a static scan cannot decide this example (ACT_KNOWN_LIMITS). */
  knownLimit?: string;
}

export interface ActRuleResult {
  id: string;
  name: string;
  url: string;
  inputAspects: string[];
  wcag: string[];
  /** Our rules that map to it (empty: not implemented). */
  rules: string[];
  consistency: ActConsistency;
  failed: { total: number; flagged: number };
  passed: { total: number; falselyFlagged: number };
  inapplicable: { total: number; falselyFlagged: number };
  /** Examples with the expected result / examples. */
  right: number;
  total: number;
  errors: number;
  /** Only for implemented rules: every example's result. */
  examples: ActExampleResult[];
}

export interface ActReport {
  tool: { name: string; version: string };
  testCases: { source: string; commit?: string; examples: number; rules: number };
  summary: {
    mapped: number;
    consistent: number;
    partiallyConsistent: number;
    inconsistent: number;
    notImplemented: number;
    /** Over the mapped ACT rules. */
    examplesRight: number;
    examplesTotal: number;
    failedFlagged: number;
    failedTotal: number;
    falselyFlagged: number;
    passedOrInapplicableTotal: number;
  };
  rules: ActRuleResult[];
}

/** How W3C's implementation reports judge an implementation of one ACT rule. */
export function consistencyOf(r: Pick<ActRuleResult, 'rules' | 'failed' | 'passed' | 'inapplicable' | 'errors'>): ActConsistency {
  if (r.rules.length === 0) return 'not implemented';
  if (r.passed.falselyFlagged > 0 || r.inapplicable.falselyFlagged > 0 || r.errors > 0) return 'inconsistent';
  if (r.failed.total > 0 && r.failed.flagged === 0) return 'inconsistent';
  return r.failed.flagged === r.failed.total ? 'consistent' : 'partially consistent';
}

const url = (id: string) => `https://www.w3.org/WAI/standards-guidelines/act/rules/${id}/`;

/** Run every example of every ACT rule in `examples` that `rules` map, and judge each ACT rule. */
export async function buildActReport(examples: readonly ActExample[], rules: readonly Rule[], info: { tool: ActReport['tool']; source: string; commit?: string }): Promise<ActReport> {
  const byAct = actRuleMap(rules);
  const groups = new Map<string, ActExample[]>();
  for (const ex of examples) groups.set(ex.ruleId, [...(groups.get(ex.ruleId) ?? []), ex]);
  const results: ActRuleResult[] = [];
  for (const [id, cases] of groups) {
    const mapped = byAct.get(id) ?? [];
    const ruleSet = rules.filter((r) => mapped.includes(r.meta.id));
    const exResults: ActExampleResult[] = [];
    if (mapped.length) {
      for (const ex of cases) {
        const run = await runOnHtml(ruleSet, ex.doc, `act-${id}-${ex.outcome}-${ex.example}.html`);
        const flagged = run.findings.length > 0;
        const known = ACT_KNOWN_LIMITS[`${id} ${ex.outcome} ${ex.example}`];
        exResults.push({
          outcome: ex.outcome,
          example: ex.example,
          flagged,
          right: run.errors.length === 0 && flagged === (ex.outcome === 'failed'),
          findings: run.findings.map((f) => ({ ruleId: f.ruleId, line: f.range.start.line, message: f.message })),
          errors: run.errors,
          ...(known ? { knownLimit: known } : {}),
        });
      }
    }
    const count = (o: ActOutcome) => cases.filter((c) => c.outcome === o).length;
    const flaggedOf = (o: ActOutcome) => exResults.filter((e) => e.outcome === o && e.flagged).length;
    const partial = {
      rules: mapped,
      failed: { total: count('failed'), flagged: flaggedOf('failed') },
      passed: { total: count('passed'), falselyFlagged: flaggedOf('passed') },
      inapplicable: { total: count('inapplicable'), falselyFlagged: flaggedOf('inapplicable') },
      errors: exResults.filter((e) => e.errors.length > 0).length,
    };
    results.push({
      id,
      name: cases[0].ruleName,
      url: url(id),
      inputAspects: cases[0].inputAspects,
      wcag: (cases[0].wcag ?? []).map((w) => w.replace(/^wcag2\d:/, '')),
      ...partial,
      consistency: consistencyOf(partial),
      right: exResults.filter((e) => e.right).length,
      total: cases.length,
      examples: exResults,
    });
  }
  // implemented rules first, then by name (stable across runs)
  results.sort((a, b) => Number(a.rules.length === 0) - Number(b.rules.length === 0) || a.name.localeCompare(b.name, 'en') || (a.id < b.id ? -1 : 1));
  const mappedRules = results.filter((r) => r.rules.length > 0);
  const sum = (f: (r: ActRuleResult) => number) => mappedRules.reduce((n, r) => n + f(r), 0);
  return {
    tool: info.tool,
    testCases: { source: info.source, ...(info.commit ? { commit: info.commit } : {}), examples: examples.length, rules: groups.size },
    summary: {
      mapped: mappedRules.length,
      consistent: results.filter((r) => r.consistency === 'consistent').length,
      partiallyConsistent: results.filter((r) => r.consistency === 'partially consistent').length,
      inconsistent: results.filter((r) => r.consistency === 'inconsistent').length,
      notImplemented: results.filter((r) => r.consistency === 'not implemented').length,
      examplesRight: sum((r) => r.right),
      examplesTotal: sum((r) => r.total),
      failedFlagged: sum((r) => r.failed.flagged),
      failedTotal: sum((r) => r.failed.total),
      falselyFlagged: sum((r) => r.passed.falselyFlagged + r.inapplicable.falselyFlagged),
      passedOrInapplicableTotal: sum((r) => r.passed.total + r.inapplicable.total),
    },
    rules: results,
  };
}

/** ACT rules whose input aspects go beyond the DOM tree and language need a rendered page. */
export function needsBrowser(inputAspects: readonly string[]): boolean {
  return !inputAspects.every((a) => /^(dom tree|language)$/i.test(a.trim()));
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The report as Markdown, in the shape of W3C's ACT implementation reports. */
export function actReportMarkdown(report: ActReport): string {
  const s = report.summary;
  const out: string[] = [];
  out.push('# W3C ACT implementation report: Saltire static accessibility checks', '');
  out.push(
    `Generated by \`npm run act-report\` from ${report.tool.name} ${report.tool.version}. Test cases: the W3C ACT rules' examples (${report.testCases.examples} examples of ${report.testCases.rules} rules${report.testCases.commit ? `, act-rules.github.io commit \`${report.testCases.commit.slice(0, 12)}\`` : ''}). Each example is scanned as an HTML file by the \`accessibility\` pack's static rules that map to the ACT rule (\`standards.act\`); the rendered axe-core checks (\`saltire scan --render\`) are not part of this report.`,
    '',
  );
  out.push(
    '- **Consistent**: every failed example is flagged and no passed or inapplicable example is.',
    '- **Partially consistent**: no passed or inapplicable example is flagged, and some (not all) failed examples are: the rest cannot be told from the markup.',
    '- **Inconsistent**: a passed or inapplicable example is flagged, a rule errors, or no failed example is flagged.',
    '- **Not implemented**: no Saltire rule maps to the ACT rule.',
    '',
  );
  out.push('## Summary', '');
  out.push(
    `- ACT rules mapped: **${s.mapped}** — consistent ${s.consistent}, partially consistent ${s.partiallyConsistent}, inconsistent ${s.inconsistent}`,
    `- Examples of the mapped rules with the expected result: **${s.examplesRight} of ${s.examplesTotal}**`,
    `- Failed examples flagged: ${s.failedFlagged} of ${s.failedTotal}`,
    `- Passed or inapplicable examples falsely flagged: ${s.falselyFlagged} of ${s.passedOrInapplicableTotal}`,
    `- ACT rules not implemented: ${s.notImplemented} (of which ${report.rules.filter((r) => r.rules.length === 0 && needsBrowser(r.inputAspects)).length} need CSS styling or the rendered accessibility tree)`,
    '',
  );
  out.push('## Implemented ACT rules', '');
  out.push('| ACT rule | Consistency | Failed examples flagged | Passed falsely flagged | Inapplicable falsely flagged | Right / total | Saltire rules |');
  out.push('|---|---|---|---|---|---|---|');
  for (const r of report.rules.filter((x) => x.rules.length > 0)) {
    out.push(
      `| [${cell(r.name)}](${r.url}) \`${r.id}\` | ${r.consistency} | ${r.failed.flagged} / ${r.failed.total} | ${r.passed.falselyFlagged} / ${r.passed.total} | ${r.inapplicable.falselyFlagged} / ${r.inapplicable.total} | ${r.right} / ${r.total} | ${r.rules.map((id) => `[\`${id}\`](rules/${id}.md)`).join(', ')} |`,
    );
  }
  out.push('');
  const wrong = report.rules.flatMap((r) => r.examples.filter((e) => !e.right).map((e) => ({ r, e })));
  out.push('## Examples not matching the expected outcome', '');
  if (wrong.length === 0) out.push('None.', '');
  else {
    out.push('| ACT rule | Example | Expected | Saltire | Why |', '|---|---|---|---|---|');
    for (const { r, e } of wrong) {
      const got = e.errors.length ? `error: ${cell(e.errors[0])}` : e.flagged ? `flagged (${[...new Set(e.findings.map((f) => f.ruleId))].join(', ')})` : 'not flagged';
      out.push(`| \`${r.id}\` ${cell(r.name)} | ${e.outcome} ${e.example} | ${e.outcome} | ${got} | ${e.knownLimit ? cell(e.knownLimit) : 'not yet explained'} |`);
    }
    out.push('');
  }
  out.push('## ACT rules not implemented', '');
  out.push('| ACT rule | Input aspects | Examples |', '|---|---|---|');
  for (const r of report.rules.filter((x) => x.rules.length === 0)) out.push(`| [${cell(r.name)}](${r.url}) \`${r.id}\` | ${r.inputAspects.join(', ')} | ${r.total} |`);
  out.push('');
  return out.join('\n');
}

/** The JSON twin: the same report without the per-example finding messages (kept short and diff-friendly). */
export function actReportJson(report: ActReport): string {
  const slim = {
    ...report,
    rules: report.rules.map((r) => ({
      ...r,
      examples: r.examples.map((e) => ({ outcome: e.outcome, example: e.example, flagged: e.flagged, right: e.right, rules: [...new Set(e.findings.map((f) => f.ruleId))], ...(e.errors.length ? { errors: e.errors } : {}), ...(e.knownLimit ? { knownLimit: e.knownLimit } : {}) })),
    })),
  };
  return `${JSON.stringify(slim, null, 2)}\n`;
}
