import type { Rule } from '../../../src/model/rule.js';
import { headRange, type Invocation, runInstructions } from './lib.js';

function unsignedInstall(inv: Invocation): string | undefined {
  const p = inv.program;
  const args = inv.args;
  const has = (...flags: string[]) => args.find((a) => flags.some((f) => a === f || a.startsWith(`${f}=`)));
  if (p === 'apt-get' || p === 'apt' || p === 'aptitude') {
    const f = has('--allow-unauthenticated', '--allow-insecure-repositories', '--allow-downgrades', '--force-yes');
    if (f && f !== '--allow-downgrades') return `${p} ${f}`;
    const o = args.find((a) => /APT::Get::AllowUnauthenticated=(1|true|yes)|Acquire::AllowInsecureRepositories=(1|true|yes)|trusted=yes/i.test(a));
    if (o) return `${p} -o ${o.replace(/^-o/, '')}`;
  }
  if (p === 'apk') {
    const f = has('--allow-untrusted');
    if (f) return `apk ${f}`;
  }
  if (p === 'yum' || p === 'dnf' || p === 'microdnf' || p === 'tdnf' || p === 'zypper') {
    const f = has('--nogpgcheck', '--no-gpg-checks', '--setopt=gpgcheck=0', '--setopt=gpgcheck=false');
    if (f) return `${p} ${f}`;
    if (args.some((a) => /^--setopt=(\S+\.)?gpgcheck=(0|false|no)$/i.test(a))) return `${p} --setopt=gpgcheck=0`;
  }
  if (p === 'rpm') {
    const f = has('--nosignature', '--nodigest', '--noverify', '--nofiledigest');
    if (f) return `rpm ${f}`;
  }
  return undefined;
}

/** Package manager signature checks switched off. */
const rule: Rule = {
  meta: {
    id: 'iac/dockerfile-package-verification-disabled',
    title: 'Package signature verification disabled',
    description:
      'Distribution package managers verify that packages are signed by the distribution. `apt-get --allow-unauthenticated`/`--force-yes`, `apk --allow-untrusted`, `yum`/`dnf --nogpgcheck` and `rpm --nosignature` turn that off, so a tampered mirror, proxy or repository can install arbitrary code into the image.',
    severity: 'high',
    kinds: ['dockerfile'],
    messages: {
      unsigned: 'RUN installs packages with `{{switch}}`, skipping signature verification (expected signed packages from a trusted repository; import the repository key instead); remove the switch.',
    },
    remediation: 'Remove the switch and import the signing key of the repository you need (`/etc/apt/keyrings/` with `signed-by=`, `rpm --import`, `/etc/apk/keys/`).',
    references: [
      'https://wiki.debian.org/SecureApt',
      'https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['8', '10'], caf: ['A4', 'B4'], cwe: ['CWE-494'] },
    equivalents: { checkov: ['CKV2_DOCKER_7', 'CKV2_DOCKER_8', 'CKV2_DOCKER_9', 'CKV2_DOCKER_10', 'CKV2_DOCKER_11'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    if (ctx.document.format !== 'dockerfile') return;
    const df = ctx.document.dockerfile;
    for (const { inst, parsed } of runInstructions(df)) {
      for (const inv of parsed.pipelines.flat()) {
        const hit = unsignedInstall(inv);
        if (hit) {
          ctx.report({ messageId: 'unsigned', range: headRange(inst), data: { switch: hit } });
          break;
        }
      }
    }
  },
};
export default rule;
