import type { Rule } from '../../../src/model/rule.js';
import { isLiteralSecretValue, isSecretName, isStandInValue, propertiesOf, rangeOf, stagesOf, unquoteWord } from './lib.js';

/** Credentials in ENV/ARG end up in the image config or its build history for anyone who can pull it. */
const rule: Rule = {
  meta: {
    id: 'iac/dockerfile-secret-env-arg',
    title: 'Secret in ENV or ARG',
    description:
      'ENV values are stored in the image configuration and ARG values in its build history (`docker history`), so anyone who can pull the image can read them, and a literal value also sits in the repository. Build-time credentials belong in BuildKit secret mounts (`RUN --mount=type=secret`), runtime ones in the orchestrator\'s secret store. Names such as PASSWORD, SECRET, TOKEN, API_KEY and PRIVATE_KEY with a literal value are reported as hard-coded secrets (not a stand-in made of words only, such as `TestKey` or `dummyvalue` set so that a build step can start, or `override_this_value` and `REPLACE_ME` marking a value the deployment supplies); a secret-named ARG without a value (or with an empty one, or a stand-in default such as `placeholder`, since the real value is then passed with `--build-arg`), or an ENV that copies one, as a leak through the image history.',
    severity: 'high',
    kinds: ['dockerfile'],
    messages: {
      literal: '{{keyword}} {{name}} sets a hard-coded secret value (expected no credential in the Dockerfile); pass it at build time with `RUN --mount=type=secret,id={{id}}` or at runtime from a secret store, and rotate the exposed value.',
      buildArg: 'ARG {{name}} receives a secret as a build argument, which is recorded in the image history (expected `RUN --mount=type=secret,id={{id}}` for build-time secrets); use a BuildKit secret mount instead.',
      envFromArg: 'ENV {{name}}={{value}} copies the build argument into the image environment, where anyone who pulls the image can read it (expected the secret only at runtime, from a secret store); remove the ENV.',
    },
    remediation: 'Remove the value from the Dockerfile and rotate it. For build steps use `RUN --mount=type=secret,id=<id>` (`docker build --secret id=<id>,src=…`); for runtime inject the secret from the platform (Kubernetes Secret, AWS Secrets Manager, Azure Key Vault) or a mounted file.',
    references: [
      'https://docs.docker.com/build/building/secrets/',
      'https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['8'], caf: ['B2', 'B3'], cwe: ['CWE-798', 'CWE-538'] },
    equivalents: { trivy: ['AVD-DS-0031'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    if (ctx.document.format !== 'dockerfile') return;
    const df = ctx.document.dockerfile;
    const stages = stagesOf(df);
    const scopes = [df.getInitialARGs(), ...stages.map((s) => s.instructions)];
    for (const instructions of scopes) {
      const args = new Set<string>();
      for (const inst of instructions) {
        const k = inst.getKeyword();
        if (k !== 'ENV' && k !== 'ARG') continue;
        for (const p of propertiesOf(inst)) {
          const name = p.getName();
          const value = p.getValue();
          if (k === 'ARG') args.add(name);
          if (!isSecretName(name)) continue;
          const id = name.toLowerCase().replace(/_/g, '-');
          // `ARG NPM_TOKEN=` (or `=""`, or a stand-in such as `=placeholder`) has no real default either:
          // the value comes from --build-arg.
          if (value === null || (k === 'ARG' && (unquoteWord(value.trim()) === '' || isStandInValue(value)))) {
            if (k === 'ARG') ctx.report({ messageId: 'buildArg', range: rangeOf(p), data: { name, id }, severity: 'medium' });
            continue;
          }
          if (isLiteralSecretValue(value) && !isStandInValue(value)) {
            ctx.report({ messageId: 'literal', range: rangeOf(p), data: { keyword: k, name, id }, secrets: [value.replace(/^(["'])(.*)\1$/, '$2')] });
            continue;
          }
          const ref = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)/.exec(value.trim());
          if (k === 'ENV' && ref && args.has(ref[1])) ctx.report({ messageId: 'envFromArg', range: rangeOf(p), data: { name, value: value.trim() }, severity: 'medium' });
        }
      }
    }
  },
};
export default rule;
