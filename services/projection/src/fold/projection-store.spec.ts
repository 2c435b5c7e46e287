import { theatreStateView } from '@watchfloor/crisis-state';
import { CE_HEADERS, decodeEvent, type AlertRaised, type CrisisEvent } from '@watchfloor/events';
import { decodeSnapshot, encodeSnapshot, snapshotHead } from '../snapshots/snapshot-format';
import { encoded, eventMessage, scenario } from '../testing/events';
import type { Delta } from './delta-history';
import { formatVector } from './position-vector';
import { ProjectionStore, type IncomingEvent } from './projection-store';

const at = new Date('2022-01-12T00:00:00Z');
const byOccurred = [...scenario].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
const incoming = (event: CrisisEvent, offset: number): IncomingEvent => ({ offset, event, schemaVersion: 1, raw: Buffer.from(encoded(event).value) });

/** The scenario on two partitions: kz on 0, ua-border on 1, offsets in order. */
const onPartitions = () => {
  const offsets = new Map<number, number>();
  return byOccurred.map((event) => {
    const partition = event.theatre === 'kz' ? 0 : 1;
    const offset = offsets.get(partition) ?? 0;
    offsets.set(partition, offset + 1);
    return { partition, item: incoming(event, offset) };
  });
};

const foldAll = (store: ProjectionStore) => {
  for (const { partition, item } of onPartitions()) store.applyBatch(partition, item.offset + 1, [item]);
};

describe('ProjectionStore', () => {
  it('folds batches per theatre and moves the positions past them', () => {
    const store = new ProjectionStore();
    const seen: Delta[] = [];
    store.onDeltas((deltas) => seen.push(...deltas));
    foldAll(store);
    expect(store.theatreIds()).toEqual(['kz', 'ua-border']);
    const kz = scenario.filter((e) => e.theatre === 'kz');
    expect(store.state('kz')?.applied.size).toBe(kz.length);
    expect(formatVector(store.positions())).toBe(`0:${kz.length},1:${scenario.length - kz.length}`);
    expect(seen.map((d) => JSON.parse(d.eventJson()).id)).toEqual(byOccurred.map((e) => e.id));
    expect(store.timeline.size).toBe(scenario.length);
    expect(store.eventsApplied).toBe(scenario.length);
  });

  it('tells live listeners the very JSON the timeline serves, from the event just decoded', () => {
    const store = new ProjectionStore();
    // As the fold hands them over: decoded by the contract from the bytes on the log.
    const decoded = byOccurred.map((event, offset) => {
      const message = eventMessage(event, 0, offset);
      const result = decodeEvent(message);
      if (!result.ok) throw new Error(result.reason);
      return { offset, event: result.event, schemaVersion: result.schemaVersion, raw: message.value ?? Buffer.alloc(0) };
    });
    const told: string[] = [];
    store.onDeltas((deltas) => told.push(...deltas.map((d) => d.eventJson())));
    store.applyBatch(0, decoded.length, decoded);
    expect(told).toEqual(byOccurred.map((_, entry) => JSON.stringify(store.timeline.event(entry))));
    // Asked for only later (a resuming client), a delta reads the timeline's copy: the same text.
    const quiet = new ProjectionStore();
    quiet.applyBatch(0, decoded.length, decoded);
    const missed = quiet.history.since(new Map([[0, 0]]), {});
    expect(missed.ok && missed.deltas.map((d) => d.eventJson())).toEqual(told);
  });

  it('applies a redelivered batch once, and still moves past it', () => {
    const store = new ProjectionStore();
    const first = scenario.filter((e) => e.theatre === 'kz').slice(0, 3).map(incoming);
    store.applyBatch(0, 3, first);
    const again = store.applyBatch(0, 6, first.map((item, i) => ({ ...item, offset: i + 3 })));
    expect(again).toMatchObject({ applied: 0, duplicates: 3 });
    expect(store.positions().get(0)).toBe(6);
    expect(store.timeline.size).toBe(3);
    expect(store.history.size).toBe(3);
  });

  it('raises alerts only once alerting has started, and tells its listeners', () => {
    const quiet = new ProjectionStore({ clock: () => at });
    foldAll(quiet);
    expect(quiet.alerting).toBe(false);

    const live = new ProjectionStore({ clock: () => at });
    live.startAlerting();
    const heard: AlertRaised[] = [];
    live.onAlerts((alerts) => heard.push(...alerts.map((a) => a.alert)));
    foldAll(live);
    expect(heard.length).toBeGreaterThan(0);
    expect(heard.every((a) => a.raisedAt === at.toISOString())).toBe(true);
  });

  it('restores from its own snapshot to equal states, positions and bands', async () => {
    const store = new ProjectionStore({ clock: () => at });
    store.startAlerting();
    foldAll(store);
    const cut = store.cut('crisis.events');
    const body = await encodeSnapshot(cut);
    const decoded = await decodeSnapshot(snapshotHead({ projectionId: 'p', snapshotId: 's', takenAt: at, cut, encoded: body }), body.chunks);
    if (!decoded.ok) throw new Error(decoded.reason);

    const restored = new ProjectionStore({ clock: () => at });
    expect(restored.restore(decoded.value)).toEqual({ ok: true });
    expect(formatVector(restored.positions())).toBe(formatVector(store.positions()));
    expect(restored.alerting).toBe(true);
    for (const theatre of store.theatreIds()) {
      const original = store.state(theatre);
      const copy = restored.state(theatre);
      if (!original || !copy) throw new Error(`no ${theatre}`);
      expect(theatreStateView(copy, at)).toEqual(theatreStateView(original, at));
    }
    // The events below the snapshot's positions only warm the timeline, each once.
    for (const { partition, item } of [...onPartitions(), ...onPartitions()]) {
      const message = encoded(item.event);
      restored.warmBatch(partition, [{ offset: item.offset, key: message.key, eventId: message.headers[CE_HEADERS.id], ceType: message.headers[CE_HEADERS.type], raw: item.raw }]);
    }
    expect(restored.timeline.size).toBe(scenario.length);
    expect(restored.history.size).toBe(scenario.length);
    expect(restored.eventsApplied).toBe(0);
  });

  it('evaluates live views at the latest occurredAt, never past now', () => {
    const store = new ProjectionStore();
    foldAll(store);
    const latest = Math.max(...scenario.map((e) => Date.parse(e.occurredAt)));
    expect(store.worldClock(new Date('2030-01-01T00:00:00Z')).getTime()).toBe(latest);
    expect(store.worldClock(new Date('2022-01-05T00:00:00Z')).toISOString()).toBe('2022-01-05T00:00:00.000Z');
  });
});
