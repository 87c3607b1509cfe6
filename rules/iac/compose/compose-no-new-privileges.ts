import type { Rule } from '../../../src/model/rule.js';
import { get, isMap, isScalar, isSeq, type DataNode } from '../../../src/parsers/data/tree.js';
import { interpolate, isCompleteService, onceReporter, servicesOf } from './lib.js';

/**
 * What a `security_opt` item says about no-new-privileges: true/false, 'unknown' (an unset variable
 * or a value Docker would not read), or undefined when the item is about something else.
 * Docker accepts `no-new-privileges`, `no-new-privileges:true` and `no-new-privileges=true`.
 */
function noNewPrivileges(item: DataNode): boolean | 'unknown' | undefined {
  let text: string | undefined;
  if (isScalar(item) && typeof item.value === 'string') text = item.value;
  // `- no-new-privileges: true` (unquoted) is a one-entry map to YAML
  else if (isMap(item) && item.entries.length === 1 && String(item.entries[0].key.value).trim().toLowerCase() === 'no-new-privileges') {
    const v = item.entries[0].value;
    text = `no-new-privileges:${isScalar(v) ? String(v.value) : ''}`;
  }
  if (text === undefined) return undefined;
  const r = interpolate(text);
  const m = /^\s*no-new-privileges\s*(?:[:=]\s*(.*?))?\s*$/i.exec(r.value);
  if (!m) return r.unresolved && /^\s*\u0000/.test(r.value) ? 'unknown' : undefined;
  if (m[1] === undefined) return true;
  if (r.unresolved) return 'unknown';
  const v = m[1].toLowerCase();
  if (['true', '1', 't'].includes(v)) return true;
  if (['false', '0', 'f'].includes(v)) return false;
  return 'unknown';
}

/** Without no-new-privileges a process can gain privileges through setuid binaries. */
const rule: Rule = {
  meta: {
    id: 'iac/compose-no-new-privileges',
    title: 'Compose service does not set no-new-privileges',
    description:
      'Docker lets a container\'s processes gain privileges through setuid and setgid binaries or file capabilities unless `security_opt: [no-new-privileges:true]` is set (or the daemon enforces it with `--no-new-privileges`). With it, a compromised non-root process cannot use a setuid binary in the image (su, sudo, ping on some images) to become root inside the container, a usual step towards escaping it. Setting it explicitly to false is reported at medium severity; leaving it out is low, as the daemon may set it for every container. Partial service definitions (no `image` or `build`, or using `extends`), as in override files, are only checked for an explicit false.',
    severity: 'low',
    kinds: ['docker-compose'],
    messages: {
      missing: 'Service {{service}} does not set `no-new-privileges:true` in `security_opt` (expected it, so processes cannot gain privileges through setuid binaries); add `security_opt: ["no-new-privileges:true"]`.',
      disabled: 'Service {{service}} sets `{{value}}`, letting processes gain privileges through setuid and setgid binaries (expected `no-new-privileges:true`); set it to true.',
    },
    remediation: 'Add `security_opt: ["no-new-privileges:true"]` to every service (or run the Docker daemon with `--no-new-privileges` / `"no-new-privileges": true` in daemon.json).',
    references: [
      'https://docs.docker.com/reference/compose-file/services/#security_opt',
      'https://docs.docker.com/reference/cli/docker/container/run/#security-opt',
      'https://www.kernel.org/doc/html/latest/userspace-api/no_new_privs.html',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['7', '8'], caf: ['B4'], cwe: ['CWE-250'] },
    equivalents: { kics: ['27fcc7d6-c49b-46e0-98f1-6c082a6a2750'], semgrep: ['yaml.docker-compose.security.no-new-privileges.no-new-privileges'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    const report = onceReporter(ctx);
    for (const s of servicesOf(ctx)) {
      const opts = get(s.node, 'security_opt');
      const items = isSeq(opts) ? opts.items : opts !== undefined ? [opts] : [];
      let found = false;
      for (const item of items) {
        const v = noNewPrivileges(item);
        if (v === undefined) continue;
        found = true;
        if (v === false) report(item, { messageId: 'disabled', severity: 'medium', data: { service: s.name, value: ctx.file.text.slice(item.start, item.end).replace(/^["']|["']$/g, '') } });
      }
      // an opaque `security_opt: ${OPTS}` may hold it
      if (!found && isCompleteService(s) && !(isScalar(opts) && interpolate(String(opts.value ?? '')).unresolved)) report(s.key, { messageId: 'missing', data: { service: s.name } });
    }
  },
};
export default rule;
