/**
 * Helpers shared by the docker-compose rules: services of every document, Compose variable
 * interpolation, and the short/long syntaxes of `volumes` and `ports`.
 */
import type { RuleContext, ReportDescriptor } from '../../../src/model/rule.js';
import { get, isMap, isScalar, isSeq, str, type DataMap, type DataNode, type DataScalar } from '../../../src/parsers/data/tree.js';

export interface Service {
  name: string;
  /** The service's key in `services:` (where "missing attribute" findings point). */
  key: DataScalar;
  node: DataMap;
  /** The document the service is defined in (its top-level `volumes`, `networks`…). */
  root: DataMap;
}

/** Every service of every YAML document that has a top-level `services` map. */
export function servicesOf(ctx: RuleContext): Service[] {
  if (ctx.document.format !== 'data') return [];
  const out: Service[] = [];
  for (const root of ctx.document.roots) {
    if (!isMap(root)) continue;
    const services = get(root, 'services');
    if (!isMap(services)) continue;
    for (const e of services.entries) {
      if (isMap(e.value)) out.push({ name: String(e.key.value), key: e.key, node: e.value, root });
    }
  }
  return out;
}

/**
 * A report function that reports a node once: services that share a YAML anchor (`<<: *defaults`)
 * share its nodes, and one misconfiguration should be one finding.
 */
export function onceReporter(ctx: RuleContext): (node: DataNode, d: Omit<ReportDescriptor, 'offsets' | 'range'>) => void {
  const seen = new Set<string>();
  return (node, d) => {
    const k = `${node.start}:${node.end}:${d.messageId}`;
    if (seen.has(k)) return;
    seen.add(k);
    ctx.report({ ...d, offsets: [node.start, node.end] });
  };
}

export interface Interpolated {
  value: string;
  /** True when some `${VAR}` had no default (the value is then partly unknown). */
  unresolved: boolean;
  /** True when the value used any interpolation at all. */
  interpolated: boolean;
}

/** Compose interpolation: `${VAR:-default}`/`${VAR-default}` take the default, `${VAR}`/`$VAR` are unknown, `$$` is a dollar. */
export function interpolate(text: string): Interpolated {
  let unresolved = false;
  let interpolated = false;
  const value = text.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])((?:[^{}]|\{[^{}]*\})*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (m, _n: string | undefined, op: string | undefined, word: string | undefined) => {
    if (m === '$$') return '$';
    interpolated = true;
    if (op === ':-' || op === '-') return interpolate(word ?? '').value;
    unresolved = true;
    return '\u0000';
  });
  return { value, unresolved, interpolated };
}

/**
 * How Compose reads a boolean field such as `privileged` or `read_only`: after interpolation,
 * y/yes/true/on and n/no/false/off in any case (compose-go's toBoolean). undefined when the value
 * depends on an unset variable or is not a boolean Compose accepts.
 */
export function composeBool(node: DataNode | undefined): boolean | undefined {
  if (isScalar(node) && typeof node.value === 'boolean') return node.value;
  const v = composeString(node)?.trim().toLowerCase();
  if (v === 'y' || v === 'yes' || v === 'true' || v === 'on') return true;
  if (v === 'n' || v === 'no' || v === 'false' || v === 'off') return false;
  return undefined;
}

/** A string field after interpolation (`${VAR:-host}` is `host`); undefined when not a string or partly unknown. */
export function composeString(node: DataNode | undefined): string | undefined {
  const raw = str(node);
  if (raw === undefined) return undefined;
  const r = interpolate(raw);
  return r.unresolved ? undefined : r.value;
}

/**
 * Top-level volumes of the local driver that bind a host directory (`driver_opts: {type: none,
 * o: bind, device: /srv/data}`): name to host path. Mounting one is a bind mount under another name.
 */
export function localBindVolumes(root: DataMap): Map<string, string> {
  const out = new Map<string, string>();
  const vols = get(root, 'volumes');
  if (!isMap(vols)) return out;
  for (const e of vols.entries) {
    if (!isMap(e.value)) continue;
    const driver = str(get(e.value, 'driver'));
    if (driver !== undefined && driver !== 'local') continue;
    const opts = get(e.value, 'driver_opts');
    if (!isMap(opts)) continue;
    const o = interpolate(str(get(opts, 'o')) ?? '').value.split(',').map((x) => x.trim());
    const device = str(get(opts, 'device'));
    if (!device || !(o.includes('bind') || o.includes('rbind'))) continue;
    // `name:` sets the engine's name; services refer to the key
    out.set(String(e.key.value), interpolate(device).value);
  }
  return out;
}

/** `localBindVolumes` of each document, worked out once for all its services. */
const bindVolumes = new WeakMap<DataMap, Map<string, string>>();
function bindVolumesOf(root: DataMap): Map<string, string> {
  let m = bindVolumes.get(root);
  if (!m) bindVolumes.set(root, (m = localBindVolumes(root)));
  return m;
}

export interface Mount {
  node: DataNode;
  /** Host path or volume name ('' for an anonymous volume). */
  source: string;
  target: string;
  readOnly: boolean;
  /** bind (a host path), volume, tmpfs, npipe… */
  type: string;
  /** The named volume a bind goes through (a local-driver volume with `o: bind`). */
  via?: string;
}

const HOST_PATH = /^(\/|\.{1,2}(\/|$)|~|[A-Za-z]:[\\/]|\\\\|\u0000\/)/;

/**
 * A service's `volumes`, short (`src:dst:ro`) and long (`type/source/target`) syntax. Given the
 * service's document, a named volume that binds a host directory is reported as a bind of it.
 */
export function mountsOf(service: DataMap, root?: DataMap): Mount[] {
  const out = directMountsOf(service);
  const bound = root ? bindVolumesOf(root) : undefined;
  if (!bound?.size) return out;
  return out.map((m) => {
    const device = m.type === 'volume' && m.source ? bound.get(m.source) : undefined;
    return device === undefined ? m : { ...m, source: device, type: 'bind', via: m.source };
  });
}

function directMountsOf(service: DataMap): Mount[] {
  const out: Mount[] = [];
  const vols = get(service, 'volumes');
  if (!isSeq(vols)) return out;
  for (const item of vols.items) {
    if (isScalar(item)) {
      const raw = str(item);
      if (!raw) continue;
      const v = interpolate(raw).value;
      // Windows drive letters (C:\…) contain a colon of their own.
      const parts = v.match(/(?:[A-Za-z]:[\\/])?[^:]+/g) ?? [];
      if (parts.length === 1) {
        out.push({ node: item, source: '', target: parts[0], readOnly: false, type: 'volume' });
        continue;
      }
      const source = parts[0] ?? '';
      const target = parts[1] ?? '';
      const mode = parts[2] ?? '';
      out.push({ node: item, source, target, readOnly: mode.split(',').includes('ro'), type: HOST_PATH.test(source) ? 'bind' : 'volume' });
    } else if (isMap(item)) {
      const source = interpolate(str(get(item, 'source')) ?? '').value;
      const target = str(get(item, 'target')) ?? '';
      const declared = str(get(item, 'type'));
      out.push({
        node: get(item, 'source') ?? item,
        source,
        target,
        readOnly: composeBool(get(item, 'read_only')) === true,
        type: declared ?? (HOST_PATH.test(source) ? 'bind' : 'volume'),
      });
    }
  }
  return out;
}

export interface PublishedPort {
  node: DataNode;
  /** Host address the port is bound to ('' when none is given: every interface). */
  hostIp: string;
  /** Container ports (a range expands to its members, capped). */
  containerPorts: number[];
  hostIpUnknown: boolean;
  /** tcp (the default), udp or sctp, lower case. */
  protocol: string;
}

function expand(range: string): number[] {
  const m = /^(\d+)(?:-(\d+))?$/.exec(range.trim());
  if (!m) return [];
  const lo = Number(m[1]);
  const hi = m[2] ? Math.min(Number(m[2]), lo + 1000) : lo;
  const out: number[] = [];
  for (let p = lo; p <= hi; p++) out.push(p);
  return out;
}

/** A service's published `ports`, short (`[ip:][host:]container[/proto]`) and long syntax. */
export function portsOf(service: DataMap): PublishedPort[] {
  const out: PublishedPort[] = [];
  const ports = get(service, 'ports');
  if (!isSeq(ports)) return out;
  for (const item of ports.items) {
    if (isScalar(item)) {
      if (item.value === null) continue;
      const { value } = interpolate(String(item.value));
      const protocol = (/\/(tcp|udp|sctp)$/i.exec(value)?.[1] ?? 'tcp').toLowerCase();
      let rest = value.replace(/\/(tcp|udp|sctp)$/i, '');
      let hostIp = '';
      const v6 = /^\[([^\]]*)\]:(.*)$/.exec(rest);
      if (v6) {
        hostIp = v6[1];
        rest = v6[2];
      }
      const parts = rest.split(':');
      if (!v6 && parts.length >= 3) hostIp = parts.slice(0, parts.length - 2).join(':');
      const container = parts[parts.length - 1];
      out.push({ node: item, hostIp, containerPorts: expand(container), hostIpUnknown: hostIp.includes('\u0000'), protocol });
    } else if (isMap(item)) {
      const target = str(get(item, 'target'));
      if (!target) continue;
      const ip = interpolate(str(get(item, 'host_ip')) ?? '');
      const protocol = (composeString(get(item, 'protocol')) ?? 'tcp').trim().toLowerCase() || 'tcp';
      out.push({ node: item, hostIp: ip.value, containerPorts: expand(interpolate(target).value), hostIpUnknown: ip.unresolved, protocol });
    }
  }
  return out;
}

export function isLoopback(ip: string): boolean {
  return /^127\.\d+\.\d+\.\d+$/.test(ip) || ip === '::1' || ip.toLowerCase() === 'localhost';
}

/** Every scalar item of a string-or-list field (`cap_add`, `security_opt`, `dns`…). */
export function listItems(node: DataNode | undefined): DataScalar[] {
  if (isScalar(node)) return [node];
  if (isSeq(node)) return node.items.filter(isScalar);
  return [];
}

/**
 * A complete service definition: it names an `image` or a `build` and does not `extends` another.
 * A partial one (an override file's, or one that extends another) may get a missing setting from
 * elsewhere, so "missing setting" rules skip it and judge only what it says.
 */
export function isCompleteService(s: Service): boolean {
  return (get(s.node, 'image') !== undefined || get(s.node, 'build') !== undefined) && get(s.node, 'extends') === undefined;
}

export interface LimitSetting {
  /** The node of the setting (the value), for reporting an explicit "unlimited". */
  node: DataNode;
  /** Where it is set, as written (`mem_limit`, `deploy.resources.limits.memory`). */
  key: string;
  /** True when the value means "no limit" (0, -1, an empty string); false for a real limit or an unknown value. */
  unlimited: boolean;
}

/**
 * The settings that limit one resource of a service: service-level keys (`mem_limit`, `cpus`,
 * `pids_limit`…) and the `deploy.resources.limits.<limitKey>` of the Compose Deploy Specification,
 * which `docker compose` also applies. A value after interpolation of 0 or -1 (or empty) means
 * unlimited; an unset variable leaves the value unknown (not unlimited).
 */
export function limitSettings(service: DataMap, serviceKeys: string[], limitKey: string): LimitSetting[] {
  const out: LimitSetting[] = [];
  const judge = (node: DataNode, key: string) => {
    let unlimited = false;
    if (isScalar(node)) {
      if (typeof node.value === 'number') unlimited = node.value === 0 || node.value === -1;
      else if (node.value === null) unlimited = true;
      else {
        const raw = String(node.value);
        const r = interpolate(raw);
        const v = r.value.trim().toLowerCase();
        if (!r.unresolved) unlimited = v === '' || /^-1$|^0+(\.0*)?[bkmg]?$/.test(v);
      }
    }
    out.push({ node, key, unlimited });
  };
  for (const k of serviceKeys) {
    const v = get(service, k);
    if (v !== undefined) judge(v, k);
  }
  const v = get(get(get(get(service, 'deploy'), 'resources'), 'limits'), limitKey);
  if (v !== undefined) judge(v, `deploy.resources.limits.${limitKey}`);
  return out;
}
