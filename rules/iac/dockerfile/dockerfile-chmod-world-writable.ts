import type { Rule } from '../../../src/model/rule.js';
import type { Instruction } from 'dockerfile-ast';
import { copySources, headRange, instructionsWithTriggers, rangeOf, runPipelines } from './lib.js';

/** Octal modes whose "others" digit has the write bit (…2, …3, …6, …7). */
function octalWorldWritable(mode: string): boolean {
  if (!/^[0-7]{3,4}$/.test(mode)) return false;
  // The sticky bit (1777, as for /tmp) stops users deleting each other's files: a deliberate shared directory.
  if (mode.length === 4 && (Number(mode[0]) & 1) === 1) return false;
  return /[2367]$/.test(mode);
}

/** Symbolic modes granting write to others or all: `o+w`, `a+rwx`, `ugo=rwx`, `+w` is umask-limited so not counted. */
function symbolicWorldWritable(mode: string): boolean {
  return mode.split(',').some((clause) => {
    const m = /^([ugoa]+)([+=])([rwxXst]*)$/.exec(clause);
    return !!m && /[oa]/.test(m[1]) && m[3].includes('w') && !m[3].includes('t');
  });
}

export function worldWritableMode(mode: string): boolean {
  return octalWorldWritable(mode) || symbolicWorldWritable(mode);
}

/** chmod 777 and friends: any process (or user) in the container can rewrite those files. */
const rule: Rule = {
  meta: {
    id: 'iac/dockerfile-chmod-world-writable',
    title: 'Files made world-writable (chmod 777)',
    description:
      '`chmod 777` (or any mode granting write to "others", other than a sticky shared directory such as 1777 /tmp) lets every user and process in the container modify those files: a compromised low-privilege process can rewrite application code, scripts run by root or configuration, turning a small foothold into full control. The same applies to `COPY --chmod=777`.',
    severity: 'medium',
    kinds: ['dockerfile'],
    messages: {
      chmod: '`chmod {{mode}}` makes {{target}} world-writable (expected no write bit for others, e.g. 755 for directories or 644 for files, with `chown` to the user that needs write access); tighten the mode.',
      copyChmod: '`{{keyword}} --chmod={{mode}}` makes the copied files world-writable (expected e.g. `--chmod=755` or `--chmod=644` with `--chown=<user>`); tighten the mode.',
    },
    remediation: 'Give ownership to the user that needs to write (`chown app:app /data` or `COPY --chown=app:app`) and use 755/644 (or 750/640); never grant write to others.',
    references: [
      'https://docs.docker.com/reference/dockerfile/#copy---chown---chmod',
      'https://cwe.mitre.org/data/definitions/732.html',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['8'], caf: ['B4'], cwe: ['CWE-732'] },
    equivalents: {},
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    if (ctx.document.format !== 'dockerfile') return;
    const df = ctx.document.dockerfile;
    for (const inst of instructionsWithTriggers(df) as Instruction[]) {
      const k = inst.getKeyword();
      if (k === 'COPY' || k === 'ADD') {
        const mode = copySources(inst).flags.get('chmod');
        if (mode && worldWritableMode(mode)) ctx.report({ messageId: 'copyChmod', range: rangeOf(inst), data: { keyword: k, mode } });
        continue;
      }
      if (k !== 'RUN') continue;
      const parsed = runPipelines(inst, df.getEscapeCharacter());
      if (!parsed) continue;
      for (const inv of parsed.pipelines.flat()) {
        if (inv.program !== 'chmod') continue;
        const operands = inv.args.filter((a) => !/^-[A-Za-z]+$/.test(a) && !a.startsWith('--'));
        const mode = operands[0];
        if (mode && worldWritableMode(mode)) {
          const targets = operands.slice(1);
          ctx.report({ messageId: 'chmod', range: headRange(inst), data: { mode, target: targets.length ? targets.join(' ') : 'the files' } });
          break;
        }
      }
    }
  },
};
export default rule;
