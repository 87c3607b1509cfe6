import type { Rule } from '../../../src/model/rule.js';
import dockerfileAddInsteadOfCopy from './dockerfile-add-instead-of-copy.js';
import dockerfileAddRemoteUrl from './dockerfile-add-remote-url.js';
import dockerfileAptNoInstallRecommends from './dockerfile-apt-no-install-recommends.js';
import dockerfileAptUnpinned from './dockerfile-apt-unpinned.js';
import dockerfileAptUpgrade from './dockerfile-apt-upgrade.js';
import dockerfileChmodWorldWritable from './dockerfile-chmod-world-writable.js';
import dockerfileCurlPipeShell from './dockerfile-curl-pipe-shell.js';
import dockerfileExposeSsh from './dockerfile-expose-ssh.js';
import dockerfileHealthcheckMissing from './dockerfile-healthcheck-missing.js';
import dockerfileImageDigest from './dockerfile-image-digest.js';
import dockerfileImageLatest from './dockerfile-image-latest.js';
import dockerfileMaintainerDeprecated from './dockerfile-maintainer-deprecated.js';
import dockerfilePackageVerificationDisabled from './dockerfile-package-verification-disabled.js';
import dockerfileRootUser from './dockerfile-root-user.js';
import dockerfileSecretEnvArg from './dockerfile-secret-env-arg.js';
import dockerfileSecretFileCopied from './dockerfile-secret-file-copied.js';
import dockerfileSudo from './dockerfile-sudo.js';
import dockerfileTlsVerificationDisabled from './dockerfile-tls-verification-disabled.js';

export const dockerfileRules: Rule[] = [
  dockerfileRootUser,
  dockerfileImageLatest,
  dockerfileImageDigest,
  dockerfileAddRemoteUrl,
  dockerfileAddInsteadOfCopy,
  dockerfileCurlPipeShell,
  dockerfileSecretEnvArg,
  dockerfileSecretFileCopied,
  dockerfileAptUnpinned,
  dockerfileAptNoInstallRecommends,
  dockerfileAptUpgrade,
  dockerfileSudo,
  dockerfileHealthcheckMissing,
  dockerfileExposeSsh,
  dockerfileChmodWorldWritable,
  dockerfileTlsVerificationDisabled,
  dockerfilePackageVerificationDisabled,
  dockerfileMaintainerDeprecated,
];
