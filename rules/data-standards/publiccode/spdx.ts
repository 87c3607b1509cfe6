/**
 * SPDX licence expressions (SPDX specification annex D): `id[+] [WITH exception]` terms joined by
 * AND / OR, with parentheses. Ids are checked against a list of the licences public-sector code uses.
 */
export const SPDX_LICENSES = new Set(
  [
    '0BSD', 'AFL-3.0', 'AGPL-3.0', 'AGPL-3.0-only', 'AGPL-3.0-or-later', 'Apache-1.1', 'Apache-2.0', 'APSL-2.0', 'Artistic-2.0',
    'BSD-1-Clause', 'BSD-2-Clause', 'BSD-2-Clause-Patent', 'BSD-3-Clause', 'BSD-3-Clause-Clear', 'BSD-4-Clause', 'BSL-1.0', 'CAL-1.0',
    'CC-BY-3.0', 'CC-BY-4.0', 'CC-BY-SA-3.0', 'CC-BY-SA-4.0', 'CC-BY-NC-4.0', 'CC-BY-ND-4.0', 'CC-BY-NC-SA-4.0', 'CC0-1.0', 'CDDL-1.0', 'CDDL-1.1',
    'CECILL-2.1', 'CECILL-B', 'CECILL-C', 'CPAL-1.0', 'EPL-1.0', 'EPL-2.0', 'EUPL-1.0', 'EUPL-1.1', 'EUPL-1.2', 'GFDL-1.3', 'GFDL-1.3-only',
    'GFDL-1.3-or-later', 'GPL-1.0', 'GPL-1.0-only', 'GPL-1.0-or-later', 'GPL-2.0', 'GPL-2.0-only', 'GPL-2.0-or-later', 'GPL-2.0+',
    'GPL-3.0', 'GPL-3.0-only', 'GPL-3.0-or-later', 'GPL-3.0+', 'ISC', 'LGPL-2.0', 'LGPL-2.0-only', 'LGPL-2.0-or-later', 'LGPL-2.1',
    'LGPL-2.1-only', 'LGPL-2.1-or-later', 'LGPL-2.1+', 'LGPL-3.0', 'LGPL-3.0-only', 'LGPL-3.0-or-later', 'LGPL-3.0+', 'LPPL-1.3c',
    'MIT', 'MIT-0', 'MPL-1.1', 'MPL-2.0', 'MPL-2.0-no-copyleft-exception', 'MS-PL', 'MS-RL', 'MulanPSL-2.0', 'NCSA', 'ODbL-1.0',
    'ODC-By-1.0', 'OFL-1.1', 'OGL-UK-1.0', 'OGL-UK-2.0', 'OGL-UK-3.0', 'OSL-3.0', 'PDDL-1.0', 'PostgreSQL', 'Python-2.0', 'Ruby',
    'Unlicense', 'UPL-1.0', 'Vim', 'W3C', 'WTFPL', 'X11', 'Zlib', 'ZPL-2.1', 'EUPL-1.2+', 'Apache-2.0+', 'BlueOak-1.0.0', 'Unicode-3.0',
    'Unicode-DFS-2016', 'HPND', 'curl', 'OpenSSL', 'PHP-3.01', 'Zend-2.0', 'QPL-1.0', 'Sleepycat', 'Watcom-1.0', 'eCos-2.0', 'Beerware',
  ].map((s) => s.toLowerCase()),
);

export const SPDX_EXCEPTIONS = new Set(
  ['Classpath-exception-2.0', 'LLVM-exception', 'GCC-exception-3.1', 'GCC-exception-2.0', 'Autoconf-exception-3.0', 'Bison-exception-2.2', 'Font-exception-2.0', 'OpenJDK-assembly-exception-1.0', 'Linux-syscall-note', 'Qt-LGPL-exception-1.1', 'WxWindows-exception-3.1', 'eCos-exception-2.0', 'openvpn-openssl-exception', 'Universal-FOSS-exception-1.0'].map((s) => s.toLowerCase()),
);

export type SpdxProblem = { kind: 'syntax'; detail: string } | { kind: 'unknown'; id: string } | { kind: 'exception'; id: string };

/** Problems with an SPDX expression: a syntax error stops; otherwise each unknown id. */
export function checkSpdx(expression: string): SpdxProblem[] {
  const tokens = expression.match(/\(|\)|[^\s()]+/g) ?? [];
  if (!tokens.length) return [{ kind: 'syntax', detail: 'it is empty' }];
  const problems: SpdxProblem[] = [];
  let i = 0;
  const isOp = (t: string | undefined) => t !== undefined && /^(AND|OR|WITH)$/.test(t);
  const term = (): string | undefined => {
    const t = tokens[i];
    if (t === undefined) return 'it ends where a licence id was expected';
    if (t === '(') {
      i++;
      const e = expr();
      if (e) return e;
      if (tokens[i] !== ')') return 'a parenthesis is not closed';
      i++;
      return undefined;
    }
    if (t === ')' || isOp(t)) return `\`${t}\` appears where a licence id was expected`;
    if (/^(and|or|with)$/.test(t)) return `the operator \`${t}\` must be written in upper case`;
    i++;
    const id = t.replace(/\+$/, '');
    if (!/^(DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+$/.test(id)) {
      if (!/^[A-Za-z0-9.+-]+$/.test(t)) return `\`${t}\` is not a licence id`;
      if (!SPDX_LICENSES.has(id.toLowerCase()) && !SPDX_LICENSES.has(t.toLowerCase())) problems.push({ kind: 'unknown', id: t });
    }
    if (tokens[i] === 'WITH') {
      i++;
      const ex = tokens[i];
      if (ex === undefined || ex === '(' || ex === ')' || isOp(ex)) return 'WITH is not followed by an exception id';
      i++;
      if (!SPDX_EXCEPTIONS.has(ex.toLowerCase()) && !/^(DocumentRef-[A-Za-z0-9.-]+:)?AdditionRef-[A-Za-z0-9.-]+$/.test(ex)) problems.push({ kind: 'exception', id: ex });
    }
    return undefined;
  };
  const expr = (): string | undefined => {
    const e = term();
    if (e) return e;
    while (tokens[i] === 'AND' || tokens[i] === 'OR') {
      i++;
      const e2 = term();
      if (e2) return e2;
    }
    return undefined;
  };
  const err = expr();
  if (err) return [{ kind: 'syntax', detail: err }];
  if (i < tokens.length) {
    const t = tokens[i];
    return [{ kind: 'syntax', detail: /^[\w.-]+$/.test(t) && !isOp(t) ? `\`${t}\` follows a licence id without AND or OR (use one expression, e.g. \`MIT OR Apache-2.0\`)` : `unexpected \`${t}\`` }];
  }
  return problems;
}
