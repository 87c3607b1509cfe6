import type { Rule } from '../../../src/model/rule.js';
import type { Severity } from '../../../src/model/severity.js';
import { basename, copySources, instructionsWithTriggers, rangeOf } from './lib.js';

interface SecretFile {
  kind: string;
  severity: Severity;
}

const EXAMPLE = /[._-](example|sample|template|dist|defaults?|tmpl|tpl|schema|test|ci)$/i;
/** Public certificates and CA bundles use .pem too. */
const PUBLIC_PEM = /(^|[._-])(ca|cacerts?|certs?|certificates?|chain|fullchain|bundle|root|roots|trust|truststore|pub|public|intermediate)([._-]|$)/i;

/** What a COPY/ADD source path is, if it is a credential file. */
export function secretFileKind(source: string): SecretFile | undefined {
  const path = source.replace(/\/+$/, '');
  const name = basename(path).toLowerCase();
  const segments = path.toLowerCase().split('/');
  if (name === '.env' || (name.startsWith('.env.') && !EXAMPLE.test(name))) return { kind: 'a dotenv file', severity: 'high' };
  if (/^id_(rsa|dsa|ecdsa|ed25519)(_sk)?$/.test(name)) return { kind: 'an SSH private key', severity: 'high' };
  if (name === '.ssh' || segments.includes('.ssh')) return name.endsWith('.pub') || name === 'known_hosts' || name === 'config' ? undefined : { kind: 'SSH keys (.ssh)', severity: 'high' };
  if (name === '.aws' || (segments.includes('.aws') && (name === 'credentials' || name === 'config'))) return { kind: 'AWS credentials (.aws)', severity: 'high' };
  if (name === '.npmrc') return { kind: 'an npm config (.npmrc, usually holding a registry token)', severity: 'medium' };
  if (name === '.pypirc') return { kind: 'a PyPI config (.pypirc)', severity: 'medium' };
  if (name === '.netrc' || name === '_netrc') return { kind: 'a .netrc credentials file', severity: 'high' };
  if (name === '.git-credentials') return { kind: 'git credentials', severity: 'high' };
  if (name === '.dockercfg' || (segments.includes('.docker') && name === 'config.json')) return { kind: 'Docker registry credentials', severity: 'high' };
  if (/\.(key|p12|pfx)$/.test(name) && !/\.pub\.key$|^(pub|public)[._-]/.test(name)) return { kind: 'a private key or keystore', severity: 'high' };
  if (name.endsWith('.pem') && !PUBLIC_PEM.test(name.slice(0, -4))) return { kind: 'a PEM file (usually a private key)', severity: 'high' };
  return undefined;
}

/** Credential files copied into an image are readable by anyone who can pull it, forever. */
const rule: Rule = {
  meta: {
    id: 'iac/dockerfile-secret-file-copied',
    title: 'Credential file copied into the image',
    description:
      'COPY/ADD of `.env`, private keys (`*.pem`, `*.key`, `id_rsa`), `.npmrc`, `.netrc`, `.aws` or `.ssh` puts the credentials into an image layer. Deleting the file in a later step does not remove it from the earlier layer: anyone who can pull the image can extract it. Public certificate bundles (`ca.pem`, `*-bundle.pem`) and example files (`.env.example`) are not reported.',
    severity: 'high',
    kinds: ['dockerfile'],
    messages: {
      copied: '{{keyword}} copies {{source}} ({{kind}}) into an image layer (expected credentials to stay out of the image); use `RUN --mount=type=secret` at build time or mount the file at runtime, and list it in .dockerignore.',
    },
    remediation: 'Remove the COPY, add the file to `.dockerignore`, and provide it only when needed: `RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci` at build time, or a secret/volume mount at runtime. Rotate credentials that were already published.',
    references: [
      'https://docs.docker.com/build/building/secrets/',
      'https://docs.docker.com/build/concepts/context/#dockerignore-files',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['8'], caf: ['B2', 'B3'], cwe: ['CWE-538', 'CWE-312'] },
    equivalents: { trivy: ['AVD-DS-0031'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    if (ctx.document.format !== 'dockerfile') return;
    for (const inst of instructionsWithTriggers(ctx.document.dockerfile)) {
      const k = inst.getKeyword();
      if (k !== 'COPY' && k !== 'ADD') continue;
      const { sources } = copySources(inst);
      for (const source of sources) {
        if (/^(https?|ftp):\/\//i.test(source)) continue;
        const hit = secretFileKind(source);
        if (hit) {
          ctx.report({ messageId: 'copied', range: rangeOf(inst), data: { keyword: k, source, kind: hit.kind }, severity: hit.severity });
          break;
        }
      }
    }
  },
};
export default rule;
