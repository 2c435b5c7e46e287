import { decodeEvent, parseEventInputs, type AcceptedEventInput, type EncodedMessage } from '@watchfloor/events';
import { casualtyReport, reportBatch } from '../testing/event-inputs';
import { noMetrics, type AcceptEventsMetrics } from './accept-events.metrics';
import { AcceptEvents, EventLogUnavailableError, INGEST_SOURCE, type AcceptEventsSettings } from './accept-events.service';
import { EventIdLedger } from './event-id-ledger';
import type { EventAppender } from './event-log.port';

/** An in-memory stand-in for our EventAppender port (not for Kafka): records what was appended. */
class FakeLog implements EventAppender {
  readonly messages: EncodedMessage[] = [];
  readonly appends: number[] = [];
  failNext = 0;
  hold: Promise<void> | undefined;

  async append(messages: readonly EncodedMessage[]): Promise<void> {
    if (this.hold) await this.hold;
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error('connect ECONNREFUSED 127.0.0.1:9092');
    }
    this.appends.push(messages.length);
    this.messages.push(...messages);
  }

  ids(): string[] {
    return this.messages.map((m) => m.headers['ce_id'] ?? '?');
  }
}

const inputs = (...bodies: unknown[]): AcceptedEventInput[] => {
  const parsed = parseEventInputs(bodies);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return [...parsed.events];
};

const NOW = new Date('2022-01-06T12:00:00.000Z');
const settings: AcceptEventsSettings = { deadlineMs: 1000, maxChunkBytes: 512 * 1024 };

const given = (options: { settings?: Partial<AcceptEventsSettings>; metrics?: AcceptEventsMetrics } = {}) => {
  const log = new FakeLog();
  const ledger = new EventIdLedger();
  const useCase = new AcceptEvents(log, ledger, () => NOW, { ...settings, ...options.settings }, options.metrics ?? noMetrics);
  return { log, ledger, useCase };
};

describe('AcceptEvents', () => {
  it('writes each event once as a CloudEvent keyed by theatre, stamped with the server clock', async () => {
    const { log, useCase } = given();
    const report = casualtyReport(undefined, 'ua-border');

    const answer = await useCase.accept(inputs({ ...report, recordedAt: '1999-01-01T00:00:00Z' }));

    expect(answer).toEqual({ accepted: [report['id']], duplicates: [] });
    expect(log.messages).toHaveLength(1);
    const [message] = log.messages;
    expect(message?.key).toBe('ua-border');
    expect(message?.headers).toMatchObject({ ce_id: report['id'], ce_source: INGEST_SOURCE, ce_type: 'watchfloor.casualties.reported.v1', ce_subject: 'ua-border' });
    const decoded = message ? decodeEvent(message) : undefined;
    expect(decoded?.ok && decoded.event.recordedAt).toBe(NOW.toISOString());
  });

  it('answers a repeated batch with duplicates and writes nothing more', async () => {
    const { log, useCase } = given();
    const batch = inputs(...reportBatch(5));
    const ids = batch.map((e) => e.id);

    expect(await useCase.accept(batch)).toEqual({ accepted: ids, duplicates: [] });
    expect(await useCase.accept(batch)).toEqual({ accepted: [], duplicates: ids });
    expect(log.ids()).toEqual(ids);
  });

  it('writes an id repeated within one batch once and reports the repeat', async () => {
    const { log, useCase } = given();
    const report = casualtyReport();
    const other = casualtyReport();

    const answer = await useCase.accept(inputs(report, other, { ...report, data: { killed: { best: 99 }, group: 'civilians', cumulative: false } }));

    expect(answer).toEqual({ accepted: [report['id'], other['id']], duplicates: [report['id']] });
    expect(log.ids()).toEqual([report['id'], other['id']]);
  });

  it('sees ids remembered from the log (e.g. before a restart) as duplicates, whatever their case', async () => {
    const { log, ledger, useCase } = given();
    const report = casualtyReport();
    ledger.remember([String(report['id']).toUpperCase()]);

    expect(await useCase.accept(inputs(report))).toEqual({ accepted: [], duplicates: [report['id']] });
    expect(log.messages).toEqual([]);
  });

  it('lets only one of two concurrent requests with the same new id write it', async () => {
    const { log, useCase } = given();
    let open: () => void = () => undefined;
    log.hold = new Promise<void>((resolve) => (open = resolve));
    const report = casualtyReport();

    const first = useCase.accept(inputs(report));
    const second = useCase.accept(inputs(report));
    open();
    log.hold = undefined;

    const answers = await Promise.all([first, second]);
    expect(answers).toEqual([
      { accepted: [report['id']], duplicates: [] },
      { accepted: [], duplicates: [report['id']] },
    ]);
    expect(log.ids()).toEqual([report['id']]);
  });

  it('reports an unavailable log, writes nothing, and succeeds when the same batch is sent again', async () => {
    const { log, useCase, ledger } = given();
    const batch = inputs(...reportBatch(3));
    log.failNext = 1;

    await expect(useCase.accept(batch)).rejects.toThrow(EventLogUnavailableError);
    expect(log.messages).toEqual([]);
    expect(ledger.pendingCount).toBe(0);

    expect((await useCase.accept(batch)).accepted).toHaveLength(3);
    expect(log.messages).toHaveLength(3);
  });

  it('splits a large batch into chunks and, after a failure half-way, writes only the missing part on retry', async () => {
    const { log, useCase } = given({ settings: { maxChunkBytes: 4 * 1024 } });
    const batch = inputs(...reportBatch(20));
    const hold = log.append.bind(log);
    let calls = 0;
    log.append = async (messages) => {
      calls += 1;
      if (calls === 2) throw new Error('broker went away');
      return hold(messages);
    };

    await expect(useCase.accept(batch)).rejects.toThrow(EventLogUnavailableError);
    const writtenFirst = log.messages.length;
    expect(writtenFirst).toBeGreaterThan(0);
    expect(writtenFirst).toBeLessThan(20);

    const retry = await useCase.accept(batch);
    expect(retry.duplicates).toHaveLength(writtenFirst);
    expect(retry.accepted).toHaveLength(20 - writtenFirst);
    expect(new Set(log.ids()).size).toBe(20);
    expect(log.ids()).toHaveLength(20);
  });

  it('answers unavailable at the deadline, and a late acknowledgement still counts: the retry is a duplicate', async () => {
    const { log, useCase, ledger } = given({ settings: { deadlineMs: 50 } });
    let ack: () => void = () => undefined;
    log.hold = new Promise<void>((resolve) => (ack = resolve));
    const batch = inputs(casualtyReport());

    await expect(useCase.accept(batch)).rejects.toThrow(/did not acknowledge the events within 0.05 s/);
    expect(ledger.pendingCount).toBe(1);

    ack();
    log.hold = undefined;
    await new Promise((resolve) => setImmediate(resolve));
    expect(await useCase.accept(batch)).toEqual({ accepted: [], duplicates: [batch[0]?.id] });
    expect(log.messages).toHaveLength(1);
  });

  it('counts accepted events, duplicates, rejections and produce time', async () => {
    const seen = { accepted: 0, duplicates: 0, rejected: [] as string[], produced: 0 };
    const { log, useCase } = given({
      metrics: {
        accepted: (n) => (seen.accepted += n),
        duplicates: (n) => (seen.duplicates += n),
        rejected: (reason) => seen.rejected.push(reason),
        produced: () => (seen.produced += 1),
      },
    });
    const batch = inputs(...reportBatch(2));
    await useCase.accept(batch);
    await useCase.accept(batch);
    log.failNext = 1;
    await expect(useCase.accept(inputs(casualtyReport()))).rejects.toThrow();
    expect(seen).toEqual({ accepted: 2, duplicates: 2, rejected: ['kafka_unavailable'], produced: 1 });
  });
});
