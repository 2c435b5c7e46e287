import { foldEvents, serialiseState, stateAsOf, theatreStateView, theatreSummary } from '@watchfloor/crisis-state';
import type { CrisisEvent } from '@watchfloor/events';
import { createBackend, type Fetch } from '../lib/backend';
import { fixedClock } from '../lib/clock';
import { HashRouter } from '../lib/hash-route';
import { LiveClient, type SocketLike } from '../lib/live/live-client';
import type { Services } from '../lib/services';
import { scenario } from './scenario';

/**
 * The app's services over the seed scenario, in memory: a query API answering with the
 * projection service's shapes (services/projection), and a live socket answering subscriptions
 * with snapshots.
 */
export const fakeServices = (now: number, events: readonly CrisisEvent[] = scenario): Services & { dispose(): void; requests: string[] } => {
  const theatres = [...new Set(events.map((e) => e.theatre))];
  const stateOf = (theatre: string) => foldEvents(events, theatre);
  const requests: string[] = [];
  const worldClock = (): Date => new Date(Math.min(now, Math.max(...events.map((e) => Date.parse(e.occurredAt)))));
  const fetchImpl: Fetch = async (url) => {
    requests.push(url);
    const parsed = new URL(url, 'http://localhost');
    const reply = (body: unknown) => ({ ok: true, status: 200, json: async () => body });
    if (parsed.pathname === '/api/theatres') {
      return reply({ evaluatedAt: worldClock().toISOString(), position: '0:18', theatres: theatres.map((id) => theatreSummary(stateOf(id), worldClock())) });
    }
    const match = /^\/api\/theatres\/([^/]+)\/state$/.exec(parsed.pathname);
    if (match?.[1]) {
      const asOf = parsed.searchParams.get('asOf');
      const at = asOf ? new Date(asOf) : worldClock();
      const basis = parsed.searchParams.get('basis') === 'recorded' ? 'recorded' : 'occurred';
      const view = theatreStateView(stateAsOf([], at, basis, stateOf(match[1])), at);
      return reply({ theatre: match[1], asOf, basis: asOf ? basis : null, evaluatedAt: at.toISOString(), position: '0:18', state: view });
    }
    if (parsed.pathname === '/api/events') {
      const theatre = parsed.searchParams.get('theatre');
      const type = parsed.searchParams.get('type');
      return reply({ events: events.filter((e) => (!theatre || e.theatre === theatre) && (!type || e.type === type)), next: null });
    }
    return { ok: false, status: 404, json: async () => ({}) };
  };
  const createSocket = (): SocketLike => {
    const socket: SocketLike & { readyState: number } = {
      readyState: 0,
      onopen: null,
      onclose: null,
      onerror: null,
      onmessage: null,
      send(data) {
        const message = JSON.parse(data) as { op: string; sub: string; channel: string; theatre?: string; filter?: { theatres?: string[] } };
        if (message.op !== 'subscribe') return;
        const answer = (body: unknown) => setTimeout(() => socket.onmessage?.({ data: JSON.stringify(body) }), 0);
        if (message.channel === 'theatre' && message.theatre) {
          const state = stateOf(message.theatre);
          answer({ kind: 'snapshot', sub: message.sub, channel: 'theatre', position: '0:18', data: { state: serialiseState(state), summary: theatreSummary(state, worldClock()) } });
        } else if (message.channel === 'feed') {
          const wanted = message.filter?.theatres;
          answer({ kind: 'snapshot', sub: message.sub, channel: 'feed', position: '0:18', data: { events: events.filter((e) => !wanted || wanted.includes(e.theatre)) } });
        }
      },
      close() {
        socket.readyState = 3;
      },
    };
    setTimeout(() => {
      socket.readyState = 1;
      socket.onopen?.({});
    }, 0);
    return socket;
  };
  const live = new LiveClient({ url: 'ws://test/live', createSocket });
  const router = new HashRouter(window);
  live.start();
  return {
    backend: createBackend(fetchImpl, undefined),
    live,
    router,
    clock: fixedClock(now),
    requests,
    dispose() {
      live.stop();
      router.dispose();
    },
  };
};
