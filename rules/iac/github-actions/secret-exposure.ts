import type { Rule } from '../../../src/model/rule.js';
import { get, isMap, isScalar, isSeq, type DataNode } from '../../../src/parsers/data/tree.js';
import { expressionsIn, GHA_STANDARDS, HARDENING, jobs, contextRefs, sourceLines, steps, workflows } from './workflow.js';

/** `fromJSON(secrets.NAME)`: a structured secret taken apart (GitHub redacts only the whole string). */
const FROM_JSON_SECRET = /\bfromjson\s*\(\s*secrets(?:\.[\w-]+|\[\s*'[^']*'\s*\])\s*\)/i;
/** `secrets[…]` indexed by anything but a string literal (`secrets[format('KEY_%s', matrix.env)]`, `secrets[inputs.name]`). */
const DYNAMIC_SECRET_INDEX = /\bsecrets\s*\[\s*(?!(?:'[^']*'|\d+)\s*\])/i;
const PRINT = /^\s*(?:-\s*)?(?:echo|printf|write-host|write-output|print|console\.log)\b/i;

/** A secret printed to the log by a script, or every secret handed over at once with toJSON(secrets). */
const rule: Rule = {
  meta: {
    id: 'iac/gha-secret-exposure',
    title: 'Workflow prints or over-shares secrets',
    description:
      'GitHub masks secrets it knows in logs, but masking is best-effort: a secret echoed to the log leaks as soon as it is transformed (base64, split across lines, JSON-escaped) and is visible to everyone who can read the run\'s logs, which for public repositories is everyone. `toJSON(secrets)` hands every repository and organisation secret to a single step, so one compromised command exposes them all; so does indexing `secrets` with a computed name (`secrets[format(\'TOKEN_%s\', matrix.env)]`), since GitHub cannot tell which secret the expression will pick and sends the runner all of them. A secret holding JSON taken apart with `fromJSON(secrets.NAME)` yields values GitHub never registered for redaction (GitHub advises against structured data as secret values).',
    severity: 'high',
    kinds: ['github-workflow'],
    messages: {
      echo: 'The script prints `{{expression}}` to the job log; do not echo secrets. Pass it to the command that needs it through `env:` (or stdin), never to stdout.',
      toJson: '`{{expression}}` exposes every secret available to the workflow to this step; reference only the secrets it needs (`secrets.NAME`).',
      dynamicIndex: '`{{expression}}` picks a secret by a computed name, so GitHub hands every repository and organisation secret to the runner of this job; reference each secret by its literal name (`secrets.NAME`), choosing between names with a condition or a per-environment `environment:` secret.',
      fromJson: '`{{expression}}` parses a secret as JSON: GitHub masks only the whole secret string, so the values taken out of it are not redacted and show in clear wherever they are printed; store each value as a secret of its own.',
    },
    remediation:
      'Never print secrets. Give each step only the secrets it uses, by name, through `env:`; avoid `toJSON(secrets)` and `secrets[<computed name>]`.',
    references: [`${HARDENING}#using-secrets`, 'https://docs.zizmor.sh/audits/#overprovisioned-secrets', 'https://docs.github.com/en/actions/security-for-github-actions/security-guides/using-secrets-in-github-actions'],
    standards: { ...GHA_STANDARDS, caf: ['B3', 'B4'], cwe: ['CWE-532', 'CWE-200'] },
    equivalents: { zizmor: ['overprovisioned-secrets', 'unredacted-secrets'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    const text = ctx.file.text;
    const seen = new Set<number>();
    for (const wf of workflows(ctx)) {
      // toJSON(secrets) or fromJSON(secrets.NAME) anywhere in the workflow
      const visit = (n: DataNode | undefined) => {
        if (!n) return;
        if (isMap(n)) for (const e of n.entries) visit(e.value);
        else if (isSeq(n)) n.items.forEach(visit);
        else if (isScalar(n) && typeof n.value === 'string' && n.value.includes('${{')) {
          for (const ex of expressionsIn(text, n)) {
            if (seen.has(ex.start)) continue;
            const messageId = /\btojson\s*\(\s*secrets\s*\)/i.test(ex.body)
              ? 'toJson'
              : FROM_JSON_SECRET.test(ex.body)
                ? 'fromJson'
                : DYNAMIC_SECRET_INDEX.test(ex.body.replace(/'(?:[^']|'')*'/g, "'x'"))
                  ? 'dynamicIndex'
                  : undefined;
            if (!messageId) continue;
            seen.add(ex.start);
            ctx.report({ messageId, severity: 'medium', offsets: [ex.start, ex.end], data: { expression: text.slice(ex.start, ex.end) } });
          }
        }
      };
      visit(wf.root);
      for (const job of jobs(wf)) {
        for (const step of steps(job)) {
          const run = get(step, 'run');
          if (!run) continue;
          for (const l of sourceLines(text, run)) {
            let offset = 0;
            for (const seg of l.line.split(/(&&|\|\||;)/)) {
              const segStart = offset;
              offset += seg.length;
              if (!PRINT.test(seg)) continue;
              // output piped or redirected elsewhere never reaches the log
              if (/(^|[^|])\|(?!\|)|(^|[^0-9&])>{1,2}\s*(?!&)/.test(seg.replace(/\$\{\{[\s\S]*?\}\}/g, '').replace(/'[^']*'|"[^"]*"/g, '""'))) continue;
              for (const ex of expressionsInLine(seg, l.start + segStart)) {
                if (seen.has(ex.start)) continue;
                const secretRef = contextRefs(ex.body).some((r) => !r.testedOnly && /^secrets\.[\w-]+$/i.test(r.path) && r.path.toLowerCase() !== 'secrets.github_token');
                if (!secretRef) continue;
                seen.add(ex.start);
                ctx.report({ messageId: 'echo', offsets: [ex.start, ex.end], data: { expression: ex.text } });
              }
            }
          }
        }
      }
    }
  },
};

function expressionsInLine(line: string, offset: number): { start: number; end: number; body: string; text: string }[] {
  const out: { start: number; end: number; body: string; text: string }[] = [];
  const re = /\$\{\{([^}]*(?:\}(?!\})[^}]*)*)\}\}/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line))) out.push({ start: offset + m.index, end: offset + m.index + m[0].length, body: m[1], text: m[0] });
  return out;
}
export default rule;
