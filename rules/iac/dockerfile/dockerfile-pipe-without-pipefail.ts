import type { Instruction } from 'dockerfile-ast';
import type { Rule } from '../../../src/model/rule.js';
import { basename, finalStageChain, globalArgs, headRange, joinContinuations, runPipelines, type Stage, stagesOf } from './lib.js';

interface ShellState {
  /** The SHELL in force turns pipefail on (`["/bin/bash", "-o", "pipefail", "-c"]`). */
  pipefail: boolean;
  /** PowerShell or cmd: no POSIX pipelines to protect. */
  nonPosix: boolean;
}

/** Commands whose output cannot fail to be produced. */
const PRODUCERS = new Set(['echo', 'printf', 'yes']);

const DEFAULT: ShellState = { pipefail: false, nonPosix: false };

function jsonWords(raw: string, escape: string): string[] | null {
  try {
    const v = JSON.parse(joinContinuations(raw.trim(), escape)) as unknown;
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null;
  } catch {
    return null;
  }
}

function shellOf(inst: Instruction, escape: string): ShellState | null {
  const words = jsonWords(inst.getRawArgumentsContent() ?? '', escape);
  if (!words || words.length === 0) return null;
  const exe = basename(words[0]).toLowerCase().replace(/\.exe$/, '');
  return { pipefail: words.includes('pipefail'), nonPosix: exe === 'pwsh' || exe === 'powershell' || exe === 'cmd' };
}

/** `RUN curl … | tar x`: the RUN succeeds when curl fails, because a pipeline's status is the last command's. */
const rule: Rule = {
  meta: {
    id: 'iac/dockerfile-pipe-without-pipefail',
    title: 'RUN with a pipe but without pipefail',
    description:
      'A shell pipeline\'s exit status is that of its last command, so `RUN wget -O- URL | tar xz` or `RUN curl URL | gpg --import` succeeds when the download fails: the build goes on with a missing or partial file (a missing signing key, an empty binary) instead of stopping. `set -o pipefail` (or a SHELL with `-o pipefail`) makes any failing stage fail the RUN. PowerShell and cmd shells, exec-form RUNs and pipes fed only by `echo`, `printf` or `yes` are not reported.',
    severity: 'low',
    kinds: ['dockerfile'],
    messages: {
      pipe: 'RUN pipes `{{pipeline}}` without pipefail, so a failure of `{{first}}` is ignored (expected `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before it, or `set -o pipefail &&` at the start of the RUN); turn pipefail on.',
    },
    remediation: 'Add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` (or `["/bin/ash", "-eo", "pipefail", "-c"]` on Alpine) before the RUN, or start the RUN with `set -o pipefail &&` where the shell supports it.',
    references: [
      'https://github.com/hadolint/hadolint/wiki/DL4006',
      'https://docs.docker.com/build/building/best-practices/#using-pipes',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['10'], caf: ['B4'] },
    equivalents: { hadolint: ['DL4006'], kics: ['efbf148a-67e9-42d2-ac47-02fa1c0d0b22'], trivy: ['AVD-DS-0032'] },
    since: '0.1.0',
  },
  check(ctx) {
    if (ctx.document.format !== 'dockerfile') return;
    const df = ctx.document.dockerfile;
    const escape = df.getEscapeCharacter();
    const stages = stagesOf(df);
    const args = globalArgs(df);
    // The SHELL a stage ends with is inherited by stages built FROM it.
    const endState = new Map<number, ShellState>();
    const parentOf = (s: Stage): Stage | undefined => {
      const chain = finalStageChain(stages.slice(0, s.index + 1), args);
      return chain[1];
    };
    for (const stage of stages) {
      const parent = parentOf(stage);
      let state = (parent && endState.get(parent.index)) ?? DEFAULT;
      for (const inst of stage.instructions) {
        const k = inst.getKeyword();
        if (k === 'SHELL') {
          state = shellOf(inst, escape) ?? state;
          continue;
        }
        if (k !== 'RUN' || state.nonPosix || state.pipefail) continue;
        const parsed = runPipelines(inst, escape);
        if (!parsed) continue;
        if (parsed.script.exec) continue;
        const json = jsonWords(inst.getRawArgumentsContent() ?? '', escape);
        if (json && json.includes('pipefail')) continue;
        let on = false;
        for (const pipeline of parsed.pipelines) {
          if (pipeline.some((inv) => inv.program === 'set' && inv.args.includes('pipefail') && !inv.args.some((a) => a.startsWith('+')))) on = true;
          if (on || pipeline.length < 2) continue;
          // `echo … | sha256sum -c`, `yes | cmd`: the producer cannot fail in a way that matters (and `yes` under
          // pipefail would fail the RUN with SIGPIPE), so pipefail would add nothing.
          if (pipeline.slice(0, -1).every((inv) => PRODUCERS.has(inv.program))) continue;
          const shown = pipeline.map((inv) => [inv.program, ...inv.args.slice(0, 2)].join(' ')).join(' | ');
          ctx.report({ messageId: 'pipe', range: headRange(inst), data: { pipeline: shown.length > 80 ? `${shown.slice(0, 77)}...` : shown, first: pipeline[0].program } });
          break;
        }
      }
      endState.set(stage.index, state);
    }
  },
};
export default rule;
