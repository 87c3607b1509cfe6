import type { Rule } from '../../../src/model/rule.js';
import { get, isMap, isScalar, isSeq, str } from '../../../src/parsers/data/tree.js';
import { interpolate, onceReporter, servicesOf } from './lib.js';

/** Shared bind propagation: mounts made inside the container appear on the host. */
const rule: Rule = {
  meta: {
    id: 'iac/compose-mount-propagation-shared',
    title: 'Compose bind mount uses shared propagation',
    description:
      'A bind mount with `shared` or `rshared` propagation (short syntax `/src:/dst:rshared`, long syntax `bind: {propagation: rshared}`) makes mounts created inside the container under that path appear on the host and in every other container that shares it. A process that can mount (one with CAP_SYS_ADMIN, or a privileged container) can then place file systems in the host\'s view. `slave`/`rslave` propagation, which only brings host mounts into the container (as monitoring agents such as node-exporter use it), and the default `rprivate` are not reported.',
    severity: 'medium',
    kinds: ['docker-compose'],
    messages: {
      shared: 'Service {{service}} bind-mounts {{target}} with `{{propagation}}` propagation, so mounts made in the container reach the host (expected the default rprivate, or rslave to receive host mounts only); remove it.',
    },
    remediation: 'Drop the propagation option (the default is rprivate); use `rslave` if the container only needs to see mounts the host makes later.',
    references: ['https://docs.docker.com/reference/compose-file/services/#volumes', 'https://docs.docker.com/engine/storage/bind-mounts/#configure-bind-propagation'],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['7', '8'], caf: ['B4'], cwe: ['CWE-668'] },
    equivalents: { kics: ['baa452f0-1f21-4a25-ace5-844e7a5f410d'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    const report = onceReporter(ctx);
    for (const s of servicesOf(ctx)) {
      const vols = get(s.node, 'volumes');
      if (!isSeq(vols)) continue;
      for (const item of vols.items) {
        if (isScalar(item) && typeof item.value === 'string') {
          const parts = interpolate(item.value).value.match(/(?:[A-Za-z]:[\\/])?[^:]+/g) ?? [];
          const p = (parts[2] ?? '').split(',').map((x) => x.trim()).find((x) => x === 'shared' || x === 'rshared');
          if (parts.length >= 3 && p) report(item, { messageId: 'shared', data: { service: s.name, target: parts[1], propagation: p } });
        } else if (isMap(item)) {
          const prop = get(get(item, 'bind'), 'propagation');
          const p = str(prop)?.trim();
          if (prop && (p === 'shared' || p === 'rshared')) report(prop, { messageId: 'shared', data: { service: s.name, target: str(get(item, 'target')) ?? '?', propagation: p } });
        }
      }
    }
  },
};
export default rule;
