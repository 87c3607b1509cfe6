import type { Rule } from '../../../src/model/rule.js';
import { firstFieldAt, parseSecurityTxt, RFC9116, SECTXT, SECURITY_TXT_STANDARDS } from './parse.js';

/** RFC 9116 §3: the file MUST be served at /.well-known/security.txt. */
const rule: Rule = {
  meta: {
    id: 'data-standards/securitytxt-location',
    title: 'security.txt is not under .well-known/',
    description:
      'RFC 9116 requires security.txt to be published at `/.well-known/security.txt`; the top-level `/security.txt` is only a legacy fallback that clients may not check. A file that only exists outside a `.well-known/` folder is probably not served where researchers and scanners look.',
    severity: 'low',
    kinds: ['security-txt'],
    messages: { location: 'security.txt is at `{{path}}` and there is no `.well-known/security.txt` in this repository; publish it at `/.well-known/security.txt` (a top-level copy may redirect there).' },
    remediation: 'Move the file to the web root\'s `.well-known/` folder (e.g. `public/.well-known/security.txt`), or configure the server to serve it at `/.well-known/security.txt`.',
    references: [`${RFC9116}#section-3`, SECTXT],
    standards: SECURITY_TXT_STANDARDS,
    equivalents: {},
    since: '0.1.0',
  },
  check(ctx) {
    const path = ctx.file.path;
    if (/(^|\/)\.well-known\/security\.txt$/i.test(path)) return;
    if (ctx.project.files.some((f) => /(^|\/)\.well-known\/security\.txt$/i.test(f.path))) return;
    ctx.report({ messageId: 'location', offsets: firstFieldAt(parseSecurityTxt(ctx.file.text)), data: { path } });
  },
};
export default rule;
