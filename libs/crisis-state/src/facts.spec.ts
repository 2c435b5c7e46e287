import fc from 'fast-check';
import { compareFacts, factOf } from './facts';
import { anEvent, id, withEnvelope } from './testing/events';

const protest = anEvent('protest.escalated', id(1), '2022-01-05T00:00:00Z', { stage: 'riot' });

describe('facts', () => {
  it('read every instant as Date.parse does, whatever its form', () => {
    const instants = fc
      .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
      .chain((date) =>
        fc.constantFrom(
          date.toISOString(),
          date.toISOString().replace(/\.\d{3}Z$/, 'Z'),
          date.toISOString().replace('Z', '+00:00'),
          new Date(date.getTime() + 6 * 3600_000).toISOString().replace('Z', '+06:00'),
        ),
      );
    fc.assert(
      fc.property(instants, instants, (occurredAt, recordedAt) => {
        const fact = factOf({ ...protest, occurredAt, recordedAt });
        expect(fact.occurredAt).toBe(Date.parse(occurredAt));
        expect(fact.recordedAt).toBe(Date.parse(recordedAt));
      }),
      { numRuns: 2000 },
    );
  });

  it('refuse a time that is not one', () => {
    expect(() => factOf({ ...protest, occurredAt: '2022-13-45T99:00:00.000Z' })).toThrow(/occurredAt/);
    expect(() => factOf({ ...protest, recordedAt: '2022-01-05T0x:00:00.000Z' })).toThrow(/recordedAt/);
  });

  it('order by occurredAt, then recordedAt, then id', () => {
    const a = factOf(protest);
    const laterRecorded = factOf(withEnvelope(protest, { id: id(0), recordedAt: '2022-01-06T00:00:00.000Z' }));
    const higherId = factOf(withEnvelope(protest, { id: id(2) }));
    expect([higherId, laterRecorded, a].sort(compareFacts)).toEqual([a, higherId, laterRecorded]);
  });
});
