import type { Rule } from '../../../src/model/rule.js';
import { parseSecurityTxt, RFC9116, SECTXT, SECURITY_TXT_STANDARDS } from './parse.js';

/** Fields whose values are URIs, and which schemes each allows. */
const URI_FIELDS: Record<string, string[]> = {
  contact: ['mailto', 'https', 'tel'],
  encryption: ['https', 'openpgp4fpr', 'dns'],
  acknowledgments: ['https'],
  canonical: ['https'],
  policy: ['https'],
  hiring: ['https'],
  csaf: ['https'],
};

const short = (t: string) => (t.length > 60 ? `${t.slice(0, 57)}...` : t);

/**
 * RFC 9116 §4 line syntax (`Name: value`), non-empty values, and URIs with the right scheme (web
 * URIs https). Message ids are the error codes of the sectxt validator.
 */
const rule: Rule = {
  meta: {
    id: 'data-standards/securitytxt-fields',
    title: 'security.txt line is malformed or a URI is not HTTPS',
    description:
      'RFC 9116 defines security.txt as `Field: value` lines (a colon, then a space), comments and blank lines, each ending in a line break. Web URIs in it (Contact, Encryption, Policy, Canonical, Acknowledgments, Hiring, CSAF) MUST use `https://`, so that a network attacker cannot swap the reporting route or key, and a CSAF field links to the provider\'s `provider-metadata.json`. Malformed lines, lines ended by a carriage return alone, empty values, bare e-mail addresses and plain-http URIs make validators and researchers\' tools reject or misread the file.',
    severity: 'medium',
    kinds: ['security-txt'],
    messages: {
      invalid_line: 'Line `{{text}}` is not a `Field: value` line, a `#` comment or a blank line; fix it or comment it out.',
      empty_key: 'Line `{{text}}` has no field name before the colon; write `Name: value`.',
      prec_ws: '`{{name}}` has whitespace before the colon; write `{{name}}: value` (some parsers do not recognise the field otherwise).',
      no_space: '`{{name}}:` is not followed by a space; RFC 9116 separates the name and value with `: ` (colon and space).',
      empty_value: '`{{name}}` has no value; remove the line or fill it in.',
      no_https: '`{{name}}: {{value}}` uses http://; RFC 9116 requires web URIs to begin with https://.',
      no_uri: '`{{name}}: {{value}}` is not a URI; write it with its scheme, e.g. `{{example}}`.',
      unexpected_scheme: '`{{name}}: {{value}}` uses the `{{scheme}}:` scheme; {{name}} takes {{schemes}} URIs, e.g. `{{example}}`.',
      no_line_separators: 'The last line does not end with a line break; RFC 9116 ends every line with CRLF or LF.',
      bare_cr: 'This line ends with a carriage return alone (CR){{more}}; RFC 9116 ends every line with CRLF or LF, so parsers read it and the next line as one.',
      no_csaf_file: '`{{name}}: {{value}}` does not point to a `provider-metadata.json` file; the CSAF field links to the provider metadata (CSAF 2.0 requirement 8), e.g. `https://example.gov.uk/.well-known/csaf/provider-metadata.json`.',
    },
    remediation: 'Write each field as `Name: value` on its own line ending in a line break; use `mailto:`, `tel:` or `https://` URIs (never bare e-mail addresses or http://).',
    references: [`${RFC9116}#section-2.5`, `${RFC9116}#section-4`, 'https://securitytxt.org/', 'https://docs.oasis-open.org/csaf/csaf/v2.0/csaf-v2.0.html#718-requirement-8-securitytxt', SECTXT],
    standards: { ...SECURITY_TXT_STANDARDS, cwe: ['CWE-319'] },
    equivalents: {},
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    const doc = parseSecurityTxt(ctx.file.text);
    for (const b of doc.bad) ctx.report({ messageId: b.code, offsets: [b.start, b.end], data: { text: short(b.text) } });
    for (const f of doc.fields) {
      const where: [number, number] = [f.start, f.end];
      if (f.precWs) ctx.report({ messageId: 'prec_ws', offsets: where, data: { name: f.name }, severity: 'low' });
      if (f.noSpace) ctx.report({ messageId: 'no_space', offsets: where, data: { name: f.name }, severity: 'low' });
      if (!f.value) {
        ctx.report({ messageId: 'empty_value', offsets: where, data: { name: f.name } });
        continue;
      }
      const schemes = URI_FIELDS[f.key];
      if (!schemes) continue;
      const example = f.key === 'contact' ? (/^[^\s@:]+@[^\s@]+$/.test(f.value) ? `mailto:${f.value}` : 'mailto:security@example.gov.uk') : `https://example.gov.uk/${f.key}`;
      if (/^http:/i.test(f.value)) {
        ctx.report({ messageId: 'no_https', offsets: where, data: { name: f.name, value: f.value } });
        continue;
      }
      const m = /^([a-z][a-z0-9+.-]*):(\S+)$/i.exec(f.value);
      // characters RFC 3986 never allows in a URI (browsers read a backslash in a web URI as `/`)
      if (!m || /^[^\s@:]+@/.test(f.value) || /[\\<>"{}|^`]/.test(f.value)) {
        ctx.report({ messageId: 'no_uri', offsets: where, data: { name: f.name, value: f.value, example } });
        continue;
      }
      const scheme = m[1].toLowerCase();
      // an https URI needs a host (RFC 9110 §4.2.2), not only a port or user information
      if (!schemes.includes(scheme) || (scheme === 'https' && !/^https:\/\/([^/?#@]*@)?(\[[^\]/]+\]|[^:/?#@]+)(:\d*)?([/?#]|$)/i.test(f.value))) {
        ctx.report({ messageId: schemes.includes(scheme) ? 'no_uri' : 'unexpected_scheme', offsets: where, data: { name: f.name, value: f.value, scheme, schemes: schemes.map((s) => `\`${s}:\``).join(', '), example } });
        continue;
      }
      // the CSAF provider metadata URL ends in /provider-metadata.json (the CSAF provider schema's provider_url_t)
      if (f.key === 'csaf' && !/\/provider-metadata\.json$/.test(f.value.replace(/[?#].*$/, ''))) ctx.report({ messageId: 'no_csaf_file', offsets: where, data: { name: f.name, value: f.value } });
    }
    const cr = doc.bareCr[0];
    if (cr) ctx.report({ messageId: 'bare_cr', offsets: [cr.start, cr.end], data: { more: doc.bareCr.length > 1 ? ` (as do ${doc.bareCr.length - 1} more lines)` : '' }, severity: 'low' });
    if (doc.unterminated) ctx.report({ messageId: 'no_line_separators', offsets: [doc.unterminated.start, doc.unterminated.end], severity: 'low' });
  },
};
export default rule;
