import { definePack } from '../../src/packs/define.js';
import { bidiCharacters } from './bidi-characters.js';
import { electronInsecurePreferences, messageOriginUnchecked, postMessageAnyOrigin } from './browser.js';
import { hardcodedCredentials } from './credentials.js';
import { angularBypassSecurity, graphqlIntrospectionEnabled, hostHeaderPoisoning, massAssignment, zipSlip } from './framework.js';
import { insecureHelmetConfiguration, stackTraceExposure, staticFilesExposeProject } from './exposure.js';
import { cspUnsafeScript } from './csp.js';
import { incompleteSanitization, insufficientPasswordHash } from './sanitization.js';
import { insecureRandom, tlsVerificationDisabled, weakCipher, weakHash, weakTlsVersion } from './crypto.js';
import { insufficientIterations, insufficientKeySize, rsaWithoutOaep, staticIv, staticSalt } from './crypto-parameters.js';
import { commandInjection, evalInjection, insecureDeserialization, regexpInjection, templateInjection, vmInjection } from './injection.js';
import { jwtNoneAlgorithm, jwtVerifyWithoutAlgorithms } from './jwt.js';
import { prototypePollution, xmlExternalEntities } from './pollution.js';
import { regexCatastrophicBacktracking } from './regex-backtracking.js';
import { sqlInjection } from './sql.js';
import { nosqlInjection } from './nosql.js';
import { csrfMissing, expressWithoutHelmet, insecureCookie, insecureTransport, openRedirect, pathTraversal, permissiveCors, serverSideRequestForgery } from './web.js';
import { domXss, reactDangerousHtml, reflectedXss, templateEscapingDisabled } from './xss.js';

export default definePack({
  name: 'code',
  version: '0.1.0',
  description: 'Insecure patterns in JavaScript and TypeScript source, and Trojan Source characters in any source code.',
  rules: [
    evalInjection,
    commandInjection,
    vmInjection,
    templateInjection,
    sqlInjection,
    nosqlInjection,
    insecureDeserialization,
    regexpInjection,
    regexCatastrophicBacktracking,
    domXss,
    reflectedXss,
    templateEscapingDisabled,
    reactDangerousHtml,
    tlsVerificationDisabled,
    weakTlsVersion,
    weakHash,
    weakCipher,
    insecureRandom,
    insufficientKeySize,
    staticIv,
    staticSalt,
    insufficientIterations,
    rsaWithoutOaep,
    jwtVerifyWithoutAlgorithms,
    jwtNoneAlgorithm,
    insecureCookie,
    permissiveCors,
    csrfMissing,
    expressWithoutHelmet,
    hardcodedCredentials,
    openRedirect,
    serverSideRequestForgery,
    pathTraversal,
    insecureTransport,
    prototypePollution,
    xmlExternalEntities,
    electronInsecurePreferences,
    postMessageAnyOrigin,
    messageOriginUnchecked,
    bidiCharacters,
    insecureHelmetConfiguration,
    cspUnsafeScript,
    staticFilesExposeProject,
    stackTraceExposure,
    incompleteSanitization,
    insufficientPasswordHash,
    zipSlip,
    angularBypassSecurity,
    massAssignment,
    hostHeaderPoisoning,
    graphqlIntrospectionEnabled,
  ],
});
