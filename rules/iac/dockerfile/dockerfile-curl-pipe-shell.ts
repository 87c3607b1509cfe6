import type { Rule } from '../../../src/model/rule.js';
import { CURL_SHORT_WITH_VALUE, findOption, headRange, type Invocation, runInstructions, WGET_SHORT_WITH_VALUE } from './lib.js';

const INTERPRETERS = /^(sh|bash|dash|ash|zsh|ksh|mksh|fish|python[0-9.]*|perl|ruby|node|php|pwsh|powershell|iex)$/;
const SUBSTITUTION = /(?:^|[\s;&|(])(sh|bash|dash|ash|zsh|ksh|python[0-9.]*|perl|ruby|node|php|source|\.|eval)\s+(?:-\S+\s+)*["']?(?:<\(|\$\(|`)\s*(?:sudo\s+)?(curl|wget)\b/;

/** Does this curl/wget invocation write the download to stdout (so a pipe receives it)? */
function downloadsToStdout(inv: Invocation): boolean {
  if (inv.program === 'curl') {
    const o = findOption(inv.args, { short: 'o', long: ['--output'], takesValue: true, shortWithValue: CURL_SHORT_WITH_VALUE });
    if (o.found) return o.value === '-' || o.value === '/dev/stdout';
    const remote = findOption(inv.args, { short: 'O', long: ['--remote-name', '--remote-name-all'], shortWithValue: CURL_SHORT_WITH_VALUE });
    return !remote.found;
  }
  if (inv.program === 'wget') {
    const o = findOption(inv.args, { short: 'O', long: ['--output-document'], takesValue: true, shortWithValue: WGET_SHORT_WITH_VALUE });
    return o.found && (o.value === '-' || o.value === '/dev/stdout');
  }
  return false;
}

/** `curl … | sh`: runs whatever the server sends, unverified, as root at build time. */
const rule: Rule = {
  meta: {
    id: 'iac/dockerfile-curl-pipe-shell',
    title: 'RUN pipes a download straight into a shell',
    description:
      '`curl … | sh`, `wget -O- … | bash` and `bash -c "$(curl …)"` execute whatever the server returns, with no integrity check, usually as root during the build. A compromised download host, a hijacked domain or a truncated transfer runs arbitrary code inside the image, and the build records nothing about what was executed.',
    severity: 'high',
    kinds: ['dockerfile'],
    messages: {
      pipe: 'RUN pipes `{{fetcher}}` output into `{{interpreter}}`, executing an unverified download (expected download to a file, verify its sha256 checksum or signature, then run it); download, verify, then execute.',
    },
    remediation: 'Download to a file, check it against a pinned checksum (`echo "<sha256>  install.sh" | sha256sum -c -`) or signature, then run it; better, install the tool from a signed OS package or a pinned release artefact.',
    references: [
      'https://docs.docker.com/build/building/best-practices/#run',
      'https://www.ncsc.gov.uk/collection/supply-chain-security',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['8', '10'], caf: ['A4', 'B4'], cwe: ['CWE-494'] },
    equivalents: {},
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    if (ctx.document.format !== 'dockerfile') return;
    const df = ctx.document.dockerfile;
    for (const { inst, parsed } of runInstructions(df)) {
      if (parsed.script.exec) continue;
      let hit: { fetcher: string; interpreter: string } | undefined;
      for (const pipeline of parsed.pipelines) {
        const fetchAt = pipeline.findIndex((inv) => (inv.program === 'curl' || inv.program === 'wget') && downloadsToStdout(inv));
        if (fetchAt < 0) continue;
        const interp = pipeline.slice(fetchAt + 1).find((inv) => INTERPRETERS.test(inv.program));
        if (interp) {
          hit = { fetcher: pipeline[fetchAt].program, interpreter: [...interp.wrappers, interp.program].join(' ') };
          break;
        }
      }
      if (!hit) {
        const m = SUBSTITUTION.exec(parsed.script.script);
        if (m) hit = { fetcher: m[2], interpreter: m[1] };
      }
      if (hit) ctx.report({ messageId: 'pipe', range: headRange(inst), data: hit });
    }
  },
};
export default rule;
