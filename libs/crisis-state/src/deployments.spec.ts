import type { CrisisEvent } from '@watchfloor/events';
import fc from 'fast-check';
import { anEvent, id, type DataOf } from './testing/events';
import { foldEvents } from './theatre-state';

/**
 * A force's state is its latest report that counts, with each detail the latest one stated.
 * Reports arriving late are folded in their place without going over the whole history again
 * (deployments.ts foldLate); these tests hold that shortcut to the state of the same reports
 * arriving in time order.
 */

const PHASES = ['announced', 'deploying', 'deployed', 'withdrawing', 'withdrawn'] as const;
const HOUR = 3_600_000;
const START = Date.parse('2022-01-06T00:00:00Z');

interface Report {
  readonly hour: number;
  readonly phase: (typeof PHASES)[number];
  readonly troops: number | undefined;
  readonly unitKind: string | undefined;
  readonly requestedBy: string | undefined;
  readonly mission: string | undefined;
  readonly verification: 'verified' | 'retracted';
  /** Index of an earlier report this one corrects. */
  readonly supersedes: number | undefined;
}

const report: fc.Arbitrary<Report> = fc.record({
  hour: fc.nat({ max: 200 }),
  phase: fc.constantFrom(...PHASES),
  troops: fc.option(fc.integer({ min: 1, max: 5000 }), { nil: undefined }),
  unitKind: fc.option(fc.constantFrom('paratroopers', 'special forces', 'logistics'), { nil: undefined }),
  requestedBy: fc.option(fc.constantFrom('KZ', 'RU'), { nil: undefined }),
  mission: fc.option(fc.constantFrom('restore order', 'guard sites'), { nil: undefined }),
  verification: fc.constantFrom<Report['verification']>('verified', 'verified', 'verified', 'retracted'),
  supersedes: fc.option(fc.nat({ max: 40 }), { nil: undefined }),
});

const eventsOf = (reports: readonly Report[]): CrisisEvent[] =>
  reports.map((r, i) => {
    const data: DataOf<'troops.deployed'> = { force: 'CSTO', contributor: 'RU', phase: r.phase };
    if (r.troops !== undefined) data.troops = { best: r.troops };
    if (r.unitKind !== undefined) data.unitKind = r.unitKind;
    if (r.requestedBy !== undefined) data.requestedBy = r.requestedBy;
    if (r.mission !== undefined) data.mission = r.mission;
    const target = r.supersedes !== undefined && r.supersedes < i ? id(r.supersedes + 1) : undefined;
    return anEvent('troops.deployed', id(i + 1), new Date(START + r.hour * HOUR).toISOString(), data, {
      verification: r.verification,
      ...(target !== undefined && { supersedes: target }),
    });
  });

const inTimeOrder = (events: readonly CrisisEvent[]): CrisisEvent[] =>
  [...events].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || Date.parse(a.recordedAt) - Date.parse(b.recordedAt) || (a.id < b.id ? -1 : 1));

const deployment = (events: readonly CrisisEvent[]) => {
  const state = foldEvents(events, 'kz').deployments.get('CSTO|RU');
  return state && { latest: state.latest?.id, phase: state.phase, troops: state.troops, unitKind: state.unitKind, requestedBy: state.requestedBy, mission: state.mission };
};

describe('deployments with late reports', () => {
  it('takes a late report’s detail that no later report states, and not one a later report states', () => {
    const early = anEvent('troops.deployed', id(1), '2022-01-06T00:00:00Z', { force: 'CSTO', contributor: 'RU', phase: 'announced' });
    const later = anEvent('troops.deployed', id(2), '2022-01-08T00:00:00Z', { force: 'CSTO', contributor: 'RU', phase: 'deployed', unitKind: 'paratroopers' });
    const late = anEvent('troops.deployed', id(3), '2022-01-07T00:00:00Z', { force: 'CSTO', contributor: 'RU', phase: 'deploying', troops: { best: 2030 }, unitKind: 'logistics' }, { recordedAt: '2022-01-09T00:00:00Z' });
    expect(deployment([early, later, late])).toEqual({ latest: later.id, phase: 'deployed', troops: { best: 2030 }, unitKind: 'paratroopers', requestedBy: undefined, mission: undefined });
  });

  it('ignores a later report that no longer counts when judging a late one', () => {
    const later = anEvent('troops.deployed', id(2), '2022-01-08T00:00:00Z', { force: 'CSTO', contributor: 'RU', phase: 'deployed', unitKind: 'paratroopers' }, { verification: 'retracted' });
    const latest = anEvent('troops.deployed', id(4), '2022-01-09T00:00:00Z', { force: 'CSTO', contributor: 'RU', phase: 'withdrawing' });
    const late = anEvent('troops.deployed', id(3), '2022-01-07T00:00:00Z', { force: 'CSTO', contributor: 'RU', phase: 'deploying', unitKind: 'logistics' });
    expect(deployment([later, latest, late])).toMatchObject({ latest: latest.id, phase: 'withdrawing', unitKind: 'logistics' });
  });

  it('ends as the same reports in time order do, whatever order they arrive in', () => {
    fc.assert(
      fc.property(
        fc.array(report, { minLength: 1, maxLength: 40 }).chain((reports) => {
          const events = eventsOf(reports);
          return fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }));
        }),
        ([events, arrival]) => {
          expect(deployment(arrival)).toEqual(deployment(inTimeOrder(events)));
        },
      ),
      { numRuns: 300 },
    );
  });
});
