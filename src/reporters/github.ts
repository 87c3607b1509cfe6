import type { Reporter } from './types.js';

const COMMAND = { critical: 'error', high: 'error', medium: 'warning', low: 'notice', info: 'notice' } as const;

/** Escaping of GitHub workflow commands: data escapes %, CR, LF; properties also escape : and ,. */
function data(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function prop(s: string): string {
  return data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub Actions workflow annotations (`::error file=…,line=…::message`), one per finding. */
export const githubReporter: Reporter = {
  render(result) {
    const lines = result.findings.map((f) => {
      const r = f.range;
      const props = [`file=${prop(f.file)}`, `line=${r.start.line}`, `col=${r.start.column}`, `endLine=${r.end.line}`];
      if (r.end.line === r.start.line) props.push(`endColumn=${r.end.column}`);
      props.push(`title=${prop(`${f.ruleId} (${f.severity})`)}`);
      return `::${COMMAND[f.severity]} ${props.join(',')}::${data(f.message)}`;
    });
    for (const n of result.notices.filter((x) => x.level !== 'info')) lines.push(`::warning${n.file ? ` file=${prop(n.file)}` : ''}::${data(n.message)}`);
    return lines.length ? `${lines.join('\n')}\n` : '';
  },
};
