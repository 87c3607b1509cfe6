import type { Rule } from '../../../src/model/rule.js';
import { entry, get, isMap } from '../../../src/parsers/data/tree.js';
import { bool, CFN_DATA_STANDARDS, cfnMeta, string, templates } from './cfn.js';

const SECRET_PARAM = /(pass(word|wd|phrase)?|secret|token|api-?key|private-?key|access-?key|credential|auth-?key|signing-?key)/i;
const NOT_SECRET_PARAM = /(Arn|Name|Id|Path|Parameter|Param|Length|Url|Uri|Policy|Rotation|Enabled|Expiry|Type|Kms|KeyId|Prefix|Header|Version|Secrets?Manager)$/;
/**
 * A switch about a secret rather than the secret itself: the name's last words are a verb, an
 * optional `client`, `master`, `api` or `access`, and the secret word (`GenerateSecret`, `userpoolClientGenerateSecret`,
 * `RotateApiToken`, `manage_master_password`).
 */
const SWITCH_VERBS = new Set(['generate', 'create', 'rotate', 'enable', 'disable', 'require', 'use', 'manage']);
function isSecretSwitch(name: string): boolean {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[\s_-]+/).filter(Boolean);
  let i = words.length - 1;
  if (words[i] === 'key' && words[i - 1] === 'api') i -= 1;
  else if (!/^(secret|token|password)s?$/.test(words[i] ?? '')) return false;
  i -= 1;
  if (['client', 'master', 'api', 'access'].includes(words[i] ?? '')) i -= 1;
  return SWITCH_VERBS.has(words[i] ?? '');
}

const noEcho: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-parameter-secret-noecho',
    title: 'Secret-like parameter is not NoEcho',
    description: 'CloudFormation shows parameter values in the console, `describe-stacks` output and events unless the parameter is `NoEcho: true`. A password or token passed as a plain parameter is readable by anyone who can view the stack. A secret written as its `Default` is also committed to version control.',
    severity: 'medium',
    messages: {
      noEcho: 'Parameter {{name}} looks like a secret but is not `NoEcho: true`, so its value is shown in the console and API; set `NoEcho: true`, or better, resolve it from Secrets Manager (`{{resolve:secretsmanager:…}}`).',
      default: 'Parameter {{name}} looks like a secret and has a literal `Default`, which is committed with the template; remove the default and pass the value at deploy time (or use Secrets Manager).',
    },
    remediation: 'Set `NoEcho: true` on secret parameters, give them no `Default`, and prefer dynamic references to Secrets Manager or SSM SecureString parameters (or `ManageMasterUserPassword` for RDS).',
    references: ['https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html#parameters-section-structure-properties', 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/security-best-practices.html#creds'],
    standards: { ...CFN_DATA_STANDARDS, caf: ['B2', 'B3'], cwe: ['CWE-200', 'CWE-798'] },
  }),
  check(ctx) {
    for (const t of templates(ctx)) {
      const params = get(t.root, 'Parameters');
      if (!isMap(params)) continue;
      for (const e of params.entries) {
        const name = String(e.key.value);
        if (!isMap(e.value) || !SECRET_PARAM.test(name) || NOT_SECRET_PARAM.test(name) || isSecretSwitch(name)) continue;
        const type = string(t, get(e.value, 'Type')) ?? '';
        if (type.startsWith('AWS::SSM::Parameter::') || (type !== 'String' && type !== '')) continue;
        if (bool(t, get(e.value, 'NoEcho')) !== true) {
          ctx.report({ messageId: 'noEcho', offsets: [e.key.start, e.key.end], data: { name } });
          continue;
        }
        const def = entry(e.value, 'Default');
        const dv = def && string(t, def.value);
        if (def && dv && dv.length >= 6 && !/^(changeme|placeholder|none)$/i.test(dv)) {
          ctx.report({ messageId: 'default', offsets: [def.key.start, def.value.end], data: { name }, secrets: [dv] });
        }
      }
    }
  },
};

export const parameterRules: Rule[] = [noEcho];
