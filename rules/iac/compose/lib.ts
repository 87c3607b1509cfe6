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
      if (isMap(e.value)) out.push({ name: String(e.key.value), key: e.key, node: e.value });
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

export interface Mount {
  node: DataNode;
  /** Host path or volume name ('' for an anonymous volume). */
  source: string;
  target: string;
  readOnly: boolean;
  /** bind (a host path), volume, tmpfs, npipe… */
  type: string;
}

const HOST_PATH = /^(\/|\.{1,2}(\/|$)|~|[A-Za-z]:[\\/]|\\\\|\u0000\/)/;

/** A service's `volumes`, short (`src:dst:ro`) and long (`type/source/target`) syntax. */
export function mountsOf(service: DataMap): Mount[] {
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
      const ro = get(item, 'read_only');
      out.push({
        node: get(item, 'source') ?? item,
        source,
        target,
        readOnly: isScalar(ro) && (ro.value === true || ro.value === 'true'),
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
      out.push({ node: item, hostIp, containerPorts: expand(container), hostIpUnknown: hostIp.includes('\u0000') });
    } else if (isMap(item)) {
      const target = str(get(item, 'target'));
      if (!target) continue;
      const ip = interpolate(str(get(item, 'host_ip')) ?? '');
      out.push({ node: item, hostIp: ip.value, containerPorts: expand(interpolate(target).value), hostIpUnknown: ip.unresolved });
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
