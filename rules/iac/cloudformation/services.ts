/**
 * CloudFormation twins of the Terraform service rules (rules/iac/terraform/aws/services.ts, compute.ts,
 * storage.ts): OpenSearch/Elasticsearch domains, Redshift, MSK, DocumentDB/Neptune, DynamoDB recovery
 * and EKS control-plane settings. Defaults are AWS's (what CloudFormation creates when a property is
 * left out); unknown values (parameters without a default, imports, GetAtt) stay silent.
 */
import type { Rule } from '../../../src/model/rule.js';
import { entry, get, isMap, isScalar, type DataNode } from '../../../src/parsers/data/tree.js';
import { at, bool, CFN_DATA_STANDARDS, CFN_LOGGING_STANDARDS, CFN_STANDARDS, cfnMeta, docs, each, list, propEntry, resolve, string, typeAt, type Resource, type Template } from './cfn.js';
import { requireTrue } from './data.js';

// ---------------------------------------------------------------- OpenSearch / Elasticsearch

const OS = 'AWS::OpenSearchService::Domain';
const ES = 'AWS::Elasticsearch::Domain';

/** `major.minor` of a literal `ElasticsearchVersion` / `EngineVersion` (`Elasticsearch_7.10`, `OpenSearch_2.11`). */
function engine(r: Resource, t: Template): { opensearch: boolean; major: number; minor: number } | undefined {
  const raw = string(t, get(r.props, r.type === ES ? 'ElasticsearchVersion' : 'EngineVersion'));
  if (raw === undefined) return undefined;
  const m = /^(?:(OpenSearch|Elasticsearch)_)?(\d+)\.(\d+)/i.exec(raw.trim());
  if (!m) return undefined;
  return { opensearch: (m[1] ?? '').toLowerCase() === 'opensearch', major: Number(m[2]), minor: Number(m[3]) };
}

/** True when the domain runs an Elasticsearch version older than `major.minor` (the feature does not exist there). */
function esBefore(r: Resource, t: Template, major: number, minor: number): boolean {
  const v = engine(r, t);
  if (!v || v.opensearch) return false;
  return v.major < major || (v.major === major && v.minor < minor);
}

const osAtRest = requireTrue({
  id: 'iac/cfn-opensearch-encryption-at-rest',
  title: 'OpenSearch domain not encrypted at rest',
  description: 'Search indices usually hold copies of application data, often personal data. OpenSearch Service and Elasticsearch domains are created without encryption at rest unless `EncryptionAtRestOptions.Enabled` is true, leaving indices, logs, swap files and automated snapshots unencrypted. Elasticsearch versions before 5.1, which cannot encrypt, are not reported.',
  severity: 'medium',
  types: [OS, ES],
  path: ['EncryptionAtRestOptions', 'Enabled'],
  what: 'encryption at rest',
  remediation: 'Set `EncryptionAtRestOptions: { Enabled: true, KmsKeyId: <customer-managed key> }` (required for fine-grained access control).',
  references: [docs(OS), 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html'],
  cwe: ['CWE-311'],
  equivalents: { checkov: ['CKV_AWS_5'], trivy: ['AVD-AWS-0048'], kics: ['86a248ab-0e01-4564-a82a-878303e253bb'] },
  skip: (r, t) => esBefore(r, t, 5, 1),
});

const osNodeToNode = requireTrue({
  id: 'iac/cfn-opensearch-node-to-node-encryption',
  title: 'OpenSearch node-to-node encryption disabled',
  description: 'Without node-to-node encryption, data replicated and queried between the nodes of a domain travels in clear inside the VPC. It is off unless `NodeToNodeEncryptionOptions.Enabled` is true, and fine-grained access control requires it. Elasticsearch versions before 6.0, which do not offer it, are not reported.',
  severity: 'medium',
  types: [OS, ES],
  path: ['NodeToNodeEncryptionOptions', 'Enabled'],
  what: 'TLS between the cluster nodes',
  remediation: 'Set `NodeToNodeEncryptionOptions: { Enabled: true }`.',
  references: [docs(OS), 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ntn.html'],
  cwe: ['CWE-319'],
  equivalents: { checkov: ['CKV_AWS_6'], trivy: ['AVD-AWS-0043'] },
  skip: (r, t) => esBefore(r, t, 6, 0),
});

const OLD_TLS = 'Policy-Min-TLS-1-0-2019-07';
const osHttps: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-opensearch-enforce-https',
    title: 'OpenSearch domain allows HTTP or old TLS',
    description: 'A domain endpoint accepts plain HTTP unless `DomainEndpointOptions.EnforceHTTPS` is true (it defaults to false), and the TLS policy `Policy-Min-TLS-1-0-2019-07` accepts TLS 1.0/1.1. Queries, credentials and results can then be read or altered in transit.',
    severity: 'medium',
    messages: {
      missing: '{{type}} {{name}} does not set `DomainEndpointOptions.EnforceHTTPS`, which defaults to false, so the endpoint accepts plain HTTP; set `EnforceHTTPS: true`.',
      http: '{{type}} {{name}} sets `EnforceHTTPS: {{value}}`, so the endpoint accepts plain HTTP; set it to true.',
      tls: '{{type}} {{name}} sets `TLSSecurityPolicy: {{value}}`, which accepts TLS 1.0 and 1.1; use `Policy-Min-TLS-1-2-2019-07` or `Policy-Min-TLS-1-2-PFS-2023-10`.',
    },
    remediation: 'Set `DomainEndpointOptions: { EnforceHTTPS: true, TLSSecurityPolicy: Policy-Min-TLS-1-2-PFS-2023-10 }`.',
    references: [docs(OS), 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/infrastructure-security.html'],
    standards: { ...CFN_DATA_STANDARDS, cwe: ['CWE-319'] },
    equivalents: { checkov: ['CKV_AWS_83'], trivy: ['AVD-AWS-0046', 'AVD-AWS-0126'], kics: ['4cdc88e6-c0c8-4081-a639-bb3a557cbedf'] },
  }),
  check(ctx) {
    each(ctx, [OS, ES], (r, t) => {
      const data = { type: r.type.replace(/^AWS::/, ''), name: r.name };
      const optsE = entry(r.props, 'DomainEndpointOptions');
      const opts = optsE ? resolve(t, optsE.value) : undefined;
      if (optsE && !isMap(opts)) return;
      const h = propEntry(opts, 'EnforceHTTPS');
      if (!h) ctx.report({ messageId: 'missing', offsets: optsE ? at(optsE) : typeAt(r), data });
      else if (bool(t, h.value) === false) ctx.report({ messageId: 'http', offsets: at(h), data: { ...data, value: String(string(t, h.value)) } });
      const p = propEntry(opts, 'TLSSecurityPolicy');
      if (p && string(t, p.value) === OLD_TLS) ctx.report({ messageId: 'tls', offsets: at(p), data: { ...data, value: OLD_TLS } });
    });
  },
};

// ---------------------------------------------------------------- Redshift

const redshiftPublic: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-redshift-public',
    title: 'Redshift cluster is publicly accessible',
    description: 'A Redshift cluster or Redshift Serverless workgroup with `PubliclyAccessible: true` gets a public address, so the data warehouse is reachable from the internet wherever its security group allows.',
    severity: 'high',
    messages: { public: '{{type}} {{name}} sets `PubliclyAccessible: true`; set it to false and reach the warehouse from inside the VPC.' },
    remediation: 'Set `PubliclyAccessible: false` and connect from inside the VPC (or through a Redshift-managed VPC endpoint).',
    references: [docs('AWS::Redshift::Cluster'), 'https://docs.aws.amazon.com/redshift/latest/mgmt/managing-clusters-vpc.html'],
    standards: { ...CFN_STANDARDS, cwe: ['CWE-284'] },
    equivalents: { checkov: ['CKV_AWS_87'], kics: ['bdf8dcb4-75df-4370-92c4-606e4ae6c4d3'] },
  }),
  check(ctx) {
    each(ctx, ['AWS::Redshift::Cluster', 'AWS::RedshiftServerless::Workgroup'], (r, t) => {
      const e = entry(r.props, 'PubliclyAccessible');
      if (e && bool(t, e.value) === true) ctx.report({ messageId: 'public', offsets: at(e), data: { type: r.type.replace(/^AWS::/, ''), name: r.name } });
    });
  },
};

const redshiftEncrypted: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-redshift-encryption',
    title: 'Redshift cluster encryption turned off',
    description: 'New Redshift clusters are encrypted by default; `Encrypted: false` explicitly stores the warehouse, its backups and snapshots unencrypted. A cluster that leaves the property out is not reported.',
    severity: 'medium',
    messages: { disabled: 'Redshift cluster {{name}} sets `Encrypted: {{value}}`, so the warehouse and its snapshots are stored unencrypted; set `Encrypted: true` (with a customer-managed `KmsKeyId`).' },
    remediation: 'Set `Encrypted: true` and `KmsKeyId` to a customer-managed key.',
    references: [docs('AWS::Redshift::Cluster'), 'https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html'],
    standards: { ...CFN_DATA_STANDARDS, cwe: ['CWE-311'] },
    equivalents: { checkov: ['CKV_AWS_64'], kics: ['3b316b05-564c-44a7-9c3f-405bb95e211e'] },
  }),
  check(ctx) {
    each(ctx, ['AWS::Redshift::Cluster'], (r, t) => {
      const e = entry(r.props, 'Encrypted');
      if (e && bool(t, e.value) === false) ctx.report({ messageId: 'disabled', offsets: at(e), data: { name: r.name, value: String(string(t, e.value)) } });
    });
  },
};

// ---------------------------------------------------------------- MSK

const mskTransit: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-msk-encryption-in-transit',
    title: 'MSK cluster allows plaintext traffic',
    description: 'Kafka messages often carry events about people and transactions. `EncryptionInTransit.ClientBroker: PLAINTEXT` or `TLS_PLAINTEXT` lets clients connect without TLS, and `InCluster: false` sends replication traffic between brokers in clear. The defaults (`TLS`, `true`) are not reported.',
    severity: 'medium',
    messages: {
      plaintext: 'MSK cluster {{name}} sets `ClientBroker: {{value}}`, so clients may connect without TLS; set it to `TLS`.',
      inCluster: 'MSK cluster {{name}} sets `InCluster: {{value}}`, so traffic between brokers is not encrypted; set it to true.',
    },
    remediation: 'Set `EncryptionInfo.EncryptionInTransit: { ClientBroker: TLS, InCluster: true }` (the defaults), or leave it out.',
    references: [docs('AWS::MSK::Cluster'), 'https://docs.aws.amazon.com/msk/latest/developerguide/msk-encryption.html'],
    standards: { ...CFN_DATA_STANDARDS, cwe: ['CWE-319'] },
    equivalents: { checkov: ['CKV_AWS_81'], trivy: ['AVD-AWS-0073'] },
  }),
  check(ctx) {
    each(ctx, ['AWS::MSK::Cluster'], (r, t) => {
      const transit = resolve(t, propEntry(resolve(t, get(r.props, 'EncryptionInfo')), 'EncryptionInTransit')?.value);
      const cb = propEntry(transit, 'ClientBroker');
      const v = cb ? string(t, cb.value) : undefined;
      if (cb && (v === 'PLAINTEXT' || v === 'TLS_PLAINTEXT')) ctx.report({ messageId: 'plaintext', offsets: at(cb), data: { name: r.name, value: v } });
      const ic = propEntry(transit, 'InCluster');
      if (ic && bool(t, ic.value) === false) ctx.report({ messageId: 'inCluster', offsets: at(ic), data: { name: r.name, value: String(string(t, ic.value)) } });
    });
  },
};

// ---------------------------------------------------------------- DocumentDB / Neptune

/** Clusters restored from a snapshot or a point in time, or secondaries of a global cluster, inherit encryption. */
function inheritsEncryption(r: Resource): boolean {
  return ['SnapshotIdentifier', 'SourceDBClusterIdentifier', 'RestoreToTime', 'RestoreType', 'GlobalClusterIdentifier', 'KmsKeyId'].some((k) => !!get(r.props, k));
}

function clusterEncryption(id: string, service: string, type: string, ref: string, equivalents: Record<string, string[]>): Rule {
  return requireTrue({
    id,
    title: `${service} cluster storage not encrypted`,
    description: `${service} clusters are created unencrypted unless \`StorageEncrypted\` is true, and encryption cannot be turned on for an existing cluster: it has to be rebuilt from an encrypted snapshot copy. Unencrypted storage, automated backups and snapshots expose the data to anyone who obtains them. Clusters restored from a snapshot or a point in time, global-cluster secondaries and clusters naming a \`KmsKeyId\` (accepted only with encryption) are not reported.`,
    severity: 'high',
    types: [type],
    path: ['StorageEncrypted'],
    what: 'encryption at rest',
    remediation: 'Set `StorageEncrypted: true` and `KmsKeyId` to a customer-managed key. For an existing cluster, snapshot it, copy the snapshot with encryption and restore a new cluster from the copy.',
    references: [docs(type), ref],
    cwe: ['CWE-311'],
    equivalents,
    skip: inheritsEncryption,
  });
}

const docdb = clusterEncryption('iac/cfn-docdb-storage-encryption', 'DocumentDB', 'AWS::DocDB::DBCluster', 'https://docs.aws.amazon.com/documentdb/latest/developerguide/encryption-at-rest.html', {
  checkov: ['CKV_AWS_74'],
  trivy: ['AVD-AWS-0021'],
});

const neptune = clusterEncryption('iac/cfn-neptune-storage-encryption', 'Neptune', 'AWS::Neptune::DBCluster', 'https://docs.aws.amazon.com/neptune/latest/userguide/encrypt.html', {
  checkov: ['CKV_AWS_44'],
  trivy: ['AVD-AWS-0076'],
  kics: ['bf4473f1-c8a2-4b1b-8134-bd32efabab93'],
});

// ---------------------------------------------------------------- DynamoDB

const PITR = ['PointInTimeRecoverySpecification', 'PointInTimeRecoveryEnabled'];
const dynamoPitr: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-dynamodb-point-in-time-recovery',
    title: 'DynamoDB point-in-time recovery not enabled',
    description: 'Point-in-time recovery lets a table be restored to any second of the recovery period (35 days by default) after an accidental delete, a bad deployment or a malicious write. It is off unless `PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled` is true (on every replica of a global table); without it only on-demand backups, if any, remain.',
    severity: 'low',
    messages: {
      missing: '{{what}} does not set `PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled`, which defaults to false; set it to true.',
      false: '{{what}} sets `PointInTimeRecoveryEnabled: {{value}}`; set it to true to keep continuous backups.',
    },
    remediation: 'Set `PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }` on the table (on each replica of an `AWS::DynamoDB::GlobalTable`).',
    references: [docs('AWS::DynamoDB::Table'), 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html'],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['8'], caf: ['B5'], cwe: ['CWE-693'] },
    equivalents: { checkov: ['CKV_AWS_28', 'CKV_AWS_165'], trivy: ['AVD-AWS-0024'], kics: ['0f04217d-488f-4e7a-bec8-f16159686cd6'] },
  }),
  check(ctx) {
    const judge = (t: Template, holder: DataNode | undefined, where: [number, number], what: string): void => {
      const spec = entry(isMap(holder) ? holder : { type: 'map', entries: [], start: 0, end: 0 }, PITR[0]);
      if (!spec) return ctx.report({ messageId: 'missing', offsets: where, data: { what } });
      const s = resolve(t, spec.value);
      if (!isMap(s)) return;
      const e = entry(s, PITR[1]);
      if (!e) return ctx.report({ messageId: 'missing', offsets: at(spec), data: { what } });
      if (bool(t, e.value) === false) ctx.report({ messageId: 'false', offsets: at(e), data: { what, value: String(string(t, e.value)) } });
    };
    each(ctx, ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable'], (r, t) => {
      if (r.type === 'AWS::DynamoDB::Table') return judge(t, r.props, typeAt(r), `Table ${r.name}`);
      const replicas = list(t, get(r.props, 'Replicas'));
      if (!replicas) return;
      for (const rep of replicas) {
        const m = resolve(t, rep);
        if (!isMap(m)) continue;
        const region = string(t, get(m, 'Region')) ?? '?';
        judge(t, m, [m.start, m.start + 1], `Replica ${region} of global table ${r.name}`);
      }
    });
  },
};

// ---------------------------------------------------------------- EKS

const EKS = 'AWS::EKS::Cluster';
const EKS_LOGS = ['api', 'audit', 'authenticator'];

const eksLogging: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-eks-control-plane-logging',
    title: 'EKS control plane audit logging not enabled',
    description: 'EKS control plane logs (API server, audit, authenticator) record who did what in the cluster. None is sent to CloudWatch Logs unless listed in `Logging.ClusterLogging.EnabledTypes`; without them misuse of Kubernetes credentials and changes to workloads or RBAC cannot be investigated.',
    severity: 'low',
    messages: {
      missing: 'EKS cluster {{name}} does not set `Logging.ClusterLogging.EnabledTypes`, so no control plane log is kept; enable at least `api`, `audit` and `authenticator`.',
      partial: 'EKS cluster {{name}} enables control plane logs without {{missing}}; enable `api`, `audit` and `authenticator`.',
    },
    remediation: 'Set `Logging: { ClusterLogging: { EnabledTypes: [{ Type: api }, { Type: audit }, { Type: authenticator }, { Type: controllerManager }, { Type: scheduler }] } }`.',
    references: [docs(EKS), 'https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html'],
    standards: { ...CFN_LOGGING_STANDARDS, cwe: ['CWE-778'] },
    equivalents: { checkov: ['CKV_AWS_37'], trivy: ['AVD-AWS-0038'] },
  }),
  check(ctx) {
    each(ctx, [EKS], (r, t) => {
      const le = entry(r.props, 'Logging');
      if (!le) return ctx.report({ messageId: 'missing', offsets: typeAt(r), data: { name: r.name } });
      const logging = resolve(t, le.value);
      if (!isMap(logging)) return;
      const ce = entry(logging, 'ClusterLogging');
      const cl = ce ? resolve(t, ce.value) : undefined;
      if (ce && !isMap(cl)) return;
      const te = propEntry(cl, 'EnabledTypes');
      // `EnabledTypes:` with nothing after it (null) enables nothing, like leaving it out
      if (!te || (isScalar(te.value) && te.value.value === null && !te.value.tag)) return ctx.report({ messageId: 'missing', offsets: at(te ?? ce ?? le), data: { name: r.name } });
      const items = list(t, te.value);
      if (!items) return;
      const types: string[] = [];
      for (const i of items) {
        // `{ Type: api }` as the schema has it; a bare `api` is read the same way
        const n = resolve(t, i);
        const v = isMap(n) ? string(t, get(n, 'Type')) : string(t, n);
        if (v === undefined) return; // an entry we cannot read may be the missing one
        types.push(v);
      }
      const missing = EKS_LOGS.filter((l) => !types.includes(l));
      if (missing.length) ctx.report({ messageId: 'partial', offsets: at(te), data: { name: r.name, missing: missing.map((m) => `\`${m}\``).join(', ') } });
    });
  },
};

const eksSecrets: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-eks-secrets-encryption',
    title: 'EKS cluster does not encrypt Kubernetes secrets with a KMS key you control',
    description: 'Without `EncryptionConfig` naming `secrets` and a KMS key, Kubernetes Secrets in etcd are protected only by encryption with a key AWS owns (the default envelope encryption of EKS 1.28 and later, or EBS encryption before it). Envelope encryption with a customer-managed key lets you audit every decryption in CloudTrail and revoke access to the secrets by disabling the key.',
    severity: 'low',
    messages: {
      missing: 'EKS cluster {{name}} has no `EncryptionConfig`; encrypt Kubernetes secrets with a customer-managed KMS key (`Resources: [secrets]`).',
      noSecrets: 'EKS cluster {{name}} has an `EncryptionConfig` whose `Resources` does not include `secrets`; add it.',
    },
    remediation: 'Add `EncryptionConfig: [{ Resources: [secrets], Provider: { KeyArn: !GetAtt EksKey.Arn } }]`.',
    references: [docs(EKS), 'https://docs.aws.amazon.com/eks/latest/userguide/envelope-encryption.html'],
    standards: { ...CFN_DATA_STANDARDS, cwe: ['CWE-311'] },
    equivalents: { checkov: ['CKV_AWS_58'], trivy: ['AVD-AWS-0039'] },
  }),
  check(ctx) {
    each(ctx, [EKS], (r, t) => {
      const ee = entry(r.props, 'EncryptionConfig');
      if (!ee) return ctx.report({ messageId: 'missing', offsets: typeAt(r), data: { name: r.name } });
      const configs = list(t, ee.value);
      if (!configs) return;
      const resources: string[] = [];
      for (const c of configs) {
        const rs = list(t, get(resolve(t, c), 'Resources'));
        if (!rs) return;
        for (const x of rs) {
          const v = string(t, x);
          if (v === undefined) return;
          resources.push(v);
        }
      }
      if (!resources.includes('secrets')) ctx.report({ messageId: configs.length ? 'noSecrets' : 'missing', offsets: at(ee), data: { name: r.name } });
    });
  },
};

export const serviceRules: Rule[] = [osAtRest, osNodeToNode, osHttps, redshiftPublic, redshiftEncrypted, mskTransit, docdb, neptune, dynamoPitr, eksLogging, eksSecrets];
