/**
 * `npm run act-report [-- <testcases.jsonl>]`: scan every example of every ACT rule the accessibility
 * pack maps and write docs/act-implementation-report.md and .json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pack from '../../rules/accessibility/index.js';
import { fromRoot, PACKAGE_VERSION } from '../paths.js';
import { actReportJson, actReportMarkdown, actSourceCommit, buildActReport, defaultActFile, readActExamples, type ActReport } from './act.js';

export const REPORT_MD = 'docs/act-implementation-report.md';
export const REPORT_JSON = 'docs/act-implementation-report.json';

/** Build the report from a test-case file, or undefined when the file is absent. */
export async function actReport(file = defaultActFile(fromRoot())): Promise<ActReport | undefined> {
  const examples = readActExamples(file);
  if (examples.length === 0) return undefined;
  const rel = path.relative(fromRoot(), file).split(path.sep).join('/');
  return buildActReport(examples, pack.rules, { tool: { name: 'saltire', version: PACKAGE_VERSION }, source: rel, commit: actSourceCommit(file) });
}

export async function main(argv: string[]): Promise<number> {
  const file = argv[0] ? path.resolve(argv[0]) : defaultActFile(fromRoot());
  const report = await actReport(file);
  if (!report) {
    process.stdout.write(`act-report: skipped: the W3C ACT test cases are absent (${file}); nothing was written\n`);
    return 0;
  }
  mkdirSync(fromRoot('docs'), { recursive: true });
  writeFileSync(fromRoot(REPORT_MD), actReportMarkdown(report));
  writeFileSync(fromRoot(REPORT_JSON), actReportJson(report));
  const s = report.summary;
  process.stdout.write(
    `act-report: ${s.mapped} ACT rules mapped: ${s.consistent} consistent, ${s.partiallyConsistent} partially consistent, ${s.inconsistent} inconsistent; ${s.examplesRight}/${s.examplesTotal} examples right; wrote ${REPORT_MD} and ${REPORT_JSON}\n`,
  );
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      process.stderr.write(`act-report: ${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
