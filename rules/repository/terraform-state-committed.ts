import type { Rule } from '../../src/model/rule.js';
import { isAnchor, lineOne, readableByEngine, repositoryScan } from './lib.js';

const STATE = /(^|\/)[^/]*\.tfstate(\.backup|\.\d+\.backup)?$|(^|\/)terraform\.tfstate\.d\//;

/** Terraform state holds every resource attribute in plain text, secrets included. */
const rule: Rule = {
  meta: {
    id: 'repository/terraform-state-committed',
    title: 'Terraform state file committed to the repository',
    description:
      'Terraform state records every attribute of every managed resource in plain text, including database passwords, generated keys, access keys and connection strings, whether or not they are marked sensitive in the configuration. A committed state file hands all of them to anyone who can read the repository, and a shared state in Git is also unlocked: two applies can corrupt it. State belongs in an encrypted, access-controlled remote backend with locking (S3 with DynamoDB or lockfile, Azure Storage, GCS, Terraform Cloud).',
    severity: 'high',
    kinds: ['text'],
    messages: {
      committed: 'Terraform state {{file}} is committed: state stores resource attributes, including secrets, in plain text; move state to an encrypted remote backend with locking, rotate the secrets it held, remove the file from the repository history and add `*.tfstate*` to .gitignore.',
      empty: 'Terraform state {{file}} is committed (it manages no resources yet); use an encrypted remote backend with locking and add `*.tfstate*` to .gitignore before it records any secrets.',
    },
    remediation: 'Configure a remote backend (e.g. `backend "s3"` with encryption and locking), run `terraform init -migrate-state`, rotate any secret the committed state held, remove the state files from the repository history and add `*.tfstate` and `*.tfstate.*` to `.gitignore`.',
    references: [
      'https://developer.hashicorp.com/terraform/language/state/sensitive-data',
      'https://developer.hashicorp.com/terraform/language/backend',
      'https://github.com/github/gitignore/blob/main/Terraform.gitignore',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['8'], caf: ['B3'], cwe: ['CWE-312', 'CWE-538'] },
    equivalents: {},
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    if (!repositoryScan(ctx)) return;
    if (STATE.test(ctx.file.path)) {
      const empty = /"resources"\s*:\s*\[\s*\]/.test(ctx.file.text) || !ctx.file.text.trim();
      ctx.report({ messageId: empty ? 'empty' : 'committed', range: lineOne(ctx), data: { file: ctx.file.path }, ...(empty ? { severity: 'low' as const } : {}) });
    }
    if (!isAnchor(ctx)) return;
    // state files too large for the engine to read are reported on the anchor
    for (const f of ctx.project.files) {
      if (f.path === ctx.file.path || !STATE.test(f.path)) continue;
      if (readableByEngine(ctx, f.path)) continue;
      ctx.report({ messageId: 'committed', range: lineOne(ctx), data: { file: f.path } });
    }
  },
};
export default rule;
