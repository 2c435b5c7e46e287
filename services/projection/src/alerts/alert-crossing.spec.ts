import { createProjector } from '@watchfloor/crisis-state';
import { alertRaised } from '@watchfloor/events';
import { SCENARIO_EVENT_IDS as ids } from '@watchfloor/scenario';
import { scenario } from '../testing/events';
import { alertIdOf, BandTracker, crossingAlert, crossingIndex, nameBasedUuid } from './alert-crossing';

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

describe('crossingAlert', () => {
  it('is undefined when the band did not change', () => {
    const projector = createProjector('kz');
    const index = crossingIndex(projector.state, 5);
    expect(crossingAlert({ theatre: 'kz', previousBand: index.band, index, causedBy: ids.cstoDeploying, raisedAt })).toBeUndefined();
  });
});
