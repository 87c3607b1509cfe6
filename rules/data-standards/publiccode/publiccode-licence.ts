import type { Rule } from '../../../src/model/rule.js';
import { get, isScalar } from '../../../src/parsers/data/tree.js';
import { PUBLICCODE_SPEC, PUBLICCODE_STANDARDS, publiccodeDocs } from './common.js';
import { checkSpdx } from './spdx.js';

/** legal.license is an SPDX licence expression. */
const rule: Rule = {
  meta: {
    id: 'data-standards/publiccode-licence',
    title: 'publiccode.yml licence is not a valid SPDX expression',
    description:
      'publiccode.yml requires `legal.license` to be an SPDX licence expression (e.g. `MIT`, `EUPL-1.2`, `GPL-3.0-or-later OR MIT`), so that catalogues and reusers can tell mechanically whether they may reuse the code. A free-text or misspelt licence makes the software look unlicensed, which blocks reuse.',
    severity: 'medium',
    kinds: ['publiccode'],
    messages: {
      syntax: '`legal.license` `{{value}}` is not a valid SPDX expression: {{detail}}; write e.g. `MIT` or `GPL-3.0-or-later OR MIT`.',
      unknown: '`legal.license` uses `{{id}}`, which is not an SPDX licence id; use the id from https://spdx.org/licenses/ (e.g. `MIT`, `Apache-2.0`, `OGL-UK-3.0`), or `LicenseRef-…` for a custom licence.',
      exception: '`legal.license` uses `WITH {{id}}`, which is not an SPDX exception id; use one from https://spdx.org/licenses/exceptions-index.html.',
      type: '`legal.license` must be a string holding an SPDX expression.',
    },
    remediation: 'Set `legal.license` to the SPDX id of the licence in LICENSE (combine several with AND/OR).',
    references: [PUBLICCODE_SPEC, 'https://spdx.github.io/spdx-spec/v2.3/SPDX-license-expressions/', 'https://spdx.org/licenses/'],
    standards: PUBLICCODE_STANDARDS,
    equivalents: {},
    since: '0.1.0',
  },
  check(ctx) {
    for (const doc of publiccodeDocs(ctx.document)) {
      const lic = get(get(doc.root, 'legal'), 'license');
      if (!lic) continue;
      if (!isScalar(lic) || typeof lic.value !== 'string') {
        ctx.report({ messageId: 'type', offsets: [lic.start, lic.end] });
        continue;
      }
      for (const p of checkSpdx(lic.value)) {
        if (p.kind === 'syntax') ctx.report({ messageId: 'syntax', offsets: [lic.start, lic.end], data: { value: lic.value, detail: p.detail } });
        else ctx.report({ messageId: p.kind, offsets: [lic.start, lic.end], data: { id: p.id }, severity: 'low' });
      }
    }
  },
};
export default rule;
