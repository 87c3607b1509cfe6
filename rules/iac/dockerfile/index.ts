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
import dockerfileInstallMissingYes from './dockerfile-install-missing-yes.js';
import dockerfileUpdateAlone from './dockerfile-update-alone.js';
import dockerfileOsPackageUnpinned from './dockerfile-os-package-unpinned.js';
import dockerfileLanguagePackageUnpinned from './dockerfile-language-package-unpinned.js';
import dockerfilePackageCacheKept from './dockerfile-package-cache-kept.js';
import dockerfileWorkdirRelative from './dockerfile-workdir-relative.js';
import dockerfileAptInsteadOfAptGet from './dockerfile-apt-instead-of-apt-get.js';
import dockerfileRunCd from './dockerfile-run-cd.js';
import dockerfileWgetAndCurl from './dockerfile-wget-and-curl.js';
import dockerfileMultipleCmd from './dockerfile-multiple-cmd.js';
import dockerfileCmdShellForm from './dockerfile-cmd-shell-form.js';
import dockerfileExposeInvalidPort from './dockerfile-expose-invalid-port.js';
import dockerfileDuplicateStageName from './dockerfile-duplicate-stage-name.js';
import dockerfileCopyFromSelf from './dockerfile-copy-from-self.js';
import dockerfilePipeWithoutPipefail from './dockerfile-pipe-without-pipefail.js';
import dockerfileFromPlatformFixed from './dockerfile-from-platform-fixed.js';
import dockerfileDefaultShellChanged from './dockerfile-default-shell-changed.js';
import dockerfileUseraddHighUid from './dockerfile-useradd-high-uid.js';
import dockerfileRunPassword from './dockerfile-run-password.js';

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
  dockerfileInstallMissingYes,
  dockerfileUpdateAlone,
  dockerfileOsPackageUnpinned,
  dockerfileLanguagePackageUnpinned,
  dockerfilePackageCacheKept,
  dockerfileWorkdirRelative,
  dockerfileAptInsteadOfAptGet,
  dockerfileRunCd,
  dockerfileWgetAndCurl,
  dockerfileMultipleCmd,
  dockerfileCmdShellForm,
  dockerfileExposeInvalidPort,
  dockerfileDuplicateStageName,
  dockerfileCopyFromSelf,
  dockerfilePipeWithoutPipefail,
  dockerfileFromPlatformFixed,
  dockerfileDefaultShellChanged,
  dockerfileUseraddHighUid,
  dockerfileRunPassword,
];
