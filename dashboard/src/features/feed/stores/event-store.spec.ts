import { eventsOf, scenario } from '../../../testing/scenario';
import { EventStore } from './event-store';

const stepped = () => {
  const frames: (() => void)[] = [];
  return { frames, request: (callback: () => void) => void frames.push(callback), flush: () => frames.splice(0).forEach((f) => f()) };
};

describe('EventStore', () => {
  it('keeps each event once by id, newest recorded first, published once per frame', () => {
    const frame = stepped();
    const store = new EventStore(100, frame.request);
    store.add(scenario);
    store.add(scenario);
    expect(frame.frames).toHaveLength(1);
    frame.flush();
    const { events } = store.store.getSnapshot();
    expect(events).toHaveLength(scenario.length);
    expect(events.every((e, i) => i === 0 || Date.parse(events[i - 1]?.recordedAt ?? '') >= Date.parse(e.recordedAt))).toBe(true);
  });

  it('holds at most its capacity: the oldest arrivals fall out', () => {
    const frame = stepped();
    const store = new EventStore(5, frame.request);
    store.add(scenario);
    frame.flush();
    const { events, byId } = store.store.getSnapshot();
    expect(events).toHaveLength(5);
    expect(byId.size).toBe(5);
    expect(store.get(scenario[0]?.id ?? '')).toBeUndefined();
    expect(store.get(scenario[scenario.length - 1]?.id ?? '')).toBeDefined();
  });

  it('takes the feed channel’s snapshot and deltas, dropping what fails the contract', () => {
    const frame = stepped();
    const store = new EventStore(100, frame.request);
    const handlers = store.handlers();
    const kz = eventsOf('kz');
    handlers.onSnapshot({ events: [...kz.slice(0, 3)].reverse() }, '0:3');
    handlers.onDelta({ event: kz[3] }, '0:3');
    handlers.onDelta({ event: { id: 'broken' } }, '0:4');
    frame.flush();
    const snapshot = store.store.getSnapshot();
    expect(snapshot.status).toBe('live');
    expect(snapshot.events).toHaveLength(4);
    expect(snapshot.rejected).toBe(1);
  });
});
