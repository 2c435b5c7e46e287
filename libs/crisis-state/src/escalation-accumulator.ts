import { bandOf, decayedWeight, ESCALATION_HORIZON_MS, escalationValueOf, weightOf, type EscalationBand } from './escalation';
import { compareFacts, type CasualtyFact, type EventFact } from './facts';
import type { TheatreState } from './theatre-state';

/**
 * The escalation index of one theatre kept up to date fact by fact, for judging alerts after
 * every applied event: `escalationIndex` walks every fact of the last 30 days each time, which
 * grows with the theatre, while this costs O(1) per fact in the usual case (a fact newer than
 * the others, nothing it corrects).
 *
 * It is evaluated at the latest occurredAt of the facts it was given (the moment alerts are
 * judged at), and reads the same as `escalationIndex(state, that moment, { explain: 0 })`:
 * the same value and band, not merely close ones.
 *
 * How: exponential decay scales every contribution by the same factor as time moves on, so the
 * sum of decayed points is kept at the latest time and multiplied by ½^(Δt / half-life) when a
 * later fact arrives. The facts inside the horizon are kept in time order (as the timeline
 * keeps them), each marked whether it counts now, so that what changes what counts is undone
 * exactly: a fact leaving the horizon, a correction (`supersedes`) of one inside it, a source's
 * cumulative casualty report covering its earlier ones on the same group, or a late one
 * arriving between them. Facts that can never count (retracted, already superseded, no
 * points, older than the horizon) are not kept at all.
 *
 * Why the same value, not a close one: a running sum of floating-point numbers drifts from a
 * sum taken afresh, and an index a millionth away from a band edge would raise an alert the
 * full computation does not (and a restart, which rebuilds this from the state, would not
 * repeat). So the sum carries a bound on how far it can be from the exact one, and from the sum
 * `escalationIndex` would take (whose own rounding grows with the number of terms). When the
 * value at both ends of that interval is the same, that value is the one `escalationIndex`
 * finds, because the value only grows with the points. When it is not (a value within about
 * 1e-9 points of a rounding boundary), the sum is taken again over the kept facts in the
 * timeline's order with the same expressions, which is the sum `escalationIndex` takes to the
 * bit. The same recount keeps the drift small: it runs once the bound grows to 8 times what a
 * recount leaves, which spaces recounts far enough apart to cost at most two terms per fact.
 */

/** The unit roundoff of a double: a rounded operation is off by at most this share of its result. */
const UNIT_ROUNDOFF = 2 ** -53;

/**
 * Roundings charged per decayed term, generously: the age in half-lives is rounded once, which
 * the power turns into up to 10 × ln 2 of them (10 half-lives at most), then the power and the
 * product.
 */
const TERM_ROUNDINGS = 12;

/** Roundings charged per addition to, or rescaling of, the sum. */
const SUM_ROUNDINGS = 2;

/** A drift bound below this does not trigger a recount, however few facts there are. */
const DRIFT_FLOOR = 1e-9;

/** How many times the summation bound the drift may grow to before a recount. */
const DRIFT_SLACK = 8;

interface Entry {
  readonly fact: EventFact;
  /** Points before decay (`weightOf`). */
  readonly weight: number;
  /** Whether its decayed weight is in the sum now. */
  counted: boolean;
}

/** One source's casualty reports on one group inside the horizon, in time order. */
interface Claim {
  readonly entries: Entry[];
  /** Entries before this one have left the horizon. */
  head: number;
  /** The latest of them that is cumulative and effective: it covers every earlier one. */
  latestCumulative: Entry | undefined;
}

export interface EscalationReading {
  /** 0–100, one decimal: `escalationIndex(…).value`. */
  readonly value: number;
  readonly band: EscalationBand;
  /** When it is evaluated: the latest occurredAt of the facts given, epoch ms. */
  readonly at: number;
}

/**
 * The index for points known to within `tolerance`, or undefined when the interval straddles a
 * rounding boundary. The value never falls as the points grow, so the same value at both ends
 * is the value everywhere between.
 */
export const settledValue = (points: number, tolerance: number): number | undefined => {
  const value = escalationValueOf(points - tolerance);
  return value === escalationValueOf(points + tolerance) ? value : undefined;
};

const claimKey = (fact: CasualtyFact): string => `${fact.source}|${fact.group}`;

/** Where `fact` goes in entries kept in `compareFacts` order, searching from `head`. */
const positionOf = (entries: readonly Entry[], head: number, fact: EventFact): number => {
  const last = entries[entries.length - 1];
  if (last === undefined || compareFacts(last.fact, fact) < 0) return entries.length;
  let low = head;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const probe = entries[middle];
    if (probe !== undefined && compareFacts(probe.fact, fact) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
};

const insert = (entries: Entry[], at: number, entry: Entry): void => {
  if (at === entries.length) entries.push(entry);
  else entries.splice(at, 0, entry);
};

/** Drops the first `head` entries once they are most of the array, so that dropping stays O(1) per entry. */
const compacted = (entries: Entry[], head: number): number => {
  if (head < 1024 || head * 2 < entries.length) return head;
  entries.splice(0, head);
  return 0;
};

export class EscalationAccumulator {
  /** Facts given, counted or not: a caller compares it with the state's to know it is in step. */
  #size = 0;
  #lastId: string | undefined;
  #latest: number | undefined;
  /** Kept facts inside the horizon, in the timeline's order, from `#head` on. */
  readonly #window: Entry[] = [];
  #head = 0;
  readonly #byId = new Map<string, Entry>();
  readonly #claims = new Map<string, Claim>();
  /** Ids some fact supersedes, whether or not that fact has arrived: they never count again. */
  readonly #superseded = new Set<string>();
  /** Σ decayed weight of the counted entries at `#latest`. */
  #sum = 0;
  /** Σ |decayed weight| of the counted entries, for bounding rounding. */
  #magnitude = 0;
  #counted = 0;
  /** How far `#sum` may be from the exact sum of its terms. */
  #drift = 0;

  /** An accumulator given every fact of `state`: the one-off full pass after a restart or a catch-up. */
  static fromState(state: TheatreState): EscalationAccumulator {
    const accumulator = new EscalationAccumulator();
    // Superseded up front: in time order a correction usually comes after what it corrects, and
    // this way nothing is counted only to be taken out again.
    for (const id of state.supersededBy.keys()) accumulator.#superseded.add(id);
    // Facts older than the horizon at the state's latest occurredAt can never count again: they
    // are only counted as given, which on a long-lived theatre skips most of its history.
    const timeline = state.timeline;
    const oldest = (state.lastOccurredAt ?? 0) - ESCALATION_HORIZON_MS;
    let low = 0;
    let high = timeline.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((timeline[middle]?.occurredAt ?? Infinity) < oldest) low = middle + 1;
      else high = middle;
    }
    accumulator.#size = low;
    for (let i = low; i < timeline.length; i += 1) {
      const fact = timeline[i];
      if (fact !== undefined) accumulator.add(fact);
    }
    return accumulator;
  }

  /** How many facts it was given. */
  get size(): number {
    return this.#size;
  }

  /** The id of the fact given last. */
  get lastId(): string | undefined {
    return this.#lastId;
  }

  /** Takes one fact into account. Give each applied fact once, in any order. */
  add(fact: EventFact): void {
    this.#size += 1;
    this.#lastId = fact.id;
    const target = fact.supersedes;
    if (target !== undefined && target !== fact.id && !this.#superseded.has(target)) {
      this.#superseded.add(target);
      const corrected = this.#byId.get(target);
      if (corrected !== undefined) this.#stopCounting(corrected);
    }
    if (this.#latest === undefined || fact.occurredAt > this.#latest) this.#advanceTo(fact.occurredAt);
    const latest = this.#latest ?? fact.occurredAt;
    if (fact.occurredAt < latest - ESCALATION_HORIZON_MS || !this.#isEffective(fact)) return;
    const weight = weightOf(fact);
    const covers = fact.type === 'casualties.reported' && fact.cumulative;
    if (weight === 0 && !covers) return;
    const entry: Entry = { fact, weight, counted: false };
    insert(this.#window, positionOf(this.#window, this.#head, fact), entry);
    this.#byId.set(fact.id, entry);
    if (fact.type !== 'casualties.reported') {
      this.#setCounted(entry, true);
      return;
    }
    const key = claimKey(fact);
    let claim = this.#claims.get(key);
    if (claim === undefined) {
      claim = { entries: [], head: 0, latestCumulative: undefined };
      this.#claims.set(key, claim);
    }
    const at = positionOf(claim.entries, claim.head, fact);
    insert(claim.entries, at, entry);
    this.#recount(claim, at, false);
  }

  /** The sum of decayed points at the latest occurredAt, within `pointsTolerance()` of `escalationIndex`'s. */
  points(): number {
    return this.#sum;
  }

  /** How far `points()` may be from the sum `escalationIndex` takes. */
  pointsTolerance(): number {
    // Recursive summation of n terms is off by at most n·u·Σ|term|; both sums are, and this
    // one has drifted by #drift besides. Doubled for the bounds' own rounding.
    return 2 * (this.#drift + this.#summationBound());
  }

  /** How far a sum taken afresh, term by term, may be from the exact one. */
  #summationBound(): number {
    return (this.#counted + TERM_ROUNDINGS) * UNIT_ROUNDOFF * this.#magnitude;
  }

  /** The sum taken afresh over the kept facts: `escalationPoints` at the latest occurredAt, to the bit. */
  exactPoints(): number {
    this.#resum();
    return this.#sum;
  }

  /** The index at the latest occurredAt: `escalationIndex(state, that moment, { explain: 0 })`'s value and band. */
  reading(): EscalationReading {
    const value = settledValue(this.#sum, this.pointsTolerance()) ?? escalationValueOf(this.exactPoints());
    return { value, band: bandOf(value), at: this.#latest ?? 0 };
  }

  #isEffective(fact: EventFact): boolean {
    return fact.verification !== 'retracted' && !this.#superseded.has(fact.id);
  }

  /** Moves the evaluation time on: everything decays alike, and the oldest facts leave. */
  #advanceTo(at: number): void {
    const previous = this.#latest;
    this.#latest = at;
    if (previous !== undefined) {
      const factor = decayedWeight(1, previous, at);
      this.#sum *= factor;
      this.#magnitude *= factor;
      // The factor is a decayed term itself; the exact sum scales by the exact factor.
      this.#drift = this.#drift * factor + (TERM_ROUNDINGS + SUM_ROUNDINGS) * UNIT_ROUNDOFF * Math.abs(this.#sum);
    }
    const oldest = at - ESCALATION_HORIZON_MS;
    let head = this.#head;
    for (let entry = this.#window[head]; entry !== undefined && entry.fact.occurredAt < oldest; entry = this.#window[head]) {
      this.#setCounted(entry, false);
      this.#byId.delete(entry.fact.id);
      if (entry.fact.type === 'casualties.reported') this.#leaveClaim(entry, entry.fact);
      head += 1;
    }
    this.#head = compacted(this.#window, head);
    if (this.#counted === 0) this.#resetSum();
  }

  /** A claim's entries leave in order, so the one leaving is its first. */
  #leaveClaim(entry: Entry, fact: CasualtyFact): void {
    const key = claimKey(fact);
    const claim = this.#claims.get(key);
    if (claim === undefined) return;
    claim.head += 1;
    // Whatever it covered left before it.
    if (claim.latestCumulative === entry) claim.latestCumulative = undefined;
    if (claim.head >= claim.entries.length) this.#claims.delete(key);
    else claim.head = compacted(claim.entries, claim.head);
  }

  /** `entry` was just superseded. */
  #stopCounting(entry: Entry): void {
    this.#byId.delete(entry.fact.id);
    const fact = entry.fact;
    if (fact.type !== 'casualties.reported') {
      this.#setCounted(entry, false);
      return;
    }
    const claim = this.#claims.get(claimKey(fact));
    if (claim === undefined) return;
    const at = positionOf(claim.entries, claim.head, fact);
    if (claim.entries[at] === entry) this.#recount(claim, at, fact.cumulative);
  }

  /**
   * The entry at `at` of a claim has just come in or stopped counting: whether it counts, and
   * whether the earlier ones are covered. An entry is covered when a later effective cumulative
   * report of the same claim exists, so only the entry itself and those before it can change,
   * and only back to the previous effective cumulative one (everything before that was covered
   * by it, and still is).
   */
  #recount(claim: Claim, at: number, coveredBefore: boolean): void {
    const entry = claim.entries[at];
    if (entry === undefined) return;
    const latest = claim.latestCumulative;
    const coveredAfter = latest !== undefined && latest !== entry && compareFacts(latest.fact, entry.fact) > 0;
    const effective = this.#isEffective(entry.fact);
    const covering = effective && entry.fact.type === 'casualties.reported' && entry.fact.cumulative;
    this.#setCounted(entry, effective && !coveredAfter && entry.weight !== 0);
    if (covering && !coveredAfter) claim.latestCumulative = entry;
    const coverNow = coveredAfter || covering;
    if (coverNow === (coveredAfter || coveredBefore)) return;
    if (!coverNow && latest === entry) claim.latestCumulative = undefined;
    for (let i = at - 1; i >= claim.head; i -= 1) {
      const earlier = claim.entries[i];
      if (earlier === undefined) continue;
      const counts = this.#isEffective(earlier.fact);
      this.#setCounted(earlier, counts && !coverNow && earlier.weight !== 0);
      if (counts && earlier.fact.type === 'casualties.reported' && earlier.fact.cumulative) {
        if (!coverNow) claim.latestCumulative = earlier;
        return;
      }
    }
  }

  #setCounted(entry: Entry, counted: boolean): void {
    if (entry.counted === counted) return;
    entry.counted = counted;
    const term = decayedWeight(entry.weight, entry.fact.occurredAt, this.#latest ?? entry.fact.occurredAt);
    const size = Math.abs(term);
    if (counted) {
      this.#sum += term;
      this.#magnitude += size;
      this.#counted += 1;
    } else {
      this.#sum -= term;
      this.#magnitude = Math.max(0, this.#magnitude - size);
      this.#counted -= 1;
    }
    if (this.#counted === 0) {
      this.#resetSum();
      return;
    }
    this.#drift += UNIT_ROUNDOFF * (TERM_ROUNDINGS * size + SUM_ROUNDINGS * Math.abs(this.#sum));
    // A recount leaves the drift at the summation bound; waiting until it is 8 times that spaces
    // recounts (each O(facts counted)) at least half as many changes apart as facts are counted.
    if (this.#drift > Math.max(DRIFT_FLOOR, DRIFT_SLACK * this.#summationBound())) this.#resum();
  }

  /** Nothing counts: the empty sum is exactly 0. */
  #resetSum(): void {
    this.#sum = 0;
    this.#magnitude = 0;
    this.#drift = 0;
  }

  /**
   * The sum taken afresh as `escalationIndex` takes it: from the latest fact back, each term
   * decayed to the latest time by the same expression, so the result is its sum to the bit.
   */
  #resum(): void {
    const now = this.#latest ?? 0;
    let sum = 0;
    let magnitude = 0;
    for (let i = this.#window.length - 1; i >= this.#head; i -= 1) {
      const entry = this.#window[i];
      if (entry === undefined || !entry.counted) continue;
      const term = decayedWeight(entry.weight, entry.fact.occurredAt, now);
      sum += term;
      magnitude += Math.abs(term);
    }
    this.#sum = sum;
    this.#magnitude = magnitude;
    this.#drift = this.#summationBound();
  }
}
