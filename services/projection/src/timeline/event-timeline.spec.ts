import { EVENT_TYPES, type CrisisEvent } from '@watchfloor/events';
import { scenario } from '../testing/events';
import { EventArchive } from './event-archive';
import { EventTimeline, type TimelineRecord } from './event-timeline';
import { SortedIndex } from './sorted-index';

const recordOf = (event: CrisisEvent, offset: number, raw = Buffer.from(JSON.stringify(event))): TimelineRecord => ({
  point: { partition: offset % 3, offset },
  id: event.id,
  theatre: event.theatre,
  type: event.type,
  occurredAt: Date.parse(event.occurredAt),
  recordedAt: Date.parse(event.recordedAt),
  reliability: event.sources[0]?.reliability ?? 'F',
  verification: event.verification,
  schemaVersion: EVENT_TYPES[event.type].version,
  raw,
});

const byOccurred = (a: CrisisEvent, b: CrisisEvent) =>
  Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || Date.parse(a.recordedAt) - Date.parse(b.recordedAt) || (a.id < b.id ? -1 : 1);

describe('SortedIndex', () => {
  it('keeps any insertion order sorted, across chunk splits', () => {
    const keys = Array.from({ length: 10_000 }, (_, i) => (i * 7919) % 10_007);
    const index = new SortedIndex((a, b) => (keys[a] ?? 0) - (keys[b] ?? 0) || a - b);
    keys.forEach((_, entry) => index.insert(entry));
    const seen: number[] = [];
    index.forward(index.start(), (entry) => seen.push(keys[entry] ?? 0) > 0);
    expect(seen).toEqual([...keys].sort((a, b) => a - b));
    const backwards: number[] = [];
    index.backward(index.end(), (entry) => backwards.push(keys[entry] ?? 0) > 0);
    expect(backwards).toEqual([...seen].reverse());
    const from = index.lowerBound((entry) => (keys[entry] ?? 0) - 5000);
    let first = -1;
    index.forward(from, (entry) => ((first = keys[entry] ?? -1), false));
    expect(first).toBe(5000);
  });
});

describe('EventArchive', () => {
  it('gives back every body, from open, sealed and compressed slabs', async () => {
    const archive = new EventArchive({ slabBytes: 64, cachedSlabs: 1 });
    const bodies = Array.from({ length: 50 }, (_, i) => Buffer.from(`{"n":${i},"pad":"${'x'.repeat(i % 40)}"}`));
    const refs = bodies.map((body) => archive.append(body));
    refs.forEach((ref, i) => expect(archive.read(ref).toString()).toBe(bodies[i]?.toString()));
    await archive.settled();
    refs.forEach((ref, i) => expect(archive.read(ref).toString()).toBe(bodies[i]?.toString()));
    expect(archive.stats().slabs).toBeGreaterThan(10);
  });

  it('compresses event JSON several times over', async () => {
    const archive = new EventArchive({ slabBytes: 32 * 1024 });
    for (let i = 0; i < 20; i += 1) for (const event of scenario) archive.append(Buffer.from(JSON.stringify({ ...event, id: `${i}` })));
    await archive.settled();
    const stats = archive.stats();
    expect(stats.storedBytes).toBeLessThan(stats.rawBytes / 3);
  });
});

describe('EventTimeline', () => {
  // The scenario appended newest first, so every insert lands out of order.
  const timeline = new EventTimeline({ slabBytes: 2048 });
  [...scenario].reverse().forEach((event, i) => timeline.append(recordOf(event, i)));
  const ordered = [...scenario].sort(byOccurred);
  const ids = (entries: readonly number[]) => entries.map((entry) => timeline.event(entry).id);

  it('serves every event back as it was, in occurredAt order', () => {
    const page = timeline.page({}, { limit: 500, order: 'asc' });
    expect(ids(page.entries)).toEqual(ordered.map((e) => e.id));
    expect(page.next).toBeUndefined();
    expect(timeline.event(page.entries[0] ?? -1)).toEqual(ordered[0]);
  });

  it('pages with a key, in both orders, without gaps or repeats', () => {
    const collect = (order: 'asc' | 'desc') => {
      const seen: string[] = [];
      let after = undefined as ReturnType<EventTimeline['keyOf']> | undefined;
      for (;;) {
        const page = timeline.page({}, { limit: 4, order, ...(after && { after }) });
        seen.push(...ids(page.entries));
        if (page.next === undefined) return seen;
        after = page.next;
      }
    };
    expect(collect('asc')).toEqual(ordered.map((e) => e.id));
    expect(collect('desc')).toEqual(ordered.map((e) => e.id).reverse());
  });

  it('filters by theatre, type, time, reliability and verification', () => {
    const from = Date.parse('2022-01-06T00:00:00Z');
    const to = Date.parse('2022-01-08T00:00:00Z');
    const page = timeline.page({ theatres: new Set(['kz']), types: new Set(['casualties.reported', 'troops.deployed']), from, to }, { limit: 50, order: 'asc' });
    const expected = ordered.filter(
      (e) => e.theatre === 'kz' && ['casualties.reported', 'troops.deployed'].includes(e.type) && Date.parse(e.occurredAt) >= from && Date.parse(e.occurredAt) < to,
    );
    expect(expected.length).toBeGreaterThan(2);
    expect(ids(page.entries)).toEqual(expected.map((e) => e.id));
    const reliable = timeline.page({ minReliability: 'B', verification: new Set(['unverified']) }, { limit: 50, order: 'asc' });
    expect(ids(reliable.entries)).toEqual(ordered.filter((e) => ['A', 'B'].includes(e.sources[0]?.reliability ?? 'F') && e.verification === 'unverified').map((e) => e.id));
  });

  it('gives the newest matching events first', () => {
    expect(ids(timeline.newest({ theatres: new Set(['ua-border']) }, 2))).toEqual(
      ordered.filter((e) => e.theatre === 'ua-border').map((e) => e.id).reverse().slice(0, 2),
    );
  });

  it('keeps the log point and key of each entry', () => {
    const entry = timeline.page({}, { limit: 1, order: 'asc' }).entries[0] ?? -1;
    const first = ordered[0];
    expect(timeline.keyOf(entry)).toEqual({ occurredAt: Date.parse(first?.occurredAt ?? ''), recordedAt: Date.parse(first?.recordedAt ?? ''), id: first?.id });
    expect(timeline.fields(entry).point.offset).toBe(scenario.length - 1 - scenario.findIndex((e) => e.id === first?.id));
  });
});
