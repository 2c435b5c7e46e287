import { SAMPLE_EVENTS } from './testing/sample-events';
import { MAX_BATCH, parseEventInputs, recordEvent } from './validation';

/** What a producer sends: no recordedAt, the server sets it. */
const asInput = <T extends { recordedAt: string }>(event: T): Omit<T, 'recordedAt'> => {
  const { recordedAt: _serverClock, ...input } = event;
  return input;
};

const protest = asInput(SAMPLE_EVENTS['protest.escalated']);
const casualties = asInput(SAMPLE_EVENTS['casualties.reported']);
const meeting = asInput(SAMPLE_EVENTS['diplomacy.meeting']);
const assessment = asInput(SAMPLE_EVENTS['situation.assessed']);

describe('parseEventInputs', () => {
  it('accepts one event or a batch, in order', () => {
    expect(parseEventInputs(protest)).toEqual({ ok: true, events: [protest] });
    const batch = parseEventInputs([casualties, meeting]);
    expect(batch.ok && batch.events.map((e) => e.id)).toEqual([casualties.id, meeting.id]);
  });

  it('lists every problem of a batch, each with the index of its event and the path of its field', () => {
    // given a batch where the first and fourth events are valid and the others are broken in several places
    const batch = [
      protest,
      { ...casualties, theatre: 'Kazakhstan', data: { ...casualties.data, killed: { low: 30, best: 12 } } },
      { ...meeting, id: 'not-a-uuid', sources: [], data: { ...meeting.data, participants: [meeting.data.participants[0]], venu: 'Geneva' } },
      assessment,
      { ...assessment, type: 'situation.reassessed' },
      { ...protest, occurredAt: '2022-01-05', location: { ...protest.location, country: 'kz', lat: 95 } },
    ];

    // when it is validated
    const result = parseEventInputs(batch);

    // then nothing of it is accepted, and each problem is listed where it is
    expect(result.ok).toBe(false);
    const found = result.ok ? [] : result.issues.map(({ index, path }) => ({ index, path }));
    expect(found).toEqual(
      expect.arrayContaining([
        { index: 1, path: 'theatre' },
        { index: 1, path: 'data.killed' },
        { index: 2, path: 'id' },
        { index: 2, path: 'sources' },
        { index: 2, path: 'data.participants' },
        { index: 2, path: 'data.venu' },
        { index: 4, path: 'type' },
        { index: 5, path: 'occurredAt' },
        { index: 5, path: 'location.country' },
        { index: 5, path: 'location.lat' },
      ]),
    );
    expect(found).toHaveLength(10);
    expect(found.some((issue) => issue.index === 0 || issue.index === 3)).toBe(false);
  });

  it('says what is wrong in words an integrator can act on', () => {
    const result = parseEventInputs([{ ...casualties, data: { ...casualties.data, killed: { low: 30, best: 12 }, kiled: 3 } }]);
    const messages = result.ok ? {} : Object.fromEntries(result.issues.map((issue) => [issue.path, issue.message]));
    expect(messages).toEqual({
      'data.killed': 'must be ordered low ≤ best ≤ high',
      'data.kiled': 'unknown field "kiled"',
    });
  });

  it('names each unknown field on its own', () => {
    const result = parseEventInputs({ ...assessment, severity: 3, data: { ...assessment.data, confidence: 'high', source: 'x' } });
    expect(result.ok ? [] : result.issues.map((issue) => issue.path).sort()).toEqual(['data.confidence', 'data.source', 'severity']);
  });

  it('refuses an empty batch and one above the limit', () => {
    expect(parseEventInputs([])).toEqual({ ok: false, issues: [{ index: 0, path: '', message: 'the batch is empty' }] });
    const tooMany = parseEventInputs(Array.from({ length: MAX_BATCH + 1 }, () => protest));
    expect(!tooMany.ok && tooMany.issues).toEqual([{ index: MAX_BATCH, path: '', message: `a batch holds at most ${MAX_BATCH} events` }]);
  });

  it('fills defaults and trims text, so what is stored is canonical', () => {
    const { actors: _none, ...withoutActors } = assessment;
    const result = parseEventInputs({ ...withoutActors, summary: '  order restored  ' });
    expect(result.ok && result.events[0]).toMatchObject({ actors: [], summary: 'order restored' });
  });
});

describe('recordEvent', () => {
  it("stamps the server's clock as recordedAt", () => {
    const result = parseEventInputs(protest);
    if (!result.ok || result.events[0] === undefined) throw new Error('expected a valid protest');
    expect(recordEvent(result.events[0], new Date('2022-01-05T08:30:00Z')).recordedAt).toBe('2022-01-05T08:30:00.000Z');
  });
});
