import type { Rule } from '../../../src/model/rule.js';
import { get } from '../../../src/parsers/data/tree.js';
import { GHA_SUPPLY_CHAIN_STANDARDS, sourceLines, stepHosts, steps } from './workflow.js';

const SHELLS = '(?:sudo\\s+(?:-\\S+\\s+)*)?(?:env\\s+[^\\s=]+=\\S+\\s+)*(?:ba|z|k|da|fi)?sh|python3?|node|perl|ruby|pwsh|iex|invoke-expression';
const PIPE = new RegExp(`\\b(curl|wget|iwr|invoke-webrequest|irm|invoke-restmethod)\\b[^|\\n#]*\\|\\s*(${SHELLS})(?=$|[\\s;&)|])`, 'i');
const SUBST = new RegExp(`\\b(?:ba|z)?sh\\s+(?:-\\S+\\s+)*(?:<\\(|-c\\s+["']?\\$\\()\\s*(curl|wget)\\b`, 'i');
/** `eval "$(curl …)"`, `source <(curl …)`, `. <(wget -qO- …)`: the download is run by the current shell. */
const EVAL = /(?<=^|[\s;&|(])(?:eval\s+["']?\$\(|(?:source|\.)\s+<\()\s*(?:curl|wget)\b[^)\n]*\)?["']?/i;
/** `NAME=$(curl …)` (or wget): a download kept in a shell variable. */
const FETCH_TO_VAR = /^\s*(?:export\s+|local\s+|declare\s+(?:-\w+\s+)?)?([A-Za-z_]\w*)=["']?\$\(\s*(?:curl|wget)\b/;

/**
 * A URL on GitHub's raw-content hosts that names a full commit SHA
 * (`raw.githubusercontent.com/OWNER/REPO/<sha>/…`, `github.com/OWNER/REPO/raw/<sha>/…`,
 * `gist.githubusercontent.com/USER/ID/raw/<sha>/…`): the bytes at a commit never change, so the
 * download is pinned as firmly as a checksum would pin it.
 */
const COMMIT_PINNED_URL = /^https:\/\/(?:raw\.githubusercontent\.com\/[\w.-]+\/[\w.-]+\/[0-9a-f]{40}\/|github\.com\/[\w.-]+\/[\w.-]+\/raw\/[0-9a-f]{40}\/|gist\.githubusercontent\.com\/[\w.-]+\/[0-9a-f]+\/raw\/[0-9a-f]{40}\/)[^\s'"$`]+$/i;

/** True when the download command (up to the next `;`, `&&` or `||`) fetches only URLs each pinned to a commit. */
function pinnedDownload(command: string): boolean {
  const urls = command.split(/;|&&|\|\|/)[0].match(/https?:\/\/[^\s'"|;)]+/gi) ?? [];
  return urls.length > 0 && urls.every((u) => COMMIT_PINNED_URL.test(u));
}

function evalOf(name: string): RegExp {
  return new RegExp(`(?<=^|[\\s;&|(])eval\\s+["']?\\$\\{?${name}\\b\\}?["']?`);
}

/** Remote scripts downloaded and executed in one go, with no pinning or integrity check. */
const rule: Rule = {
  meta: {
    id: 'iac/gha-curl-pipe-shell',
    title: 'Workflow pipes a downloaded script into a shell',
    description:
      '`curl … | bash` runs whatever the server returns at that moment, with the job\'s token and secrets, and without a checksum or signature nothing detects a compromised or hijacked download (the Codecov bash uploader breach in 2021 exfiltrated CI secrets this way). It is an unpinned dependency that no lockfile or review covers. The same holds for `bash <(curl …)`, `sh -c "$(curl …)"`, `eval "$(curl …)"`, `source <(curl …)`, and `eval` of a variable that an earlier line of the script filled with `$(curl …)`. A download from GitHub\'s raw-content hosts at a full commit SHA (`https://raw.githubusercontent.com/OWNER/REPO/<40-hex-sha>/install.sh`) is fixed content, as pinned as a checksum, and is not reported. A composite action\'s steps (`action.yml`) are checked too.',
    severity: 'medium',
    kinds: ['github-workflow', 'github-action'],
    messages: {
      pipe: '`{{command}}` executes a downloaded script without verifying it; download to a file, check its SHA-256 (or signature) against a pinned value, then run it, or use a pinned action or package.',
    },
    remediation: 'Download the script or binary to a file, verify a pinned checksum (`echo "<sha256>  file" | sha256sum -c`) or signature, then execute it; better, use a released package or a SHA-pinned action.',
    references: ['https://github.com/ossf/scorecard/blob/main/docs/checks.md#pinned-dependencies', 'https://about.codecov.io/security-update/'],
    standards: { ...GHA_SUPPLY_CHAIN_STANDARDS, cwe: ['CWE-494', 'CWE-829'] },
    equivalents: { scorecard: ['Pinned-Dependencies'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    const text = ctx.file.text;
    for (const { job } of stepHosts(ctx)) {
      for (const step of steps(job)) {
        const run = get(step, 'run');
        if (!run) continue;
        const fetched = new Set<string>();
        for (const l of sourceLines(text, run)) {
          const code = l.line.replace(/(^|\s)#.*$/, '');
          const v = FETCH_TO_VAR.exec(code);
          if (v) fetched.add(v[1]);
          // or `eval "$NAME"` of a variable an earlier line filled from curl/wget
          // the first download run unverified on the line (a commit-pinned one is passed over)
          for (let from = 0; from < code.length; ) {
            const rest = code.slice(from);
            const m = PIPE.exec(rest) ?? SUBST.exec(rest) ?? EVAL.exec(rest) ?? [...fetched].map((name) => evalOf(name).exec(rest)).find(Boolean);
            if (!m) break;
            if (pinnedDownload(rest.slice(m.index))) {
              from += m.index + Math.max(m[0].length, 1);
              continue;
            }
            const at = l.start + from + m.index;
            ctx.report({ messageId: 'pipe', offsets: [at, at + m[0].length], data: { command: m[0].length > 80 ? `${m[0].slice(0, 77)}...` : m[0] } });
            break;
          }
        }
      }
    }
  },
};
export default rule;
