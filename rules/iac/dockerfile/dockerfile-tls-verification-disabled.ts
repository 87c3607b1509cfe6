import type { Rule } from '../../../src/model/rule.js';
import type { Instruction } from 'dockerfile-ast';
import { CURL_SHORT_WITH_VALUE, findOption, headRange, instructionsWithTriggers, type Invocation, propertiesOf, rangeOf, runPipelines } from './lib.js';

/** Environment variables that turn certificate checking off, with the values that do it. */
const ENV_SWITCHES: { name: RegExp; bad: (v: string) => boolean; what: string }[] = [
  { name: /^NODE_TLS_REJECT_UNAUTHORIZED$/, bad: (v) => v === '0', what: 'Node.js' },
  { name: /^PYTHONHTTPSVERIFY$/, bad: (v) => v === '0', what: 'Python' },
  { name: /^NPM_CONFIG_STRICT_SSL$/i, bad: (v) => /^false$/i.test(v), what: 'npm' },
  { name: /^YARN_STRICT_SSL$/i, bad: (v) => /^false$/i.test(v), what: 'Yarn' },
  // git only asks whether the variable is set (`if (getenv("GIT_SSL_NO_VERIFY"))`), so `=0`, `=false`
  // and even an empty value turn verification off too; only `unset` turns it back on.
  { name: /^GIT_SSL_NO_VERIFY$/, bad: () => true, what: 'git' },
  { name: /^PIP_TRUSTED_HOST$/, bad: (v) => v !== '', what: 'pip' },
  { name: /^CURL_INSECURE$/i, bad: (v) => /^(1|true|yes)$/i.test(v), what: 'curl' },
];

function unquote(v: string): string {
  return v.replace(/^(["'])(.*)\1$/, '$2');
}

function envSwitch(name: string, value: string): string | undefined {
  const v = unquote(value.trim());
  for (const s of ENV_SWITCHES) if (s.name.test(name) && s.bad(v)) return `${name}=${v}`;
  return undefined;
}

/** The insecure switch a command uses, if any. */
function insecureUse(inv: Invocation): string | undefined {
  for (const a of inv.assignments) {
    const eq = a.indexOf('=');
    const hit = envSwitch(a.slice(0, eq), a.slice(eq + 1));
    if (hit) return hit;
  }
  const p = inv.program;
  const args = inv.args;
  if (p === 'curl') {
    if (findOption(args, { short: 'k', long: ['--insecure', '--proxy-insecure'], shortWithValue: CURL_SHORT_WITH_VALUE }).found) return 'curl --insecure (-k)';
  }
  if (p === 'wget' && args.some((a) => a === '--no-check-certificate')) return 'wget --no-check-certificate';
  if (/^pip[0-9.]*$/.test(p) || (/^python[0-9.]*$/.test(p) && args[0] === '-m' && /^pip[0-9.]*$/.test(args[1] ?? ''))) {
    if (args.some((a) => a === '--trusted-host' || a.startsWith('--trusted-host='))) return 'pip --trusted-host';
    if (args.includes('config') && args.some((a) => /trusted-host/.test(a))) return 'pip config trusted-host';
  }
  if (p === 'npm' || p === 'yarn' || p === 'pnpm') {
    const i = args.findIndex((a) => /^["']?strict-ssl["']?(=.*)?$/.test(a));
    if (args.includes('set') && i >= 0) {
      const v = args[i].includes('=') ? args[i].split('=')[1] : args[i + 1];
      if (v && /^["']?false["']?$/.test(v)) return `${p} config set strict-ssl false`;
    }
    if (args.some((a) => a === '--strict-ssl=false' || a === '--no-strict-ssl')) return `${p} --strict-ssl=false`;
  }
  if (p === 'git') {
    const joined = args.join(' ');
    if (/http\.sslverify(=|\s+)["']?(false|0|no)\b/i.test(joined)) return 'git http.sslVerify=false';
  }
  if (p === 'export') {
    for (const a of args) {
      const eq = a.indexOf('=');
      if (eq > 0) {
        const hit = envSwitch(a.slice(0, eq), a.slice(eq + 1));
        if (hit) return `export ${hit}`;
      }
    }
  }
  return undefined;
}

/** Certificate checks turned off: any machine in the network path can feed the build. */
const rule: Rule = {
  meta: {
    id: 'iac/dockerfile-tls-verification-disabled',
    title: 'TLS certificate verification disabled in the build',
    description:
      'Turning off certificate verification (`curl -k`, `wget --no-check-certificate`, `pip --trusted-host`, `NODE_TLS_REJECT_UNAUTHORIZED=0`, `PYTHONHTTPSVERIFY=0`, `npm config set strict-ssl false`, `GIT_SSL_NO_VERIFY`) lets anyone on the network path impersonate the server and substitute what the build downloads. Set in ENV, it also disables verification for the running application.',
    severity: 'high',
    kinds: ['dockerfile'],
    messages: {
      run: 'RUN disables TLS certificate verification with `{{switch}}` (expected verified HTTPS; add the internal CA to the trust store instead); remove the switch.',
      env: '{{keyword}} {{switch}} disables TLS certificate verification{{runtime}} (expected verification on; trust the internal CA instead); remove it.',
    },
    remediation: 'Remove the switch. If a proxy or internal registry uses a private CA, add that CA certificate to the image\'s trust store (`COPY corp-ca.crt /usr/local/share/ca-certificates/ && update-ca-certificates`, `NODE_EXTRA_CA_CERTS`, `PIP_CERT`).',
    references: [
      'https://nodejs.org/api/cli.html#node_tls_reject_unauthorizedvalue',
      'https://pip.pypa.io/en/stable/cli/pip/#cmdoption-trusted-host',
      'https://curl.se/docs/manpage.html#-k',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['8', '10'], caf: ['A4', 'B4'], cwe: ['CWE-295'] },
    equivalents: { checkov: ['CKV2_DOCKER_2', 'CKV2_DOCKER_3', 'CKV2_DOCKER_4', 'CKV2_DOCKER_5', 'CKV2_DOCKER_6', 'CKV2_DOCKER_12', 'CKV2_DOCKER_13', 'CKV2_DOCKER_14', 'CKV2_DOCKER_16'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    if (ctx.document.format !== 'dockerfile') return;
    const df = ctx.document.dockerfile;
    for (const inst of instructionsWithTriggers(df) as Instruction[]) {
      const k = inst.getKeyword();
      if (k === 'ENV' || k === 'ARG') {
        for (const p of propertiesOf(inst)) {
          const v = p.getValue();
          if (v === null) continue;
          // ARG sets a default only with `=`: `ARG NAME 0` declares two ARGs (NAME and 0), neither set
          if (k === 'ARG' && p.getAssignmentOperator() !== '=') continue;
          const hit = envSwitch(p.getName(), v);
          if (hit) ctx.report({ messageId: 'env', range: rangeOf(p), data: { keyword: k, switch: hit, runtime: k === 'ENV' ? ' for the build and for the running container' : ' for the build' } });
        }
        continue;
      }
      if (k !== 'RUN') continue;
      const parsed = runPipelines(inst, df.getEscapeCharacter());
      if (!parsed) continue;
      for (const inv of parsed.pipelines.flat()) {
        const hit = insecureUse(inv);
        if (hit) {
          ctx.report({ messageId: 'run', range: headRange(inst), data: { switch: hit } });
          break;
        }
      }
    }
  },
};
export default rule;
