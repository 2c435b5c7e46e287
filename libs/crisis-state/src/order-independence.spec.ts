import { recordEvent, type CrisisEvent } from '@watchfloor/events';
import { SCENARIO_EVENT_IDS as ids, createSyntheticGenerator } from '@watchfloor/scenario';
import fc from 'fast-check';
import { serialiseState } from './serialisation';
import { anEvent, id, kz, scenarioEvent, withEnvelope } from './testing/events';
import { foldEvents, type TheatreState } from './theatre-state';
import { theatreStateView, theatreSummary } from './views';

/**
 * The final state depends on the set of events only: not on the order they arrive in, and not
 * on how often each arrives. Compared three ways: the state itself, its snapshot, and its JSON
 * views with every history and contribution in full.
 */
const comparable = (state: TheatreState, at: Date) => ({
  state,
  snapshot: serialiseState(state),
  view: theatreStateView(state, at, { historyLimit: Infinity }),
  summary: theatreSummary(state, at),
});

const CITY = { name: 'Almaty city authorities', kind: 'official', reliability: 'B', credibility: 3 } as const;

/** The scenario plus reports that interact: corrections, a retraction, increments, a late report. */
const pool: readonly CrisisEvent[] = [
  ...kz,
  anEvent('casualties.reported', id(1), '2022-01-07T08:00:00Z', { killed: { best: 16 }, group: 'security_forces', cumulative: true }, { sources: [CITY], supersedes: ids.almatyCityCasualties }),
  anEvent('casualties.reported', id(2), '2022-01-08T08:00:00Z', { killed: { best: 3 }, group: 'security_forces', cumulative: false }, { sources: [CITY] }),
  anEvent('casualties.reported', id(3), '2022-01-05T08:00:00Z', { killed: { best: 2 }, injured: { low: 10, high: 30 }, group: 'security_forces', cumulative: false }, { sources: [CITY], recordedAt: '2022-01-09T00:00:00Z' }),
  withEnvelope(scenarioEvent(ids.almatyPoliceCasualties), { id: id(4), verification: 'retracted', supersedes: ids.almatyPoliceCasualties }),
  anEvent('protest.escalated', id(5), '2022-01-05T12:00:00Z', { stage: 'with_intervention' }, { supersedes: ids.governmentBuildingsStormed }),
  anEvent('protest.escalated', id(6), '2022-01-06T00:00:00Z', { stage: 'violent' }, { place: 'Almaty' }),
  anEvent('protest.escalated', id(7), '2022-01-09T00:00:00Z', { stage: 'peaceful' }, { place: 'Almaty' }),
  anEvent('troops.deployed', id(8), '2022-01-13T00:00:00Z', { force: 'CSTO', contributor: 'RU', phase: 'withdrawing' }),
  anEvent('situation.assessed', id(9), '2022-01-10T04:00:00Z', { assessor: 'Analysts', assessment: 'stable', summary: 'Calm.' }),
  // Same moment as another report: only recordedAt and id order them.
  anEvent('diplomacy.statement', id(10), '2022-01-08T09:00:00Z', { speaker: 'A', country: 'US', stance: 'critical', respondsTo: ids.russianMfaReply }),
];

const at = new Date('2022-01-12T00:00:00Z');

describe('arrival order', () => {
  it('does not change the state: any permutation of any subset, with redeliveries', () => {
    fc.assert(
      fc.property(
        fc.subarray([...pool]).chain((subset) =>
          fc.tuple(
            fc.constant(subset),
            fc.shuffledSubarray(subset, { minLength: subset.length, maxLength: subset.length }),
            fc.array(fc.nat(), { maxLength: 5 }),
          ),
        ),
        ([subset, permuted, repeats]) => {
          const redelivered = [...permuted, ...repeats.flatMap((i) => (subset.length > 0 ? [subset[i % subset.length] as CrisisEvent] : []))];
          expect(comparable(foldEvents(redelivered, 'kz'), at)).toEqual(comparable(foldEvents(subset, 'kz'), at));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('does not change the state of a long synthetic theatre either', () => {
    const inputs = createSyntheticGenerator({ seed: 7, theatres: 1, startAt: '2022-01-01T00:00:00Z', ratePerSecond: 1 / 600 }).take(600);
    // Recorded up to two days late, so late reports are common.
    const events = inputs.map((input, i) => recordEvent(input, new Date(Date.parse(input.occurredAt) + ((i * 7919) % 172_800_000))));
    const theatre = events[0]?.theatre ?? '';
    const expected = comparable(foldEvents(events, theatre), new Date('2022-01-05T00:00:00Z'));
    expect(expected.summary.eventCount).toBe(600);
    fc.assert(
      fc.property(fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }), (permuted) => {
        expect(comparable(foldEvents(permuted, theatre), new Date('2022-01-05T00:00:00Z'))).toEqual(expected);
      }),
      { numRuns: 20 },
    );
  });
});
