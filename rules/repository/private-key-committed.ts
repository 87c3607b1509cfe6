import type { Rule, RuleContext } from '../../src/model/rule.js';
import { basename, extname, isAnchor, lineOne, readableByEngine, repositoryScan, TEST_DIR } from './lib.js';

/** OpenSSH's default private key file names (the `.pub` files are public keys). */
const SSH_KEY = /^id_(rsa|dsa|ecdsa|ed25519|ecdsa_sk|ed25519_sk)$/;
/** Text key files: a private key only when the text says so. */
const PEM_EXT = new Set(['.pem', '.key', '.p8', '.ppk', '.asc', '.gpg']);
/** Keystores and PKCS#12 bundles: binary containers of private keys. */
const KEYSTORE_EXT = new Set(['.p12', '.pfx', '.jks', '.keystore', '.bks', '.jceks']);

const PRIVATE_MARKER = /-----BEGIN ([A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?)-----|^PuTTY-User-Key-File-\d+:/m;

type Kind = 'ssh' | 'pem' | 'keystore';

function kindOf(path: string): Kind | undefined {
  const name = basename(path);
  if (SSH_KEY.test(name)) return 'ssh';
  const ext = extname(path);
  if (KEYSTORE_EXT.has(ext)) return 'keystore';
  if (PEM_EXT.has(ext)) return 'pem';
  return undefined;
}

/** High, except test data and Android's well-known debug keystore. */
function severityFor(path: string): 'medium' | 'low' | undefined {
  if (/(^|\/)debug\.keystore$/.test(path)) return 'low';
  if (TEST_DIR.test(path)) return 'medium';
  return undefined;
}

function report(ctx: RuleContext, path: string, messageId: string, at: { range?: ReturnType<typeof lineOne>; offsets?: [number, number] }) {
  // a binary .key is only probably a key: medium at most
  const severity = severityFor(path) ?? (messageId === 'binaryKey' ? 'medium' : undefined);
  ctx.report({ messageId, ...at, data: { file: path }, ...(severity ? { severity } : {}), properties: { keyFile: path } });
}

/** Private keys in a repository are compromised keys. */
const rule: Rule = {
  meta: {
    id: 'repository/private-key-committed',
    title: 'Private key or keystore file committed to the repository',
    description:
      'A private key in a repository (an SSH key, a TLS key in a .pem or .key file, a PKCS#12 bundle, a Java keystore) is readable by everyone with access to the repository, its forks and clones, and stays in the Git history after deletion. Whoever has it can impersonate the server, sign code, decrypt traffic or log in wherever the key is trusted. Keys belong in a secrets manager or key vault, issued to the service at deploy time.',
    severity: 'high',
    kinds: ['text'],
    messages: {
      ssh: 'Committed SSH private key {{file}}; revoke it (remove it from every authorized_keys and deploy key), delete it from the repository and its history, and issue keys from a secrets manager instead.',
      pem: 'Committed private key {{file}}; revoke and replace the key (and any certificate issued for it), delete it from the repository and its history, and load keys from a secrets manager or key vault at deploy time.',
      keystore: 'Committed keystore {{file}} (PKCS#12 / Java keystore, which holds private keys); revoke and replace the keys in it, delete it from the repository and its history, and keep keystores in a secrets manager.',
      binaryKey: 'Committed binary key file {{file}} (likely a DER-encoded private key); if it is a key, revoke it, delete it from the repository and its history, and keep keys in a secrets manager.',
    },
    remediation: 'Revoke and replace the key, remove the file from the repository and its history (e.g. `git filter-repo`), add the pattern (`*.pem`, `*.key`, `*.p12`, …) to `.gitignore`, and provide keys to the service from a secrets manager or key vault.',
    references: [
      'https://www.gov.uk/government/publications/open-source-guidance/security-considerations-when-coding-in-the-open',
      'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/removing-sensitive-data-from-a-repository',
      'https://cheatsheetseries.owasp.org/cheatsheets/Key_Management_Cheat_Sheet.html',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['8'], caf: ['B3'], cwe: ['CWE-321', 'CWE-798'] },
    equivalents: { gitleaks: ['pkcs12-file'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    if (!repositoryScan(ctx)) return;
    const kind = kindOf(ctx.file.path);
    if (kind) {
      // the engine read this file as text: report on it
      const m = PRIVATE_MARKER.exec(ctx.file.text);
      const at = m ? { offsets: [m.index, m.index + m[0].length] as [number, number] } : { range: lineOne(ctx) };
      if (kind === 'keystore') report(ctx, ctx.file.path, 'keystore', at);
      else if (m) report(ctx, ctx.file.path, kind === 'ssh' ? 'ssh' : 'pem', at);
      // an SSH key name or .pem/.key without a private key in it: a public key, a certificate, something else
    }
    if (!isAnchor(ctx)) return;
    // Files the engine cannot read as text (binary keystores, DER keys) are reported on the anchor.
    for (const f of ctx.project.files) {
      const k = kindOf(f.path);
      if (!k || f.path === ctx.file.path) continue;
      if (k !== 'keystore' && extname(f.path) !== '.key') continue;
      if (readableByEngine(ctx, f.path)) continue;
      report(ctx, f.path, k === 'keystore' ? 'keystore' : 'binaryKey', { range: lineOne(ctx) });
    }
  },
};
export default rule;
