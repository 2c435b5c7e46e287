import { serialiseState, theatreStateView, theatreSummary } from '@watchfloor/crisis-state';
import type { SubscriptionHandlers } from '../../../lib/live/live-client';
import type { ChannelRequest } from '../../../lib/live/messages';
import { eventsOf, foldTheatre, iso } from '../../../testing/scenario';
import { TheatreStream } from './theatre-stream';

const fakeLive = () => {
  const subscriptions: { request: ChannelRequest; handlers: SubscriptionHandlers; active: boolean }[] = [];
  return {
    subscriptions,
    subscribe(request: ChannelRequest, handlers: SubscriptionHandlers) {
      const entry = { request, handlers, active: true };
      subscriptions.push(entry);
      return () => {
        entry.active = false;
      };
    },
  };
};

const at = new Date(iso('2022-01-11T00:00:00Z'));

describe('TheatreStream', () => {
  it('folds a snapshot and the deltas after it into the same view the server computes', () => {
    const live = fakeLive();
    const frames: (() => void)[] = [];
    const stream = new TheatreStream(live, 'kz', (callback) => frames.push(callback));
    stream.start();
    const [subscription] = live.subscriptions;
    expect(subscription?.request).toEqual({ channel: 'theatre', theatre: 'kz' });

    const kz = eventsOf('kz');
    const snapshotState = foldTheatre('kz', kz.slice(0, 5));
    subscription?.handlers.onSnapshot({ state: JSON.parse(JSON.stringify(serialiseState(snapshotState))), summary: theatreSummary(snapshotState, at) }, '0:5');
    for (const event of kz.slice(5)) subscription?.handlers.onDelta(JSON.parse(JSON.stringify({ event })), '0:6');
    // A redelivered event changes nothing.
    subscription?.handlers.onDelta({ event: kz[2] }, '0:2');

    frames.splice(0).forEach((frame) => frame());
    const snapshot = stream.store.getSnapshot();
    expect(snapshot.phase).toBe('ready');
    if (!snapshot.state) throw new Error('no state');
    expect(theatreStateView(snapshot.state, at)).toEqual(theatreStateView(foldTheatre('kz'), at));
    expect(frames).toHaveLength(0);
  });

  it('reports an unreadable snapshot instead of half restoring it', () => {
    const live = fakeLive();
    const stream = new TheatreStream(live, 'kz', (callback) => callback());
    stream.start();
    live.subscriptions[0]?.handlers.onSnapshot({ state: { format: 'something else' } }, '0:0');
    expect(stream.store.getSnapshot()).toMatchObject({ phase: 'error', state: undefined });
    expect(stream.store.getSnapshot().error).toMatch(/unreadable snapshot/);
  });

  it('counts deltas that fail the contract and keeps going', () => {
    const live = fakeLive();
    const stream = new TheatreStream(live, 'kz', (callback) => callback());
    stream.start();
    const handlers = live.subscriptions[0]?.handlers;
    handlers?.onSnapshot({ state: serialiseState(foldTheatre('kz', [])) }, '');
    handlers?.onDelta({ event: { id: 'broken' } }, '0:1');
    handlers?.onDelta({ event: eventsOf('kz')[0] }, '0:2');
    expect(stream.store.getSnapshot()).toMatchObject({ rejected: 1 });
    expect(stream.store.getSnapshot().state?.applied.size).toBe(1);
  });

  it('stays on its state while resyncing and unsubscribes when stopped', () => {
    const live = fakeLive();
    const stream = new TheatreStream(live, 'kz', (callback) => callback());
    stream.start();
    const handlers = live.subscriptions[0]?.handlers;
    handlers?.onSnapshot({ state: serialiseState(foldTheatre('kz')) }, '0:18');
    handlers?.onResync?.('fell behind');
    expect(stream.store.getSnapshot().phase).toBe('resyncing');
    expect(stream.store.getSnapshot().state?.applied.size).toBe(eventsOf('kz').length);
    stream.stop();
    expect(live.subscriptions[0]?.active).toBe(false);
  });
});
