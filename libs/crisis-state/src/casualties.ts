import { CASUALTY_GROUPS, type CasualtyGroup, type CountRange, type Reliability } from '@watchfloor/events';
import { compareFacts, insertInOrder, isEffective, latestEffective, type CasualtyFact } from './facts';
import { confidenceOf, isCredible } from './ratings';

/**
 * Casualties: every source's claim, kept as made, and what can be said across sources.
 *
 * A claim is keyed by source (the event's first source) and group. A source's incremental
 * reports (cumulative: false) add up to its total; a cumulative report replaces its earlier
 * total, and later increments add to that. Each source's total is a full {low, best, high}:
 * a missing low or high is the figure that was given, and a missing best (a source that said
 * only "dozens", 24–99) is the geometric midpoint of low and high (49): counts named by order
 * of magnitude are spread on a log scale, so the arithmetic midpoint would overstate them.
 *
 * Across the sources of one group, for each measure (`CasualtyEstimate`):
 * - low and high: the lowest low and the highest high any source gives: the range, never one
 *   figure silently chosen;
 * - best: the median of the sources' best figures weighted by their Admiralty confidence
 *   (`confidenceOf`, e.g. B3 0.675, C4 0.375); of two values straddling the middle the lower is
 *   taken, so a tie leans conservative;
 * - conservative: ACLED's rule, the most conservative credible report: the lowest figure
 *   (best where stated, else low) among sources rated A–C and 1–3; if none is, the lowest
 *   of all sources.
 *
 * Theatre totals add the three named groups. "unspecified" figures may count people of any
 * group, so they may overlap the named ones or not: low, best and conservative take the larger
 * of (sum of named groups, unspecified), which assumes full overlap; high adds them, which
 * assumes none. With Almaty's 12 security forces killed (city) beside "dozens" (police,
 * unspecified), the theatre shows 24–111 killed, best 49: both sources, and what each implies.
 */

export const CASUALTY_MEASURES = ['killed', 'injured', 'detained'] as const;
export type CasualtyMeasure = (typeof CASUALTY_MEASURES)[number];

/** A count with every part known; `bestStated` is false when best was derived from low and high. */
export interface CasualtyFigures {
  readonly low: number;
  readonly best: number;
  readonly high: number;
  readonly bestStated: boolean;
}

export interface CasualtyEstimate {
  readonly low: number;
  readonly best: number;
  readonly high: number;
  readonly conservative: number;
  /** The sources with a figure for this measure, by name. */
  readonly sources: readonly string[];
}

/** One source's claim about one group: its running total per measure. */
export interface SourceClaim {
  readonly source: string;
  readonly group: CasualtyGroup;
  /** Rating of the source's latest report that still counts. */
  readonly reliability: Reliability;
  readonly credibility: number;
  readonly killed: CasualtyFigures | undefined;
  readonly injured: CasualtyFigures | undefined;
  readonly detained: CasualtyFigures | undefined;
  /** The source's words in its latest report that still counts ("dozens"). */
  readonly wording: string | undefined;
  readonly latest: CasualtyFact | undefined;
  /** Every report of this source about this group, retracted and superseded ones included. */
  readonly history: readonly CasualtyFact[];
}

export interface CasualtyGroupState {
  /** Claims by source name. */
  readonly claims: ReadonlyMap<string, SourceClaim>;
  readonly killed: CasualtyEstimate | undefined;
  readonly injured: CasualtyEstimate | undefined;
  readonly detained: CasualtyEstimate | undefined;
}

export interface CasualtyState {
  /** Theatre totals across groups (see the rule above). */
  readonly killed: CasualtyEstimate | undefined;
  readonly injured: CasualtyEstimate | undefined;
  readonly detained: CasualtyEstimate | undefined;
  readonly groups: Readonly<Record<CasualtyGroup, CasualtyGroupState>>;
}

interface ClaimAccumulator extends SourceClaim {
  reliability: Reliability;
  credibility: number;
  killed: CasualtyFigures | undefined;
  injured: CasualtyFigures | undefined;
  detained: CasualtyFigures | undefined;
  wording: string | undefined;
  latest: CasualtyFact | undefined;
  history: CasualtyFact[];
}

interface Estimates {
  readonly killed: CasualtyEstimate | undefined;
  readonly injured: CasualtyEstimate | undefined;
  readonly detained: CasualtyEstimate | undefined;
}

/**
 * The estimates are worked out when first read after a change, not on every report: a busy
 * theatre gets many reports between two reads, and the projection's hot path is what sets the
 * fold rate. The cache is private, so a state reads (and compares) as plain data.
 */
class GroupAccumulator implements CasualtyGroupState {
  readonly claims = new Map<string, ClaimAccumulator>();
  #estimates: Estimates | undefined;

  get killed(): CasualtyEstimate | undefined {
    return this.#current().killed;
  }

  get injured(): CasualtyEstimate | undefined {
    return this.#current().injured;
  }

  get detained(): CasualtyEstimate | undefined {
    return this.#current().detained;
  }

  changed(): void {
    this.#estimates = undefined;
  }

  #current(): Estimates {
    this.#estimates ??= {
      killed: estimateOf(this.claims, 'killed'),
      injured: estimateOf(this.claims, 'injured'),
      detained: estimateOf(this.claims, 'detained'),
    };
    return this.#estimates;
  }
}

export class CasualtyAccumulator implements CasualtyState {
  readonly groups: Readonly<Record<CasualtyGroup, GroupAccumulator>> = {
    security_forces: new GroupAccumulator(),
    civilians: new GroupAccumulator(),
    protesters: new GroupAccumulator(),
    unspecified: new GroupAccumulator(),
  };
  #totals: Estimates | undefined;

  get killed(): CasualtyEstimate | undefined {
    return this.#current().killed;
  }

  get injured(): CasualtyEstimate | undefined {
    return this.#current().injured;
  }

  get detained(): CasualtyEstimate | undefined {
    return this.#current().detained;
  }

  changed(group: CasualtyGroup): void {
    this.groups[group].changed();
    this.#totals = undefined;
  }

  #current(): Estimates {
    this.#totals ??= {
      killed: theatreTotal(this.groups, 'killed'),
      injured: theatreTotal(this.groups, 'injured'),
      detained: theatreTotal(this.groups, 'detained'),
    };
    return this.#totals;
  }
}

export const initialCasualties = (): CasualtyAccumulator => new CasualtyAccumulator();

// ---- one source's figures ----------------------------------------------------------------------

const midpoint = (low: number, high: number): number => Math.round(low > 0 ? Math.sqrt(low * high) : (low + high) / 2);

/** A stated range with every part filled in (see the module comment). */
export const figuresOf = (range: CountRange): CasualtyFigures => {
  const low = range.low ?? range.best ?? range.high ?? 0;
  const high = range.high ?? range.best ?? range.low ?? low;
  return range.best !== undefined
    ? { low, best: range.best, high, bestStated: true }
    : { low, best: midpoint(low, high), high, bestStated: false };
};

const add = (a: CasualtyFigures, b: CasualtyFigures): CasualtyFigures => ({
  low: a.low + b.low,
  best: a.best + b.best,
  high: a.high + b.high,
  bestStated: a.bestStated && b.bestStated,
});

/** The figure ACLED-style counting takes from one source: its best if it gave one, else its low. */
const conservativeFigure = (figures: CasualtyFigures): number => (figures.bestStated ? figures.best : figures.low);

const foldClaim = (claim: ClaimAccumulator, fact: CasualtyFact): void => {
  claim.latest = fact;
  claim.reliability = fact.reliability;
  claim.credibility = fact.credibility;
  claim.wording = fact.wording;
  for (const measure of CASUALTY_MEASURES) {
    const range = fact[measure];
    if (range === undefined) continue;
    const figures = figuresOf(range);
    const total = claim[measure];
    claim[measure] = fact.cumulative || total === undefined ? figures : add(total, figures);
  }
};

/**
 * A source's total for one measure, from its history: its latest cumulative figure plus the
 * increments after it. Read backwards, so it stops at that cumulative report instead of
 * refolding a long history on every correction.
 */
const totalOf = (history: readonly CasualtyFact[], measure: CasualtyMeasure, supersededBy: ReadonlyMap<string, string>): CasualtyFigures | undefined => {
  let total: CasualtyFigures | undefined;
  for (let i = history.length - 1; i >= 0; i -= 1) {
    const fact = history[i];
    const range = fact?.[measure];
    if (fact === undefined || range === undefined || !isEffective(fact, supersededBy)) continue;
    const figures = figuresOf(range);
    total = total === undefined ? figures : add(figures, total);
    if (fact.cumulative) break;
  }
  return total;
};

const recomputeClaim = (claim: ClaimAccumulator, supersededBy: ReadonlyMap<string, string>): void => {
  const latest = latestEffective(claim.history, supersededBy);
  claim.latest = latest;
  claim.wording = latest?.wording;
  if (latest !== undefined) {
    claim.reliability = latest.reliability;
    claim.credibility = latest.credibility;
  }
  claim.killed = totalOf(claim.history, 'killed', supersededBy);
  claim.injured = totalOf(claim.history, 'injured', supersededBy);
  claim.detained = totalOf(claim.history, 'detained', supersededBy);
};

// ---- across sources ----------------------------------------------------------------------------

interface Weighted {
  readonly figures: CasualtyFigures;
  readonly weight: number;
  readonly credible: boolean;
  readonly source: string;
}

const weightedMedian = (entries: Weighted[]): number => {
  entries.sort((a, b) => a.figures.best - b.figures.best);
  const total = entries.reduce((sum, e) => sum + e.weight, 0);
  let running = 0;
  for (const entry of entries) {
    running += entry.weight;
    if (running >= total / 2) return entry.figures.best;
  }
  return entries[entries.length - 1]?.figures.best ?? 0;
};

const estimateOf = (claims: ReadonlyMap<string, SourceClaim>, measure: CasualtyMeasure): CasualtyEstimate | undefined => {
  const entries: Weighted[] = [];
  for (const claim of claims.values()) {
    const figures = claim[measure];
    if (figures === undefined) continue;
    entries.push({
      figures,
      weight: confidenceOf(claim.reliability, claim.credibility),
      credible: isCredible(claim.reliability, claim.credibility),
      source: claim.source,
    });
  }
  if (entries.length === 0) return undefined;
  let low = Infinity;
  let high = -Infinity;
  let conservativeCredible = Infinity;
  let conservativeAny = Infinity;
  for (const { figures, credible } of entries) {
    low = Math.min(low, figures.low);
    high = Math.max(high, figures.high);
    const figure = conservativeFigure(figures);
    conservativeAny = Math.min(conservativeAny, figure);
    if (credible) conservativeCredible = Math.min(conservativeCredible, figure);
  }
  const sources = entries.map((e) => e.source).sort();
  return {
    low,
    best: weightedMedian(entries),
    high,
    conservative: Number.isFinite(conservativeCredible) ? conservativeCredible : conservativeAny,
    sources,
  };
};

const NAMED_GROUPS = CASUALTY_GROUPS.filter((group) => group !== 'unspecified');

const theatreTotal = (groups: Readonly<Record<CasualtyGroup, CasualtyGroupState>>, measure: CasualtyMeasure): CasualtyEstimate | undefined => {
  let named: { low: number; best: number; high: number; conservative: number } | undefined;
  const sources = new Set<string>();
  for (const group of NAMED_GROUPS) {
    const estimate = groups[group][measure];
    if (estimate === undefined) continue;
    named ??= { low: 0, best: 0, high: 0, conservative: 0 };
    named.low += estimate.low;
    named.best += estimate.best;
    named.high += estimate.high;
    named.conservative += estimate.conservative;
    for (const source of estimate.sources) sources.add(source);
  }
  const unspecified = groups.unspecified[measure];
  if (unspecified === undefined) return named && { ...named, sources: [...sources].sort() };
  for (const source of unspecified.sources) sources.add(source);
  if (named === undefined) return unspecified;
  return {
    low: Math.max(named.low, unspecified.low),
    best: Math.max(named.best, unspecified.best),
    high: named.high + unspecified.high,
    conservative: Math.max(named.conservative, unspecified.conservative),
    sources: [...sources].sort(),
  };
};

// ---- evolving ----------------------------------------------------------------------------------

export const recordCasualties = (casualties: CasualtyAccumulator, fact: CasualtyFact, supersededBy: ReadonlyMap<string, string>): void => {
  const group = casualties.groups[fact.group];
  let claim = group.claims.get(fact.source);
  if (claim === undefined) {
    claim = {
      source: fact.source,
      group: fact.group,
      reliability: fact.reliability,
      credibility: fact.credibility,
      killed: undefined,
      injured: undefined,
      detained: undefined,
      wording: undefined,
      latest: undefined,
      history: [],
    };
    group.claims.set(fact.source, claim);
  }
  const appended = insertInOrder(claim.history, fact);
  if (!isEffective(fact, supersededBy)) return;
  if (appended || claim.latest === undefined || compareFacts(claim.latest, fact) < 0) foldClaim(claim, fact);
  // A late report lands in its place: a cumulative one may be replaced by a later one.
  else recomputeClaim(claim, supersededBy);
  casualties.changed(fact.group);
};

export const reconsiderCasualties = (
  casualties: CasualtyAccumulator,
  fact: CasualtyFact,
  supersededBy: ReadonlyMap<string, string>,
): void => {
  const claim = casualties.groups[fact.group].claims.get(fact.source);
  if (claim === undefined) return;
  recomputeClaim(claim, supersededBy);
  casualties.changed(fact.group);
};
