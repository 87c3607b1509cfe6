/** Terraform module calls whose source is not pinned to a fixed version (supply chain). */
import type { Rule } from '../../../src/model/rule.js';
import type { HclExpr } from '../../../src/parsers/hcl/model.js';
import { tfMeta } from './azure/common.js';
import { isConfigFile } from './support.js';

/** `namespace/name/provider` or `hostname/namespace/name/provider`, with an optional `//subdir`. */
const REGISTRY = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)+(?::\d+)?\/)?[A-Za-z0-9][\w-]*\/[A-Za-z0-9][\w-]*\/[A-Za-z0-9]+(?:\/\/[^?]*)?$/;
/** Sources Terraform fetches with git (or Mercurial), where `?ref=` picks the revision. */
const VCS = /^(?:git::|hg::|git@|(?:github\.com|bitbucket\.org)\/)/i;
/** A commit id: 7 to 40 hex digits (SHA-1) or 64 (SHA-256). */
const COMMIT = /^(?:[0-9a-f]{7,40}|[0-9a-f]{64})$/i;
/** A release tag: a dotted version number, optionally after a module prefix (v1.2.3, 2.0, vpc-v1.4.0, modules/vpc/v1.2.0, 1.2.3-rc.1). */
const VERSION_TAG = /^(?:[\w./-]*[-_/])?v?\d+(?:\.\d+){1,3}(?:[-+][\w.-]+)?$/;

function literal(expr: HclExpr | undefined): string | undefined {
  if (!expr) return undefined;
  if (expr.kind === 'literal') return typeof expr.value === 'string' ? expr.value : undefined;
  if (expr.kind === 'template' && expr.parts.every((p) => p.kind === 'literal')) return expr.parts.map((p) => (p.kind === 'literal' ? p.value : '')).join('');
  return undefined;
}

/** The `ref` query parameter of a VCS source (after any `//subdir`), or undefined. */
function refOf(source: string): string | undefined {
  const q = source.indexOf('?');
  if (q < 0) return undefined;
  const ref = new URLSearchParams(source.slice(q + 1)).get('ref');
  return ref === null ? undefined : ref.trim();
}

export const terraformModuleUnpinned: Rule = {
  meta: tfMeta({
    id: 'iac/terraform-module-unpinned',
    title: 'Terraform module source not pinned to a version',
    description:
      'A module call runs whatever code its source gives at `terraform init`: resources, providers and provisioners with the credentials of the pipeline that applies it. A registry module without `version` takes the newest release each time; a git source without `?ref=` (or with a branch such as `main`) takes whatever was last pushed, so a compromised or careless upstream change reaches your infrastructure unreviewed, and two applies of the same commit can differ. `.terraform.lock.hcl` locks providers only, never modules. Registry modules are reported without `version`; version ranges (`~> 5.0`) are accepted, since the registry only serves published releases. Git, GitHub, Bitbucket and Mercurial sources are reported without a `ref` (medium), with a branch or other non-version name (medium), and with a release tag, which can be moved (low); a commit SHA is pinned. Local paths, HTTP archives and S3/GCS buckets are not judged.',
    severity: 'medium',
    messages: {
      noVersion: 'Module "{{name}}" uses the registry module `{{source}}` without a `version`, so every `terraform init -upgrade` (or a fresh checkout) takes its newest release; add `version = "<exact version>"` (or a constraint such as `~> 1.2`).',
      noRef: 'Module "{{name}}" takes `{{source}}` from git without `?ref=`, so it runs whatever is on the default branch when `terraform init` runs; pin it to a commit SHA (`?ref=<40-hex sha>`) or at least a release tag.',
      branch: 'Module "{{name}}" takes `{{source}}` at `ref={{ref}}`, a branch or another name that is not a release (major-version tags such as `v2` are moved on purpose): every push to it changes your infrastructure code; pin a commit SHA (or a release tag).',
      tag: 'Module "{{name}}" takes `{{source}}` at the tag `{{ref}}`; tags can be moved or re-pushed, so for a module you do not control pin the commit SHA the tag points to (and keep the tag in a comment).',
    },
    remediation: 'Give registry modules a `version`; give git sources `?ref=` with a full commit SHA (`git::https://github.com/org/repo.git//modules/x?ref=0123…`), keeping the release it corresponds to in a comment, and update it deliberately (Dependabot and Renovate both update pinned Terraform module refs).',
    references: [
      'https://developer.hashicorp.com/terraform/language/modules/sources',
      'https://developer.hashicorp.com/terraform/language/modules/syntax#version',
      'https://www.ncsc.gov.uk/collection/supply-chain-security',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['2', '10'], caf: ['A4', 'B4'], cwe: ['CWE-829', 'CWE-494'] },
    equivalents: { checkov: ['CKV_TF_1', 'CKV_TF_2'] },
  }),
  check(ctx) {
    if (!isConfigFile(ctx)) return;
    for (const block of ctx.document.hcl.blocks) {
      if (block.type !== 'module') continue;
      const attr = block.attributes.source;
      const source = literal(attr?.expr)?.trim();
      if (!attr || !source || source.startsWith('./') || source.startsWith('../')) continue;
      const name = block.labels[0] ?? '';
      const shown = source.replace(/\?.*$/, '');
      if (VCS.test(source)) {
        const ref = refOf(source);
        if (!ref) ctx.report({ messageId: 'noRef', range: attr.range, data: { name, source: shown } });
        else if (COMMIT.test(ref)) continue;
        else if (VERSION_TAG.test(ref)) ctx.report({ messageId: 'tag', range: attr.range, data: { name, source: shown, ref }, severity: 'low' });
        else ctx.report({ messageId: 'branch', range: attr.range, data: { name, source: shown, ref } });
      } else if (REGISTRY.test(source) && !/^[a-z][\w+.-]*::/i.test(source)) {
        const version = block.attributes.version;
        if (!version) ctx.report({ messageId: 'noVersion', range: attr.range, data: { name, source } });
      }
    }
  },
};

