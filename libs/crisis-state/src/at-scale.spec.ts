import { CASUALTY_GROUPS, recordEvent, type CrisisEvent } from '@watchfloor/events';
import { createSyntheticGenerator } from '@watchfloor/scenario';
import { CASUALTY_MEASURES, type CasualtyEstimate } from './casualties';
import { bandOf, escalationIndex } from './escalation';
import { compareFacts, type EventFact } from './facts';
import { severityOf } from './protests';
import { deserialiseState, serialiseState } from './serialisation';
import { createProjector, type TheatreProjector, type TheatreState } from './theatre-state';
import { theatreSummary } from './views';

/**
 * A long synthetic stream (corrections, late reports, redeliveries): the invariants of every
 * theatre's state hold at the end, and folding it is linear. The rate itself is measured by
 * bench/fold-rate.bench.ts; the floor here only catches a fold that has gone quadratic.
 */
const EVENTS = 30_000;
const DAY_MS = 86_400_000;

const stream: CrisisEvent[] = createSyntheticGenerator({ seed: 2022, theatres: 10, startAt: '2022-01-01T00:00:00Z', ratePerSecond: 0.02 })
  .take(EVENTS)
  .map((input, i) => recordEvent(input, new Date(Date.parse(input.occurredAt) + (i % 25 === 0 ? 2 * DAY_MS : 30_000))));
// Every hundredth event comes again, as after a consumer restart.
const delivered = stream.flatMap((event, i) => (i % 100 === 0 ? [event, event] : [event]));

const fold = (): Map<string, TheatreProjector> => {
  const projectors = new Map<string, TheatreProjector>();
  for (const event of delivered) {
    let projector = projectors.get(event.theatre);
    if (projector === undefined) {
      projector = createProjector(event.theatre);
      projectors.set(event.theatre, projector);
    }
    projector.apply(event);
  }
  return projectors;
};

const isOrdered = (history: readonly EventFact[]): boolean => history.every((fact, i) => i === 0 || compareFacts(history[i - 1] as EventFact, fact) < 0);

const expectConsistent = (estimate: CasualtyEstimate | undefined): void => {
  if (estimate === undefined) return;
  expect(estimate.low).toBeLessThanOrEqual(estimate.best);
  expect(estimate.best).toBeLessThanOrEqual(estimate.high);
  expect(estimate.conservative).toBeGreaterThanOrEqual(estimate.low);
  expect(estimate.conservative).toBeLessThanOrEqual(estimate.high);
  expect(estimate.sources.length).toBeGreaterThan(0);
};

describe(`a synthetic stream of ${EVENTS} events over 10 theatres`, () => {
  let projectors: Map<string, TheatreProjector>;
  let foldMs: number;

  beforeAll(() => {
    const started = performance.now();
    projectors = fold();
    foldMs = performance.now() - started;
  });

  it('folds faster than any quadratic fold could', () => {
    const rate = delivered.length / (foldMs / 1000);
    process.stdout.write(`folded ${delivered.length} events at ${Math.round(rate)} events/s\n`);
    expect(rate).toBeGreaterThan(5_000);
  });

  it('counts every distinct event once', () => {
    const states = [...projectors.values()].map((p) => p.state);
    expect(states.reduce((sum, s) => sum + s.applied.size, 0)).toBe(EVENTS);
    for (const state of states) expect(state.timeline).toHaveLength(state.applied.size);
  });

  it('keeps every history in time order', () => {
    for (const { state } of projectors.values()) {
      expect(isOrdered(state.timeline)).toBe(true);
      expect(isOrdered(state.protests.history)).toBe(true);
      expect(isOrdered(state.diplomacy.statements)).toBe(true);
      for (const deployment of state.deployments.values()) expect(isOrdered(deployment.history)).toBe(true);
      for (const group of CASUALTY_GROUPS) for (const claim of state.casualties.groups[group].claims.values()) expect(isOrdered(claim.history)).toBe(true);
    }
  });

  it('keeps estimates ordered: low ≤ best ≤ high, conservative in between', () => {
    for (const { state } of projectors.values()) {
      for (const measure of CASUALTY_MEASURES) {
        expectConsistent(state.casualties[measure]);
        for (const group of CASUALTY_GROUPS) expectConsistent(state.casualties.groups[group][measure]);
      }
    }
  });

  it("puts the theatre at its most severe place's stage", () => {
    for (const { state } of projectors.values()) {
      const places = [...state.protests.byPlace.values()].map((p) => severityOf(p.stage));
      expect(state.protests.stage === undefined ? -1 : severityOf(state.protests.stage)).toBe(Math.max(-1, ...places));
    }
  });

  it('gives every theatre an index within 0–100 in the right band', () => {
    for (const { state } of projectors.values()) {
      const at = new Date(state.lastOccurredAt ?? 0);
      const index = escalationIndex(state, at, { explain: 0 });
      expect(index.value).toBeGreaterThanOrEqual(0);
      expect(index.value).toBeLessThanOrEqual(100);
      expect(index.band).toBe(bandOf(index.value));
      expect(theatreSummary(state, at)).toMatchObject({ eventCount: state.applied.size, escalation: { value: index.value } });
    }
  });

  it('restores every theatre from its snapshot', () => {
    for (const { state } of projectors.values()) {
      const restored = deserialiseState(JSON.parse(JSON.stringify(serialiseState(state))));
      expect(restored.ok && summaryOf(restored.state)).toEqual(summaryOf(state));
    }
  });
});

const summaryOf = (state: TheatreState) => theatreSummary(state, new Date(state.lastOccurredAt ?? 0));
