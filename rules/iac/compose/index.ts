import type { Rule } from '../../../src/model/rule.js';
import composeDangerousCapabilities from './compose-dangerous-capabilities.js';
import composeDatabasePortExposed from './compose-database-port-exposed.js';
import composeDockerSocket from './compose-docker-socket.js';
import composeHostNamespace from './compose-host-namespace.js';
import composeImageLatest from './compose-image-latest.js';
import composePrivileged from './compose-privileged.js';
import composeReadOnlyMissing from './compose-read-only-missing.js';
import composeRootUser from './compose-root-user.js';
import composeSecretInEnvironment from './compose-secret-in-environment.js';
import composeSecurityOptDisabled from './compose-security-opt-disabled.js';
import composeSensitiveHostMount from './compose-sensitive-host-mount.js';
import composeNoNewPrivileges from './compose-no-new-privileges.js';
import composeCapabilitiesNotDropped from './compose-capabilities-not-dropped.js';
import composeHealthcheckDisabled from './compose-healthcheck-disabled.js';
import composePortAllInterfaces from './compose-port-all-interfaces.js';
import composeHostDevices from './compose-host-devices.js';
import composeMountPropagationShared from './compose-mount-propagation-shared.js';
import { composeCpusNotLimited, composeMemoryNotLimited, composePidsLimitMissing } from './compose-resource-limits.js';

export const composeRules: Rule[] = [
  composePrivileged,
  composeHostNamespace,
  composeDockerSocket,
  composeDangerousCapabilities,
  composeSecurityOptDisabled,
  composeSecretInEnvironment,
  composeDatabasePortExposed,
  composeImageLatest,
  composeReadOnlyMissing,
  composeRootUser,
  composeSensitiveHostMount,
  composeNoNewPrivileges,
  composeCapabilitiesNotDropped,
  composeMemoryNotLimited,
  composeCpusNotLimited,
  composePidsLimitMissing,
  composeHealthcheckDisabled,
  composePortAllInterfaces,
  composeHostDevices,
  composeMountPropagationShared,
];
