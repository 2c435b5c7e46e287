import { EVENT_TYPE_NAMES, MAX_BATCH, parseEventInputs, type CrisisEventInput } from '@watchfloor/events';
import { dataOf } from './data-of';
import { createSyntheticGenerator } from './synthetic';

const START = '2024-03-01T00:00:00.000Z';
const generate = (seed: number, n: number, theatres = 5, ratePerSecond?: number): CrisisEventInput[] =>
  createSyntheticGenerator({ seed, theatres, startAt: START, ...(ratePerSecond ? { ratePerSecond } : {}) }).take(n);

/** parseEventInputs takes at most MAX_BATCH events at once, as the ingest API does. */
const problemsOf = (events: readonly CrisisEventInput[]) => {
  const problems = [];
  for (let at = 0; at < events.length; at += MAX_BATCH) {
    const result = parseEventInputs(events.slice(at, at + MAX_BATCH));
    if (!result.ok) problems.push(...result.issues.map((issue) => ({ ...issue, index: issue.index + at })));
  }
  return problems;
};

describe('the synthetic event generator', () => {
  const events = generate(42, 5000);

  it('replays the same sequence, ids included, from the same seed', () => {
    expect(generate(42, 500)).toEqual(events.slice(0, 500));
  });

  it('gives a different sequence for a different seed', () => {
    const other = generate(43, 500);

    expect(other.map((e) => e.id)).not.toEqual(events.slice(0, 500).map((e) => e.id));
    expect(other.map((e) => e.type)).not.toEqual(events.slice(0, 500).map((e) => e.type));
  });

  it('continues the same sequence whether events are taken one by one or in batches', () => {
    const generator = createSyntheticGenerator({ seed: 42, theatres: 5, startAt: new Date(START) });
    const oneByOne = [generator.next(), generator.next(), generator.next()];

    expect([...oneByOne, ...generator.take(7)]).toEqual(events.slice(0, 10));
  });

  it('produces 5,000 events that all pass ingest validation', () => {
    expect(problemsOf(events)).toEqual([]);
  });

  it('produces every event type', () => {
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(EVENT_TYPE_NAMES));
  });

  it('gives every event a distinct v4 UUID', () => {
    const ids = events.map((e) => e.id);

    expect(new Set(ids).size).toBe(ids.length);
    ids.forEach((id) => expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/));
  });

  it.each([1, 7, 120])('spreads events over exactly %i theatres named syn-NNN', (theatres) => {
    const generator = createSyntheticGenerator({ seed: 7, theatres, startAt: START });
    const seen = new Set(generator.take(theatres * 60).map((e) => e.theatre));

    expect(generator.theatreIds).toHaveLength(theatres);
    expect(generator.theatreIds[0]).toBe('syn-001');
    expect([...seen].sort()).toEqual([...generator.theatreIds].sort());
  });

  it('advances occurredAt with the event index at the given rate', () => {
    const times = generate(1, 5, 2, 4).map((e) => e.occurredAt);

    expect(times).toEqual([
      '2024-03-01T00:00:00.000Z',
      '2024-03-01T00:00:00.250Z',
      '2024-03-01T00:00:00.500Z',
      '2024-03-01T00:00:00.750Z',
      '2024-03-01T00:00:01.000Z',
    ]);
  });

  it.each([
    ['across midnight, to the millisecond', '2024-02-28T23:59:58.000Z', 0.7],
    ['across months, a leap day and a year end', '2023-12-30T22:00:00.000Z', 1 / 3600],
  ])('writes occurredAt exactly as Date#toISOString would, %s', (_, startAt, ratePerSecond) => {
    const events = createSyntheticGenerator({ seed: 3, theatres: 2, startAt, ratePerSecond }).take(1500);

    events.forEach((event, i) =>
      expect(event.occurredAt).toBe(new Date(Date.parse(startAt) + Math.floor((i * 1000) / ratePerSecond)).toISOString()),
    );
  });

  it('has statements answer only earlier statements of the same theatre', () => {
    const seenAt = new Map<string, { index: number; event: CrisisEventInput }>();
    events.forEach((event, index) => seenAt.set(event.id, { index, event }));
    const answers = events.flatMap((event, index) =>
      event.type === 'diplomacy.statement' ? [{ index, event, to: dataOf(event, event.type).respondsTo }] : [],
    ).flatMap((answer) => (answer.to ? [{ ...answer, to: answer.to }] : []),
    );

    expect(answers.length).toBeGreaterThan(50);
    for (const { index, event, to } of answers) {
      const answered = seenAt.get(to);
      expect(answered?.index).toBeLessThan(index);
      expect(answered?.event.type).toBe('diplomacy.statement');
      expect(answered?.event.theatre).toBe(event.theatre);
    }
  });

  it('sometimes corrects an earlier casualty report of the same theatre and source', () => {
    const seenAt = new Map(events.map((event, index) => [event.id, { index, event }]));
    const corrections = events.flatMap((event, index) => (event.supersedes ? [{ index, event, to: event.supersedes }] : []));

    expect(corrections.length).toBeGreaterThan(5);
    for (const { index, event, to } of corrections) {
      const corrected = seenAt.get(to);
      expect(event.type).toBe('casualties.reported');
      expect(corrected?.index).toBeLessThan(index);
      expect(corrected?.event.type).toBe('casualties.reported');
      expect(corrected?.event.theatre).toBe(event.theatre);
      expect(corrected?.event.sources[0]?.name).toBe(event.sources[0]?.name);
    }
  });

  it('reports casualties from several sources, as ranges and as vague words', () => {
    const reports = events.filter((e) => e.type === 'casualties.reported');
    const claims = reports.map((e) => dataOf(e, 'casualties.reported'));

    expect(new Set(reports.map((r) => r.sources[0]?.name)).size).toBeGreaterThan(5);
    expect(claims.some((c) => c.killed?.low !== undefined && c.killed.high !== undefined)).toBe(true);
    expect(claims.some((c) => c.sourceWording === 'dozens' || c.sourceWording === 'several')).toBe(true);
  });

  it('moves protests both up and down the ladder, and deployments through their phases', () => {
    const stages = new Set(events.flatMap((e) => (e.type === 'protest.escalated' ? [dataOf(e, e.type).stage] : [])));
    const phases = new Set(events.flatMap((e) => (e.type === 'troops.deployed' ? [dataOf(e, e.type).phase] : [])));
    const assessments = new Set(events.flatMap((e) => (e.type === 'situation.assessed' ? [dataOf(e, e.type).assessment] : [])));

    expect(stages).toEqual(new Set(['peaceful', 'with_intervention', 'violent', 'riot']));
    expect(phases).toEqual(new Set(['announced', 'deploying', 'deployed', 'withdrawing', 'withdrawn']));
    expect(assessments).toEqual(new Set(['deteriorating', 'stable', 'improving', 'restored']));
  });

  it('does not let a consumer editing one event change later ones', () => {
    const generator = createSyntheticGenerator({ seed: 42, theatres: 5, startAt: START });
    for (const event of generator.take(200)) {
      event.sources.forEach((source) => (source.name = 'tampered'));
      if (event.location) event.location.name = 'tampered';
    }

    expect(JSON.stringify(generator.take(1000))).not.toContain('tampered');
  });

  it('refuses options it cannot honour', () => {
    expect(() => createSyntheticGenerator({ seed: 1, theatres: 0, startAt: START })).toThrow(RangeError);
    expect(() => createSyntheticGenerator({ seed: 1, theatres: 2, startAt: START, ratePerSecond: 0 })).toThrow(RangeError);
    expect(() => createSyntheticGenerator({ seed: 1, theatres: 2, startAt: 'yesterday' })).toThrow(RangeError);
  });
});
