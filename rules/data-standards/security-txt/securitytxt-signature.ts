import type { Rule } from '../../../src/model/rule.js';
import { parseSecurityTxt, RFC9116, SECTXT, SECURITY_TXT_STANDARDS } from './parse.js';

/** RFC 9116 §2.3: a signed security.txt is an OpenPGP cleartext signed message (RFC 4880 §7), nothing around it. */
const rule: Rule = {
  meta: {
    id: 'data-standards/securitytxt-signature',
    title: 'Signed security.txt is not a well-formed cleartext signed message',
    description:
      'RFC 9116 lets security.txt be signed as an OpenPGP cleartext signed message (RFC 4880 §7), so researchers can check that the contacts were not tampered with. The file must start with `-----BEGIN PGP SIGNED MESSAGE-----`, have a blank line after the armor headers, dash-escape lines beginning with `-`, end with a complete signature block, and hold nothing after it. A broken envelope means the signature cannot be verified (or covers other text than the fields), and a signed file should name its `Canonical` location so the signature cannot be replayed on another site.',
    severity: 'medium',
    kinds: ['security-txt'],
    messages: {
      signed_format_issue: 'Signed security.txt: {{problem}}; produce the file with `gpg --clearsign` and publish its output unchanged.',
      data_after_sig: 'Text after `-----END PGP SIGNATURE-----` is not covered by the signature; move it inside the signed message or remove it.',
      no_canonical: 'The file is signed but has no `Canonical:` field; add `Canonical: https://<your domain>/.well-known/security.txt` before signing, so the signed file cannot be presented as another site\'s.',
    },
    remediation: 'Sign the finished file with `gpg --clearsign security.txt` (after adding `Canonical:`), publish the output unchanged, and re-sign after every edit.',
    references: [`${RFC9116}#section-2.3`, 'https://www.rfc-editor.org/rfc/rfc4880#section-7', SECTXT],
    standards: SECURITY_TXT_STANDARDS,
    equivalents: {},
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    const doc = parseSecurityTxt(ctx.file.text);
    for (const i of doc.envelope.issues) ctx.report({ messageId: 'signed_format_issue', offsets: [i.start, i.end], data: { problem: i.problem } });
    const after = doc.envelope.afterSignature[0];
    if (after) ctx.report({ messageId: 'data_after_sig', offsets: [after.start, after.end] });
    if (doc.signed && !doc.fields.some((f) => f.key === 'canonical')) {
      const begin = ctx.file.text.indexOf('-----BEGIN PGP SIGNED MESSAGE-----');
      ctx.report({ messageId: 'no_canonical', offsets: [begin, begin + 34], severity: 'low' });
    }
  },
};
export default rule;
