/** Page-level checks: language, title, viewport, refresh, bypass blocks, landmarks. */
import { accessibleName } from '../../src/a11y/accname.js';
import { mayAddMarkup } from '../../src/parsers/template.js';
import { a11yRule, describe, MARKUP_KINDS } from '../../src/a11y/rule-kit.js';
import { computedRole, isFocusable, isHidden, isNotRendered } from '../../src/a11y/semantics.js';
import { attr, attrValue, descendants, textContent, type AAttr, type AElement, type ATree } from '../../src/a11y/tree.js';
import { checkLang, primarySubtag } from '../../src/a11y/values.js';

const PAGE_NOTE =
  ' Page-level checks run on whole pages only: HTML files with a doctype or <html> element, and templates (Nunjucks/Jinja, ERB, EJS) with one that do not {% extends %} a layout (the layout is checked instead).';

/** The page's <html> element (HTML/Nunjucks full pages; `<html>` elements written in JSX). */
function htmlElements(tree: ATree): AElement[] {
  if (tree.source === 'jsx') return tree.all.filter((e) => e.tag === 'html' && e.intrinsic);
  if (!tree.fullPage) return [];
  return tree.roots.filter((e) => e.tag === 'html');
}

/** Offsets of the html start tag as written, or of the file's first line when it is implied. */
function htmlAnchor(el: AElement, tree: ATree): [number, number] {
  if (/^<html/i.test(tree.text.slice(el.start, el.start + 5))) return [el.start, el.tagEnd];
  const m = /<html[\s>]/i.exec(tree.text);
  if (m) return [m.index, m.index + 5];
  const nl = tree.text.indexOf('\n');
  return [0, nl < 0 ? tree.text.length : nl];
}

export const htmlHasLang = a11yRule(
  {
    id: 'accessibility/html-has-lang',
    title: 'Page has no lang attribute',
    description:
      'Without a lang attribute on `<html>`, screen readers read the page in the user\'s default voice and may mispronounce everything; browsers also cannot pick hyphenation or translation correctly. An xml:lang attribute alone is not enough in HTML. `<html>` elements written in JSX (Next.js layouts, documents) are checked too.' + PAGE_NOTE,
    severity: 'high',
    messages: {
      missing: 'The <html> element has no lang attribute; add the page\'s language, e.g. <html lang="en">.',
      empty: 'The <html> element has an empty lang attribute; set it to the page\'s language, e.g. lang="en".',
    },
    remediation: 'Add `lang="en"` (or the page\'s main language, e.g. `cy` for Welsh, `gd` for Gaelic) to the `<html>` element.',
    references: ['https://www.w3.org/International/questions/qa-html-language-declarations', 'https://design-system.service.gov.uk/styles/page-template/'],
    wcag: ['3.1.1'],
    act: ['b5c3f8'],
    equivalents: { axe: ['html-has-lang'], 'jsx-a11y': ['html-has-lang'], htmlcs: ['WCAG2AA.Principle3.Guideline3_1.3_1_1.H57.2'] },
  },
  (tree, r) => {
    for (const el of htmlElements(tree)) {
      const lang = attr(el, 'lang');
      if (lang.kind === 'unknown') continue;
      if (lang.kind === 'static') {
        if (lang.value.trim() === '') r.atAttr(lang.attr, 'empty');
        continue;
      }
      const [s, e] = htmlAnchor(el, tree);
      r.atOffsets(s, e, 'missing');
    }
  },
);

export const htmlLangValid = a11yRule(
  {
    id: 'accessibility/html-lang-valid',
    title: 'Page lang attribute is not a valid language tag',
    description:
      'The lang attribute of `<html>` must be a BCP 47 language tag whose primary subtag is a registered language (en, cy, gd, fr…). Values such as "english", "eng", "en_GB" or "i-lux" are not recognised, so assistive technology falls back to a default voice. Only the primary subtag is checked; unregistered three-letter codes are not reported unless they are the ISO 639-2 alias of a two-letter code. An xml:lang attribute, which XHTML readers use instead of lang, is checked the same way.' + PAGE_NOTE,
    severity: 'high',
    messages: {
      invalid: 'lang="{{value}}" on <html> {{reason}}{{hint}}.',
      invalidXml: 'xml:lang="{{value}}" on <html> {{reason}}{{hint}}; give it the same value as lang, or remove it.',
    },
    remediation: 'Use a valid BCP 47 tag such as `en`, `en-GB`, `cy` or `gd`.',
    references: ['https://www.w3.org/International/articles/language-tags/', 'https://www.iana.org/assignments/language-subtag-registry'],
    wcag: ['3.1.1'],
    act: ['bf051a'],
    equivalents: { axe: ['html-lang-valid'], 'jsx-a11y': ['lang'], htmlcs: ['WCAG2AA.Principle3.Guideline3_1.3_1_1.H57.3.Lang'] },
  },
  (tree, r) => {
    for (const el of htmlElements(tree)) {
      for (const name of ['lang', 'xml:lang']) {
        const a = attr(el, name);
        if (a.kind !== 'static' || a.value.trim() === '') continue;
        const c = checkLang(a.value);
        if (!c.valid) r.atAttr(a.attr, name === 'lang' ? 'invalid' : 'invalidXml', { value: a.value, reason: c.reason, hint: c.suggestion ? `; use "${c.suggestion}"` : '' });
      }
    }
  },
);

/** Whether any rendered text (or image alt) takes its language from `el`. */
function hasOwnText(el: AElement): boolean {
  const visit = (e: AElement): boolean => {
    for (const c of e.children) {
      if (c.type === 'text') {
        if (c.dynamic || c.value.trim() !== '') return true;
        continue;
      }
      if (c.attrs.has('lang') || isNotRendered(c) !== false) continue;
      if (c.tag === 'img' && (attrValue(c, 'alt') ?? '').trim() !== '') return true;
      if ((attrValue(c, 'aria-label') ?? '').trim() !== '') return true;
      if (visit(c)) return true;
    }
    return false;
  };
  return visit(el);
}

export const langValid = a11yRule(
  {
    id: 'accessibility/lang-valid',
    title: 'Element lang attribute is not a valid language tag',
    description:
      'A lang attribute on part of a page (a Welsh or Gaelic passage, a quote) tells screen readers to switch pronunciation. An invalid value ("welsh", "eng", "en_GB", spaces) is ignored, so the passage is read with the wrong voice. Only elements that contain text (or image text alternatives) are judged; an empty lang="" is valid (unknown language).' ,
    severity: 'medium',
    messages: { invalid: 'lang="{{value}}" on `{{tag}}` {{reason}}{{hint}}.' },
    remediation: 'Use a valid BCP 47 tag for the passage\'s language, e.g. `lang="cy"` for Welsh or `lang="gd"` for Scottish Gaelic.',
    references: ['https://www.w3.org/International/articles/language-tags/'],
    wcag: ['3.1.2'],
    act: ['de46e4'],
    equivalents: { axe: ['valid-lang'], 'jsx-a11y': ['lang'], htmlcs: ['WCAG2AA.Principle3.Guideline3_1.3_1_2.H58.1.Lang'] },
  },
  (tree, r) => {
    for (const el of tree.all) {
      if (!el.intrinsic || el.tag === 'html') continue;
      const lang = attr(el, 'lang');
      if (lang.kind !== 'static' || lang.value === '') continue;
      const c = checkLang(lang.value);
      if (c.valid) continue;
      if (isNotRendered(el) !== false || !hasOwnText(el)) continue;
      r.atAttr(lang.attr, 'invalid', { value: lang.value, tag: describe(el, tree.text), reason: c.reason, hint: c.suggestion ? `; use "${c.suggestion}"` : '' });
    }
  },
);

export const htmlXmlLangMismatch = a11yRule(
  {
    id: 'accessibility/html-xml-lang-mismatch',
    title: 'Page lang and xml:lang disagree',
    description:
      'When `<html>` has both lang and xml:lang, they must name the same language; otherwise different user agents pick different languages and assistive technology may read the page in the wrong voice. Only the primary language subtag is compared (en-GB and en-US agree).' + PAGE_NOTE,
    severity: 'medium',
    messages: { mismatch: 'lang="{{lang}}" and xml:lang="{{xml}}" on <html> name different languages; make them the same (or drop xml:lang).' },
    remediation: 'Set `xml:lang` to the same language as `lang`, or remove `xml:lang` (it has no effect in HTML documents).',
    wcag: ['3.1.1'],
    act: ['5b7ae0'],
    equivalents: { axe: ['html-xml-lang-mismatch'] },
  },
  (tree, r) => {
    for (const el of htmlElements(tree)) {
      const lang = attrValue(el, 'lang');
      const xml = attr(el, 'xml:lang');
      if (!lang || xml.kind !== 'static' || lang.trim() === '' || xml.value.trim() === '') continue;
      if (!checkLang(lang).valid || !checkLang(xml.value).valid) continue;
      if (primarySubtag(lang) !== primarySubtag(xml.value)) r.atAttr(xml.attr, 'mismatch', { lang, xml: xml.value });
    }
  },
);

export const documentTitle = a11yRule(
  {
    id: 'accessibility/document-title',
    title: 'Page has no title',
    description:
      'The page title is the first thing a screen reader announces and what identifies the tab, bookmark and history entry. A page without a `<title>`, or with an empty one, leaves users unable to tell pages apart. GOV.UK pages use "<page> – <service> – GOV.UK". Titles filled by template blocks or output are not judged.' + PAGE_NOTE,
    severity: 'high',
    messages: {
      missing: 'This page has no <title> element; add one in <head> describing the page and service (e.g. "Your address – Apply for a licence – GOV.UK").',
      empty: 'The page <title> is empty; give it text describing the page and service.',
    },
    remediation: 'Add a descriptive `<title>` to `<head>`; in templates, fill the layout\'s title block on every page.',
    references: ['https://design-system.service.gov.uk/styles/page-template/', 'https://www.w3.org/WAI/WCAG22/Techniques/html/H25'],
    kinds: MARKUP_KINDS,
    wcag: ['2.4.2'],
    act: ['2779a5'],
    equivalents: { axe: ['document-title'], htmlcs: ['WCAG2AA.Principle2.Guideline2_4.2_4_2.H25.1.NoTitleEl', 'WCAG2AA.Principle2.Guideline2_4.2_4_2.H25.1.EmptyTitle'], 'html-validate': ['empty-title'] },
  },
  (tree, r) => {
    if (!tree.fullPage || tree.source === 'jsx') return;
    const html = tree.roots.find((e) => e.tag === 'html');
    if (!html) return;
    const title = [...descendants(html)].find((e) => e.tag === 'title' && e.ns === 'html' && !e.inert);
    if (!title) {
      // a template may add the title through a block, include or macro output
      if (tree.dialect && mayAddMarkup(tree.text, tree.dialect)) return;
      if (tree.source === 'html' && /\{\{|\{%/.test(tree.text)) return;
      const [s, e] = htmlAnchor(html, tree);
      r.atOffsets(s, e, 'missing');
      return;
    }
    const src = tree.text.slice(title.start, title.end);
    if (/\{%|\{\{|<%|\uE000/.test(src)) return;
    const { text, dynamic } = textContent(title);
    if (dynamic) return;
    if (text.trim() === '') r.at(title, 'empty');
  },
);

/** The viewport content's key/value pairs (CSS Device Adaptation parsing, separators "," ";" or spaces). */
function viewportProps(content: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of content.split(/[,;]/)) {
    const m = /^\s*([^=\s]+)\s*=\s*([^\s]*)\s*$/.exec(part);
    if (m) out.set(m[1].toLowerCase(), m[2].toLowerCase());
  }
  return out;
}

function viewportNumber(v: string): number {
  if (v === 'yes') return 1;
  if (v === 'no') return 0;
  if (v === 'device-width' || v === 'device-height') return 10;
  const n = parseFloat(v);
  return Number.isNaN(n) ? 0 : n;
}

export const metaViewportZoom = a11yRule(
  {
    id: 'accessibility/meta-viewport-zoom',
    title: 'Viewport meta tag blocks zooming',
    description:
      'user-scalable=no (or 0), or a maximum-scale below 2, in the viewport meta tag stops people with low vision from pinch-zooming text on mobile browsers. Some browsers ignore it, many do not. Checked wherever a `<meta name="viewport">` appears (pages, partials, JSX documents).',
    severity: 'high',
    messages: {
      userScalable: 'The viewport sets user-scalable={{value}}, which disables zooming; remove user-scalable (or set it to yes).',
      maxScale: 'The viewport sets maximum-scale={{value}}, limiting zoom below 200%; remove maximum-scale or set it to at least 2 (5 recommended).',
    },
    remediation: 'Use `<meta name="viewport" content="width=device-width, initial-scale=1">` without `user-scalable` or `maximum-scale`.',
    references: ['https://www.w3.org/WAI/WCAG22/Understanding/resize-text.html'],
    wcag: ['1.4.4', '1.4.10'],
    act: ['b4f0c3'],
    equivalents: { axe: ['meta-viewport'] },
  },
  (tree, r) => {
    for (const el of tree.all) {
      if (el.tag !== 'meta' || !el.intrinsic || attrValue(el, 'name')?.trim().toLowerCase() !== 'viewport') continue;
      const content = attr(el, 'content');
      if (content.kind !== 'static') continue;
      const props = viewportProps(content.value);
      const us = props.get('user-scalable');
      if (us !== undefined) {
        const n = viewportNumber(us);
        if (n > -1 && n < 1) {
          r.atAttr(content.attr, 'userScalable', { value: us });
          continue;
        }
      }
      const ms = props.get('maximum-scale');
      if (ms !== undefined) {
        const n = viewportNumber(ms);
        if (n >= 0 && n < 2) r.atAttr(content.attr, 'maxScale', { value: ms });
      }
    }
  },
);

/** Refresh delay in seconds per the HTML "shared declarative refresh steps", or undefined when invalid. */
export function refreshDelay(content: string): number | undefined {
  const m = /^[\t\n\f\r ]*(\d+)(\.[\d.]*)?(?=$|[\t\n\f\r ;,])/.exec(content);
  return m ? parseInt(m[1], 10) : undefined;
}

/** The page's first valid `<meta http-equiv="refresh">` (the one browsers apply), unless a template may write one before it. */
function firstRefresh(tree: ATree): { attr: AAttr; delay: number; what: 'redirects' | 'refreshes' } | undefined {
  for (const el of tree.all) {
    if (el.tag !== 'meta' || !el.intrinsic || attrValue(el, 'http-equiv')?.trim().toLowerCase() !== 'refresh') continue;
    const content = attr(el, 'content');
    if (content.kind === 'unknown') return undefined;
    if (content.kind !== 'static') continue;
    const delay = refreshDelay(content.value);
    if (delay === undefined) continue;
    const redirect = /[;,]\s*(url\s*=)?\s*\S/i.test(content.value.slice(String(delay).length));
    return { attr: content.attr, delay, what: redirect ? 'redirects' : 'refreshes' };
  }
  return undefined;
}

export const metaRefresh = a11yRule(
  {
    id: 'accessibility/meta-refresh',
    title: 'Page refreshes or redirects after a delay',
    description:
      '`<meta http-equiv="refresh">` with a delay reloads or redirects the page while people are still reading or filling it in, without a way to stop or extend it — a serious problem for screen reader users and anyone who reads slowly. An instant redirect (0) and delays over 20 hours are allowed (WCAG 2.2.1 exception); the first valid refresh in the page counts, as in browsers. Delays over 20 hours are reported at info severity by `accessibility/meta-refresh-long-delay`; together the two implement ACT rule bisz58 (AAA, no exception).',
    severity: 'high',
    messages: { delayed: 'This page {{what}} after {{delay}} seconds with no way to turn it off; redirect immediately (delay 0, or a server redirect) or let users extend or stop the time limit.' },
    remediation: 'Use an HTTP redirect or `content="0; url=…"`; for session timeouts, warn users and let them extend (GOV.UK timeout warning pattern).',
    references: ['https://www.w3.org/WAI/WCAG22/Techniques/failures/F41'],
    wcag: ['2.2.1'],
    act: ['bc659a', 'bisz58'],
    equivalents: { axe: ['meta-refresh'], htmlcs: ['WCAG2AA.Principle2.Guideline2_2.2_2_1.F40.2', 'WCAG2AA.Principle2.Guideline2_2.2_2_1.F41.2'] },
  },
  (tree, r) => {
    const refresh = firstRefresh(tree);
    if (refresh && refresh.delay > 0 && refresh.delay <= 72000) r.atAttr(refresh.attr, 'delayed', { delay: refresh.delay, what: refresh.what });
  },
);

export const metaRefreshLong = a11yRule(
  {
    id: 'accessibility/meta-refresh-long-delay',
    title: 'Page refreshes or redirects after more than 20 hours',
    description:
      '`<meta http-equiv="refresh">` with a delay over 20 hours (72,000 seconds) meets WCAG 2.2.1 through its 20-hour exception, but still reloads or redirects a page someone may have left open (a kiosk, a long form) without warning. WCAG 2.2.4 Interruptions and 3.2.5 Change on Request (level AAA, outside Saltire\'s AA scope, hence info severity) ask for no such automatic change at all; ACT rule bisz58 checks it together with `accessibility/meta-refresh`, which reports the shorter delays. The first valid refresh in the page counts, as in browsers.',
    severity: 'info',
    messages: { long: 'This page {{what}} after {{delay}} seconds (over 20 hours); WCAG AAA (2.2.4, 3.2.5) asks for no automatic refresh or redirect: redirect immediately or on the server, or let users choose to refresh.' },
    remediation: 'Remove the refresh, redirect immediately (`content="0; url=…"` or an HTTP redirect), or refresh by script only when the user asks.',
    references: ['https://www.w3.org/WAI/WCAG22/Understanding/interruptions.html', 'https://www.w3.org/WAI/WCAG22/Understanding/change-on-request.html'],
    wcag: [],
    act: ['bisz58'],
    equivalents: { axe: ['meta-refresh-no-exceptions'] },
  },
  (tree, r) => {
    const refresh = firstRefresh(tree);
    if (refresh && refresh.delay > 72000) r.atAttr(refresh.attr, 'long', { delay: refresh.delay, what: refresh.what });
  },
);

const LANDMARKS = new Set(['banner', 'complementary', 'contentinfo', 'form', 'main', 'navigation', 'region', 'search']);
/** Landmarks a page should have once only. */
const SINGLE_LANDMARKS = new Set(['banner', 'contentinfo', 'main']);

export const landmarkUnique = a11yRule(
  {
    id: 'accessibility/landmark-unique',
    title: 'Landmarks of the same kind cannot be told apart',
    description:
      'Screen reader users move around a page by its landmarks (header, navigation, main, footer, named regions), which are listed by role and name. Two navigation landmarks both announced as just "navigation", or two regions with the same name, cannot be told apart; and a page has one banner, one main and one contentinfo landmark (more than one main is not valid HTML). A best practice of the ARIA Landmarks pattern rather than a WCAG failure, hence low severity. Judged on complete static pages only (a layout or fragment does not show the whole page); hidden landmarks, unnamed sections and forms (which are not landmarks) and an unnamed `<aside>` inside sectioning content (which is not a landmark) are left out, as are landmarks whose name cannot be known.' + PAGE_NOTE,
    severity: 'low',
    messages: {
      duplicate: '`{{tag}}` is a second {{role}} landmark {{named}}; give each {{role}} landmark a distinct aria-label (for example "Main" and "Footer links").',
      single: '`{{tag}}` is a second {{role}} landmark; a page should have only one — use another element (or remove the duplicate role) for the rest.',
    },
    remediation: 'Give landmarks of the same role distinct names with aria-label or aria-labelledby, and keep a single header (banner), main and footer (contentinfo) at the top level of the page.',
    references: ['https://www.w3.org/WAI/ARIA/apg/practices/landmark-regions/', 'https://html.spec.whatwg.org/multipage/grouping-content.html#the-main-element'],
    wcag: [],
    kinds: MARKUP_KINDS,
    equivalents: { axe: ['landmark-unique', 'landmark-no-duplicate-main', 'landmark-no-duplicate-banner', 'landmark-no-duplicate-contentinfo'], 'html-validate': ['unique-landmark'] },
  },
  (tree, r) => {
    if (!tree.complete) return;
    const seen = new Map<string, AElement>();
    const counted = new Map<string, number>();
    for (const el of tree.all) {
      if (!el.intrinsic || el.ns !== 'html' || el.inert || el.spread) continue;
      const role = computedRole(el);
      if (!role || !LANDMARKS.has(role) || isHidden(el) !== false) continue;
      const name = accessibleName(el, tree);
      if (name === null) continue;
      if ((role === 'region' || role === 'form') && name === '') continue;
      const tag = describe(el, tree.text);
      if (SINGLE_LANDMARKS.has(role)) {
        const n = (counted.get(role) ?? 0) + 1;
        counted.set(role, n);
        if (n > 1) {
          r.at(el, 'single', { tag, role });
          continue;
        }
      }
      const key = `${role}\u0000${name.toLowerCase()}`;
      if (seen.has(key)) r.at(el, 'duplicate', { tag, role, named: name ? `named "${name}" like the one before it` : 'without a name, like the one before it' });
      else seen.set(key, el);
    }
  },
);

const SAME_PAGE = /^#[^\s#]+$/;

/**
 * Whether a same-page fragment finds its target as HTML's "indicated part of the document" does: an
 * element with that id, or an <a> with that name, tried as written and then percent-decoded; "top"
 * always scrolls to the top of the page.
 */
function fragmentTargetExists(fragment: string, tree: ATree): boolean {
  const tries = [fragment];
  try {
    tries.push(decodeURIComponent(fragment));
  } catch {
    // malformed percent-encoding: only the fragment as written can match
  }
  if (tries.some((f) => f.toLowerCase() === 'top')) return true;
  return tries.some((f) => (tree.byId.get(f)?.length ?? 0) > 0 || tree.all.some((e) => e.tag === 'a' && e.ns === 'html' && attrValue(e, 'name') === f));
}

export const skipLink = a11yRule(
  {
    id: 'accessibility/skip-link',
    title: 'Page has navigation but no working skip link',
    description:
      'Keyboard users must tab through every header and navigation link on each page unless there is a "Skip to main content" link first. The GOV.UK Design System puts a skip link first in `<body>`, targeting the main content. The check runs on whole pages that have a header or navigation with links before the main content, and looks for a same-page link before them; template output before the first link (e.g. the govukSkipLink macro) is "cannot tell". A skip link whose target id is on no element of the page is reported too, when every id of the page is written in the file (no template output or dynamic ids). Landmarks and headings can also meet 2.4.1, so this is a low-severity finding.' + PAGE_NOTE,
    severity: 'low',
    messages: {
      missing: 'The first focusable element on this page is `{{first}}`, not a skip link, although {{blocks}} precede the main content; add <a href="#main-content" class="govuk-skip-link">Skip to main content</a> first in <body>.',
      noTarget: 'The skip link `{{first}}` points at "#{{target}}", but no element on this page has id="{{target}}", so it skips none of the {{blocks}} before the main content; give the main content that id (e.g. <main id="{{target}}">) or point the link at the id it has.',
    },
    remediation: 'Add a skip link as the first focusable element in `<body>` pointing to the main content (`<main id="main-content">`), e.g. the `govukSkipLink` macro.',
    references: ['https://design-system.service.gov.uk/components/skip-link/', 'https://www.w3.org/WAI/WCAG22/Techniques/general/G1'],
    kinds: MARKUP_KINDS,
    wcag: ['2.4.1'],
    equivalents: { axe: ['bypass', 'skip-link'], htmlcs: ['WCAG2AA.Principle2.Guideline2_4.2_4_1.G1,G123,G124.NoSuchID'] },
  },
  (tree, r) => {
    if (!tree.fullPage || tree.source === 'jsx') return;
    const html = tree.roots.find((e) => e.tag === 'html');
    const body = html ? [...descendants(html)].find((e) => e.tag === 'body') : undefined;
    if (!body) return;
    let first: AElement | undefined;
    let unknown = false;
    let linksBeforeMain = 0;
    let inBlocks = false;
    const visit = (e: AElement): boolean => {
      for (const c of e.children) {
        if (c.type === 'text') {
          if (c.dynamic && !first) unknown = true;
          continue;
        }
        if (!c.intrinsic || c.inert || isNotRendered(c)) continue;
        const role = attrValue(c, 'role');
        if (c.tag === 'main' || role === 'main') return true;
        const block = c.tag === 'nav' || c.tag === 'header' || role === 'navigation' || role === 'banner';
        if (block) inBlocks = true;
        if (c.tag === 'a' && c.attrs.has('href')) {
          if (!first) first = c;
          if (inBlocks || block) linksBeforeMain++;
        } else if (!first && isFocusable(c)) first = c;
        if (visit(c)) return true;
        if (block) inBlocks = false;
      }
      return false;
    };
    const sawMain = visit(body);
    if (unknown || !first || linksBeforeMain === 0 || !sawMain) return;
    const href = attr(first, 'href');
    if (href.kind !== 'static') return;
    const blocks = `${linksBeforeMain} header/navigation link${linksBeforeMain === 1 ? '' : 's'}`;
    if (SAME_PAGE.test(href.value.trim())) {
      // a skip link whose target is not on the page skips nothing; judged only when every id of the page is in this file
      const fragment = href.value.trim().slice(1);
      if (tree.complete && !fragmentTargetExists(fragment, tree)) r.atAttr(href.attr, 'noTarget', { first: describe(first, tree.text), target: fragment, blocks });
      return;
    }
    r.at(first, 'missing', { first: describe(first, tree.text), blocks });
  },
);

export const PAGE_RULES = [htmlHasLang, htmlLangValid, langValid, htmlXmlLangMismatch, documentTitle, metaViewportZoom, metaRefresh, metaRefreshLong, skipLink, landmarkUnique];
