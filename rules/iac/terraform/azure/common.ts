/**
 * Helpers shared by the Azure and GCP Terraform rules (kept here because rules/iac/terraform/support.ts
 * is shared): metadata defaults, value descriptions with where a value came from, ports and CIDRs.
 */
import type { Rule, RuleContext, RuleMeta } from '../../../../src/model/rule.js';
import type { StandardsRefs } from '../../../../src/model/standards.js';
import { asString, describe, type AttrResult, type BlockView, type ResourceInstance, type Value } from '../../../../src/terraform/index.js';
import type { HclBlock } from '../../../../src/parsers/hcl/model.js';
import { blockTriggers, instancesInFile, isConfigFile, terraformReporter } from '../support.js';
import { coversAllAddresses } from '../../cidr.js';

export type TfMetaInput = Omit<RuleMeta, 'kinds' | 'security' | 'since'>;

/** Metadata for a Terraform security rule: kind `terraform`, `security: true`, since 0.1.0. */
export function tfMeta(m: TfMetaInput): RuleMeta {
  return { ...m, kinds: ['terraform'], security: true, since: '0.1.0' };
}

/** Standards for common families of checks. */
export const STD = {
  /** Services or ports reachable from the internet. */
  network: (cwe: string[] = ['CWE-284']): StandardsRefs => ({ dsss: ['8'], govuk: ['9'], sbd: ['7'], caf: ['B4'], cwe }),
  /** Data in transit (TLS, HTTPS). */
  transit: (cwe: string[] = ['CWE-319']): StandardsRefs => ({ dsss: ['8'], govuk: ['9'], sbd: ['8'], caf: ['B3'], cwe }),
  /** Data at rest, public data, backups. */
  data: (cwe: string[] = ['CWE-284']): StandardsRefs => ({ dsss: ['8'], govuk: ['9'], sbd: ['7', '8'], caf: ['B3'], cwe }),
  /** Identity and access control. */
  access: (cwe: string[] = ['CWE-284']): StandardsRefs => ({ dsss: ['8'], govuk: ['9'], sbd: ['7', '8'], caf: ['B2'], cwe }),
  /** Hardening of platforms and clusters. */
  system: (cwe: string[] = ['CWE-16']): StandardsRefs => ({ dsss: ['8'], govuk: ['9'], sbd: ['8'], caf: ['B4'], cwe }),
  /** Logging and monitoring. */
  logging: (cwe: string[] = ['CWE-778']): StandardsRefs => ({ dsss: ['8'], govuk: ['9'], sbd: ['5'], caf: ['C1'], cwe }),
  /** Resilience: backups, deletion protection, versioning. */
  resilience: (cwe: string[] = ['CWE-693']): StandardsRefs => ({ dsss: ['8'], govuk: ['9'], sbd: ['8'], caf: ['B5'], cwe }),
};

/** " (set at variables.tf:4)" when the value was written somewhere other than the attribute itself. */
export function valueFrom(attr: AttrResult): string {
  const elsewhere = attr.file !== attr.attributeFile || attr.range.start.line !== attr.attributeRange.start.line;
  return elsewhere ? ` (set at ${attr.file}:${attr.range.start.line})` : '';
}

/** A short description of a value for messages. */
export function show(v: Value): string {
  return describe(v);
}

export interface Reporter {
  /** A needed attribute or block is missing: reported at the resource header. */
  missing(inst: ResourceInstance, messageId: string, data?: Record<string, string | number | boolean>): void;
  /** An attribute has an insecure value: reported at the attribute, with its value and where it came from. */
  bad(inst: ResourceInstance, attr: AttrResult, messageId: string, data?: Record<string, string | number | boolean>): void;
  /**
   * Like `bad`, but at the value itself when it is written inside the attribute (e.g. one entry of a
   * `metadata = { ... }` map), else at the attribute.
   */
  entry(inst: ResourceInstance, attr: AttrResult, messageId: string, data?: Record<string, string | number | boolean>): void;
  /** A nested block (e.g. `security_rule`) is insecure as a whole: reported at the block's first line. */
  block(inst: ResourceInstance, block: BlockView, messageId: string, data?: Record<string, string | number | boolean>): void;
}

/**
 * A rule over resources of some types; `check` runs once per instance written in the file. Messages
 * may use `{{address}}`, and for `bad` findings `{{actual}}` (the value) and `{{from}}` (where it was set).
 */
export function tfRule(meta: TfMetaInput, types: string[], check: (inst: ResourceInstance, r: Reporter, ctx: RuleContext) => void | Promise<void>): Rule {
  const full = tfMeta(meta);
  return {
    meta: full,
    triggers: blockTriggers(types),
    // the engine calls it only on files with a block of its types (triggers); synchronous until it has work: an async call per file costs more than most checks
    check(ctx) {
      if (!isConfigFile(ctx)) return;
      if (!ctx.document.hcl.blocks.some((b) => b.type === 'resource' && types.includes(b.labels[0]))) return;
      return runOn(ctx);
    },
  };

  async function runOn(ctx: RuleContext): Promise<void> {
    const tr = terraformReporter(ctx);
    const r: Reporter = {
      missing: (inst, id, data = {}) => tr.resource(inst, id, data),
      bad: (inst, attr, id, data = {}) => tr.attribute(inst, attr, id, { actual: show(attr.value), from: valueFrom(attr), ...data }),
      entry: (inst, attr, id, data = {}) => {
        const inside =
          attr.file === ctx.file.path &&
          attr.attributeFile === ctx.file.path &&
          attr.range.start.line >= attr.attributeRange.start.line &&
          attr.range.end.line <= attr.attributeRange.end.line;
        if (!inside) return tr.attribute(inst, attr, id, { actual: show(attr.value), from: valueFrom(attr), ...data });
        tr.at(attr.range, id, { address: inst.address, actual: show(attr.value), from: '', ...data });
      },
      block: (inst, b, id, data = {}) => {
        // A block from `dynamic "x" { content { ... } }` is reported at its `dynamic` line.
        const hcl = b.block.type === 'content' ? (enclosingDynamic(inst.block, b.block) ?? b.block) : b.block;
        tr.at(b.file === ctx.file.path ? { start: hcl.range.start, end: hcl.typeRange.end } : inst.headerRange, id, { address: inst.address, ...data });
      },
    };
    for (const inst of await instancesInFile(ctx, types)) await check(inst, r, ctx);
  }
}

/** The `dynamic` block whose `content` is `content`, searched below `root`. */
function enclosingDynamic(root: HclBlock, content: HclBlock): HclBlock | undefined {
  for (const b of root.blocks) {
    if (b.type === 'dynamic' && b.blocks.includes(content)) return b;
    const inner = enclosingDynamic(b, content);
    if (inner) return inner;
  }
  return undefined;
}

// ------------------------------------------------------------------ value helpers

/** Lower-cased known string (numbers and bools as text); undefined when unknown or not scalar. */
export function lower(v: Value | undefined): string | undefined {
  const s = asString(v);
  return s === undefined ? undefined : s.toLowerCase();
}

/** Strings of a known list, or of a single string; unknown items are left out. */
export function strings(v: Value | undefined): string[] {
  if (!v) return [];
  if (v.kind === 'list') return v.items.flatMap((i) => strings(i));
  const s = asString(v);
  return s === undefined ? [] : [s];
}

/** The value is wholly known to be true (bool or "true"). */
export function isOn(v: Value | undefined): boolean {
  const s = lower(v);
  return s === 'true';
}

/** The value is known to be false. */
export function isOff(v: Value | undefined): boolean {
  const s = lower(v);
  return s === 'false';
}

/**
 * `view.get(path)`, but an attribute set to `null` (e.g. a module input left at `default = null`)
 * counts as not set, as Terraform treats it.
 */
export function get(view: BlockView, path: string | string[]): AttrResult | undefined {
  const a = view.get(path);
  return a && a.value.kind === 'null' ? undefined : a;
}

/** Is the attribute set to a known value (not unknown, not a reference)? */
export function known(a: AttrResult | undefined): a is AttrResult {
  return !!a && a.known && a.value.kind !== 'reference';
}

// ------------------------------------------------------------------ networks and ports

const ANY_SOURCE = new Set(['*', 'internet', 'any', '0.0.0.0']);

/** A source that means "anywhere": `*`, `Internet`, `Any`, `0.0.0.0`, or a CIDR covering every address (`0.0.0.0/0`, `::/0`, however spelled). */
export function isAnySource(s: string): boolean {
  return ANY_SOURCE.has(s.trim().toLowerCase()) || coversAllAddresses(s);
}

/** A port range [from, to] from "22", "20-25", "*", ""; undefined when not a port spec. */
export function portRange(spec: string): [number, number] | undefined {
  const s = spec.trim();
  if (s === '*' || s.toLowerCase() === 'any') return [0, 65535];
  const m = /^(\d+)\s*(?:-\s*(\d+))?$/.exec(s);
  if (!m) return undefined;
  const a = Number(m[1]);
  const b = m[2] !== undefined ? Number(m[2]) : a;
  return a <= b ? [a, b] : undefined;
}

/** Remote administration: SSH, Telnet (a remote shell with the password in clear) and RDP. */
export const ADMIN_PORTS: Record<number, string> = { 22: 'SSH', 23: 'Telnet', 3389: 'RDP' };
export const DB_PORTS: Record<number, string> = {
  1433: 'SQL Server',
  1434: 'SQL Server Browser',
  1521: 'Oracle',
  2483: 'Oracle',
  2484: 'Oracle',
  3306: 'MySQL',
  5432: 'PostgreSQL',
  5984: 'CouchDB',
  6379: 'Redis',
  6380: 'Redis (TLS)',
  7000: 'Cassandra',
  9042: 'Cassandra',
  9200: 'Elasticsearch',
  9300: 'Elasticsearch',
  11211: 'Memcached',
  27017: 'MongoDB',
  27018: 'MongoDB',
  27019: 'MongoDB',
};

/** Ports of `table` inside any of the ranges. */
export function portsIn(ranges: [number, number][], table: Record<number, string>): number[] {
  return Object.keys(table)
    .map(Number)
    .filter((p) => ranges.some(([a, b]) => a <= p && p <= b));
}

/** True when the ranges together cover every port. */
export function allPorts(ranges: [number, number][]): boolean {
  return ranges.some(([a, b]) => a <= 1 && b >= 65535);
}

/** "22 (SSH), 3389 (RDP)". */
export function portNames(ports: number[], table: Record<number, string>): string {
  return ports.map((p) => `${p} (${table[p]})`).join(', ');
}
