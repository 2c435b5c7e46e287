import { bandOf, ESCALATION_BANDS, ESCALATION_WEIGHTS, escalationIndex } from './escalation';
import { anEvent, id, kz, wire, withEnvelope } from './testing/events';
import { foldEvents, initialState } from './theatre-state';

const riot = anEvent('protest.escalated', id(1), '2022-01-05T00:00:00Z', { stage: 'riot' }, { place: 'Almaty' });
const day = (d: number) => new Date(Date.parse('2022-01-05T00:00:00Z') + d * 86_400_000);
// wire is A2: confidence 1 × 0.9.
const riotWeight = ESCALATION_WEIGHTS.protestStage.riot * 0.9;

describe('the escalation index', () => {
  it('is 0, low, for a theatre with nothing in it', () => {
    expect(escalationIndex(initialState('kz'), day(0))).toMatchObject({ value: 0, band: 'low', points: 0, contributions: [] });
  });

  it('explains itself: each contribution with its weight, decayed by age', () => {
    const index = escalationIndex(foldEvents([riot], 'kz'), day(3));
    expect(index.contributions).toEqual([
      { eventId: riot.id, type: 'protest.escalated', occurredAt: '2022-01-05T00:00:00.000Z', weight: riotWeight, decayed: riotWeight / 2, summary: 'protest riot in Almaty' },
    ]);
    expect(index.points).toBeCloseTo(riotWeight / 2, 3);
    expect(index.value).toBeCloseTo(100 * (1 - Math.exp(-(riotWeight / 2) / ESCALATION_WEIGHTS.saturation)), 1);
  });

  it('halves a contribution every three days', () => {
    const state = foldEvents([riot], 'kz');
    const points = [0, 3, 6].map((d) => escalationIndex(state, day(d)).points);
    expect(points[1]).toBeCloseTo((points[0] ?? 0) / 2, 3);
    expect(points[2]).toBeCloseTo((points[0] ?? 0) / 4, 3);
  });

  it('does not count what had not happened yet at the evaluation time', () => {
    expect(escalationIndex(foldEvents([riot], 'kz'), day(-1)).contributions).toEqual([]);
  });

  it('forgets events older than the horizon', () => {
    const horizon = ESCALATION_WEIGHTS.halfLifeDays * ESCALATION_WEIGHTS.horizonHalfLives;
    expect(escalationIndex(foldEvents([riot], 'kz'), day(horizon - 1)).contributions).toHaveLength(1);
    expect(escalationIndex(foldEvents([riot], 'kz'), day(horizon + 1)).contributions).toHaveLength(0);
  });

  it('puts the largest impact first, de-escalation included, and sums to its points', () => {
    const index = escalationIndex(foldEvents(kz, 'kz'), new Date('2022-01-10T12:00:00Z'));
    const impacts = index.contributions.map((c) => Math.abs(c.decayed));
    expect(impacts).toEqual([...impacts].sort((a, b) => b - a));
    expect(index.contributions.some((c) => c.decayed < 0)).toBe(true);
    expect(index.contributions.reduce((sum, c) => sum + c.decayed, 0)).toBeCloseTo(index.points, 2);
    expect(escalationIndex(foldEvents(kz, 'kz'), new Date('2022-01-10T12:00:00Z'), { explain: 3 }).contributions).toEqual(index.contributions.slice(0, 3));
  });

  it('counts a disputed report half, and a retracted one not at all', () => {
    const disputed = escalationIndex(foldEvents([withEnvelope(riot, { verification: 'disputed' })], 'kz'), day(0));
    expect(disputed.contributions[0]?.weight).toBeCloseTo(riotWeight / 2, 3);
    expect(escalationIndex(foldEvents([withEnvelope(riot, { verification: 'retracted' })], 'kz'), day(0)).points).toBe(0);
  });

  it("counts only a source's reports since its latest running total", () => {
    const report = (n: number, d: number, killed: number, cumulative: boolean) =>
      anEvent('casualties.reported', id(n), day(d).toISOString(), { killed: { best: killed }, group: 'civilians', cumulative }, { sources: [wire] });
    const index = escalationIndex(foldEvents([report(10, 0, 5, false), report(11, 1, 10, true), report(12, 2, 2, false)], 'kz'), day(2));
    expect(index.contributions.map((c) => c.eventId).sort()).toEqual([id(11), id(12)]);
  });

  it('never passes 100 and never falls below 0', () => {
    const riots = Array.from({ length: 200 }, (_, i) => anEvent('protest.escalated', id(100 + i), '2022-01-05T00:00:00Z', { stage: 'riot' }));
    expect(escalationIndex(foldEvents(riots, 'kz'), day(0))).toMatchObject({ value: 100, band: 'severe' });
    const calm = anEvent('situation.assessed', id(99), '2022-01-05T00:00:00Z', { assessor: 'KNB', assessment: 'restored', summary: 'Order restored.' });
    expect(escalationIndex(foldEvents([calm], 'kz'), day(0))).toMatchObject({ value: 0, band: 'low' });
  });
});

describe('bands', () => {
  it.each([
    [0, 'low'],
    [19.9, 'low'],
    [20, 'guarded'],
    [39.9, 'guarded'],
    [40, 'elevated'],
    [60, 'high'],
    [79.9, 'high'],
    [80, 'severe'],
    [100, 'severe'],
  ] as const)('puts %d in %s', (value, band) => {
    expect(bandOf(value)).toBe(band);
  });

  it('are listed in order', () => {
    expect(ESCALATION_BANDS.map((b) => b.from)).toEqual([0, 20, 40, 60, 80]);
  });
});
