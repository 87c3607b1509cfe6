import type { Rule } from '../../src/model/rule.js';
import type { ProjectFile } from '../../src/engine/project.js';
import { basename, isAnchor, lineOne, readText } from './lib.js';

/** Templates and components that render pages: the repository has a web front end. */
const FRONT_END = /\.(html?|njk|nunjucks|jsx|tsx|vue|svelte|erb|haml|slim|hbs|handlebars|ejs|liquid|cshtml|razor|jinja2?|j2|twig|pug|astro)$/i;
/** Folders whose pages are not the service's: tests, docs, build output, vendored code. */
const NOT_SERVICE = /(^|\/)(tests?|spec|specs|__tests__|fixtures?|__fixtures__|mocks?|examples?|samples?|docs?|coverage|dist|build|out|vendor|third_party|storybook-static|\.storybook|stories|node_modules|public\/vendor)\//i;
/** A page or doc about the accessibility statement, by name. */
const STATEMENT_NAME = /accessibility[-_ ]?statement|^accessibility(\.[\w.]+)?$|^hygyrchedd/i;
/** Text naming the statement (a page title, a footer link, a route): English and Welsh; not this rule's own id. */
const STATEMENT_TEXT = /accessibility[\s_-]*statement(?!-missing)|datganiad[\s_-]+hygyrchedd/i;
/** Files worth searching for that text. */
const SEARCHABLE = /\.(html?|njk|nunjucks|jsx?|tsx?|mjs|cjs|vue|svelte|erb|haml|slim|hbs|handlebars|ejs|liquid|cshtml|razor|jinja2?|j2|twig|pug|astro|md|mdx|ya?ml|json|py|rb|java|kt|cs|go|php)$/i;

export function frontEndFiles(files: readonly ProjectFile[]): ProjectFile[] {
  return files.filter((f) => FRONT_END.test(f.path) && !NOT_SERVICE.test(f.path) && !/\.(test|spec|stories)\.[jt]sx$/.test(f.path));
}

/** Public sector websites must publish an accessibility statement. */
const rule: Rule = {
  meta: {
    id: 'repository/accessibility-statement-missing',
    title: 'Web front end without an accessibility statement',
    description:
      'The Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 require every public sector website and service to publish an accessibility statement: how accessible it is, the known issues and exemptions, how to get content in an accessible format and how to complain. A repository that renders web pages but has no page, template or link for the statement has probably not published one from the service itself. The check looks for a file named like the statement or the words "accessibility statement" in templates, routes and content.',
    severity: 'low',
    kinds: ['text'],
    messages: {
      missing: 'The repository has a web front end (e.g. {{example}}) but no accessibility statement: no file named accessibility-statement or accessibility, and no "Accessibility statement" text or link in its templates, routes or content; publish a statement (GDS sample template) and link it from every page footer.',
    },
    remediation: 'Publish an accessibility statement for the service (use the GDS sample statement), add its page or a link to it in the footer of every page, and keep it reviewed at least yearly.',
    references: [
      'https://www.gov.uk/guidance/make-your-website-or-app-accessible-and-publish-an-accessibility-statement',
      'https://www.gov.uk/government/publications/sample-accessibility-statement',
      'https://www.legislation.gov.uk/uksi/2018/952/regulation/8',
      'https://www.gov.uk/service-manual/helping-people-to-use-your-service/publishing-information-about-your-services-accessibility',
    ],
    standards: { dsss: ['5'], govuk: ['5'], tcop: ['2'] },
    equivalents: {},
    since: '0.1.0',
  },
  check(ctx) {
    if (!isAnchor(ctx)) return;
    const files = ctx.project.files;
    const front = frontEndFiles(files);
    if (!front.length) return;
    if (files.some((f) => STATEMENT_NAME.test(basename(f.path)) || /(^|\/)accessibility(-statement)?\//i.test(f.path))) return;
    let searched = 0;
    for (const f of files) {
      if (!SEARCHABLE.test(f.path) || /(^|\/)(node_modules|vendor|third_party)\//.test(f.path)) continue;
      if (++searched > 5000) return; // too large to tell cheaply: say nothing rather than guess
      const text = f.path === ctx.file.path ? ctx.file.text : readText(ctx.project, f.path, 512 * 1024);
      if (text !== undefined && STATEMENT_TEXT.test(text)) return;
    }
    ctx.report({ messageId: 'missing', range: lineOne(ctx), data: { example: front[0].path } });
  },
};
export default rule;
