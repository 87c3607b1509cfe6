import type { Rule } from '../../../src/model/rule.js';
import { get, isMap, isScalar, isSeq, items, type DataNode } from '../../../src/parsers/data/tree.js';
import { PUBLICCODE_SPEC, PUBLICCODE_STANDARDS, publiccodeDocs } from './common.js';

function validUrl(s: string, schemes: string[]): boolean {
  if (/\s/.test(s)) return false;
  try {
    const u = new URL(s);
    return schemes.includes(u.protocol.replace(/:$/, '')) && (u.hostname !== '' || u.protocol === 'file:');
  } catch {
    return false;
  }
}

/** URLs in publiccode.yml are absolute URLs. */
const rule: Rule = {
  meta: {
    id: 'data-standards/publiccode-url',
    title: 'publiccode.yml URL is not a valid URL',
    description:
      'publiccode.yml uses URLs to identify the repository (`url`), link the landing page, roadmap, documentation and videos, and the software it is based on (`isBasedOn`). A relative, malformed or non-web URL makes the publiccode.yml parser reject the whole file, so the software is not listed; `url` is also its unique identifier.',
    severity: 'medium',
    kinds: ['publiccode'],
    messages: { url: '`{{key}}` is `{{value}}`, which is not a valid absolute {{schemes}} URL; write the full URL (e.g. `https://github.com/org/repo`).' },
    remediation: 'Write absolute URLs with the scheme (`https://…`); `url` is the repository URL.',
    references: [PUBLICCODE_SPEC, 'https://url.spec.whatwg.org/'],
    standards: PUBLICCODE_STANDARDS,
    equivalents: {},
    since: '0.1.0',
  },
  check(ctx) {
    for (const doc of publiccodeDocs(ctx.document)) {
      const check = (key: string, n: DataNode | undefined, schemes = ['https', 'http']) => {
        if (!n || !isScalar(n) || typeof n.value !== 'string') return;
        if (!validUrl(n.value.trim(), schemes)) ctx.report({ messageId: 'url', offsets: [n.start, n.end], data: { key, value: n.value, schemes: schemes.join('/') } });
      };
      check('url', get(doc.root, 'url'), ['https', 'http', 'git', 'ssh', 'svn']);
      check('landingURL', get(doc.root, 'landingURL'));
      // isBasedOn: the URL, or list of URLs, of the software this one is a fork or variant of
      const isBasedOn = get(doc.root, 'isBasedOn');
      if (isSeq(isBasedOn)) isBasedOn.items.forEach((u, i) => check(`isBasedOn[${i}]`, u, ['https', 'http', 'git', 'ssh', 'svn']));
      else check('isBasedOn', isBasedOn, ['https', 'http', 'git', 'ssh', 'svn']);
      check('roadmap', get(doc.root, 'roadmap'));
      const description = get(doc.root, 'description');
      if (isMap(description)) {
        for (const e of description.entries) {
          const lang = String(e.key.value);
          check(`description.${lang}.documentation`, get(e.value, 'documentation'));
          check(`description.${lang}.apiDocumentation`, get(e.value, 'apiDocumentation'));
          items(get(e.value, 'videos')).forEach((v, i) => check(`description.${lang}.videos[${i}]`, v));
        }
      }
      items(get(get(doc.root, 'maintenance'), 'contractors')).forEach((c, i) => check(`maintenance.contractors[${i}].website`, get(c, 'website')));
    }
  },
};
export default rule;
