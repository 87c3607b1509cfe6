import { describe, it, expect } from 'vitest';
import {
  STANDARDS,
  STANDARD_IDS,
  DSSS_VERSIONS,
  CURRENT_DSSS_VERSION,
  getStandard,
  standardForKey,
  criterionTitle,
  isKnownCriterion,
  getCriterion,
  type StandardId,
} from '../../src/standards/catalogue.js';
import { CROSSWALK, relatedCriteria, criteriaForRefs } from '../../src/standards/crosswalk.js';
import { STANDARD_KEYS } from '../../src/model/standards.js';

const ids = (sid: StandardId) => STANDARDS[sid].criteria.map((c) => c.id);

describe('catalogue contents', () => {
  it('has the published number of criteria per standard', () => {
    expect(STANDARDS['dsss-2021'].criteria).toHaveLength(14);
    expect(STANDARDS.govuk.criteria).toHaveLength(14);
    expect(STANDARDS.sbd.criteria).toHaveLength(10);
    expect(STANDARDS.caf.criteria).toHaveLength(14);
    expect(STANDARDS.tcop.criteria).toHaveLength(13);
    expect(STANDARDS.wcag22.criteria).toHaveLength(55);
  });

  it('numbers the numbered standards 1..n in order', () => {
    for (const sid of ['dsss-2021', 'govuk', 'sbd', 'tcop'] as const) {
      expect(ids(sid)).toEqual(STANDARDS[sid].criteria.map((_, i) => String(i + 1)));
    }
  });

  it('has unique ids and non-empty titles in every standard', () => {
    for (const sid of STANDARD_IDS) {
      const list = ids(sid);
      expect(new Set(list).size, sid).toBe(list.length);
      for (const c of STANDARDS[sid].criteria) expect(c.title.trim(), `${sid} ${c.id}`).not.toBe('');
    }
  });

  it('keys every standard by its own id and a distinct rule-metadata key', () => {
    expect([...STANDARD_IDS].sort()).toEqual(Object.keys(STANDARDS).sort());
    for (const sid of STANDARD_IDS) {
      expect(STANDARDS[sid].id).toBe(sid);
      expect(STANDARD_KEYS).toContain(STANDARDS[sid].key);
      expect(STANDARDS[sid].url).toMatch(/^https:\/\//);
    }
    expect(new Set(STANDARD_IDS.map((s) => STANDARDS[s].key)).size).toBe(STANDARD_IDS.length);
  });

  it('gives DSSS 2021 its three themes and records the edition', () => {
    const dsss = STANDARDS['dsss-2021'];
    expect(dsss.version).toBe('2021');
    expect(DSSS_VERSIONS['2021']).toBe(dsss);
    expect(CURRENT_DSSS_VERSION).toBe('2021');
    const byTheme = (t: string) => dsss.criteria.filter((c) => c.theme === t).map((c) => c.id);
    expect(byTheme("Meeting users' needs")).toEqual(['1', '2', '3', '4', '5']);
    expect(byTheme('Providing a service')).toEqual(['6', '7', '8', '9', '14']);
    expect(byTheme('Using the right technology')).toEqual(['10', '11', '12', '13']);
  });

  it('lists CAF principles A1–D2 under their objectives', () => {
    expect(ids('caf')).toEqual(['A1', 'A2', 'A3', 'A4', 'B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'C1', 'C2', 'D1', 'D2']);
    for (const c of STANDARDS.caf.criteria) expect(c.theme?.startsWith(`${c.id[0]}:`)).toBe(true);
    expect(getCriterion('caf', 'B3')?.title).toBe('Data security');
  });

  it('lists WCAG 2.2 A and AA only, without 4.1.1 and with the 2.2 additions', () => {
    const wcag = STANDARDS.wcag22.criteria;
    expect(ids('wcag22')).not.toContain('4.1.1');
    for (const id of ['2.4.11', '2.5.7', '2.5.8', '3.2.6', '3.3.7', '3.3.8']) expect(ids('wcag22')).toContain(id);
    for (const id of ['2.4.12', '2.4.13', '3.3.9', '1.4.6']) expect(ids('wcag22')).not.toContain(id);
    expect(wcag.filter((c) => c.level === 'A')).toHaveLength(31);
    expect(wcag.filter((c) => c.level === 'AA')).toHaveLength(24);
    for (const c of wcag) {
      expect(c.id).toMatch(/^[1-4]\.\d+\.\d+$/);
      expect(c.url).toMatch(/^https:\/\/www\.w3\.org\/TR\/WCAG22\/#[a-z0-9-]+$/);
    }
    expect(getCriterion('wcag22', '1.4.3')).toMatchObject({ title: 'Contrast (Minimum)', level: 'AA', theme: 'Perceivable' });
    expect(getCriterion('wcag22', '3.3.8')?.url).toBe('https://www.w3.org/TR/WCAG22/#accessible-authentication-minimum');
  });
});

describe('automation and assessor questions', () => {
  const byAutomation = (sid: StandardId, a: string) =>
    STANDARDS[sid].criteria.filter((c) => c.automation === a).map((c) => c.id);

  it('every criterion a scan cannot evidence has 2–4 assessor questions', () => {
    for (const sid of STANDARD_IDS) {
      for (const c of STANDARDS[sid].criteria) {
        if (c.automation === 'none') expect(c.questions?.length, `${sid} ${c.id}`).toBeGreaterThanOrEqual(2);
        if (c.questions) {
          expect(c.questions.length, `${sid} ${c.id}`).toBeGreaterThanOrEqual(2);
          expect(c.questions.length, `${sid} ${c.id}`).toBeLessThanOrEqual(4);
          for (const q of c.questions) expect(q, `${sid} ${c.id}`).toMatch(/\?$/);
        }
      }
    }
  });

  it('follows standards.md for what a repository can evidence', () => {
    expect(byAutomation('dsss-2021', 'strong')).toEqual(['8', '11', '12']);
    expect(byAutomation('dsss-2021', 'partial')).toEqual(['5', '7', '10', '13']);
    expect(byAutomation('govuk', 'strong')).toEqual(['9', '12', '13']);
    expect(byAutomation('govuk', 'partial')).toEqual(['5', '8', '11', '14']);
    expect(byAutomation('sbd', 'strong')).toEqual(['7', '8', '10']);
    expect(byAutomation('sbd', 'partial')).toEqual(['2', '5', '9']);
    expect(byAutomation('caf', 'none')).toEqual(['A1', 'A2', 'A3', 'B1', 'B6', 'C2', 'D1', 'D2']);
    expect(byAutomation('tcop', 'strong')).toEqual(['3', '6']);
    expect(byAutomation('tcop', 'partial')).toEqual(['2', '4', '7']);
    expect(byAutomation('wcag22', 'strong')).toEqual([]);
  });

  it('asks the user-research question for DSSS 1', () => {
    expect(getCriterion('dsss-2021', '1')?.questions?.[0]).toMatch(/user research/);
  });
});

describe('lookups', () => {
  it('getStandard and standardForKey', () => {
    expect(getStandard('caf').shortName).toBe('CAF');
    expect(getStandard('nope')).toBeUndefined();
    expect(standardForKey('dsss').id).toBe('dsss-2021');
    expect(standardForKey('wcag').id).toBe('wcag22');
    expect(standardForKey('cwe')).toBeUndefined();
    expect(standardForKey('act')).toBeUndefined();
  });

  it('criterionTitle', () => {
    expect(criterionTitle('dsss', '8')).toBe("Create a secure service which protects users' privacy");
    expect(criterionTitle('govuk', '13')).toBe('Use and contribute to open standards, common components and patterns');
    expect(criterionTitle('sbd', '7')).toBe('Minimise the attack surface');
    expect(criterionTitle('tcop', '6')).toBe('Make things secure');
    expect(criterionTitle('wcag', '4.1.1')).toBeUndefined();
    expect(criterionTitle('dsss', '15')).toBeUndefined();
    expect(criterionTitle('cwe', 'CWE-798')).toBeUndefined();
  });

  it('isKnownCriterion', () => {
    expect(isKnownCriterion('dsss', '14')).toBe(true);
    expect(isKnownCriterion('dsss', '15')).toBe(false);
    expect(isKnownCriterion('caf', 'B3')).toBe(true);
    expect(isKnownCriterion('caf', 'B7')).toBe(false);
    expect(isKnownCriterion('wcag', '2.5.8')).toBe(true);
    expect(isKnownCriterion('wcag', '4.1.1')).toBe(false);
    expect(isKnownCriterion('cwe', 'CWE-798')).toBe(true);
    expect(isKnownCriterion('cwe', 'CWE-')).toBe(false);
    expect(isKnownCriterion('cwe', '798')).toBe(false);
    expect(isKnownCriterion('act', '23a2a8')).toBe(true);
    expect(isKnownCriterion('act', '23a2a')).toBe(false);
    expect(isKnownCriterion('act', '2t702h')).toBe(true);
    expect(isKnownCriterion('act', 'ZZ-ZZZ')).toBe(false);
  });
});

describe('crosswalk', () => {
  it('links only criteria that exist', () => {
    for (const l of CROSSWALK) {
      expect(getCriterion(l.from.standard, l.from.id), JSON.stringify(l.from)).toBeDefined();
      expect(getCriterion(l.to.standard, l.to.id), JSON.stringify(l.to)).toBeDefined();
      expect(l.from).not.toEqual(l.to);
    }
  });

  it('maps DSSS to GOV.UK as standards.md says', () => {
    const pairs: [string, string][] = [
      ['1', '1'], ['2', '2'], ['3', '3'], ['4', '4'], ['5', '5'], ['6', '6'],
      ['7', '8'], ['8', '9'], ['9', '10'], ['10', '11'], ['11', '12'], ['12', '13'], ['13', '14'],
    ];
    for (const [d, g] of pairs) {
      expect(relatedCriteria('dsss-2021', d)).toContainEqual({ standard: 'govuk', id: g, relation: 'equivalent' });
      expect(relatedCriteria('govuk', g)).toContainEqual({ standard: 'dsss-2021', id: d, relation: 'equivalent' });
    }
    expect(relatedCriteria('dsss-2021', '14').filter((r) => r.standard === 'govuk')).toEqual([]);
  });

  it('is symmetric: every link and every derived relation appears from both ends', () => {
    const inverse = { equivalent: 'equivalent', broader: 'narrower', narrower: 'broader', related: 'related' } as const;
    for (const l of CROSSWALK) {
      const there = relatedCriteria(l.from.standard, l.from.id).map(({ standard, id }) => ({ standard, id }));
      const back = relatedCriteria(l.to.standard, l.to.id).map(({ standard, id }) => ({ standard, id }));
      expect(there).toContainEqual(l.to);
      expect(back).toContainEqual(l.from);
    }
    for (const sid of STANDARD_IDS) {
      for (const c of STANDARDS[sid].criteria) {
        for (const r of relatedCriteria(sid, c.id)) {
          expect(relatedCriteria(r.standard, r.id), `${sid} ${c.id} -> ${r.standard} ${r.id}`).toContainEqual({
            standard: sid,
            id: c.id,
            relation: inverse[r.relation],
          });
        }
      }
    }
  });

  it('never lists a criterion as related to itself, nor twice', () => {
    for (const sid of STANDARD_IDS) {
      for (const c of STANDARDS[sid].criteria) {
        const rel = relatedCriteria(sid, c.id);
        expect(rel.some((r) => r.standard === sid && r.id === c.id)).toBe(false);
        expect(new Set(rel.map((r) => `${r.standard}/${r.id}`)).size).toBe(rel.length);
      }
    }
  });

  it('relates a WCAG criterion to the accessibility points, and DSSS 5 to every WCAG criterion', () => {
    expect(relatedCriteria('wcag22', '1.1.1')).toEqual([
      { standard: 'dsss-2021', id: '5', relation: 'broader' },
      { standard: 'govuk', id: '5', relation: 'broader' },
      { standard: 'tcop', id: '2', relation: 'broader' },
    ]);
    expect(relatedCriteria('dsss-2021', '5').filter((r) => r.standard === 'wcag22')).toHaveLength(55);
  });

  it('relates the security criteria across SbD, CAF, TCoP and the service standards', () => {
    const r = relatedCriteria('sbd', '7');
    expect(r).toContainEqual({ standard: 'dsss-2021', id: '8', relation: 'broader' });
    expect(r).toContainEqual({ standard: 'govuk', id: '9', relation: 'broader' });
    expect(r).toContainEqual({ standard: 'tcop', id: '6', relation: 'broader' });
    expect(r).toContainEqual({ standard: 'caf', id: 'B4', relation: 'related' });
  });
});

describe('criteriaForRefs', () => {
  it('returns direct refs of the chosen standard', () => {
    expect(criteriaForRefs({ dsss: ['11', '8'] }, 'dsss-2021')).toEqual(['8', '11']);
    expect(criteriaForRefs({ caf: ['B3'] }, 'caf')).toEqual(['B3']);
  });

  it('follows equivalences: govuk 9 evidences DSSS 8, DSSS 12 evidences GOV.UK 13', () => {
    expect(criteriaForRefs({ govuk: ['9'] }, 'dsss-2021')).toEqual(['8']);
    expect(criteriaForRefs({ dsss: ['12'] }, 'govuk')).toEqual(['13']);
    expect(criteriaForRefs({ dsss: ['13'] }, 'govuk')).toEqual(['14']);
  });

  it('follows narrower-to-broader links: WCAG 1.1.1 evidences DSSS 5, GOV.UK 5 and TCoP 2', () => {
    expect(criteriaForRefs({ wcag: ['1.1.1'] }, 'dsss-2021')).toEqual(['5']);
    expect(criteriaForRefs({ wcag: ['1.1.1'] }, 'govuk')).toEqual(['5']);
    expect(criteriaForRefs({ wcag: ['1.1.1'] }, 'tcop')).toEqual(['2']);
  });

  it('chains: a CAF B3 rule evidences TCoP 6, DSSS 8 and GOV.UK 9', () => {
    expect(criteriaForRefs({ caf: ['B3'] }, 'tcop')).toEqual(['6']);
    expect(criteriaForRefs({ caf: ['B3'] }, 'dsss-2021')).toEqual(['8']);
    expect(criteriaForRefs({ sbd: ['7'] }, 'govuk')).toEqual(['9']);
    expect(criteriaForRefs({ caf: ['B5'] }, 'dsss-2021')).toEqual(['8', '13']);
  });

  it('does not flow from broad to narrow, nor across "related" links', () => {
    expect(criteriaForRefs({ dsss: ['5'] }, 'wcag22')).toEqual([]);
    expect(criteriaForRefs({ dsss: ['8'] }, 'sbd')).toEqual([]);
    expect(criteriaForRefs({ sbd: ['7'] }, 'caf')).toEqual([]);
    expect(criteriaForRefs({ govuk: ['7'] }, 'dsss-2021')).toEqual([]);
  });

  it('ignores act, cwe and unknown ids, and merges several keys without duplicates', () => {
    expect(criteriaForRefs({ cwe: ['CWE-798'], act: ['23a2a8'], dsss: ['99'] }, 'dsss-2021')).toEqual([]);
    expect(criteriaForRefs({ dsss: ['8'], govuk: ['9', '12'], tcop: ['6'], wcag: ['1.4.3'] }, 'dsss-2021')).toEqual([
      '5',
      '8',
      '11',
    ]);
    expect(criteriaForRefs({}, 'govuk')).toEqual([]);
  });
});
