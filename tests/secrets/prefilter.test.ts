/**
 * The secrets pass finds keywords and anchor strings in one automaton pass and runs each detector's
 * regex only when a keyword is present, and then only at the positions its anchor strings allow.
 * These tests prove that this never drops a match:
 * - statically: every detector's keywords cover every match of its regex (from the regex itself);
 * - against a reference: a plain global scan of every detector's regex over every fixture file
 *   (and over generated texts) finds exactly what `detect` finds.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ALL_DETECTORS } from '../../rules/secrets/families.js';
import { LONG_LINE, detect, judge, prepareText, secretOf, type Candidate } from '../../rules/secrets/lib/scanner.js';
import { anchorOf, coveredBy, matchPrefixes, parseRegex, requiredLiterals } from '../../rules/secrets/lib/prefilter.js';
import type { Detector } from '../../rules/secrets/lib/types.js';
import { FIXTURES, listFiles } from '../support/fixtures.js';

const L = '(?<![A-Za-z0-9_])';

/** ASCII-only lowercasing: what the `i` flag folds (without `u`). */
const asciiLower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

function blankLongLines(text: string): string {
  return text
    .split('\n')
    .map((line) => (line.length > LONG_LINE ? ' '.repeat(line.length) : line))
    .join('\n');
}

/**
 * The reference: each detector's regex as written (the left boundary as a look-behind again), a plain
 * global scan of the whole text when one of its keywords occurs anywhere (`gated`), else always.
 */
function reference(text: string, detectors: readonly Detector[], gated = true): Candidate[] {
  const short = blankLongLines(text);
  const lower = asciiLower(text);
  const shortLower = asciiLower(short);
  const out: Candidate[] = [];
  for (const d of detectors) {
    const t = d.prefixed ? text : short;
    const tl = d.prefixed ? lower : shortLower;
    if (gated && d.keywords.length && !d.keywords.some((k) => tl.includes(k))) continue;
    const re = new RegExp(d.leftBoundary ? `${L}(?:${d.regex.source})` : d.regex.source, d.regex.flags);
    const seen = new Set<number>();
    let m: RegExpExecArray | null;
    while ((m = re.exec(t)) !== null) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      const s = secretOf(d, m);
      if (!s || seen.has(s.start)) continue;
      const c = judge(d, m, s.secret, s.start, text);
      if (!c) continue;
      seen.add(s.start);
      out.push(c);
    }
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

const view = (cs: Candidate[]) => cs.map((c) => `${c.detector.id}@${c.start}-${c.end}:${c.secret.length}`).sort();

/** Every fixture file of the repository that is text: secrets fixtures first. */
const CORPUS: { file: string; text: string }[] = (() => {
  const files = [...listFiles(`${FIXTURES}/secrets`), ...listFiles(FIXTURES).filter((f) => !f.includes('/fixtures/secrets/'))];
  const out: { file: string; text: string }[] = [];
  for (const file of files) {
    const buf = readFileSync(file);
    if (buf.includes(0) || buf.length > 2_000_000) continue;
    out.push({ file, text: buf.toString('utf8') });
  }
  return out;
})();
const SECRET_FIXTURES = CORPUS.filter((f) => f.file.includes('/fixtures/secrets/'));

describe('regex analysis', () => {
  it('derives the literals every match contains', () => {
    expect(coveredBy(requiredLiterals(/(ghp_[A-Za-z0-9]{36})/g), ['ghp_'])).toBe(true);
    expect(coveredBy(requiredLiterals(/xox[pe]-[0-9]+/g), ['xoxp-', 'xoxe-'])).toBe(true);
    expect(coveredBy(requiredLiterals(/xox[pe]-[0-9]+/g), ['xoxp-'])).toBe(false);
    expect(coveredBy(requiredLiterals(/(?:AKIA|ASIA)[A-Z2-7]{16}/g), ['akia', 'asia'])).toBe(true);
    expect(coveredBy(requiredLiterals(/aws[_.-]?secret/gi), ['aws_secret', 'awssecret'])).toBe(false); // "aws.secret"
    expect(coveredBy(requiredLiterals(/A{22}[A-Z]{80}/g), ['a'.repeat(21)])).toBe(true);
    expect(coveredBy(requiredLiterals(/x?abc/g), ['abc'])).toBe(true);
    expect(coveredBy(requiredLiterals(/(?:abc)?def/g), ['abc'])).toBe(false);
    expect(coveredBy(requiredLiterals(/key\s*=\s*[a-z]+/g), ['key='])).toBe(false); // "key = x"
  });

  it('is conservative with what it does not understand', () => {
    // an unknown construct gives "anything", never a literal the match might lack
    expect(requiredLiterals(/\p{L}+/gu)).toEqual({ t: 'any' });
    expect(coveredBy(requiredLiterals(/(a)\1/g), ['aa'])).toBe(false);
    // classes: large, negated and escaped ranges are not literal characters
    expect(coveredBy(requiredLiterals(/[\x00-\x7f]abc/g), ['-abc'])).toBe(false);
    expect(coveredBy(requiredLiterals(/[^a]bc/g), ['xbc'])).toBe(false);
    expect(coveredBy(requiredLiterals(/[\w-]abc/g), ['-abc'])).toBe(false);
    expect(coveredBy(requiredLiterals(/[ab]c/g), ['ac', 'bc'])).toBe(true);
    expect(parseRegex('(?<name>a)\\k<name>')).not.toBeNull();
  });

  it('finds where a match starts, or the fixed distance to a literal', () => {
    expect(matchPrefixes(/(?<![A-Za-z0-9_])(ghp_[A-Za-z0-9]{36})/g)).toEqual(new Set(['ghp_']));
    expect(matchPrefixes(/sk-(?:proj|svcacct)-x/g)).toEqual(new Set(['sk-proj-x', 'sk-svcacct-x']));
    expect(matchPrefixes(/[a-z]+abc/g)).toBeNull();
    expect(anchorOf(/[A-Za-z0-9]{14}\.atlasv1\.[a-z]+/g)).toEqual({ strings: ['.atlasv1.'], backMin: 14, backMax: 14 });
    expect(anchorOf(/\d{8,10}:AA[A-Za-z]{33}/g)).toEqual({ strings: [':aa'], backMin: 8, backMax: 10 });
    expect(anchorOf(/^\s*PrivateKey\s*=/gm)).toBeNull();
    expect(anchorOf(/[a-z]*x/g)).toBeNull();
  });
});

describe('keyword pre-filter', () => {
  it('every match of every detector contains one of its keywords (or the keywords are declared context)', () => {
    const uncovered: string[] = [];
    for (const d of ALL_DETECTORS) {
      if (d.keywords.length === 0 || d.keywordContext) continue;
      if (!coveredBy(requiredLiterals(d.regex), d.keywords)) uncovered.push(d.id);
    }
    expect(uncovered).toEqual([]);
  });

  it('keywords are lowercase ASCII and context keywords say why', () => {
    for (const d of ALL_DETECTORS) {
      for (const k of d.keywords) expect(k, d.id).toMatch(/^[\x20-\x7e]+$/);
      if (d.keywordContext) expect(d.keywords.length, d.id).toBeGreaterThan(0);
    }
  });

  it('only cheap detectors run without keywords', () => {
    expect(ALL_DETECTORS.filter((d) => d.keywords.length === 0).map((d) => d.id)).toEqual(['govuk-notify-api-key']);
  });

  it('every match of every anchored detector starts where its anchor strings allow', () => {
    for (const d of ALL_DETECTORS) {
      const a = anchorOf(d.regex);
      if (!a) continue;
      const re = new RegExp(d.regex.source, d.regex.flags);
      for (const { file, text } of SECRET_FIXTURES) {
        const lower = asciiLower(text);
        re.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = re.exec(text)) !== null) {
          if (m[0].length === 0) {
            re.lastIndex++;
            continue;
          }
          const at = m.index;
          let ok = false;
          for (let back = a.backMin; back <= a.backMax && !ok; back++) ok = a.strings.some((s) => lower.startsWith(s, at + back));
          expect(ok, `${d.id} in ${file} at ${at}`).toBe(true);
        }
      }
    }
  });
});

describe('detect finds exactly what a plain scan of every regex finds', () => {
  it(`over every fixture file of the repository (${CORPUS.length} files)`, () => {
    for (const { file, text } of CORPUS) expect(view(detect(prepareText(text), ALL_DETECTORS)), file).toEqual(view(reference(text, ALL_DETECTORS)));
  });

  it('drops nothing an ungated scan finds, for every detector whose keywords are a pure pre-filter', () => {
    const filters = ALL_DETECTORS.filter((d) => !d.keywordContext);
    let total = 0;
    for (const { file, text } of SECRET_FIXTURES) {
      const found = new Set(view(detect(prepareText(text), filters)));
      const all = view(reference(text, filters, false));
      total += all.length;
      for (const c of all) expect(found.has(c), `${c} in ${file}`).toBe(true);
    }
    expect(total).toBeGreaterThan(150);
  });

  it('detector by detector, the same as with the whole table (results are shared between rules)', () => {
    for (const { text } of SECRET_FIXTURES.slice(0, 40)) {
      const p = prepareText(text);
      const whole = view(detect(p, ALL_DETECTORS));
      const one = ALL_DETECTORS.flatMap((d) => view(detect(prepareText(text), [d])));
      expect(one.sort()).toEqual(whole);
    }
  });

  // Each fixture secret line, in generated surroundings: other keywords and anchors around it, mixed
  // case, CRLF, non-ASCII text, and long (minified) lines before, after or around it.
  const found = SECRET_FIXTURES.flatMap(({ text }) =>
    reference(text, ALL_DETECTORS).map((c) => {
      const from = text.lastIndexOf('\n', c.start) + 1;
      let to = text.indexOf('\n', c.end);
      if (to < 0) to = text.length;
      return { detector: c.detector, line: text.slice(from, to), secret: c.secret };
    }),
  ).filter((x) => x.line.length < 2000);
  const secretLines = [...new Set(found.map((x) => x.line))];
  const bareSecrets = [...new Set(found.map((x) => x.secret).filter((x) => !x.includes('\n')))];

  it('keywords inside a long line do not open the gate of a detector that skips long lines', () => {
    const context = ALL_DETECTORS.filter((d) => d.keywordContext && !d.prefixed);
    expect(context.length).toBeGreaterThan(3);
    let checked = 0;
    for (const { detector: d, line: original } of found) {
      if (!context.includes(d)) continue;
      // the line without its keywords (one letter changed), so only the added keyword can open the gate
      let line = original;
      for (const k of d.keywords) line = line.replace(new RegExp(k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), (w) => `${w.slice(0, -1)}#`);
      if (d.keywords.some((k) => asciiLower(line).includes(k))) continue;
      for (const k of d.keywords) {
        const hidden = `${k}${'x'.repeat(LONG_LINE + 1)}\n${line}`;
        expect(view(detect(prepareText(hidden), [d])), `${d.id}: ${k}`).toEqual([]);
        const shown = `${k}\n${line}`;
        const expected = view(reference(shown, [d]));
        expect(view(detect(prepareText(shown), [d])), `${d.id}: ${k}`).toEqual(expected);
        if (expected.length) checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(2);
  });

  const noise = fc.constantFrom('', ' ', '\n', '\r\n', 'ghp_', 'AKIA', 'sk_live_', 'xoxb-', 'key=', 'token: ', '"type": "service_account"', 'postgres://', '-----BEGIN ', 'İstanbul ', 'K', 'ſecret', '://', 'eyJ', '-us1', ' password=', 'discord', 'mailgun', 'Twilio', '"auths"', 'facebook', '/1', 'q~', ':AA');
  const filler = fc.array(noise, { maxLength: 12 }).map((a) => a.join(''));

  it(`in generated texts around ${secretLines.length > 0 ? 'the fixture secrets' : '(no fixtures)'}`, () => {
    expect(secretLines.length).toBeGreaterThan(100);
    fc.assert(
      fc.property(fc.constantFrom(...secretLines), filler, filler, filler, fc.integer({ min: 0, max: 3 }), fc.boolean(), (line, before, after, inLong, longAt, upper) => {
        // keywords inside a long line do not open the gate of detectors that skip long lines
        const long = `${inLong.replace(/\n/g, ' ')}${'x'.repeat(LONG_LINE + 5)}`;
        const parts = [before, line, after];
        if (longAt === 1) parts.unshift(long);
        if (longAt === 2) parts.push(long);
        if (longAt === 3) parts.splice(1, 0, long); // on the secret's own line: only prefixed detectors see it
        const text = (upper ? parts.map((p) => (p === line ? p : p.toUpperCase())) : parts).join(longAt === 3 ? '' : '\n');
        expect(view(detect(prepareText(text), ALL_DETECTORS))).toEqual(view(reference(text, ALL_DETECTORS)));
      }),
      { numRuns: 400 },
    );
  });

  it('with adversarial repetition of anchors (overlapping, adjacent, at the text edges)', () => {
    const samples = ['ghp_ghp_ghp_', 'AKIAAKIAAKIA', 'xoxb-xoxb-', '-----BEGIN -----BEGIN RSA PRIVATE KEY-----', ':AA:AA:AA', 'sk_live_sk_live_', '----', 'x', '_', '-', '.', ' ', '"'];
    expect(bareSecrets.length).toBeGreaterThan(100);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...samples, ...bareSecrets), { minLength: 1, maxLength: 6 }), (pieces) => {
        const text = pieces.join('');
        expect(view(detect(prepareText(text), ALL_DETECTORS))).toEqual(view(reference(text, ALL_DETECTORS)));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('the build-time anchor table (anchor-table.ts)', () => {
  it('holds, for every pattern the secrets pack compiles, exactly what analysing its regex gives', async () => {
    // the packs' patterns are compiled when their modules load (families.js above, the generic rule here)
    await import('../../rules/secrets/generic-high-entropy-assignment.js');
    const { ANCHOR_TABLE_PATH } = await import('../../rules/secrets/lib/anchor-table.js');
    const { compiledRegexes } = await import('../../rules/secrets/lib/scanner.js');
    const table = JSON.parse(readFileSync(ANCHOR_TABLE_PATH, 'utf8')) as { stamp: string; anchors: Record<string, unknown> };
    const regexes = compiledRegexes();
    expect(regexes.length).toBeGreaterThan(300);
    for (const r of regexes) expect(table.anchors[`${r.flags}/${r.source}`], r.source).toEqual(anchorOf(r));
  });

  it('analyses a pattern the table does not hold', async () => {
    const { anchorFor } = await import('../../rules/secrets/lib/anchor-table.js');
    const fresh = /zq_live_[A-Za-z0-9]{24}/g;
    expect(anchorFor(fresh)).toEqual(anchorOf(fresh));
    expect(anchorFor(fresh)?.strings).toEqual(['zq_live_']);
  });
});
