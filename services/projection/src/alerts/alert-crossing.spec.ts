import { createProjector, deserialiseState, serialiseState, type TheatreState } from '@watchfloor/crisis-state';
import { alertRaised, recordEvent, type AlertBand, type AlertRaised, type CrisisEvent } from '@watchfloor/events';
import { SCENARIO_EVENT_IDS as ids, createSyntheticGenerator } from '@watchfloor/scenario';
import { scenario } from '../testing/events';
import { alertIdOf, BandTracker, crossingAlert, crossingIndex, nameBasedUuid, REASONS_PER_ALERT } from './alert-crossing';

const raisedAt = new Date('2022-01-07T00:00:00.000Z');
const kz = scenario.filter((e) => e.theatre === 'kz').sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));

/** Folds the theatre event by event and collects the alerts a tracker raises. */
const alertsOf = (events = kz, tracker = new BandTracker()) => {
  const projector = createProjector('kz');
  return events.flatMap((event) => {
    if (projector.apply(event) !== 'applied') return [];
    const alert = tracker.judge(projector.state, event.id, raisedAt);
    return alert ? [alert] : [];
  });
};

describe('alert ids', () => {
  it('are RFC 9562 version 5 UUIDs, the same for the same name', () => {
    const id = nameBasedUuid('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com');
    // The RFC's own example of a v5 UUID in the DNS namespace.
    expect(id).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    expect(alertIdOf('kz', 'low', 'high', ids.cstoDeploying)).toBe(alertIdOf('kz', 'low', 'high', ids.cstoDeploying));
    expect(alertIdOf('kz', 'low', 'high', ids.cstoDeploying)).not.toBe(alertIdOf('kz', 'low', 'severe', ids.cstoDeploying));
  });
});

describe('band crossings in the seed scenario', () => {
  const alerts = alertsOf();

  it('raises valid alerts, up while Almaty burns and down once order is restored', () => {
    expect(alerts.length).toBeGreaterThanOrEqual(2);
    for (const alert of alerts) expect(alertRaised.safeParse(alert).success).toBe(true);
    expect(alerts[0]).toMatchObject({ theatre: 'kz', previousBand: 'low', direction: 'up' });
    expect(alerts.some((a) => a.direction === 'down')).toBe(true);
    alerts.slice(1).forEach((alert, i) => expect(alert.previousBand).toBe(alerts[i]?.band));
  });

  it('names the events that weighed most', () => {
    const first = alerts[0];
    expect(first?.reasons.length).toBeGreaterThan(0);
    expect(first?.reasons.every((r) => kz.some((e) => e.id === r.eventId))).toBe(true);
  });

  it('raises the same alerts, with the same ids, when the theatre is folded again', () => {
    expect(alertsOf().map((a) => a.id)).toEqual(alerts.map((a) => a.id));
  });

  it('raises nothing for a redelivered event or a band that did not move', () => {
    const tracker = new BandTracker();
    const once = alertsOf(kz, tracker);
    expect(once.length).toBeGreaterThan(0);
    const projector = createProjector('kz');
    kz.forEach((e) => projector.apply(e));
    const last = kz[kz.length - 1];
    expect(last && tracker.judge(projector.state, last.id, raisedAt)).toBeUndefined();
  });

  it('starts from the band it is given (after a catch-up or a snapshot)', () => {
    const projector = createProjector('kz');
    kz.forEach((e) => projector.apply(e));
    const tracker = new BandTracker();
    tracker.settle(projector.state);
    expect(tracker.entries()).toEqual([['kz', crossingIndex(projector.state, 0).band]]);
  });
});

/** The judging BandTracker replaced: the full index after every event. Its alerts are the reference. */
const fullJudge = () => {
  const bands = new Map<string, AlertBand>();
  return (state: TheatreState, causedBy: string): AlertRaised | undefined => {
    const previousBand = bands.get(state.theatre) ?? 'low';
    const band = crossingIndex(state, 0).band;
    bands.set(state.theatre, band);
    return band === previousBand ? undefined : crossingAlert({ theatre: state.theatre, previousBand, index: crossingIndex(state, REASONS_PER_ALERT), causedBy, raisedAt });
  };
};

/** A busy synthetic theatre: thousands of events over months, one in seven recorded up to two days late. */
const busyTheatre: readonly CrisisEvent[] = createSyntheticGenerator({ seed: 11, theatres: 1, startAt: '2022-01-01T00:00:00Z', ratePerSecond: 1 / 1800 })
  .take(6000)
  .map((input, i) => recordEvent(input, new Date(Date.parse(input.occurredAt) + (i % 7 === 0 ? (i * 7919) % 172_800_000 : 60_000))));
const busyId = busyTheatre[0]?.theatre ?? '';
/** Arrival order: late reports arrive late. */
const busyArrivals = [...busyTheatre].sort((a, b) => Date.parse(a.recordedAt) - Date.parse(b.recordedAt));

const judgedBy = (judge: (state: TheatreState, causedBy: string) => AlertRaised | undefined, events: readonly CrisisEvent[], start: TheatreState | string = busyId) => {
  const projector = createProjector(start);
  const alerts = events.flatMap((event) => {
    if (projector.apply(event) !== 'applied') return [];
    const alert = judge(projector.state, event.id);
    return alert ? [alert] : [];
  });
  return { alerts, state: projector.state };
};

describe('judging by the running index', () => {
  const reference = judgedBy(fullJudge(), busyArrivals).alerts;

  it('raises exactly the alerts the full index raises, in a busy theatre with late reports and corrections', () => {
    expect(busyArrivals.some((e) => e.supersedes !== undefined)).toBe(true);
    expect(reference.length).toBeGreaterThan(10);
    const tracker = new BandTracker();
    expect(judgedBy((state, causedBy) => tracker.judge(state, causedBy, raisedAt), busyArrivals).alerts).toEqual(reference);
  });

  it('raises the same alerts after a restart from a snapshot, its bands and the log after it', () => {
    const cut = Math.floor(busyArrivals.length * 0.6);
    const before = new BandTracker();
    const first = judgedBy((state, causedBy) => before.judge(state, causedBy, raisedAt), busyArrivals.slice(0, cut));
    const restored = deserialiseState(JSON.parse(JSON.stringify(serialiseState(first.state))));
    if (!restored.ok) throw new Error(restored.error);
    const after = new BandTracker(before.entries());
    const second = judgedBy((state, causedBy) => after.judge(state, causedBy, raisedAt), busyArrivals.slice(cut), restored.state);
    expect([...first.alerts, ...second.alerts]).toEqual(reference);
  });

  it('follows a theatre again when it is handed a different state of it', () => {
    const tracker = new BandTracker();
    const half = busyArrivals.slice(0, 3000);
    judgedBy((state, causedBy) => tracker.judge(state, causedBy, raisedAt), half);
    // Another projector of the same theatre (a replica's, a restored one): its own facts count, not the first one's.
    const other = judgedBy((state, causedBy) => tracker.judge(state, causedBy, raisedAt), busyArrivals.slice(0, 100));
    expect(tracker.entries()).toEqual([[busyId, crossingIndex(other.state, 0).band]]);
  });

  it('settles on the band of the full index', () => {
    const { state } = judgedBy(() => undefined, busyArrivals);
    const tracker = new BandTracker();
    tracker.settle(state);
    expect(tracker.entries()).toEqual([[busyId, crossingIndex(state, 0).band]]);
  });
});

describe('crossingAlert', () => {
  it('is undefined when the band did not change', () => {
    const projector = createProjector('kz');
    const index = crossingIndex(projector.state, 5);
    expect(crossingAlert({ theatre: 'kz', previousBand: index.band, index, causedBy: ids.cstoDeploying, raisedAt })).toBeUndefined();
  });
});
