import type { Rule } from '../../../src/model/rule.js';
import { findOption, headRange, runInstructions } from './lib.js';

/** `useradd -u 1000000 app` without `-l`: lastlog/faillog are sparse files sized by the highest UID. */
const rule: Rule = {
  meta: {
    id: 'iac/dockerfile-useradd-high-uid',
    title: 'useradd with a high UID without --no-log-init',
    description:
      'useradd records the new user in /var/log/lastlog and /var/log/faillog, files indexed by UID. With a large UID (six digits or more) they become sparse files gigabytes long, and Docker\'s layer format does not keep them sparse: the build slows down or runs out of disk and the image grows by gigabytes. `useradd -l` (`--no-log-init`) skips those entries.',
    severity: 'low',
    kinds: ['dockerfile'],
    messages: {
      uid: '`useradd` creates UID {{uid}} without `-l`, which writes huge sparse lastlog/faillog files into the layer (expected `useradd -l -u {{uid}} …`); add `-l` (`--no-log-init`).',
    },
    remediation: 'Add `-l`: `useradd -l -u 100001 -g app app`, or choose a UID of five digits or fewer.',
    references: [
      'https://github.com/hadolint/hadolint/wiki/DL3046',
      'https://docs.docker.com/build/building/best-practices/#user',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['10'], caf: ['B4'] },
    equivalents: { hadolint: ['DL3046'] },
    since: '0.1.0',
  },
  check(ctx) {
    if (ctx.document.format !== 'dockerfile') return;
    const df = ctx.document.dockerfile;
    for (const { inst, parsed } of runInstructions(df)) {
      for (const inv of parsed.pipelines.flat()) {
        if (inv.program !== 'useradd') continue;
        const valueOpts = 'bcdefgGkKpRsuPZ';
        if (findOption(inv.args, { short: 'l', long: ['--no-log-init'], shortWithValue: valueOpts }).found) continue;
        const uid = findOption(inv.args, { short: 'u', long: ['--uid'], takesValue: true, shortWithValue: valueOpts }).value;
        if (!uid || !/^\d{6,}$/.test(uid)) continue;
        ctx.report({ messageId: 'uid', range: headRange(inst), data: { uid } });
        break;
      }
    }
  },
};
export default rule;
