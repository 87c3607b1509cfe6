/** Shared plumbing for code-pack rules: metadata defaults and a reporter bound to the program's analysis. */
import type { Rule, RuleContext, RuleMeta } from '../../../src/model/rule.js';
import type { Severity } from '../../../src/model/severity.js';
import { analyse, type Analysis, type N } from './analysis.js';

export interface CodeMeta extends Omit<RuleMeta, 'kinds' | 'standards' | 'since' | 'security'> {
  cwe: string[];
  /** Secure by Design principles beyond the default '8'. */
  sbd?: string[];
}

export interface CodeReporter {
  a: Analysis;
  ctx: RuleContext;
  /** Report at a node's range. */
  at(node: N, messageId: string, data?: Record<string, string | number | boolean>, severity?: Severity, secrets?: string[]): void;
}

/** A code rule: listeners for the shared walk, with the analysis (scopes, bindings, modules) built on first use. */
export function codeRule(meta: CodeMeta, listeners: (r: CodeReporter) => Record<string, (node: N) => void>): Rule {
  const { cwe, sbd, ...rest } = meta;
  return {
    meta: {
      ...rest,
      kinds: ['javascript'],
      standards: { dsss: ['8'], govuk: ['9'], sbd: sbd ?? ['8'], caf: ['B4'], cwe },
      security: true,
      since: '0.1.0',
    },
    visitors(ctx) {
      if (ctx.document.format !== 'estree') return {};
      const program = ctx.document.program;
      let analysis: Analysis | undefined;
      const reporter: CodeReporter = {
        get a() {
          return (analysis ??= analyse(program));
        },
        ctx,
        at(node, messageId, data, severity, secrets) {
          ctx.report({ messageId, offsets: [node.range[0], node.range[1]], ...(data ? { data } : {}), ...(severity ? { severity } : {}), ...(secrets?.length ? { secrets } : {}) });
        },
      };
      return listeners(reporter);
    },
  };
}

/** A node's source text on one line, cut to `max` characters, for messages (`({{source}})`). */
export function snippet(ctx: RuleContext, node: N, max = 50): string {
  return ctx.file.text.slice(node.range[0], node.range[1]).replace(/\s+/g, ' ').slice(0, max);
}

/** True for test/spec/mock files, where hardcoded values are expected. */
export function isTestPath(path: string): boolean {
  return /(^|\/)(tests?|__tests__|__mocks__|spec|specs|e2e|cypress|fixtures?|mocks?)\//i.test(path) || /\.(test|spec|stories|cy)\.[cm]?[jt]sx?$/i.test(path);
}
