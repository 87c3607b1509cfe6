/** Audio and video: sound that starts by itself. */
import { a11yRule, describe } from '../../src/a11y/rule-kit.js';
import { attr, elementChildren, type AElement, type ATree } from '../../src/a11y/tree.js';

/**
 * The seconds a media fragment `#t=start,end` (Media Fragments URI, normal play time) plays, or undefined
 * when the URL has no fragment with both ends.
 */
export function fragmentDuration(url: string): number | undefined {
  const m = /#(?:.*&)?t=(?:npt:)?([\d.:]*),([\d.:]+)(?:&|$)/i.exec(url);
  if (!m) return undefined;
  const secs = (s: string) => s.split(':').reduce((n, part) => n * 60 + Number(part || 0), 0);
  const d = secs(m[2]) - secs(m[1]);
  return Number.isFinite(d) ? d : undefined;
}

/** The element's media URLs (its src, or its <source> children's), or null when one is not static. */
function mediaUrls(el: AElement): string[] | null {
  const src = attr(el, 'src');
  if (src.kind === 'unknown') return null;
  if (src.kind === 'static') return [src.value];
  const out: string[] = [];
  for (const c of elementChildren(el)) {
    if (!c.intrinsic) return null;
    if (c.tag !== 'source') continue;
    const s = attr(c, 'src');
    if (s.kind === 'unknown') return null;
    if (s.kind === 'static') out.push(s.value);
  }
  return out;
}

/** The page could give the audio a control or pause it some other way: a script, an inline event handler. */
function hasScript(tree: ATree): boolean {
  return tree.all.some((e) => (e.ns === 'html' && e.tag === 'script') || [...e.attrs.keys()].some((n) => /^on[a-z]+$/.test(n)));
}

export const audioAutoplay = a11yRule(
  {
    id: 'accessibility/audio-autoplay',
    title: 'Audio plays automatically with no way to stop it',
    description:
      'Sound that starts by itself talks over a screen reader, so people who rely on one may not be able to hear the page, let alone find the control that stops it; WCAG 1.4.2 Audio Control asks that audio playing automatically for more than 3 seconds can be paused or stopped, or its volume set apart from the system volume. Reported on an `<audio autoplay>` that is not muted, has no `controls`, does not play a media fragment of 3 seconds or less (`#t=2,4`; a fragment with a start only is not judged), in a complete static page with no script or inline event handler that could give it a control. `<video autoplay>` is not judged: whether a video has a sound track cannot be told from the markup.',
    severity: 'medium',
    messages: { autoplay: '`{{tag}}` starts playing sound when the page loads and offers no way to pause or stop it; remove autoplay (let people start it), or add the controls attribute.' },
    remediation: 'Do not autoplay audio. If it must start automatically, keep it to 3 seconds or less, or show the browser controls (`controls`) or a pause/stop button at the start of the page.',
    references: ['https://www.w3.org/WAI/WCAG22/Understanding/audio-control.html', 'https://www.w3.org/WAI/WCAG22/Techniques/failures/F23'],
    wcag: ['1.4.2'],
    act: ['80f0bf', '4c31df'],
    equivalents: { axe: ['no-autoplay-audio'] },
  },
  (tree, r) => {
    if (!tree.complete) return;
    let scripted: boolean | undefined;
    for (const el of tree.all) {
      if (!el.intrinsic || el.ns !== 'html' || el.inert || el.spread || el.tag !== 'audio') continue;
      if (attr(el, 'autoplay').kind !== 'static' || attr(el, 'muted').kind !== 'absent' || attr(el, 'controls').kind !== 'absent') continue;
      const urls = mediaUrls(el);
      if (!urls || urls.length === 0) continue;
      // a fragment with a start only (#t=25) plays to the end of a file we cannot see: cannot tell how long
      if (urls.some((u) => /#(?:.*&)?t=/i.test(u) && fragmentDuration(u) === undefined)) continue;
      if (urls.every((u) => (fragmentDuration(u) ?? Infinity) <= 3)) continue;
      if ((scripted ??= hasScript(tree))) return;
      r.at(el, 'autoplay', { tag: describe(el, tree.text) });
    }
  },
);

export const MEDIA_RULES = [audioAutoplay];
