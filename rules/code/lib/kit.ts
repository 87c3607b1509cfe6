/** Shared plumbing for code-pack rules: metadata defaults and a reporter bound to the program's analysis. */
import type { Rule, RuleContext, RuleMeta } from '../../../src/model/rule.js';
import type { Severity } from '../../../src/model/severity.js';
import { analyse, type Analysis, type N } from './analysis.js';
import { thirdPartyOf } from './third-party.js';

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

const THIRD_PARTY_NOTE =
  "Minified files (`*.min.js`, or lines averaging over 110 characters), bundler output (webpack, Parcel) and copies of well-known libraries recognised by their licence banner (jQuery, Underscore, Lodash, Bootstrap, AngularJS, …) are not checked, since a finding there is about the library's internals rather than the service's code; each is listed in an info notice, and the rule option `thirdParty: true` checks them too.";

/** A code rule: listeners for the shared walk, with the analysis (scopes, bindings, modules) built on first use. */
export function codeRule(meta: CodeMeta, listeners: (r: CodeReporter) => Record<string, (node: N) => void>): Rule {
  const { cwe, sbd, ...rest } = meta;
  return {
    meta: {
      ...rest,
      description: `${rest.description} ${THIRD_PARTY_NOTE}`,
      kinds: ['javascript'],
      standards: { dsss: ['8'], govuk: ['9'], sbd: sbd ?? ['8'], caf: ['B4'], cwe },
      security: true,
      since: '0.1.0',
      defaultOptions: { thirdParty: false, ...rest.defaultOptions },
    },
    visitors(ctx) {
      if (ctx.document.format !== 'estree') return {};
      const thirdParty = ctx.options.thirdParty === true ? undefined : thirdPartyOf(ctx);
      if (thirdParty) {
        // once per file, whichever code rule sees it first
        ctx.shared('code:third-party-notice', () => ctx.notice(`not checked by the code rules: ${thirdParty}, not the service's own code (set the option thirdParty: true on code/* to check it)`, 'info'));
        return {};
      }
      const program = ctx.document.program;
      let analysis: Analysis | undefined;
      const reporter: CodeReporter = {
        get a() {
          return (analysis ??= ctx.shared('code:analysis', () => analyse(program)));
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
