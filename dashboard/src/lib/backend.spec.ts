import { serialiseState, theatreStateView, theatreSummary } from '@watchfloor/crisis-state';
import { foldTheatre, scenario } from '../testing/scenario';
import { ApiError, createBackend, readEventPage, readTheatreList, readTheatres, readTheatreState, urls, type Fetch } from './backend';

const at = new Date('2022-01-08T00:00:00Z');

describe('the query API readers', () => {
  const summary = theatreSummary(foldTheatre('kz'), at);

  it('read the theatre list whether it is an array or wrapped, with or without names', () => {
    expect(readTheatres({ theatres: [{ id: 'kz', name: 'Kazakhstan', summary }] })).toEqual([{ id: 'kz', name: 'Kazakhstan', summary }]);
    expect(readTheatres([summary])).toEqual([{ id: 'kz', summary }]);
    expect(readTheatres(['kz', { theatre: 'ua-border' }, 42])).toEqual([{ id: 'kz' }, { id: 'ua-border' }]);
    expect(readTheatres({ theatres: [{ id: 'kz', bounds: { south: 1, west: 2, north: 3, east: 4 } }] })[0]?.bounds).toEqual({ south: 1, west: 2, north: 3, east: 4 });
  });

  it('read the projection service’s list: summaries under `theatres`, with the world clock', () => {
    expect(readTheatreList({ evaluatedAt: '2022-01-10T16:30:00.000Z', position: '0:18', theatres: [summary] })).toEqual({
      theatres: [{ id: 'kz', summary }],
      evaluatedAt: Date.parse('2022-01-10T16:30:00.000Z'),
    });
  });

  it('read the state response as the view alone or wrapped, with the serialised state when sent', () => {
    const state = foldTheatre('kz');
    const view = theatreStateView(state, at);
    expect(readTheatreState(view).view).toBe(view);
    expect(readTheatreState({ theatre: 'kz', asOf: at.toISOString(), view })).toEqual({ view });
    // The projection service's answer: the view under `state`.
    expect(readTheatreState({ theatre: 'kz', asOf: null, basis: null, evaluatedAt: at.toISOString(), position: '0:18', state: view })).toEqual({ view });
    const both = readTheatreState({ view, state: serialiseState(state) });
    expect(both.state?.facts).toHaveLength(state.timeline.length);
    expect(() => readTheatreState({ nothing: true })).toThrow(ApiError);
  });

  it('read an event page through the contract’s parser, dropping what does not pass', () => {
    expect(readEventPage({ events: [], next: null }).nextCursor).toBeUndefined();
    const page = readEventPage({ events: [scenario[0], { id: 'nope' }], next: 'c2' });
    expect(page.events.map((e) => e.id)).toEqual([scenario[0]?.id]);
    expect(page.rejected).toBe(1);
    expect(page.nextCursor).toBe('c2');
  });

  it('build the URLs of the SPEC', () => {
    expect(urls.theatreState('ua-border', at, 'recorded')).toBe('/api/theatres/ua-border/state?asOf=2022-01-08T00%3A00%3A00.000Z&basis=recorded');
    expect(urls.theatreState('kz')).toBe('/api/theatres/kz/state');
    expect(urls.events({ theatre: 'kz', type: 'casualties.reported', limit: 50, cursor: undefined })).toBe('/api/events?theatre=kz&type=casualties.reported&limit=50');
  });
});

describe('createBackend', () => {
  it('sends the reader key as a bearer token', async () => {
    const calls: { url: string; headers?: Record<string, string> | undefined }[] = [];
    const fetchImpl: Fetch = async (url, init) => {
      calls.push({ url, headers: init?.headers });
      return { ok: true, status: 200, json: async () => ({ theatres: ['kz'] }) };
    };
    await expect(createBackend(fetchImpl, 'r3ad').theatres()).resolves.toEqual({ theatres: [{ id: 'kz' }] });
    expect(calls[0]?.headers?.['Authorization']).toBe('Bearer r3ad');
  });

  it('says a key is needed when the server answers 401', async () => {
    const fetchImpl: Fetch = async () => ({ ok: false, status: 401, json: async () => ({}) });
    await expect(createBackend(fetchImpl, undefined).theatres()).rejects.toThrow(/reader key is needed/);
  });
});
