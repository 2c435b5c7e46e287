import type { CasualtyGroup, Reliability, Source, Verification } from '@watchfloor/events';
import fc from 'fast-check';
import { ESCALATION_WEIGHTS, escalationIndex, escalationPoints, escalationValueOf } from './escalation';
import { EscalationAccumulator, settledValue } from './escalation-accumulator';
import type { EventFact } from './facts';
import { anEvent, id, kz, wire, withEnvelope } from './testing/events';
import { foldEvents, stateFromFacts, type TheatreState } from './theatre-state';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const HORIZON_DAYS = ESCALATION_WEIGHTS.halfLifeDays * ESCALATION_WEIGHTS.horizonHalfLives;
const START = Date.parse('2022-01-01T00:00:00Z');

const fed = (facts: Iterable<EventFact>): EscalationAccumulator => {
  const accumulator = new EscalationAccumulator();
  for (const fact of facts) accumulator.add(fact);
  return accumulator;
};

/** The full computation at the state's latest occurredAt, as alerts are judged. */
const fullAtLatest = (state: TheatreState) => {
  const at = new Date(state.lastOccurredAt ?? 0);
  return { index: escalationIndex(state, at, { explain: 0 }), points: escalationPoints(state, at) };
};

/**
 * Checks the accumulator against the full computation after every fact: the same value and band
 * (exactly: it falls back to an exact sum near a rounding boundary), points within 1e-6.
 */
const expectInStep = (arrivals: readonly EventFact[]): void => {
  const accumulator = new EscalationAccumulator();
  arrivals.forEach((fact, i) => {
    accumulator.add(fact);
    const state = stateFromFacts('kz', arrivals.slice(0, i + 1));
    const full = fullAtLatest(state);
    const reading = accumulator.reading();
    expect(Math.abs(accumulator.points() - full.points)).toBeLessThanOrEqual(1e-6);
    expect({ value: reading.value, band: reading.band, at: reading.at }).toEqual({ value: full.index.value, band: full.index.band, at: state.lastOccurredAt });
  });
};

// ---- random facts ------------------------------------------------------------------------------

const RELIABILITIES: readonly Reliability[] = ['A', 'B', 'C', 'D', 'E', 'F'];
const VERIFICATIONS: readonly Verification[] = ['verified', 'unverified', 'under_review', 'unverifiable', 'disputed', 'retracted'];
const GROUPS: readonly CasualtyGroup[] = ['civilians', 'security_forces'];
const SOURCES = ['wire', 'ministry', 'ngo'];

/** What varies between facts; ids and corrections are filled in once the sequence is known. */
const aFactShape = fc.record({
  /** Hours after START: up to twice the horizon, so facts leave it; whole hours, so times tie. */
  hour: fc.integer({ min: 0, max: 2 * HORIZON_DAYS * 24 }),
  recordedDelayHours: fc.integer({ min: 0, max: 3 }),
  verification: fc.constantFrom(...VERIFICATIONS),
  source: fc.constantFrom(...SOURCES),
  reliability: fc.constantFrom(...RELIABILITIES),
  credibility: fc.integer({ min: 1, max: 6 }),
  /** Index (mod the sequence length) of a fact this one supersedes, if any; itself sometimes. */
  supersedes: fc.option(fc.nat(), { freq: 4 }),
  kind: fc.oneof(
    fc.record({ type: fc.constant('protest.escalated' as const), stage: fc.constantFrom('peaceful' as const, 'with_intervention' as const, 'violent' as const, 'riot' as const) }),
    fc.record({ type: fc.constant('situation.assessed' as const), assessment: fc.constantFrom('deteriorating' as const, 'stable' as const, 'improving' as const, 'restored' as const) }),
    fc.record({ type: fc.constant('diplomacy.statement' as const), stance: fc.constantFrom('supportive' as const, 'conciliatory' as const, 'neutral' as const, 'critical' as const, 'hostile' as const) }),
    fc.record({
      type: fc.constant('casualties.reported' as const),
      group: fc.constantFrom(...GROUPS),
      cumulative: fc.boolean(),
      killed: fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined }),
      injured: fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined }),
    }),
    { weight: 1, arbitrary: fc.constant({ type: 'diplomacy.meeting' as const }) },
  ),
});

type FactShape = typeof aFactShape extends fc.Arbitrary<infer T> ? T : never;

const factFrom = (shape: FactShape, i: number, count: number): EventFact => {
  const occurredAt = START + shape.hour * HOUR_MS;
  const envelope = {
    id: id(i + 1),
    occurredAt,
    recordedAt: occurredAt + shape.recordedDelayHours * HOUR_MS,
    verification: shape.verification,
    supersedes: shape.supersedes === null ? undefined : id((shape.supersedes % count) + 1),
    source: shape.source,
    reliability: shape.reliability,
    credibility: shape.credibility,
    place: undefined,
    country: undefined,
  };
  const kind = shape.kind;
  switch (kind.type) {
    case 'protest.escalated':
      return { ...envelope, type: kind.type, stage: kind.stage };
    case 'situation.assessed':
      return { ...envelope, type: kind.type, assessment: kind.assessment, assessor: 'analysts', summary: '' };
    case 'diplomacy.statement':
      return { ...envelope, type: kind.type, stance: kind.stance, speaker: 'spokesperson', speakerCountry: 'KZ', target: undefined, quote: undefined, respondsTo: undefined };
    case 'diplomacy.meeting':
      return { ...envelope, type: kind.type, format: 'talks', outcome: 'deadlock', parties: ['KZ'], venue: undefined };
    case 'casualties.reported':
      return {
        ...envelope,
        type: kind.type,
        group: kind.group,
        cumulative: kind.cumulative,
        killed: kind.killed === undefined ? undefined : { best: kind.killed },
        injured: kind.injured === undefined ? undefined : { low: kind.injured, high: kind.injured * 3 },
        detained: undefined,
        wording: undefined,
      };
    default: {
      const unhandled: never = kind;
      return unhandled;
    }
  }
};

/** Random facts in random arrival order: late ones, ties, corrections before and after what they correct. */
const arrivals = (maxLength: number) =>
  fc.array(aFactShape, { minLength: 1, maxLength }).map((shapes) => shapes.map((shape, i) => factFrom(shape, i, shapes.length)));

/** Mostly in time order, as a live theatre's facts arrive, with some late ones. */
const mostlyInOrder = (facts: readonly EventFact[], lateEvery: number): EventFact[] => {
  const sorted = [...facts].sort((a, b) => a.occurredAt - b.occurredAt);
  const late = sorted.filter((_, i) => i % lateEvery === lateEvery - 1);
  return [...sorted.filter((_, i) => i % lateEvery !== lateEvery - 1), ...late];
};

describe('the escalation accumulator', () => {
  it('reads as the full computation after every fact, whatever facts arrive in whatever order', () => {
    fc.assert(
      fc.property(arrivals(40), (facts) => expectInStep(facts)),
      { numRuns: 300 },
    );
  });

  it('reads as the full computation on longer, mostly ordered streams', () => {
    fc.assert(
      fc.property(arrivals(150), fc.integer({ min: 2, max: 10 }), (facts, lateEvery) => expectInStep(mostlyInOrder(facts, lateEvery))),
      { numRuns: 30 },
    );
  });

  it('reads as the full computation on the seed scenario, in any order', () => {
    const facts = [...foldEvents(kz, 'kz').timeline];
    fc.assert(
      fc.property(fc.shuffledSubarray(facts, { minLength: facts.length, maxLength: facts.length }), (shuffled) => expectInStep(shuffled)),
      { numRuns: 10 },
    );
  });

  it('when rebuilt from a state, reads as one fed fact by fact', () => {
    fc.assert(
      fc.property(arrivals(60), (facts) => {
        const state = stateFromFacts('kz', facts);
        const rebuilt = EscalationAccumulator.fromState(state).reading();
        expect(rebuilt).toEqual(fed(facts).reading());
        expect(rebuilt.value).toBe(fullAtLatest(state).index.value);
        expect(EscalationAccumulator.fromState(state).size).toBe(state.applied.size);
      }),
      { numRuns: 100 },
    );
  });

  it('sums exactly as the full computation when it sums afresh', () => {
    fc.assert(
      fc.property(arrivals(60), (facts) => {
        expect(fed(facts).exactPoints()).toBe(fullAtLatest(stateFromFacts('kz', facts)).points);
      }),
      { numRuns: 100 },
    );
  });
});

// ---- given / when / then -----------------------------------------------------------------------

const CITY: Source = { name: 'Almaty city authorities', kind: 'official', reliability: 'B', credibility: 3 };
const at = (days: number, hours = 0): string => new Date(Date.parse('2022-01-05T00:00:00Z') + days * DAY_MS + hours * HOUR_MS).toISOString();
const riot = (n: number, day: number) => anEvent('protest.escalated', id(n), at(day), { stage: 'riot' }, { place: 'Almaty' });
const killed = (n: number, day: number, count: number, cumulative: boolean, source = CITY) =>
  anEvent('casualties.reported', id(n), at(day), { killed: { best: count }, group: 'civilians', cumulative }, { sources: [source] });

/**
 * given(...earlier).when(...later).then(...): the accumulator fed the events' facts in that
 * order, beside the full index; the check runs again on one rebuilt from the state.
 */
const given = (...earlier: Parameters<typeof foldEvents>[0][]) => ({
  when: (...later: Parameters<typeof foldEvents>[0][]) => ({
    then: (check: (accumulator: EscalationAccumulator, state: TheatreState) => void) => {
      const events = [...earlier, ...later].flatMap((e) => [...e]);
      const state = foldEvents(events, 'kz');
      const accumulator = fed(events.map((e) => state.applied.get(e.id)).filter((f): f is EventFact => f !== undefined));
      const full = fullAtLatest(state);
      expect(accumulator.reading()).toMatchObject({ value: full.index.value, band: full.index.band });
      expect(accumulator.points()).toBeCloseTo(full.points, 9);
      check(accumulator, state);
      // Rebuilt from the state (after a restart), it reads the same.
      check(EscalationAccumulator.fromState(state), state);
    },
  }),
});

describe('the escalation accumulator, case by case', () => {
  it('decays what came before when a later fact arrives', () => {
    given([riot(1, 0)])
      .when([riot(2, 3)])
      .then((accumulator) => expect(accumulator.points()).toBeCloseTo(12 * 0.9 * 1.5, 9));
  });

  it('counts a late fact decayed to the latest time', () => {
    given([riot(1, 3)])
      .when([riot(2, 0)])
      .then((accumulator) => expect(accumulator.points()).toBeCloseTo(12 * 0.9 * 1.5, 9));
  });

  it('forgets a fact once the latest one is more than the horizon after it', () => {
    given([riot(1, 0)])
      .when([riot(2, HORIZON_DAYS + 1)])
      .then((accumulator) => expect(accumulator.points()).toBeCloseTo(12 * 0.9, 9));
  });

  it('keeps a fact exactly the horizon old, and not one a millisecond older', () => {
    const horizonMs = HORIZON_DAYS * DAY_MS;
    const riotAt = (n: number, ms: number) => anEvent('protest.escalated', id(n), new Date(Date.parse(at(0)) + ms).toISOString(), { stage: 'riot' });
    given([riotAt(1, 0)])
      .when([riotAt(2, horizonMs)])
      .then((accumulator) => expect(accumulator.points()).toBeCloseTo(12 * 0.9 * (1 + 2 ** -10), 9));
    given([riotAt(1, 0)])
      .when([riotAt(2, horizonMs + 1)])
      .then((accumulator) => expect(accumulator.points()).toBeCloseTo(12 * 0.9, 9));
    given([riotAt(2, horizonMs + 1)])
      .when([riotAt(1, 0), riotAt(3, 1)])
      .then((accumulator) => expect(accumulator.points()).toBeCloseTo(12 * 0.9 * (1 + 2 ** -10), 9));
  });

  it('ignores a late fact older than the horizon', () => {
    given([riot(1, HORIZON_DAYS + 1)])
      .when([riot(2, 0)])
      .then((accumulator) => expect(accumulator.points()).toBeCloseTo(12 * 0.9, 9));
  });

  it('stops counting a fact when a correction supersedes it, and counts the correction', () => {
    const calmer = anEvent('protest.escalated', id(2), at(0, 1), { stage: 'peaceful' }, { place: 'Almaty', supersedes: id(1) });
    given([riot(1, 0)])
      .when([calmer])
      .then((accumulator) => expect(accumulator.points()).toBeCloseTo(0.9, 9));
  });

  it('never counts a fact whose correction arrived first', () => {
    const calmer = anEvent('protest.escalated', id(2), at(0, 1), { stage: 'peaceful' }, { place: 'Almaty', supersedes: id(1) });
    given([calmer])
      .when([riot(1, 0)])
      .then((accumulator) => expect(accumulator.points()).toBeCloseTo(0.9, 9));
  });

  it('stops counting a fact that a retraction supersedes', () => {
    given([riot(1, 0)])
      .when([withEnvelope(riot(1, 0), { id: id(2), verification: 'retracted', supersedes: id(1) })])
      .then((accumulator) => expect(accumulator.reading()).toMatchObject({ value: 0, band: 'low' }));
  });

  it('counts a disputed fact half', () => {
    given([withEnvelope(riot(1, 0), { verification: 'disputed' })])
      .when()
      .then((accumulator) => expect(accumulator.points()).toBeCloseTo(12 * 0.9 * 0.5, 9));
  });

  it("drops a source's earlier reports on a group when its running total arrives", () => {
    given([killed(1, 0, 5, false), killed(2, 1, 3, false)])
      .when([killed(3, 2, 10, true)])
      .then((accumulator) => expect(accumulator.points()).toBeCloseTo(4 * Math.log2(11) * 0.675, 9));
  });

  it('keeps counting the reports of another source, or on another group', () => {
    const otherGroup = anEvent('casualties.reported', id(2), at(0), { killed: { best: 3 }, group: 'protesters', cumulative: false }, { sources: [CITY] });
    given([killed(1, 0, 5, false, wire), otherGroup])
      .when([killed(3, 0, 10, true)])
      .then((accumulator) =>
        expect(accumulator.points()).toBeCloseTo(4 * Math.log2(6) * 0.9 + 4 * Math.log2(4) * 0.675 + 4 * Math.log2(11) * 0.675, 9),
      );
  });

  it('lets a late report before the running total count for nothing', () => {
    given([killed(1, 2, 10, true)])
      .when([killed(2, 1, 5, false)])
      .then((accumulator) => expect(accumulator.points()).toBeCloseTo(4 * Math.log2(11) * 0.675, 9));
  });

  it('counts the earlier reports again when the running total is superseded', () => {
    const withdrawn = withEnvelope(killed(3, 2, 10, true), { id: id(4), verification: 'retracted', supersedes: id(3) });
    given([killed(1, 0, 5, false), killed(3, 2, 10, true)])
      .when([withdrawn])
      .then((accumulator) => expect(accumulator.points()).toBeCloseTo(4 * Math.log2(6) * 0.675 * 0.5 ** (2 / 3), 9));
  });

  it('falls back on the earlier running total when the latest is superseded', () => {
    const withdrawn = withEnvelope(killed(3, 2, 10, true), { id: id(4), verification: 'retracted', supersedes: id(3) });
    given([killed(1, 0, 5, false), killed(2, 1, 8, true), killed(3, 2, 10, true)])
      .when([withdrawn])
      .then((accumulator) => expect(accumulator.points()).toBeCloseTo(4 * Math.log2(9) * 0.675 * 0.5 ** (1 / 3), 9));
  });

  it('lets a running total with no figures still cover the earlier reports', () => {
    const noFigures = anEvent('casualties.reported', id(2), at(1), { group: 'civilians', cumulative: true, injured: { best: 0 } }, { sources: [CITY] });
    given([killed(1, 0, 5, false)])
      .when([noFigures])
      .then((accumulator) => expect(accumulator.reading()).toMatchObject({ value: 0, band: 'low' }));
  });

  it('is 0, low, with nothing in it', () => {
    expect(new EscalationAccumulator().reading()).toEqual({ value: 0, band: 'low', at: 0 });
  });
});

describe('the value near a rounding boundary', () => {
  /** The least points whose index rounds to `value` or more, to the last bit. */
  const edge = (value: number): number => {
    let low = 0;
    let high = 400;
    for (let i = 0; i < 2000 && low < high; i += 1) {
      const middle = (low + high) / 2;
      if (middle === low || middle === high) break;
      if (escalationValueOf(middle) >= value) high = middle;
      else low = middle;
    }
    return high;
  };

  it('is told apart when the whole interval rounds the same way', () => {
    expect(settledValue(10, 1e-9)).toBe(escalationValueOf(10));
    expect(settledValue(edge(20) + 1e-6, 1e-9)).toBe(20);
    expect(settledValue(edge(20) - 1e-6, 1e-9)).toBe(19.9);
  });

  it('is not guessed when the interval holds a rounding boundary, band edges included', () => {
    expect(settledValue(edge(20), 1e-9)).toBeUndefined();
    expect(settledValue(edge(20) - 1e-10, 1e-9)).toBeUndefined();
    expect(settledValue(edge(60.1), 1e-12)).toBeUndefined();
  });
});
