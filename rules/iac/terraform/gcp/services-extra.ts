import type { Rule, RuleContext } from '../../../../src/model/rule.js';
import type { Range } from '../../../../src/model/location.js';
import { asString, type AttrResult, type BlockView, type ResourceInstance } from '../../../../src/terraform/index.js';
import type { HclBlock } from '../../../../src/parsers/hcl/model.js';
import { hclFeature } from '../../../../src/engine/triggers.js';
import { isConfigFile } from '../support.js';
import { STD, get, isOff, isOn, lower, tfRule } from '../azure/common.js';
import { isPlaceholder } from '../aws/util.js';

const REG = 'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/';

// ------------------------------------------------------------------ Customer-supplied keys in the code

/** Where each resource type takes a customer-supplied (raw) encryption key. */
const RAW_KEYS: Record<string, { blocks: string[]; attribute: string }[]> = {
  google_compute_disk: [{ blocks: ['disk_encryption_key'], attribute: 'raw_key' }, { blocks: ['source_image_encryption_key'], attribute: 'raw_key' }, { blocks: ['source_snapshot_encryption_key'], attribute: 'raw_key' }],
  google_compute_region_disk: [{ blocks: ['disk_encryption_key'], attribute: 'raw_key' }, { blocks: ['source_snapshot_encryption_key'], attribute: 'raw_key' }],
  google_compute_snapshot: [{ blocks: ['snapshot_encryption_key'], attribute: 'raw_key' }, { blocks: ['source_disk_encryption_key'], attribute: 'raw_key' }],
  google_compute_image: [{ blocks: ['image_encryption_key'], attribute: 'raw_key' }, { blocks: ['source_disk_encryption_key'], attribute: 'raw_key' }],
  google_compute_instance: [{ blocks: ['boot_disk'], attribute: 'disk_encryption_key_raw' }, { blocks: ['attached_disk'], attribute: 'disk_encryption_key_raw' }],
  google_compute_instance_from_template: [{ blocks: ['boot_disk'], attribute: 'disk_encryption_key_raw' }, { blocks: ['attached_disk'], attribute: 'disk_encryption_key_raw' }],
};

/** Reports made by the plaintext-key rule in one file, so a module called twice reports once. */
const reportedKeys = new WeakMap<RuleContext, Set<string>>();

const plaintextKey = tfRule(
  {
    id: 'iac/gcp-compute-disk-plaintext-key',
    title: 'Customer-supplied disk encryption key written in the Terraform code',
    description:
      'A customer-supplied encryption key (CSEK) given as `raw_key` or `disk_encryption_key_raw` is the key itself, base64-encoded. Written into the configuration (directly, as a variable default, a local or a tfvars value) it is readable by everyone with access to the repository and its history, and is stored in Terraform state, so the disks, snapshots and images it protects are no better protected than the code. Values passed at run time or read from a secret store are not reported.',
    severity: 'high',
    messages: {
      key: '{{address}} sets `{{attribute}}` to a literal encryption key{{from}}; remove it from the code, rotate the key, and use a Cloud KMS key (`kms_key_self_link`) or pass the key at run time.',
    },
    remediation: 'Replace the raw key with a customer-managed Cloud KMS key (`kms_key_self_link = google_kms_crypto_key.disk.id`), or supply a CSEK at run time from a secret store (a sensitive variable without a default, or a Secret Manager data source); then re-encrypt the disks with a new key.',
    references: [REG + 'compute_disk#raw_key', 'https://cloud.google.com/compute/docs/disks/customer-supplied-encryption'],
    standards: STD.data(['CWE-798', 'CWE-321']),
    equivalents: { tfsec: ['google-compute-disk-encryption-no-plaintext-key', 'google-compute-no-plaintext-vm-disk-keys'] },
  },
  Object.keys(RAW_KEYS),
  (inst, _r, ctx) => {
    let seen = reportedKeys.get(ctx);
    if (!seen) reportedKeys.set(ctx, (seen = new Set()));
    for (const place of RAW_KEYS[inst.resourceType] ?? []) {
      const views: BlockView[] = place.blocks.reduce<BlockView[]>((acc, name) => acc.flatMap((b) => b.blocks(name)), [inst]);
      for (const v of views) {
        const a = get(v, place.attribute);
        const key = a ? asString(a.value) : undefined;
        if (!a || key === undefined || isPlaceholder(key)) continue;
        reportSecret(ctx, seen, inst, a, key, place.attribute);
      }
    }
  },
);

function reportSecret(ctx: RuleContext, seen: Set<string>, inst: ResourceInstance, a: AttrResult, key: string, attribute: string): void {
  const here = a.attributeFile === ctx.file.path;
  const range = here ? a.attributeRange : inst.headerRange;
  const k = JSON.stringify(range);
  if (seen.has(k)) return;
  seen.add(k);
  const elsewhere = a.file !== a.attributeFile || a.range.start.line !== a.attributeRange.start.line;
  ctx.report({
    messageId: 'key',
    range,
    data: { address: inst.address, attribute, from: elsewhere ? ` (set at ${a.file}:${a.range.start.line})` : '' },
    secrets: [key],
  });
}

// ------------------------------------------------------------------ Memorystore for Redis

const REDIS = 'google_redis_instance';

/** The registry module Google publishes for Memorystore for Redis (its root module creates one `google_redis_instance`). */
const MEMORYSTORE_MODULE = /^(registry\.terraform\.io\/)?terraform-google-modules\/memorystore\/google$/i;

/** A literal value written in the configuration (a string, number or bool); undefined for expressions. */
function literalValue(block: HclBlock, name: string): { value: string; range: Range } | undefined {
  const a = block.attributes[name];
  if (!a) return undefined;
  const e = a.expr;
  if (e.kind === 'literal' && e.value !== null) return { value: String(e.value), range: a.range };
  if (e.kind === 'template' && e.parts.every((p) => p.kind === 'literal')) return { value: e.parts.map((p) => (p.kind === 'literal' ? p.value : '')).join(''), range: a.range };
  return undefined;
}

/**
 * Also judge calls of the Memorystore registry module, which the Terraform model does not load:
 * `judge` sees each call's block (literal inputs only) and reports through `ctx`.
 */
function withMemorystoreModule(rule: Rule, judge: (ctx: RuleContext, call: HclBlock, header: Range) => void): Rule {
  const inner = rule.check!.bind(rule);
  return {
    ...rule,
    triggers: rule.triggers && [...rule.triggers, hclFeature('module')],
    check(ctx) {
      if (isConfigFile(ctx)) {
        for (const b of ctx.document.hcl.blocks) {
          if (b.type !== 'module') continue;
          const src = literalValue(b, 'source');
          if (src && MEMORYSTORE_MODULE.test(src.value.replace(/\/\/modules\/redis$/, '').trim())) judge(ctx, b, { start: b.range.start, end: b.labelRanges[0]?.end ?? b.typeRange.end });
        }
      }
      return inner(ctx);
    },
  };
}
const REDIS_CLUSTER = 'google_redis_cluster';

const redisAuth = withMemorystoreModule(tfRule(
  {
    id: 'iac/gcp-redis-auth-disabled',
    title: 'Memorystore for Redis without authentication',
    description:
      'A Memorystore for Redis instance accepts commands from any client that can reach its IP address unless AUTH is enabled (`auth_enabled = true`, off by default); a Redis Cluster likewise unless `authorization_mode = "AUTH_MODE_IAM_AUTH"` (the default is AUTH_MODE_DISABLED). Any compromised VM, pod or peered network in reach can then read and change the cache, which often holds sessions and tokens. Calls of the `terraform-google-modules/memorystore/google` registry module are judged on their literal `auth_enabled` input (default false).',
    severity: 'medium',
    messages: {
      missing: '{{address}} does not set `auth_enabled = true`, so the instance accepts unauthenticated clients; enable AUTH and read the auth string from `auth_string` into a secret store.',
      disabled: '{{address}} sets `auth_enabled` to {{actual}}{{from}}; set it to true.',
      clusterMissing: '{{address}} does not set `authorization_mode` (default AUTH_MODE_DISABLED), so the cluster accepts unauthenticated clients; set it to "AUTH_MODE_IAM_AUTH".',
      clusterDisabled: '{{address}} sets `authorization_mode` to {{actual}}{{from}}; set it to "AUTH_MODE_IAM_AUTH".',
      moduleMissing: 'Module "{{name}}" (terraform-google-modules/memorystore) does not set `auth_enabled`, which defaults to false, so the instance accepts unauthenticated clients; set `auth_enabled = true`.',
      moduleDisabled: 'Module "{{name}}" (terraform-google-modules/memorystore) sets `auth_enabled = false`, so the instance accepts unauthenticated clients; set it to true.',
    },
    remediation: 'Set `auth_enabled = true` on `google_redis_instance` (clients then send the instance\'s AUTH string) or `authorization_mode = "AUTH_MODE_IAM_AUTH"` on `google_redis_cluster`, and restrict `authorized_network` to the application\'s VPC.',
    references: [REG + 'redis_instance#auth_enabled', 'https://cloud.google.com/memorystore/docs/redis/about-redis-auth'],
    standards: STD.access(['CWE-306']),
    equivalents: { checkov: ['CKV_GCP_95'] },
  },
  [REDIS, REDIS_CLUSTER],
  (inst, r) => {
    if (inst.resourceType === REDIS) {
      const a = get(inst, 'auth_enabled');
      if (!a) r.missing(inst, 'missing');
      else if (isOff(a.value)) r.bad(inst, a, 'disabled');
      return;
    }
    const a = get(inst, 'authorization_mode');
    if (!a) r.missing(inst, 'clusterMissing');
    else if (lower(a.value)?.trim() === 'auth_mode_disabled') r.bad(inst, a, 'clusterDisabled');
  },
), (ctx, call, header) => {
  const name = call.labels[0] ?? '';
  const a = literalValue(call, 'auth_enabled');
  if (!call.attributes['auth_enabled']) ctx.report({ messageId: 'moduleMissing', range: header, data: { name } });
  else if (a && a.value.toLowerCase() === 'false') ctx.report({ messageId: 'moduleDisabled', range: a.range, data: { name } });
});

const redisTls = withMemorystoreModule(tfRule(
  {
    id: 'iac/gcp-redis-transit-encryption',
    title: 'Memorystore for Redis without in-transit encryption',
    description:
      'Memorystore for Redis sends commands, cached values and the AUTH string in clear text unless in-transit encryption is on: `transit_encryption_mode = "SERVER_AUTHENTICATION"` on an instance, `"TRANSIT_ENCRYPTION_MODE_SERVER_AUTHENTICATION"` on a Redis Cluster. Both default to disabled, and the setting can only be chosen when the instance is created. Calls of the `terraform-google-modules/memorystore/google` registry module are reported when they set `transit_encryption_mode = "DISABLED"` (the module defaults to encryption from version 4.0).',
    severity: 'medium',
    messages: {
      missing: '{{address}} does not set `transit_encryption_mode` (default {{off}}), so clients talk to Redis in clear text; set it to "{{on}}".',
      disabled: '{{address}} sets `transit_encryption_mode` to {{actual}}{{from}}; set it to "{{on}}".',
      moduleDisabled: 'Module "{{name}}" (terraform-google-modules/memorystore) sets `transit_encryption_mode = "DISABLED"`, so clients talk to Redis in clear text; set it to "SERVER_AUTHENTICATION".',
    },
    remediation: 'Set `transit_encryption_mode = "SERVER_AUTHENTICATION"` (instances) or `"TRANSIT_ENCRYPTION_MODE_SERVER_AUTHENTICATION"` (clusters) — the instance is recreated — and have clients connect with TLS using the instance\'s server CA certificates.',
    references: [REG + 'redis_instance#transit_encryption_mode', 'https://cloud.google.com/memorystore/docs/redis/about-in-transit-encryption'],
    standards: STD.transit(),
    equivalents: { checkov: ['CKV_GCP_97'] },
  },
  [REDIS, REDIS_CLUSTER],
  (inst, r) => {
    const cluster = inst.resourceType === REDIS_CLUSTER;
    const data = cluster
      ? { on: 'TRANSIT_ENCRYPTION_MODE_SERVER_AUTHENTICATION', off: 'TRANSIT_ENCRYPTION_MODE_DISABLED' }
      : { on: 'SERVER_AUTHENTICATION', off: 'DISABLED' };
    const a = get(inst, 'transit_encryption_mode');
    if (!a) r.missing(inst, 'missing', data);
    else if (lower(a.value)?.trim() === data.off.toLowerCase()) r.bad(inst, a, 'disabled', data);
  },
), (ctx, call) => {
  // the module's own default is SERVER_AUTHENTICATION from version 4.0, DISABLED before: only an explicit DISABLED is judged
  const a = literalValue(call, 'transit_encryption_mode');
  if (a && a.value.trim().toUpperCase() === 'DISABLED') ctx.report({ messageId: 'moduleDisabled', range: a.range, data: { name: call.labels[0] ?? '' } });
});

// ------------------------------------------------------------------ Cloud Functions (1st gen) over HTTP

const functionHttps = tfRule(
  {
    id: 'iac/gcp-cloudfunctions-http-allowed',
    title: '1st-gen Cloud Function serves its HTTP trigger over plain HTTP',
    description:
      'An HTTP-triggered 1st-gen Cloud Function answers plain `http://` requests as well as HTTPS unless `https_trigger_security_level = "SECURE_ALWAYS"`; the provider\'s default is SECURE_OPTIONAL. Requests, the identity tokens callers send and the responses can then cross the network unencrypted. 2nd-gen functions (`google_cloudfunctions2_function`) always require HTTPS and are not reported.',
    severity: 'medium',
    messages: {
      missing: '{{address}} is HTTP-triggered but does not set `https_trigger_security_level` (default SECURE_OPTIONAL), so it also serves plain HTTP; set it to "SECURE_ALWAYS".',
      optional: '{{address}} sets `https_trigger_security_level` to {{actual}}{{from}}, so it also serves plain HTTP; set it to "SECURE_ALWAYS".',
    },
    remediation: 'Set `https_trigger_security_level = "SECURE_ALWAYS"` on HTTP-triggered `google_cloudfunctions_function` resources (plain HTTP requests are then redirected to HTTPS), or move to 2nd-gen functions.',
    references: [REG + 'cloudfunctions_function#https_trigger_security_level', 'https://cloud.google.com/functions/1stgendocs/writing/write-http-functions'],
    standards: STD.transit(),
    equivalents: {},
  },
  ['google_cloudfunctions_function'],
  (inst, r) => {
    const trigger = get(inst, 'trigger_http');
    if (!trigger || !isOn(trigger.value)) return;
    const level = get(inst, 'https_trigger_security_level');
    if (!level) r.missing(inst, 'missing');
    else if (lower(level.value)?.trim() === 'secure_optional') r.bad(inst, level, 'optional');
  },
);

// ------------------------------------------------------------------ Vertex AI Workbench

const notebookPublicIp = tfRule(
  {
    id: 'iac/gcp-vertex-notebook-public-ip',
    title: 'Vertex AI Workbench instance has an external IP address',
    description:
      'A Vertex AI Workbench (user-managed notebook) instance gets an external IP address unless `no_public_ip = true` (`google_notebooks_instance`) or `gce_setup.disable_public_ip = true` (`google_workbench_instance`); both default to false. Notebook VMs hold data extracts, credentials and the service account\'s access, and with an external address they are reachable from the internet wherever firewall rules allow, and can send data anywhere without passing Cloud NAT or egress controls.',
    severity: 'low',
    messages: {
      missing: '{{address}} does not set `{{attribute}} = true`, so the notebook VM gets an external IP address; set it and reach the notebook through its proxy URL or IAP.',
      public: '{{address}} sets `{{attribute}}` to {{actual}}{{from}}, giving the notebook VM an external IP address; set it to true.',
    },
    remediation: 'Set `no_public_ip = true` (google_notebooks_instance) or `gce_setup { disable_public_ip = true }` (google_workbench_instance), use Cloud NAT or Private Google Access for outbound traffic, and enforce `constraints/ainotebooks.restrictPublicIp`.',
    references: [REG + 'workbench_instance#disable_public_ip', REG + 'notebooks_instance#no_public_ip', 'https://cloud.google.com/vertex-ai/docs/workbench/instances/create#networking'],
    standards: STD.network(),
    equivalents: { checkov: ['CKV_GCP_89'] },
  },
  ['google_notebooks_instance', 'google_workbench_instance'],
  (inst, r) => {
    if (inst.resourceType === 'google_notebooks_instance') {
      const a = get(inst, 'no_public_ip');
      if (!a) r.missing(inst, 'missing', { attribute: 'no_public_ip' });
      else if (isOff(a.value)) r.bad(inst, a, 'public', { attribute: 'no_public_ip' });
      return;
    }
    const setups = inst.blocks('gce_setup');
    if (setups.some((g) => !g.expansionKnown)) return;
    const a = get(inst, 'gce_setup.disable_public_ip');
    if (!a) r.missing(inst, 'missing', { attribute: 'gce_setup.disable_public_ip' });
    else if (isOff(a.value)) r.bad(inst, a, 'public', { attribute: 'gce_setup.disable_public_ip' });
  },
);

// ------------------------------------------------------------------ Dataproc

/** Major and minor version of a Dataproc image ("2.1-debian11", "2.0.75-ubuntu18"); undefined when not one. */
function imageVersion(s: string): [number, number] | undefined {
  const m = /^\s*(\d+)\.(\d+)/.exec(s);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

const dataprocPublicIp = tfRule(
  {
    id: 'iac/gcp-dataproc-public-ip',
    title: 'Dataproc cluster VMs have external IP addresses',
    description:
      'Unless `gce_cluster_config.internal_ip_only` is true, every master and worker of a Dataproc cluster gets an external IP address, exposing Hadoop and Spark services (YARN, HDFS, Jupyter) to the internet wherever firewall rules allow; attackers routinely scan for open YARN ResourceManagers to run jobs. Internal-only is the default for image versions 2.2 and later, so clusters are reported when they set `internal_ip_only = false`, or leave it unset on an older image version.',
    severity: 'medium',
    messages: {
      public: '{{address}} sets `gce_cluster_config.internal_ip_only` to {{actual}}{{from}}, giving the cluster VMs external IP addresses; set it to true and use Private Google Access and Cloud NAT.',
      oldImage: '{{address}} uses image version {{image}} and does not set `gce_cluster_config.internal_ip_only`, which defaults to false before 2.2, so the cluster VMs get external IP addresses; set it to true.',
    },
    remediation: 'Set `cluster_config { gce_cluster_config { internal_ip_only = true, subnetwork = <subnet with Private Google Access> } }`, use Cloud NAT for outbound traffic, and reach the web interfaces through the Component Gateway.',
    references: [REG + 'dataproc_cluster#internal_ip_only', 'https://cloud.google.com/dataproc/docs/concepts/configuring-clusters/network#create_a_dataproc_cluster_with_internal_ip_address_only'],
    standards: STD.network(),
    equivalents: { checkov: ['CKV_GCP_103'] },
  },
  ['google_dataproc_cluster'],
  (inst, r) => {
    const configs = inst.blocks('cluster_config');
    const gce = configs.flatMap((c) => c.blocks('gce_cluster_config'));
    if (configs.some((c) => !c.expansionKnown) || gce.some((g) => !g.expansionKnown)) return;
    const a = get(inst, 'cluster_config.gce_cluster_config.internal_ip_only');
    if (a) {
      if (isOff(a.value)) r.bad(inst, a, 'public');
      return;
    }
    const image = get(inst, 'cluster_config.software_config.image_version');
    const v = image && image.value.kind === 'string' ? imageVersion(image.value.value) : undefined;
    if (v && (v[0] < 2 || (v[0] === 2 && v[1] < 2))) r.missing(inst, 'oldImage', { image: (image?.value.kind === 'string' && image.value.value) || '' });
  },
);

// ------------------------------------------------------------------ API keys

const APP_RESTRICTIONS = ['browser_key_restrictions', 'server_key_restrictions', 'android_key_restrictions', 'ios_key_restrictions'];

const apiKeyRestrictions = tfRule(
  {
    id: 'iac/gcp-api-key-unrestricted',
    title: 'Google Cloud API key without restrictions',
    description:
      'An API key is a bearer credential: it ends up in web pages, mobile apps and logs, and whoever finds it can use it. A `google_apikeys_key` without a `restrictions` block (or with an empty one) works from any website, server or app and for every API enabled in the project, so a leaked key can run up bills or reach data. Restrict each key to the APIs it needs and to the referrers, IP addresses or apps that use it (CIS GCP 1.12 to 1.14).',
    severity: 'medium',
    messages: {
      missing: '{{address}} has no `restrictions` block: the key works from anywhere and for every enabled API. Add `restrictions` with `api_targets` and a browser, server, Android or iOS restriction.',
      empty: '{{address}} has a `restrictions` block without `api_targets` or an application restriction; limit the key to the APIs and clients that need it.',
    },
    remediation: 'Add `restrictions { api_targets { service = "maps-backend.googleapis.com" } browser_key_restrictions { allowed_referrers = ["https://www.example.gov.uk/*"] } }` (or `server_key_restrictions.allowed_ips`, Android/iOS app restrictions), and prefer service accounts or OAuth where the API supports them.',
    references: [REG + 'apikeys_key#restrictions', 'https://cloud.google.com/docs/authentication/api-keys#api_key_restrictions'],
    standards: STD.access(['CWE-284']),
    equivalents: {},
  },
  ['google_apikeys_key'],
  (inst, r) => {
    const rs = inst.blocks('restrictions');
    if (rs.some((b) => !b.expansionKnown)) return;
    if (rs.length === 0) return r.missing(inst, 'missing');
    for (const b of rs) {
      if (b.blocks('api_targets').length > 0 || APP_RESTRICTIONS.some((n) => b.blocks(n).length > 0)) return;
      // a dynamic block whose expansion is not known may still add restrictions
      if (b.block.blocks.some((d) => d.type === 'dynamic')) return;
    }
    r.block(inst, rs[0], 'empty');
  },
);

export const servicesExtraRules: Rule[] = [plaintextKey, redisAuth, redisTls, functionHttps, notebookPublicIp, dataprocPublicIp, apiKeyRestrictions];
