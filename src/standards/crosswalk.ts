/**
 * Crosswalk between the catalogued standards.
 *
 * Each link has a relation:
 * - 'equivalent': the two criteria ask for the same thing; evidence for either is evidence for the other.
 * - 'narrower':   `from` is one part of `to`; evidence for `from` counts towards `to`, not the reverse
 *                 (a WCAG failure is evidence about DSSS 5, but DSSS 5 evidence says nothing about 1.1.1).
 * - 'related':    worth showing side by side; no evidence flows.
 * `relatedCriteria` is symmetric for every relation; `criteriaForRefs` follows only the evidence flow.
 */
import type { StandardsRefs } from '../model/standards.js';
import { STANDARDS, STANDARD_IDS, getCriterion, isCatalogueKey, standardForKey } from './catalogue.js';
import type { StandardId } from './types.js';

export interface CriterionRef {
  standard: StandardId;
  id: string;
}

export type CrosswalkRelation = 'equivalent' | 'narrower' | 'related';

export interface CrosswalkLink {
  from: CriterionRef;
  to: CriterionRef;
  relation: CrosswalkRelation;
  note?: string;
}

/** How a criterion returned by `relatedCriteria` relates to the one asked about. */
export type RelatedKind = 'equivalent' | 'broader' | 'narrower' | 'related';

export interface RelatedCriterion extends CriterionRef {
  relation: RelatedKind;
}

const ref = (standard: StandardId, id: string): CriterionRef => ({ standard, id });
const eq = (a: CriterionRef, b: CriterionRef, note?: string): CrosswalkLink => ({ from: a, to: b, relation: 'equivalent', note });
const part = (a: CriterionRef, b: CriterionRef, note?: string): CrosswalkLink => ({ from: a, to: b, relation: 'narrower', note });
const rel = (a: CriterionRef, b: CriterionRef, note?: string): CrosswalkLink => ({ from: a, to: b, relation: 'related', note });

const dsss = (id: string) => ref('dsss-2021', id);
const govuk = (id: string) => ref('govuk', id);
const sbd = (id: string) => ref('sbd', id);
const caf = (id: string) => ref('caf', id);
const tcop = (id: string) => ref('tcop', id);

export const CROSSWALK: readonly CrosswalkLink[] = [
  // DSSS 2021 <-> GOV.UK Service Standard (standards.md: GOV.UK 9, 12, 13, 14 correspond to DSSS 8, 11, 12, 13).
  eq(dsss('1'), govuk('1')),
  eq(dsss('2'), govuk('2')),
  eq(dsss('3'), govuk('3')),
  eq(dsss('4'), govuk('4'), 'DSSS "Help users succeed first time"; GOV.UK "Make the service simple to use"'),
  eq(dsss('5'), govuk('5')),
  eq(dsss('6'), govuk('6')),
  eq(dsss('7'), govuk('8')),
  rel(dsss('7'), govuk('7'), 'DSSS has no separate agile point; iterative methods sit under DSSS 7'),
  eq(dsss('8'), govuk('9')),
  eq(dsss('9'), govuk('10')),
  eq(dsss('10'), govuk('11')),
  eq(dsss('11'), govuk('12')),
  eq(dsss('12'), govuk('13')),
  eq(dsss('13'), govuk('14')),

  // Technology Code of Practice.
  rel(tcop('1'), dsss('1')),
  eq(tcop('2'), govuk('5'), 'accessible and inclusive'),
  part(dsss('11'), tcop('3'), 'publishing code is part of "Be open and use open source"'),
  part(tcop('4'), dsss('12'), 'open standards are one part of shared standards, components and patterns'),
  rel(tcop('5'), dsss('10')),
  part(tcop('6'), dsss('8'), 'security half of "secure service which protects users\' privacy"'),
  part(tcop('7'), dsss('8'), 'privacy half of "secure service which protects users\' privacy"'),
  part(tcop('8'), dsss('12'), 'sharing and reuse'),
  rel(tcop('9'), dsss('10')),
  rel(tcop('11'), dsss('10')),

  // Secure by Design: every principle is part of making things secure.
  ...STANDARDS.sbd.criteria.map((c) => part(sbd(c.id), tcop('6'))),
  // CAF: every principle is part of making things secure; B5 (resilience) also of operating reliably.
  ...STANDARDS.caf.criteria.map((c) => part(caf(c.id), tcop('6'))),
  part(caf('B5'), dsss('13'), 'resilient networks and systems'),
  rel(caf('D1'), dsss('13'), 'response and recovery'),

  // Secure by Design <-> CAF: comparable intent, different scope; shown side by side, no evidence flow.
  rel(sbd('1'), caf('A1')),
  rel(sbd('2'), caf('A4')),
  rel(sbd('3'), caf('A2')),
  rel(sbd('4'), caf('B2')),
  rel(sbd('5'), caf('C1')),
  rel(sbd('5'), caf('C2')),
  rel(sbd('5'), caf('D1')),
  rel(sbd('6'), caf('B5')),
  rel(sbd('7'), caf('B4')),
  rel(sbd('8'), caf('B2')),
  rel(sbd('8'), caf('B3')),
  rel(sbd('8'), caf('B4')),
  rel(sbd('9'), caf('B4')),
  rel(sbd('10'), caf('B4')),

  // WCAG 2.2 A/AA: each success criterion is part of making sure everyone can use the service.
  ...STANDARDS.wcag22.criteria.map((c) => part(ref('wcag22', c.id), dsss('5'))),
];

// ---------------------------------------------------------------------------------------------------

const keyOf = (r: CriterionRef): string => `${r.standard}\u0000${r.id}`;
const fromKey = (k: string): CriterionRef => {
  const [standard, id] = k.split('\u0000') as [StandardId, string];
  return { standard, id };
};

interface Graph {
  equivalent: Map<string, Set<string>>;
  up: Map<string, Set<string>>;
  down: Map<string, Set<string>>;
  related: Map<string, Set<string>>;
}

function add(map: Map<string, Set<string>>, a: string, b: string): void {
  let set = map.get(a);
  if (!set) map.set(a, (set = new Set()));
  set.add(b);
}

const GRAPH: Graph = (() => {
  const g: Graph = { equivalent: new Map(), up: new Map(), down: new Map(), related: new Map() };
  for (const link of CROSSWALK) {
    const a = keyOf(link.from);
    const b = keyOf(link.to);
    if (link.relation === 'equivalent') {
      add(g.equivalent, a, b);
      add(g.equivalent, b, a);
    } else if (link.relation === 'narrower') {
      add(g.up, a, b);
      add(g.down, b, a);
    } else {
      add(g.related, a, b);
      add(g.related, b, a);
    }
  }
  return g;
})();

/** Everything reachable from `start` through equivalences and the given directed edges. */
function closure(start: string, directed?: Map<string, Set<string>>): Set<string> {
  const seen = new Set<string>([start]);
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.pop()!;
    const next = [...(GRAPH.equivalent.get(node) ?? []), ...(directed?.get(node) ?? [])];
    for (const n of next) {
      if (!seen.has(n)) {
        seen.add(n);
        queue.push(n);
      }
    }
  }
  return seen;
}

const ORDER = new Map<string, number>();
STANDARD_IDS.forEach((sid, si) =>
  STANDARDS[sid].criteria.forEach((c, ci) => ORDER.set(keyOf({ standard: sid, id: c.id }), si * 10_000 + ci)),
);
const byCatalogueOrder = (a: string, b: string): number =>
  (ORDER.get(a) ?? Number.MAX_SAFE_INTEGER) - (ORDER.get(b) ?? Number.MAX_SAFE_INTEGER);

/**
 * The criteria in other (or the same) standards that the crosswalk links to this one, in catalogue
 * order, each with how it relates: 'equivalent', 'broader' (this criterion is part of it), 'narrower'
 * (it is part of this one) or 'related'. Symmetric: if B is in A's list, A is in B's.
 */
export function relatedCriteria(standardId: StandardId, criterionId: string): RelatedCriterion[] {
  const self = keyOf({ standard: standardId, id: criterionId });
  const equivalents = closure(self);
  const broader = closure(self, GRAPH.up);
  const narrower = closure(self, GRAPH.down);
  const related = new Set<string>();
  for (const member of equivalents) {
    for (const r of GRAPH.related.get(member) ?? []) for (const e of closure(r)) related.add(e);
  }
  const kinds = new Map<string, RelatedKind>();
  const mark = (set: Set<string>, kind: RelatedKind) => {
    for (const k of set) if (k !== self && !kinds.has(k)) kinds.set(k, kind);
  };
  mark(equivalents, 'equivalent');
  mark(broader, 'broader');
  mark(narrower, 'narrower');
  mark(related, 'related');
  return [...kinds.keys()].sort(byCatalogueOrder).map((k) => ({ ...fromKey(k), relation: kinds.get(k)! }));
}

/**
 * The ids of `standardId`'s criteria that a rule with these refs evidences, directly or through the
 * crosswalk (equivalences, and from a narrower criterion to the broader one), in catalogue order.
 * `act` and `cwe` refs, and ids the catalogue does not know, are ignored.
 */
export function criteriaForRefs(refs: StandardsRefs, standardId: StandardId): string[] {
  const found = new Set<string>();
  for (const [key, ids] of Object.entries(refs) as [keyof StandardsRefs, string[] | undefined][]) {
    if (!ids || !isCatalogueKey(key)) continue;
    const source = standardForKey(key).id;
    for (const id of ids) {
      if (!getCriterion(source, id)) continue;
      for (const k of closure(keyOf({ standard: source, id }), GRAPH.up)) {
        const r = fromKey(k);
        if (r.standard === standardId) found.add(k);
      }
    }
  }
  return [...found].sort(byCatalogueOrder).map((k) => fromKey(k).id);
}
